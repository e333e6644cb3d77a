/** A topic's perm bits (PermName) decoded for display: 6 → readable + writable, "RW-". */
import { isInherited, isReadable, isWriteable, permToString, PERM_PRIORITY } from '../protocol/perm.js';

export interface PermView {
  perm: number;
  readable: boolean;
  writable: boolean;
  inheritable: boolean;
  priority: boolean;
  /** mqadmin style: R, W, X or '-' per bit. */
  text: string;
}

export function describePerm(perm: number): PermView {
  return {
    perm,
    readable: isReadable(perm),
    writable: isWriteable(perm),
    inheritable: isInherited(perm),
    priority: (perm & PERM_PRIORITY) === PERM_PRIORITY,
    text: permToString(perm),
  };
}
