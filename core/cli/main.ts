/**
 * rmq-workbench command line: scripts and CI jobs use the core without the app.
 * Every command prints JSON lines; failures print one line `error: …` and exit non-zero.
 */
import { ClientErrorCode, errorToJSON } from '../index.js';
import { runSend } from './send-command.js';
import { OPS_USAGE, opsCommands } from './ops-commands.js';
import { UsageError } from './args.js';

const USAGE = `usage: rmq-workbench <command> [options]
  send --namesrv HOST:PORT --topic T (--body TEXT | --body - | --body-file PATH) [--tag A] [--key K]...
       [--prop name=value]...
       [--mode sync|async|oneway] [--queue BROKER:ID] [--order-key K] [--batch N] [--count N]
       [--delay LEVEL] [--deliver-at EPOCH_MS] [--group G] [--timeout MS] [--retries N]
       [--serialize JSON|ROCKETMQ] [--ak AK --sk SK] [--namespace NS] [--fault-avoidance]
       [--behaviour java-5|java-4.9] [--log-level debug|info|warn|error]
       [--compress ZLIB|LZ4|ZSTD] [--compress-over BYTES] [--trace [--trace-topic T]]
       [--tls [--tls-ca CA.pem] [--tls-cert CERT.pem --tls-key KEY.pem] [--tls-insecure-skip-verify]]
       (--body - reads the body from stdin, --body-file from a file, as bytes: bodies up to the
        4 MiB message limit; one command-line argument is capped at 128 KiB by the OS;
        bodies of --compress-over bytes or more (default 4096) are compressed, ZLIB by default;
        --trace writes a message trace after each send (default topic RMQ_SYS_TRACE_TOPIC);
        --tls connects with TLS, checking the server against --tls-ca (default: system CAs);
        --tls-cert/--tls-key for mutual TLS; --tls-insecure-skip-verify checks nothing (tests only);
        --behaviour: which Java client's fault handling to follow, default java-5;
        client logs go to stderr from --log-level, default error:
        a failure stays one line)
${OPS_USAGE}
  (--namesrv defaults to $NAMESRV_ADDR, then 127.0.0.1:9876)`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  send: runSend,
  ...opsCommands,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return cmd ? 0 : 2;
  }
  const run = commands[cmd];
  if (!run) throw new UsageError(`unknown command '${cmd}'\n${USAGE}`);
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const j = errorToJSON(e);
    process.stderr.write(`error: ${j.message}${j.code !== ClientErrorCode.UNKNOWN_ERROR ? ` (code ${j.code})` : ''}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
