// The operator commands of the limits feature, called by src/cli.ts with an open database. They
// print to the given streams and return an exit code; a bad argument throws CommandUsageError
// (exit 2).

import { isIP } from 'node:net';
import {
  type CommandContext,
  CommandUsageError,
  parsePositiveInt,
  printLine as print,
} from '../platform/command.ts';
import { createRedis } from '../platform/redis.ts';
import * as repo from './quota.repository.ts';
import { createQuotaService, isQuotaScope, QUOTA_SCOPES, type QuotaScope } from './quota.service.ts';
import { percentageUsed, usageLabel } from './status.ts';
import { createMemoryWindowCounter, createRedisWindowCounter, type WindowCounter } from './windows.ts';

/** The short windows: Redis when configured (shared with the API), else this process's memory. */
async function withWindows<T>(
  ctx: CommandContext,
  run: (windows: WindowCounter, shared: boolean) => Promise<T>,
) {
  if (!ctx.config.redisUrl) return run(createMemoryWindowCounter(), false);
  const redis = createRedis(ctx.config.redisUrl, ctx.logger);
  try {
    return await run(createRedisWindowCounter(redis, { prefix: ctx.config.limits.keyPrefix }), true);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function findUser(ctx: CommandContext, name: string | undefined) {
  if (!name) throw new CommandUsageError('--user is required (a user id, username or email).');
  const user = await repo.findUserByName(ctx.db, name);
  if (!user) throw new CommandUsageError(`No user "${name}".`);
  return user;
}

function parseScope(scope: string | undefined): QuotaScope | undefined {
  if (scope === undefined) return undefined;
  if (!isQuotaScope(scope))
    throw new CommandUsageError(`--scope must be one of: ${QUOTA_SCOPES.join(', ')}.`);
  return scope;
}

function parseIp(ip: string | undefined): string {
  if (!ip) throw new CommandUsageError('--ip is required.');
  if (isIP(ip) === 0) throw new CommandUsageError(`"${ip}" is not an IPv4 or IPv6 address.`);
  return ip;
}

type RateLimitsValues = { user?: string; scope?: string; ip?: string; duration?: string };

export async function rateLimitsCommand(
  ctx: CommandContext,
  action: string | undefined,
  values: RateLimitsValues,
): Promise<number> {
  switch (action) {
    case 'status':
      return showStatus(ctx, values);
    case 'reset':
      return resetUsage(ctx, values);
    case 'block-ip':
      return blockIp(ctx, values);
    case 'unblock-ip':
      return unblockIp(ctx, values);
    case 'list-blocked':
      return listBlocked(ctx);
    default:
      throw new CommandUsageError(
        'Usage: rate-limits status|reset --user U [--scope S] | block-ip --ip A [--duration M] | unblock-ip --ip A | list-blocked',
      );
  }
}

/** One line per scope: used / limit, percentage, label and when the next unit frees up. */
async function showStatus(ctx: CommandContext, values: RateLimitsValues): Promise<number> {
  const user = await findUser(ctx, values.user);
  const only = parseScope(values.scope);
  return withWindows(ctx, async (windows, shared) => {
    const quota = createQuotaService({ db: ctx.db, windows, clock: ctx.clock });
    const { plan, scopes } = await quota.status(user);
    print(ctx.out, `User ${user.username} (id ${user.id}), plan ${plan.name}`);
    for (const scope of QUOTA_SCOPES) {
      if (only && scope !== only) continue;
      const s = scopes[scope];
      const note =
        !shared && (scope === 'api_calls' || scope === 'burst')
          ? ' (in the API process memory; not visible here)'
          : '';
      print(
        ctx.out,
        `  ${scope.padEnd(15)} ${String(s.used).padStart(5)} / ${String(s.limit).padEnd(5)} ${String(percentageUsed(s.used, s.limit)).padStart(5)}%  ${usageLabel(s.used, s.limit).padEnd(9)} next unit ${s.resetAt.toISOString()}${note}`,
      );
    }
    return 0;
  });
}

/** Forgets a user's counted usage of one scope, or of all. */
async function resetUsage(ctx: CommandContext, values: RateLimitsValues): Promise<number> {
  const user = await findUser(ctx, values.user);
  const scope = parseScope(values.scope);
  return withWindows(ctx, async (windows, shared) => {
    const quota = createQuotaService({ db: ctx.db, windows, clock: ctx.clock });
    const result = await quota.reset(user.id, scope);
    print(
      ctx.out,
      `Reset ${scope ?? 'all scopes'} for ${user.username}: ${result.dailyUnits} counted daily units removed` +
        (result.windows.length > 0
          ? shared
            ? `; ${result.windows.join(' and ')} cleared in Redis.`
            : `; ${result.windows.join(' and ')} live in the API process memory and reset when it restarts.`
          : '.'),
    );
    return 0;
  });
}

async function blockIp(ctx: CommandContext, values: RateLimitsValues): Promise<number> {
  const ip = parseIp(values.ip);
  const minutes = parsePositiveInt(values.duration, 'duration', ctx.config.limits.ipBlockMinutes, 525_600);
  const now = ctx.clock.now();
  const row = await repo.upsertBlock(ctx.db, ip, new Date(now.getTime() + minutes * 60_000), 'operator', now);
  print(
    ctx.out,
    `Blocked ${ip} until ${row.blockedUntil.toISOString()} (API processes apply it within 5 s).`,
  );
  return 0;
}

async function unblockIp(ctx: CommandContext, values: RateLimitsValues): Promise<number> {
  const ip = parseIp(values.ip);
  const removed = await repo.deleteBlock(ctx.db, ip);
  print(ctx.out, removed ? `Unblocked ${ip}.` : `${ip} was not blocked.`);
  return 0;
}

async function listBlocked(ctx: CommandContext): Promise<number> {
  const rows = await repo.listActiveBlocks(ctx.db, ctx.clock.now());
  if (rows.length === 0) {
    print(ctx.out, 'No blocked addresses.');
    return 0;
  }
  for (const row of rows)
    print(ctx.out, `${row.ip.padEnd(40)} until ${row.blockedUntil.toISOString()}  ${row.reason}`);
  print(ctx.out, `${rows.length} blocked.`);
  return 0;
}
