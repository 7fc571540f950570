// The queue back ends a suite runs on: pg-boss on PGlite always, pg-boss on PostgreSQL when
// TEST_DATABASE_URL is set, BullMQ on Redis (its outbox on PostgreSQL) when TEST_REDIS_URL is set
// too. Child processes of the fault tests open the same back end from the environment a target
// gives them.
import { randomBytes } from 'node:crypto';
import { Queue as BullQueue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { createBullMqQueue } from '../../src/platform/queue/bullmq.queue.ts';
import { createPgBossQueue } from '../../src/platform/queue/pgboss.queue.ts';
import type { JobDefinition, Queue } from '../../src/platform/queue/queue.ts';
import { createScratchPostgresDatabase, POSTGRES_URL } from './backends.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL;

export type DriverName = 'pg-boss' | 'bullmq';

/** Everything a process needs to reach one target's queue; passed to child processes as env. */
export interface QueueEnv {
  QUEUE_TEST_DRIVER: DriverName;
  QUEUE_TEST_DATABASE_URL: string;
  QUEUE_TEST_REDIS_URL: string;
  QUEUE_TEST_PREFIX: string;
}

export interface QueueRig {
  database: Database;
  queue: Queue;
  driver: DriverName;
  /** For child processes; empty for PGlite, which one process owns. */
  env: QueueEnv | undefined;
  /** Each stored job of a kind: its state in the driver's words and attempts begun. */
  jobStates(name: string): Promise<Array<{ state: string; attempts: number }>>;
  /** The cron expression a job is scheduled with, or null. */
  scheduleOf(name: string): Promise<string | null>;
  /** Opens another queue on the same back end, as another process would. */
  openQueue(jobs: readonly JobDefinition<unknown>[]): Queue;
  close(): Promise<void>;
}

export interface QueueTarget {
  name: string;
  driver: DriverName;
  skip: string | false;
  /** Whether several processes can share it (PGlite is one process's database). */
  shared: boolean;
  open(jobs: readonly JobDefinition<unknown>[]): Promise<QueueRig>;
}

const silent = createLogger('silent');

/** Short intervals so retries and crash recovery happen within a test's patience. */
export function openTestQueue(
  driver: DriverName,
  database: Database,
  jobs: readonly JobDefinition<unknown>[],
  redis: { url: string; prefix: string } | undefined,
  logger: Logger = silent,
): Queue {
  if (driver === 'bullmq') {
    if (!redis) throw new Error('bullmq needs a Redis URL');
    return createBullMqQueue({
      database,
      logger,
      jobs,
      redisUrl: redis.url,
      prefix: redis.prefix,
      stopGraceMs: 2_000,
      outboxSweepMs: 500,
      // A killed worker's lock lapses in 2 s, whatever the job's timeout.
      maxLockMs: 2_000,
    });
  }
  return createPgBossQueue({
    database,
    logger,
    jobs,
    superviseIntervalSeconds: 1,
    // pg-boss's shortest: a killed worker's job is failed back within 10 s plus a monitor pass.
    heartbeatSeconds: 10,
    pollingIntervalSeconds: 0.5,
    schedules: true,
    stopGraceMs: 2_000,
  });
}

async function openRig(
  driver: DriverName,
  kind: 'pglite' | 'postgres',
  jobs: readonly JobDefinition<unknown>[],
): Promise<QueueRig> {
  let database: Database;
  let dropDatabase = async () => {};
  let url = '';
  if (kind === 'postgres') {
    const scratch = await createScratchPostgresDatabase();
    url = scratch.url;
    dropDatabase = scratch.drop;
    database = await openDatabase({ kind: 'postgres', url, poolMax: 10 });
  } else {
    database = await openDatabase({ kind: 'pglite-memory' });
  }
  await database.migrate();
  const redis =
    driver === 'bullmq'
      ? { url: REDIS_URL ?? '', prefix: `cvitest-${randomBytes(5).toString('hex')}` }
      : undefined;
  const queues: Queue[] = [];
  const openQueue = (list: readonly JobDefinition<unknown>[]) => {
    const queue = openTestQueue(driver, database, list, redis);
    queues.push(queue);
    return queue;
  };
  const queue = openQueue(jobs);
  await queue.start();
  const admin = redis ? new Redis(redis.url, { maxRetriesPerRequest: 2 }) : undefined;

  return {
    database,
    queue,
    driver,
    env:
      kind === 'postgres'
        ? {
            QUEUE_TEST_DRIVER: driver,
            QUEUE_TEST_DATABASE_URL: url,
            QUEUE_TEST_REDIS_URL: redis?.url ?? '',
            QUEUE_TEST_PREFIX: redis?.prefix ?? '',
          }
        : undefined,
    openQueue,
    async scheduleOf(name) {
      if (driver === 'pg-boss') {
        const rows = rowsOf<{ cron: string }>(
          await database.db.execute(sql`select cron from pgboss.schedule where name = ${name}`),
        );
        return rows[0]?.cron ?? null;
      }
      const bull = new BullQueue(name, {
        connection: { url: redis?.url ?? '' },
        prefix: redis?.prefix ?? '',
      });
      try {
        const schedulers = await bull.getJobSchedulers();
        return schedulers.find((s) => s.key === name || s.name === name)?.pattern ?? null;
      } finally {
        await bull.close();
      }
    },
    async jobStates(name) {
      if (driver === 'pg-boss') {
        const result = rowsOf<{ state: string; retry_count: number }>(
          await database.db.execute(sql`select state, retry_count from pgboss.job where name = ${name}`),
        );
        return result.map((row) => ({ state: row.state, attempts: Number(row.retry_count) + 1 }));
      }
      const outbox = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from job_outbox where name = ${name}`),
      );
      const pending = Array.from({ length: Number(outbox[0]?.n ?? 0) }, () => ({
        state: 'outbox',
        attempts: 0,
      }));
      const bull = new BullQueue(name, {
        connection: { url: redis?.url ?? '' },
        prefix: redis?.prefix ?? '',
      });
      try {
        const jobs = await bull.getJobs(['wait', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
        const states = await Promise.all(
          jobs.map(async (job) => ({ state: await job.getState(), attempts: job.attemptsStarted })),
        );
        return [...pending, ...states];
      } finally {
        await bull.close();
      }
    },
    async close() {
      for (const q of queues) await q.stop();
      if (admin && redis) {
        // Remove this run's keys; the prefix is unique to it.
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(cursor, 'MATCH', `${redis.prefix}:*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await admin.del(...keys);
        } while (cursor !== '0');
        await admin.quit();
      }
      await database.close();
      await dropDatabase();
    },
  };
}

export function queueTargets(): QueueTarget[] {
  const noPg = POSTGRES_URL ? false : 'TEST_DATABASE_URL is not set';
  const noRedis = REDIS_URL ? false : 'TEST_REDIS_URL is not set';
  return [
    {
      name: 'pg-boss on PGlite',
      driver: 'pg-boss',
      skip: false,
      shared: false,
      open: (jobs) => openRig('pg-boss', 'pglite', jobs),
    },
    {
      name: 'pg-boss on PostgreSQL',
      driver: 'pg-boss',
      skip: noPg,
      shared: true,
      open: (jobs) => openRig('pg-boss', 'postgres', jobs),
    },
    {
      name: 'BullMQ on Redis (outbox on PostgreSQL)',
      driver: 'bullmq',
      skip: noRedis || noPg,
      shared: true,
      open: (jobs) => openRig('bullmq', 'postgres', jobs),
    },
  ];
}

/** The rows of a raw `db.execute`, whose result type Drizzle leaves open across drivers. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Polls until `read` returns something truthy, or fails at the deadline with the last value seen. */
export async function waitUntil<T>(
  read: () => Promise<T> | T,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
