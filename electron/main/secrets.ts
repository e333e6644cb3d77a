/** The Electron host's secret store: the OS keychain through safeStorage, else memory only. */
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { FileSecretStore, MemorySecretStore, type SecretStore } from '../services/secret-store.js';

/** Call after 'ready' (safeStorage needs it on every platform). */
export function electronSecretStore(dataDir: string): SecretStore {
  // On Linux without a keyring, safeStorage falls back to a hard-coded key: not worth calling encrypted.
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return new MemorySecretStore();
  return new FileSecretStore(join(dataDir, 'secrets.enc.json'), {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });
}
