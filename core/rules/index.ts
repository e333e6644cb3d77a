/**
 * The rules the renderer, the host and core share, each written once: topic and group names, size
 * limits, the body syntaxes, the template-variable syntax and the error codes.
 *
 * Pure on purpose: no imports at all (not even Node builtins), so the renderer, the sandboxed
 * preload (through electron/common) and core load the same code at runtime. scripts/check-layers.mjs
 * enforces both sides: this folder imports nothing, and outside core it is reached through this
 * index only. See docs/layering.md.
 */
export * from './names.js';
export * from './limits.js';
export * from './body-syntax.js';
export * from './template-syntax.js';
export * from './error-codes.js';
