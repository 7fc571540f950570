import { z } from 'zod';

export const ScopeStatusSchema = z
  .object({
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    reset_at: z.string().describe('When `remaining` next grows (ISO-8601 UTC)'),
    percentage_used: z.number().describe('Share of the limit used, in percent, two decimals'),
    status: z
      .enum(['healthy', 'moderate', 'warning', 'critical'])
      .describe('healthy < 50% ≤ moderate < 70% ≤ warning < 90% ≤ critical'),
  })
  .meta({ id: 'RateLimitScopeStatus' });

export const RateLimitStatusSchema = z
  .object({
    user: z.object({ id: z.number().int(), username: z.string(), email: z.string(), plan: z.string() }),
    rate_limits: z.object({
      ai_responses: ScopeStatusSchema.describe('AI responses per rolling 24 hours'),
      questionnaires: ScopeStatusSchema.describe('Questionnaires created per rolling 24 hours'),
      uploads: ScopeStatusSchema.describe('CV files uploaded per rolling 24 hours'),
      api_calls: ScopeStatusSchema.describe('Authenticated requests per rolling hour'),
      burst: ScopeStatusSchema.describe('Authenticated requests per rolling minute'),
    }),
    upgrade_recommendation: z.object({
      should_upgrade: z.boolean().describe('True when a scope is at 80% or more and a higher plan exists'),
      reason: z.string(),
      recommended_plan: z.string().nullable().describe('The next plan when an upgrade is suggested'),
      upgrade_url: z.string().nullable().describe('Where the plans are listed, when an upgrade is suggested'),
      high_usage_scopes: z.array(z.string()).describe('The scopes at 80% or more of their limit'),
    }),
  })
  .meta({ id: 'RateLimitStatus' });

export type RateLimitStatus = z.infer<typeof RateLimitStatusSchema>;
