import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { plans } from '../platform/db/schema.ts';
import { PLAN_CATALOG, type PlanDefinition } from './plans.catalog.ts';

export type PlanRow = typeof plans.$inferSelect;

export function listPlans(db: Db): Promise<PlanRow[]> {
  return db.select().from(plans).orderBy(asc(plans.order), asc(plans.id));
}

export async function findPlanBySlug(db: Db, slug: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.slug, slug));
  return row;
}

export async function findPlanById(db: Db, id: number): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row;
}

export interface SeedResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Creates the catalogue's plans that are missing. Existing plans keep what an operator set unless
 * `update` is asked for. Safe to run concurrently: the unique slug settles races.
 */
export async function seedPlans(db: Db, options: { update?: boolean } = {}): Promise<SeedResult> {
  const result: SeedResult = { created: [], updated: [], unchanged: [] };
  for (const plan of PLAN_CATALOG) {
    const values = toRow(plan);
    const inserted = await db
      .insert(plans)
      .values(values)
      .onConflictDoNothing({ target: plans.slug })
      .returning({ id: plans.id });
    if (inserted.length > 0) {
      result.created.push(plan.name);
    } else if (options.update) {
      await db
        .update(plans)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(plans.slug, plan.slug));
      result.updated.push(plan.name);
    } else {
      result.unchanged.push(plan.name);
    }
  }
  return result;
}

function toRow(plan: PlanDefinition) {
  return {
    slug: plan.slug,
    name: plan.name,
    description: plan.description,
    order: plan.order,
    aiResponsesPerDay: plan.aiResponsesPerDay,
    questionnairesPerDay: plan.questionnairesPerDay,
    uploadsPerDay: plan.uploadsPerDay,
    apiCallsPerHour: plan.apiCallsPerHour,
    burstPerMinute: plan.burstPerMinute,
  };
}
