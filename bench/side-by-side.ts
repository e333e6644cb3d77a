/** `tsx bench/side-by-side.ts [bench/results/<stamp>.json]`: the side-by-side tables of a saved run (default latest). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, type PeerName } from './peer-process.js';
import type { CaseSpec } from './protocol.js';
import { sideBySideTable, type Row } from './report.js';

const file = process.argv[2] ?? join(BENCH_DIR, 'results', 'latest.json');
const run = JSON.parse(readFileSync(file, 'utf8')) as { cases: CaseSpec[]; rows: Row[]; meta: { peers: PeerName[] } };
console.log(sideBySideTable(run.cases, run.rows, run.meta.peers));
const ceilingIds = [...new Set(run.rows.filter((r) => r.target === 'null-broker').map((r) => r.caseId))];
if (ceilingIds.length) {
  const ceilingPeers: PeerName[] = ['ours', ...run.meta.peers.filter((p) => p === 'java' || p === 'ali-ons'), 'raw'];
  console.log(
    `\nCeiling (null broker):\n\n${sideBySideTable(
      ceilingIds.map((id) => ({ id }) as CaseSpec),
      run.rows,
      ceilingPeers,
      'null-broker',
    )}`,
  );
}
