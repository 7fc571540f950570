// /auth/registration/ and its e-mail verification on every backend: the account it creates, every
// refusal named by field, duplicates and races, and the verification links, optional or mandatory.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  GOOD_PASSWORD,
  json,
  jsonPoster,
  registerUser,
  startTestApp,
  type TestApp,
  uniqueName,
} from './helpers/app.ts';
import { startAuthTestApp } from './helpers/auth-app.ts';
import { backends } from './helpers/backends.ts';

for (const backend of backends()) {
  describe(`auth registration on ${backend.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startAuthTestApp(backend);
    });
    after(async () => t.close());

    const post = jsonPoster(() => t.app);

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
  });
}

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
