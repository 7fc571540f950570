// Access and refresh tokens and /auth/logout/ on every backend: tampering, foreign algorithms and
// keys, expiry, rotation with reuse detection, and which sessions a logout closes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { bearer, json, jsonPoster, registerUser, type TestApp } from './helpers/app.ts';
import { JWT_SECRET, startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth tokens on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startAuthTestApp(backend);
    });
    after(async () => t.close());

    const post = jsonPoster(() => t.app);

    describe('access tokens', () => {
      let u: Awaited<ReturnType<typeof registerUser>>;
      before(async () => {
        u = await registerUser(t.app);
      });
      const getUser = (headers: Record<string, string>) =>
        t.app.inject({ method: 'GET', url: '/auth/user/', headers });

      test('a valid token gets the user; the path without the slash works too', async () => {
        const res = await getUser(bearer(u.access));
        assert.equal(res.statusCode, 200);
        assert.equal(json(res).username, u.username);
        const noSlash = await t.app.inject({ method: 'GET', url: '/auth/user', headers: bearer(u.access) });
        assert.equal(noSlash.statusCode, 200);
      });

      test('missing or malformed credentials → 401', async () => {
        const missing = await getUser({});
        assert.equal(missing.statusCode, 401);
        assert.equal(json(missing).code, 'not_authenticated');
        assert.equal(missing.headers['www-authenticate'], 'Bearer');
        assert.equal((await getUser({ authorization: 'Basic abc' })).statusCode, 401);
        assert.equal((await getUser(bearer('not.a.jwt'))).statusCode, 401);
      });

      test('a tampered token → 401', async () => {
        const [h, p, s] = u.access.split('.') as [string, string, string];
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        payload.sub = '999999';
        const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
        const res = await getUser(bearer(forged));
        assert.equal(res.statusCode, 401);
        assert.equal(json(res).code, 'token_invalid');
        const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
        assert.equal((await getUser(bearer(flipped))).statusCode, 401);
      });

      test('tokens signed with another algorithm or key → 401', async () => {
        const claims = JSON.parse(Buffer.from(u.access.split('.')[1]!, 'base64url').toString());
        const key = new TextEncoder().encode(JWT_SECRET);
        const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(key);
        const otherKey = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
        const none = new UnsecuredJWT(claims).encode();
        for (const token of [hs512, otherKey, none]) {
          const res = await getUser(bearer(token));
          assert.equal(res.statusCode, 401, token);
        }
      });

      test('an expired token → 401', async () => {
        const fresh = await post('/auth/login/', { username: u.username, password: u.password });
        const access = json(fresh).access;
        t.clock.advance((t.config.auth.accessTtlSeconds + 60) * 1000);
        const res = await getUser(bearer(access));
        assert.equal(res.statusCode, 401);
      });

      test('token/verify says whether a token is good', async () => {
        const good = await post('/auth/login/', { username: u.username, password: u.password });
        const ok = await post('/auth/token/verify/', { token: json(good).access });
        assert.equal(ok.statusCode, 200);
        assert.deepEqual(json(ok), {});
        assert.equal((await post('/auth/token/verify/', { token: 'garbage' })).statusCode, 401);
        assert.equal((await post('/auth/token/verify/', {})).statusCode, 400);
      });
    });

    describe('refresh tokens', () => {
      test('rotate on every use; a reused one closes the whole session', async () => {
        const u = await registerUser(t.app);
        const first = await post('/auth/token/refresh/', { refresh: u.refresh });
        assert.equal(first.statusCode, 200, first.body);
        const rotated = json(first);
        assert.notEqual(rotated.refresh, u.refresh);
        assert.ok(rotated.access && rotated.access_expiration && rotated.refresh_expiration);

        const replay = await post('/auth/token/refresh/', { refresh: u.refresh });
        assert.equal(replay.statusCode, 401);
        // The thief's replay revoked the family: the legitimate newer tokens die too.
        assert.equal((await post('/auth/token/refresh/', { refresh: rotated.refresh })).statusCode, 401);
        const me = await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(rotated.access) });
        assert.equal(me.statusCode, 401);
      });

      test('the httpOnly cookie works instead of the body', async () => {
        const u = await registerUser(t.app);
        const res = await t.app.inject({
          method: 'POST',
          url: '/auth/token/refresh/',
          cookies: { cvimprover_refresh: u.refresh },
        });
        assert.equal(res.statusCode, 200, res.body);
      });

      test('unknown, missing and expired refresh tokens → 401', async () => {
        assert.equal((await post('/auth/token/refresh/', { refresh: 'nope' })).statusCode, 401);
        assert.equal((await post('/auth/token/refresh/', {})).statusCode, 401);
        const u = await registerUser(t.app);
        t.clock.advance((t.config.auth.refreshTtlSeconds + 60) * 1000);
        assert.equal((await post('/auth/token/refresh/', { refresh: u.refresh })).statusCode, 401);
      });

      test('concurrent use of one refresh token: at most one succeeds', async () => {
        const u = await registerUser(t.app);
        const results = await Promise.all(
          Array.from({ length: 4 }, () => post('/auth/token/refresh/', { refresh: u.refresh })),
        );
        assert.ok(results.filter((r) => r.statusCode === 200).length <= 1);
      });
    });

    describe('logout', () => {
      test('closes the session: its refresh and access tokens stop working', async () => {
        const u = await registerUser(t.app);
        const res = await post('/auth/logout/', { refresh: u.refresh }, bearer(u.access));
        assert.equal(res.statusCode, 200);
        assert.deepEqual(json(res), { detail: 'Successfully logged out.' });
        assert.equal((await post('/auth/token/refresh/', { refresh: u.refresh })).statusCode, 401);
        const me = await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(u.access) });
        assert.equal(me.statusCode, 401);
      });

      test('cannot close another user’s session', async () => {
        const victim = await registerUser(t.app);
        const attacker = await registerUser(t.app);
        await post('/auth/logout/', { refresh: victim.refresh }, bearer(attacker.access));
        assert.equal((await post('/auth/token/refresh/', { refresh: victim.refresh })).statusCode, 200);
      });
    });
  });
}
