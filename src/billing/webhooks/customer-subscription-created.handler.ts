// customer.subscription.created: a new subscription's status, plan (from its price), period end and interval.
import type { WebhookHandler } from './apply.ts';
import { applySubscriptionEvent } from './subscription-event.ts';

export const handleCustomerSubscriptionCreated: WebhookHandler = (event, ctx) =>
  applySubscriptionEvent(event, ctx, { deleted: false });
