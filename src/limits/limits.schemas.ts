import { z } from 'zod';

export const ScopeStatusSchema = z
  .object({
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    reset_at: z.string().describe('When `remaining` next grows (ISO-8601 UTC)'),
    percentage_used: z.number().describe('0 to 100, one decimal'),
    status: z
      .enum(['ok', 'warning', 'critical', 'exceeded'])
      .describe('ok < 75% ≤ warning < 90% ≤ critical < 100% = exceeded'),
  })
  .meta({ id: 'RateLimitScopeStatus' });

export const RateLimitStatusSchema = z
  .object({
    user: z.object({ id: z.number().int(), username: z.string(), plan: z.string() }),
    rate_limits: z.object({
      ai_responses: ScopeStatusSchema.describe('AI responses per rolling 24 hours'),
      questionnaires: ScopeStatusSchema.describe('Questionnaires created per rolling 24 hours'),
      uploads: ScopeStatusSchema.describe('CV files uploaded per rolling 24 hours'),
      api_calls: ScopeStatusSchema.describe('Authenticated requests per rolling hour'),
      burst: ScopeStatusSchema.describe('Authenticated requests per rolling minute'),
    }),
    upgrade_recommendation: z.object({
      recommended: z.boolean(),
      recommended_plan: z.string().nullable().describe('The next plan, or null on the highest'),
      message: z.string(),
      reasons: z.array(z.string()).describe('Each scope at 75% or more, and what the next plan allows'),
      upgrade_url: z.string(),
    }),
  })
  .meta({ id: 'RateLimitStatus' });

export type RateLimitStatus = z.infer<typeof RateLimitStatusSchema>;
