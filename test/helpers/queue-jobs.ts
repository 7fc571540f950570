// A small job catalogue for the queue suites: short timeouts and retry delays, so retries and
// crash recovery finish in seconds.
import { z } from 'zod';
import type { JobDefinition } from '../../src/platform/queue/queue.ts';

/** Done at once; carries a number so a test can tell jobs apart. */
export const echoJob: JobDefinition<{ n: number }> = {
  name: 'test-echo',
  payload: z.object({ n: z.number().int() }),
  retry: { retries: 0, delaySeconds: 0, backoff: false },
  timeoutSeconds: 30,
};

/** Fails until its last attempt: two retries with backoff, 1 s then about 2 s. */
export const flakyJob: JobDefinition<{ key: string }> = {
  name: 'test-flaky',
  payload: z.object({ key: z.string() }),
  retry: { retries: 2, delaySeconds: 1, backoff: true },
  timeoutSeconds: 30,
};

/** The same queue as strictJob without its schema: the only way to enqueue a payload that does not parse. */
export const looseJob: JobDefinition<unknown> = {
  name: 'test-strict',
  payload: z.unknown(),
  retry: { retries: 3, delaySeconds: 0, backoff: false },
  timeoutSeconds: 30,
};
export const strictJob: JobDefinition<{ n: number }> = {
  name: 'test-strict',
  payload: z.object({ n: z.number().int() }),
  retry: { retries: 3, delaySeconds: 0, backoff: false },
  timeoutSeconds: 30,
};

/**
 * The crash tests' job; how long it runs is the worker process's setting. Its timeout is as long
 * as an improvement's, so a killed worker's attempt must be found by the driver's liveness check
 * (pg-boss heartbeats, BullMQ's lock), not by the timeout.
 */
export const slowJob: JobDefinition<{ key: string }> = {
  name: 'test-slow',
  payload: z.object({ key: z.string() }),
  retry: { retries: 3, delaySeconds: 0, backoff: false },
  timeoutSeconds: 600,
};

export const TEST_JOBS = [echoJob, flakyJob, strictJob, slowJob] as const;
