// Every /auth/ route on every backend: happy paths, validation, and the security properties of
// SPEC.md (token tampering, refresh reuse, session revocation, no account enumeration, lockout).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createGoogleVerifier } from '../src/auth/google.ts';
import { type GoogleFake, startGoogleFake } from './fakes/google-fake.ts';
import {
  bearer,
  GOOD_PASSWORD,
  json,
  registerUser,
  startTestApp,
  type TestApp,
  uniqueName,
} from './helpers/app.ts';
import { backends } from './helpers/backends.ts';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

for (const backend of backends()) {
  describe(`auth on ${backend.name}`, () => {
    let t: TestApp;
    let google: GoogleFake;
    before(async () => {
      google = await startGoogleFake();
      t = await startTestApp(backend, {
        env: { JWT_SECRET, LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' },
        google: createGoogleVerifier({
          clientId: google.clientId,
          clientSecret: google.clientSecret,
          jwksUrl: google.jwksUrl,
          tokenUrl: google.tokenUrl,
        }),
      });
    });
    after(async () => {
      await t.close();
      await google.close();
    });

    const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });

    describe('registration', () => {
      test('creates an account on the Free plan and signs it in', async () => {
        const username = uniqueName('Reg');
        const res = await post('/auth/registration/', {
          username,
          email: `${username}@Example.COM`,
          password1: GOOD_PASSWORD,
          password2: GOOD_PASSWORD,
          first_name: 'Zoë',
          last_name: 'Müller-Łukasiewicz',
        });
        assert.equal(res.statusCode, 201, res.body);
        const body = json(res);
        assert.ok(body.access && body.refresh && body.access_expiration && body.refresh_expiration);
        assert.equal(body.user.username, username);
        assert.equal(body.user.email, `${username.toLowerCase()}@example.com`, 'email stored lower-cased');
        assert.equal(body.user.first_name, 'Zoë');
        assert.equal(body.user.plan.name, 'Free');
        assert.equal(body.user.email_verified, false);
        assert.equal(body.user.password, undefined);
        assert.match(String(res.headers['set-cookie']), /cvimprover_refresh=.*HttpOnly.*SameSite=Strict/i);
        const mail = await t.mailer.waitFor((m) => m.to === body.user.email);
        assert.match(mail.text, /verify-email\/\S+/);
      });

      test('names every missing field', async () => {
        const res = await post('/auth/registration/', {});
        assert.equal(res.statusCode, 400);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const body = json(res);
        assert.equal(body.code, 'validation_error');
        for (const field of ['username', 'email', 'password1', 'password2'])
          assert.ok(body.errors[field], field);
      });

      const cases: Array<[string, Record<string, string>, string, RegExp]> = [
        ['bad username characters', { username: 'ann smith' }, 'username', /valid username/],
        ['too long username', { username: 'a'.repeat(151) }, 'username', /150/],
        ['invalid email', { email: 'not-an-email' }, 'email', /valid email/],
        ['email typo', { email: 'ann@gmial.com' }, 'email', /Did you mean "ann@gmail.com"\?/],
        ['disposable email', { email: 'ann@mailinator.com' }, 'email', /Disposable/],
        ['passwords differ', { password2: 'Other-Harbor-42' }, 'password2', /didn't match/],
        ['short password', { password1: 'Ab1-', password2: 'Ab1-' }, 'password1', /too short/],
        [
          'numeric password',
          { password1: '4815162342', password2: '4815162342' },
          'password1',
          /entirely numeric/,
        ],
        [
          'common password',
          { password1: 'password123', password2: 'password123' },
          'password1',
          /too common/,
        ],
      ];
      test('one answer lists every problem of the form: a bad email, a weak and a mismatched password', async () => {
        const res = await post('/auth/registration/', {
          username: 'ann smith',
          email: 'not-an-email',
          password1: '12345678',
          password2: '12345679',
        });
        assert.equal(res.statusCode, 400, res.body);
        const { errors } = json(res);
        assert.deepEqual(Object.keys(errors).sort(), ['email', 'password1', 'password2', 'username']);
        assert.match(errors.password2.join(' '), /didn't match/);
        assert.match(errors.password1.join(' '), /entirely numeric/);
      });

      for (const [name, overrides, field, message] of cases) {
        test(`refuses: ${name}`, async () => {
          const username = uniqueName();
          const res = await post('/auth/registration/', {
            username,
            email: `${username}@example.com`,
            password1: GOOD_PASSWORD,
            password2: GOOD_PASSWORD,
            ...overrides,
          });
          assert.equal(res.statusCode, 400, res.body);
          assert.match(json(res).errors[field]?.join(' ') ?? '', message);
        });
      }

      test('refuses a password too similar to the username', async () => {
        const username = 'margarethamilton';
        const res = await post('/auth/registration/', {
          username,
          email: 'mh@example.com',
          password1: 'margarethamilton1',
          password2: 'margarethamilton1',
        });
        assert.equal(res.statusCode, 400);
        assert.match(json(res).errors.password1.join(' '), /too similar to the username/);
      });

      test('refuses duplicates ignoring case, with a 400 and not a 500', async () => {
        const first = await registerUser(t.app);
        const again = await post('/auth/registration/', {
          username: first.username.toUpperCase(),
          email: first.email.toUpperCase(),
          password1: GOOD_PASSWORD,
          password2: GOOD_PASSWORD,
        });
        assert.equal(again.statusCode, 400);
        const body = json(again);
        assert.match(body.errors.username[0], /already exists/);
        assert.match(body.errors.email[0], /already registered/);
      });

      test('concurrent registrations of one name: exactly one wins, the rest get 400', async () => {
        const username = uniqueName('race');
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            post('/auth/registration/', {
              username,
              email: `${username}${i}@example.com`,
              password1: GOOD_PASSWORD,
              password2: GOOD_PASSWORD,
            }),
          ),
        );
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 400, 400, 400, 400]);
      });

      test('refuses unknown fields, malformed JSON and other content types', async () => {
        const unknown = await post('/auth/registration/', { username: 'x', is_staff: true });
        assert.equal(unknown.statusCode, 400);
        const malformed = await post('/auth/registration/', '{"username":', {
          'content-type': 'application/json',
        });
        assert.equal(malformed.statusCode, 400);
        assert.equal(json(malformed).code, 'bad_request');
        const text = await post('/auth/registration/', 'username=x', { 'content-type': 'text/plain' });
        assert.equal(text.statusCode, 415);
        assert.equal(json(text).code, 'unsupported_media_type');
      });
    });

    describe('login', () => {
      test('by username or email, ignoring case', async () => {
        const u = await registerUser(t.app);
        for (const identifier of [
          { username: u.username },
          { email: u.email.toUpperCase() },
          { username: u.email },
        ]) {
          const res = await post('/auth/login/', { ...identifier, password: u.password });
          assert.equal(res.statusCode, 200, res.body);
          assert.equal(json(res).user.pk, u.user.pk);
        }
      });

      test('one answer for a wrong password and an unknown account', async () => {
        const u = await registerUser(t.app);
        const wrong = await post('/auth/login/', { username: u.username, password: 'Wrong-Harbor-42' });
        const unknown = await post('/auth/login/', {
          username: uniqueName('ghost'),
          password: 'Wrong-Harbor-42',
        });
        assert.equal(wrong.statusCode, 400);
        assert.equal(unknown.statusCode, 400);
        const strip = (b: Record<string, unknown>) => ({ ...b });
        assert.deepEqual(strip(json(wrong)), strip(json(unknown)));
        assert.equal(json(wrong).detail, 'Unable to log in with provided credentials.');
      });

      test('needs a username or an email', async () => {
        const res = await post('/auth/login/', { password: 'x' });
        assert.equal(res.statusCode, 400);
        assert.ok(json(res).errors.non_field_errors);
      });

      test('locks an account after repeated failures, even for the right password, then unlocks', async () => {
        const u = await registerUser(t.app);
        for (let i = 0; i < 5; i++) {
          const res = await post('/auth/login/', { username: u.username, password: `Wrong-${i}-Harbor` });
          assert.equal(res.statusCode, 400);
        }
        const locked = await post('/auth/login/', { username: u.username, password: u.password });
        assert.equal(locked.statusCode, 429);
        assert.equal(json(locked).code, 'account_locked');
        assert.ok(Number(locked.headers['retry-after']) > 0);
        // Another account from the same address is not locked by this one.
        const other = await registerUser(t.app);
        assert.equal(
          (await post('/auth/login/', { username: other.username, password: other.password })).statusCode,
          200,
        );
        t.clock.advance(16 * 60_000);
        const later = await post('/auth/login/', { username: u.username, password: u.password });
        assert.equal(later.statusCode, 200, later.body);
      });

      test('an unknown account locks the same way, so locking reveals nothing', async () => {
        const ghost = uniqueName('ghost');
        const real = await registerUser(t.app);
        const lockOut = async (username: string) => {
          const failures = [];
          for (let i = 0; i < 5; i++)
            failures.push(await post('/auth/login/', { username, password: 'Wrong-Harbor-1' }));
          return { failures, locked: await post('/auth/login/', { username, password: 'Wrong-Harbor-1' }) };
        };
        const unknown = await lockOut(ghost);
        const known = await lockOut(real.username);
        assert.equal(unknown.locked.statusCode, 429);
        assert.equal(json(unknown.locked).code, 'account_locked');
        // Word for word the answers an existing account gets, on the way to the lock and at it.
        const answers = (responses: typeof unknown.failures) => responses.map((r) => [r.statusCode, json(r)]);
        assert.deepEqual(answers(unknown.failures), answers(known.failures));
        assert.deepEqual(json(unknown.locked), json(known.locked));
        assert.equal(unknown.locked.headers['retry-after'], known.locked.headers['retry-after']);
        assert.doesNotMatch(unknown.locked.body, new RegExp(ghost, 'i'), 'the name asked for is not echoed');
        assert.doesNotMatch(unknown.locked.body, /exist|unknown|not found|no account|registered/i);
        t.clock.advance(16 * 60_000);
      });
    });

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

    describe('user details', () => {
      test('PATCH and PUT change the user; a changed email becomes unverified and gets a link', async () => {
        const u = await registerUser(t.app);
        const patch = await t.app.inject({
          method: 'PATCH',
          url: '/auth/user/',
          headers: bearer(u.access),
          payload: { first_name: 'Øyvind', date_of_birth: '1990-04-02' },
        });
        assert.equal(patch.statusCode, 200, patch.body);
        assert.equal(json(patch).first_name, 'Øyvind');
        assert.equal(json(patch).date_of_birth, '1990-04-02');

        const newEmail = `${uniqueName('new')}@example.org`;
        const put = await t.app.inject({
          method: 'PUT',
          url: '/auth/user/',
          headers: bearer(u.access),
          payload: {
            username: u.username,
            email: newEmail,
            first_name: 'A',
            last_name: 'B',
            date_of_birth: null,
          },
        });
        assert.equal(put.statusCode, 200, put.body);
        assert.equal(json(put).email, newEmail);
        assert.equal(json(put).email_verified, false);
        const mail = await t.mailer.waitFor((m) => m.to === newEmail);
        const key = /verify-email\/(\S+)/.exec(mail.text)?.[1];
        const verified = await post('/auth/registration/verify-email/', { key });
        assert.equal(verified.statusCode, 200);
        const me = await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(u.access) });
        assert.equal(json(me).email_verified, true);
        assert.equal(
          (await post('/auth/registration/verify-email/', { key })).statusCode,
          404,
          'a link works once',
        );
      });

      test('refuses a taken username, a bad date, read-only fields and a missing PUT field', async () => {
        const a = await registerUser(t.app);
        const b = await registerUser(t.app);
        const taken = await t.app.inject({
          method: 'PATCH',
          url: '/auth/user/',
          headers: bearer(b.access),
          payload: { username: a.username.toUpperCase() },
        });
        assert.equal(taken.statusCode, 400);
        assert.ok(json(taken).errors.username);
        // Each refusal names the field at fault (an unknown key under non_field_errors, by name).
        for (const [payload, field, message] of [
          [{ date_of_birth: '2990-01-01' }, 'date_of_birth', /real date of birth/],
          [{ date_of_birth: 'yesterday' }, 'date_of_birth', /wrong format/],
          [{ pk: 5 }, 'non_field_errors', /"pk"/],
          [{ is_staff: true }, 'non_field_errors', /"is_staff"/],
        ] as const) {
          const res = await t.app.inject({
            method: 'PATCH',
            url: '/auth/user/',
            headers: bearer(b.access),
            payload,
          });
          assert.equal(res.statusCode, 400, JSON.stringify(payload));
          const { code, errors } = json(res);
          assert.equal(code, 'validation_error');
          assert.deepEqual(Object.keys(errors), [field], JSON.stringify(payload));
          assert.match(errors[field].join(' '), message);
        }
        const put = await t.app.inject({
          method: 'PUT',
          url: '/auth/user/',
          headers: bearer(b.access),
          payload: {},
        });
        assert.equal(put.statusCode, 400);
        assert.ok(json(put).errors.email);
      });

      test('needs authentication', async () => {
        const res = await t.app.inject({ method: 'PATCH', url: '/auth/user/', payload: { first_name: 'x' } });
        assert.equal(res.statusCode, 401);
      });
    });

    describe('password change', () => {
      test('needs the old password, then closes every other session', async () => {
        const u = await registerUser(t.app);
        const other = json(await post('/auth/login/', { username: u.username, password: u.password }));
        const change = (payload: object) => post('/auth/password/change/', payload, bearer(u.access));

        const wrongOld = await change({
          old_password: 'nope',
          new_password1: 'Green-Valley-77',
          new_password2: 'Green-Valley-77',
        });
        assert.equal(wrongOld.statusCode, 400);
        assert.ok(json(wrongOld).errors.old_password);
        const mismatch = await change({
          old_password: u.password,
          new_password1: 'Green-Valley-77',
          new_password2: 'Green-Valley-78',
        });
        assert.ok(json(mismatch).errors.new_password2);
        const missingOld = await change({
          new_password1: 'Green-Valley-77',
          new_password2: 'Green-Valley-77',
        });
        assert.equal(missingOld.statusCode, 400);
        assert.deepEqual(json(missingOld).errors, { old_password: ['This field is required.'] });

        const ok = await change({
          old_password: u.password,
          new_password1: 'Green-Valley-77',
          new_password2: 'Green-Valley-77',
        });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.deepEqual(json(ok), { detail: 'New password has been saved.' });
        // This session goes on; the other one is closed.
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(u.access) })).statusCode,
          200,
        );
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(other.access) }))
            .statusCode,
          401,
        );
        assert.equal((await post('/auth/token/refresh/', { refresh: other.refresh })).statusCode, 401);
        assert.equal(
          (await post('/auth/login/', { username: u.username, password: u.password })).statusCode,
          400,
        );
        assert.equal(
          (await post('/auth/login/', { username: u.username, password: 'Green-Valley-77' })).statusCode,
          200,
        );
      });
    });

    describe('password reset', () => {
      test('answers the same for known and unknown emails; only a known one gets mail', async () => {
        const u = await registerUser(t.app);
        const before = t.mailer.messages.length;
        const unknown = await post('/auth/password/reset/', { email: `${uniqueName('nobody')}@example.com` });
        const known = await post('/auth/password/reset/', { email: u.email.toUpperCase() });
        assert.equal(unknown.statusCode, 200);
        assert.equal(known.statusCode, 200);
        assert.deepEqual(json(unknown), json(known));
        assert.deepEqual(json(known), { detail: 'Password reset e-mail has been sent.' });
        const mail = await t.mailer.waitFor((m) => m.to === u.email && /password-reset/.test(m.text));
        assert.equal(t.mailer.messages.slice(before).filter((m) => /password-reset/.test(m.text)).length, 1);

        const [, uid, token] = /password-reset\/confirm\/([^/\s]+)\/(\S+)/.exec(mail.text) ?? [];
        assert.ok(uid && token);
        const weak = await post('/auth/password/reset/confirm/', {
          uid,
          token,
          new_password1: 'password',
          new_password2: 'password',
        });
        assert.equal(weak.statusCode, 400);
        assert.ok(json(weak).errors.new_password1);
        const ok = await post('/auth/password/reset/confirm/', {
          uid,
          token,
          new_password1: 'Quiet-Forest-31',
          new_password2: 'Quiet-Forest-31',
        });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.deepEqual(json(ok), { detail: 'Password has been reset with the new password.' });
        const again = await post('/auth/password/reset/confirm/', {
          uid,
          token,
          new_password1: 'Other-Forest-31',
          new_password2: 'Other-Forest-31',
        });
        assert.equal(again.statusCode, 400, 'the link works once');
        // Every session is closed by a reset; the new password works.
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/auth/user/', headers: bearer(u.access) })).statusCode,
          401,
        );
        assert.equal(
          (await post('/auth/login/', { username: u.username, password: 'Quiet-Forest-31' })).statusCode,
          200,
        );
      });

      test('refuses forged and expired links', async () => {
        const u = await registerUser(t.app);
        await post('/auth/password/reset/', { email: u.email });
        const mail = await t.mailer.waitFor((m) => m.to === u.email && /password-reset/.test(m.text));
        const [, uid, token] = /password-reset\/confirm\/([^/\s]+)\/(\S+)/.exec(mail.text) ?? [];
        const body = { new_password1: 'Quiet-Forest-31', new_password2: 'Quiet-Forest-31' };
        const otherUid = Buffer.from(String(Number(u.user.pk) + 1)).toString('base64url');
        for (const bad of [
          { uid: otherUid, token },
          { uid, token: 'forged' },
          { uid: '!!!', token },
          { uid: 'MA', token },
        ]) {
          const res = await post('/auth/password/reset/confirm/', { ...bad, ...body });
          assert.equal(res.statusCode, 400, JSON.stringify(bad));
        }
        t.clock.advance((t.config.auth.passwordResetTtlMinutes + 1) * 60_000);
        assert.equal((await post('/auth/password/reset/confirm/', { uid, token, ...body })).statusCode, 400);
      });
    });

    describe('email verification', () => {
      test('resend answers the same for unknown emails and sends a fresh link', async () => {
        const u = await registerUser(t.app);
        const unknown = await post('/auth/registration/resend-email/', {
          email: `${uniqueName('x')}@example.com`,
        });
        assert.equal(unknown.statusCode, 200);
        const res = await post('/auth/registration/resend-email/', { email: u.email });
        assert.deepEqual(json(res), { detail: 'ok' });
        await t.mailer.waitFor((m) => m.to === u.email && /verify-email/.test(m.text));
        assert.equal((await post('/auth/registration/verify-email/', { key: 'bogus' })).statusCode, 404);
      });
    });

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

describe('mandatory email verification', () => {
  test('no tokens until the emailed link is opened', async () => {
    const t = await startTestApp(backends()[0]!, { env: { EMAIL_VERIFICATION: 'mandatory' } });
    try {
      const username = uniqueName('m');
      const email = `${username}@example.com`;
      const reg = await t.app.inject({
        method: 'POST',
        url: '/auth/registration/',
        payload: { username, email, password1: GOOD_PASSWORD, password2: GOOD_PASSWORD },
      });
      assert.equal(reg.statusCode, 201);
      assert.equal(json(reg).access, undefined);
      assert.equal(json(reg).detail, 'Verification e-mail sent.');
      const login = () =>
        t.app.inject({ method: 'POST', url: '/auth/login/', payload: { username, password: GOOD_PASSWORD } });
      const refused = await login();
      assert.equal(refused.statusCode, 403);
      assert.equal(json(refused).code, 'email_not_verified');
      const mail = await t.mailer.waitFor((m) => m.to === email);
      const key = /verify-email\/(\S+)/.exec(mail.text)?.[1];
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/auth/registration/verify-email/', payload: { key } }))
          .statusCode,
        200,
      );
      assert.equal((await login()).statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
