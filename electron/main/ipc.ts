/** Binds the contract's channels to handlers. Services will be wired in here, not in index.ts. */
import { app } from 'electron';
import type { AppInfo } from '../common/contract.js';
import { handleGuarded } from './ipc-guard.js';

export function registerIpc(trustedOrigins: readonly string[]): void {
  handleGuarded('app:info', trustedOrigins, (): AppInfo => ({
    version: app.getVersion(),
    platform: process.platform,
    host: 'electron',
    dataDir: app.getPath('userData'),
    secretStore: { kind: 'memory', persistent: false },
  }));
}
