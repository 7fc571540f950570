// One job interface, two drivers: pg-boss on the database (default; PGlite or PostgreSQL) and
// BullMQ on Redis (QUEUE_DRIVER=bullmq). Callers name jobs from the catalogue in src/jobs/.
import type { z } from 'zod';
import type { Db } from '../db/database.ts';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Delay before the first retry. */
  delaySeconds: number;
  /** Double the delay after each failed attempt. */
  backoff: boolean;
}

export interface JobDefinition<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  retry: RetryPolicy;
  /** A running attempt older than this is considered dead and retried. */
  timeoutSeconds: number;
}

export type JobPayload<J> = J extends JobDefinition<infer P> ? P : never;

export interface JobContext<P> {
  id: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  /** True on the last attempt the retry policy allows: a handler records a final failure then. */
  isLastAttempt: boolean;
  /** Aborted when the worker stops. */
  signal: AbortSignal;
}

export type JobHandler<P> = (context: JobContext<P>) => Promise<void>;

export interface SendOptions {
  /**
   * The transaction that writes the job's row. pg-boss inserts the job in it; the BullMQ driver
   * writes an outbox row in it and relays the job to Redis after commit, so a job exists exactly
   * when its row does.
   */
  tx?: Db;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
}

export interface Queue {
  readonly driver: 'pg-boss' | 'bullmq';
  /** Installs what the driver needs (pg-boss schema, queues, outbox relay). Call once before use. */
  start(): Promise<void>;
  send<P>(job: JobDefinition<P>, payload: P, options?: SendOptions): Promise<void>;
  /** Starts consuming the given job in this process. The payload is validated before the handler runs. */
  work<P>(job: JobDefinition<P>, handler: JobHandler<P>, options?: { concurrency?: number }): Promise<void>;
  /**
   * Sends `job` with `payload` on a cron schedule (UTC), once per tick across all processes.
   * Calling it again replaces the schedule; every process may call it at start.
   */
  schedule<P>(job: JobDefinition<P>, cron: string, payload: P): Promise<void>;
  /** Removes the job's schedule, if it has one. */
  unschedule(job: JobDefinition<unknown>): Promise<void>;
  ping(): Promise<void>;
  /** Jobs waiting and running, per job kind, for the metrics. */
  depth(): Promise<Array<{ job: string; waiting: number; active: number }>>;
  /** Stops taking jobs, waits for running ones (up to a grace period), and disconnects. */
  stop(): Promise<void>;
}

/** A payload that does not match its job's schema: a programming error, never retried. */
export class JobPayloadError extends Error {
  readonly job: string;
  readonly issues: string[];
  constructor(job: string, issues: string[]) {
    super(`Invalid payload for job ${job}: ${issues.join('; ')}`);
    this.name = 'JobPayloadError';
    this.job = job;
    this.issues = issues;
  }
}

/** Parses a payload with its job's schema; the message names fields, never values (they may be private). */
export function parseJobPayload<P>(job: JobDefinition<P>, payload: unknown): P {
  const parsed = job.payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new JobPayloadError(
    job.name,
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`),
  );
}

/** Waits for a driver's start(); refuses use before start() and after stop(). */
export async function whenStarted(
  started: () => Promise<void> | undefined,
  stopped: () => boolean,
): Promise<void> {
  const starting = started();
  if (!starting) throw new Error('The queue is not started; call queue.start() first');
  await starting;
  // Read after the wait: stop() may have been called meanwhile.
  if (stopped()) throw new Error('The queue is stopped');
}
