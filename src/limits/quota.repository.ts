// SQL of the daily plan quotas (`quota_events`), the plans they read their limits from, and the
// operator's address blocks (`ip_blocks`).
//
// Counting is atomic on PGlite and PostgreSQL alike, and costs the same at a limit's last unit as at
// its first: a unit is taken by the `quota_take_unit` function (migrations/0009), which takes a
// transaction-scoped advisory lock on (user, scope), counts the window from the numbers of its first
// and last units, and inserts one only when the count is under the limit. Two requests of the same
// user and scope queue on the lock; other users and scopes never wait.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { FREE_PLAN_SLUG, PLAN_CATALOG } from '../billing/plans.catalog.ts';
import type { Db } from '../platform/db/database.ts';
import { ipBlocks, plans, quotaEvents, users } from '../platform/db/schema.ts';

export type PlanRow = typeof plans.$inferSelect;
export type DailyScope = 'ai_responses' | 'questionnaires' | 'uploads';

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
 * Takes one unit of a daily scope if the rolling window has room, or (`take: false`) only reads
 * the window. One call of the `quota_take_unit` function (migrations/0009): the limit comes from
 * the user's plan row, else the Free plan's, else the catalogue's.
 */
async function callTakeUnit(
  db: Db,
  input: {
    userId: number;
    scope: DailyScope;
    ref: string | null;
    now: Date;
    windowMs: number;
    take: boolean;
  },
): Promise<DailyCount & { allowed: boolean }> {
  const [row] = rowsOf<{ allowed: boolean; lim: number; used: number; pivot: unknown }>(
    await db.execute(sql`select * from quota_take_unit(
      ${input.userId}::int, ${input.scope}::varchar, ${input.ref}::varchar, ${input.now.toISOString()}::timestamptz,
      ${input.windowMs}::bigint, ${FREE_FALLBACK[input.scope]}::int, ${input.take}::boolean)`),
  );
  if (!row) throw new Error('quota_take_unit returned no row');
  return { allowed: row.allowed, limit: Number(row.lim), used: Number(row.used), pivot: toDate(row.pivot) };
}

/**
 * Takes one unit of a daily scope if the rolling window has room. Returns whether it did and the
 * window afterwards.
 */
export function takeDailyUnit(
  db: Db,
  input: { userId: number; scope: DailyScope; ref: string | null; now: Date; windowMs: number },
): Promise<DailyCount & { allowed: boolean }> {
  return callTakeUnit(db, { ...input, take: true });
}

/** The window of a daily scope without taking anything. */
export async function readDailyUnits(
  db: Db,
  input: { userId: number; scope: DailyScope; now: Date; windowMs: number },
): Promise<DailyCount> {
  const { limit, used, pivot } = await callTakeUnit(db, { ...input, ref: null, take: false });
  return { limit, used, pivot };
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
