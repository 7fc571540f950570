// Who is signed in. The access token lives in memory only: it is what every request carries, and
// memory is where another page's script or a browser extension reading storage cannot find it.
// The refresh token is kept in localStorage, so a person stays signed in across reloads, tabs and
// the email links they open in a new tab. It is safe enough there because the API rotates it on
// every use and closes the whole session when an old one is presented again, and the page runs
// under a CSP that allows no inline or foreign script. Tabs share it, so a refresh takes a lock
// across tabs (Web Locks): two tabs refreshing with the same token at once would look like a
// stolen token to the API and end the session.

export interface TokenPair {
  access: string;
  refresh: string;
  access_expiration: string;
  refresh_expiration: string;
}

const REFRESH_KEY = 'cvimprover.refresh';
/** Refresh this long before the access token expires, so no request goes out with a stale one. */
const EARLY_MS = 30_000;

let access: { token: string; expiresAt: number } | null = null;
let refreshing: Promise<string | null> | null = null;
const endListeners = new Set<() => void>();

function readRefresh(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export function hasSession(): boolean {
  return access !== null || readRefresh() !== null;
}

export function storeTokens(tokens: TokenPair): void {
  access = { token: tokens.access, expiresAt: Date.parse(tokens.access_expiration) || Date.now() + 60_000 };
  try {
    localStorage.setItem(REFRESH_KEY, tokens.refresh);
  } catch {
    // Storage refused (private mode): the session lasts as long as this page.
  }
}

export function refreshToken(): string | null {
  return readRefresh();
}

/** Forgets the session here; the caller tells the API (POST /auth/logout/) when it can. */
export function clearSession(): void {
  const had = hasSession();
  access = null;
  try {
    localStorage.removeItem(REFRESH_KEY);
  } catch {
    // Nothing stored.
  }
  if (had) for (const listener of endListeners) listener();
}

/** Called when the session ends: signed out here or in another tab, or refused by the API. */
export function onSessionEnd(listener: () => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

// Signing out in another tab removes the refresh token there: this tab follows.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY && event.newValue === null && access) clearSession();
  });
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('cvimprover-refresh', task) : task();
}

async function exchangeRefreshToken(): Promise<string | null> {
  // Read inside the lock: another tab may have rotated it a moment ago.
  const refresh = readRefresh();
  if (!refresh) return null;
  const response = await fetch('/auth/token/refresh/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refresh }),
  });
  if (response.status === 401 || response.status === 400) {
    clearSession();
    return null;
  }
  if (!response.ok) throw Object.assign(new Error('refresh failed'), { status: response.status });
  const tokens = (await response.json()) as TokenPair;
  storeTokens(tokens);
  return tokens.access;
}

/** A new access token from the refresh token; one exchange at a time, in all tabs. */
export function refreshAccess(): Promise<string | null> {
  refreshing ??= withRefreshLock(exchangeRefreshToken).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The access token for a request: the one in memory while it is fresh, else a refreshed one. */
export async function accessToken(): Promise<string | null> {
  if (access && access.expiresAt - Date.now() > EARLY_MS) return access.token;
  return refreshAccess();
}
