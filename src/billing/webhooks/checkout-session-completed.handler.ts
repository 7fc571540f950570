// checkout.session.completed: binds the customer and the subscription to the user who started the
// checkout (client_reference_id, set by us when creating the session), never to whoever has the
// session's email. A session whose customer belongs to someone else is refused and logged.
import type { StripeCheckoutSession } from '../stripe.client.ts';
import { checkoutSessionOwner, idOf, parseUserId, snapshotOfSubscription } from '../subscription-state.ts';
import { applySubscriptionSnapshot, eventTime, recordOnly, type WebhookHandler } from './apply.ts';

/** `no_payment_required` is a trial or a 100% coupon: the subscription starts all the same. */
export const PAID_STATUSES = new Set(['paid', 'no_payment_required']);

export const handleCheckoutSessionCompleted: WebhookHandler = async (event, ctx) => {
  const session = event.data.object as StripeCheckoutSession;
  if (session.mode !== 'subscription') return recordOnly(ctx, event, 'not_a_subscription');
  const owner = checkoutSessionOwner(session);
  if (owner === null) return recordOnly(ctx, event, 'owner_conflict');
  const subscriptionId = idOf(session.subscription);
  // Not paid yet (a bank debit still clearing): the subscription events and invoice.paid follow.
  if (!PAID_STATUSES.has(session.payment_status) || !subscriptionId) {
    return recordOnly(ctx, event, 'not_paid');
  }
  // Read before the transaction opens: no row lock is held across a network call. A failure
  // answers 503 and Stripe delivers the event again later.
  const subscription = await ctx.stripe.retrieveSubscription(subscriptionId);
  const snapshot = snapshotOfSubscription(subscription, eventTime(event));
  const sessionCustomer = idOf(session.customer);
  if (sessionCustomer && snapshot.customerId && sessionCustomer !== snapshot.customerId) {
    return recordOnly(ctx, event, 'customer_mismatch');
  }
  const named = parseUserId(snapshot.metadataUserId);
  if (named !== null && named !== owner) return recordOnly(ctx, event, 'owner_conflict');
  return applySubscriptionSnapshot(ctx, { event, userId: owner, snapshot, bind: true });
};
