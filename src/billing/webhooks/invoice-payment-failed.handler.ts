// invoice.payment_failed: the subscription is past_due. The plan stays while Stripe retries; if all
// retries fail Stripe cancels the subscription and customer.subscription.deleted ends it.
import type { WebhookHandler } from './apply.ts';
import { applyInvoiceEvent } from './invoice-event.ts';

export const handleInvoicePaymentFailed: WebhookHandler = (event, ctx) =>
  applyInvoiceEvent(event, ctx, 'failed');
