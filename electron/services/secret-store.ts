/**
 * Where ACL secrets live — never in SQLite. The Electron host plugs in safeStorage (OS keychain);
 * the headless host uses a file readable only by the user (with a warning) or memory only.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStoreInfo } from '../common/contract.js';

export interface SecretStore {
  readonly info: SecretStoreInfo;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export class MemorySecretStore implements SecretStore {
  readonly info: SecretStoreInfo = {
    kind: 'memory',
    persistent: false,
    warning: 'Credentials are kept in memory only and must be entered again after a restart.',
  };
  private readonly map = new Map<string, string>();
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

/** How an encrypting backend (Electron safeStorage) turns text into bytes and back. */
export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * A JSON file of key → value. With a cipher (safeStorage) values are encrypted; without one they are
 * plain text in a 0600 file, and `info.warning` says so.
 */
export class FileSecretStore implements SecretStore {
  readonly info: SecretStoreInfo;
  private cache: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly cipher?: Cipher,
    kind: SecretStoreInfo['kind'] = cipher ? 'safeStorage' : 'file',
  ) {
    this.info = cipher
      ? { kind, persistent: true }
      : {
          kind,
          persistent: true,
          warning: `Credentials are stored unencrypted in ${file} (readable only by your user). Use the desktop app for OS keychain storage.`,
        };
    this.cache = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  get(key: string): string | undefined {
    const v = this.cache[key];
    if (v === undefined) return undefined;
    return this.cipher ? this.cipher.decrypt(Buffer.from(v, 'base64')) : v;
  }

  set(key: string, value: string): void {
    this.cache[key] = this.cipher ? this.cipher.encrypt(value).toString('base64') : value;
    this.flush();
  }

  delete(key: string): void {
    if (!(key in this.cache)) return;
    delete this.cache[key];
    this.flush();
  }

  private flush(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.cache, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    try {
      chmodSync(this.file, 0o600);
    } catch {
      // Windows: permissions are ACL-based; the file lives in the user's profile.
    }
  }
}
