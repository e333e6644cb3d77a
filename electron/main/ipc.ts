/** Binds the contract's channels to handlers. Services will be wired in here, not in index.ts. */
import { app } from 'electron';
import { Channel, type AppInfo } from '../common/api.js';
import { handleGuarded } from './ipc-guard.js';

export function registerIpc(trustedOrigins: readonly string[]): void {
  handleGuarded(Channel.APP_INFO, trustedOrigins, (): AppInfo => ({
    version: app.getVersion(),
    platform: process.platform,
  }));
}
