import { z } from 'zod';

export const PriceSchema = z
  .object({
    amount: z.number().describe('In the currency’s major unit, e.g. 9.99'),
    currency: z.string().describe('ISO 4217 code, lower case'),
    interval: z.enum(['month', 'year']),
  })
  .meta({ id: 'Price' });

export const PlanLimitsSchema = z
  .object({
    ai_responses_per_day: z.number().int(),
    questionnaires_per_day: z.number().int(),
    uploads_per_day: z.number().int(),
    api_calls_per_hour: z.number().int(),
    burst_per_minute: z.number().int(),
  })
  .meta({ id: 'PlanLimits' });

export const PlanSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    order: z.number().int(),
    limits: PlanLimitsSchema,
    monthly_price: PriceSchema.nullable(),
    yearly_price: PriceSchema.nullable(),
  })
  .meta({ id: 'Plan' });

export const PlanListItemSchema = PlanSchema.extend({
  is_current: z.boolean().describe('True for the signed-in user’s plan; false when not signed in'),
}).meta({ id: 'PlanListItem' });

export const PlansQuerySchema = z.object({
  billing: z
    .enum(['monthly', 'yearly'], { error: 'Must be "monthly" or "yearly".' })
    .optional()
    .describe('Keep only plans that have a price for this billing interval'),
});

export type Plan = z.infer<typeof PlanSchema>;
export type PlanListItem = z.infer<typeof PlanListItemSchema>;
