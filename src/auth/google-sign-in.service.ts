// Signing in with Google: the identity Google vouches for finds its account by Google's subject,
// else links to the account with its (verified) email, else opens a new account.
import { AppError } from '../platform/errors.ts';
import * as repo from './auth.repository.ts';
import type { User } from './auth.schemas.ts';
import type { AuthServiceDeps } from './auth.service.ts';
import type { GoogleIdentity } from './google.ts';
import type { ClientInfo, IssuedTokens } from './sessions.service.ts';
import type { Users } from './users.ts';

type GoogleDeps = Pick<AuthServiceDeps, 'db' | 'clock' | 'google' | 'sessionCache'>;

export interface GoogleSignInInput {
  id_token?: string | undefined;
  code?: string | undefined;
  code_verifier?: string | undefined;
  redirect_uri?: string | undefined;
}

/** A new account for a Google identity, under a username made from its email. */
async function createGoogleUser(
  deps: GoogleDeps,
  users: Users,
  identity: GoogleIdentity,
  email: string,
): Promise<repo.UserRow> {
  const base = (email.split('@')[0] ?? 'user').replace(/[^\w.@+-]/g, '').slice(0, 140) || 'user';
  for (let attempt = 0; attempt < 20; attempt++) {
    const username = attempt === 0 ? base : `${base}${Math.floor(Math.random() * 10_000)}`;
    if (await repo.isUsernameTaken(deps.db, username)) continue;
    try {
      return await repo.insertUser(deps.db, {
        username,
        email,
        passwordHash: null,
        firstName: identity.givenName ?? '',
        lastName: identity.familyName ?? '',
        emailVerified: identity.emailVerified,
        googleSub: identity.sub,
        planId: await users.defaultPlanId(),
      });
    } catch (error) {
      if (repo.uniqueViolation(error) !== 'username') throw error;
    }
  }
  throw new AppError('conflict', 'Could not choose a username for this account; please try again.');
}

/** The account of a Google identity: already linked, linked now by its email, or new. */
async function accountFor(
  deps: GoogleDeps,
  users: Users,
  identity: GoogleIdentity,
): Promise<repo.UserRow | undefined> {
  const linked = await repo.findUserByGoogleSub(deps.db, identity.sub);
  if (linked) return linked;
  const email = identity.email.toLowerCase();
  const existing = await repo.findUserByEmail(deps.db, email);
  if (!existing) return createGoogleUser(deps, users, identity, email);
  // Linking by email is safe only when Google vouches for the address; otherwise anyone could
  // claim an account by creating a Google account with its email.
  if (!identity.emailVerified) {
    throw new AppError(
      'bad_request',
      'This Google account’s email is not verified, so it cannot be linked to the existing account. Sign in with your password.',
    );
  }
  return repo.updateUser(deps.db, existing.id, { googleSub: identity.sub, emailVerified: true });
}

export function createGoogleSignIn(
  deps: GoogleDeps,
  parts: { users: Users; startSession: (userId: number, client: ClientInfo) => Promise<IssuedTokens> },
) {
  return {
    async googleLogin(
      input: GoogleSignInInput,
      client: ClientInfo,
    ): Promise<{ tokens: IssuedTokens; user: User }> {
      const identity: GoogleIdentity = input.id_token
        ? await deps.google.verifyIdToken(input.id_token)
        : await deps.google.exchangeCode({
            code: input.code ?? '',
            codeVerifier: input.code_verifier,
            redirectUri: input.redirect_uri,
          });
      const user = await accountFor(deps, parts.users, identity);
      if (!user?.isActive) throw new AppError('permission_denied', 'This account is disabled.');
      await repo.updateUser(deps.db, user.id, { lastLoginAt: deps.clock.now() });
      // Also covers an account just linked to Google (its googleSub and emailVerified).
      await deps.sessionCache.changed({ userId: user.id });
      const tokens = await parts.startSession(user.id, client);
      return { tokens, user: await parts.users.publicUserById(user.id) };
    },
  };
}
