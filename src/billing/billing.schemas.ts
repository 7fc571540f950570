import { z } from 'zod';

export const CheckoutSessionBodySchema = z
  .object({
    plan_id: z
      .union(
        [
          z.number().int().positive(),
          z
            .string()
            .regex(/^\d{1,9}$/)
            .transform(Number),
        ],
        {
          error: 'Must be a plan id (a positive whole number).',
        },
      )
      .describe('The `id` of a plan from GET /core/plans/'),
    billing: z.enum(['monthly', 'yearly'], { error: 'Must be "monthly" or "yearly".' }),
  })
  .meta({ id: 'CheckoutSessionRequest', example: { plan_id: 2, billing: 'monthly' } });

export const RedirectUrlSchema = z
  .object({ url: z.string().describe('Where to send the browser (Stripe Checkout or the billing portal)') })
  .meta({ id: 'RedirectUrl' });

export const VerifySessionQuerySchema = z.object({
  session_id: z
    .string({ error: 'The session_id query parameter is required.' })
    .trim()
    .min(1, { error: 'The session_id query parameter is required.' })
    .max(255)
    .describe('The `{CHECKOUT_SESSION_ID}` Stripe put in the success URL'),
});

export const VerifiedSubscriptionSchema = z
  .object({
    id: z.string(),
    plan_name: z.string().nullable(),
    status: z.string().describe('Stripe’s subscription status: active, trialing, past_due, ...'),
    current_period_start: z.string().nullable().describe('ISO-8601 UTC'),
    current_period_end: z.string().nullable().describe('ISO-8601 UTC'),
  })
  .meta({ id: 'VerifiedSubscription' });

export const VerifySessionResultSchema = z
  .object({
    success: z.boolean().describe('True once the checkout is paid and the subscription applied'),
    subscription: VerifiedSubscriptionSchema.nullable(),
    payment_status: z
      .string()
      .describe('Stripe’s payment status of the session: paid, unpaid, no_payment_required'),
    detail: z.string().optional(),
  })
  .meta({ id: 'VerifySessionResult' });

export const WebhookAckSchema = z.object({ received: z.literal(true) }).meta({ id: 'WebhookAck' });

export type CheckoutSessionBody = z.infer<typeof CheckoutSessionBodySchema>;
export type VerifySessionResult = z.infer<typeof VerifySessionResultSchema>;
