// The CV pipeline across real processes, with the loopback model answering at once: the queue's
// overhead (POST to `succeeded`, minus the model's own time) and how long a streamed token takes
// from the model to the person (SSE), on pg-boss (PostgreSQL) and on BullMQ (Redis), each with the
// API and two worker processes. Prints `name: value unit` lines.
// Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_PIPELINE_RUNS (default 50).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startOpenAiFake } from '../test/fakes/openai-fake.ts';
import { now } from '../test/fakes/sse.ts';
import { ROOT, type Started, startProcess } from '../test/helpers/process.ts';
import { deleteRedisKeys } from '../test/helpers/redis.ts';
import { sseReader } from '../test/helpers/sse-client.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_PIPELINE_RUNS ?? 50);
const CV_TEXT = readFileSync(path.join(ROOT, 'test/fixtures/documents/cv.txt'), 'utf8');

function print(name: string, value: number, unit: string) {
  console.log(`${name}: ${Math.round(value * 100) / 100} ${unit}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cvi_bench_pipe_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function benchDriver(driver: 'pg-boss' | 'bullmq') {
  const db = await scratchDatabase();
  // A faithful answer (the CV itself), so the fact guard has nothing to send back to the model.
  const fake = await startOpenAiFake({
    defaultReply: { kind: 'text', chunks: [CV_TEXT.slice(0, 400), CV_TEXT.slice(400)] },
  });
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_DRIVER: driver,
    AI_PROVIDER: 'openai-compatible',
    AI_BASE_URL: `${fake.url}/v1`,
    AI_MODEL: 'bench-model',
    // The bench measures the pipeline, not the per-user limits it would otherwise run into.
    RATE_LIMITS_ENABLED: 'false',
    // Its own BullMQ keys, removed at the end.
    BULLMQ_PREFIX: `bench-pipeline-${Date.now().toString(36)}`,
    LOG_LEVEL: 'info',
  };
  const processes: Started[] = [];
  const sql = new pg.Client({ connectionString: db.url });
  try {
    const api = startProcess('src/server.ts', [], { ...env, PORT: '0' });
    processes.push(api);
    const base = JSON.parse(await api.waitFor(/CV Improver listening/, 60_000)).address as string;
    for (let i = 0; i < 2; i++) processes.push(startProcess('src/worker.ts', [], env));
    await Promise.all(processes.slice(1).map((w) => w.waitFor(/worker consuming jobs/, 60_000)));
    await sql.connect();

    const username = `bench${Date.now().toString(36)}`;
    const reg = await fetch(`${base}/auth/registration/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        email: `${username}@example.com`,
        password1: 'Bench-Harbor-42',
        password2: 'Bench-Harbor-42',
      }),
    });
    const { access } = (await reg.json()) as { access: string };
    // Premium, so the daily quota does not end the run early.
    await sql.query(
      `update users set plan_id = (select id from plans where slug = 'premium') where username = $1`,
      [username],
    );
    const auth = { authorization: `Bearer ${access}` };

    const form = new FormData();
    for (const [k, v] of Object.entries({
      position: 'Senior Backend Engineer',
      industry: 'Software',
      experience_level: '6+',
      company_size: 'medium',
      application_timeline: 'immediate',
      job_description: 'Required: TypeScript, PostgreSQL, Kubernetes.',
    }))
      form.set(k, v);
    form.set('resume', new Blob([CV_TEXT], { type: 'text/plain' }), 'cv.txt');
    const q = (await (
      await fetch(`${base}/cv/questionnaire/`, { method: 'POST', headers: auth, body: form })
    ).json()) as { id: number };
    for (;;) {
      const status = (
        (await (await fetch(`${base}/cv/questionnaire/${q.id}/`, { headers: auth })).json()) as {
          resume_status: string;
        }
      ).resume_status;
      if (status === 'ready') break;
      if (status === 'failed') throw new Error('the bench CV could not be read');
      await new Promise((r) => setTimeout(r, 50));
    }

    const overheads: number[] = [];
    const sseLatencies: number[] = [];
    for (let run = 0; run < RUNS + 5; run++) {
      const before = fake.requests.length;
      const t0 = now();
      const post = await fetch(`${base}/cv/ai-responses/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ questionnaire: q.id, prompt: 'Tailor my CV to this role, please.' }),
      });
      const { id } = (await post.json()) as { id: number };
      const sse = sseReader(await fetch(`${base}/cv/ai-responses/${id}/events/`, { headers: auth }));
      let firstDeltaAt: number | null = null;
      for (let frame = await sse.next(); frame; frame = await sse.next()) {
        if (frame.event === 'delta' && firstDeltaAt === null) firstDeltaAt = now();
        if (frame.event === 'done' || frame.event === 'error') break;
      }
      const doneAt = now();
      await sse.cancel();
      const row = await sql.query('select status, timings from ai_responses where id = $1', [id]);
      if (row.rows[0]?.status !== 'succeeded') throw new Error(`run ${run}: ${JSON.stringify(row.rows[0])}`);
      if (run < 5) continue; // warm-up
      const modelMs = Number(row.rows[0].timings?.total_ms ?? 0);
      overheads.push(doneAt - t0 - modelMs);
      const firstChunkAt = fake.requests[before]?.firstChunkAt;
      // A late subscriber gets the first text from the row, not live: count only live deltas.
      if (firstDeltaAt !== null && firstChunkAt != null && firstDeltaAt >= firstChunkAt) {
        sseLatencies.push(firstDeltaAt - firstChunkAt);
      }
    }
    print(`${driver}.queue_overhead.p50`, percentile(overheads, 50), 'ms');
    print(`${driver}.queue_overhead.p99`, percentile(overheads, 99), 'ms');
    if (sseLatencies.length > 0) {
      print(`${driver}.sse_first_token.p50`, percentile(sseLatencies, 50), 'ms');
      print(`${driver}.sse_first_token.p99`, percentile(sseLatencies, 99), 'ms');
      print(`${driver}.sse_first_token.samples`, sseLatencies.length, 'runs');
    }
  } finally {
    for (const child of processes.reverse()) {
      child.child.kill('SIGTERM');
      await child.exit;
    }
    await sql.end().catch(() => {});
    await fake.close();
    await db.drop();
    await deleteRedisKeys(REDIS_URL, env.BULLMQ_PREFIX);
  }
}

console.log(
  `# pipeline bench: ${RUNS} improvements per driver, API + 2 worker processes, model answering at once`,
);
for (const driver of ['pg-boss', 'bullmq'] as const) {
  try {
    await benchDriver(driver);
  } catch (error) {
    console.log(`${driver}: failed (${(error as Error).message})`);
    process.exitCode = 1;
  }
}
