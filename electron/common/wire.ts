/**
 * The wire mapping, defined once: what a core value becomes when it crosses IPC (structured clone)
 * or the WebSocket (JSON). The contract's response types are written out by hand so the renderer
 * reads them without core; electron/services/wire-assertions.ts proves at compile time that each
 * one equals `Wire<its core type>`, so a field added, removed or retyped in core fails `tsc` until
 * the contract and the host's mapping follow.
 *
 *   bigint (queue and commit-log offsets)  → decimal string
 *   Uint8Array / Buffer (bytes)            → base64 string
 *   Map<K, V>                              → Record<K, Wire<V>>
 *   Date                                   → epoch milliseconds
 *   a property that may be undefined       → optional (JSON drops it)
 *   readonly arrays                        → arrays
 * Applied recursively through objects and arrays; unions are mapped member by member.
 * Type-only: environment-neutral like the rest of electron/common.
 */
export type Wire<T> = T extends bigint
  ? string
  : T extends Uint8Array
    ? string
    : T extends Date
      ? number
      : T extends ReadonlyMap<infer K, infer V>
        ? Record<K & PropertyKey, Wire<V>>
        : T extends readonly (infer E)[]
          ? Wire<E>[]
          : T extends (...args: never[]) => unknown
            ? never
            : T extends object
              ? WireObject<T>
              : T;

/** Keys whose value may be undefined: optional on the wire, since JSON leaves them out. */
type MaybeUndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

type WireObject<T> = Flatten<{ [K in Exclude<keyof T, MaybeUndefinedKeys<T>>]: Wire<T[K]> } & { [K in MaybeUndefinedKeys<T>]?: Wire<T[K]> }>;

/** One object type instead of an intersection, so type equality compares members. */
export type Flatten<T> = { [K in keyof T]: T[K] };

/** `T` with the properties in `R` replaced (a contract view that reshapes part of a core type). */
export type Reshape<T, R> = Flatten<Omit<T, keyof R> & R>;

/** True when A and B are the same type (not merely assignable either way). */
export type Equals<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** Compile-time assertion: `Assert<Equals<A, B>>` fails type checking unless A and B are identical. */
export type Assert<T extends true> = T;
