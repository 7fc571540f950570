// SQL of the daily plan quotas (`quota_events`), the plans they read their limits from, and the
// operator's address blocks (`ip_blocks`).
//
// Counting is atomic on PGlite and PostgreSQL alike: a unit is taken in a transaction that first
// takes a transaction-scoped advisory lock on (user, scope), then counts the unrefunded events of
// the rolling window and inserts one only when the count is under the limit. Two requests of the
// same user and scope queue on the lock, and the second one's count (a new statement, so a new
// snapshot under READ COMMITTED) sees the first one's row. Other users and scopes never wait.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { FREE_PLAN_SLUG, PLAN_CATALOG } from '../billing/plans.catalog.ts';
import type { Db } from '../platform/db/database.ts';
import { ipBlocks, plans, quotaEvents, users } from '../platform/db/schema.ts';

export type PlanRow = typeof plans.$inferSelect;
export type DailyScope = 'ai_responses' | 'questionnaires' | 'uploads';

const LIMIT_COLUMN: Record<DailyScope, string> = {
  ai_responses: 'ai_responses_per_day',
  questionnaires: 'questionnaires_per_day',
  uploads: 'uploads_per_day',
};

const FREE = PLAN_CATALOG.find((plan) => plan.slug === FREE_PLAN_SLUG);
const FREE_FALLBACK: Record<DailyScope, number> = {
  ai_responses: FREE?.aiResponsesPerDay ?? 3,
  questionnaires: FREE?.questionnairesPerDay ?? 5,
  uploads: FREE?.uploadsPerDay ?? 3,
};

function rowsOf<T>(result: unknown): T[] {
  // node-postgres answers a QueryResult, PGlite a Results object; both carry `rows`.
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export interface DailyCount {
  limit: number;
  used: number;
  /** created_at of the event whose expiry frees the next unit; null when none is counted. */
  pivot: Date | null;
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(/\+00$/, 'Z'));
}

/**
 * The user's limit for a daily scope from the plans table: their plan's, else the Free plan's row,
 * else the catalogue's Free limit (a database where the plans were never seeded).
 */
function limitSql(userId: number, scope: DailyScope) {
  const column = sql.raw(`"${LIMIT_COLUMN[scope]}"`);
  return sql`coalesce(
    (select p.${column} from ${users} u join ${plans} p on p.id = u.plan_id where u.id = ${userId}),
    (select p.${column} from ${plans} p where p.slug = ${FREE_PLAN_SLUG}),
    ${FREE_FALLBACK[scope]}
  )::int`;
}

function windowSql(userId: number, scope: string, since: Date) {
  return sql`${quotaEvents.userId} = ${userId} and ${quotaEvents.scope} = ${scope}
    and ${quotaEvents.refundedAt} is null and ${quotaEvents.createdAt} > ${since.toISOString()}`;
}

/** Counts the window and finds the event whose expiry frees the next unit (see windows.ts). */
async function readWindow(db: Db, userId: number, scope: DailyScope, since: Date, limit: number) {
  const rows = rowsOf<{ n: number | string; created_at: unknown }>(
    await db.execute(sql`
      with w as (
        select ${quotaEvents.createdAt} as created_at,
               row_number() over (order by ${quotaEvents.createdAt}, ${quotaEvents.id}) as rn,
               count(*) over () as n
        from ${quotaEvents}
        where ${windowSql(userId, scope, since)}
      )
      select n, created_at from w where rn = greatest(1, n - ${limit} + 1)`),
  );
  const row = rows[0];
  return row ? { used: Number(row.n), pivot: toDate(row.created_at) } : { used: 0, pivot: null };
}

/**
 * Takes one unit of a daily scope if the rolling window has room. Returns whether it did and the
 * window afterwards.
 */
export async function takeDailyUnit(
  db: Db,
  input: { userId: number; scope: DailyScope; ref: string | null; now: Date; windowMs: number },
): Promise<DailyCount & { allowed: boolean }> {
  const { userId, scope, ref, now } = input;
  const since = new Date(now.getTime() - input.windowMs);
  return db.transaction(async (tx) => {
    // hashtext keeps the second key away from the small integers other advisory locks use.
    await tx.execute(sql`select pg_advisory_xact_lock(${userId}::int, hashtext(${`quota:${scope}`}))`);
    const [limitRow] = rowsOf<{ lim: number }>(
      await tx.execute(sql`select ${limitSql(userId, scope)} as lim`),
    );
    const limit = Number(limitRow?.lim ?? FREE_FALLBACK[scope]);
    const inserted = rowsOf<{ id: number }>(
      await tx.execute(sql`
        insert into ${quotaEvents} (user_id, scope, ref, created_at)
        select ${userId}, ${scope}, ${ref}, ${now.toISOString()}
        where (select count(*) from ${quotaEvents} where ${windowSql(userId, scope, since)}) < ${limit}
        returning id`),
    );
    const window = await readWindow(tx, userId, scope, since, limit);
    return { allowed: inserted.length > 0, limit, ...window };
  });
}

/** The window of a daily scope without taking anything. */
export async function readDailyUnits(
  db: Db,
  input: { userId: number; scope: DailyScope; now: Date; windowMs: number },
): Promise<DailyCount> {
  const { userId, scope, now } = input;
  const [limitRow] = rowsOf<{ lim: number }>(await db.execute(sql`select ${limitSql(userId, scope)} as lim`));
  const limit = Number(limitRow?.lim ?? FREE_FALLBACK[scope]);
  const window = await readWindow(db, userId, scope, new Date(now.getTime() - input.windowMs), limit);
  return { limit, ...window };
}

/** Gives back the unit taken under `ref` (once: a second refund finds it refunded). */
export async function refundUnit(db: Db, scope: string, ref: string, at: Date): Promise<number> {
  const rows = await db
    .update(quotaEvents)
    .set({ refundedAt: at })
    .where(and(eq(quotaEvents.scope, scope), eq(quotaEvents.ref, ref), isNull(quotaEvents.refundedAt)))
    .returning({ id: quotaEvents.id });
  return rows.length;
}

/** Renames a unit's ref once the thing it paid for has an id of its own. */
export async function renameUnitRef(db: Db, scope: string, from: string, to: string): Promise<void> {
  await db
    .update(quotaEvents)
    .set({ ref: to })
    .where(and(eq(quotaEvents.scope, scope), eq(quotaEvents.ref, from)));
}

/** Forgets a user's counted units (all daily scopes, or one). */
export async function deleteUnits(db: Db, userId: number, scope?: string): Promise<number> {
  const rows = await db
    .delete(quotaEvents)
    .where(and(eq(quotaEvents.userId, userId), scope ? eq(quotaEvents.scope, scope) : undefined))
    .returning({ id: quotaEvents.id });
  return rows.length;
}

// ---- plans ----

export function listPlanRows(db: Db): Promise<PlanRow[]> {
  return db.select().from(plans).orderBy(asc(plans.order), asc(plans.id));
}

export async function findUserPlanId(
  db: Db,
  userId: number,
): Promise<{ id: number; username: string; planId: number | null } | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, planId: users.planId })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function findUserByName(
  db: Db,
  name: string,
): Promise<{ id: number; username: string; planId: number | null } | undefined> {
  const byId = /^\d{1,10}$/.test(name) ? Number(name) : null;
  const [row] = await db
    .select({ id: users.id, username: users.username, planId: users.planId })
    .from(users)
    .where(
      byId !== null
        ? sql`${users.id} = ${byId} or lower(${users.username}) = lower(${name})`
        : sql`lower(${users.username}) = lower(${name}) or lower(${users.email}) = lower(${name})`,
    )
    .limit(1);
  return row;
}

// ---- address blocks ----

export type IpBlockRow = typeof ipBlocks.$inferSelect;

export function listActiveBlocks(db: Db, now: Date): Promise<IpBlockRow[]> {
  return db.select().from(ipBlocks).where(gt(ipBlocks.blockedUntil, now)).orderBy(asc(ipBlocks.blockedUntil));
}

/** Blocks an address until `until`; an existing block is extended, never shortened. */
export async function upsertBlock(
  db: Db,
  ip: string,
  until: Date,
  reason: string,
  now: Date,
): Promise<IpBlockRow> {
  const [row] = await db
    .insert(ipBlocks)
    .values({ ip, blockedUntil: until, reason, createdAt: now })
    .onConflictDoUpdate({
      target: ipBlocks.ip,
      set: {
        blockedUntil: sql`case when ${ipBlocks.blockedUntil} > ${now.toISOString()} then greatest(${ipBlocks.blockedUntil}, excluded.blocked_until) else excluded.blocked_until end`,
        reason: sql`excluded.reason`,
        createdAt: sql`case when ${ipBlocks.blockedUntil} > ${now.toISOString()} then ${ipBlocks.createdAt} else excluded.created_at end`,
      },
    })
    .returning();
  if (!row) throw new Error('upsert of an ip block returned no row');
  return row;
}

export async function deleteBlock(db: Db, ip: string): Promise<boolean> {
  const rows = await db.delete(ipBlocks).where(eq(ipBlocks.ip, ip)).returning({ ip: ipBlocks.ip });
  return rows.length > 0;
}
