// customer.subscription.updated: status, plan from the price (an upgrade or downgrade in the portal),
// period end as the renewal date, interval.
import type { WebhookHandler } from './apply.ts';
import { applySubscriptionEvent } from './subscription-event.ts';

export const handleCustomerSubscriptionUpdated: WebhookHandler = (event, ctx) =>
  applySubscriptionEvent(event, ctx, { deleted: false });
