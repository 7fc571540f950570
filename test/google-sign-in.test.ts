// GET /auth/social/google/, what a client needs to start Google's authorization-code flow, and that
// flow end to end over HTTP against the Google fake: its authorization endpoint sends the browser
// back with a code bound to the redirect URI and the PKCE challenge, and the API trades it.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/platform/config.ts';
import { type GoogleFake, startGoogleFake } from './fakes/google-fake.ts';
import { bearer, json, registerUser, startTestApp, type TestApp } from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
const REDIRECT_URI = 'http://127.0.0.1:8000/auth/google/callback';

function googleEnv(google: GoogleFake): Record<string, string> {
  return {
    GOOGLE_CLIENT_ID: google.clientId,
    GOOGLE_CLIENT_SECRET: google.clientSecret,
    GOOGLE_JWKS_URL: google.jwksUrl,
    GOOGLE_TOKEN_URL: google.tokenUrl,
    GOOGLE_AUTH_URL: google.authorizationUrl,
  };
}

describe('GOOGLE_AUTH_URL', () => {
  test("defaults to Google's endpoint and takes any http(s) URL", () => {
    assert.equal(loadConfig({}).google.authUrl, GOOGLE_AUTH_URL);
    assert.equal(
      loadConfig({ GOOGLE_AUTH_URL: 'http://127.0.0.1:9999/o/oauth2/v2/auth' }).google.authUrl,
      'http://127.0.0.1:9999/o/oauth2/v2/auth',
    );
    assert.throws(() => loadConfig({ GOOGLE_AUTH_URL: 'javascript:alert(1)' }), /GOOGLE_AUTH_URL/);
  });
});

describe('GET /auth/social/google/ when Google is not configured', () => {
  test('says so, with no client id', async () => {
    const t = await startTestApp(backends()[0]!);
    try {
      const res = await t.app.inject({ url: '/auth/social/google/' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(json(res), { enabled: false, client_id: null, authorization_url: GOOGLE_AUTH_URL });
    } finally {
      await t.close();
    }
  });

  test('a client id without its secret cannot finish the code flow: not enabled', async () => {
    const t = await startTestApp(backends()[0]!, { env: { GOOGLE_CLIENT_ID: 'only-the-id' } });
    try {
      const body = json(await t.app.inject({ url: '/auth/social/google/' }));
      assert.deepEqual(body, {
        enabled: false,
        client_id: 'only-the-id',
        authorization_url: GOOGLE_AUTH_URL,
      });
    } finally {
      await t.close();
    }
  });
});

describe('Google sign-in with the authorization-code flow', () => {
  let google: GoogleFake;
  let t: TestApp;
  before(async () => {
    google = await startGoogleFake();
    t = await startTestApp(backends()[0]!, { env: { ...googleEnv(google), RATE_LIMITS_ENABLED: 'true' } });
  });
  after(async () => {
    await t?.close();
    await google?.close();
  });

  test('GET /auth/social/google/: enabled, the client id and the endpoint, never the secret', async () => {
    const res = await t.app.inject({ url: '/auth/social/google/' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(json(res), {
      enabled: true,
      client_id: google.clientId,
      authorization_url: google.authorizationUrl,
    });
    assert.doesNotMatch(res.body, new RegExp(google.clientSecret));
    assert.doesNotMatch(res.body, /secret/i);
  });

  test('it is public and counts against no plan, like the other sign-in routes', async () => {
    const u = await registerUser(t.app);
    const status = async () =>
      json(await t.app.inject({ url: '/core/rate-limits/status/', headers: bearer(u.access) })).rate_limits
        .api_calls.used;
    const before = await status();
    for (const headers of [{}, bearer(u.access), bearer('garbage.token.here')]) {
      const res = await t.app.inject({ url: '/auth/social/google/', headers });
      assert.equal(res.statusCode, 200);
    }
    assert.equal(await status(), before);
    // The counter does move for a route that counts, so the equality above means something.
    await t.app.inject({ url: '/auth/user/', headers: bearer(u.access) });
    assert.equal(await status(), before + 1);
  });

  test('the OpenAPI document describes it, without a security requirement', async () => {
    const doc = json(await t.app.inject('/schema/?format=json'));
    const op = doc.paths['/auth/social/google/']?.get;
    assert.ok(op?.summary);
    assert.equal(op.security, undefined);
    assert.ok(op.responses['200']);
  });

  /** What the app does in the browser, done here by hand: PKCE, Google, the redirect back. */
  async function authorize(verifier: string, state: string): Promise<URL> {
    const url = new URL(google.authorizationUrl);
    for (const [name, value] of Object.entries({
      client_id: google.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      url.searchParams.set(name, value);
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location') ?? '');
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    assert.equal(back.searchParams.get('state'), state);
    return back;
  }

  const login = (payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/auth/social/login/google/', payload });

  test('the code Google sends back signs in with its verifier and redirect URI, once', async () => {
    google.consent.claims = { sub: 'sub-code-flow', email: 'code.flow@gmail.com', email_verified: true };
    const verifier = randomBytes(32).toString('base64url');
    const back = await authorize(verifier, 'state-1');
    const code = back.searchParams.get('code') ?? '';
    assert.ok(code);
    const wrongVerifier = await login({
      code,
      code_verifier: randomBytes(32).toString('base64url'),
      redirect_uri: REDIRECT_URI,
    });
    assert.equal(wrongVerifier.statusCode, 400);
    assert.match(json(wrongVerifier).detail, /authorization code is not valid/);

    const again = await authorize(verifier, 'state-2');
    const body = { code: again.searchParams.get('code') ?? '', code_verifier: verifier };
    const wrongRedirect = await login({ ...body, redirect_uri: 'http://127.0.0.1:8000/elsewhere' });
    assert.equal(wrongRedirect.statusCode, 400);

    const third = await authorize(verifier, 'state-3');
    const ok = await login({
      code: third.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(json(ok).user.email, 'code.flow@gmail.com');
    assert.ok(json(ok).access);
    const tokenRequest = google.requests.findLast((r) => r.path === '/token');
    assert.equal(tokenRequest?.form.code_verifier, verifier);
    assert.equal(tokenRequest?.form.client_secret, google.clientSecret, 'the secret goes to Google only');
  });

  test('a person who declines comes back with access_denied and no code', async () => {
    google.consent.deny = true;
    try {
      const back = await authorize('v'.repeat(43), 'state-denied');
      assert.equal(back.searchParams.get('error'), 'access_denied');
      assert.equal(back.searchParams.get('code'), null);
    } finally {
      google.consent.deny = false;
    }
  });

  test("Google's token endpoint down: 503 with a sentence", async () => {
    const verifier = randomBytes(32).toString('base64url');
    const back = await authorize(verifier, 'state-down');
    google.failures.token = 'error';
    try {
      const res = await login({
        code: back.searchParams.get('code') ?? '',
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
      });
      assert.equal(res.statusCode, 503);
      assert.match(json(res).detail, /unavailable/);
    } finally {
      google.failures.token = null;
    }
  });
});
