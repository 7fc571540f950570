// /auth/password/change/ and /auth/password/reset/ on every backend: the old password or the e-mailed
// link, the password rules, links that work once, and the sessions each change closes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, json, jsonPoster, registerUser, type TestApp, uniqueName } from './helpers/app.ts';
import { startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth password on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startAuthTestApp(backend);
    });
    after(async () => t.close());

    const post = jsonPoster(() => t.app);

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
        // Each refusal names the part of the link at fault: a uid that is no user id, or a token
        // that is not this user's.
        const refusal = (field: 'uid' | 'token') => ({
          type: 'https://cvimprover.dev/problems/validation-error',
          title: 'Invalid request',
          status: 400,
          detail: 'The reset link is invalid or has expired. Ask for a new one.',
          code: 'validation_error',
          errors: { [field]: ['Invalid value'] },
        });
        for (const [bad, field] of [
          [{ uid: otherUid, token }, 'token'],
          [{ uid, token: 'forged' }, 'token'],
          [{ uid: '!!!', token }, 'uid'],
          [{ uid: 'MA', token }, 'uid'],
        ] as const) {
          const res = await post('/auth/password/reset/confirm/', { ...bad, ...body });
          assert.equal(res.statusCode, 400, JSON.stringify(bad));
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          assert.deepEqual(json(res), refusal(field), JSON.stringify(bad));
        }
        t.clock.advance((t.config.auth.passwordResetTtlMinutes + 1) * 60_000);
        const expired = await post('/auth/password/reset/confirm/', { uid, token, ...body });
        assert.equal(expired.statusCode, 400);
        assert.deepEqual(json(expired), refusal('token'));
      });
    });
  });
}
