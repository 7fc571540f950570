// /auth/login/ on every backend: by name or e-mail, one answer for every refusal, and the lock after
// repeated failures, which must not tell whether an account exists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, jsonPoster, registerUser, type TestApp, uniqueName } from './helpers/app.ts';
import { startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth login on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startAuthTestApp(backend);
    });
    after(async () => t.close());

    const post = jsonPoster(() => t.app);

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
        // The whole problem document, so any member that named or hinted at the account would show.
        assert.match(String(unknown.locked.headers['content-type']), /^application\/problem\+json/);
        assert.deepEqual(json(unknown.locked), {
          type: 'https://cvimprover.dev/problems/account-locked',
          title: 'Too many failed attempts',
          status: 429,
          detail: 'Too many failed sign-in attempts. Try again in 15 minute(s), or reset your password.',
          code: 'account_locked',
        });
        assert.equal(unknown.locked.headers['retry-after'], String(15 * 60));
        for (const failure of unknown.failures) {
          assert.match(String(failure.headers['content-type']), /^application\/problem\+json/);
          assert.deepEqual(json(failure), {
            type: 'https://cvimprover.dev/problems/invalid-credentials',
            title: 'Invalid credentials',
            status: 400,
            detail: 'Unable to log in with provided credentials.',
            code: 'invalid_credentials',
            errors: { non_field_errors: ['Unable to log in with provided credentials.'] },
          });
        }
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
  });
}
