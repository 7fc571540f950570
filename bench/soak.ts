// The soak: the service in server mode as it is deployed (2 API processes, 3 worker processes,
// PostgreSQL and Redis) under steady load for a while, with a slow model, while one worker is
// killed with SIGKILL and one API process is restarted. Each queue driver in turn. Prints, per
// driver: jobs lost, jobs doubled, 5xx answers, the p99 latency, and each process's memory at the
// start and the end of the load. Exit code 1 when any of the first three is not zero.
//
// `npm run soak`. Environment: SOAK_MINUTES (default 10 per driver), SOAK_DRIVERS (default
// "pg-boss,bullmq"), SOAK_USERS (default 12), SOAK_DATABASE_URL, SOAK_REDIS_URL.
// Traffic goes to 127.0.0.1 only; every process it starts is stopped before it ends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql as drizzleSql } from 'drizzle-orm';
import pg from 'pg';
import { seedPlans } from '../src/billing/plans.repository.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { startOpenAiFake } from '../test/fakes/openai-fake.ts';
import { createScratchPostgresDatabase } from '../test/helpers/backends.ts';
import { AS_DEPLOYED, ROOT, type Started, startProcess } from '../test/helpers/process.ts';
import { deleteRedisKeys } from '../test/helpers/redis.ts';

const PG_URL = process.env.SOAK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.SOAK_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const USERS = Number(process.env.SOAK_USERS ?? 12);
const DRIVERS = (process.env.SOAK_DRIVERS ?? 'pg-boss,bullmq').split(',').map((d) => d.trim());
const CV_TEXT = readFileSync(path.join(ROOT, 'test/fixtures/documents/cv.txt'), 'utf8');
// A slow model: the CV back (a faithful answer) in eight pieces, a quarter of a second apart.
const MODEL_CHUNKS = 8;
const MODEL_CHUNK_DELAY_MS = 250;
// Each person asks for an improvement about every eighth request; the rest are reads.
const POST_EVERY = 8;
const PAUSE_MS = 250;
const FINISH_WAIT_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Resident memory of a process in MB, from the kernel (null once it has exited). */
function rssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** A running process of the soak, under a stable name, with its memory sampled while it ran. */
interface Member {
  name: string;
  started: Started;
  startedAt: number;
  /** [ms since the process started, RSS in MB] every few seconds */
  rss: Array<[number, number]>;
}

const RSS_EVERY_MS = 5_000;
// Memory is compared between the minute after start-up and warm-up, and the last minute it ran:
// single readings swing by a third with the garbage collector's cycles.
const SETTLED_AFTER_MS = 30_000;
const WINDOW_MS = 60_000;

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)]!;
}

function memoryLine(m: Member): string {
  const first = median(
    m.rss.filter(([t]) => t >= SETTLED_AFTER_MS && t < SETTLED_AFTER_MS + WINDOW_MS).map(([, r]) => r),
  );
  const lastAt = m.rss.at(-1)?.[0] ?? 0;
  const last = median(m.rss.filter(([t]) => t > lastAt - WINDOW_MS).map(([, r]) => r));
  const peak = Math.max(...m.rss.map(([, r]) => r));
  const minutes = Math.round(lastAt / 6_000) / 10;
  if (first === null || last === null || lastAt < SETTLED_AFTER_MS + 2 * WINDOW_MS)
    return `ran ${minutes} min, too short to compare; peak ${peak} MB`;
  const change = Math.round((last / first - 1) * 100);
  return `ran ${minutes} min: first minute ${first} MB, last minute ${last} MB (${change >= 0 ? '+' : ''}${change}%), peak ${peak} MB`;
}

interface Api extends Member {
  /** null while the balancer has taken it out (restarting) */
  base: string | null;
}

async function startApi(name: string, env: Record<string, string>): Promise<Api> {
  const started = startProcess('src/server.ts', [], { ...env, PORT: '0' });
  const line = await started.waitFor(/CV Improver listening/, 60_000);
  return { name, started, startedAt: Date.now(), rss: [], base: JSON.parse(line).address as string };
}

async function startWorker(name: string, env: Record<string, string>): Promise<Member> {
  const started = startProcess('src/worker.ts', [], env);
  await started.waitFor(/worker consuming jobs/, 60_000);
  return { name, started, startedAt: Date.now(), rss: [] };
}

async function stopGracefully(member: Member): Promise<void> {
  const { child } = member.started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await member.started.exit;
  clearTimeout(timer);
}

interface Tally {
  requests: number;
  latencies: number[];
  status5xx: number;
  otherErrors: Map<string, number>;
  accepted: Set<number>;
}

function count(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

async function soak(driver: string) {
  const fake = await startOpenAiFake({
    defaultReply: {
      kind: 'text',
      chunks: Array.from({ length: MODEL_CHUNKS }, (_, i) =>
        CV_TEXT.slice(
          Math.floor((i * CV_TEXT.length) / MODEL_CHUNKS),
          Math.floor(((i + 1) * CV_TEXT.length) / MODEL_CHUNKS),
        ),
      ),
      delayMs: MODEL_CHUNK_DELAY_MS,
    },
  });
  const db = await createScratchPostgresDatabase(PG_URL);
  const prefix = `soak-${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_DRIVER: driver,
    BULLMQ_PREFIX: prefix,
    RATE_LIMIT_KEY_PREFIX: `${prefix}:rl`,
    AI_PROVIDER: 'openai-compatible',
    AI_BASE_URL: `${fake.url}/v1`,
    AI_MODEL: 'soak-model',
    // Every request comes from 127.0.0.1: the per-address limits would measure themselves.
    IP_LIMIT_PER_MINUTE: '1000000',
    IP_LIMIT_PER_HOUR: '10000000',
    ...AS_DEPLOYED,
    LOG_LEVEL: 'info',
  };
  const apis: Api[] = [];
  const workers: Member[] = [];
  const retired: Member[] = [];
  const tally: Tally = {
    requests: 0,
    latencies: [],
    status5xx: 0,
    otherErrors: new Map(),
    accepted: new Set(),
  };
  const events: string[] = [];
  const t0 = Date.now();
  let sampler: ReturnType<typeof setInterval> | undefined;
  const at = () => `${Math.round((Date.now() - t0) / 1000)} s`;
  try {
    // The plans as an operator may raise them: the soak measures the service, not a day's quota.
    const database = await openDatabase({ kind: 'postgres', url: db.url, poolMax: 2 });
    try {
      await database.migrate();
      await seedPlans(database.db);
      await database.db.execute(
        drizzleSql`update plans set ai_responses_per_day = 100000000, questionnaires_per_day = 100000000, uploads_per_day = 100000000, api_calls_per_hour = 100000000, burst_per_minute = 100000000`,
      );
    } finally {
      await database.close();
    }

    apis.push(await startApi('api-1', env), await startApi('api-2', env));
    for (let i = 1; i <= 3; i++) workers.push(await startWorker(`worker-${i}`, env));

    sampler = setInterval(() => {
      for (const m of [...apis, ...workers]) {
        const rss = rssMb(m.started.child.pid);
        if (rss !== null) m.rss.push([Date.now() - m.startedAt, rss]);
      }
    }, RSS_EVERY_MS);
    let killedAt = null as Date | null;
    let turn = 0;
    const pickApi = (): string => {
      const up = apis.filter((a) => a.base !== null);
      turn = (turn + 1) % up.length;
      return up[turn]!.base!;
    };
    const call = async (method: string, url: string, init: RequestInit = {}): Promise<Response | null> => {
      const start = performance.now();
      tally.requests += 1;
      try {
        const res = await fetch(`${pickApi()}${url}`, { ...init, method });
        tally.latencies.push(performance.now() - start);
        if (res.status >= 500) {
          tally.status5xx += 1;
          events.push(
            `${at()}: ${method} ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`,
          );
          return null;
        }
        return res;
      } catch (error) {
        count(
          tally.otherErrors,
          `${method} ${url.replace(/\d+/g, ':id')}: ${(error as Error).cause ?? error}`,
        );
        return null;
      }
    };

    // The people: each signs up, uploads a CV once, then reads and asks for improvements.
    const people = await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const username = `soak${i}x${Date.now().toString(36)}`;
        const password = 'Soak-Harbor-42';
        const signUp = () =>
          call('POST', '/auth/registration/', {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              username,
              email: `${username}@example.com`,
              password1: password,
              password2: password,
            }),
          });
        // Twelve sign-ups at once on a busy machine: a connection refused while the processes
        // settle is tried again (it stays counted among the errors), not the end of the soak.
        let reg = await signUp();
        for (let attempt = 1; reg === null && attempt < 4; attempt++) {
          await sleep(1000 * attempt);
          reg = await signUp();
        }
        if (reg === null || !reg.ok)
          throw new Error(
            `sign-up failed: ${reg?.status ?? [...tally.otherErrors.keys()].join('; ')} ${await reg?.text()}`,
          );
        const auth = { authorization: `Bearer ${((await reg.json()) as { access: string }).access}` };
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
        const q = await call('POST', '/cv/questionnaire/', {
          headers: { ...auth, prefer: 'wait=30' },
          body: form,
        });
        if (q === null || !q.ok) throw new Error(`upload failed: ${q?.status}`);
        return { auth, questionnaire: ((await q.json()) as { id: number }).id, n: i };
      }),
    );

    const endAt = Date.now() + MINUTES * 60_000;
    let running = true;
    const loops = people.map(async (person) => {
      for (let step = person.n; running && Date.now() < endAt; step++) {
        if (step % POST_EVERY === 0) {
          const res = await call('POST', '/cv/ai-responses/', {
            headers: {
              ...person.auth,
              'content-type': 'application/json',
              'idempotency-key': `soak-${person.n}-${step}`,
            },
            body: JSON.stringify({
              questionnaire: person.questionnaire,
              prompt: 'Tailor my CV to this role.',
            }),
          });
          if (res?.status === 202 || res?.status === 201)
            tally.accepted.add(((await res.json()) as { id: number }).id);
          else if (res) count(tally.otherErrors, `POST /cv/ai-responses/ answered ${res.status}`);
        } else {
          const url = step % 2 === 0 ? '/auth/user/' : '/cv/ai-responses/?page_size=10';
          const res = await call('GET', url, { headers: person.auth });
          if (res && !res.ok) count(tally.otherErrors, `GET ${url} answered ${res.status}`);
          else await res?.arrayBuffer();
        }
        await sleep(PAUSE_MS);
      }
    });

    // The faults, at a third and at two thirds of the load.
    const faults = (async () => {
      await sleep(Math.min(20_000, (MINUTES * 60_000) / 6));
      await sleep(Math.max(0, t0 + (MINUTES * 60_000) / 3 - Date.now()));
      if (!running) return;
      const victim = workers.shift()!;
      killedAt = new Date();
      victim.started.child.kill('SIGKILL');
      await victim.started.exit;
      retired.push(victim);
      events.push(`${at()}: ${victim.name} killed with SIGKILL`);
      await sleep(5_000);
      const replacement = await startWorker('worker-4', env);
      workers.push(replacement);
      events.push(`${at()}: worker-4 started in its place`);

      await sleep(Math.max(0, t0 + (2 * MINUTES * 60_000) / 3 - Date.now()));
      if (!running) return;
      const old = apis[1]!;
      // As a load balancer does: out of rotation first, then a graceful stop.
      old.base = null;
      await sleep(1_000);
      await stopGracefully(old);
      retired.push(old);
      events.push(`${at()}: api-2 stopped (SIGTERM) to restart`);
      const fresh = await startApi('api-2b', env);
      apis[1] = fresh;
      events.push(`${at()}: api-2b serving`);
    })();

    await Promise.all(loops);
    running = false;
    await faults;
    clearInterval(sampler);

    // Every accepted improvement must finish, once.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      const ids = [...tally.accepted];
      const deadline = Date.now() + FINISH_WAIT_MS;
      let open = ids.length;
      while (Date.now() < deadline) {
        const r = await sql.query(
          `select count(*)::int as n from ai_responses where id = any($1) and status not in ('succeeded', 'failed', 'canceled')`,
          [ids],
        );
        open = r.rows[0].n;
        if (open === 0) break;
        await sleep(1_000);
      }
      const statuses = await sql.query(
        'select status, count(*)::int as n, max(attempts)::int as attempts from ai_responses group by status',
      );
      const succeeded = await sql.query(
        `select count(*)::int as n from ai_responses where id = any($1) and status = 'succeeded'`,
        [ids],
      );
      const rows = await sql.query('select count(*)::int as n from ai_responses');
      const charges = await sql.query(
        `select count(*)::int as n, count(distinct ref)::int as refs from quota_events where scope = 'ai_responses' and refunded_at is null`,
      );
      // The improvements the killed worker held: run again by another worker, and how soon.
      const retried = await sql.query(
        'select count(*)::int as n, max(finished_at) as last from ai_responses where attempts > 1',
      );
      const recovery =
        killedAt && retried.rows[0].last
          ? `, the last finished ${Math.round((new Date(retried.rows[0].last).getTime() - killedAt.getTime()) / 100) / 10} s after the kill`
          : '';
      const lost = ids.length - succeeded.rows[0].n;
      // Doubled: a second row for one request, or a second quota unit for one improvement.
      const doubled = rows.rows[0].n - ids.length + (charges.rows[0].n - charges.rows[0].refs);
      const p99 = percentile(tally.latencies, 99);

      console.log(`\n## ${driver}: ${MINUTES} min, ${USERS} people, 2 API processes, 3 workers`);
      for (const e of events) console.log(`  ${e}`);
      console.log(`${driver}.requests: ${tally.requests}`);
      console.log(`${driver}.improvements_accepted: ${ids.length}`);
      console.log(
        `${driver}.jobs_lost: ${lost}${open > 0 ? ` (${open} still unfinished after ${FINISH_WAIT_MS / 1000} s)` : ''}`,
      );
      console.log(`${driver}.jobs_doubled: ${doubled}`);
      console.log(`${driver}.jobs_run_again_after_the_kill: ${retried.rows[0].n}${recovery}`);
      console.log(`${driver}.answers_5xx: ${tally.status5xx}`);
      console.log(`${driver}.latency.p50: ${Math.round(percentile(tally.latencies, 50) * 10) / 10} ms`);
      console.log(`${driver}.latency.p99: ${Math.round(p99 * 10) / 10} ms`);
      console.log(`${driver}.model_calls: ${fake.requests.length}`);
      for (const s of statuses.rows) console.log(`${driver}.status.${s.status}: ${s.n}`);
      for (const [what, n] of tally.otherErrors) console.log(`${driver}.other: ${n} × ${what}`);
      for (const m of [...apis, ...workers, ...retired])
        console.log(`${driver}.rss.${m.name}: ${memoryLine(m)}`);
      if (lost !== 0 || doubled !== 0 || tally.status5xx !== 0) process.exitCode = 1;
    } finally {
      await sql.end();
    }
  } finally {
    clearInterval(sampler);
    for (const m of [...workers, ...apis]) await stopGracefully(m).catch(() => {});
    await fake.close();
    await db.drop().catch(() => {});
    await deleteRedisKeys(REDIS_URL, prefix).catch(() => {});
  }
}

console.log(
  `# soak: ${MINUTES} min per driver (${DRIVERS.join(', ')}), ${USERS} people; a worker killed at a third, an API process restarted at two thirds`,
);
for (const driver of DRIVERS) {
  if (driver !== 'pg-boss' && driver !== 'bullmq') throw new Error(`unknown driver ${driver}`);
  await soak(driver);
}
