// The queue contract, run on every driver and database: delivery, payload validation, retries
// with backoff, enqueueing inside the caller's transaction, and the worker's start-up check.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { startWorker, WorkerConfigError } from '../src/jobs/runtime.ts';
import { createLogger } from '../src/platform/logger.ts';
import { type JobContext, JobPayloadError } from '../src/platform/queue/queue.ts';
import { echoJob, flakyJob, looseJob, strictJob, TEST_JOBS } from './helpers/queue-jobs.ts';
import { type QueueRig, queueTargets, waitUntil } from './helpers/queue-targets.ts';

const silent = createLogger('silent');

/** Collects handler calls so a test can wait for the one it expects. */
function recorder<P>() {
  const calls: Array<JobContext<P> & { at: number }> = [];
  const waiters = new Set<() => void>();
  return {
    calls,
    handler: async (context: JobContext<P>) => {
      calls.push({ ...context, at: performance.now() });
      for (const wake of waiters) wake();
    },
    waitFor(predicate: (calls: Array<JobContext<P> & { at: number }>) => boolean, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; calls so far: ${JSON.stringify(calls.map((c) => c.payload))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

for (const target of queueTargets()) {
  describe(`queue: ${target.name}`, { skip: target.skip }, () => {
    let rig: QueueRig;
    const echo = recorder<{ n: number }>();
    const strict = recorder<{ n: number }>();
    const flakyAttempts: Array<{ key: string; attempt: number; isLastAttempt: boolean; at: number }> = [];
    let flakyWake = () => {};

    before(async () => {
      rig = await target.open(TEST_JOBS);
      await rig.queue.work(echoJob, echo.handler, { concurrency: 2 });
      await rig.queue.work(strictJob, strict.handler);
      await rig.queue.work(flakyJob, async ({ payload, attempt, isLastAttempt }) => {
        flakyAttempts.push({ key: payload.key, attempt, isLastAttempt, at: performance.now() });
        flakyWake();
        if (payload.key === 'never' || !isLastAttempt) throw new Error(`attempt ${attempt} fails`);
      });
    });
    after(() => rig?.close());

    test('a sent job reaches its handler with its payload, attempt 1', async () => {
      await rig.queue.send(echoJob, { n: 1 });
      await echo.waitFor((calls) => calls.some((c) => c.payload.n === 1));
      const call = echo.calls.find((c) => c.payload.n === 1)!;
      assert.equal(call.attempt, 1);
      assert.equal(call.isLastAttempt, true, 'echo has no retries, so its first attempt is its last');
      assert.ok(call.id.length > 0);
      assert.equal(call.signal.aborted, false);
    });

    test('send refuses a payload that does not match the schema, and enqueues nothing', async () => {
      await assert.rejects(
        () => rig.queue.send(echoJob, { n: 'one' } as never),
        (error: unknown) => {
          assert.ok(error instanceof JobPayloadError);
          assert.match(error.message, /test-echo/);
          assert.match(error.message, /n:/);
          return true;
        },
      );
      const stored = await rig.jobStates(echoJob.name);
      assert.ok(
        stored.every((job) => job.state !== 'created' && job.state !== 'outbox' && job.state !== 'wait'),
      );
    });

    test('a stored payload that does not parse fails at once, without retries or a handler call', async () => {
      await rig.queue.send(looseJob, { n: 'not a number' });
      const failed = await waitUntil(async () => {
        const jobs = await rig.jobStates(strictJob.name);
        return jobs.find((job) => job.state === 'failed');
      }, 'the bad job to fail');
      assert.equal(failed.attempts, 1, 'one attempt only, although the job allows 3 retries');
      assert.equal(strict.calls.length, 0);
      // A good payload on the same queue still runs.
      await rig.queue.send(strictJob, { n: 7 });
      await strict.waitFor((calls) => calls.some((c) => c.payload.n === 7));
    });

    test('a failing job is retried with growing delays and told when it is on its last attempt', async () => {
      const key = 'never';
      const done = new Promise<void>((resolve) => {
        flakyWake = () => {
          if (flakyAttempts.filter((a) => a.key === key).length >= 3) resolve();
        };
      });
      await rig.queue.send(flakyJob, { key });
      await done;
      const attempts = flakyAttempts.filter((a) => a.key === key);
      assert.deepEqual(
        attempts.map((a) => [a.attempt, a.isLastAttempt]),
        [
          [1, false],
          [2, false],
          [3, true],
        ],
      );
      const first = attempts[1]!.at - attempts[0]!.at;
      const second = attempts[2]!.at - attempts[1]!.at;
      // Policy: 1 s before the first retry, then doubled (pg-boss adds up to as much again as jitter).
      assert.ok(first >= 950, `first retry after ${Math.round(first)} ms, expected at least 1 s`);
      assert.ok(second >= 1_900, `second retry after ${Math.round(second)} ms, expected at least 2 s`);
      const final = await waitUntil(async () => {
        const jobs = await rig.jobStates(flakyJob.name);
        return jobs.find((job) => job.state === 'failed');
      }, 'the job to fail for good');
      assert.equal(final.attempts, 3);
      assert.equal(flakyAttempts.filter((a) => a.key === key).length, 3, 'no attempt after the last');
    });

    test('a job sent in a transaction that rolls back does not exist; a committed one runs', async () => {
      const before = (await rig.jobStates(echoJob.name)).length;
      await assert.rejects(
        rig.database.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await rig.queue.send(echoJob, { n: 100 }, { tx });
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.equal((await rig.jobStates(echoJob.name)).length, before, 'the rolled-back job left nothing');

      await rig.database.db.transaction(async (tx) => {
        await rig.queue.send(echoJob, { n: 101 }, { tx });
      });
      await echo.waitFor((calls) => calls.some((c) => c.payload.n === 101));
      assert.equal(echo.calls.filter((c) => c.payload.n === 100).length, 0, 'the rolled-back job never ran');
    });

    test('a schedule is stored once, replaced by a second call, and removed', async () => {
      await rig.queue.schedule(echoJob, '0 3 * * *', { n: 1 });
      await rig.queue.schedule(echoJob, '30 4 * * *', { n: 2 });
      assert.equal(await rig.scheduleOf(echoJob.name), '30 4 * * *');
      await assert.rejects(
        () => rig.queue.schedule(strictJob, '* * * * *', { n: 'x' } as never),
        JobPayloadError,
      );
      await rig.queue.unschedule(echoJob);
      assert.equal(await rig.scheduleOf(echoJob.name), null);
    });

    test('the worker refuses to start while a catalogue job has no handler', async () => {
      await assert.rejects(
        () =>
          startWorker({
            queue: rig.queue,
            handlers: { [echoJob.name]: async () => {}, 'no-such-job': async () => {} },
            logger: silent,
            concurrency: 1,
            jobs: [echoJob, flakyJob, strictJob],
          }),
        (error: unknown) => {
          assert.ok(error instanceof WorkerConfigError);
          assert.match(error.message, /no handler for: test-flaky, test-strict/);
          assert.match(error.message, /not in the catalogue: no-such-job/);
          return true;
        },
      );
    });
  });
}
