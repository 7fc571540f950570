// Queue benchmark with a no-op handler, on the production drivers and their default settings:
//   - enqueue → handler-start latency, one job at a time on an idle queue (p50, p99), on pg-boss
//     (PostgreSQL, LISTEN/NOTIFY) and BullMQ (Redis), sent directly and in a transaction (BullMQ
//     then goes through the outbox relay);
//   - throughput: 1,000 jobs drained by 2 worker processes (WORKER_CONCURRENCY each).
// Targets: p50 under 1 s on pg-boss and under 100 ms on BullMQ; at least 200 jobs/s on BullMQ.
// Reads BENCH_DATABASE_URL (a scratch database is created on that server and dropped after) and
// BENCH_REDIS_URL. Prints `name: value unit` lines. Run: node bench/queue.bench.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue as BullQueue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createBullMqQueue } from '../src/platform/queue/bullmq.queue.ts';
import { createPgBossQueue } from '../src/platform/queue/pgboss.queue.ts';
import type { JobDefinition, Queue } from '../src/platform/queue/queue.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LATENCY_JOBS = 200;
const WARMUP_JOBS = 10;
const THROUGHPUT_JOBS = 1_000;
const WORKER_PROCESSES = 2;
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? '4');

const benchJob: JobDefinition<{ n: number }> = {
  name: 'bench-noop',
  payload: z.object({ n: z.number().int() }),
  retry: { retries: 0, delaySeconds: 0, backoff: false },
  timeoutSeconds: 60,
};

type Driver = 'pg-boss' | 'bullmq';
const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');

function openQueue(driver: Driver, database: Database, prefix: string): Queue {
  return driver === 'bullmq'
    ? createBullMqQueue({ database, logger, jobs: [benchJob], redisUrl: REDIS_URL, prefix })
    : createPgBossQueue({ database, logger, jobs: [benchJob] });
}

function print(name: string, value: number, unit: string): void {
  process.stdout.write(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A worker process of the throughput run: consumes until SIGTERM. */
async function runWorkerProcess(): Promise<void> {
  const driver = process.env.BENCH_DRIVER as Driver;
  const database = await openDatabase({ kind: 'postgres', url: process.env.BENCH_URL ?? '', poolMax: 10 });
  const queue = openQueue(driver, database, process.env.BENCH_PREFIX ?? '');
  await queue.start();
  await queue.work(benchJob, async () => {}, { concurrency: CONCURRENCY });
  process.on('SIGTERM', () => {
    void queue
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
  process.stdout.write('ready\n');
}

async function latency(driver: Driver, database: Database, prefix: string, inTransaction: boolean) {
  const queue = openQueue(driver, database, prefix);
  await queue.start();
  const waiting = new Map<number, (at: number) => void>();
  await queue.work(benchJob, async ({ payload }) => {
    waiting.get(payload.n)?.(performance.now());
  });
  const samples: number[] = [];
  try {
    for (let n = 0; n < WARMUP_JOBS + LATENCY_JOBS; n++) {
      const started = new Promise<number>((resolve) => waiting.set(n, resolve));
      const sentAt = performance.now();
      if (inTransaction) {
        await database.db.transaction(async (tx) => {
          await queue.send(benchJob, { n }, { tx });
        });
      } else {
        await queue.send(benchJob, { n });
      }
      const at = await started;
      waiting.delete(n);
      if (n >= WARMUP_JOBS) samples.push(at - sentAt);
    }
  } finally {
    await queue.stop();
  }
  samples.sort((a, b) => a - b);
  const label = `${driver}${inTransaction ? ' (sent in a transaction)' : ''}`;
  print(`queue latency ${label} p50`, percentile(samples, 50), 'ms');
  print(`queue latency ${label} p99`, percentile(samples, 99), 'ms');
}

async function throughput(driver: Driver, url: string, database: Database, prefix: string) {
  const workers: ChildProcess[] = [];
  const producer = openQueue(driver, database, prefix);
  await producer.start();
  try {
    for (let i = 0; i < WORKER_PROCESSES; i++) {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
        env: {
          PATH: process.env.PATH ?? '',
          BENCH_ROLE: 'worker',
          BENCH_DRIVER: driver,
          BENCH_URL: url,
          BENCH_PREFIX: prefix,
          WORKER_CONCURRENCY: String(CONCURRENCY),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      workers.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
      });
    }

    const completed = await completedCounter(driver, database, prefix);
    // The latency runs left completed jobs of the same name on pg-boss.
    const baseline = await completed.count();
    const startedAt = performance.now();
    for (let n = 0; n < THROUGHPUT_JOBS; n += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, THROUGHPUT_JOBS - n) }, (_, i) =>
          producer.send(benchJob, { n: n + i }),
        ),
      );
    }
    const enqueuedAt = performance.now();
    try {
      const deadline = Date.now() + 120_000;
      while ((await completed.count()) - baseline < THROUGHPUT_JOBS) {
        if (Date.now() > deadline) throw new Error(`${driver}: jobs not drained in 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await completed.close();
    }
    const seconds = (performance.now() - startedAt) / 1000;
    print(`queue enqueue ${driver} ${THROUGHPUT_JOBS} jobs`, enqueuedAt - startedAt, 'ms');
    print(
      `queue throughput ${driver} ${WORKER_PROCESSES} workers x ${CONCURRENCY}`,
      THROUGHPUT_JOBS / seconds,
      'jobs/s',
    );
  } finally {
    for (const child of workers) {
      if (child.exitCode === null && child.pid) {
        const exited = once(child, 'exit');
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
    }
    await producer.stop();
  }
}

async function completedCounter(driver: Driver, database: Database, prefix: string) {
  if (driver === 'pg-boss') {
    return {
      async count() {
        const result = (await database.db.execute(
          sql`select count(*)::int as n from pgboss.job where name = ${benchJob.name} and state = 'completed'`,
        )) as unknown as { rows: Array<{ n: number }> };
        return Number(result.rows[0]?.n ?? 0);
      },
      close: async () => {},
    };
  }
  const bull = new BullQueue(benchJob.name, { connection: { url: REDIS_URL }, prefix });
  return {
    async count() {
      return (await bull.getJobCounts('completed')).completed ?? 0;
    },
    close: () => bull.close(),
  };
}

async function main(): Promise<void> {
  const name = `cvi_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const prefix = `cvibench-${randomBytes(5).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let database: Database | undefined;
  try {
    database = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 10 });
    await database.migrate();
    for (const driver of ['pg-boss', 'bullmq'] as const) {
      await latency(driver, database, `${prefix}-latency`, false);
      await latency(driver, database, `${prefix}-latency-tx`, true);
    }
    for (const driver of ['pg-boss', 'bullmq'] as const) {
      await throughput(driver, url.toString(), database, `${prefix}-throughput`);
    }
  } finally {
    await database?.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

if (process.env.BENCH_ROLE === 'worker') {
  await runWorkerProcess();
} else {
  await main();
}
