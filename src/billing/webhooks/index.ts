// The events billing applies, one handler file each. Any other event is acknowledged and ignored.
import type { WebhookHandler } from './apply.ts';
import { handleCheckoutSessionCompleted } from './checkout-session-completed.handler.ts';
import { handleCustomerSubscriptionCreated } from './customer-subscription-created.handler.ts';
import { handleCustomerSubscriptionDeleted } from './customer-subscription-deleted.handler.ts';
import { handleCustomerSubscriptionUpdated } from './customer-subscription-updated.handler.ts';
import { handleInvoicePaid } from './invoice-paid.handler.ts';
import { handleInvoicePaymentFailed } from './invoice-payment-failed.handler.ts';

export const WEBHOOK_HANDLERS: Readonly<Record<string, WebhookHandler>> = {
  'checkout.session.completed': handleCheckoutSessionCompleted,
  'customer.subscription.created': handleCustomerSubscriptionCreated,
  'customer.subscription.updated': handleCustomerSubscriptionUpdated,
  'customer.subscription.deleted': handleCustomerSubscriptionDeleted,
  'invoice.paid': handleInvoicePaid,
  'invoice.payment_failed': handleInvoicePaymentFailed,
};

export type { WebhookContext, WebhookHandler, WebhookOutcome } from './apply.ts';
