/** The Workbench services on the real cluster, called through the dispatcher — exactly what the Electron IPC handlers call. */
import { afterAll, beforeAll, describe } from 'vitest';
import { testWorkbench, type TestWorkbench } from '../unit/electron/support/workbench.js';
import { hostScenarios, type HostClient } from './host-scenarios.js';

let t: TestWorkbench;
let client: HostClient;
beforeAll(() => {
  t = testWorkbench();
  const events: HostClient['events'] = [];
  t.wb.events.subscribe((event, payload) => events.push({ event, payload }));
  client = { call: (ch, input) => t.call(ch, input), events };
});
afterAll(() => t.close());

describe('workbench services (dispatcher, as IPC)', () => {
  hostScenarios(() => client);
});
