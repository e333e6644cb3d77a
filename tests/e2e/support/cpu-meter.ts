/**
 * Where the machine's CPU went during a bench phase (Linux /proc; elsewhere nothing is reported):
 * the cluster's JVMs, the web host, and everything else (Chromium, the bench). On a 2-core box with
 * the cluster on the same cores, a late frame is often the renderer waiting for a core, not doing
 * work; these figures say which.
 */
import { existsSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux this runs on). */
const TICKS = 100;

export interface CpuSnapshot {
  at: number;
  busy: number;
  cluster: number;
  host: number;
}

/** Cores in use on average over a phase, each group's share (cores, not percent). */
export interface CpuShare {
  cluster: number;
  host: number;
  other: number;
}

function processSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return 0; // exited
  }
}

function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - cpu[3]! - cpu[4]!) / TICKS;
}

export class CpuMeter {
  readonly available = existsSync('/proc/stat');

  constructor(
    private readonly clusterPids: number[],
    private readonly hostPid: number | undefined,
  ) {}

  snapshot(): CpuSnapshot | undefined {
    if (!this.available) return undefined;
    return {
      at: performance.now(),
      busy: machineBusySeconds(),
      cluster: this.clusterPids.reduce((s, pid) => s + processSeconds(pid), 0),
      host: this.hostPid ? processSeconds(this.hostPid) : 0,
    };
  }

  since(s: CpuSnapshot | undefined): CpuShare | undefined {
    const now = this.snapshot();
    if (!s || !now) return undefined;
    const wall = (now.at - s.at) / 1000;
    const r = (x: number): number => Math.round((x / wall) * 100) / 100;
    const cluster = now.cluster - s.cluster;
    const host = now.host - s.host;
    return { cluster: r(cluster), host: r(host), other: r(Math.max(0, now.busy - s.busy - cluster - host)) };
  }
}
