/** Finding 5: the page takes the host token from the fragment only, and never leaves it in the address bar. */
import { describe, expect, it } from 'vitest';
import { takeHostToken } from '../../../renderer/src/api/host-token.js';

function env(href: string) {
  const u = new URL(href);
  const store = new Map<string, string>();
  const replaced: string[] = [];
  return {
    loc: { hash: u.hash, search: u.search, pathname: u.pathname },
    storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    replace: (url: string) => void replaced.push(url),
    replaced,
    store,
  };
}

describe('host token in the page', () => {
  it('reads #token=, keeps it for this tab and removes it from the address bar', () => {
    const e = env('http://127.0.0.1:5199/?view=history#token=abc');
    expect(takeHostToken(e.loc, e.storage, e.replace)).toBe('abc');
    expect(e.replaced).toEqual(['/?view=history']);
    expect(e.store.get('workbench.token')).toBe('abc');
  });

  it('ignores ?token= in the query string', () => {
    const e = env('http://127.0.0.1:5199/?token=abc');
    expect(takeHostToken(e.loc, e.storage, e.replace)).toBeNull();
  });

  it('uses the stored token after a reload', () => {
    const e = env('http://127.0.0.1:5199/');
    e.store.set('workbench.token', 'kept');
    expect(takeHostToken(e.loc, e.storage, e.replace)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });
});
