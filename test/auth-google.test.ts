// /auth/social/login/google/ on every backend against the Google fake: the account made or found,
// linking only a verified e-mail, codes that work once, and 503 while Google is not configured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type GoogleFake, startGoogleFake } from './fakes/google-fake.ts';
import { json, jsonPoster, registerUser, startTestApp, type TestApp, uniqueName } from './helpers/app.ts';
import { startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth Google sign-in on ${backend.name}`, () => {
    let t: TestApp;
    let google: GoogleFake;
    before(async () => {
      google = await startGoogleFake();
      t = await startAuthTestApp(backend, google);
    });
    after(async () => {
      await t.close();
      await google.close();
    });

    const post = jsonPoster(() => t.app);

    describe('Google sign-in', () => {
      test('creates the account on first sign-in and finds it again', async () => {
        const email = `${uniqueName('g')}@gmail.com`;
        const idToken = await google.signIdToken({
          sub: `sub-${email}`,
          email,
          email_verified: true,
          given_name: 'Ştefan',
        });
        const first = await post('/auth/social/login/google/', { id_token: idToken });
        assert.equal(first.statusCode, 200, first.body);
        assert.equal(json(first).user.email, email);
        assert.equal(json(first).user.first_name, 'Ştefan');
        assert.equal(json(first).user.email_verified, true);
        assert.equal(json(first).user.plan.name, 'Free');
        const second = await post('/auth/social/login/google/', { id_token: idToken });
        assert.equal(json(second).user.pk, json(first).user.pk);
      });

      test('links an existing account only when Google verified the email', async () => {
        const u = await registerUser(t.app);
        const unverified = await google.signIdToken({
          sub: `x-${u.username}`,
          email: u.email,
          email_verified: false,
        });
        const refused = await post('/auth/social/login/google/', { id_token: unverified });
        assert.equal(refused.statusCode, 400);
        const verified = await google.signIdToken({
          sub: `y-${u.username}`,
          email: u.email,
          email_verified: true,
        });
        const linked = await post('/auth/social/login/google/', { id_token: verified });
        assert.equal(linked.statusCode, 200, linked.body);
        assert.equal(json(linked).user.pk, u.user.pk);
      });

      test('an authorization code works; bad tokens and codes → 400', async () => {
        const email = `${uniqueName('code')}@gmail.com`;
        const code = google.issueCode({ sub: `c-${email}`, email, email_verified: true });
        const ok = await post('/auth/social/login/google/', { code });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal(
          (await post('/auth/social/login/google/', { code })).statusCode,
          400,
          'a code works once',
        );
        const foreign = await google.signIdToken({ email: 'a@gmail.com' }, { variant: 'foreign-key' });
        assert.equal((await post('/auth/social/login/google/', { id_token: foreign })).statusCode, 400);
        assert.equal((await post('/auth/social/login/google/', { id_token: 'junk' })).statusCode, 400);
        assert.equal((await post('/auth/social/login/google/', {})).statusCode, 400);
      });
    });
  });
}

describe('Google sign-in when not configured', () => {
  test('answers 503 with a clear message', async () => {
    const t = await startTestApp(backends()[0]!);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/auth/social/login/google/',
        payload: { id_token: 'x' },
      });
      assert.equal(res.statusCode, 503);
      assert.match(json(res).detail, /not configured/);
    } finally {
      await t.close();
    }
  });
});
