// The scale driver: BullMQ on Redis (QUEUE_DRIVER=bullmq). Redis cannot join a database
// transaction, so a job sent with `{ tx }` is written to the `job_outbox` table in that
// transaction and moved to BullMQ after commit by the outbox relay (see outbox.ts).
import { randomUUID } from 'node:crypto';
import { Queue as BullQueue, type Job, type JobsOptions, UnrecoverableError, Worker } from 'bullmq';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { createOutboxRelay, type OutboxRow, writeOutbox } from './outbox.ts';
import {
  type JobDefinition,
  type JobHandler,
  JobPayloadError,
  parseJobPayload,
  type Queue,
  type SendOptions,
  whenStarted,
} from './queue.ts';

export interface BullMqQueueOptions {
  database: Database;
  logger: Logger;
  redisUrl: string;
  jobs: readonly JobDefinition<unknown>[];
  /** Key prefix in Redis; separate prefixes keep separate deployments (or test runs) apart. */
  prefix?: string;
  /** How long stop() lets running handlers finish before leaving them to the stalled-job check. */
  stopGraceMs?: number;
  /** How often the outbox is swept for rows whose after-commit relay never happened (a crash). */
  outboxSweepMs?: number;
  /**
   * The longest a dead worker's job stays locked before the stalled-job check puts it back. A
   * live worker renews its lock at half this; a job's own timeout shortens it.
   */
  maxLockMs?: number;
}

/** Completed jobs are kept a day so that relaying an outbox row twice still finds, and skips, the first. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };

export function bullJobOptions(job: JobDefinition<unknown>): JobsOptions {
  const delay = Math.round(job.retry.delaySeconds * 1000);
  return {
    attempts: job.retry.retries + 1,
    // BullMQ's exponential backoff waits delay * 2^(retry - 1): the policy's delay, then doubled.
    backoff: { type: job.retry.backoff ? 'exponential' : 'fixed', delay },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}

/**
 * What the queue's methods share: the Redis connection, the producers and workers opened on it,
 * and the signal that tells running handlers the process is stopping.
 */
interface BullMqState {
  jobs: readonly JobDefinition<unknown>[];
  log: Logger;
  prefix: string;
  connection: RedisConnection;
  producers: Map<string, BullQueue>;
  workers: Worker[];
  stopping: AbortController;
  stopGraceMs: number;
  maxLockMs: number;
}

type RedisConnection = ReturnType<typeof redisConnection>;

// BullMQ's workers block on Redis; a retry limit per command would break their blocking reads.
// Reconnecting at least once a second (BullMQ's own backoff grows to 20 s) puts the queue and
// its health check back within a second or two of Redis coming back.
function redisConnection(url: string) {
  return {
    url,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(250 * attempt, 1_000),
  };
}

export function createBullMqQueue(options: BullMqQueueOptions): Queue {
  const state = bullMqState(options);
  let started: Promise<void> | undefined;
  let stopped = false;

  const relay = createOutboxRelay({
    database: options.database,
    logger: state.log,
    sweepMs: options.outboxSweepMs ?? 5_000,
    add: (row) => relayOutboxRow(state, row),
  });

  const requireStarted = () =>
    whenStarted(
      () => started,
      () => stopped,
    );

  return {
    driver: 'bullmq',

    start() {
      started ??= (async () => {
        for (const job of options.jobs) await producer(state, job.name).waitUntilReady();
        await relay.start();
      })();
      return started;
    },

    async send(job, payload, sendOptions: SendOptions = {}) {
      const data = parseJobPayload(job, payload);
      await requireStarted();
      await sendJob(state, job, data, sendOptions);
    },

    async schedule(job, cron, payload) {
      const data = parseJobPayload(job, payload);
      await requireStarted();
      await scheduleJob(state, job, cron, data);
    },

    async unschedule(job) {
      await requireStarted();
      await producer(state, job.name).removeJobScheduler(job.name);
    },

    async work(job, handler, workOptions = {}) {
      await requireStarted();
      await startWorker(state, job, handler as JobHandler<unknown>, workOptions.concurrency ?? 1);
    },

    async ping() {
      await requireStarted();
      await pingRedis(state);
    },

    async depth() {
      await requireStarted();
      return jobCounts(state);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (!started) return;
      await started.catch(() => {});
      await relay.stop();
      await closeWorkersAndProducers(state);
    },
  };
}

function bullMqState(options: BullMqQueueOptions): BullMqState {
  return {
    jobs: options.jobs,
    log: options.logger.child({ component: 'queue', driver: 'bullmq' }),
    prefix: options.prefix ?? 'cvimprover',
    connection: redisConnection(options.redisUrl),
    producers: new Map(),
    workers: [],
    stopping: new AbortController(),
    stopGraceMs: options.stopGraceMs ?? 10_000,
    maxLockMs: options.maxLockMs ?? 30_000,
  };
}

/** The producer of one job's BullMQ queue, opened on first use and kept for the life of the queue. */
function producer(state: BullMqState, name: string): BullQueue {
  let queue = state.producers.get(name);
  if (!queue) {
    queue = new BullQueue(name, { connection: state.connection, prefix: state.prefix });
    queue.on('error', (error) => state.log.warn({ err: error.message, queue: name }, 'bullmq queue error'));
    state.producers.set(name, queue);
  }
  return queue;
}

/** Moves one committed outbox row to BullMQ, under the row's id so a second relay is skipped. */
async function relayOutboxRow(state: BullMqState, row: OutboxRow): Promise<void> {
  await producer(state, row.name).add(row.name, row.payload, {
    ...(row.options as JobsOptions),
    jobId: row.id,
    delay: Math.max(0, row.runAt.getTime() - Date.now()),
  });
}

/** In a transaction the job goes to the outbox (relayed after commit); otherwise straight to Redis. */
async function sendJob(
  state: BullMqState,
  job: JobDefinition<unknown>,
  data: unknown,
  sendOptions: SendOptions,
): Promise<void> {
  const delay = Math.round((sendOptions.startAfterSeconds ?? 0) * 1000);
  if (sendOptions.tx) {
    await writeOutbox(sendOptions.tx, {
      id: randomUUID(),
      name: job.name,
      payload: data,
      options: bullJobOptions(job) as Record<string, unknown>,
      delayMs: delay,
    });
    return;
  }
  await producer(state, job.name).add(job.name, data, { ...bullJobOptions(job), jobId: randomUUID(), delay });
}

async function scheduleJob(
  state: BullMqState,
  job: JobDefinition<unknown>,
  cron: string,
  data: unknown,
): Promise<void> {
  // One scheduler per job name: upserting replaces it, and Redis makes every process agree.
  await producer(state, job.name).upsertJobScheduler(
    job.name,
    { pattern: cron, tz: 'UTC' },
    { name: job.name, data, opts: bullJobOptions(job) },
  );
}

async function startWorker(
  state: BullMqState,
  job: JobDefinition<unknown>,
  handler: JobHandler<unknown>,
  concurrency: number,
): Promise<void> {
  const lockDuration = Math.max(1_000, Math.min(state.maxLockMs, job.timeoutSeconds * 1000));
  const worker = new Worker(
    job.name,
    (claimed: Job, _token?: string, signal?: AbortSignal) => runOne(state, job, handler, claimed, signal),
    {
      connection: state.connection,
      prefix: state.prefix,
      concurrency,
      lockDuration,
      // A killed worker's job is found by the next check after its lock lapses.
      stalledInterval: lockDuration,
      // A stall is not the job's fault (the process died); allow as many as the retries.
      maxStalledCount: job.retry.retries + 1,
    },
  );
  worker.on('error', (error) => state.log.warn({ err: error.message, job: job.name }, 'bullmq worker error'));
  state.workers.push(worker);
  await worker.waitUntilReady();
}

async function pingRedis(state: BullMqState): Promise<void> {
  const first = state.jobs[0]?.name ?? '__ping__';
  // A cheap read that goes to Redis and back. BullMQ's connections wait for Redis forever
  // (its blocking reads need that), so the health check puts its own bound on it.
  await Promise.race([
    producer(state, first).getJobCounts('wait'),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('redis did not answer in 2 s')), 2_000).unref(),
    ),
  ]);
}

async function jobCounts(state: BullMqState): ReturnType<Queue['depth']> {
  const out: Awaited<ReturnType<Queue['depth']>> = [];
  for (const job of state.jobs) {
    const counts = await producer(state, job.name).getJobCounts('wait', 'delayed', 'active');
    out.push({
      job: job.name,
      waiting: (counts.wait ?? 0) + (counts.delayed ?? 0),
      active: counts.active ?? 0,
    });
  }
  return out;
}

async function closeWorkersAndProducers(state: BullMqState): Promise<void> {
  const { workers, stopGraceMs } = state;
  // Let running handlers finish for the grace period; then abort them and close without
  // waiting. Their jobs stay active in Redis until the stalled-job check hands them to
  // another worker.
  const graceful = Promise.all(workers.map((worker) => worker.close()));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), stopGraceMs);
  });
  const outcome = await Promise.race([graceful.then(() => 'closed' as const), expired]);
  clearTimeout(timer);
  if (outcome === 'expired') {
    state.log.warn({ graceMs: stopGraceMs }, 'jobs still running at shutdown; leaving them to be retried');
    state.stopping.abort(new Error('worker stopping'));
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
  await Promise.all([...state.producers.values()].map((queue) => queue.close()));
}

async function runOne(
  state: BullMqState,
  job: JobDefinition<unknown>,
  handler: JobHandler<unknown>,
  claimed: Job,
  signal: AbortSignal | undefined,
): Promise<void> {
  let payload: unknown;
  try {
    payload = parseJobPayload(job, claimed.data);
  } catch (error) {
    if (!(error instanceof JobPayloadError)) throw error;
    state.log.error(
      { job: job.name, jobId: claimed.id, issues: error.issues },
      'job payload is invalid; not retried',
    );
    // BullMQ fails an unrecoverable error at once, whatever attempts are left.
    throw new UnrecoverableError(error.message);
  }
  const attempts = claimed.opts.attempts ?? 1;
  const attempt = claimed.attemptsMade + 1;
  // Like pg-boss's expiry: an attempt running past the job's timeout is failed (and retried);
  // its signal tells the handler to give up.
  const timeout = AbortSignal.timeout(job.timeoutSeconds * 1000);
  const combined = AbortSignal.any([timeout, state.stopping.signal, ...(signal ? [signal] : [])]);
  const run = handler({
    id: String(claimed.id),
    payload,
    attempt,
    isLastAttempt: attempt >= attempts,
    signal: combined,
  });
  await Promise.race([
    run,
    new Promise<never>((_, reject) => {
      timeout.addEventListener('abort', () =>
        reject(new Error(`job ${job.name} timed out after ${job.timeoutSeconds} s`)),
      );
    }),
  ]);
}
