// The app the /auth/ suites run against: a signing key the tests know (they forge tokens with it),
// an account locked after five failed sign-ins for fifteen minutes, and Google sign-in against the
// loopback fake when a suite brings one.
import { createGoogleVerifier } from '../../src/auth/google.ts';
import type { GoogleFake } from '../fakes/google-fake.ts';
import { startTestApp, type TestApp } from './app.ts';
import type { Backend } from './backends.ts';

export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export function startAuthTestApp(backend: Backend, google?: GoogleFake): Promise<TestApp> {
  return startTestApp(backend, {
    env: { JWT_SECRET, LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' },
    ...(google
      ? {
          google: createGoogleVerifier({
            clientId: google.clientId,
            clientSecret: google.clientSecret,
            jwksUrl: google.jwksUrl,
            tokenUrl: google.tokenUrl,
          }),
        }
      : {}),
  });
}
