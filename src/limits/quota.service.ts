// Plan quotas. Each scope counts only its own actions over a rolling window, with the limit the
// user's plan has in the plans table at the moment of the check (no plan: Free), so an upgrade
// raises the limits at once and a downgrade lowers them.
//
//   ai_responses, questionnaires, uploads   per rolling day, in the database (quota_events)
//   api_calls                               per rolling hour  } in memory, or Redis when
//   burst                                   per rolling minute } REDIS_URL is set
import { FREE_PLAN_SLUG, PLAN_CATALOG, type PlanDefinition } from '../billing/plans.catalog.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import * as repo from './quota.repository.ts';
import type { WindowCounter, WindowRule, WindowState } from './windows.ts';

export const DAILY_SCOPES = ['ai_responses', 'questionnaires', 'uploads'] as const;
export const WINDOW_SCOPES = ['api_calls', 'burst'] as const;
export const QUOTA_SCOPES = [...DAILY_SCOPES, ...WINDOW_SCOPES] as const;

export type DailyScope = (typeof DAILY_SCOPES)[number];
export type WindowScope = (typeof WINDOW_SCOPES)[number];
export type QuotaScope = (typeof QUOTA_SCOPES)[number];

export const DAY_MS = 24 * 3600_000;
export const SCOPE_WINDOW_MS: Record<QuotaScope, number> = {
  ai_responses: DAY_MS,
  questionnaires: DAY_MS,
  uploads: DAY_MS,
  api_calls: 3600_000,
  burst: 60_000,
};

export function isDailyScope(scope: string): scope is DailyScope {
  return (DAILY_SCOPES as readonly string[]).includes(scope);
}

export function isQuotaScope(scope: string): scope is QuotaScope {
  return (QUOTA_SCOPES as readonly string[]).includes(scope);
}

/** The ref under which an uploaded CV's unit is counted, so a file that cannot be read gives it back. */
export function uploadQuotaRef(documentId: string): string {
  return `upload:${documentId}`;
}

/** The ref under which an AI response's unit is counted, so a failed or canceled job can give it back. */
export function aiResponseQuotaRef(aiResponseId: number): string {
  return `ai_response:${aiResponseId}`;
}

export interface QuotaUser {
  id: number;
  planId: number | null;
}

export interface PlanSummary {
  id: number | null;
  slug: string;
  name: string;
  order: number;
  limits: Record<QuotaScope, number>;
}

export interface QuotaResult {
  scope: QuotaScope;
  allowed: boolean;
  limit: number;
  used: number;
  remaining: number;
  resetAt: Date;
  plan: PlanSummary;
}

export type QuotaStatus = Record<QuotaScope, Omit<QuotaResult, 'allowed'>>;

export function summarizePlan(row: PlanDefinition & { id: number | null }): PlanSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    order: row.order,
    limits: {
      ai_responses: row.aiResponsesPerDay,
      questionnaires: row.questionnairesPerDay,
      uploads: row.uploadsPerDay,
      api_calls: row.apiCallsPerHour,
      burst: row.burstPerMinute,
    },
  };
}

const CATALOG_FREE = PLAN_CATALOG.find((plan) => plan.slug === FREE_PLAN_SLUG) ?? PLAN_CATALOG[0];
const FALLBACK_FREE: PlanSummary = summarizePlan({
  id: null,
  ...(CATALOG_FREE as (typeof PLAN_CATALOG)[number]),
});

export function windowKey(userId: number, scope: WindowScope): string {
  return `u:${userId}:${scope}`;
}

export interface QuotaServiceDeps {
  db: Db;
  windows: WindowCounter;
  clock: Clock;
  /**
   * How long the list of plans (names, order, limits) is reused when a caller gives no plan row.
   * The daily scopes always read the limit in their own transaction; the request hook passes the
   * plan row authentication has just read.
   */
  planCacheMs?: number;
}

/** A daily scope's window as shown: the next unit frees up a day after the pivot unit was taken. */
function dailyWindow(count: repo.DailyCount, now: Date) {
  return {
    limit: count.limit,
    used: count.used,
    remaining: Math.max(0, count.limit - count.used),
    resetAt: new Date((count.pivot ?? now).getTime() + DAY_MS),
  };
}

/** What the methods share: the stores counted in, the clock, and the plans as last read. */
interface QuotaState {
  db: Db;
  windows: WindowCounter;
  clock: Clock;
  plans: PlanCache;
}

export function createQuotaService(deps: QuotaServiceDeps) {
  const { db, windows, clock } = deps;
  const plans = createPlanCache(db, deps.planCacheMs ?? 2_000);
  const state: QuotaState = { db, windows, clock, plans };
  return {
    allPlans: plans.allPlans,
    planOf: plans.planOf,
    nextPlan: plans.nextPlan,

    /**
     * Takes one unit of `scope` for the user if the window has room. `plan` is the user's plan row
     * when the caller has just read it (authentication does); `ref` names the unit for a refund.
     */
    consume(
      user: QuotaUser,
      scope: QuotaScope,
      options: { ref?: string | null; plan?: PlanSummary } = {},
    ): Promise<QuotaResult> {
      return consumeUnit(state, user, scope, options);
    },

    /**
     * One authenticated request: counts against api_calls (hour) and burst (minute) together, so
     * a request refused by either uses up neither. Returns both windows.
     */
    consumeRequest(
      user: QuotaUser,
      plan: PlanSummary,
    ): Promise<{ allowed: boolean; results: QuotaResult[] }> {
      return consumeRequest(state, user, plan);
    },

    /** Gives back the unit counted under `ref` (a failed or canceled AI job). Safe to repeat. */
    async refund(scope: QuotaScope, ref: string): Promise<boolean> {
      return (await repo.refundUnit(db, scope, ref, clock.now())) > 0;
    },

    /** Renames the unit counted under `from`, once what it paid for has an id. */
    async rename(scope: QuotaScope, from: string, to: string): Promise<void> {
      await repo.renameUnitRef(db, scope, from, to);
    },

    /** One daily scope's window, read without consuming anything: one query. */
    async dailyUsage(
      userId: number,
      scope: DailyScope,
    ): Promise<{ limit: number; used: number; remaining: number; resetAt: Date }> {
      const now = clock.now();
      return dailyWindow(await repo.readDailyUnits(db, { userId, scope, now, windowMs: DAY_MS }), now);
    },

    /** Every scope's window, read without consuming anything, with the user's current plan. */
    status(user: QuotaUser): Promise<{ plan: PlanSummary; scopes: QuotaStatus }> {
      return readStatus(state, user);
    },

    /**
     * Forgets what a user has used (one scope or all). The short windows are cleared in the store
     * this service uses: Redis is shared, memory only in this process.
     */
    async reset(userId: number, scope?: QuotaScope): Promise<{ dailyUnits: number; windows: string[] }> {
      const dailyUnits =
        scope === undefined || isDailyScope(scope) ? await repo.deleteUnits(db, userId, scope) : 0;
      const windowScopes = WINDOW_SCOPES.filter((s) => scope === undefined || s === scope);
      await windows.clear(windowScopes.map((s) => windowKey(userId, s)));
      return { dailyUnits, windows: windowScopes };
    },
  };
}

type PlanCache = ReturnType<typeof createPlanCache>;

/** The plans table, read at most once per `cacheMs` unless a caller asks for it fresh. */
function createPlanCache(db: Db, cacheMs: number) {
  let cached: { at: number; plans: PlanSummary[] } | undefined;

  async function allPlans(fresh = false): Promise<PlanSummary[]> {
    const at = performance.now();
    if (!fresh && cached && at - cached.at < cacheMs) return cached.plans;
    const plans = (await repo.listPlanRows(db)).map(summarizePlan);
    cached = { at, plans };
    return plans;
  }

  async function planOf(planId: number | null, fresh = false): Promise<PlanSummary> {
    const plans = await allPlans(fresh);
    return (
      (planId !== null ? plans.find((plan) => plan.id === planId) : undefined) ??
      plans.find((plan) => plan.slug === FREE_PLAN_SLUG) ??
      FALLBACK_FREE
    );
  }

  /** The plan after this one in plan order, or null for the highest. */
  async function nextPlan(plan: PlanSummary): Promise<PlanSummary | null> {
    const plans = await allPlans();
    return plans.find((candidate) => candidate.order > plan.order) ?? null;
  }

  return { allPlans, planOf, nextPlan };
}

function windowRule(userId: number, scope: WindowScope, plan: PlanSummary): WindowRule {
  return { key: windowKey(userId, scope), limit: plan.limits[scope], windowMs: SCOPE_WINDOW_MS[scope] };
}

function fromWindow(scope: QuotaScope, state: WindowState, allowed: boolean, plan: PlanSummary): QuotaResult {
  return {
    scope,
    allowed,
    limit: state.limit,
    used: state.used,
    remaining: state.remaining,
    resetAt: new Date(state.resetAt),
    plan,
  };
}

function fromDaily(
  scope: DailyScope,
  count: repo.DailyCount,
  allowed: boolean,
  plan: PlanSummary,
  now: Date,
): QuotaResult {
  return {
    scope,
    allowed,
    ...dailyWindow(count, now),
    // The limit counted is the one read in the transaction; the summary shows it too.
    plan: { ...plan, limits: { ...plan.limits, [scope]: count.limit } },
  };
}

/** A daily scope counts in the database; the short windows in the window store. */
async function consumeUnit(
  state: QuotaState,
  user: QuotaUser,
  scope: QuotaScope,
  options: { ref?: string | null; plan?: PlanSummary },
): Promise<QuotaResult> {
  const now = state.clock.now();
  if (isDailyScope(scope)) {
    const plan = options.plan ?? (await state.plans.planOf(user.planId));
    const taken = await repo.takeDailyUnit(state.db, {
      userId: user.id,
      scope,
      ref: options.ref ?? null,
      now,
      windowMs: DAY_MS,
    });
    return fromDaily(scope, taken, taken.allowed, plan, now);
  }
  const plan = options.plan ?? (await state.plans.planOf(user.planId));
  const { allowed, states } = await state.windows.hit([windowRule(user.id, scope, plan)], now.getTime());
  return fromWindow(scope, states[0] as WindowState, allowed, plan);
}

async function consumeRequest(
  state: QuotaState,
  user: QuotaUser,
  plan: PlanSummary,
): Promise<{ allowed: boolean; results: QuotaResult[] }> {
  const now = state.clock.now().getTime();
  const { allowed, states } = await state.windows.hit(
    [windowRule(user.id, 'api_calls', plan), windowRule(user.id, 'burst', plan)],
    now,
  );
  return {
    allowed,
    results: [
      fromWindow('api_calls', states[0] as WindowState, allowed, plan),
      fromWindow('burst', states[1] as WindowState, allowed, plan),
    ],
  };
}

/** The user's plan id and the plans are read fresh, not cached: a plan change shows here at once. */
async function readStatus(
  state: QuotaState,
  user: QuotaUser,
): Promise<{ plan: PlanSummary; scopes: QuotaStatus }> {
  const { db, windows } = state;
  const now = state.clock.now();
  const found = await repo.findUserPlanId(db, user.id);
  const plan = await state.plans.planOf(found ? found.planId : user.planId, true);
  const daily = await Promise.all(
    DAILY_SCOPES.map(async (scope) => {
      const count = await repo.readDailyUnits(db, { userId: user.id, scope, now, windowMs: DAY_MS });
      return fromDaily(scope, count, true, plan, now);
    }),
  );
  const windowed = await Promise.all(
    WINDOW_SCOPES.map(async (scope) =>
      fromWindow(scope, await windows.peek(windowRule(user.id, scope, plan), now.getTime()), true, plan),
    ),
  );
  const scopes = {} as QuotaStatus;
  for (const { allowed: _allowed, ...result } of [...daily, ...windowed]) scopes[result.scope] = result;
  return { plan, scopes };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
