/**
 * An in-memory socket for Connection unit tests: no TCP, fully synchronous delivery. The test
 * pushes bytes "from the peer" with `receive` and reads what the connection wrote in `written`.
 * Only the Socket surface Connection uses is implemented (events, write/cork/uncork, destroy).
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from '../../../core/remoting/connection.js';

export class ScriptedSocket extends EventEmitter {
  readonly written: Buffer[] = [];
  destroyed = false;
  writableNeedDrain = false;

  setNoDelay(): this {
    return this;
  }
  cork(): void {}
  uncork(): void {}
  write(b: Buffer): boolean {
    if (this.destroyed) throw new Error('write after destroy');
    this.written.push(b);
    return true;
  }
  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    // As a net.Socket: 'close' comes asynchronously after destroy().
    process.nextTick(() => this.emit('close', false));
    return this;
  }
  /** Delivers a chunk as if it came from the peer. */
  receive(chunk: Buffer): void {
    if (!this.destroyed) this.emit('data', chunk);
  }
}

/** A socket factory that hands out one ScriptedSocket, already "connected" on the next tick. */
export function scriptedSocketFactory(): { socket: ScriptedSocket; factory: NonNullable<ConnectionOptions['socketFactory']> } {
  const socket = new ScriptedSocket();
  return {
    socket,
    factory: () => {
      process.nextTick(() => socket.emit('connect'));
      return socket as unknown as Socket;
    },
  };
}
