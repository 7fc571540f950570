import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  authorizationUrl,
  base64url,
  codeChallenge,
  finishGoogleSignIn,
  type PendingStore,
  randomToken,
  startGoogleSignIn,
} from './google.ts';

function memoryStore(): PendingStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const SETTINGS = {
  clientId: 'abc.apps.googleusercontent.com',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
};
const ORIGIN = 'https://cv.example.com';

describe('Google sign-in: PKCE and the authorization URL', () => {
  test("the S256 challenge is RFC 7636's own example", async () => {
    assert.equal(
      await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  test('base64url has no padding and no characters a URL would escape', () => {
    assert.equal(base64url(new Uint8Array([251, 255, 191])), '-_-_');
    assert.equal(base64url(new Uint8Array([1])), 'AQ');
  });

  test('random tokens are 43 URL-safe characters, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    assert.equal(tokens.size, 50);
    for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  });

  test('the URL carries every parameter of the code flow, encoded', () => {
    const url = new URL(
      authorizationUrl({
        ...SETTINGS,
        redirectUri: `${ORIGIN}/auth/google/callback`,
        state: 's t&ate',
        codeChallenge: 'challenge',
      }),
    );
    assert.equal(url.origin + url.pathname, SETTINGS.authorizationUrl);
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: SETTINGS.clientId,
      redirect_uri: 'https://cv.example.com/auth/google/callback',
      response_type: 'code',
      scope: 'openid email profile',
      state: 's t&ate',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
    });
  });

  test('a query already on the endpoint is kept', () => {
    const url = new URL(
      authorizationUrl({
        ...SETTINGS,
        authorizationUrl: 'http://127.0.0.1:9/auth?hd=example.com',
        redirectUri: 'http://x/cb',
        state: 's',
        codeChallenge: 'c',
      }),
    );
    assert.equal(url.searchParams.get('hd'), 'example.com');
    assert.equal(url.searchParams.get('state'), 's');
  });
});

describe('Google sign-in: from the start to the callback', () => {
  async function started(next = '/history') {
    const store = memoryStore();
    const url = new URL(await startGoogleSignIn(SETTINGS, { origin: ORIGIN, next, store }));
    return { store, url, state: url.searchParams.get('state') ?? '' };
  }

  test('the challenge sent is the hash of the verifier kept, and the callback gets it back', async () => {
    const { store, url, state } = await started('/applications/new');
    assert.equal(store.items.size, 1);
    assert.equal(url.searchParams.get('redirect_uri'), `${ORIGIN}/auth/google/callback`);
    const result = finishGoogleSignIn(new URLSearchParams({ state, code: '4/0Acode' }), store);
    assert.ok(result.ok);
    assert.deepEqual(result.login, {
      code: '4/0Acode',
      code_verifier: result.login.code_verifier,
      redirect_uri: `${ORIGIN}/auth/google/callback`,
    });
    assert.match(result.login.code_verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('code_challenge'), await codeChallenge(result.login.code_verifier));
    assert.equal(result.next, '/applications/new');
    assert.equal(store.items.size, 0, 'forgotten once used');
  });

  test('each start has its own state and verifier; only the latest counts', async () => {
    const store = memoryStore();
    const first = new URL(await startGoogleSignIn(SETTINGS, { origin: ORIGIN, next: '/', store }));
    const second = new URL(await startGoogleSignIn(SETTINGS, { origin: ORIGIN, next: '/', store }));
    assert.notEqual(first.searchParams.get('state'), second.searchParams.get('state'));
    assert.notEqual(first.searchParams.get('code_challenge'), second.searchParams.get('code_challenge'));
    const stale = new URLSearchParams({ state: first.searchParams.get('state') ?? '', code: 'c' });
    assert.deepEqual(finishGoogleSignIn(stale, store), { ok: false, reason: 'state' });
  });

  test('a wrong, missing or replayed state is refused before anything else', async () => {
    const { store, state } = await started();
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ state: 'forged', code: 'c' }), store), {
      ok: false,
      reason: 'state',
    });
    // The failed attempt used the memory up: the right state no longer works either.
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ state, code: 'c' }), store), {
      ok: false,
      reason: 'state',
    });
    const fresh = await started();
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ code: 'c' }), fresh.store), {
      ok: false,
      reason: 'state',
    });
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ state: 'x' }), memoryStore()), {
      ok: false,
      reason: 'state',
    });
  });

  test("Google's refusals: declined, another error, no code", async () => {
    const denied = await started();
    assert.deepEqual(
      finishGoogleSignIn(new URLSearchParams({ state: denied.state, error: 'access_denied' }), denied.store),
      { ok: false, reason: 'denied' },
    );
    const other = await started();
    assert.deepEqual(
      finishGoogleSignIn(new URLSearchParams({ state: other.state, error: 'invalid_request' }), other.store),
      { ok: false, reason: 'google', error: 'invalid_request' },
    );
    const empty = await started();
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ state: empty.state }), empty.store), {
      ok: false,
      reason: 'google',
      error: 'no_code',
    });
  });

  test('stored junk reads as no sign-in started', () => {
    const store = memoryStore();
    store.setItem('cvimprover.google', '{not json');
    assert.deepEqual(finishGoogleSignIn(new URLSearchParams({ state: 's', code: 'c' }), store), {
      ok: false,
      reason: 'state',
    });
  });
});
