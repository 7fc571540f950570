// invoice.paid and invoice.payment_failed change the status of the user's current subscription.
// An invoice of some other subscription (or of no subscription) changes nothing.
import type { StripeEvent, StripeInvoice } from '../stripe.client.ts';
import {
  decideInvoiceChange,
  idOf,
  invoiceMetadataUserId,
  invoicePriceId,
  invoiceSubscriptionId,
} from '../subscription-state.ts';
import {
  applyToUser,
  eventTime,
  planIdForPrice,
  recordOnly,
  resolveUser,
  type WebhookContext,
  type WebhookOutcome,
} from './apply.ts';

export async function applyInvoiceEvent(
  event: StripeEvent,
  ctx: WebhookContext,
  outcome: 'paid' | 'failed',
): Promise<WebhookOutcome> {
  const invoice = event.data.object as StripeInvoice;
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (!subscriptionId) return recordOnly(ctx, event, 'not_a_subscription_invoice');
  const userId = await resolveUser(ctx, idOf(invoice.customer), invoiceMetadataUserId(invoice));
  if (userId === null) return recordOnly(ctx, event, 'no_user');
  const planId = outcome === 'paid' ? await planIdForPrice(ctx.db, invoicePriceId(invoice)) : undefined;
  return applyToUser(ctx.db, event, userId, async (user) =>
    decideInvoiceChange({ user, subscriptionId, outcome, at: eventTime(event), planId }),
  );
}
