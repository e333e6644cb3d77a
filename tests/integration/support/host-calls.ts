/** Calls into the host service layer (the dispatcher the IPC handlers use), for integration tests. */
import { expect } from 'vitest';
import type { TestWorkbench } from '../../unit/electron/support/workbench.js';
import { uniqueGroup } from '../env.js';

export interface HostCalls {
  /** The call's value; a failed call throws with its error. */
  ok<T>(channel: string, input?: unknown): Promise<T>;
  /** A new profile on `namesrv` with these producer options, connected. */
  connectedProfile(name: string, producer: Record<string, unknown>): Promise<{ id: string; group: string }>;
}

export function hostCalls(workbench: () => TestWorkbench, namesrv: () => string): HostCalls {
  async function ok<T>(channel: string, input?: unknown): Promise<T> {
    const r = await workbench().call(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
    return r.value as T;
  }
  return {
    ok,
    async connectedProfile(name, producer) {
      const group = uniqueGroup(`WB_${name}`);
      const p = await ok<{ id: string }>('profiles:create', { name: uniqueGroup(name), namesrvAddrs: [namesrv()], producer: { group, ...producer } });
      const st = await ok<{ phase: string; error?: unknown }>('profiles:connect', { id: p.id });
      expect(st.phase, JSON.stringify(st.error)).toBe('connected');
      return { id: p.id, group };
    },
  };
}
