import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

/**
 * A Redis client that fails fast instead of waiting while Redis is down or hung: a command that
 * has no answer within half a second (queued while reconnecting, or sent to a stopped server)
 * fails, and its caller decides (the request limits let the request through).
 */
export function createRedis(url: string, logger: Logger): Redis {
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
