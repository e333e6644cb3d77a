/** Finding 6: the data folder is 0700 and the database files 0600, also when they existed before. */
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../../electron/services/host-config.js';
import { tempDir, testWorkbench } from './support/workbench.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('data folder permissions', () => {
  it('creates the data folder 0700 and the database files 0600', async () => {
    const dir = join(tempDir(), 'data');
    prepareDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    const t = testWorkbench({ dataDir: dir });
    t.wb.profiles.create({ name: 'p', namesrvAddrs: ['127.0.0.1:9876'], environment: 'dev', readOnly: false, env: {}, producer: {} });
    for (const f of ['workbench.db', 'workbench.db-wal', 'workbench.db-shm']) expect(mode(join(dir, f)), f).toBe(0o600);
    await t.close();
  });

  it('fixes a folder and database files that are readable by others', async () => {
    const dir = join(tempDir(), 'old');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const first = testWorkbench({ dataDir: dir });
    await first.wb.close();
    for (const f of ['workbench.db', 'secrets.json']) {
      const p = join(dir, f);
      if (f === 'secrets.json') writeFileSync(p, '{}');
      chmodSync(p, 0o644);
    }
    prepareDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'secrets.json'))).toBe(0o600);
    const t = testWorkbench({ dataDir: dir });
    expect(mode(join(dir, 'workbench.db'))).toBe(0o600);
    await t.close();
  });
});
