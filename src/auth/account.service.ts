// The account itself: registering, reading and changing the profile, changing the password.
import { AppError, type FieldErrors, validationError } from '../platform/errors.ts';
import * as repo from './auth.repository.ts';
import type { User } from './auth.schemas.ts';
import type { AuthServiceDeps } from './auth.service.ts';
import type { EmailFlows } from './email-flows.service.ts';
import { hashPassword, newPasswordErrors, verifyPassword } from './passwords.ts';
import type { AuthenticatedUser, ClientInfo, IssuedTokens } from './sessions.service.ts';
import { emailProblems, raceToValidation, type Users } from './users.ts';

type AccountDeps = Pick<AuthServiceDeps, 'db' | 'config' | 'clock' | 'sessionCache'>;

interface Registration {
  username: string;
  email: string;
  password1: string;
  password2: string;
  first_name?: string | undefined;
  last_name?: string | undefined;
}

interface ProfileChanges {
  username?: string | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  date_of_birth?: string | null | undefined;
}

/** What is wrong with a registration before the database is asked, by field. */
function registrationErrors(input: Registration): FieldErrors {
  const errors: FieldErrors = {};
  const emailIssues = emailProblems(input.email);
  if (emailIssues.length > 0) errors.email = emailIssues;
  const person = {
    username: input.username,
    email: input.email,
    firstName: input.first_name,
    lastName: input.last_name,
  };
  return {
    ...errors,
    ...newPasswordErrors(input.password1, input.password2, person, ['password1', 'password2']),
  };
}

/** What is wrong with a profile change before the database is asked, by field. */
function profileErrors(changes: ProfileChanges, emailChanged: boolean, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  if (emailChanged && changes.email) {
    const issues = emailProblems(changes.email);
    if (issues.length > 0) errors.email = issues;
  }
  if (changes.date_of_birth) {
    const born = new Date(`${changes.date_of_birth}T00:00:00Z`);
    if (born > now || born.getUTCFullYear() < 1900) {
      errors.date_of_birth = ['Enter a real date of birth (after 1900 and not in the future).'];
    }
  }
  return errors;
}

/** The columns a profile change writes: only the fields given (and the verification an email change resets). */
function profileColumns(deps: AccountDeps, changes: ProfileChanges, emailChanged: boolean) {
  return {
    ...(changes.username !== undefined ? { username: changes.username } : {}),
    ...(emailChanged
      ? { email: changes.email, emailVerified: deps.config.auth.emailVerification === 'none' }
      : {}),
    ...(changes.first_name !== undefined ? { firstName: changes.first_name } : {}),
    ...(changes.last_name !== undefined ? { lastName: changes.last_name } : {}),
    ...(changes.date_of_birth !== undefined ? { dateOfBirth: changes.date_of_birth } : {}),
  };
}

/** What the account part of the auth service leans on: the users, the e-mail flows, sessions. */
interface AccountParts {
  users: Users;
  emails: EmailFlows;
  startSession: (userId: number, client: ClientInfo) => Promise<IssuedTokens>;
}

export function createAccount(deps: AccountDeps, parts: AccountParts) {
  return {
    register: (input: Registration, client: ClientInfo) => register(deps, parts, input, client),
    getUser: parts.users.publicUserById,
    updateUser: (current: AuthenticatedUser, changes: ProfileChanges) =>
      updateUser(deps, parts, current, changes),
    changePassword: (
      current: AuthenticatedUser,
      input: { old_password: string; new_password1: string; new_password2: string },
    ) => changePassword(deps, current, input),
  };
}

async function register(
  deps: AccountDeps,
  parts: AccountParts,
  input: Registration,
  client: ClientInfo,
): Promise<{ tokens: IssuedTokens | null; user: User }> {
  const { db, config } = deps;
  const { users, emails } = parts;
  const verification = config.auth.emailVerification;
  const errors = registrationErrors(input);
  if (Object.keys(errors).length > 0) throw validationError(errors);
  await users.ensureUniqueIdentity(input.username, input.email);
  const passwordHash = await hashPassword(input.password1);
  let user: repo.UserRow;
  try {
    user = await repo.insertUser(db, {
      username: input.username,
      email: input.email,
      passwordHash,
      firstName: input.first_name ?? '',
      lastName: input.last_name ?? '',
      emailVerified: verification === 'none',
      planId: await users.defaultPlanId(),
    });
  } catch (error) {
    raceToValidation(error);
  }
  if (verification !== 'none') emails.sendVerificationInBackground(user);
  const publicUser = await users.publicUserById(user.id);
  if (verification === 'mandatory') return { tokens: null, user: publicUser };
  return { tokens: await parts.startSession(user.id, client), user: publicUser };
}

async function updateUser(
  deps: AccountDeps,
  parts: AccountParts,
  current: AuthenticatedUser,
  changes: ProfileChanges,
): Promise<User> {
  const { db, config, clock } = deps;
  const { users, emails } = parts;
  const emailChanged = changes.email !== undefined && changes.email !== current.user.email.toLowerCase();
  const errors = profileErrors(changes, emailChanged, clock.now());
  if (Object.keys(errors).length > 0) throw validationError(errors);
  await users.ensureUniqueIdentity(
    changes.username,
    emailChanged ? changes.email : undefined,
    current.user.id,
  );
  let updated: repo.UserRow | undefined;
  try {
    updated = await repo.updateUser(db, current.user.id, profileColumns(deps, changes, emailChanged));
  } catch (error) {
    raceToValidation(error);
  }
  if (!updated) throw new AppError('not_found', 'User not found.');
  await deps.sessionCache.changed({ userId: current.user.id });
  if (emailChanged && config.auth.emailVerification !== 'none') emails.sendVerificationInBackground(updated);
  return users.publicUserById(current.user.id);
}

async function changePassword(
  deps: AccountDeps,
  current: AuthenticatedUser,
  input: { old_password: string; new_password1: string; new_password2: string },
): Promise<void> {
  const { db, clock } = deps;
  const errors: FieldErrors = {};
  // Accounts made through Google have no password yet: they set one through the reset flow.
  if (!(await verifyPassword(current.user.passwordHash, input.old_password))) {
    errors.old_password = ['Your old password was entered incorrectly. Please enter it again.'];
  }
  const { username, email, firstName, lastName } = current.user;
  const person = { username, email, firstName, lastName };
  const fields: [string, string] = ['new_password1', 'new_password2'];
  Object.assign(errors, newPasswordErrors(input.new_password1, input.new_password2, person, fields));
  if (Object.keys(errors).length > 0) throw validationError(errors);
  await repo.updateUser(db, current.user.id, { passwordHash: await hashPassword(input.new_password1) });
  // Whoever knew the old password may hold another session: close all but this one.
  await repo.revokeUserSessions(db, current.user.id, 'password_change', clock.now(), current.sessionId);
  await deps.sessionCache.changed({ userId: current.user.id });
}
