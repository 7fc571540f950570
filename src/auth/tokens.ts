// Access tokens are short-lived HS256 JWTs naming the user and the session; refresh tokens are
// opaque random strings stored only as SHA-256 hashes, rotated on every use.
import { createHash, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../platform/errors.ts';

const ISSUER = 'cvimprover';
const AUDIENCE = 'cvimprover-api';
// Pinned: a token claiming any other algorithm (none, RS256 with our secret as a "public key", …)
// is refused before its signature is looked at.
const ALGORITHMS = ['HS256'];

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
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ALGORITHMS,
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const userId = Number(payload.sub);
        if (payload.typ !== 'access' || typeof payload.sid !== 'string' || !Number.isSafeInteger(userId)) {
          throw new AppError('token_invalid', 'Token is invalid or expired.');
        }
        return { userId, sessionId: payload.sid, expiresAt: new Date((payload.exp ?? 0) * 1000) };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
          throw new AppError('token_invalid', 'Token is invalid or expired.');
        }
        throw error;
      }
    },
  };
}

/** A new opaque token (256 bits) and the hash that is stored in its place. */
export function createOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
