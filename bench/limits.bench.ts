// What a limit check adds to a request: the per-address check (minute + hour) and the per-user
// check (api_calls + burst) on every request, in memory and in Redis; and taking a daily quota
// unit (a transaction with an advisory lock) on PGlite and PostgreSQL, paid by the routes that
// count one. Prints `name: value unit` lines.
// Environment: BENCH_DATABASE_URL (default local PostgreSQL; "skip" to skip), BENCH_REDIS_URL
// (default local Redis; "skip" to skip), BENCH_ITERATIONS (default 20000 for the windows).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { seedPlans } from '../src/billing/plans.repository.ts';
import { listPlanRows } from '../src/limits/quota.repository.ts';
import { createQuotaService, type PlanSummary, summarizePlan } from '../src/limits/quota.service.ts';
import {
  createMemoryWindowCounter,
  createRedisWindowCounter,
  type WindowCounter,
} from '../src/limits/windows.ts';
import { systemClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { plans, users } from '../src/platform/db/schema.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(name: string, iterations: number, once: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(500, iterations); i++) await once(i); // warm up JIT and connections
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await once(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}.p50: ${percentile(times, 50).toFixed(4)} ms`);
  console.log(`${name}.p99: ${percentile(times, 99).toFixed(4)} ms`);
}

const FREE_LIKE: PlanSummary = {
  id: null,
  slug: 'bench',
  name: 'Bench',
  order: 1,
  // Limits high enough that every check is allowed and recorded (the common, costlier path).
  limits: { ai_responses: 1e9, questionnaires: 1e9, uploads: 1e9, api_calls: 1e9, burst: 1e9 },
};

async function benchWindows(kind: string, windows: WindowCounter) {
  // Many users and addresses, as a real server sees them, so the counters are not one hot key.
  const quota = createQuotaService({ db: undefined as never, windows, clock: systemClock });
  await measure(`limits.${kind}.request_check`, ITERATIONS, (i) =>
    quota.consumeRequest({ id: i % 1000, planId: null }, FREE_LIKE),
  );
  await measure(`limits.${kind}.ip_check`, ITERATIONS, (i) =>
    windows.hit(
      [
        { key: `ip:m:10.0.${i % 250}.1`, limit: 1e9, windowMs: 60_000 },
        { key: `ip:h:10.0.${i % 250}.1`, limit: 1e9, windowMs: 3_600_000 },
      ],
      Date.now(),
    ),
  );
}

async function benchDaily(kind: string, database: Database) {
  await database.migrate();
  await seedPlans(database.db);
  const premium = (await listPlanRows(database.db)).find((p) => p.slug === 'premium');
  const tag = randomBytes(3).toString('hex');
  const created = await database.db
    .insert(users)
    .values(
      Array.from({ length: 50 }, (_, i) => ({
        username: `bench_${tag}_${i}`,
        email: `bench_${tag}_${i}@example.com`,
        planId: premium?.id ?? null,
      })),
    )
    .returning({ id: users.id });
  const quota = createQuotaService({
    db: database.db,
    windows: createMemoryWindowCounter(),
    clock: systemClock,
  });
  const plan = premium ? summarizePlan(premium) : FREE_LIKE;
  await firstAndLastUnits(kind, database, quota, tag);
  // 50 users x 20 = 1000 units: within Premium's 1000 AI responses a day each.
  await measure(`limits.${kind}.daily_unit`, 1000, (i) =>
    quota.consume(
      { id: (created[i % created.length] as { id: number }).id, planId: plan.id },
      'ai_responses',
      {
        ref: `bench:${i}`,
        plan,
      },
    ),
  );
}

/**
 * A quota check must cost the same at the limit's last unit as at its first, whatever the limit:
 * one user under a limit of 5,000 takes every unit; the p50 of the first 500 and of the last 500.
 */
async function firstAndLastUnits(
  kind: string,
  database: Database,
  quota: ReturnType<typeof createQuotaService>,
  tag: string,
) {
  const LIMIT = 5_000;
  const [plan] = await database.db
    .insert(plans)
    .values({
      slug: `bench-${tag}`,
      name: `Bench ${tag}`,
      order: 99,
      aiResponsesPerDay: LIMIT,
      questionnairesPerDay: LIMIT,
      uploadsPerDay: LIMIT,
      apiCallsPerHour: LIMIT,
      burstPerMinute: LIMIT,
    })
    .returning();
  const [user] = await database.db
    .insert(users)
    .values({ username: `bench_${tag}_big`, email: `bench_${tag}_big@example.com`, planId: plan!.id })
    .returning({ id: users.id });
  const times: number[] = [];
  for (let i = 0; i < LIMIT; i++) {
    const start = performance.now();
    const taken = await quota.consume({ id: user!.id, planId: plan!.id }, 'questionnaires', {
      ref: `bench:big:${i}`,
      plan: summarizePlan(plan!),
    });
    times.push(performance.now() - start);
    if (!taken.allowed) throw new Error(`unit ${i + 1} of ${LIMIT} refused`);
  }
  const p50 = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  console.log(`limits.${kind}.daily_unit_first_500.p50: ${p50(times.slice(0, 500)).toFixed(4)} ms`);
  console.log(`limits.${kind}.daily_unit_last_500_of_5000.p50: ${p50(times.slice(-500)).toFixed(4)} ms`);
}

await benchWindows('memory', createMemoryWindowCounter());

if (REDIS_URL !== 'skip') {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    await benchWindows(
      'redis',
      createRedisWindowCounter(redis, { prefix: `cvi-bench:${randomBytes(4).toString('hex')}` }),
    );
  } finally {
    redis.disconnect();
  }
}

const pglite = await openDatabase({ kind: 'pglite-memory' });
try {
  await benchDaily('pglite', pglite);
} finally {
  await pglite.close();
}

if (PG_URL !== 'skip') {
  const name = `cvi_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 8 });
  try {
    await benchDaily('postgres', database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
