/** The same scenarios through the headless host's WebSocket: a WebSocket client can do everything the IPC client can. */
import { afterAll, beforeAll, describe } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { testWorkbench, type TestWorkbench } from '../unit/electron/support/workbench.js';
import { connectWs, type WsClient } from '../unit/electron/support/ws-client.js';
import { hostScenarios } from './host-scenarios.js';

let t: TestWorkbench;
let host: WebHost;
let ws: WsClient;
beforeAll(async () => {
  t = testWorkbench();
  host = await startWebHost({ workbench: t.wb, port: 0, rendererDir: t.dir });
  ws = await connectWs(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
});
afterAll(async () => {
  await ws.close();
  await host.close();
  await t.close();
});

describe('workbench over the headless host (WebSocket)', () => {
  hostScenarios(() => ws);
});
