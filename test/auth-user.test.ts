// /auth/user/ on every backend: reading and changing one's own details, each refusal naming its
// field, and a changed e-mail address verified again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, json, jsonPoster, registerUser, type TestApp, uniqueName } from './helpers/app.ts';
import { startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth user details on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startAuthTestApp(backend);
    });
    after(async () => t.close());

    const post = jsonPoster(() => t.app);

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
  });
}
