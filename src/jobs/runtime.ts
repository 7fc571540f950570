// Runs the job consumers of one process: the API in embedded mode, or `npm run worker`.
//
// Delivery is at least once, whichever driver: a worker that dies mid-job, a lost acknowledgement
// or an expired attempt runs the job again. Every handler must therefore be idempotent: it reads
// its row, skips work already recorded there, and makes each outside call (LLM, render) a keyed
// step that a retry does not repeat.
import type { Logger } from '../platform/logger.ts';
import type { JobDefinition, JobHandler, Queue } from '../platform/queue/queue.ts';
import { JOB_CATALOGUE } from './catalog.ts';

// Each handler takes its own job's payload type; a map of them can only be typed loosely.
// biome-ignore lint/suspicious/noExplicitAny: handler payload types differ per job
export type JobHandlers = Record<string, JobHandler<any>>;

export interface StartWorkerOptions {
  queue: Queue;
  handlers: JobHandlers;
  logger: Logger;
  /** Jobs of one kind this process runs at the same time. */
  concurrency: number;
  /** The jobs to consume; the catalogue unless a test brings its own. */
  jobs?: readonly JobDefinition<unknown>[];
  /** Called after each attempt, for the metrics: how long it took and how it ended. */
  onJobDone?: (job: string, seconds: number, outcome: JobOutcome) => void;
}

export type JobOutcome = 'completed' | 'retrying' | 'failed';

export class WorkerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerConfigError';
  }
}

/**
 * Starts a consumer for every job. Refuses to start unless each job has exactly one handler and
 * each handler names a job: a job without a consumer would wait in the queue forever, silently.
 */
export async function startWorker(options: StartWorkerOptions): Promise<void> {
  const { queue, handlers, concurrency } = options;
  const jobs = options.jobs ?? JOB_CATALOGUE;
  const names = new Set(jobs.map((job) => job.name));
  const missing = jobs.filter((job) => typeof handlers[job.name] !== 'function').map((job) => job.name);
  const unknown = Object.keys(handlers).filter((name) => !names.has(name));
  const problems = [
    ...(missing.length > 0 ? [`no handler for: ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`handlers for jobs not in the catalogue: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new WorkerConfigError(`The worker cannot start: ${problems.join('; ')}`);

  const log = options.logger.child({ component: 'worker' });
  await queue.start();
  for (const job of jobs) {
    await queue.work(
      job,
      withLogging(job, handlers[job.name] as JobHandler<unknown>, log, options.onJobDone),
      {
        concurrency,
      },
    );
  }
  log.info({ jobs: [...names], concurrency, driver: queue.driver }, 'worker consuming jobs');
}

/** One line per start, finish and failure; the payload is never logged (it may hold personal data). */
function withLogging(
  job: JobDefinition<unknown>,
  handler: JobHandler<unknown>,
  log: Logger,
  onJobDone: StartWorkerOptions['onJobDone'],
): JobHandler<unknown> {
  return async (context) => {
    const fields = { job: job.name, jobId: context.id, attempt: context.attempt };
    const startedAt = performance.now();
    log.info(fields, 'job started');
    try {
      await handler(context);
    } catch (error) {
      log.warn(
        {
          ...fields,
          ms: Math.round(performance.now() - startedAt),
          final: context.isLastAttempt,
          err: error instanceof Error ? error.message : String(error),
        },
        context.isLastAttempt ? 'job failed for good' : 'job failed; will retry',
      );
      onJobDone?.(
        job.name,
        (performance.now() - startedAt) / 1000,
        context.isLastAttempt ? 'failed' : 'retrying',
      );
      throw error;
    }
    log.info({ ...fields, ms: Math.round(performance.now() - startedAt) }, 'job finished');
    onJobDone?.(job.name, (performance.now() - startedAt) / 1000, 'completed');
  };
}
