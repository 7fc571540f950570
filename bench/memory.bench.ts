// Memory of the API process at idle (issue 13: at most 150 MB in server mode), in server mode with
// pg-boss and with BullMQ, and embedded. Each case starts the API twice on a new database, as
// deployed, and measures the second start, on existing data, as a restart in production is: start
// to first answer (and its CPU time, steadier than wall time on a busy machine), the resident
// memory and the JavaScript heap once idle, the slowest request while the first user's requests
// start the warm-up (src/warm-up.ts), and memory once the warm-up has loaded the renderers.
// Prints `name: value unit` lines. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchPostgresDatabase } from '../test/helpers/backends.ts';
import { AS_DEPLOYED, type Started, startProcess } from '../test/helpers/process.ts';
import { deleteRedisKeys } from '../test/helpers/redis.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGET_RSS_MB = 150;
/** Long enough for the start-up's garbage to be collected and the process to settle. */
const IDLE_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function print(name: string, value: number | string, unit = '') {
  console.log(
    `${name}: ${typeof value === 'number' ? Math.round(value * 10) / 10 : value}${unit ? ` ${unit}` : ''}`,
  );
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The heap as the process reports it at GET /metrics (a scrape does not start the warm-up). */
async function heapMb(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^nodejs_heap_used_bytes\S* (\d+)/m.exec(text)?.[1] ?? 0) / 1_048_576;
}

async function start(env: Record<string, string>): Promise<{ server: Started; base: string; ms: number }> {
  const startedAt = performance.now();
  const server = startProcess('src/server.ts', [], env);
  const line = await server.waitFor(/listening on/, 60_000).catch(async (error) => {
    await stop(server);
    throw error;
  });
  const base = JSON.parse(line).address as string;
  while (
    !(await fetch(`${base}/core/health/`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await sleep(10);
  return { server, base, ms: performance.now() - startedAt };
}

async function stop(server: Started): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exit;
}

/**
 * A user arrives: a burst of plan listings, the first of which starts the warm-up. The warm-up
 * waits for a quiet moment, so none of them should wait for it.
 */
async function slowestFirstUserRequest(base: string): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < 40; i++) {
    const startedAt = performance.now();
    await (await fetch(`${base}/core/plans/`)).text();
    if (i > 0) slowest = Math.max(slowest, performance.now() - startedAt);
    await sleep(25);
  }
  return slowest;
}

async function benchCase(name: string, env: Record<string, string>) {
  // The burst comes from one address, which the per-address limit would count.
  const all = {
    ...AS_DEPLOYED,
    PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    RATE_LIMITS_ENABLED: 'false',
    ...env,
  };
  await stop((await start(all)).server);
  const { server, base, ms } = await start(all);
  const pid = server.child.pid!;
  try {
    print(`${name}.startup_to_first_answer`, ms, 'ms');
    print(`${name}.startup_cpu`, cpuMs(pid), 'ms');
    await sleep(IDLE_MS);
    const idle = rssMb(pid);
    print(`${name}.rss_idle`, idle, 'MB');
    print(`${name}.heap_idle`, await heapMb(base), 'MB');
    if (name !== 'embedded')
      print(
        `${name}.target`,
        `rss_idle <= ${TARGET_RSS_MB} MB: ${idle <= TARGET_RSS_MB ? 'met' : 'NOT met'}`,
      );
    print(`${name}.slowest_first_user_request`, await slowestFirstUserRequest(base), 'ms');
    await sleep(IDLE_MS);
    print(`${name}.rss_after_warm_up`, rssMb(pid), 'MB');
    print(`${name}.heap_after_warm_up`, await heapMb(base), 'MB');
  } finally {
    await stop(server);
  }
}

async function main() {
  console.log('# API memory at idle: second start on existing data, as deployed');
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>> | undefined;
  try {
    scratch = await createScratchPostgresDatabase(PG_URL);
  } catch (error) {
    console.log(`postgres: skipped (${(error as Error).message})`);
  }
  if (scratch) {
    try {
      await benchCase('pgboss', { DATABASE_URL: scratch.url });
    } finally {
      await scratch.drop();
    }
    const prefix = `cvi-bench-memory-${Date.now()}`;
    scratch = await createScratchPostgresDatabase(PG_URL);
    try {
      await benchCase('bullmq', {
        DATABASE_URL: scratch.url,
        QUEUE_DRIVER: 'bullmq',
        REDIS_URL,
        BULLMQ_PREFIX: prefix,
      });
    } catch (error) {
      console.log(`bullmq: skipped (${(error as Error).message.split('\n')[0]})`);
    } finally {
      await scratch.drop();
      await deleteRedisKeys(REDIS_URL, prefix).catch(() => {});
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-bench-memory-'));
  try {
    await benchCase('embedded', { DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
