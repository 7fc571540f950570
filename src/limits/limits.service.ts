// The status report of the limits: every scope's window with its label, and the upgrade advice.

import type { RateLimitStatus } from './limits.schemas.ts';
import { UPGRADE_URL } from './quota.hooks.ts';
import { QUOTA_SCOPES, type QuotaService, type QuotaUser } from './quota.service.ts';
import { percentageUsed, recommendUpgrade, usageLabel } from './status.ts';

export function createLimitsService(deps: { quota: QuotaService }) {
  const { quota } = deps;
  return {
    async statusReport(user: QuotaUser & { username: string; email: string }): Promise<RateLimitStatus> {
      const { plan, scopes } = await quota.status(user);
      const next = await quota.nextPlan(plan);
      const rateLimits = {} as RateLimitStatus['rate_limits'];
      for (const scope of QUOTA_SCOPES) {
        const s = scopes[scope];
        rateLimits[scope] = {
          limit: s.limit,
          used: s.used,
          remaining: s.remaining,
          reset_at: s.resetAt.toISOString(),
          percentage_used: percentageUsed(s.used, s.limit),
          status: usageLabel(s.used, s.limit),
        };
      }
      return {
        user: { id: user.id, username: user.username, email: user.email, plan: plan.name },
        rate_limits: rateLimits,
        upgrade_recommendation: recommendUpgrade(
          plan,
          next,
          QUOTA_SCOPES.map((scope) => ({ scope, used: scopes[scope].used, limit: scopes[scope].limit })),
          UPGRADE_URL,
        ),
      };
    },
  };
}

export type LimitsService = ReturnType<typeof createLimitsService>;
