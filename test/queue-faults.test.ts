// Crashes: a worker killed with SIGKILL in the middle of a job, and a producer killed with jobs
// queued (and, on BullMQ, outbox rows not yet relayed). Real processes on PostgreSQL with pg-boss,
// and on Redis with BullMQ; each test kills what it started, by pid.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Started, startProcess } from './helpers/process.ts';
import { slowJob } from './helpers/queue-jobs.ts';
import { type QueueRig, queueTargets, rowsOf, waitUntil } from './helpers/queue-targets.ts';

const children = new Set<Started>();

function startChild(env: Record<string, string>): Started {
  const child = startProcess('test/helpers/queue-child.ts', [], env);
  children.add(child);
  void child.exit.then(() => children.delete(child));
  return child;
}

async function kill(child: Started, signal: NodeJS.Signals): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.child.exitCode === null && child.child.signalCode === null && child.child.pid) {
    process.kill(child.child.pid, signal);
  }
  const exit = await child.exit;
  return [exit.code, exit.signal];
}

after(async () => {
  for (const child of [...children]) await kill(child, 'SIGKILL');
});

for (const target of queueTargets().filter((t) => t.shared)) {
  describe(`queue faults: ${target.name}`, { skip: target.skip }, () => {
    let rig: QueueRig;
    let childEnv: Record<string, string>;

    const events = async (key: string, kind: string) =>
      Number(
        rowsOf<{ n: number }>(
          await rig.database.db.execute(
            sql`select count(*)::int as n from queue_fault_events where key = ${key} and kind = ${kind}`,
          ),
        )[0]?.n ?? 0,
      );

    before(async () => {
      rig = await target.open([slowJob]);
      await rig.database.db.execute(
        sql`create table queue_fault_events (key text not null, kind text not null, pid int not null, at timestamptz not null default clock_timestamp())`,
      );
      childEnv = { ...(rig.env as unknown as Record<string, string>) };
    });
    after(() => rig?.close());

    test('a worker killed in the middle of a job: a new worker finishes it, exactly once', async () => {
      const first = startChild({ ...childEnv, QUEUE_CHILD_MODE: 'work', QUEUE_CHILD_HOLD_MS: '60000' });
      await first.waitFor(/^ready$/);
      await rig.queue.send(slowJob, { key: 'crash-1' });
      await first.waitFor(/^started crash-1 attempt 1$/);
      const [, signal] = await kill(first, 'SIGKILL');
      assert.equal(signal, 'SIGKILL');
      assert.equal(await events('crash-1', 'finished'), 0, 'the killed worker never finished the job');

      const second = startChild({ ...childEnv, QUEUE_CHILD_MODE: 'work', QUEUE_CHILD_HOLD_MS: '50' });
      try {
        await second.waitFor(/^finished crash-1$/, 30_000);
        // Settled in the queue, so no further attempt can come.
        await waitUntil(async () => {
          const jobs = await rig.jobStates(slowJob.name);
          return jobs.length === 1 && jobs[0]?.state === 'completed';
        }, 'the job to be completed in the queue');
        assert.equal(await events('crash-1', 'finished'), 1);
        assert.equal(await events('crash-1', 'started'), 2, 'one attempt killed, one that finished');
      } finally {
        const [code] = await kill(second, 'SIGTERM');
        assert.equal(code, 0, `the worker stops cleanly on SIGTERM; output:\n${second.output()}`);
      }
    });

    test('a producer killed with jobs queued (and unrelayed outbox rows) loses nothing', async () => {
      const keys = ['queued-1', 'queued-2', 'queued-3', 'queued-4', 'queued-5'];
      const orphans = target.driver === 'bullmq' ? ['orphan-1', 'orphan-2'] : [];
      const producer = startChild({
        ...childEnv,
        QUEUE_CHILD_MODE: 'produce',
        QUEUE_CHILD_KEYS: keys.join(','),
        QUEUE_CHILD_ORPHANS: orphans.join(','),
      });
      await producer.waitFor(/^sent$/);
      await kill(producer, 'SIGKILL');

      const worker = startChild({ ...childEnv, QUEUE_CHILD_MODE: 'work', QUEUE_CHILD_HOLD_MS: '10' });
      try {
        for (const key of [...keys, ...orphans])
          await worker.waitFor(new RegExp(`^finished ${key}$`), 30_000);
        for (const key of [...keys, ...orphans]) {
          assert.equal(await events(key, 'finished'), 1, `${key} ran exactly once`);
        }
        if (target.driver === 'bullmq') {
          const left = rowsOf<{ n: number }>(
            await rig.database.db.execute(sql`select count(*)::int as n from job_outbox`),
          )[0]?.n;
          assert.equal(Number(left), 0, 'every outbox row was relayed and removed');
        }
      } finally {
        await kill(worker, 'SIGTERM');
      }
    });
  });
}
