// How a user's subscription state follows Stripe. Pure decisions, no I/O: the webhook handlers and
// verify-session read the user row (locked), ask here what to change, and write the answer.
//
// Stripe delivers events at least once and in any order, so every decision guards against:
// - an older state arriving after a newer one (`at` against `users.stripe_state_at`);
// - a state of some other subscription than the user's current one;
// - a subscription coming back from a final state (canceled, incomplete_expired) or going back
//   to `incomplete` (events of the same second are not ordered by their timestamps).
import type { SubscriptionChanges, UserRow } from './billing.repository.ts';
import type { StripeCheckoutSession, StripeInvoice, StripeSubscription } from './stripe.client.ts';

/** Statuses under which the paid plan is granted. `past_due` keeps it until Stripe gives up. */
const GRANTING = new Set(['active', 'trialing', 'past_due']);
/** Statuses under which the user is back on Free. */
const REVOKING = new Set(['canceled', 'incomplete_expired', 'unpaid', 'paused']);
/** A subscription in these states never changes again at Stripe. */
const FINAL = new Set(['canceled', 'incomplete_expired']);

export interface SubscriptionSnapshot {
  subscriptionId: string;
  customerId: string | null;
  status: string;
  priceId: string | null;
  interval: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  metadataUserId: string | null;
  /** When this state was true at Stripe. */
  at: Date;
}

export type Decision = { apply: true; changes: SubscriptionChanges } | { apply: false; reason: string };

export interface DecideInput {
  user: UserRow;
  snapshot: SubscriptionSnapshot;
  /** The plan whose Stripe price the subscription is on; undefined when no plan has that price. */
  planId: number | undefined;
  freePlanId: number;
  /**
   * True when the user started this subscription's checkout themselves (checkout completed,
   * verify-session): it then replaces another current subscription instead of being ignored.
   */
  bind: boolean;
}

export function decideSubscriptionChange(input: DecideInput): Decision {
  const { user, snapshot, planId, freePlanId, bind } = input;
  if (user.stripeStateAt && snapshot.at < user.stripeStateAt) return { apply: false, reason: 'stale' };
  const current = user.stripeSubscriptionId;
  const same = current === snapshot.subscriptionId;
  // Another live subscription stays current, unless the user just paid for this one (an old,
  // ended checkout must not replace it, though).
  const takesOver = bind && GRANTING.has(snapshot.status);
  if (current && !same && !takesOver && !FINAL.has(user.stripeSubscriptionStatus ?? '')) {
    return { apply: false, reason: 'not_current_subscription' };
  }
  if (same && FINAL.has(user.stripeSubscriptionStatus ?? '') && !FINAL.has(snapshot.status)) {
    return { apply: false, reason: 'subscription_already_ended' };
  }
  if (same && snapshot.status === 'incomplete' && user.stripeSubscriptionStatus !== 'incomplete') {
    return { apply: false, reason: 'status_regressed' };
  }

  const changes: SubscriptionChanges = {
    stripeSubscriptionId: snapshot.subscriptionId,
    stripeSubscriptionStatus: snapshot.status,
    stripeStateAt: laterOf(snapshot.at, user.stripeStateAt),
  };
  if (snapshot.customerId && !user.stripeCustomerId) changes.stripeCustomerId = snapshot.customerId;

  if (GRANTING.has(snapshot.status)) {
    // A price no plan has keeps the plan the user has: better than granting or revoking by guess.
    if (planId !== undefined) changes.planId = planId;
    changes.subscriptionRenewalDate = snapshot.periodEnd;
    changes.subscriptionInterval = snapshot.interval;
  } else if (REVOKING.has(snapshot.status)) {
    changes.planId = freePlanId;
    changes.subscriptionRenewalDate = null;
    changes.subscriptionInterval = null;
  }
  // `incomplete`: the first payment is not through yet, so the plan is not granted.
  return { apply: true, changes };
}

/** invoice.paid and invoice.payment_failed: a status change of the user's current subscription. */
export function decideInvoiceChange(input: {
  user: UserRow;
  subscriptionId: string;
  outcome: 'paid' | 'failed';
  at: Date;
  /** The plan of the invoice's price, to restore a plan an `unpaid` status took away. */
  planId: number | undefined;
}): Decision {
  const { user, subscriptionId, outcome, at, planId } = input;
  if (user.stripeStateAt && at < user.stripeStateAt) return { apply: false, reason: 'stale' };
  if (user.stripeSubscriptionId !== subscriptionId)
    return { apply: false, reason: 'not_current_subscription' };
  const status = user.stripeSubscriptionStatus ?? '';
  const stateAt = laterOf(at, user.stripeStateAt);
  if (outcome === 'failed') {
    // The plan stays: Stripe retries the payment and cancels (subscription.deleted) if all fail.
    if (status !== 'active' && status !== 'trialing') return { apply: false, reason: 'status_unchanged' };
    return { apply: true, changes: { stripeSubscriptionStatus: 'past_due', stripeStateAt: stateAt } };
  }
  if (status !== 'past_due' && status !== 'unpaid' && status !== 'incomplete') {
    return { apply: false, reason: 'status_unchanged' };
  }
  const changes: SubscriptionChanges = { stripeSubscriptionStatus: 'active', stripeStateAt: stateAt };
  if (planId !== undefined) changes.planId = planId;
  return { apply: true, changes };
}

function laterOf(a: Date, b: Date | null): Date {
  return b && b > a ? b : a;
}

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

export function fromUnix(seconds: number | null | undefined): Date | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
}

/** A positive integer user id from metadata or client_reference_id; null for anything else. */
export function parseUserId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,12}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}

/**
 * The user who started a checkout: `client_reference_id`, which metadata must not contradict.
 * Never the email: an email can belong to someone else at Stripe.
 */
export function checkoutSessionOwner(session: StripeCheckoutSession): number | null {
  const byReference = parseUserId(session.client_reference_id);
  const byMetadata = parseUserId(session.metadata?.user_id);
  if (byReference !== null && byMetadata !== null && byReference !== byMetadata) return null;
  return byReference ?? byMetadata;
}

export function snapshotOfSubscription(subscription: StripeSubscription, at: Date): SubscriptionSnapshot {
  const item = subscription.items?.data?.[0];
  // Since API version 2025-03-31 the period lives on the items; older webhook endpoints may still
  // send it on the subscription.
  const legacy = subscription as unknown as { current_period_start?: number; current_period_end?: number };
  return {
    subscriptionId: subscription.id,
    customerId: idOf(subscription.customer),
    status: subscription.status,
    priceId: item?.price?.id ?? null,
    interval: item?.price?.recurring?.interval ?? null,
    periodStart: fromUnix(item?.current_period_start ?? legacy.current_period_start),
    periodEnd: fromUnix(item?.current_period_end ?? legacy.current_period_end),
    metadataUserId: subscription.metadata?.user_id ?? null,
    at,
  };
}

/** The subscription an invoice bills, in the current (parent) and the older (top-level) shapes. */
export function invoiceSubscriptionId(invoice: StripeInvoice): string | null {
  const fromParent = invoice.parent?.subscription_details?.subscription;
  if (fromParent) return idOf(fromParent);
  return idOf((invoice as unknown as { subscription?: string | { id: string } | null }).subscription);
}

export function invoiceMetadataUserId(invoice: StripeInvoice): string | null {
  return invoice.parent?.subscription_details?.metadata?.user_id ?? null;
}

/** The price of the invoice's first subscription line, in the current and the older shapes. */
export function invoicePriceId(invoice: StripeInvoice): string | null {
  for (const line of invoice.lines?.data ?? []) {
    const modern = (line as unknown as { pricing?: { price_details?: { price?: string | { id: string } } } })
      .pricing?.price_details?.price;
    const legacy = (line as unknown as { price?: string | { id: string } | null }).price;
    const id = idOf(modern ?? legacy ?? null);
    if (id) return id;
  }
  return null;
}
