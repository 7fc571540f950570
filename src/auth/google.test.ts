import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { type GoogleFake, startGoogleFake } from '../../test/fakes/google-fake.ts';
import { AppError } from '../platform/errors.ts';
import { createGoogleVerifier, type GoogleConfig, type GoogleVerifier } from './google.ts';

function configFor(fake: GoogleFake, overrides: Partial<GoogleConfig> = {}): GoogleConfig {
  return {
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    jwksUrl: fake.jwksUrl,
    tokenUrl: fake.tokenUrl,
    issuers: ['https://accounts.google.com', 'accounts.google.com'],
    timeoutMs: 2000,
    ...overrides,
  };
}

/** Asserts the promise rejects with an AppError of that code and status, and returns it. */
async function rejectsWith(promise: Promise<unknown>, code: string, status: number): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail(`expected a ${code} error`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${inspect(error)}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.status, status);
  return error;
}

/** `reason` pins why the token was refused, so a test cannot pass for the wrong reason. */
async function expectInvalid(promise: Promise<unknown>, reason?: RegExp): Promise<AppError> {
  const error = await rejectsWith(promise, 'token_invalid', 400);
  if (reason) assert.match(error.cause instanceof Error ? error.cause.message : '', reason);
  return error;
}
const expectUnavailable = (promise: Promise<unknown>) => rejectsWith(promise, 'service_unavailable', 503);

describe('Google ID token verification', () => {
  let fake: GoogleFake;
  let verifier: GoogleVerifier;

  before(async () => {
    fake = await startGoogleFake();
    verifier = createGoogleVerifier(configFor(fake));
  });
  after(() => fake.close());

  test('a valid token gives the identity', async () => {
    const token = await fake.signIdToken({ sub: '1234567890', email: 'zoe@example.com' });
    assert.deepEqual(await verifier.verifyIdToken(token), {
      sub: '1234567890',
      email: 'zoe@example.com',
      emailVerified: true,
      givenName: 'Zoë',
      familyName: 'Müller-Łukasiewicz',
    });
  });

  test('the issuer without scheme is accepted too', async () => {
    const token = await fake.signIdToken({ iss: 'accounts.google.com', sub: 'no-scheme' });
    assert.equal((await verifier.verifyIdToken(token)).sub, 'no-scheme');
  });

  test('missing names become null', async () => {
    const token = await fake.signIdToken({ given_name: undefined, family_name: undefined });
    const identity = await verifier.verifyIdToken(token);
    assert.equal(identity.givenName, null);
    assert.equal(identity.familyName, null);
  });

  test('email_verified given as the string "true" counts as verified', async () => {
    const token = await fake.signIdToken({ email_verified: 'true' });
    assert.equal((await verifier.verifyIdToken(token)).emailVerified, true);
  });

  test('email_verified false, "false" or absent counts as unverified', async () => {
    for (const value of [false, 'false', undefined]) {
      const token = await fake.signIdToken({ email_verified: value });
      assert.equal((await verifier.verifyIdToken(token)).emailVerified, false, `email_verified=${value}`);
    }
  });

  test('a token for another client is refused', async () => {
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({ aud: 'someone-else.apps.google' })),
      /"aud"/,
    );
  });

  test('a token from another issuer is refused', async () => {
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({ iss: 'https://evil.example.com' })),
      /"iss"/,
    );
  });

  test('an expired token is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({ iat: now - 7200, exp: now - 3600 })),
      /ERR_JWT_EXPIRED/,
    );
  });

  test('a token signed by a key Google did not publish is refused', async () => {
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({}, { variant: 'foreign-key' })),
      /SIGNATURE_VERIFICATION_FAILED/,
    );
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({}, { variant: 'foreign-key', kid: 'unknown-kid' })),
      /NO_MATCHING_KEY/,
    );
  });

  test('an HS256 token keyed with the public key (alg confusion) is refused', async () => {
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({}, { variant: 'hs256-confusion' })),
      /ALG_NOT_ALLOWED/,
    );
  });

  test('an unsigned token (alg none) is refused', async () => {
    await expectInvalid(
      verifier.verifyIdToken(await fake.signIdToken({}, { variant: 'alg-none' })),
      /ALG_NOT_ALLOWED/,
    );
  });

  test('a token without email is refused', async () => {
    const error = await expectInvalid(verifier.verifyIdToken(await fake.signIdToken({ email: undefined })));
    assert.match(error.message, /email/);
  });

  test('garbage is refused', async () => {
    for (const token of ['', 'not-a-jwt', 'a.b.c']) await expectInvalid(verifier.verifyIdToken(token));
  });

  test('the token never appears in the error', async () => {
    const token = await fake.signIdToken({ aud: 'someone-else' });
    const error = await expectInvalid(verifier.verifyIdToken(token));
    assert.ok(!inspect(error, { depth: 10 }).includes(token));
  });
});

describe('Google authorization code exchange', () => {
  let fake: GoogleFake;
  let verifier: GoogleVerifier;

  before(async () => {
    fake = await startGoogleFake();
    verifier = createGoogleVerifier(configFor(fake));
  });
  after(() => fake.close());

  test('a code issued by Google gives the identity', async () => {
    const code = fake.issueCode(
      { sub: 'code-user', email: 'code@example.com' },
      { redirectUri: 'postmessage' },
    );
    const identity = await verifier.exchangeCode({ code, redirectUri: 'postmessage' });
    assert.equal(identity.sub, 'code-user');
    assert.equal(identity.email, 'code@example.com');

    const sent = fake.requests.findLast((r) => r.path === '/token');
    assert.deepEqual(sent?.form, {
      code,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: 'postmessage',
    });
  });

  test('PKCE: the right verifier works, a wrong or missing one does not', async () => {
    const verifierString = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifierString).digest('base64url');
    const issue = () =>
      fake.issueCode({ sub: 'pkce-user' }, { codeChallenge: challenge, codeChallengeMethod: 'S256' });

    await expectInvalid(verifier.exchangeCode({ code: issue() }), /invalid_grant/);
    await expectInvalid(
      verifier.exchangeCode({ code: issue(), codeVerifier: randomBytes(32).toString('base64url') }),
      /invalid_grant/,
    );
    const identity = await verifier.exchangeCode({ code: issue(), codeVerifier: verifierString });
    assert.equal(identity.sub, 'pkce-user');
  });

  test('an unknown code is refused', async () => {
    await expectInvalid(verifier.exchangeCode({ code: '4/0Anot-issued' }), /invalid_grant/);
    await expectInvalid(verifier.exchangeCode({ code: '' }));
  });

  test('a redirect URI other than the one the code was issued for is refused', async () => {
    const code = fake.issueCode({}, { redirectUri: 'https://app.example.com/callback' });
    await expectInvalid(
      verifier.exchangeCode({ code, redirectUri: 'https://evil.example.com/callback' }),
      /redirect_uri_mismatch/,
    );
  });

  test('a code works once', async () => {
    const code = fake.issueCode({ sub: 'once' });
    assert.equal((await verifier.exchangeCode({ code })).sub, 'once');
    await expectInvalid(verifier.exchangeCode({ code }), /invalid_grant/);
  });

  test('a wrong client secret is a server problem, not the user’s', async () => {
    const misconfigured = createGoogleVerifier(configFor(fake, { clientSecret: 'wrong' }));
    await expectUnavailable(misconfigured.exchangeCode({ code: fake.issueCode() }));
  });

  test('the ID token Google returns is verified like any other', async () => {
    const code = fake.issueCode({ aud: 'someone-else' });
    await expectInvalid(verifier.exchangeCode({ code }), /"aud"/);
  });

  test('a token endpoint answering 503 gives service_unavailable', async (t) => {
    fake.failures.token = 'error';
    t.after(() => {
      fake.failures.token = null;
    });
    await expectUnavailable(verifier.exchangeCode({ code: fake.issueCode() }));
  });

  test('a token endpoint that never answers gives service_unavailable after the timeout', async (t) => {
    fake.failures.token = 'hang';
    t.after(() => {
      fake.failures.token = null;
    });
    const impatient = createGoogleVerifier(configFor(fake, { timeoutMs: 200 }));
    await expectUnavailable(impatient.exchangeCode({ code: fake.issueCode() }));
  });
});

describe('Google unreachable or not configured', () => {
  test('a token endpoint that is down gives service_unavailable', async () => {
    const fake = await startGoogleFake();
    const verifier = createGoogleVerifier(configFor(fake));
    const code = fake.issueCode();
    await fake.close();
    await expectUnavailable(verifier.exchangeCode({ code }));
  });

  test('a JWKS endpoint that is down gives service_unavailable', async () => {
    const fake = await startGoogleFake();
    const verifier = createGoogleVerifier(configFor(fake));
    const token = await fake.signIdToken();
    await fake.close();
    await expectUnavailable(verifier.verifyIdToken(token));
  });

  test('a JWKS endpoint answering 503 or hanging gives service_unavailable', async () => {
    const fake = await startGoogleFake();
    try {
      const token = await fake.signIdToken();
      fake.failures.jwks = 'error';
      await expectUnavailable(createGoogleVerifier(configFor(fake)).verifyIdToken(token));
      fake.failures.jwks = 'hang';
      await expectUnavailable(createGoogleVerifier(configFor(fake, { timeoutMs: 200 })).verifyIdToken(token));
      fake.failures.jwks = null;
      assert.equal(
        (await createGoogleVerifier(configFor(fake)).verifyIdToken(token)).email,
        'zoe.muller@example.com',
      );
    } finally {
      await fake.close();
    }
  });

  test('the key set is fetched once and then cached', async () => {
    const fake = await startGoogleFake();
    try {
      const verifier = createGoogleVerifier(configFor(fake));
      for (let i = 0; i < 3; i++) await verifier.verifyIdToken(await fake.signIdToken());
      assert.equal(fake.requests.filter((r) => r.path === '/oauth2/v3/certs').length, 1);
    } finally {
      await fake.close();
    }
  });

  test('without a client id both methods say sign-in is not configured', async () => {
    for (const clientId of [undefined, null, '', '  ']) {
      const verifier = createGoogleVerifier({ clientId });
      const error = await expectUnavailable(verifier.verifyIdToken('anything'));
      assert.equal(error.message, 'Google sign-in is not configured on this server.');
      await expectUnavailable(verifier.exchangeCode({ code: 'anything' }));
    }
  });
});
