import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { AppError } from '../platform/errors.ts';

export interface GoogleIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
}

export interface GoogleConfig {
  /** Empty or missing: Google sign-in is off, and every call says so. */
  clientId?: string | null;
  clientSecret?: string | null;
  /** Default {@link GOOGLE_DEFAULTS}.jwksUrl. */
  jwksUrl?: string;
  /** Default {@link GOOGLE_DEFAULTS}.tokenUrl. */
  tokenUrl?: string;
  /** Accepted `iss` values; default {@link GOOGLE_DEFAULTS}.issuers. */
  issuers?: string[];
  /** Per outside call (JWKS download, code exchange); default 5000. */
  timeoutMs?: number;
}

export interface GoogleVerifier {
  verifyIdToken(idToken: string): Promise<GoogleIdentity>;
  exchangeCode(input: { code: string; codeVerifier?: string; redirectUri?: string }): Promise<GoogleIdentity>;
}

export const GOOGLE_DEFAULTS = {
  jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // Google documents both spellings as valid issuers of its ID tokens.
  issuers: ['https://accounts.google.com', 'accounts.google.com'],
} as const;

const DEFAULT_TIMEOUT_MS = 5000;
// Google's and our clocks may disagree a little; a few seconds keeps fresh tokens from bouncing
// without stretching the life of an expired one in any meaningful way.
const CLOCK_TOLERANCE_SECONDS = 5;

// A failed social login is the client's problem (bad, expired or foreign token, wrong code), and
// SPEC answers it with a 400 like any failed login, so the code says what went wrong
// (`token_invalid`) while the status is the one SPEC asks for.
function signInFailed(message: string, reason: string): AppError {
  // The reason is jose's or Google's short error text; the token itself is never attached, so
  // nothing that logs this error can leak it.
  return new AppError('token_invalid', message, { status: 400, cause: new Error(reason) });
}

function invalidIdToken(reason: string): AppError {
  return signInFailed('Google sign-in failed: the ID token is not valid.', reason);
}

function unavailable(cause: unknown): AppError {
  return new AppError('service_unavailable', 'Google sign-in is unavailable right now; try again later.', {
    cause,
  });
}

function notConfigured(): AppError {
  return new AppError('service_unavailable', 'Google sign-in is not configured on this server.');
}

/** Marks a failure to get Google's keys, as opposed to a key the token does not match. */
class KeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super('The JSON Web Key Set could not be fetched.', { cause });
    this.name = 'KeySetUnavailable';
  }
}

/** What the verifier needs once configured: the client, Google's addresses and a key lookup. */
interface VerifierSettings {
  readonly clientId: string;
  readonly clientSecret: string | null | undefined;
  readonly tokenUrl: string;
  readonly issuers: string[];
  readonly timeoutMs: number;
  readonly getKey: JWTVerifyGetKey;
}

export function createGoogleVerifier(config: GoogleConfig): GoogleVerifier {
  const clientId = config.clientId?.trim() ?? '';
  if (clientId === '') {
    const refuse = async (): Promise<never> => {
      throw notConfigured();
    };
    return { verifyIdToken: refuse, exchangeCode: refuse };
  }

  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const remoteKeys = createRemoteJWKSet(new URL(config.jwksUrl ?? GOOGLE_DEFAULTS.jwksUrl), {
    timeoutDuration: timeoutMs,
  });
  const settings: VerifierSettings = {
    clientId,
    clientSecret: config.clientSecret,
    tokenUrl: config.tokenUrl ?? GOOGLE_DEFAULTS.tokenUrl,
    issuers: config.issuers ?? [...GOOGLE_DEFAULTS.issuers],
    timeoutMs,
    getKey: keyLookup(remoteKeys),
  };
  return {
    verifyIdToken: (idToken) => verifyIdToken(settings, idToken),
    exchangeCode: async (input) => verifyIdToken(settings, await redeemCode(settings, input)),
  };
}

/**
 * jose raises the same kinds of errors for "Google is down" and "the token names no key we
 * know", and the two need different answers (503 vs 400); only the key lookup can tell them
 * apart, so it tags download failures here.
 */
function keyLookup(remoteKeys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (error) {
      if (
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JWKSMultipleMatchingKeys
      ) {
        throw error;
      }
      throw new KeySetUnavailable(error);
    }
  };
}

async function verifyIdToken(settings: VerifierSettings, idToken: string): Promise<GoogleIdentity> {
  if (typeof idToken !== 'string' || idToken === '') throw invalidIdToken('empty token');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, settings.getKey, {
      algorithms: ['RS256'],
      audience: settings.clientId,
      issuer: settings.issuers,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof KeySetUnavailable) throw unavailable(error.cause);
    if (error instanceof joseErrors.JOSEError) throw invalidIdToken(`${error.code}: ${error.message}`);
    throw error;
  }
  return identityFrom(payload);
}

/** Trades an authorization code at Google's token endpoint for the ID token it answers with. */
async function redeemCode(
  settings: VerifierSettings,
  input: { code: string; codeVerifier?: string; redirectUri?: string },
): Promise<string> {
  if (typeof input.code !== 'string' || input.code === '') {
    throw signInFailed('Google sign-in failed: the authorization code is not valid.', 'empty code');
  }
  const form = new URLSearchParams({
    code: input.code,
    client_id: settings.clientId,
    grant_type: 'authorization_code',
  });
  if (settings.clientSecret) form.set('client_secret', settings.clientSecret);
  if (input.redirectUri) form.set('redirect_uri', input.redirectUri);
  if (input.codeVerifier) form.set('code_verifier', input.codeVerifier);

  let response: Response;
  let body: unknown;
  try {
    response = await fetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    body = await response.json().catch(() => null);
  } catch (error) {
    throw unavailable(error);
  }

  if (!response.ok) {
    const googleError = readString(body, 'error');
    // Google answers 400 to a code that is unknown, used, expired, or bound to another
    // redirect URI or PKCE verifier: all things the client sent. A refused client id or secret
    // (401 invalid_client) is this server's misconfiguration, and a 5xx is Google's trouble;
    // the user can do nothing about either but wait.
    if (
      response.status === 400 &&
      googleError !== 'invalid_client' &&
      googleError !== 'unauthorized_client'
    ) {
      throw signInFailed(
        'Google sign-in failed: the authorization code is not valid.',
        `token endpoint ${response.status} ${googleError ?? 'unknown error'}`,
      );
    }
    throw unavailable(new Error(`token endpoint ${response.status} ${googleError ?? 'unknown error'}`));
  }

  const idToken = readString(body, 'id_token');
  if (idToken === null) {
    // Google leaves the ID token out when the authorization did not ask for the `openid` scope,
    // which is how the client started the flow.
    throw signInFailed(
      'Google sign-in failed: Google returned no ID token; request the "openid email" scopes.',
      'token endpoint answered without id_token',
    );
  }
  return idToken;
}

function identityFrom(payload: JWTPayload): GoogleIdentity {
  const sub = payload.sub;
  const email = payload.email;
  if (typeof sub !== 'string' || sub === '') throw invalidIdToken('missing sub');
  // Accounts are found and linked by email, so a token without one (no `email` scope) cannot sign in.
  if (typeof email !== 'string' || email === '') {
    throw signInFailed(
      'Google sign-in failed: the ID token carries no email address; request the "email" scope.',
      'missing email',
    );
  }
  // Google has sent this claim both as a JSON boolean and as the string "true".
  const verified = payload.email_verified;
  return {
    sub,
    email,
    emailVerified: verified === true || verified === 'true',
    givenName: optionalString(payload.given_name),
    familyName: optionalString(payload.family_name),
  };
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function readString(body: unknown, key: string): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
