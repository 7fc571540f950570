// Accounts, sessions and the emails that go with them. Routes call one function each; every rule
// about who may do what lives in the parts composed here: sessions and tokens, the account, the
// email flows and Google sign-in, over the user helpers they share.
import type { PlansService } from '../billing/plans.service.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logger.ts';
import type { Mailer } from '../platform/mailer.ts';
import { createAccount } from './account.service.ts';
import { createEmailFlows } from './email-flows.service.ts';
import type { GoogleVerifier } from './google.ts';
import { createGoogleSignIn } from './google-sign-in.service.ts';
import type { SessionCache } from './session-cache.ts';
import { createSessions } from './sessions.service.ts';
import type { TokenSigner } from './tokens.ts';
import { createUsers } from './users.ts';

export type { AuthenticatedUser, ClientInfo, IssuedTokens } from './sessions.service.ts';

export interface AuthServiceDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  google: GoogleVerifier;
  signer: TokenSigner;
  plans: PlansService;
  /** Who is behind a session, for a few seconds; every change to an account goes through it. */
  sessionCache: SessionCache;
}

export function createAuthService(deps: AuthServiceDeps) {
  const users = createUsers(deps);
  const sessions = createSessions(deps, users);
  const emails = createEmailFlows(deps, users);
  const account = createAccount(deps, { users, emails, startSession: sessions.startSession });
  const google = createGoogleSignIn(deps, { users, startSession: sessions.startSession });
  return {
    toPublicUser: users.toPublicUser,
    register: account.register,
    login: sessions.login,
    logout: sessions.logout,
    refresh: sessions.refresh,
    authenticate: sessions.authenticate,
    authenticateSession: sessions.authenticateSession,
    verifyToken: sessions.verifyToken,
    getUser: account.getUser,
    updateUser: account.updateUser,
    changePassword: account.changePassword,
    requestPasswordReset: emails.requestPasswordReset,
    confirmPasswordReset: emails.confirmPasswordReset,
    verifyEmail: emails.verifyEmail,
    resendVerification: emails.resendVerification,
    googleLogin: google.googleLogin,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
