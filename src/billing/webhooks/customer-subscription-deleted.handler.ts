// customer.subscription.deleted: the subscription is over; the user is back on Free (status canceled,
// no renewal date). Only the user's current subscription can do that.
import type { WebhookHandler } from './apply.ts';
import { applySubscriptionEvent } from './subscription-event.ts';

export const handleCustomerSubscriptionDeleted: WebhookHandler = (event, ctx) =>
  applySubscriptionEvent(event, ctx, { deleted: true });
