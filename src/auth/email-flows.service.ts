// What travels by email: confirming an address, and resetting a forgotten password. Each link
// carries a single-use token stored hashed; asking for a link answers the same whether or not the
// account exists, so the answer tells nobody which addresses have one.
import { AppError, validationError } from '../platform/errors.ts';
import * as repo from './auth.repository.ts';
import type { AuthServiceDeps } from './auth.service.ts';
import { hashPassword, newPasswordErrors } from './passwords.ts';
import { createOpaqueToken, hashOpaqueToken } from './tokens.ts';
import type { Users } from './users.ts';

type EmailDeps = Pick<AuthServiceDeps, 'db' | 'config' | 'clock' | 'mailer' | 'sessionCache'>;

const INVALID_RESET_LINK = 'The reset link is invalid or has expired. Ask for a new one.';

/** A new single-use link token for the user's current email; older ones of its kind stop working. */
async function issueEmailToken(
  deps: EmailDeps,
  user: repo.UserRow,
  purpose: repo.EmailTokenPurpose,
  ttlMs: number,
): Promise<string> {
  const now = deps.clock.now();
  const token = createOpaqueToken();
  await repo.expireEmailTokens(deps.db, user.id, purpose, now);
  await repo.insertEmailToken(deps.db, {
    userId: user.id,
    purpose,
    tokenHash: token.hash,
    email: user.email,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return token.token;
}

async function sendVerificationEmail(deps: EmailDeps, user: repo.UserRow): Promise<void> {
  const token = await issueEmailToken(deps, user, 'verify_email', 3 * 86_400_000);
  const link = `${deps.config.frontendUrl}/verify-email/${token}`;
  await deps.mailer.send({
    to: user.email,
    subject: 'Confirm your email address for CV Improver',
    text: `Hello ${user.username},\n\nPlease confirm your email address by opening this link:\n${link}\n\nThe link works for 3 days. If you did not create this account, ignore this message.\n`,
  });
}

async function sendPasswordResetEmail(deps: EmailDeps, user: repo.UserRow): Promise<void> {
  const minutes = deps.config.auth.passwordResetTtlMinutes;
  const token = await issueEmailToken(deps, user, 'password_reset', minutes * 60_000);
  const uid = Buffer.from(String(user.id)).toString('base64url');
  const link = `${deps.config.frontendUrl}/password-reset/confirm/${uid}/${token}`;
  await deps.mailer.send({
    to: user.email,
    subject: 'Reset your CV Improver password',
    text: `Hello ${user.username},\n\nSomeone asked to reset the password of your CV Improver account. To choose a new password, open:\n${link}\n\nThe link works once, for ${minutes} minutes. If it was not you, ignore this message: your password stays as it is.\n`,
  });
}

/** Sets the new password a reset link allows, once the link and the password both pass. */
async function confirmPasswordReset(
  deps: EmailDeps,
  input: { uid: string; token: string; new_password1: string; new_password2: string },
): Promise<void> {
  const { db } = deps;
  const invalid = () => validationError({ token: ['Invalid value'] }, INVALID_RESET_LINK);
  const userId = Number.parseInt(Buffer.from(input.uid, 'base64url').toString('utf8'), 10);
  if (!Number.isSafeInteger(userId) || userId <= 0) {
    throw validationError({ uid: ['Invalid value'] }, INVALID_RESET_LINK);
  }
  const now = deps.clock.now();
  const tokenHash = hashOpaqueToken(input.token);
  const pending = await repo.findEmailToken(db, 'password_reset', tokenHash, now);
  if (!pending || pending.userId !== userId) throw invalid();
  const found = await repo.findUserWithPlan(db, userId);
  if (!found) throw invalid();
  const { user } = found;
  const errors = newPasswordErrors(
    input.new_password1,
    input.new_password2,
    { username: user.username, email: user.email, firstName: user.firstName, lastName: user.lastName },
    ['new_password1', 'new_password2'],
  );
  if (Object.keys(errors).length > 0) throw validationError(errors);
  // Consumed only now, so a weak new password does not burn the link.
  const consumed = await repo.consumeEmailToken(db, 'password_reset', tokenHash, now);
  if (!consumed) throw invalid();
  await repo.updateUser(db, userId, {
    passwordHash: await hashPassword(input.new_password1),
    // The link proved the user reads this mailbox.
    ...(consumed.email.toLowerCase() === user.email.toLowerCase() ? { emailVerified: true } : {}),
  });
  await repo.revokeUserSessions(db, userId, 'password_reset', now);
  await deps.sessionCache.changed({ userId });
  await repo.clearFailures(db, `account:${user.username.toLowerCase()}`);
  await repo.clearFailures(db, `account:${user.email.toLowerCase()}`);
}

async function verifyEmail(deps: EmailDeps, key: string): Promise<void> {
  const now = deps.clock.now();
  const consumed = await repo.consumeEmailToken(deps.db, 'verify_email', hashOpaqueToken(key), now);
  const found = consumed ? await repo.findUserWithPlan(deps.db, consumed.userId) : undefined;
  // The link proves the address it was sent to; an address changed since then stays unverified.
  if (!consumed || !found || found.user.email.toLowerCase() !== consumed.email.toLowerCase()) {
    throw new AppError('not_found', 'This confirmation link is invalid or has expired. Ask for a new one.');
  }
  await repo.updateUser(deps.db, found.user.id, { emailVerified: true });
  await deps.sessionCache.changed({ userId: found.user.id });
}

export function createEmailFlows(deps: EmailDeps, users: Users) {
  const { db, config } = deps;
  return {
    /** Sends the confirmation link without making the caller wait for the mail server. */
    sendVerificationInBackground(user: repo.UserRow): void {
      users.sendInBackground('verification', () => sendVerificationEmail(deps, user));
    },

    async requestPasswordReset(email: string): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user?.isActive) return;
      users.sendInBackground('password reset', () => sendPasswordResetEmail(deps, user));
    },

    confirmPasswordReset: (input: Parameters<typeof confirmPasswordReset>[1]) =>
      confirmPasswordReset(deps, input),

    verifyEmail: (key: string) => verifyEmail(deps, key),

    async resendVerification(email: string): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user || user.emailVerified || config.auth.emailVerification === 'none') return;
      users.sendInBackground('verification', () => sendVerificationEmail(deps, user));
    },
  };
}

export type EmailFlows = ReturnType<typeof createEmailFlows>;
