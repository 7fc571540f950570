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
  /** At most one queued job with this key at a time. */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface Queue {
  readonly driver: 'pg-boss' | 'bullmq';
  start(): Promise<void>;
  send<P>(job: JobDefinition<P>, payload: P, options?: SendOptions): Promise<void>;
  /** Starts consuming the given jobs in this process. */
  work<P>(job: JobDefinition<P>, handler: JobHandler<P>, options?: { concurrency?: number }): Promise<void>;
  ping(): Promise<void>;
  /** Stops taking jobs, waits for running ones (up to a grace period), and disconnects. */
  stop(): Promise<void>;
}
