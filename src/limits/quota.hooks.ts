// The HTTP side of the plan quotas: preHandlers that take a unit and answer 429 with SPEC's body,
// the rate-limit headers, and the bookkeeping that gives a unit back when the request it paid for
// did not go through.
//
// Headers: X-RateLimit-Limit and X-RateLimit-Remaining describe one window; X-RateLimit-Reset is
// when that window's remaining count next grows, in Unix seconds (as GitHub and most APIs send
// it); Retry-After (429 only) is the wait in seconds. On a route that counts a daily scope they
// describe that scope; elsewhere the tighter of api_calls/hour and burst/minute.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { AuthHooks } from '../platform/http/authenticate.ts';
import type { Logger } from '../platform/logger.ts';
import {
  type DailyScope,
  type PlanSummary,
  type QuotaResult,
  type QuotaScope,
  type QuotaService,
  summarizePlan,
} from './quota.service.ts';

/** A unit a request took; given back if the request fails, unless it was settled first. */
export interface QuotaCharge {
  scope: DailyScope;
  ref: string;
  settled: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    quotaCharges: QuotaCharge[] | null;
  }
  interface FastifyContextConfig {
    /**
     * A request that only watches the user's own work (a status poll, a wait, an event stream,
     * the limits themselves): not counted against api_calls and burst, so showing progress never
     * uses up what the work itself needs. The per-address limits still count it.
     */
    progress?: boolean;
    /**
     * Whether the request repeats an earlier one (the same Idempotency-Key): a client retrying
     * after a lost answer gets that answer, never a 429 for having asked twice.
     */
    replay?: (request: FastifyRequest) => Promise<boolean>;
  }
}

export const UPGRADE_URL = '/core/plans/';

const SCOPE_NOUN: Record<QuotaScope, string> = {
  ai_responses: 'AI responses',
  questionnaires: 'questionnaires',
  uploads: 'CV uploads',
  api_calls: 'API requests',
  burst: 'requests',
};

const SCOPE_WINDOW: Record<QuotaScope, string> = {
  ai_responses: 'in 24 hours',
  questionnaires: 'in 24 hours',
  uploads: 'in 24 hours',
  api_calls: 'an hour',
  burst: 'a minute',
};

const SCOPE_PERIOD: Record<QuotaScope, string> = {
  ai_responses: 'a day',
  questionnaires: 'a day',
  uploads: 'a day',
  api_calls: 'an hour',
  burst: 'a minute',
};

export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function setLimitHeaders(
  reply: FastifyReply,
  state: { limit: number; remaining: number; resetAt: Date },
): void {
  reply.header('X-RateLimit-Limit', String(state.limit));
  reply.header('X-RateLimit-Remaining', String(state.remaining));
  reply.header('X-RateLimit-Reset', String(Math.ceil(state.resetAt.getTime() / 1000)));
}

/** Of several windows checked together, the one to report: the one that refused, or the tightest. */
export function bindingWindow<T extends { remaining: number; resetAt: Date }>(states: readonly T[]): T {
  let best = states[0] as T;
  for (const state of states.slice(1)) {
    if (
      state.remaining < best.remaining ||
      (state.remaining === best.remaining && state.resetAt.getTime() > best.resetAt.getTime())
    ) {
      best = state;
    }
  }
  return best;
}

/** SPEC's 429 for a plan scope, as problem details with the original members alongside. */
export function quotaExceeded(result: QuotaResult, next: PlanSummary | null, now: Date): AppError {
  const retryAfter = secondsUntil(result.resetAt, now);
  const noun = SCOPE_NOUN[result.scope];
  const message =
    `You have used all ${result.limit} ${noun} your ${result.plan.name} plan allows ${SCOPE_WINDOW[result.scope]}. ` +
    `The next one is available at ${result.resetAt.toISOString()} (in ${describeWait(retryAfter)}).`;
  const suggestion = next
    ? `Upgrade to ${next.name} for ${next.limits[result.scope]} ${noun} ${SCOPE_PERIOD[result.scope]}.`
    : `${result.plan.name} is the highest plan; the limit frees up as older ${noun} leave the window.`;
  return new AppError('rate_limit_exceeded', message, {
    headers: {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': String(result.limit),
      'X-RateLimit-Remaining': String(result.remaining),
      'X-RateLimit-Reset': String(Math.ceil(result.resetAt.getTime() / 1000)),
    },
    extensions: {
      error: 'rate_limit_exceeded',
      message,
      limit_info: {
        limit: result.limit,
        used: result.used,
        remaining: result.remaining,
        reset_at: result.resetAt.toISOString(),
        current_plan: result.plan.name,
      },
      upgrade_suggestion: {
        message: suggestion,
        recommended_plan: next?.name ?? null,
        upgrade_url: UPGRADE_URL,
      },
    },
  });
}

export interface QuotaHooksDeps {
  quota: QuotaService;
  clock: { now(): Date };
  logger: Logger;
  /** Whether api_calls and burst are counted (RATE_LIMITS_ENABLED). Daily quotas always are. */
  requestLimits: boolean;
}

/**
 * The preHandlers and bookkeeping the routes use. Kept as one factory: each method is short, they
 * share the quota service and the request's charges, and most of the length is their doc comments.
 */
export function createQuotaHooks(deps: QuotaHooksDeps) {
  const { quota, clock, logger } = deps;

  async function refundCharge(charge: QuotaCharge): Promise<void> {
    charge.settled = true;
    await quota.refund(charge.scope, charge.ref);
  }

  /** api_calls/hour and burst/minute for one authenticated request. */
  async function limitRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const auth = request.auth;
    if (!auth || !deps.requestLimits || request.routeOptions.config.progress) return;
    const plan = auth.plan ? summarizePlan(auth.plan) : await quota.planOf(null);
    const { allowed, results } = await quota.consumeRequest(auth.user, plan);
    const shown = bindingWindow(results);
    if (allowed || (await request.routeOptions.config.replay?.(request))) {
      setLimitHeaders(reply, shown);
      return;
    }
    throw quotaExceeded(shown, await quota.nextPlan(plan), clock.now());
  }

  return {
    limitRequest,

    /** The auth hooks with api_calls and burst counted after a user is known. */
    withRequestLimits(hooks: AuthHooks): AuthHooks {
      return {
        async requireUser(request, reply) {
          await hooks.requireUser(request, reply);
          await limitRequest(request, reply);
        },
        async requireUserOrLink(request, reply) {
          await hooks.requireUserOrLink(request, reply);
          await limitRequest(request, reply);
        },
        async optionalUser(request, reply) {
          await hooks.optionalUser(request, reply);
          await limitRequest(request, reply);
        },
      };
    },

    /**
     * A preHandler (after requireUser) that takes one unit of a daily scope, or answers 429. With
     * `when`, only requests it accepts are counted (e.g. questionnaire writes carrying a file).
     * The unit is given back if the request then fails (status >= 400).
     */
    require(
      scope: DailyScope,
      options: {
        when?: (request: FastifyRequest) => boolean;
        /** Requests that will create nothing (e.g. a retry that replays an earlier answer). */
        unlessReplay?: (request: FastifyRequest) => Promise<boolean>;
      } = {},
    ) {
      return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const auth = request.auth;
        if (!auth) throw new AppError('not_authenticated', 'Authentication credentials were not provided.');
        if (options.when && !options.when(request)) return;
        // A retry of a request that already took its unit must get its first answer, even when
        // that unit was the last one.
        if (options.unlessReplay && (await options.unlessReplay(request))) return;
        const ref = `request:${randomUUID()}`;
        const plan = auth.plan ? summarizePlan(auth.plan) : undefined;
        const result = await quota.consume(auth.user, scope, { ref, ...(plan ? { plan } : {}) });
        if (!result.allowed) throw quotaExceeded(result, await quota.nextPlan(result.plan), clock.now());
        request.quotaCharges ??= [];
        request.quotaCharges.push({ scope, ref, settled: false });
        setLimitHeaders(reply, result);
      };
    },

    /**
     * Keeps the request's unit of `scope` under `ref` (e.g. the AI response it created), so a
     * later failure of that work can give it back with refund(scope, ref). `isVoid` says whether
     * that work has failed or been canceled already (before the unit had its name): then it is
     * given back at once.
     */
    async settle(
      request: FastifyRequest,
      scope: DailyScope,
      ref: string,
      isVoid?: () => Promise<boolean>,
    ): Promise<void> {
      const charge = request.quotaCharges?.find((c) => c.scope === scope && !c.settled);
      if (!charge) return;
      charge.settled = true;
      await quota.rename(scope, charge.ref, ref);
      if (isVoid && (await isVoid())) await quota.refund(scope, ref);
    },

    /** Gives the request's unit of `scope` back now (e.g. an idempotent replay created nothing). */
    async release(request: FastifyRequest, scope: DailyScope): Promise<void> {
      for (const charge of request.quotaCharges ?? []) {
        if (charge.scope === scope && !charge.settled) await refundCharge(charge);
      }
    },

    /** Gives back the unit counted under `ref`. Safe to call twice. */
    refund: (scope: QuotaScope, ref: string) => quota.refund(scope, ref),

    /** onSend: a request that took units and then failed gives them back before answering. */
    async refundFailed(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const charges = request.quotaCharges;
      if (!charges || reply.statusCode < 400) return;
      for (const charge of charges) {
        if (charge.settled) continue;
        await refundCharge(charge).catch((error) =>
          logger.warn({ err: error, scope: charge.scope }, 'quota refund failed'),
        );
      }
    },
  };
}

export type QuotaHooks = ReturnType<typeof createQuotaHooks>;
