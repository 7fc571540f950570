// Accounts, sessions and the emails that go with them. Routes call one function each; every rule
// about who may do what lives here.

import { FREE_PLAN_SLUG } from '../billing/plans.catalog.ts';
import { findPlanBySlug } from '../billing/plans.repository.ts';
import type { PlansService } from '../billing/plans.service.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, type FieldErrors, validationError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Mailer } from '../platform/mailer.ts';
import * as repo from './auth.repository.ts';
import type { User } from './auth.schemas.ts';
import { isDisposableEmail, suggestEmailCorrection } from './email-rules.ts';
import type { GoogleIdentity, GoogleVerifier } from './google.ts';
import { hashPassword, newPasswordErrors, verifyPassword } from './passwords.ts';
import { createOpaqueToken, hashOpaqueToken, type TokenSigner } from './tokens.ts';

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

export interface AuthenticatedUser {
  user: repo.UserRow;
  plan: repo.PlanRow | null;
  sessionId: string;
}

export interface AuthServiceDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  google: GoogleVerifier;
  signer: TokenSigner;
  plans: PlansService;
}

const INVALID_CREDENTIALS = 'Unable to log in with provided credentials.';

export function createAuthService(deps: AuthServiceDeps) {
  const { db, config, clock, logger } = deps;

  function toPublicUser(user: repo.UserRow, plan: repo.PlanRow | null): User {
    return {
      pk: user.id,
      username: user.username,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      date_of_birth: user.dateOfBirth,
      email_verified: user.emailVerified,
      plan: plan ? deps.plans.toPublic(plan) : null,
      stripe_subscription_id: user.stripeSubscriptionId,
      stripe_subscription_status: user.stripeSubscriptionStatus,
      stripe_customer_id: user.stripeCustomerId,
      subscription_renewal_date: user.subscriptionRenewalDate?.toISOString() ?? null,
      subscription_interval: user.subscriptionInterval,
    };
  }

  async function publicUserById(userId: number): Promise<User> {
    const found = await repo.findUserWithPlan(db, userId);
    if (!found) throw new AppError('not_found', 'User not found.');
    return toPublicUser(found.user, found.plan);
  }

  async function startSession(userId: number, client: ClientInfo): Promise<IssuedTokens> {
    const sessionId = await repo.createSession(db, { userId, userAgent: client.userAgent, ip: client.ip });
    return issueTokens(userId, sessionId);
  }

  async function issueTokens(userId: number, sessionId: string): Promise<IssuedTokens> {
    const now = clock.now();
    const refresh = createOpaqueToken();
    const refreshExpiresAt = new Date(now.getTime() + config.auth.refreshTtlSeconds * 1000);
    await repo.insertRefreshToken(db, { sessionId, tokenHash: refresh.hash, expiresAt: refreshExpiresAt });
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

  /** Email rules shared by registration, profile changes and Google sign-in. */
  function emailProblems(email: string): string[] {
    if (isDisposableEmail(email)) {
      return ['Disposable email addresses are not accepted. Use an address you will keep.'];
    }
    const suggestion = suggestEmailCorrection(email);
    if (suggestion) return [`Did you mean "${suggestion}"?`];
    return [];
  }

  async function defaultPlanId(): Promise<number | null> {
    return (await findPlanBySlug(db, FREE_PLAN_SLUG))?.id ?? null;
  }

  function sendInBackground(what: string, send: () => Promise<void>): void {
    // Sending is not awaited: the answer (and its timing) must not depend on whether an account
    // exists, and a slow mail server must not hold the request.
    send().catch((error) => logger.error({ err: error }, `could not send ${what} email`));
  }

  /** A new single-use link token for the user's current email; older ones of its kind stop working. */
  async function issueEmailToken(
    user: repo.UserRow,
    purpose: repo.EmailTokenPurpose,
    ttlMs: number,
  ): Promise<string> {
    const now = clock.now();
    const token = createOpaqueToken();
    await repo.expireEmailTokens(db, user.id, purpose, now);
    await repo.insertEmailToken(db, {
      userId: user.id,
      purpose,
      tokenHash: token.hash,
      email: user.email,
      expiresAt: new Date(now.getTime() + ttlMs),
    });
    return token.token;
  }

  async function sendVerificationEmail(user: repo.UserRow): Promise<void> {
    const token = await issueEmailToken(user, 'verify_email', 3 * 86_400_000);
    const link = `${config.frontendUrl}/verify-email/${token}`;
    await deps.mailer.send({
      to: user.email,
      subject: 'Confirm your email address for CV Improver',
      text: `Hello ${user.username},\n\nPlease confirm your email address by opening this link:\n${link}\n\nThe link works for 3 days. If you did not create this account, ignore this message.\n`,
    });
  }

  async function ensureUniqueIdentity(
    username: string | undefined,
    email: string | undefined,
    exceptUserId?: number,
  ) {
    const errors: FieldErrors = {};
    if (username && (await repo.isUsernameTaken(db, username, exceptUserId))) {
      errors.username = ['A user with that username already exists.'];
    }
    if (email && (await repo.isEmailTaken(db, email, exceptUserId))) {
      errors.email = ['A user is already registered with this e-mail address.'];
    }
    if (Object.keys(errors).length > 0) throw validationError(errors);
  }

  function raceToValidation(error: unknown): never {
    const which = repo.uniqueViolation(error);
    if (which === 'username')
      throw validationError({ username: ['A user with that username already exists.'] });
    if (which === 'email') {
      throw validationError({ email: ['A user is already registered with this e-mail address.'] });
    }
    throw error;
  }

  const throttleOptions = () => ({
    windowMs: config.auth.loginLockMinutes * 60_000,
    maxFailures: config.auth.loginMaxFailures,
    lockMs: config.auth.loginLockMinutes * 60_000,
  });

  return {
    toPublicUser,

    async register(
      input: {
        username: string;
        email: string;
        password1: string;
        password2: string;
        first_name?: string | undefined;
        last_name?: string | undefined;
      },
      client: ClientInfo,
    ): Promise<{ tokens: IssuedTokens | null; user: User }> {
      const errors: FieldErrors = {};
      const emailIssues = emailProblems(input.email);
      if (emailIssues.length > 0) errors.email = emailIssues;
      Object.assign(
        errors,
        newPasswordErrors(
          input.password1,
          input.password2,
          {
            username: input.username,
            email: input.email,
            firstName: input.first_name,
            lastName: input.last_name,
          },
          ['password1', 'password2'],
        ),
      );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      await ensureUniqueIdentity(input.username, input.email);

      const passwordHash = await hashPassword(input.password1);
      let user: repo.UserRow;
      try {
        user = await repo.insertUser(db, {
          username: input.username,
          email: input.email,
          passwordHash,
          firstName: input.first_name ?? '',
          lastName: input.last_name ?? '',
          emailVerified: config.auth.emailVerification === 'none',
          planId: await defaultPlanId(),
        });
      } catch (error) {
        raceToValidation(error);
      }
      if (config.auth.emailVerification !== 'none')
        sendInBackground('verification', () => sendVerificationEmail(user));
      const publicUser = await publicUserById(user.id);
      if (config.auth.emailVerification === 'mandatory') return { tokens: null, user: publicUser };
      return { tokens: await startSession(user.id, client), user: publicUser };
    },

    async login(
      input: { username?: string | undefined; email?: string | undefined; password: string },
      client: ClientInfo,
    ): Promise<{ tokens: IssuedTokens; user: User }> {
      const identifier = (input.username || input.email || '').trim().toLowerCase();
      const accountKey = `account:${identifier}`;
      const ipKey = `ip:${client.ip ?? 'unknown'}`;
      const now = clock.now();
      const lockedUntil = await repo.readLocks(db, [accountKey, ipKey], now);
      if (lockedUntil) {
        const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
        throw new AppError(
          'account_locked',
          `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s), or reset your password.`,
          { headers: { 'Retry-After': String(retryAfter) } },
        );
      }

      const user = identifier ? await repo.findUserByLogin(db, identifier) : undefined;
      const passwordOk = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !passwordOk || !user.isActive) {
        const options = throttleOptions();
        const failures = await repo.recordFailure(db, accountKey, now, options);
        // The address budget is wider: many people may share one (an office, a campus).
        await repo.recordFailure(db, ipKey, now, { ...options, maxFailures: options.maxFailures * 10 });
        // Each failure past the second costs a little more time, which makes guessing slow
        // long before the lock.
        const slowdown = Math.min(config.auth.loginSlowdownMs * Math.max(0, failures - 2), 3_000);
        if (slowdown > 0) await new Promise((resolve) => setTimeout(resolve, slowdown));
        throw new AppError('invalid_credentials', INVALID_CREDENTIALS, {
          errors: { non_field_errors: [INVALID_CREDENTIALS] },
        });
      }
      await repo.clearFailures(db, accountKey);
      if (config.auth.emailVerification === 'mandatory' && !user.emailVerified) {
        throw new AppError(
          'email_not_verified',
          'E-mail is not verified. Open the link we sent you, or ask for a new one.',
        );
      }
      await repo.updateUser(db, user.id, { lastLoginAt: now });
      const tokens = await startSession(user.id, client);
      return { tokens, user: await publicUserById(user.id) };
    },

    async logout(refreshToken: string | undefined, current: AuthenticatedUser | null): Promise<void> {
      const now = clock.now();
      if (refreshToken) {
        const found = await repo.findRefreshToken(db, hashOpaqueToken(refreshToken));
        if (found && (!current || found.session.userId === current.user.id)) {
          await repo.revokeSession(db, found.session.id, 'logout', now);
        }
      }
      if (current) await repo.revokeSession(db, current.sessionId, 'logout', now);
    },

    async refresh(refreshToken: string | undefined): Promise<IssuedTokens> {
      const invalid = () =>
        new AppError('token_invalid', 'Token is invalid or expired', {
          extensions: { detail_code: 'token_not_valid' },
        });
      if (!refreshToken)
        throw new AppError('token_invalid', 'No refresh token was sent (body "refresh" or the cookie).');
      const now = clock.now();
      const found = await repo.findRefreshToken(db, hashOpaqueToken(refreshToken));
      if (!found || found.session.revokedAt || found.token.expiresAt <= now) throw invalid();
      // A refresh token that was already rotated is being replayed: whoever holds the newer one
      // may be an attacker or the user, so the whole session is closed.
      if (found.token.usedAt || !(await repo.claimRefreshToken(db, found.token.id, now))) {
        await repo.revokeSession(db, found.session.id, 'refresh_reuse', now);
        logger.warn(
          { sessionId: found.session.id, userId: found.session.userId },
          'refresh token reuse; session revoked',
        );
        throw invalid();
      }
      await repo.touchSession(db, found.session.id, now);
      return issueTokens(found.session.userId, found.session.id);
    },

    async authenticate(accessToken: string): Promise<AuthenticatedUser> {
      const claims = await deps.signer.verifyAccess(accessToken, clock.now());
      const found = await repo.findUserForSession(db, claims.userId, claims.sessionId);
      if (!found) throw new AppError('token_invalid', 'Token is invalid or expired.');
      return { ...found, sessionId: claims.sessionId };
    },

    /** The holder of a signed link: the session must still be open, as for a token. */
    async authenticateSession(userId: number, sessionId: string): Promise<AuthenticatedUser | null> {
      const found = await repo.findUserForSession(db, userId, sessionId);
      return found ? { ...found, sessionId } : null;
    },

    async verifyToken(token: string): Promise<void> {
      await this.authenticate(token);
    },

    getUser: publicUserById,

    async updateUser(
      current: AuthenticatedUser,
      changes: {
        username?: string | undefined;
        email?: string | undefined;
        first_name?: string | undefined;
        last_name?: string | undefined;
        date_of_birth?: string | null | undefined;
      },
    ): Promise<User> {
      const errors: FieldErrors = {};
      const emailChanged = changes.email !== undefined && changes.email !== current.user.email.toLowerCase();
      if (emailChanged && changes.email) {
        const issues = emailProblems(changes.email);
        if (issues.length > 0) errors.email = issues;
      }
      if (changes.date_of_birth) {
        const born = new Date(`${changes.date_of_birth}T00:00:00Z`);
        if (born > clock.now() || born.getUTCFullYear() < 1900) {
          errors.date_of_birth = ['Enter a real date of birth (after 1900 and not in the future).'];
        }
      }
      if (Object.keys(errors).length > 0) throw validationError(errors);
      await ensureUniqueIdentity(changes.username, emailChanged ? changes.email : undefined, current.user.id);
      let updated: repo.UserRow | undefined;
      try {
        updated = await repo.updateUser(db, current.user.id, {
          ...(changes.username !== undefined ? { username: changes.username } : {}),
          ...(emailChanged
            ? { email: changes.email, emailVerified: config.auth.emailVerification === 'none' }
            : {}),
          ...(changes.first_name !== undefined ? { firstName: changes.first_name } : {}),
          ...(changes.last_name !== undefined ? { lastName: changes.last_name } : {}),
          ...(changes.date_of_birth !== undefined ? { dateOfBirth: changes.date_of_birth } : {}),
        });
      } catch (error) {
        raceToValidation(error);
      }
      if (!updated) throw new AppError('not_found', 'User not found.');
      if (emailChanged && config.auth.emailVerification !== 'none') {
        const user = updated;
        sendInBackground('verification', () => sendVerificationEmail(user));
      }
      return publicUserById(current.user.id);
    },

    async changePassword(
      current: AuthenticatedUser,
      input: { old_password: string; new_password1: string; new_password2: string },
    ): Promise<void> {
      const errors: FieldErrors = {};
      // Accounts made through Google have no password yet: they set one through the reset flow.
      if (!(await verifyPassword(current.user.passwordHash, input.old_password))) {
        errors.old_password = ['Your old password was entered incorrectly. Please enter it again.'];
      }
      Object.assign(
        errors,
        newPasswordErrors(
          input.new_password1,
          input.new_password2,
          {
            username: current.user.username,
            email: current.user.email,
            firstName: current.user.firstName,
            lastName: current.user.lastName,
          },
          ['new_password1', 'new_password2'],
        ),
      );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      await repo.updateUser(db, current.user.id, { passwordHash: await hashPassword(input.new_password1) });
      // Whoever knew the old password may hold another session: close all but this one.
      await repo.revokeUserSessions(db, current.user.id, 'password_change', clock.now(), current.sessionId);
    },

    async requestPasswordReset(email: string): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user?.isActive) return;
      sendInBackground('password reset', async () => {
        const token = await issueEmailToken(
          user,
          'password_reset',
          config.auth.passwordResetTtlMinutes * 60_000,
        );
        const uid = Buffer.from(String(user.id)).toString('base64url');
        const link = `${config.frontendUrl}/password-reset/confirm/${uid}/${token}`;
        await deps.mailer.send({
          to: user.email,
          subject: 'Reset your CV Improver password',
          text: `Hello ${user.username},\n\nSomeone asked to reset the password of your CV Improver account. To choose a new password, open:\n${link}\n\nThe link works once, for ${config.auth.passwordResetTtlMinutes} minutes. If it was not you, ignore this message: your password stays as it is.\n`,
        });
      });
    },

    async confirmPasswordReset(input: {
      uid: string;
      token: string;
      new_password1: string;
      new_password2: string;
    }) {
      const invalid = () =>
        validationError(
          { token: ['Invalid value'] },
          'The reset link is invalid or has expired. Ask for a new one.',
        );
      const userId = Number.parseInt(Buffer.from(input.uid, 'base64url').toString('utf8'), 10);
      if (!Number.isSafeInteger(userId) || userId <= 0)
        throw validationError(
          { uid: ['Invalid value'] },
          'The reset link is invalid or has expired. Ask for a new one.',
        );
      const now = clock.now();
      const tokenHash = hashOpaqueToken(input.token);
      const pending = await repo.findEmailToken(db, 'password_reset', tokenHash, now);
      if (!pending || pending.userId !== userId) throw invalid();
      const found = await repo.findUserWithPlan(db, userId);
      if (!found) throw invalid();
      const errors = newPasswordErrors(
        input.new_password1,
        input.new_password2,
        {
          username: found.user.username,
          email: found.user.email,
          firstName: found.user.firstName,
          lastName: found.user.lastName,
        },
        ['new_password1', 'new_password2'],
      );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      // Consumed only now, so a weak new password does not burn the link.
      const consumed = await repo.consumeEmailToken(db, 'password_reset', tokenHash, now);
      if (!consumed) throw invalid();
      await repo.updateUser(db, userId, {
        passwordHash: await hashPassword(input.new_password1),
        // The link proved the user reads this mailbox.
        ...(consumed.email.toLowerCase() === found.user.email.toLowerCase() ? { emailVerified: true } : {}),
      });
      await repo.revokeUserSessions(db, userId, 'password_reset', now);
      await repo.clearFailures(db, `account:${found.user.username.toLowerCase()}`);
      await repo.clearFailures(db, `account:${found.user.email.toLowerCase()}`);
    },

    async verifyEmail(key: string): Promise<void> {
      const now = clock.now();
      const consumed = await repo.consumeEmailToken(db, 'verify_email', hashOpaqueToken(key), now);
      const found = consumed ? await repo.findUserWithPlan(db, consumed.userId) : undefined;
      // The link proves the address it was sent to; an address changed since then stays unverified.
      if (!consumed || !found || found.user.email.toLowerCase() !== consumed.email.toLowerCase()) {
        throw new AppError(
          'not_found',
          'This confirmation link is invalid or has expired. Ask for a new one.',
        );
      }
      await repo.updateUser(db, found.user.id, { emailVerified: true });
    },

    async resendVerification(email: string): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user || user.emailVerified || config.auth.emailVerification === 'none') return;
      sendInBackground('verification', () => sendVerificationEmail(user));
    },

    async googleLogin(
      input: {
        id_token?: string | undefined;
        code?: string | undefined;
        code_verifier?: string | undefined;
        redirect_uri?: string | undefined;
      },
      client: ClientInfo,
    ): Promise<{ tokens: IssuedTokens; user: User }> {
      const identity: GoogleIdentity = input.id_token
        ? await deps.google.verifyIdToken(input.id_token)
        : await deps.google.exchangeCode({
            code: input.code ?? '',
            codeVerifier: input.code_verifier,
            redirectUri: input.redirect_uri,
          });
      const email = identity.email.toLowerCase();
      let user = await repo.findUserByGoogleSub(db, identity.sub);
      if (!user) {
        const existing = await repo.findUserByEmail(db, email);
        if (existing) {
          // Linking by email is safe only when Google vouches for the address; otherwise anyone
          // could claim an account by creating a Google account with its email.
          if (!identity.emailVerified) {
            throw new AppError(
              'bad_request',
              'This Google account’s email is not verified, so it cannot be linked to the existing account. Sign in with your password.',
            );
          }
          user = await repo.updateUser(db, existing.id, { googleSub: identity.sub, emailVerified: true });
        } else {
          user = await createGoogleUser(identity, email);
        }
      }
      if (!user?.isActive) throw new AppError('permission_denied', 'This account is disabled.');
      await repo.updateUser(db, user.id, { lastLoginAt: clock.now() });
      const tokens = await startSession(user.id, client);
      return { tokens, user: await publicUserById(user.id) };
    },
  };

  async function createGoogleUser(identity: GoogleIdentity, email: string): Promise<repo.UserRow> {
    const base = (email.split('@')[0] ?? 'user').replace(/[^\w.@+-]/g, '').slice(0, 140) || 'user';
    for (let attempt = 0; attempt < 20; attempt++) {
      const username = attempt === 0 ? base : `${base}${Math.floor(Math.random() * 10_000)}`;
      if (await repo.isUsernameTaken(db, username)) continue;
      try {
        return await repo.insertUser(db, {
          username,
          email,
          passwordHash: null,
          firstName: identity.givenName ?? '',
          lastName: identity.familyName ?? '',
          emailVerified: identity.emailVerified,
          googleSub: identity.sub,
          planId: await defaultPlanId(),
        });
      } catch (error) {
        if (repo.uniqueViolation(error) !== 'username') throw error;
      }
    }
    throw new AppError('conflict', 'Could not choose a username for this account; please try again.');
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
