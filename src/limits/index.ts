// Public API of the limits feature: plan quotas, per-address limits, the status route, and the
// refund other features call when work a unit paid for fails.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { AuthHooks } from '../platform/http/authenticate.ts';
import type { Logger } from '../platform/logger.ts';
import type { Redis } from '../platform/redis.ts';
import { createIpLimiter, type IpLimiter } from './ip-limits.ts';
import { limitsRoutes } from './limits.routes.ts';
import { createLimitsService, type LimitsService } from './limits.service.ts';
import { createQuotaHooks, type QuotaHooks } from './quota.hooks.ts';
import { refundUnit } from './quota.repository.ts';
import { createQuotaService, type QuotaScope, type QuotaService } from './quota.service.ts';
import {
  createMemoryWindowCounter,
  createRedisWindowCounter,
  failOpen,
  type WindowCounter,
} from './windows.ts';

export { type QuotaCharge, type QuotaHooks, quotaExceeded, UPGRADE_URL } from './quota.hooks.ts';
export {
  aiResponseQuotaRef,
  DAILY_SCOPES,
  type DailyScope,
  QUOTA_SCOPES,
  type QuotaResult,
  type QuotaScope,
  type QuotaService,
  uploadQuotaRef,
  WINDOW_SCOPES,
} from './quota.service.ts';
export type { WindowCounter } from './windows.ts';

/**
 * Gives back the unit counted under `ref` (e.g. aiResponseQuotaRef(id)) when the work it paid
 * for failed or was canceled. Idempotent. For job handlers, which have a database but no app.
 */
export async function refundQuota(db: Db, scope: QuotaScope, ref: string, at: Date): Promise<boolean> {
  return (await refundUnit(db, scope, ref, at)) > 0;
}

export interface Limits {
  windows: WindowCounter;
  quota: QuotaService;
  hooks: QuotaHooks;
  ip: IpLimiter;
  service: LimitsService;
}

/** The short windows live in Redis when there is one (shared by every process), else in memory. */
export function createWindowCounter(config: Config, redis: Redis | undefined, logger: Logger): WindowCounter {
  if (!redis) return createMemoryWindowCounter();
  return failOpen(createRedisWindowCounter(redis, { prefix: config.limits.keyPrefix }), (error) =>
    logger.warn({ err: error }, 'rate-limit counters unreachable; letting requests through'),
  );
}

export function createLimits(deps: {
  config: Config;
  db: Db;
  redis: Redis | undefined;
  clock: Clock;
  logger: Logger;
  windows?: WindowCounter;
}): Limits {
  const { config, db, clock, logger } = deps;
  const windows = deps.windows ?? createWindowCounter(config, deps.redis, logger);
  const quota = createQuotaService({ db, windows, clock });
  return {
    windows,
    quota,
    hooks: createQuotaHooks({ quota, clock, logger, requestLimits: config.limits.enabled }),
    ip: createIpLimiter({
      db,
      windows,
      clock,
      logger,
      enabled: config.limits.enabled,
      perMinute: config.limits.ipPerMinute,
      perHour: config.limits.ipPerHour,
      blockMinutes: config.limits.ipBlockMinutes,
    }),
    service: createLimitsService({ quota }),
  };
}

/**
 * Installs the limits on the root app, before any route: the per-address check on every request,
 * the refund of units taken by requests that then failed, and the status route. `authHooks` are
 * the plain authentication hooks (the status route must not count as an API call).
 */
export async function registerLimits(
  app: FastifyInstance,
  limits: Limits,
  authHooks: AuthHooks,
): Promise<void> {
  app.decorateRequest('quotaCharges', null);
  app.addHook('onRequest', limits.ip.check);
  app.addHook('onSend', async (request, reply, payload) => {
    await limits.hooks.refundFailed(request, reply);
    return payload;
  });
  await app.register(limitsRoutes({ limits: limits.service, hooks: authHooks }));
}

/**
 * TRUST_PROXY in the form Fastify's types take: a hop count becomes the function Fastify itself
 * would make of it (trust the nearest `hops` peers).
 */
export function fastifyTrustProxy(
  value: boolean | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}
