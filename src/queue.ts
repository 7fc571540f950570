// Picks the queue driver the config names. Both take the job catalogue, so pg-boss creates its
// queues and BullMQ its producers at start, before any request sends a job.
import { cleanupJob, JOB_CATALOGUE } from './jobs/catalog.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { Logger } from './platform/logger.ts';
import type { JobDefinition, Queue } from './platform/queue/queue.ts';

/** The driver is loaded only when chosen: the other one's library costs start-up time for nothing. */
export async function createQueue(options: {
  config: Config;
  database: Database;
  logger: Logger;
  jobs?: readonly JobDefinition<unknown>[];
}): Promise<Queue> {
  const { config, database, logger } = options;
  const jobs = options.jobs ?? JOB_CATALOGUE;
  if (config.queue.driver === 'bullmq') {
    // loadConfig refuses bullmq without REDIS_URL; this guards callers that build a Config by hand.
    if (!config.redisUrl) throw new Error('QUEUE_DRIVER=bullmq needs REDIS_URL');
    const { createBullMqQueue } = await import('./platform/queue/bullmq.queue.ts');
    return createBullMqQueue({
      database,
      logger,
      jobs,
      redisUrl: config.redisUrl,
      prefix: config.queue.bullmqPrefix,
    });
  }
  const { createPgBossQueue } = await import('./platform/queue/pgboss.queue.ts');
  return createPgBossQueue({
    database,
    logger,
    jobs,
    // One connection for LISTEN, the rest for fetching and settling jobs.
    poolMax: Math.min(config.queue.concurrency, 8) + 2,
    schedules: config.cleanupDays !== undefined,
  });
}

/** Daily at 03:00 UTC, when CLEANUP_DAYS is set; otherwise a schedule left by an earlier setting is removed. */
export async function applySchedules(queue: Queue, config: Config): Promise<void> {
  if (config.cleanupDays !== undefined) {
    await queue.schedule(cleanupJob, CLEANUP_CRON, { days: config.cleanupDays });
  } else if (queue.driver === 'bullmq') {
    // pg-boss without its timekeeper fires nothing, so only BullMQ can hold a stale schedule.
    await queue.unschedule(cleanupJob);
  }
}

export const CLEANUP_CRON = '0 3 * * *';
