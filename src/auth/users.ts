// What the parts of the auth service share: the public view of a user, the rules a username and
// an email must meet wherever they are set, the plan a new account starts on, and sending mail
// without making the answer wait for it.
import { FREE_PLAN_SLUG } from '../billing/plans.catalog.ts';
import { findPlanBySlug } from '../billing/plans.repository.ts';
import { AppError, type FieldErrors, validationError } from '../platform/errors.ts';
import * as repo from './auth.repository.ts';
import type { User } from './auth.schemas.ts';
import type { AuthServiceDeps } from './auth.service.ts';
import { isDisposableEmail, suggestEmailCorrection } from './email-rules.ts';

const USERNAME_TAKEN = 'A user with that username already exists.';
const EMAIL_TAKEN = 'A user is already registered with this e-mail address.';

/** Email rules shared by registration, profile changes and Google sign-in. */
export function emailProblems(email: string): string[] {
  if (isDisposableEmail(email)) {
    return ['Disposable email addresses are not accepted. Use an address you will keep.'];
  }
  const suggestion = suggestEmailCorrection(email);
  if (suggestion) return [`Did you mean "${suggestion}"?`];
  return [];
}

/** A unique-key violation from a concurrent write, told as the validation error it would have been. */
export function raceToValidation(error: unknown): never {
  const which = repo.uniqueViolation(error);
  if (which === 'username') throw validationError({ username: [USERNAME_TAKEN] });
  if (which === 'email') throw validationError({ email: [EMAIL_TAKEN] });
  throw error;
}

export function createUsers(deps: Pick<AuthServiceDeps, 'db' | 'plans' | 'logger'>) {
  const { db, logger } = deps;

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

  return {
    toPublicUser,

    async publicUserById(userId: number): Promise<User> {
      const found = await repo.findUserWithPlan(db, userId);
      if (!found) throw new AppError('not_found', 'User not found.');
      return toPublicUser(found.user, found.plan);
    },

    async defaultPlanId(): Promise<number | null> {
      return (await findPlanBySlug(db, FREE_PLAN_SLUG))?.id ?? null;
    },

    /** 400 naming the field when the username or the email belongs to another account. */
    async ensureUniqueIdentity(
      username: string | undefined,
      email: string | undefined,
      exceptUserId?: number,
    ) {
      const errors: FieldErrors = {};
      if (username && (await repo.isUsernameTaken(db, username, exceptUserId)))
        errors.username = [USERNAME_TAKEN];
      if (email && (await repo.isEmailTaken(db, email, exceptUserId))) errors.email = [EMAIL_TAKEN];
      if (Object.keys(errors).length > 0) throw validationError(errors);
    },

    sendInBackground(what: string, send: () => Promise<void>): void {
      // Sending is not awaited: the answer (and its timing) must not depend on whether an account
      // exists, and a slow mail server must not hold the request.
      send().catch((error) => logger.error({ err: error }, `could not send ${what} email`));
    },
  };
}

export type Users = ReturnType<typeof createUsers>;
