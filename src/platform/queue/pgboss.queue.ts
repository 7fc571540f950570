// The default queue driver: pg-boss on the application's own database, PGlite or PostgreSQL. Jobs
// live in the `pgboss` schema next to the data they refer to, so `send(..., { tx })` inserts the
// job in the caller's transaction: a job exists exactly when the row it is about was committed.
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import {
  type JobDefinition,
  type JobHandler,
  JobPayloadError,
  parseJobPayload,
  type Queue,
  type SendOptions,
  whenStarted,
} from './queue.ts';

export interface PgBossQueueOptions {
  database: Database;
  logger: Logger;
  /** Jobs whose pg-boss queues are created at start. A job sent in a transaction must be one of them. */
  jobs: readonly JobDefinition<unknown>[];
  /**
   * How often the monitor pass runs: it fails back (for retry) the jobs whose worker stopped
   * sending heartbeats, and those past their timeout.
   */
  superviseIntervalSeconds?: number;
  /**
   * A running job's worker refreshes it every half of this; a job not refreshed for this long had
   * its worker die (a crash, a killed process, an embedded restart) and is retried at the next
   * monitor pass. Without it, such a job would wait for its whole timeout (ten minutes for an
   * improvement). pg-boss's minimum is 10.
   */
  heartbeatSeconds?: number;
  /**
   * The fallback poll. LISTEN/NOTIFY wakes workers for new jobs, but a retry that comes due after
   * its backoff delay raises no notification: polling is what picks it up.
   */
  pollingIntervalSeconds?: number;
  /** How long stop() lets running handlers finish before failing them back to the queue. */
  stopGraceMs?: number;
  /** Extra pool connections pg-boss may open on PostgreSQL (its own pool, for LISTEN and polling). */
  poolMax?: number;
  /** Runs pg-boss's timekeeper, which fires cron schedules. Off unless a schedule is used. */
  schedules?: boolean;
}

/**
 * What the queue's methods share: the pg-boss instance, the jobs it knows, and the queues already
 * created in it (a job sent in a transaction must be one of those).
 */
interface PgBossState {
  boss: PgBoss;
  log: Logger;
  known: Map<string, JobDefinition<unknown>>;
  created: Set<string>;
  heartbeatSeconds: number;
  pollingIntervalSeconds: number;
}

export function createPgBossQueue(options: PgBossQueueOptions): Queue {
  const state = pgBossState(options);
  const { boss } = state;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  let started: Promise<void> | undefined;
  let stopped = false;

  const requireStarted = () =>
    whenStarted(
      () => started,
      () => stopped,
    );

  return {
    driver: 'pg-boss',

    start() {
      started ??= (async () => {
        await boss.start();
        for (const job of state.known.values()) await ensureQueue(state, job);
      })();
      return started;
    },

    async send(job, payload, sendOptions: SendOptions = {}) {
      const data = parseJobPayload(job, payload);
      await requireStarted();
      await sendJob(state, job, data, sendOptions);
    },

    async schedule(job, cron, payload) {
      if (!options.schedules) throw new Error('This queue was created without schedules');
      const data = parseJobPayload(job, payload);
      await requireStarted();
      state.known.set(job.name, job as JobDefinition<unknown>);
      await ensureQueue(state, job as JobDefinition<unknown>);
      await boss.schedule(job.name, cron, data as object, { tz: 'UTC' });
    },

    async unschedule(job) {
      await requireStarted();
      await boss.unschedule(job.name);
    },

    async work(job, handler, workOptions = {}) {
      await requireStarted();
      await startWorker(state, job, handler as JobHandler<unknown>, workOptions.concurrency ?? 1);
    },

    async ping() {
      await requireStarted();
      await boss.getQueue(options.jobs[0]?.name ?? '__ping__');
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
      // Graceful: running handlers get the grace period, then pg-boss fails them back to the queue
      // (to be retried elsewhere) and aborts their signal. On PGlite it leaves the database open:
      // the database is the caller's to close.
      await boss.stop({ graceful: true, timeout: stopGraceMs, close: true });
    },
  };
}

function pgBossState(options: PgBossQueueOptions): PgBossState {
  const log = options.logger.child({ component: 'queue', driver: 'pg-boss' });
  const boss = createBoss(options);
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  boss.on('warning', (warning) => log.warn({ warning: warning.message }, 'pg-boss warning'));
  return {
    boss,
    log,
    known: new Map(options.jobs.map((job) => [job.name, job])),
    created: new Set(),
    heartbeatSeconds: Math.max(10, options.heartbeatSeconds ?? 20),
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  };
}

/** pg-boss on the application's database: through PGlite itself, or a pool of its own on PostgreSQL. */
function createBoss(options: PgBossQueueOptions): PgBoss {
  const { database } = options;
  // A dead worker's job is retried within heartbeat + monitor interval + its retry delay: under a
  // minute for every job of the catalogue.
  const superviseIntervalSeconds = options.superviseIntervalSeconds ?? 15;
  const common = {
    // Installs or upgrades the `pgboss` schema at start, under an advisory lock, so several
    // processes starting together do not race.
    migrate: true,
    supervise: true,
    superviseIntervalSeconds,
    // Expiry runs inside the monitor pass, which is claimed once per this interval across processes.
    monitorIntervalSeconds: superviseIntervalSeconds,
    // The timekeeper (cron schedules) only when a schedule is in use: otherwise it would only add
    // clock-skew queries.
    schedule: options.schedules ?? false,
    useListenNotify: true,
  } as const;

  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('The PGlite database has no PGlite instance');
    return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  }
  const connectionString = database.pool?.options.connectionString;
  if (!connectionString) throw new Error('The PostgreSQL pool has no connection string');
  // pg-boss keeps a pool of its own: LISTEN needs a connection pinned for the life of the
  // process, which the application's pool must not lose to it.
  return new PgBoss({
    ...common,
    connectionString,
    max: options.poolMax ?? 4,
    application_name: 'cvimprover-queue',
  });
}

function queueOptions(state: PgBossState, job: JobDefinition<unknown>) {
  return {
    retryLimit: job.retry.retries,
    // pg-boss takes whole seconds.
    retryDelay: Math.ceil(job.retry.delaySeconds),
    retryBackoff: job.retry.backoff,
    expireInSeconds: Math.max(1, Math.ceil(job.timeoutSeconds)),
    heartbeatSeconds: state.heartbeatSeconds,
    notify: true,
  };
}

async function ensureQueue(state: PgBossState, job: JobDefinition<unknown>): Promise<void> {
  if (state.created.has(job.name)) return;
  // createQueue does nothing for an existing queue; updateQueue then applies the catalogue's
  // current retry policy, which may have changed since the queue was first made.
  await state.boss.createQueue(job.name, queueOptions(state, job));
  await state.boss.updateQueue(job.name, queueOptions(state, job));
  state.created.add(job.name);
}

async function sendJob(
  state: PgBossState,
  job: JobDefinition<unknown>,
  data: unknown,
  sendOptions: SendOptions,
): Promise<void> {
  if (!state.created.has(job.name)) {
    // On PGlite the queue's own statements wait for the caller's transaction to end, so
    // creating a queue inside one would wait forever.
    if (sendOptions.tx) throw new Error(`Job ${job.name} is not in the queue's job list`);
    state.known.set(job.name, job);
    await ensureQueue(state, job);
  }
  await state.boss.send(job.name, data as object, {
    ...queueOptions(state, job),
    ...(sendOptions.startAfterSeconds ? { startAfter: Math.ceil(sendOptions.startAfterSeconds) } : {}),
    // The Drizzle adapter sends each statement through the transaction with bound parameters.
    ...(sendOptions.tx ? { db: fromDrizzle(sendOptions.tx as never, sql) } : {}),
  });
}

async function startWorker(
  state: PgBossState,
  job: JobDefinition<unknown>,
  handler: JobHandler<unknown>,
  concurrency: number,
): Promise<void> {
  state.known.set(job.name, job);
  await ensureQueue(state, job);
  await state.boss.work<unknown>(
    job.name,
    {
      includeMetadata: true,
      perJobResults: true,
      batchSize: 1,
      localConcurrency: concurrency,
      pollingIntervalSeconds: state.pollingIntervalSeconds,
      notifyPollingIntervalSeconds: state.pollingIntervalSeconds,
    },
    async (jobs) => {
      const results: JobResult[] = [];
      // includeMetadata puts retryLimit on each job; the overload's type does not say so.
      for (const claimed of jobs as JobWithMetadata<unknown>[]) {
        results.push(await runOne(state.log, job, handler, claimed));
      }
      return results;
    },
  );
}

async function jobCounts(state: PgBossState): ReturnType<Queue['depth']> {
  const out: Awaited<ReturnType<Queue['depth']>> = [];
  for (const name of state.created) {
    const queue = await state.boss.getQueue(name);
    if (queue) out.push({ job: name, waiting: queue.queuedCount, active: queue.activeCount });
  }
  return out;
}

async function runOne(
  log: Logger,
  job: JobDefinition<unknown>,
  handler: JobHandler<unknown>,
  claimed: JobWithMetadata<unknown>,
): Promise<JobResult> {
  let payload: unknown;
  try {
    payload = parseJobPayload(job, claimed.data);
  } catch (error) {
    if (!(error instanceof JobPayloadError)) throw error;
    // A payload that does not parse will not parse on a retry either: fail it terminally.
    log.error(
      { job: job.name, jobId: claimed.id, issues: error.issues },
      'job payload is invalid; not retried',
    );
    return { id: claimed.id, status: 'deadletter', output: { message: error.message } };
  }
  // A throw fails the job; pg-boss retries it under the queue's retry policy.
  await handler({
    id: claimed.id,
    payload,
    attempt: claimed.retryCount + 1,
    isLastAttempt: claimed.retryCount >= claimed.retryLimit,
    signal: claimed.signal,
  });
  return { id: claimed.id, status: 'completed' };
}
