/**
 * How the headless host's token reaches the page: `npm run serve` prints
 * http://127.0.0.1:PORT/#token=…, and the page takes it from the fragment once, keeps it in
 * sessionStorage (this tab only, survives reloads) and replaces the address-bar entry without it.
 *
 * Why the fragment: it is never sent to the server (no access log, no proxy, no Referer — the host
 * also sends referrer-policy: no-referrer), and it leaves the address bar and the history entry
 * before any other code runs. A query string (?token=) is sent with every request and stays in
 * the address bar, so it is not accepted; a cookie would be attached to any request the browser
 * makes to the host, including ones another site triggers; a one-time exchange would need server
 * state and break reloads.
 */
export interface TokenLocation {
  hash: string;
  search: string;
  pathname: string;
}

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'workbench.token';

export function takeHostToken(loc: TokenLocation, storage: TokenStorage, replaceUrl: (url: string) => void): string | null {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(KEY, fromHash);
    replaceUrl(loc.pathname + loc.search);
    return fromHash;
  }
  return storage.getItem(KEY);
}
