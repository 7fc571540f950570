// customer.subscription.created, .updated and .deleted carry the whole subscription: the user is
// found by its customer (or our metadata), and its state is applied unless it is older than what
// the user has or belongs to another subscription.
import type { StripeEvent, StripeSubscription } from '../stripe.client.ts';
import { snapshotOfSubscription } from '../subscription-state.ts';
import {
  applySubscriptionSnapshot,
  eventTime,
  recordOnly,
  resolveUser,
  type WebhookContext,
  type WebhookOutcome,
} from './apply.ts';

export async function applySubscriptionEvent(
  event: StripeEvent,
  ctx: WebhookContext,
  options: { deleted: boolean },
): Promise<WebhookOutcome> {
  const subscription = event.data.object as StripeSubscription;
  const snapshot = snapshotOfSubscription(subscription, eventTime(event));
  // A deleted subscription is over whatever status the payload shows.
  if (options.deleted) snapshot.status = 'canceled';
  const userId = await resolveUser(ctx, snapshot.customerId, snapshot.metadataUserId);
  if (userId === null) return recordOnly(ctx, event, 'no_user');
  return applySubscriptionSnapshot(ctx, { event, userId, snapshot, bind: false });
}
