// A worker or producer process for the queue fault tests, on the back end its environment names
// (see QueueEnv). Prints one line per event so the parent can follow it:
//   QUEUE_CHILD_MODE=work     consumes slowJob; each attempt is recorded in queue_fault_events,
//                             runs QUEUE_CHILD_HOLD_MS, then records that it finished.
//   QUEUE_CHILD_MODE=produce  sends QUEUE_CHILD_KEYS (comma separated) in transactions, writes
//                             QUEUE_CHILD_ORPHANS as outbox rows nobody relays (a crash right
//                             after commit; BullMQ only), prints `sent` and waits to be killed.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/platform/db/database.ts';
import { jobOutbox } from '../../src/platform/db/schema.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { bullJobOptions } from '../../src/platform/queue/bullmq.queue.ts';
import { slowJob } from './queue-jobs.ts';
import { type DriverName, openTestQueue } from './queue-targets.ts';

const env = process.env;
const driver = env.QUEUE_TEST_DRIVER as DriverName;
const database = await openDatabase({ kind: 'postgres', url: env.QUEUE_TEST_DATABASE_URL ?? '', poolMax: 5 });
const queue = openTestQueue(
  driver,
  database,
  [slowJob],
  driver === 'bullmq'
    ? { url: env.QUEUE_TEST_REDIS_URL ?? '', prefix: env.QUEUE_TEST_PREFIX ?? '' }
    : undefined,
  createLogger(env.QUEUE_CHILD_LOG ?? 'silent'),
);
await queue.start();
const say = (line: string) => process.stdout.write(`${line}\n`);

if (env.QUEUE_CHILD_MODE === 'produce') {
  for (const key of (env.QUEUE_CHILD_KEYS ?? '').split(',').filter(Boolean)) {
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into queue_fault_events (key, kind, pid) values (${key}, 'sent', ${process.pid})`,
      );
      await queue.send(slowJob, { key }, { tx });
    });
  }
  for (const key of (env.QUEUE_CHILD_ORPHANS ?? '').split(',').filter(Boolean)) {
    // What a process leaves when it dies between its commit and its relay: a row and no notice.
    await database.db.insert(jobOutbox).values({
      id: crypto.randomUUID(),
      name: slowJob.name,
      payload: { key },
      options: bullJobOptions(slowJob) as Record<string, unknown>,
    });
  }
  say('sent');
} else {
  const holdMs = Number(env.QUEUE_CHILD_HOLD_MS ?? '0');
  await queue.work(
    slowJob,
    async ({ payload, attempt, signal }) => {
      await database.db.execute(
        sql`insert into queue_fault_events (key, kind, pid) values (${payload.key}, 'started', ${process.pid})`,
      );
      say(`started ${payload.key} attempt ${attempt}`);
      await sleep(holdMs, undefined, { signal });
      await database.db.execute(
        sql`insert into queue_fault_events (key, kind, pid) values (${payload.key}, 'finished', ${process.pid})`,
      );
      say(`finished ${payload.key}`);
    },
    { concurrency: 4 },
  );
  const stop = async () => {
    await queue.stop();
    await database.close();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}
say('ready');
