import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export type { Redis };

/** A Redis client that fails fast instead of queueing commands forever while Redis is down. */
export function createRedis(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 2,
    connectTimeout: 3_000,
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
