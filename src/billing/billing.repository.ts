// All SQL of billing. Races are settled by the database: the customer id is stored with a
// conditional update, each webhook event id is inserted once (primary key), and a user's
// subscription state is changed only under a row lock.
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { plans, stripeEvents, users } from '../platform/db/schema.ts';
import type { PlanRow } from './plans.repository.ts';

export type UserRow = typeof users.$inferSelect;

export interface SubscriptionChanges {
  planId?: number | null;
  stripeCustomerId?: string;
  stripeSubscriptionId?: string | null;
  stripeSubscriptionStatus?: string | null;
  subscriptionRenewalDate?: Date | null;
  subscriptionInterval?: string | null;
  stripeStateAt?: Date;
}

/**
 * Writes the configured Stripe price ids into the plans table, which holds the plan ↔ price
 * mapping from then on. A slot not configured keeps what is there (an operator may set it by hand).
 */
export async function applyStripePriceIds(
  db: Db,
  priceIds: Record<string, { monthly?: string; yearly?: string }>,
): Promise<void> {
  for (const [slug, ids] of Object.entries(priceIds)) {
    const set: { stripePriceMonthly?: string; stripePriceYearly?: string } = {};
    if (ids.monthly) set.stripePriceMonthly = ids.monthly;
    if (ids.yearly) set.stripePriceYearly = ids.yearly;
    if (Object.keys(set).length === 0) continue;
    await db
      .update(plans)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(plans.slug, slug));
  }
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** The user row, locked until the transaction ends, so two events for one user apply in turn. */
export async function lockUser(tx: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

/** Other users holding this Stripe customer (there should be none). */
export async function findOtherUsersWithCustomer(
  db: Db,
  customerId: string,
  userId: number,
): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.stripeCustomerId, customerId), ne(users.id, userId)));
  return rows.map((r) => r.id);
}

export async function findUserIdByCustomer(db: Db, customerId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.stripeCustomerId, customerId))
    .limit(1);
  return row?.id;
}

/**
 * Stores the customer id unless the user already has one, and answers the one stored: with two
 * concurrent checkouts the first write wins and both go on with the same customer.
 */
export async function storeCustomerId(db: Db, userId: number, customerId: string): Promise<string | null> {
  await db
    .update(users)
    .set({ stripeCustomerId: customerId, updatedAt: sql`now()` })
    .where(
      and(eq(users.id, userId), or(isNull(users.stripeCustomerId), eq(users.stripeCustomerId, customerId))),
    );
  const [row] = await db.select({ id: users.stripeCustomerId }).from(users).where(eq(users.id, userId));
  return row?.id ?? null;
}

export async function findPlanByPriceId(db: Db, priceId: string): Promise<PlanRow | undefined> {
  const [row] = await db
    .select()
    .from(plans)
    .where(or(eq(plans.stripePriceMonthly, priceId), eq(plans.stripePriceYearly, priceId)))
    .limit(1);
  return row;
}

export async function findPlanBySlugOrThrow(db: Db, slug: string): Promise<PlanRow> {
  const [row] = await db.select().from(plans).where(eq(plans.slug, slug));
  if (!row) throw new Error(`plan "${slug}" is missing from the plans table`);
  return row;
}

/**
 * Records an event as applied. False when it already was: the caller then applies nothing. Run in
 * the transaction of the change, so an event is recorded exactly when its change is committed.
 */
export async function recordStripeEvent(
  tx: Db,
  event: { id: string; type: string; createdAt: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, stripeCreatedAt: event.createdAt })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return inserted.length > 0;
}

export async function isStripeEventRecorded(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, id));
  return row !== undefined;
}

export async function updateUserSubscription(
  tx: Db,
  userId: number,
  changes: SubscriptionChanges,
): Promise<void> {
  await tx
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}
