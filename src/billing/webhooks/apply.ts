// What every webhook handler (and verify-session) shares: finding the user an object belongs to,
// and applying a decision to that user's row in one transaction with the event's record, so an
// event is applied exactly once and two events for one user apply one after the other.
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import {
  findOtherUsersWithCustomer,
  findPlanByPriceId,
  findUserById,
  findUserIdByCustomer,
  lockUser,
  recordStripeEvent,
  type UserRow,
  updateUserSubscription,
} from '../billing.repository.ts';
import type { StripeClient, StripeEvent } from '../stripe.client.ts';
import {
  type Decision,
  decideSubscriptionChange,
  parseUserId,
  type SubscriptionSnapshot,
} from '../subscription-state.ts';

export interface WebhookContext {
  db: Db;
  stripe: StripeClient;
  logger: Logger;
  /** The Free plan's id (users go back to it when a subscription ends). */
  freePlanId(): Promise<number>;
}

export interface WebhookOutcome {
  applied: boolean;
  /** Why nothing was applied: duplicate, stale, no_user, customer_mismatch, ... */
  reason?: string;
  userId?: number;
}

export type WebhookHandler = (event: StripeEvent, ctx: WebhookContext) => Promise<WebhookOutcome>;

export const eventTime = (event: StripeEvent): Date => new Date(event.created * 1000);

/** Marks an event seen without changing anything, so a redelivery is recognised as such. */
export async function recordOnly(
  ctx: WebhookContext,
  event: StripeEvent,
  reason: string,
): Promise<WebhookOutcome> {
  const fresh = await ctx.db.transaction((tx) =>
    recordStripeEvent(tx, { id: event.id, type: event.type, createdAt: eventTime(event) }),
  );
  return { applied: false, reason: fresh ? reason : 'duplicate' };
}

/**
 * Runs `decide` on the locked user row and writes its changes. With an event, the event is
 * recorded in the same transaction and a redelivered one changes nothing.
 */
export async function applyToUser(
  db: Db,
  event: StripeEvent | null,
  userId: number,
  decide: (user: UserRow, tx: Db) => Promise<Decision>,
): Promise<WebhookOutcome> {
  return db.transaction(async (tx) => {
    if (
      event &&
      !(await recordStripeEvent(tx, { id: event.id, type: event.type, createdAt: eventTime(event) }))
    ) {
      return { applied: false, reason: 'duplicate', userId };
    }
    const user = await lockUser(tx, userId);
    if (!user) return { applied: false, reason: 'no_user', userId };
    const decision = await decide(user, tx);
    if (!decision.apply) return { applied: false, reason: decision.reason, userId };
    await updateUserSubscription(tx, user.id, decision.changes);
    return { applied: true, userId };
  });
}

/**
 * The user a Stripe object belongs to: the user holding its customer, or else the user named in
 * its metadata (set by us at checkout) provided that user holds no other customer. The two must
 * not contradict each other. Never by email.
 */
export async function resolveUser(
  ctx: WebhookContext,
  customerId: string | null,
  metadataUserId: string | null,
): Promise<number | null> {
  const named = parseUserId(metadataUserId);
  const holder = customerId ? await findUserIdByCustomer(ctx.db, customerId) : undefined;
  if (holder !== undefined) {
    if (named !== null && named !== holder) {
      ctx.logger.warn(
        { customerId, holder, named },
        'Stripe object names another user than its customer’s; ignored',
      );
      return null;
    }
    return holder;
  }
  if (named === null) return null;
  const user = await findUserById(ctx.db, named);
  if (!user) return null;
  if (customerId && user.stripeCustomerId && user.stripeCustomerId !== customerId) {
    ctx.logger.warn(
      { customerId, userId: named },
      'Stripe object’s customer is not its user’s customer; ignored',
    );
    return null;
  }
  return user.id;
}

export async function planIdForPrice(db: Db, priceId: string | null): Promise<number | undefined> {
  if (!priceId) return undefined;
  return (await findPlanByPriceId(db, priceId))?.id;
}

/**
 * Applies a subscription's state to its user. `bind`: the user started this subscription's
 * checkout (see decideSubscriptionChange). A customer is bound to a user only when no other user
 * holds it.
 */
export async function applySubscriptionSnapshot(
  ctx: WebhookContext,
  options: { event: StripeEvent | null; userId: number; snapshot: SubscriptionSnapshot; bind: boolean },
): Promise<WebhookOutcome> {
  const { snapshot } = options;
  const planId = await planIdForPrice(ctx.db, snapshot.priceId);
  if (snapshot.priceId && planId === undefined) {
    ctx.logger.warn(
      { priceId: snapshot.priceId },
      'no plan has this Stripe price; the user keeps their plan',
    );
  }
  const freePlanId = await ctx.freePlanId();
  return applyToUser(ctx.db, options.event, options.userId, async (user, tx) => {
    if (snapshot.customerId && user.stripeCustomerId && user.stripeCustomerId !== snapshot.customerId) {
      return { apply: false, reason: 'customer_mismatch' };
    }
    if (snapshot.customerId && !user.stripeCustomerId) {
      const others = await findOtherUsersWithCustomer(tx, snapshot.customerId, user.id);
      if (others.length > 0) return { apply: false, reason: 'customer_of_other_user' };
    }
    return decideSubscriptionChange({ user, snapshot, planId, freePlanId, bind: options.bind });
  });
}

/** Logs what a handler did not apply and why, at a level matching how surprising it is. */
export function logOutcome(logger: Logger, event: StripeEvent, outcome: WebhookOutcome): void {
  const fields = { eventId: event.id, type: event.type, userId: outcome.userId, reason: outcome.reason };
  if (outcome.applied) logger.info(fields, 'Stripe event applied');
  else if (
    outcome.reason === 'customer_mismatch' ||
    outcome.reason === 'customer_of_other_user' ||
    outcome.reason === 'owner_conflict'
  )
    logger.warn(fields, 'Stripe event refused: it would bind a subscription to the wrong user');
  else logger.info(fields, 'Stripe event not applied');
}
