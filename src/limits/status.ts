// How the status route words a user's usage: a label per scope and whether an upgrade would help.
// Pure, so the thresholds are tested on their own.
import type { PlanSummary, QuotaScope } from './quota.service.ts';

export type UsageLabel = 'ok' | 'warning' | 'critical' | 'exceeded';

export const WARNING_AT = 75;
export const CRITICAL_AT = 90;

/** Share of the limit used, in percent with one decimal, at most 100 (a lowered limit can be over-full). */
export function percentageUsed(used: number, limit: number): number {
  if (limit <= 0) return 100;
  return Math.min(100, Math.round((used / limit) * 1000) / 10);
}

export function usageLabel(used: number, limit: number): UsageLabel {
  if (used >= limit) return 'exceeded';
  const percent = (used / limit) * 100;
  if (percent >= CRITICAL_AT) return 'critical';
  if (percent >= WARNING_AT) return 'warning';
  return 'ok';
}

export interface UpgradeRecommendation {
  recommended: boolean;
  recommended_plan: string | null;
  message: string;
  reasons: string[];
  upgrade_url: string;
}

const NOUN: Record<QuotaScope, string> = {
  ai_responses: 'AI responses',
  questionnaires: 'questionnaires',
  uploads: 'CV uploads',
  api_calls: 'API requests this hour',
  burst: 'requests this minute',
};

/**
 * Recommends the next plan when a scope is at the warning level or beyond, naming each such scope
 * and what the next plan allows instead; otherwise says no upgrade is needed.
 */
export function recommendUpgrade(
  plan: PlanSummary,
  next: PlanSummary | null,
  usage: ReadonlyArray<{ scope: QuotaScope; used: number; limit: number }>,
  upgradeUrl: string,
): UpgradeRecommendation {
  const pressed = usage.filter((u) => usageLabel(u.used, u.limit) !== 'ok');
  const reasons = pressed.map((u) => {
    const more = next ? `; ${next.name} allows ${next.limits[u.scope]}` : '';
    return `${u.used} of ${u.limit} ${NOUN[u.scope]} used (${percentageUsed(u.used, u.limit)}%)${more}.`;
  });
  if (!next) {
    return {
      recommended: false,
      recommended_plan: null,
      message: `${plan.name} is the highest plan.`,
      reasons,
      upgrade_url: upgradeUrl,
    };
  }
  if (pressed.length === 0) {
    return {
      recommended: false,
      recommended_plan: next.name,
      message: `Your ${plan.name} plan covers your current usage; ${next.name} is the next plan if you need more.`,
      reasons,
      upgrade_url: upgradeUrl,
    };
  }
  return {
    recommended: true,
    recommended_plan: next.name,
    message: `You are close to the limits of your ${plan.name} plan. Upgrade to ${next.name} for higher limits.`,
    reasons,
    upgrade_url: upgradeUrl,
  };
}
