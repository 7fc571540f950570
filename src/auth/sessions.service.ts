// Sessions and their tokens: signing in with a password (with its lock against guessing), the
// short-lived access token and the rotating refresh token, signing out, and recognising the holder
// of a token or a signed link.
import { AppError } from '../platform/errors.ts';
import type { AuthenticatedUser } from '../platform/http/authenticate.ts';
import * as repo from './auth.repository.ts';
import type { User } from './auth.schemas.ts';
import type { AuthServiceDeps } from './auth.service.ts';
import { verifyPassword } from './passwords.ts';
import { createOpaqueToken, hashOpaqueToken } from './tokens.ts';
import type { Users } from './users.ts';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedTokens {
  access: string;
  refresh: string;
  access_expiration: string;
  refresh_expiration: string;
  /** The session the tokens belong to (not sent to the client; used for cookies and logs). */
  sessionId: string;
  refreshExpiresAt: Date;
}

export type { AuthenticatedUser } from '../platform/http/authenticate.ts';

type SessionDeps = Pick<AuthServiceDeps, 'db' | 'config' | 'clock' | 'logger' | 'signer' | 'sessionCache'>;

const INVALID_CREDENTIALS = 'Unable to log in with provided credentials.';

async function issueTokens(deps: SessionDeps, userId: number, sessionId: string): Promise<IssuedTokens> {
  const now = deps.clock.now();
  const refresh = createOpaqueToken();
  const refreshExpiresAt = new Date(now.getTime() + deps.config.auth.refreshTtlSeconds * 1000);
  await repo.insertRefreshToken(deps.db, { sessionId, tokenHash: refresh.hash, expiresAt: refreshExpiresAt });
  const access = await deps.signer.signAccess(userId, sessionId, now);
  return {
    access: access.token,
    refresh: refresh.token,
    access_expiration: access.expiresAt.toISOString(),
    refresh_expiration: refreshExpiresAt.toISOString(),
    sessionId,
    refreshExpiresAt,
  };
}

/** 429 while the account or the address is locked after too many failures. */
async function refuseWhileLocked(deps: SessionDeps, keys: string[], now: Date): Promise<void> {
  const lockedUntil = await repo.readLocks(deps.db, keys, now);
  if (!lockedUntil) return;
  const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  throw new AppError(
    'account_locked',
    `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s), or reset your password.`,
    { headers: { 'Retry-After': String(retryAfter) } },
  );
}

/** Counts a failed sign-in against the account and the address, then refuses it, a little slower each time. */
async function refuseSignIn(deps: SessionDeps, accountKey: string, ipKey: string, now: Date): Promise<never> {
  const { auth } = deps.config;
  const options = {
    windowMs: auth.loginLockMinutes * 60_000,
    maxFailures: auth.loginMaxFailures,
    lockMs: auth.loginLockMinutes * 60_000,
  };
  const failures = await repo.recordFailure(deps.db, accountKey, now, options);
  // The address budget is wider: many people may share one (an office, a campus).
  await repo.recordFailure(deps.db, ipKey, now, { ...options, maxFailures: options.maxFailures * 10 });
  // Each failure past the second costs a little more time, which makes guessing slow long before
  // the lock.
  const slowdown = Math.min(auth.loginSlowdownMs * Math.max(0, failures - 2), 3_000);
  if (slowdown > 0) await new Promise((resolve) => setTimeout(resolve, slowdown));
  throw new AppError('invalid_credentials', INVALID_CREDENTIALS, {
    errors: { non_field_errors: [INVALID_CREDENTIALS] },
  });
}

export function createSessions(deps: SessionDeps, users: Users) {
  const { db, config, clock } = deps;

  async function startSession(userId: number, client: ClientInfo): Promise<IssuedTokens> {
    const sessionId = await repo.createSession(db, { userId, userAgent: client.userAgent, ip: client.ip });
    return issueTokens(deps, userId, sessionId);
  }

  async function authenticate(accessToken: string): Promise<AuthenticatedUser> {
    const claims = await deps.signer.verifyAccess(accessToken, clock.now());
    const found = await authenticateSession(deps, claims.userId, claims.sessionId);
    if (!found) throw new AppError('token_invalid', 'Token is invalid or expired.');
    return found;
  }

  async function login(
    input: { username?: string | undefined; email?: string | undefined; password: string },
    client: ClientInfo,
  ): Promise<{ tokens: IssuedTokens; user: User }> {
    const identifier = (input.username || input.email || '').trim().toLowerCase();
    const accountKey = `account:${identifier}`;
    const ipKey = `ip:${client.ip ?? 'unknown'}`;
    const now = clock.now();
    await refuseWhileLocked(deps, [accountKey, ipKey], now);
    const user = identifier ? await repo.findUserByLogin(db, identifier) : undefined;
    const passwordOk = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !passwordOk || !user.isActive) return refuseSignIn(deps, accountKey, ipKey, now);
    await repo.clearFailures(db, accountKey);
    if (config.auth.emailVerification === 'mandatory' && !user.emailVerified) {
      throw new AppError(
        'email_not_verified',
        'E-mail is not verified. Open the link we sent you, or ask for a new one.',
      );
    }
    await repo.updateUser(db, user.id, { lastLoginAt: now });
    await deps.sessionCache.changed({ userId: user.id });
    const tokens = await startSession(user.id, client);
    return { tokens, user: await users.publicUserById(user.id) };
  }

  return {
    startSession,
    login,
    logout: (refreshToken: string | undefined, current: AuthenticatedUser | null) =>
      logout(deps, refreshToken, current),
    refresh: (refreshToken: string | undefined) => refresh(deps, refreshToken),
    authenticate,
    /** The holder of a signed link: the session must still be open, as for a token. */
    authenticateSession: (userId: number, sessionId: string) => authenticateSession(deps, userId, sessionId),
    async verifyToken(token: string): Promise<void> {
      await authenticate(token);
    },
  };
}

async function refresh(deps: SessionDeps, refreshToken: string | undefined): Promise<IssuedTokens> {
  const { db } = deps;
  const invalid = () =>
    new AppError('token_invalid', 'Token is invalid or expired', {
      extensions: { detail_code: 'token_not_valid' },
    });
  if (!refreshToken)
    throw new AppError('token_invalid', 'No refresh token was sent (body "refresh" or the cookie).');
  const now = deps.clock.now();
  const found = await repo.findRefreshToken(db, hashOpaqueToken(refreshToken));
  if (!found || found.session.revokedAt || found.token.expiresAt <= now) throw invalid();
  // A refresh token that was already rotated is being replayed: whoever holds the newer one may be
  // an attacker or the user, so the whole session is closed.
  if (found.token.usedAt || !(await repo.claimRefreshToken(db, found.token.id, now))) {
    await repo.revokeSession(db, found.session.id, 'refresh_reuse', now);
    await deps.sessionCache.changed({ sessionId: found.session.id });
    deps.logger.warn(
      { sessionId: found.session.id, userId: found.session.userId },
      'refresh token reuse; session revoked',
    );
    throw invalid();
  }
  await repo.touchSession(db, found.session.id, now);
  return issueTokens(deps, found.session.userId, found.session.id);
}

/** Signing out closes the session of the refresh token (when it is the caller's) and the caller's own. */
async function logout(
  deps: Pick<SessionDeps, 'db' | 'clock' | 'sessionCache'>,
  refreshToken: string | undefined,
  current: AuthenticatedUser | null,
): Promise<void> {
  const now = deps.clock.now();
  if (refreshToken) {
    const found = await repo.findRefreshToken(deps.db, hashOpaqueToken(refreshToken));
    if (found && (!current || found.session.userId === current.user.id)) {
      await repo.revokeSession(deps.db, found.session.id, 'logout', now);
      await deps.sessionCache.changed({ sessionId: found.session.id });
    }
  }
  if (current) {
    await repo.revokeSession(deps.db, current.sessionId, 'logout', now);
    await deps.sessionCache.changed({ sessionId: current.sessionId });
  }
}

/** The user of an open session: from the session cache, else from the database (then cached). */
async function authenticateSession(
  deps: Pick<SessionDeps, 'db' | 'sessionCache'>,
  userId: number,
  sessionId: string,
): Promise<AuthenticatedUser | null> {
  const found = await deps.sessionCache.load(sessionId, userId, () =>
    repo.findUserForSession(deps.db, userId, sessionId),
  );
  return found ? { ...found, sessionId } : null;
}
