// invoice.paid: a paid invoice of the current subscription makes it active again (after past_due).
import type { WebhookHandler } from './apply.ts';
import { applyInvoiceEvent } from './invoice-event.ts';

export const handleInvoicePaid: WebhookHandler = (event, ctx) => applyInvoiceEvent(event, ctx, 'paid');
