// Password hashing (argon2id) and the password rules of SPEC.md, in the spirit of Django's
// validators: length, not all digits, not common, not too similar to the user's own names.
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import type { dictionary as ZxcvbnDictionary } from '@zxcvbn-ts/language-common';

// Algorithm 2 is argon2id in @node-rs/argon2. OWASP's minimum: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verified against when the account does not exist, so a wrong username costs as much time as a
// wrong password and timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 8;

/** What a password must not resemble. */
export interface UserAttributes {
  username?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** A new password typed twice: the mismatch and the rules, each under its own field. */
export function newPasswordErrors(
  password1: string,
  password2: string,
  user: UserAttributes,
  fields: [string, string],
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (password1 !== password2) errors[fields[1]] = ["The two password fields didn't match."];
  const problems = checkPasswordRules(password1, user);
  if (problems.length > 0) errors[fields[0]] = problems;
  return errors;
}

/** Returns the reasons a password is refused; empty when it is acceptable. */
export function checkPasswordRules(password: string, user: UserAttributes): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`This password is too short. It must contain at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  if (isCommonPassword(password)) problems.push('This password is too common.');
  const similarTo = findSimilarAttribute(password, user);
  if (similarTo) problems.push(`The password is too similar to the ${similarTo}.`);
  return problems;
}

// zxcvbn-ts's list of about 49,000 leaked passwords, lowercased. Unpacking it takes about 80 ms,
// so the first password check pays that once, not every start of the API or the worker.
let commonPasswords: ReadonlySet<string> | undefined;

function loadCommonPasswords(): ReadonlySet<string> {
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
    dictionary: typeof ZxcvbnDictionary;
  };
  return new Set(dictionary['passwords-common']);
}

function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  const normalized = password.toLowerCase().trim();
  if (commonPasswords.has(normalized)) return true;
  // zxcvbn leaves out of its list what its pattern matchers catch, such as 'aaaaaaaa' or
  // 'qwerqwer'; a piece typed over and over is as weak as the piece.
  const piece = /^(.+?)\1+$/s.exec(normalized)?.[1];
  return piece !== undefined && (piece.length <= 4 || commonPasswords.has(piece));
}

function findSimilarAttribute(password: string, user: UserAttributes): string | null {
  const lowered = password.toLowerCase();
  const attributes: Array<[string, string | null | undefined]> = [
    ['username', user.username],
    ['email address', user.email],
    ['first name', user.firstName],
    ['last name', user.lastName],
  ];
  for (const [label, value] of attributes) {
    if (!value) continue;
    const whole = value.toLowerCase();
    const parts = [whole, ...whole.split(/\W+/)].filter((p) => p.length >= 3);
    if (parts.some((part) => similarity(lowered, part) >= 0.7)) return label;
  }
  return null;
}

/** Ratio of matching characters, 2·M / (|a| + |b|), with M from the longest common subsequence. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  const previous = new Array<number>(b.length + 1).fill(0);
  const current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    for (let j = 0; j <= b.length; j++) previous[j] = current[j] ?? 0;
  }
  return (2 * (previous[b.length] ?? 0)) / (a.length + b.length);
}
