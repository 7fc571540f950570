import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

/**
 * ioredis, required when a client is first made: a process without REDIS_URL (the API and worker
 * on pg-boss with PostgreSQL events) never connects to Redis and need not hold its 45 modules.
 * Required, not imported, so that opening a client stays synchronous.
 */
export function loadIoredis(): typeof import('ioredis') {
  return createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
}

/**
 * A Redis client that fails fast instead of waiting while Redis is down or hung: a command that
 * has no answer within half a second (queued while reconnecting, or sent to a stopped server)
 * fails, and its caller decides (the request limits let the request through).
 */
export function createRedis(url: string, logger: Logger): Redis {
  const { Redis } = loadIoredis();
  const client = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 500,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let reported = false;
  client.on('error', (error) => {
    // Logged once per outage, not once per retry.
    if (!reported) logger.warn({ err: error.message }, 'redis connection error');
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}
