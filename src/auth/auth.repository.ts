// All SQL of accounts and sessions. Uniqueness and single use are settled by the database
// (unique indexes, conditional updates), never by a read followed by a write.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { emailTokens, loginThrottle, plans, refreshTokens, sessions, users } from '../platform/db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export interface UserWithPlan {
  user: UserRow;
  plan: PlanRow | null;
}

export async function findUserWithPlan(db: Db, userId: number): Promise<UserWithPlan | undefined> {
  const [row] = await db
    .select({ user: users, plan: plans })
    .from(users)
    .leftJoin(plans, eq(plans.id, users.planId))
    .where(eq(users.id, userId));
  return row;
}

// Prepared once per database: this query runs on every authenticated request, and a prepared
// statement skips both the query building and the server's parse/plan step.
const sessionUserQueries = new WeakMap<Db, ReturnType<typeof prepareSessionUserQuery>>();

function prepareSessionUserQuery(db: Db) {
  return db
    .select({ user: users, plan: plans })
    .from(users)
    .innerJoin(
      sessions,
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.userId, users.id),
        isNull(sessions.revokedAt),
      ),
    )
    .leftJoin(plans, eq(plans.id, users.planId))
    .where(and(eq(users.id, sql.placeholder('userId')), eq(users.isActive, true)))
    .prepare('auth_session_user');
}

/** The user behind an access token, only while the token's session is still open. */
export async function findUserForSession(
  db: Db,
  userId: number,
  sessionId: string,
): Promise<UserWithPlan | undefined> {
  let query = sessionUserQueries.get(db);
  if (!query) {
    query = prepareSessionUserQuery(db);
    sessionUserQueries.set(db, query);
  }
  const [row] = await query.execute({ userId, sessionId });
  return row;
}

export async function findUserByLogin(db: Db, identifier: string): Promise<UserRow | undefined> {
  const lowered = identifier.toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, lowered), eq(sql`lower(${users.email})`, lowered)))
    .limit(1);
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row;
}

export async function findUserByGoogleSub(db: Db, sub: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.googleSub, sub));
  return row;
}

/** Whether another user has this username or email, ignoring case. */
async function isTaken(
  db: Db,
  column: typeof users.username | typeof users.email,
  value: string,
  exceptUserId?: number,
) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(sql`lower(${column})`, value.toLowerCase()),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export const isUsernameTaken = (db: Db, username: string, exceptUserId?: number) =>
  isTaken(db, users.username, username, exceptUserId);

export const isEmailTaken = (db: Db, email: string, exceptUserId?: number) =>
  isTaken(db, users.email, email, exceptUserId);

export type NewUser = typeof users.$inferInsert;

export async function insertUser(db: Db, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateUser(
  db: Db,
  userId: number,
  values: Partial<NewUser>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  return row;
}

/** Which unique index a PostgreSQL unique violation hit, if it was one. */
export function uniqueViolation(error: unknown): 'username' | 'email' | 'google' | null {
  const candidates = [error, (error as { cause?: unknown })?.cause];
  for (const e of candidates) {
    const pgError = e as { code?: string; constraint?: string; message?: string } | undefined;
    if (pgError?.code !== '23505') continue;
    const where = `${pgError.constraint ?? ''} ${pgError.message ?? ''}`;
    if (where.includes('username')) return 'username';
    if (where.includes('email')) return 'email';
    if (where.includes('google')) return 'google';
  }
  return null;
}

// ---- sessions and refresh tokens ----

export async function createSession(
  db: Db,
  values: { userId: number; userAgent: string | null; ip: string | null },
): Promise<string> {
  const id = randomUUID();
  await db.insert(sessions).values({
    id,
    userId: values.userId,
    userAgent: values.userAgent?.slice(0, 255) ?? null,
    ip: values.ip?.slice(0, 64) ?? null,
  });
  return id;
}

export async function insertRefreshToken(
  db: Db,
  values: { sessionId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values({ id: randomUUID(), ...values });
}

export async function findRefreshToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: refreshTokens, session: sessions })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks a refresh token used; false when another request used it first (a replay). */
export async function claimRefreshToken(db: Db, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.usedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length > 0;
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: Db, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(
  db: Db,
  userId: number,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

// ---- single-use email tokens ----

export type EmailTokenPurpose = 'password_reset' | 'verify_email';

export async function insertEmailToken(
  db: Db,
  values: { userId: number; purpose: EmailTokenPurpose; tokenHash: string; email: string; expiresAt: Date },
): Promise<void> {
  await db.insert(emailTokens).values({ id: randomUUID(), ...values });
}

/** Uses a token once: the conditional update lets exactly one of two racing requests through. */
export async function consumeEmailToken(db: Db, purpose: EmailTokenPurpose, tokenHash: string, now: Date) {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function findEmailToken(db: Db, purpose: EmailTokenPurpose, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    );
  return row;
}

/** A new link makes the older ones of the same kind useless. */
export async function expireEmailTokens(
  db: Db,
  userId: number,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

// ---- failed sign-in counters ----

export async function readLocks(db: Db, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil, failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.lockedUntil, now)));
  let latest: Date | null = null;
  for (const row of rows)
    if (row.lockedUntil && (!latest || row.lockedUntil > latest)) latest = row.lockedUntil;
  return latest;
}

export async function readFailures(db: Db, key: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .select({ failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, key), gt(loginThrottle.windowStartedAt, windowStart)));
  return row?.failures ?? 0;
}

/**
 * Counts one failure in a fixed window starting at the first failure; locks the key once the count
 * reaches `maxFailures`. One atomic upsert, so concurrent failures are all counted.
 */
export async function recordFailure(
  db: Db,
  key: string,
  now: Date,
  options: { windowMs: number; maxFailures: number; lockMs: number },
): Promise<number> {
  const windowStart = new Date(now.getTime() - options.windowMs);
  const lockUntil = new Date(now.getTime() + options.lockMs);
  const [row] = await db
    .insert(loginThrottle)
    .values({
      key,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: options.maxFailures <= 1 ? lockUntil : null,
    })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart} then ${now} else ${loginThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} <= ${windowStart} then 1 else ${loginThrottle.failures} + 1 end) >= ${options.maxFailures} then ${lockUntil} else ${loginThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
