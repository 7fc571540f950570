// How the status route words a user's usage: a label per scope and whether an upgrade would help.
// Pure, so the thresholds are tested on their own.
import type { PlanSummary, QuotaScope } from './quota.service.ts';

export type UsageLabel = 'healthy' | 'moderate' | 'warning' | 'critical';

// The original service's thresholds, which its clients colour their meters by.
const MODERATE_AT = 50;
export const WARNING_AT = 70;
export const CRITICAL_AT = 90;
/** A scope from this share on counts as high usage, a reason to upgrade. */
const HIGH_USAGE_AT = 80;

/** Share of the limit used, in percent with two decimals (over 100 when a lowered limit is over-full). */
export function percentageUsed(used: number, limit: number): number {
  if (limit <= 0) return 100;
  return Math.round((used / limit) * 10_000) / 100;
}

export function usageLabel(used: number, limit: number): UsageLabel {
  const percent = percentageUsed(used, limit);
  if (percent >= CRITICAL_AT) return 'critical';
  if (percent >= WARNING_AT) return 'warning';
  if (percent >= MODERATE_AT) return 'moderate';
  return 'healthy';
}

export interface UpgradeRecommendation {
  should_upgrade: boolean;
  reason: string;
  recommended_plan: string | null;
  upgrade_url: string | null;
  high_usage_scopes: QuotaScope[];
}

const NOUN: Record<QuotaScope, string> = {
  ai_responses: 'AI responses',
  questionnaires: 'questionnaires',
  uploads: 'CV uploads',
  api_calls: 'API requests this hour',
  burst: 'requests this minute',
};

/**
 * Recommends the next plan when a scope is at 80% or more of its limit, naming each such scope
 * with what the next plan allows instead; otherwise says why no upgrade is suggested.
 */
export function recommendUpgrade(
  plan: PlanSummary,
  next: PlanSummary | null,
  usage: ReadonlyArray<{ scope: QuotaScope; used: number; limit: number }>,
  upgradeUrl: string,
): UpgradeRecommendation {
  const high = usage.filter((u) => percentageUsed(u.used, u.limit) >= HIGH_USAGE_AT);
  const highUsageScopes = high.map((u) => u.scope);
  if (high.length === 0) {
    return {
      should_upgrade: false,
      reason: 'Your usage is within comfortable limits',
      recommended_plan: null,
      upgrade_url: null,
      high_usage_scopes: [],
    };
  }
  if (!next) {
    return {
      should_upgrade: false,
      reason: `You are on the highest plan (${plan.name})`,
      recommended_plan: null,
      upgrade_url: null,
      high_usage_scopes: highUsageScopes,
    };
  }
  const details = high
    .map((u) => `${u.used} of ${u.limit} ${NOUN[u.scope]} used; ${next.name} allows ${next.limits[u.scope]}`)
    .join('; ');
  return {
    should_upgrade: true,
    reason: `You are approaching limits on: ${highUsageScopes.join(', ')} (${details})`,
    recommended_plan: next.name,
    upgrade_url: upgradeUrl,
    high_usage_scopes: highUsageScopes,
  };
}
