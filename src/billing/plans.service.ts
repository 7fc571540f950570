import type { PlanPrices } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { listPlans, type PlanRow } from './plans.repository.ts';
import type { Plan, PlanListItem } from './plans.schemas.ts';
import type { LivePrice, PriceSource } from './stripe-prices.ts';

export interface PlansService {
  list(options: { currentPlanId: number | null; billing?: 'monthly' | 'yearly' }): Promise<PlanListItem[]>;
  toPublic(row: PlanRow): Plan;
}

/**
 * How long the plans are served from memory. They change only when an operator reseeds them or
 * edits a limit; reading four rows on every `GET /core/plans/` was most of its cost. The quotas
 * read the plans' limits through a cache of the same length (limits/quota.service.ts).
 */
const PLANS_CACHE_MS = 2_000;

/**
 * `live` (when Stripe is configured): a plan has a price only where the plans table names a Stripe
 * price, since only those can be bought, and shows Stripe's amount, or the configured one while
 * Stripe cannot be reached. Without Stripe the configured prices are shown.
 */
export function createPlansService(deps: { db: Db; prices: PlanPrices; live?: PriceSource }): PlansService {
  let cached: { at: number; rows: Promise<PlanRow[]> } | undefined;
  const planRows = (): Promise<PlanRow[]> => {
    const at = performance.now();
    if (!cached || at - cached.at >= PLANS_CACHE_MS) {
      // A real promise: a drizzle query runs again each time it is awaited.
      const rows = Promise.resolve().then(() => listPlans(deps.db));
      cached = { at, rows };
      // A failed read is not kept: the next request asks again.
      rows.catch(() => {
        if (cached?.rows === rows) cached = undefined;
      });
    }
    return cached.rows;
  };
  const priceOf = (
    priceId: string | null,
    configured: { amount: number; currency: string } | null | undefined,
    interval: 'month' | 'year',
  ): LivePrice | null => {
    if (deps.live && !priceId) return null;
    const live = priceId ? deps.live?.get(priceId) : undefined;
    return live ?? (configured ? { ...configured, interval } : null);
  };
  const toPublic = (row: PlanRow): Plan => {
    const prices = deps.prices[row.slug];
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      order: row.order,
      limits: {
        ai_responses_per_day: row.aiResponsesPerDay,
        questionnaires_per_day: row.questionnairesPerDay,
        uploads_per_day: row.uploadsPerDay,
        api_calls_per_hour: row.apiCallsPerHour,
        burst_per_minute: row.burstPerMinute,
      },
      monthly_price: priceOf(row.stripePriceMonthly, prices?.monthly, 'month'),
      yearly_price: priceOf(row.stripePriceYearly, prices?.yearly, 'year'),
    };
  };
  return {
    toPublic,
    async list({ currentPlanId, billing }) {
      const rows = await planRows();
      await deps.live?.refresh(
        rows.flatMap((row) => [row.stripePriceMonthly, row.stripePriceYearly].filter((id) => id !== null)),
      );
      return rows
        .map((row) => ({ ...toPublic(row), is_current: row.id === currentPlanId }))
        .filter((plan) =>
          billing === 'monthly'
            ? plan.monthly_price !== null
            : billing === 'yearly'
              ? plan.yearly_price !== null
              : true,
        );
    },
  };
}
