import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { createLogger } from '../platform/logger.ts';
import type { JobContext, JobDefinition, JobHandler, Queue } from '../platform/queue/queue.ts';
import { startWorker, WorkerConfigError } from './runtime.ts';

const secretJob: JobDefinition<{ email: string }> = {
  name: 'secret-job',
  payload: z.object({ email: z.string() }),
  retry: { retries: 1, delaySeconds: 0, backoff: false },
  timeoutSeconds: 5,
};

/** A queue that records what the worker registers, so a test can call the wrapped handlers. */
function recordingQueue() {
  const registered = new Map<string, { handler: JobHandler<unknown>; concurrency: number | undefined }>();
  let started = 0;
  const queue: Queue = {
    driver: 'pg-boss',
    start: async () => {
      started += 1;
    },
    send: async () => {},
    schedule: async () => {},
    unschedule: async () => {},
    work: async (job, handler, options) => {
      registered.set(job.name, {
        handler: handler as JobHandler<unknown>,
        concurrency: options?.concurrency,
      });
    },
    ping: async () => {},
    depth: async () => [],
    stop: async () => {},
  };
  return { queue, registered, started: () => started };
}

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const context = (attempt: number, isLastAttempt: boolean): JobContext<unknown> => ({
  id: 'job-1',
  payload: { email: 'ann@example.com' },
  attempt,
  isLastAttempt,
  signal: new AbortController().signal,
});

describe('startWorker', () => {
  test('refuses to start, listing every job without a handler, and registers nothing', async () => {
    const { queue, registered, started } = recordingQueue();
    await assert.rejects(
      startWorker({ queue, handlers: {}, logger: createLogger('silent'), concurrency: 1 }),
      (error: unknown) =>
        error instanceof WorkerConfigError &&
        /no handler for: extract-resume, improve-cv/.test(error.message),
    );
    assert.equal(registered.size, 0);
    assert.equal(started(), 0);
  });

  test('registers each job with the concurrency, and logs start, finish and failure without the payload', async () => {
    const { queue, registered } = recordingQueue();
    const { logger, lines } = capturingLogger();
    let fail = false;
    await startWorker({
      queue,
      logger,
      concurrency: 3,
      jobs: [secretJob],
      handlers: {
        [secretJob.name]: async () => {
          if (fail) throw new Error('provider unreachable');
        },
      },
    });
    const entry = registered.get(secretJob.name);
    assert.ok(entry);
    assert.equal(entry.concurrency, 3);

    await entry.handler(context(1, false));
    fail = true;
    await assert.rejects(entry.handler(context(2, true)), /provider unreachable/);
    await new Promise((resolve) => setImmediate(resolve));

    const jobLines = lines.filter((line) => line.job === secretJob.name);
    assert.deepEqual(
      jobLines.map((line) => [line.msg, line.attempt]),
      [
        ['job started', 1],
        ['job finished', 1],
        ['job started', 2],
        ['job failed for good', 2],
      ],
    );
    for (const line of jobLines) assert.equal(line.jobId, 'job-1');
    assert.equal(typeof jobLines[1]?.ms, 'number');
    assert.equal(jobLines[3]?.err, 'provider unreachable');
    assert.ok(!JSON.stringify(lines).includes('ann@example.com'), 'the payload is never logged');
  });
});
