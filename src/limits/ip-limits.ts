// Per-address limits: IP_LIMIT_PER_MINUTE (60) and IP_LIMIT_PER_HOUR (1000) requests over rolling
// windows, for every request whoever sends it, and blocks.
//
// Blocking rule: a refusal by the minute limit is a breach, counted at most once a minute (so a
// client hammering for one minute is one breach, not hundreds). An address with 3 breaches within
// 10 minutes, i.e. one that kept going past the limit for about three minutes, is blocked for
// IP_BLOCK_MINUTES (15) and answered 403 `ip_blocked`. Blocks, automatic and from operators
// (`cvimprover rate-limits block-ip`), live in the ip_blocks table, so every process applies them;
// each process reads the active ones at most every few seconds, not on every request.
//
// The address is Fastify's request.ip: the peer address, or the X-Forwarded-For entry chosen by
// the trustProxy setting (TRUST_PROXY) when the peer is a trusted proxy. A forwarded header from
// any other peer is ignored.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { bindingWindow, secondsUntil, setLimitHeaders } from './quota.hooks.ts';
import * as repo from './quota.repository.ts';
import type { WindowCounter } from './windows.ts';

/**
 * Routes no address limit applies to: health checks, Stripe's webhook, the API documentation, and
 * the web app's static files (hashed names a browser keeps for a year: a first visit loads a few at
 * once, and they must not use up what the person's own requests need).
 */
export const EXEMPT_ROUTES: ReadonlySet<string> = new Set([
  '/core/health/',
  '/core/payments/webhook/stripe/',
  '/',
  '/schema/',
]);

export function isExemptRoute(routeUrl: string | undefined): boolean {
  if (!routeUrl) return false;
  return (
    EXEMPT_ROUTES.has(routeUrl) ||
    routeUrl === '/docs' ||
    routeUrl.startsWith('/docs/') ||
    routeUrl.startsWith('/assets/')
  );
}

export interface IpLimitsOptions {
  db: Db;
  windows: WindowCounter;
  clock: Clock;
  logger: Logger;
  /** Counting on or off (RATE_LIMITS_ENABLED); blocks apply either way. */
  enabled: boolean;
  perMinute: number;
  perHour: number;
  blockMinutes: number;
  breachesToBlock?: number;
  breachWindowMs?: number;
  /** How long the list of active blocks is reused before it is read again. */
  blocksCacheMs?: number;
}

export function createIpLimiter(options: IpLimitsOptions) {
  const { db, windows, clock, logger } = options;
  const breachesToBlock = options.breachesToBlock ?? 3;
  const breachWindowMs = options.breachWindowMs ?? 10 * 60_000;
  const blocksCacheMs = options.blocksCacheMs ?? 5_000;
  let blocks = new Map<string, number>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  async function refreshBlocks(): Promise<void> {
    loading ??= (async () => {
      const now = clock.now();
      const rows = await repo.listActiveBlocks(db, now);
      blocks = new Map(rows.map((row) => [row.ip, row.blockedUntil.getTime()]));
      loadedAt = now.getTime();
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  async function blockedUntil(ip: string, nowMs: number): Promise<number | null> {
    if (nowMs - loadedAt >= blocksCacheMs || nowMs < loadedAt) {
      try {
        await refreshBlocks();
      } catch (error) {
        // The database being down must not take every request down with it: keep the last list.
        logger.warn({ err: error }, 'reading ip blocks failed; using the cached list');
      }
    }
    const until = blocks.get(ip);
    return until !== undefined && until > nowMs ? until : null;
  }

  async function block(ip: string, minutes: number, reason: string): Promise<Date> {
    const now = clock.now();
    const row = await repo.upsertBlock(db, ip, new Date(now.getTime() + minutes * 60_000), reason, now);
    blocks.set(ip, row.blockedUntil.getTime());
    return row.blockedUntil;
  }

  /** Counts a refusal by the minute limit as a breach, and blocks the address (403) at the last one. */
  async function blockIfPersistent(ip: string, now: Date): Promise<void> {
    const breaches = await windows.breach(`ip:b:${ip}`, now.getTime(), 60_000, breachWindowMs);
    if (breaches < breachesToBlock) return;
    const reason = `This address went past ${options.perMinute} requests a minute ${breachesToBlock} times within ${Math.round(breachWindowMs / 60_000)} minutes.`;
    const blockedAt = await block(ip, options.blockMinutes, `automatic: ${reason}`);
    logger.warn({ ip, until: blockedAt.toISOString() }, 'address blocked for exceeding its limits');
    throw blockedError(blockedAt.getTime(), now, reason);
  }

  return {
    refreshBlocks,
    block,

    /** onRequest: refuses blocked addresses (403) and addresses over their limits (429). */
    async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (isExemptRoute(request.routeOptions.url)) return;
      const ip = request.ip;
      const now = clock.now();
      const until = await blockedUntil(ip, now.getTime());
      if (until !== null) throw blockedError(until, now, 'This address is blocked.');
      if (!options.enabled) return;

      const { allowed, minute, shown } = await hitAddressWindows(windows, ip, options, now.getTime());
      if (allowed) {
        setLimitHeaders(reply, shown);
        return;
      }
      if (minute?.remaining === 0) await blockIfPersistent(ip, now);
      throw addressLimitExceeded(shown, now);
    },
  };
}

/**
 * Counts one request in the address's minute and hour windows. `shown` is the window the
 * headers describe (the one that refused, or the tightest).
 */
async function hitAddressWindows(
  windows: WindowCounter,
  ip: string,
  limits: { perMinute: number; perHour: number },
  nowMs: number,
) {
  const { allowed, states } = await windows.hit(
    [
      { key: `ip:m:${ip}`, limit: limits.perMinute, windowMs: 60_000 },
      { key: `ip:h:${ip}`, limit: limits.perHour, windowMs: 3600_000 },
    ],
    nowMs,
  );
  const windowsNow = states.map((s, i) => ({
    ...s,
    resetAt: new Date(s.resetAt),
    period: i === 0 ? 'a minute' : 'an hour',
  }));
  return { allowed, minute: windowsNow[0], shown: bindingWindow(windowsNow) };
}

function blockedError(until: number, now: Date, reason: string): AppError {
  const at = new Date(until);
  return new AppError(
    'ip_blocked',
    `${reason} Requests from this address are refused until ${at.toISOString()}.`,
    { headers: { 'Retry-After': String(secondsUntil(at, now)) } },
  );
}

function addressLimitExceeded(
  shown: { limit: number; remaining: number; resetAt: Date; period: string },
  now: Date,
): AppError {
  const retryAfter = secondsUntil(shown.resetAt, now);
  return new AppError(
    'rate_limit_exceeded',
    `Too many requests from this address: at most ${shown.limit} ${shown.period}. Try again in ${retryAfter} s.`,
    {
      headers: {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': String(shown.limit),
        'X-RateLimit-Remaining': String(shown.remaining),
        'X-RateLimit-Reset': String(Math.ceil(shown.resetAt.getTime() / 1000)),
      },
    },
  );
}

export type IpLimiter = ReturnType<typeof createIpLimiter>;
