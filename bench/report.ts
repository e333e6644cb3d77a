/** Markdown table, per-case summary lines and the JSON file of one bench run. */
import { cpuPer100k, type CaseSpec, type PeerResult } from './protocol.js';
import { PEER_LABEL, type PeerName } from './peer-process.js';

export interface Verification {
  before: string;
  after: string;
  stored: number;
  /** Messages the peer counted as acknowledged (warm-up + measured). */
  counted: number;
  attempted: number;
  ok: boolean;
}

export interface Row {
  caseId: string;
  mode?: CaseSpec['mode'] | undefined;
  peer: PeerName;
  target: 'cluster' | 'null-broker';
  result?: PeerResult | undefined;
  /** Why there is no result: unsupported API, failed process, … */
  note?: string | undefined;
  verify?: Verification | undefined;
}

export function rate(r: PeerResult): number {
  return r.durationMs > 0 ? r.acked / (r.durationMs / 1000) : 0;
}

/**
 * Messages per second a row counts: acknowledged ones; for oneway (no acknowledgement) the calls
 * that returned scaled by the fraction the brokers actually stored, so a client that returns fast
 * while the broker drops the overflow does not look faster than it delivers.
 */
export function rowRate(r: Row & { result: PeerResult }): number {
  const base = rate(r.result);
  if (r.mode !== 'oneway' || !r.verify || r.verify.counted === 0) return base;
  return base * Math.min(1, r.verify.stored / r.verify.counted);
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fms = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const fx = (n: number) => (Number.isFinite(n) && n > 0 ? `${n.toFixed(2)}×` : '–');

/** Oneway at a fixed offered rate: the share of written messages the brokers' offsets do not show. */
function dropShare(v: Verification): string {
  const dropped = Math.max(0, 1 - v.stored / v.counted);
  return `${(100 * dropped).toFixed(dropped > 0 && dropped < 0.01 ? 2 : 0)}% dropped`;
}

function ok(r: Row): r is Row & { result: PeerResult } {
  return r.result !== undefined && !r.result.unsupported && r.result.acked > 0;
}

/** ours / peer for throughput (higher is better for ours), p99 and CPU (lower is better for ours). */
export function ratios(ours: Row | undefined, peer: Row): { thr: number; p99: number; cpu: number } | undefined {
  if (!ours || !ok(ours) || !ok(peer) || ours === peer) return undefined;
  return {
    thr: rowRate(ours) / rowRate(peer),
    p99: ours.result.latencyMs.p99 / peer.result.latencyMs.p99,
    cpu: cpuPer100k(ours.result) / cpuPer100k(peer.result),
  };
}

/** `compare: false` (a --quick run: JVMs not warmed) leaves the ratio columns empty. */
export function markdownTable(rows: Row[], oursPeer: PeerName = 'ours', compare = true): string {
  const head =
    '| case | peer | msg/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU s/100k | stored ✓ | ours/peer msg/s | ours/peer p99 | ours/peer CPU |\n|---|---|--:|--:|--:|--:|--:|--:|--:|:-:|--:|--:|--:|';
  const lines = [head];
  for (const r of rows) {
    const ours = rows.find((x) => x.caseId === r.caseId && x.target === r.target && x.peer === oursPeer);
    const name = r.peer === 'ours' ? '**ours**' : r.peer;
    if (!r.result || r.result.unsupported) {
      lines.push(`| ${r.caseId} | ${name} | ${r.result?.unsupported ?? r.note ?? 'no result'} | | | | | | | | | | |`);
      continue;
    }
    const x = r.result;
    const q = compare ? ratios(ours, r) : undefined;
    const v = r.verify
      ? r.verify.ok
        ? '✓'
        : r.mode === 'oneway' && r.verify.stored < r.verify.counted
          ? dropShare(r.verify)
          : `✗ ${r.verify.stored}/${r.verify.counted}`
      : '–';
    lines.push(
      `| ${r.caseId} | ${name} | ${f0(ok(r) ? rowRate(r) : 0)} | ${fms(x.latencyMs.p50)} | ${fms(x.latencyMs.p95)} | ${fms(x.latencyMs.p99)} | ${fms(x.latencyMs.max)} | ${x.errors} | ${fms(cpuPer100k(x))} | ${v} | ${q ? fx(q.thr) : ''} | ${q ? fx(q.p99) : ''} | ${q ? fx(q.cpu) : ''} |`,
    );
  }
  return lines.join('\n');
}

export function summaryLines(cases: CaseSpec[], rows: Row[], target: Row['target'] = 'cluster', compare = true): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const rs = rows.filter((r) => r.caseId === c.id && r.target === target);
    const ours = rs.find((r) => r.peer === 'ours');
    if (!ours || !ok(ours)) {
      out.push(`${c.id}: ours has no result (${ours?.note ?? 'failed'})`);
      continue;
    }
    const parts = rs
      .filter((r) => r.peer !== 'ours')
      .map((r) => {
        if (!compare) return `${r.peer} ${r.result && ok(r) ? `${f0(rowRate(r))} msg/s` : 'n/a'}`;
        const q = ratios(ours, r);
        if (!q) return `${r.peer} n/a`;
        return `${fx(q.thr)} ${r.peer} (p99 ${fx(q.p99)}, CPU ${fx(q.cpu)})`;
      });
    out.push(
      `${c.id}: ours ${f0(rowRate(ours))} msg/s, p99 ${fms(ours.result.latencyMs.p99)} ms, ${fms(cpuPer100k(ours.result))} CPU s/100k — ${parts.join('; ')}`,
    );
  }
  return out;
}

export function peerLegend(peers: PeerName[]): string {
  return peers.map((p) => `- **${p}**: ${PEER_LABEL[p]}`).join('\n');
}

/**
 * One line per case, every peer side by side: msg/s (oneway: stored share), then ours ÷ each
 * peer, and p99 / CPU of ours against the first other peer (Java in the default matrix).
 */
export function sideBySideTable(cases: CaseSpec[], rows: Row[], peers: PeerName[], target: Row['target'] = 'cluster', compare = true): string {
  const others = peers.filter((p) => p !== 'ours');
  const ref = compare ? others[0] : undefined;
  const ratioPeers = compare ? others : [];
  const cell = (r: Row | undefined): string => {
    if (!r) return '–';
    if (!r.result || r.result.unsupported) return r.result?.unsupported ? 'no API' : `failed`;
    if (!ok(r)) return '0';
    const stored = r.mode === 'oneway' && r.verify && r.verify.counted > 0 ? ` (${dropShare(r.verify)})` : '';
    return `${f0(rowRate(r))}${stored}`;
  };
  const head = [
    `| case | ours msg/s | ${[...others.map((p) => `${p} msg/s`), ...ratioPeers.map((p) => `ours ÷ ${p}`)].join(' | ')}${ref ? ` | p99 ms ours / ${ref} | CPU s/100k ours / ${ref}` : ''} |`,
  ];
  head.push(`|---|--:|${others.map(() => '--:|').join('')}${ratioPeers.map(() => '--:|').join('')}${ref ? '--:|--:|' : ''}`);
  for (const c of cases) {
    const rs = rows.filter((r) => r.caseId === c.id && r.target === target);
    const ours = rs.find((r) => r.peer === 'ours');
    const by = (p: PeerName) => rs.find((r) => r.peer === p);
    const ratio = (p: PeerName) => {
      const peer = by(p);
      if (!peer) return '–';
      const q = ratios(ours, peer);
      if (q && Number.isFinite(q.thr)) return `**${fx(q.thr)}**`;
      return ours && ok(ours) && peer.result && !peer.result.unsupported && ok(peer) && rowRate(peer) === 0 ? '≫ 1 (peer stored 0)' : '–';
    };
    let tail = '';
    if (ref) {
      const rr = by(ref);
      const both = ours && ok(ours) && rr && ok(rr);
      tail = both
        ? ` | ${fms(ours.result!.latencyMs.p99)} / ${fms(rr.result!.latencyMs.p99)} | ${fms(cpuPer100k(ours.result!))} / ${fms(cpuPer100k(rr.result!))}`
        : ' | – | –';
    }
    head.push(`| ${c.id} | ${cell(ours)} | ${[...others.map((p) => cell(by(p))), ...ratioPeers.map(ratio)].join(' | ')}${tail} |`);
  }
  return head.join('\n');
}
