/** A WebSocket client of the headless host, shaped like the renderer's transport. */
import WebSocket from 'ws';

export interface WsClient {
  call: (channel: string, input?: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
  events: { event: string; payload: any }[];
  raw: WebSocket;
  close: () => Promise<void>;
}

export async function connectWs(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
  const ws = new WebSocket(url, { headers });
  const pending = new Map<number, (r: any) => void>();
  const events: { event: string; payload: any }[] = [];
  let next = 1;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (m.event) events.push({ event: m.event, payload: m.payload });
    else if (typeof m.id === 'number') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    raw: ws,
    events,
    call: (channel, input) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      }),
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
