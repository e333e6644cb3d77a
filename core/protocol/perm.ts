/** PermName bits of a topic's queue data. */
export const PERM_PRIORITY = 8;
export const PERM_READ = 4;
export const PERM_WRITE = 2;
export const PERM_INHERIT = 1;

export function isWriteable(perm: number): boolean {
  return (perm & PERM_WRITE) === PERM_WRITE;
}
export function isReadable(perm: number): boolean {
  return (perm & PERM_READ) === PERM_READ;
}
export function isInherited(perm: number): boolean {
  return (perm & PERM_INHERIT) === PERM_INHERIT;
}

/** "RWX"-style text, as mqadmin prints it ('-' for a missing bit). */
export function permToString(perm: number): string {
  return `${isReadable(perm) ? 'R' : '-'}${isWriteable(perm) ? 'W' : '-'}${isInherited(perm) ? 'X' : '-'}`;
}
