import type { PlanPrices } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { listPlans, type PlanRow } from './plans.repository.ts';
import type { Plan, PlanListItem } from './plans.schemas.ts';

export interface PlansService {
  list(options: { currentPlanId: number | null; billing?: 'monthly' | 'yearly' }): Promise<PlanListItem[]>;
  toPublic(row: PlanRow): Plan;
}

export function createPlansService(deps: { db: Db; prices: PlanPrices }): PlansService {
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
      monthly_price: prices?.monthly ? { ...prices.monthly, interval: 'month' } : null,
      yearly_price: prices?.yearly ? { ...prices.yearly, interval: 'year' } : null,
    };
  };
  return {
    toPublic,
    async list({ currentPlanId, billing }) {
      const rows = await listPlans(deps.db);
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
