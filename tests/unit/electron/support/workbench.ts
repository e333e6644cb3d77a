/** A Workbench in a temp data dir, with in-memory secrets; no cluster needed until a profile connects. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../../../../electron/services/secret-store.js';
import { Workbench, type WorkbenchOptions } from '../../../../electron/services/workbench-service.js';

export interface TestWorkbench {
  wb: Workbench;
  dir: string;
  call: (channel: string, input?: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
  close: () => Promise<void>;
}

export function tempDir(prefix = 'wb-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testWorkbench(opts: Partial<WorkbenchOptions> = {}): TestWorkbench {
  const dir = opts.dataDir ?? tempDir();
  const wb = new Workbench({ dataDir: dir, secrets: new MemorySecretStore(), host: 'web', version: 'test', ...opts });
  return {
    wb,
    dir,
    call: (channel, input) => wb.dispatcher.dispatch(channel, input, { clientId: 'test' }) as Promise<{ ok: boolean; value?: any; error?: any }>,
    close: async () => {
      await wb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
