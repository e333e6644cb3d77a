/** npm run cluster | cluster:stop | mqadmin -- <args> */
import { killNode, mqadmin, pauseNode, PROFILES, restartNode, resumeNode, ROCKETMQ_VERSION, startCluster, stopCluster, stopNode } from './cluster.js';

const [cmd, ...rest] = process.argv.slice(2);
const profile = process.env.ROCKETMQ_CLUSTER ?? 'main';

async function main(): Promise<number> {
  switch (cmd) {
    case 'start': {
      const c = await startCluster(profile);
      process.stdout.write(
        `RocketMQ ${ROCKETMQ_VERSION} cluster '${profile}' ${c.reused ? 'already running' : 'started'}: ${c.brokers.map((b) => `${b.name}@${b.addr}`).join(', ')}\n`,
      );
      process.stdout.write(`NameServer: ${c.namesrvAddr}\n`);
      return 0;
    }
    case 'stop':
      await stopCluster(profile);
      process.stdout.write(`cluster '${profile}' stopped\n`);
      return 0;
    case 'mqadmin':
      return mqadmin(rest, { profile, inherit: true }).status;
    case 'node': {
      const [action, name] = rest;
      if (!action || !name) throw new Error('usage: node <stop|kill|pause|resume|restart> <namesrv|broker-a|…>');
      const actions: Record<string, () => Promise<void> | void> = {
        stop: () => stopNode(profile, name),
        kill: () => killNode(profile, name),
        pause: () => pauseNode(profile, name),
        resume: () => resumeNode(profile, name),
        restart: () => restartNode(profile, name),
      };
      const f = actions[action];
      if (!f) throw new Error(`unknown action '${action}'`);
      await f();
      return 0;
    }
    default:
      process.stderr.write(`usage: cli.ts start|stop|mqadmin <args>|node <action> <name>   (ROCKETMQ_CLUSTER=${Object.keys(PROFILES).join('|')})\n`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  },
);
