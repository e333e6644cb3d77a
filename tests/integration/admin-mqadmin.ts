/**
 * RocketMQ's own mqadmin, many subcommands in ONE JVM: each `mqadmin` process costs 5-10 s of
 * JVM start-up on a 2-core box, so the admin cross-checks run their subcommands through
 * MQAdminStartup.main0 in a single Java process (a source-file program compiled on the fly)
 * and split stdout by markers. Same classes, same output as the mqadmin command line.
 * Plus parsers for the reports the admin tests compare against.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureJars } from '../cluster/cluster.js';

const SOURCE = `
import java.io.*;
import java.nio.file.*;
import java.util.*;
public class MqadminBatch {
  public static void main(String[] a) throws Exception {
    List<String> lines = Files.readAllLines(Paths.get(a[0]));
    PrintStream out = System.out;
    System.setErr(out);
    for (int i = 0; i < lines.size(); i++) {
      out.println("@@@MQADMIN-BEGIN " + i);
      out.flush();
      try {
        org.apache.rocketmq.tools.command.MQAdminStartup.main0(lines.get(i).split("\\t"), null);
      } catch (Throwable t) {
        t.printStackTrace(out);
      }
      out.println();
      out.println("@@@MQADMIN-END " + i);
      out.flush();
    }
    System.exit(0);
  }
}
`;

const JVM_FLAGS = ['-XX:+IgnoreUnrecognizedVMOptions', '--add-opens', 'java.base/java.nio=ALL-UNNAMED', '--add-opens', 'java.base/java.lang=ALL-UNNAMED'];
const LOGBACK_STATUS = /^\d\d:\d\d:\d\d,\d+ \|-/;

/** Runs each argument list as one mqadmin subcommand (with -n appended); returns each one's output. */
export function mqadminBatch(namesrv: string, commands: string[][]): string[] {
  const lib = ensureJars();
  const dir = join(tmpdir(), 'rocketmq-workbench', 'mqadmin-batch');
  mkdirSync(dir, { recursive: true });
  const src = join(dir, 'MqadminBatch.java');
  writeFileSync(src, SOURCE);
  const list = join(dir, `commands-${process.pid}-${Date.now()}.txt`);
  writeFileSync(list, commands.map((c) => [...c, '-n', namesrv].join('\t')).join('\n'));
  const r = spawnSync('java', ['-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', ...JVM_FLAGS, `-Duser.home=${dir}`, '-cp', `${lib}/*`, src, list], {
    encoding: 'utf8',
    env: { ...process.env, ROCKETMQ_HOME: dir },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  const outputs: string[] = [];
  const lines = (r.stdout ?? '').split('\n');
  let current: string[] | undefined;
  for (const line of lines) {
    const begin = /^@@@MQADMIN-BEGIN (\d+)$/.exec(line);
    if (begin) {
      current = [];
      continue;
    }
    const end = /^@@@MQADMIN-END (\d+)$/.exec(line);
    if (end) {
      outputs[Number(end[1])] = (current ?? []).join('\n');
      current = undefined;
      continue;
    }
    if (current && !LOGBACK_STATUS.test(line)) current.push(line);
  }
  if (commands.some((_c, i) => outputs[i] === undefined))
    throw new Error(`mqadmin batch returned ${outputs.length} of ${commands.length} reports (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return outputs;
}

/** clusterList rows: cluster, broker name, id, address, version. */
export function parseClusterList(out: string): { cluster: string; brokerName: string; brokerId: number; addr: string; version: string }[] {
  return out
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length >= 5 && /^\d+$/.test(p[2]!))
    .map((p) => ({ cluster: p[0]!, brokerName: p[1]!, brokerId: Number(p[2]), addr: p[3]!, version: p[4]! }));
}

/** topicStatus rows. */
export function parseTopicStatus(out: string): { brokerName: string; queueId: number; minOffset: bigint; maxOffset: bigint; lastUpdated: string }[] {
  const rows = [];
  for (const l of out.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s*(.*)$/.exec(l);
    if (m) rows.push({ brokerName: m[1]!, queueId: Number(m[2]), minOffset: BigInt(m[3]!), maxOffset: BigInt(m[4]!), lastUpdated: m[5]!.trim() });
  }
  return rows;
}

/** brokerStatus "key : value" lines (keys are padded; values may contain ' : '). */
export function parseBrokerStatus(out: string): Record<string, string> {
  const kv: Record<string, string> = {};
  for (const l of out.split('\n')) {
    const i = l.indexOf(': ');
    if (i <= 0 || l.startsWith('\t') || l.startsWith('org.') || l.startsWith('Caused')) continue;
    kv[l.slice(0, i).trim()] = l.slice(i + 2).replace(/\s+$/, '');
  }
  return kv;
}

/** queryMsgById's "Name:   value" report. */
export function parseMessageReport(out: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]+?):\s+(.*)$/.exec(line);
    if (m) fields[m[1]!.trim()] = m[2]!.trim();
  }
  return fields;
}

/** queryMsgByKey rows: client msgId, queue id, queue offset. */
export function parseQueryByKey(out: string): { msgId: string; queueId: number; queueOffset: bigint }[] {
  const rows = [];
  for (const l of out.split('\n')) {
    const m = /^([0-9A-F]{32}(?:[0-9A-F]{24})?)\s+(\d+)\s+(\d+)/.exec(l.trim()); // 56 hex: IPv6 client id
    if (m) rows.push({ msgId: m[1]!, queueId: Number(m[2]), queueOffset: BigInt(m[3]!) });
  }
  return rows;
}

/** Java's "yyyy-MM-dd HH:mm:ss,SSS" in the local time zone (UtilAll.formatDate as mqadmin prints). */
export function javaTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}
