/** File permissions shared by the history file and its search file. */
import { chmodSync, closeSync, openSync } from 'node:fs';

/**
 * Message bodies and profile values live here: owner-only (0600), also for a file created by an
 * older version with the default umask. Created 0600 before SQLite opens it, because SQLite gives
 * its -wal and -shm files the main file's permissions.
 */
export function ownerOnly(file: string): void {
  if (process.platform === 'win32') return; // POSIX modes; Windows ACLs of the profile folder apply
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, 0o600);
    } catch {
      // -wal / -shm absent until the first write
    }
  }
}
