/** Finding 8 (Electron side): the window's CSP has no ws:, and the packaging config sets the fuses. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shared/csp.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The `electronFuses:` block of electron-builder.yml as key → value (a flat map of booleans). */
function fuses(): Record<string, string> {
  const lines = readFileSync(`${ROOT}/electron-builder.yml`, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^electronFuses:\s*$/.test(l));
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const l of lines.slice(start + 1)) {
    if (/^\S/.test(l)) break;
    const m = /^\s+(\w+):\s*(\S+)/.exec(l);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('Electron hardening', () => {
  it('the window CSP allows no WebSocket or other remote connection', () => {
    const connect = CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/ws:|wss:|http:|https:/);
  });

  it('index.html repeats the same policy', () => {
    const html = readFileSync(`${ROOT}/renderer/index.html`, 'utf8');
    expect(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sets the Electron fuses in the packaging config', () => {
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
    });
  });
});
