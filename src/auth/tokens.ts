// Access tokens are short-lived HS256 JWTs naming the user and the session; refresh tokens are
// opaque random strings stored only as SHA-256 hashes, rotated on every use.
import {
  createHash,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../platform/errors.ts';

const ISSUER = 'cvimprover';
const AUDIENCE = 'cvimprover-api';

export interface AccessClaims {
  userId: number;
  sessionId: string;
  expiresAt: Date;
}

export interface TokenSigner {
  signAccess(userId: number, sessionId: string, now: Date): Promise<{ token: string; expiresAt: Date }>;
  verifyAccess(token: string, now: Date): Promise<AccessClaims>;
  accessTtlSeconds: number;
}

export async function createTokenSigner(secret: string, accessTtlSeconds: number): Promise<TokenSigner> {
  // Imported once: handing jose raw bytes would import the key again on every request.
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const hmacKey = createSecretKey(Buffer.from(secret));
  // A client sends the same access token with every request for its lifetime: its signature is
  // checked once (the session behind it is checked on every request, in sessions.service.ts).
  const verified = new Map<string, AccessClaims>();
  return {
    accessTtlSeconds,
    async signAccess(userId, sessionId, now) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = new Date((issuedAt + accessTtlSeconds) * 1000);
      const token = await new SignJWT({ sid: sessionId, typ: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + accessTtlSeconds)
        .sign(key);
      return { token, expiresAt };
    },
    async verifyAccess(token, now) {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt.getTime() > now.getTime()) return known;
        verified.delete(token);
      }
      const claims = verifyHs256(token, hmacKey, now);
      // Oldest first out: a Map iterates in insertion order.
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
      verified.set(token, claims);
      return claims;
    },
  };
}

const VERIFIED_TOKENS_KEPT = 10_000;

const invalid = () => new AppError('token_invalid', 'Token is invalid or expired.');

/**
 * Checks an access token on every authenticated request, so it is synchronous: jose verifies
 * through WebCrypto, whose asynchronous job cost more than all the rest of a `GET /auth/user/`.
 * The algorithm is pinned: a token claiming any other (none, HS512, RS256 with our secret as a
 * "public key", …) is refused before its signature is looked at.
 */
function verifyHs256(token: string, key: KeyObject, now: Date): AccessClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const head = parseSegment(header);
  if (head?.alg !== 'HS256' || ('crit' in head && head.crit !== undefined)) throw invalid();
  const claims = parseSegment(payload);
  if (!claims) throw invalid();
  const seconds = Math.floor(now.getTime() / 1000);
  const { sub, sid, typ, exp, iat, nbf, iss, aud } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  const userId = Number(sub);
  if (
    typeof sub !== 'string' ||
    !Number.isSafeInteger(userId) ||
    typ !== 'access' ||
    typeof sid !== 'string' ||
    iss !== ISSUER ||
    !audiences.includes(AUDIENCE) ||
    typeof exp !== 'number' ||
    typeof iat !== 'number' ||
    exp <= seconds ||
    (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds))
  ) {
    throw invalid();
  }
  return { userId, sessionId: sid, expiresAt: new Date(exp * 1000) };
}

function parseSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A new opaque token (256 bits) and the hash that is stored in its place. */
export function createOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
