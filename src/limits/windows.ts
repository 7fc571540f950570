// Rolling-window counters for the short limits (per-user api_calls/hour and burst/minute, per-IP
// minute and hour). Each is an exact sliding-window log: a hit is remembered with its time and
// counts until `windowMs` later, so there is no fixed boundary at which a client gets a fresh
// allowance twice in a row. In memory for one process (embedded mode), in Redis when REDIS_URL is
// set so that every API process shares the counts.
//
// Time comes from the caller (the app's clock), never from Redis or Date.now(), so tests move it.
import { randomBytes } from 'node:crypto';
import type { Redis } from '../platform/redis.ts';

export interface WindowRule {
  key: string;
  limit: number;
  windowMs: number;
}

export interface WindowState {
  limit: number;
  /** Hits in the window, this one included when it was allowed. */
  used: number;
  remaining: number;
  /**
   * When `remaining` next grows: the moment the oldest counted hit leaves the window, or, when the
   * window is full, the moment enough hits have left it for one more to fit.
   */
  resetAt: number;
}

export interface HitResult {
  /** True when every rule had room; then the hit was recorded in all of them, else in none. */
  allowed: boolean;
  states: WindowState[];
}

export interface WindowCounter {
  readonly kind: 'memory' | 'redis';
  hit(rules: readonly WindowRule[], nowMs: number): Promise<HitResult>;
  /** The state of a window without recording anything. */
  peek(rule: WindowRule, nowMs: number): Promise<WindowState>;
  /**
   * Records a breach for `key` unless one was recorded less than `spacingMs` ago; returns how many
   * breaches the last `windowMs` hold, or 0 when this one was not recorded.
   */
  breach(key: string, nowMs: number, spacingMs: number, windowMs: number): Promise<number>;
  /** Forgets the given keys. */
  clear(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

function stateOf(limit: number, times: ArrayLike<number>, start: number, nowMs: number, windowMs: number) {
  const used = times.length - start;
  // The hit whose expiry frees the next unit: the oldest, or with a full (or over-full, after a
  // downgrade) window the (used - limit)-th oldest.
  const index = start + Math.max(0, used - limit);
  const pivot = used > 0 ? (times[index] as number) : nowMs;
  return { limit, used, remaining: Math.max(0, limit - used), resetAt: pivot + windowMs };
}

interface Log {
  times: number[];
  start: number;
  windowMs: number;
}

/** One process's counters. Cheap: a hit is a few array operations, no allocation once warm. */
export function createMemoryWindowCounter(options: { sweepEveryMs?: number } = {}): WindowCounter {
  const logs = new Map<string, Log>();
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  let lastSweep = 0;

  const prune = (log: Log, nowMs: number) => {
    const oldest = nowMs - log.windowMs;
    while (log.start < log.times.length && (log.times[log.start] as number) <= oldest) log.start++;
    // Compact once the dead head is large, so memory follows the live window.
    if (log.start > 32 && log.start * 2 > log.times.length) {
      log.times = log.times.slice(log.start);
      log.start = 0;
    }
  };

  const logFor = (key: string, windowMs: number, nowMs: number): Log => {
    let log = logs.get(key);
    if (!log) {
      log = { times: [], start: 0, windowMs };
      logs.set(key, log);
    }
    log.windowMs = windowMs;
    prune(log, nowMs);
    return log;
  };

  // Keys of clients that went away would stay forever; drop the empty ones now and then.
  const sweep = (nowMs: number) => {
    if (nowMs - lastSweep < sweepEveryMs) return;
    lastSweep = nowMs;
    for (const [key, log] of logs) {
      prune(log, nowMs);
      if (log.start >= log.times.length) logs.delete(key);
    }
  };

  return {
    kind: 'memory',
    async hit(rules, nowMs) {
      sweep(nowMs);
      const found = rules.map((rule) => logFor(rule.key, rule.windowMs, nowMs));
      const allowed = rules.every((rule, i) => {
        const log = found[i] as Log;
        return log.times.length - log.start < rule.limit;
      });
      const states = rules.map((rule, i) => {
        const log = found[i] as Log;
        if (allowed) log.times.push(nowMs);
        return stateOf(rule.limit, log.times, log.start, nowMs, rule.windowMs);
      });
      return { allowed, states };
    },
    async peek(rule, nowMs) {
      const log = logs.get(rule.key);
      if (!log) return stateOf(rule.limit, [], 0, nowMs, rule.windowMs);
      log.windowMs = rule.windowMs;
      prune(log, nowMs);
      return stateOf(rule.limit, log.times, log.start, nowMs, rule.windowMs);
    },
    async breach(key, nowMs, spacingMs, windowMs) {
      const log = logFor(key, windowMs, nowMs);
      const newest = log.times[log.times.length - 1];
      if (log.times.length > log.start && newest !== undefined && nowMs - newest < spacingMs) return 0;
      log.times.push(nowMs);
      return log.times.length - log.start;
    },
    async clear(keys) {
      for (const key of keys) logs.delete(key);
    },
    async close() {
      logs.clear();
    },
  };
}

// One round trip per check. Every rule is pruned and counted first; only when all have room is
// the hit added to each, so a request refused by the minute limit does not use up the hour.
// Returns {allowed, used1, pivot1, used2, pivot2, ...}; pivot as in stateOf.
const HIT_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local counts = {}
local allowed = 1
for i = 1, #KEYS do
  local limit = tonumber(ARGV[1 + 2 * i])
  local win = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - win)
  counts[i] = redis.call('ZCARD', KEYS[i])
  if counts[i] >= limit then allowed = 0 end
end
local out = { allowed }
for i = 1, #KEYS do
  local limit = tonumber(ARGV[1 + 2 * i])
  local win = tonumber(ARGV[2 + 2 * i])
  local used = counts[i]
  if allowed == 1 then
    redis.call('ZADD', KEYS[i], now, member)
    redis.call('PEXPIRE', KEYS[i], win)
    used = used + 1
  end
  local pivot = now
  if used > 0 then
    local index = used - limit
    if index < 0 then index = 0 end
    local found = redis.call('ZRANGE', KEYS[i], index, index, 'WITHSCORES')
    if found[2] then pivot = tonumber(found[2]) end
  end
  out[#out + 1] = used
  out[#out + 1] = pivot
end
return out
`;

const PEEK_SCRIPT = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
local used = redis.call('ZCARD', KEYS[1])
local pivot = now
if used > 0 then
  local index = used - limit
  if index < 0 then index = 0 end
  local found = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
  if found[2] then pivot = tonumber(found[2]) end
end
return { used, pivot }
`;

// The spacing is checked against the newest breach in the log itself (not a key with a TTL), so
// that it follows the caller's clock like everything else here.
const BREACH_SCRIPT = `
local now = tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - win)
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] and now - tonumber(newest[2]) < spacing then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], win)
return redis.call('ZCARD', KEYS[1])
`;

interface LimitCommands {
  cviWindowHit(...args: Array<string | number>): Promise<number[]>;
  cviWindowPeek(key: string, now: number, limit: number, windowMs: number): Promise<number[]>;
  cviWindowBreach(
    key: string,
    now: number,
    spacing: number,
    windowMs: number,
    member: string,
  ): Promise<number>;
}

/**
 * Counters in Redis, atomic per check through Lua scripts (EVALSHA after the first call). Keys
 * live under `prefix` and expire on their own once their window has passed.
 */
export function createRedisWindowCounter(redis: Redis, options: { prefix: string }): WindowCounter {
  const prefix = options.prefix.endsWith(':') ? options.prefix : `${options.prefix}:`;
  const client = redis as Redis & LimitCommands;
  if (typeof client.cviWindowHit !== 'function') {
    redis.defineCommand('cviWindowHit', { lua: HIT_SCRIPT });
    redis.defineCommand('cviWindowPeek', { numberOfKeys: 1, lua: PEEK_SCRIPT });
    redis.defineCommand('cviWindowBreach', { numberOfKeys: 1, lua: BREACH_SCRIPT });
  }
  // Members must be unique even for two hits in the same millisecond from two processes.
  const processTag = randomBytes(6).toString('base64url');
  let sequence = 0;
  const member = (nowMs: number) => {
    sequence = (sequence + 1) % 1_000_000_000;
    return `${nowMs}:${processTag}:${sequence}`;
  };

  return {
    kind: 'redis',
    async hit(rules, nowMs) {
      const args: Array<string | number> = [rules.length];
      for (const rule of rules) args.push(prefix + rule.key);
      args.push(nowMs, member(nowMs));
      for (const rule of rules) args.push(rule.limit, rule.windowMs);
      const out = await client.cviWindowHit(...args);
      const states = rules.map((rule, i) => {
        const used = Number(out[1 + 2 * i]);
        const pivot = Number(out[2 + 2 * i]);
        return {
          limit: rule.limit,
          used,
          remaining: Math.max(0, rule.limit - used),
          resetAt: pivot + rule.windowMs,
        };
      });
      return { allowed: Number(out[0]) === 1, states };
    },
    async peek(rule, nowMs) {
      const [used = 0, pivot = nowMs] = (
        await client.cviWindowPeek(prefix + rule.key, nowMs, rule.limit, rule.windowMs)
      ).map(Number);
      return {
        limit: rule.limit,
        used,
        remaining: Math.max(0, rule.limit - used),
        resetAt: pivot + rule.windowMs,
      };
    },
    async breach(key, nowMs, spacingMs, windowMs) {
      return Number(await client.cviWindowBreach(prefix + key, nowMs, spacingMs, windowMs, member(nowMs)));
    },
    async clear(keys) {
      if (keys.length > 0) await redis.del(...keys.map((key) => prefix + key));
    },
    async close() {},
  };
}

/**
 * Lets requests through while the counter's store is unreachable (Redis down or hung), logging once
 * per `logEveryMs`: the short windows protect the service, and refusing every request would be the
 * outage they exist to prevent. After a failure the store is left alone for `pauseMs`, so requests
 * during an outage do not each wait for a command to time out. Daily plan quotas do not go through
 * here; they stay exact.
 */
export function failOpen(
  counter: WindowCounter,
  onError: (error: unknown) => void,
  logEveryMs = 30_000,
  pauseMs = 2_000,
): WindowCounter {
  let lastLog = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  async function guarded<T>(operation: () => Promise<T>, fallback: () => T): Promise<T> {
    if (performance.now() < pausedUntil) return fallback();
    try {
      return await operation();
    } catch (error) {
      const now = performance.now();
      pausedUntil = now + pauseMs;
      if (now - lastLog >= logEveryMs) {
        lastLog = now;
        onError(error);
      }
      return fallback();
    }
  }
  const open = (rule: WindowRule, nowMs: number): WindowState => ({
    limit: rule.limit,
    used: 0,
    remaining: rule.limit,
    resetAt: nowMs + rule.windowMs,
  });
  return {
    kind: counter.kind,
    hit: (rules, nowMs) =>
      guarded(
        () => counter.hit(rules, nowMs),
        () => ({ allowed: true, states: rules.map((rule) => open(rule, nowMs)) }),
      ),
    peek: (rule, nowMs) =>
      guarded(
        () => counter.peek(rule, nowMs),
        () => open(rule, nowMs),
      ),
    breach: (key, nowMs, spacingMs, windowMs) =>
      guarded(
        () => counter.breach(key, nowMs, spacingMs, windowMs),
        () => 0,
      ),
    clear: (keys) => counter.clear(keys),
    close: () => counter.close(),
  };
}
