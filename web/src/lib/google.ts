// Signing in with Google from the app alone: the authorization-code flow with PKCE (RFC 7636). The
// app sends the browser to Google with a random `state` and the SHA-256 of a random
// `code_verifier`; Google sends it back to the callback page with a code that only the holder of
// the verifier can trade, so a code caught on its way (history, logs, a proxy) is worthless, and
// the `state` proves the callback ends a sign-in this tab started. Nothing of Google's runs in the
// page: no script, no popup, a plain navigation there and back.
// Only Web Crypto and a storage passed in: unit-tested in Node.

export const GOOGLE_CALLBACK_PATH = '/auth/google/callback';
export const GOOGLE_SCOPE = 'openid email profile';
const PENDING_KEY = 'cvimprover.google';

/** GET /auth/social/google/ */
export interface GoogleSettings {
  enabled: boolean;
  client_id: string | null;
  authorization_url: string;
}

/** sessionStorage in the app: it belongs to this tab and outlives the trip to Google and back. */
export interface PendingStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the tab remembers between leaving for Google and coming back. */
interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  /** The app's page to open once signed in. */
  next: string;
}

/** The body of POST /auth/social/login/google/ for the code flow. */
export interface GoogleCodeLogin {
  code: string;
  code_verifier: string;
  redirect_uri: string;
}

export type GoogleCallback =
  | { ok: true; login: GoogleCodeLogin; next: string }
  | {
      ok: false;
      /**
       * `state`: the page was not opened by a sign-in this tab started (or was opened twice);
       * `denied`: the person said no at Google; `google`: Google answered with another error.
       */
      reason: 'state' | 'denied' | 'google';
      /** Google's error code, for `google`. */
      error?: string;
    };

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as 43 characters: within PKCE's 43–128, and as strong as SHA-256 over it. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** PKCE's S256 challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The callback page of the app at `origin`; it must be registered with Google as is. */
export function googleRedirectUri(origin: string): string {
  return `${origin}${GOOGLE_CALLBACK_PATH}`;
}

export function authorizationUrl(input: {
  authorizationUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}): string {
  const url = new URL(input.authorizationUrl);
  const params: Record<string, string> = {
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
    scope: GOOGLE_SCOPE,
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Starts a sign-in: a new state and verifier, remembered in `store` (a sign-in started earlier in
 * this tab is forgotten), and the address to send the browser to.
 */
export async function startGoogleSignIn(
  settings: { clientId: string; authorizationUrl: string },
  options: { origin: string; next: string; store: PendingStore },
): Promise<string> {
  const pending: PendingSignIn = {
    state: randomToken(),
    verifier: randomToken(),
    redirectUri: googleRedirectUri(options.origin),
    next: options.next,
  };
  options.store.setItem(PENDING_KEY, JSON.stringify(pending));
  return authorizationUrl({
    authorizationUrl: settings.authorizationUrl,
    clientId: settings.clientId,
    redirectUri: pending.redirectUri,
    state: pending.state,
    codeChallenge: await codeChallenge(pending.verifier),
  });
}

function readPending(store: PendingStore): PendingSignIn | null {
  try {
    const value: unknown = JSON.parse(store.getItem(PENDING_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { state, verifier, redirectUri, next } = value as Record<string, unknown>;
    if (typeof state !== 'string' || typeof verifier !== 'string' || typeof redirectUri !== 'string')
      return null;
    return { state, verifier, redirectUri, next: typeof next === 'string' ? next : '/' };
  } catch {
    return null;
  }
}

/**
 * Reads the callback page's query against what startGoogleSignIn remembered. The memory is
 * forgotten whatever the outcome: a verifier serves one code, and a reload of the page must not
 * post the same code again.
 */
export function finishGoogleSignIn(search: URLSearchParams, store: PendingStore): GoogleCallback {
  const pending = readPending(store);
  store.removeItem(PENDING_KEY);
  const state = search.get('state');
  if (!pending || !state || state !== pending.state) return { ok: false, reason: 'state' };
  const error = search.get('error');
  if (error === 'access_denied') return { ok: false, reason: 'denied' };
  const code = search.get('code');
  if (error || !code) return { ok: false, reason: 'google', error: error ?? 'no_code' };
  return {
    ok: true,
    login: { code, code_verifier: pending.verifier, redirect_uri: pending.redirectUri },
    next: pending.next,
  };
}
