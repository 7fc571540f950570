// HTTP throughput and latency of the API, with the server in one process and the load generator
// in another (wrk when installed, which leaves the server most of the second core; autocannon
// otherwise), on PGlite and on PostgreSQL. Also start-up time, idle memory and the server's CPU
// time per request (steadier than req/s on a machine doing other work). Each throughput line is
// followed by its ratio to the original Django service (gunicorn, 4 workers, persistent
// connections, limits off), measured on this machine, and by its target.
// Prints `name: value unit` lines. Environment: BENCH_DATABASE_URL (default local PostgreSQL),
// BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32), BENCH_ONLY (part of a case name),
// BENCH_LOADGEN (wrk | autocannon), BENCH_CPU_PROF (a folder: the measured server writes a V8 CPU
// profile there when it stops, to find where a case's time goes).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type DbTarget, openDatabase } from '../src/platform/db/database.ts';
import { AS_DEPLOYED, ROOT, startProcess } from '../test/helpers/process.ts';

const exec = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// BENCH_ONLY=postgres.get_user runs just the cases whose name contains it.
const ONLY = process.env.BENCH_ONLY;
// All the load comes from one address and one user, which the per-address and per-user limits
// would refuse after 60 and 10 requests a minute, and repeated logins would meet the brute-force
// lock: they are out of the way here. The limits' own cost is measured by bench/limits.bench.ts.
const LOAD_ENV = { RATE_LIMITS_ENABLED: 'false', LOGIN_MAX_FAILURES: '1000' };
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function print(name: string, value: number | string, unit = '') {
  console.log(
    `${name}: ${typeof value === 'number' ? Math.round(value * 100) / 100 : value}${unit ? ` ${unit}` : ''}`,
  );
}

async function startServer(env: Record<string, string>) {
  const startedAt = performance.now();
  const server = startProcess('src/server.ts', [], { ...AS_DEPLOYED, PORT: '0', LOG_LEVEL: 'warn', ...env });
  // The listening line is logged at info; with LOG_LEVEL=warn, poll instead.
  const port = await findPort(server);
  const address = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${address}/core/health/`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  return { server, address, startupMs: performance.now() - startedAt };
}

async function findPort(server: ReturnType<typeof startProcess>): Promise<number> {
  // The port is chosen by the OS; read it from /proc once the process listens.
  const pid = server.child.pid!;
  for (;;) {
    const ports = listeningPorts(pid);
    if (ports.length > 0) return ports[0]!;
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function listeningPorts(pid: number): number[] {
  try {
    const inodes = new Set<string>();
    for (const fd of require_fs_readdir(`/proc/${pid}/fd`)) {
      try {
        const target = require_fs_readlink(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m?.[1]) inodes.add(m[1]);
      } catch {}
    }
    const ports: number[] = [];
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[3] === '0A' && cols[9] && inodes.has(cols[9]))
          ports.push(Number.parseInt(cols[1]!.split(':')[1]!, 16));
      }
    }
    return ports;
  } catch {
    return [];
  }
}

import { readdirSync as require_fs_readdir, readlinkSync as require_fs_readlink } from 'node:fs';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => existsSync(file));
const LOADGEN = process.env.BENCH_LOADGEN ?? (WRK ? 'wrk' : 'autocannon');

/** The original service's throughput on this machine (wrk -t2 -c16 -d10s), the reference line. */
const ORIGINAL_RPS: Record<string, number> = {
  get_user: 330,
  get_plans: 350,
  get_questionnaires: 355,
  post_questionnaire_16_users: 255,
};
/** Server mode's targets; embedded mode's is 3x the original. */
const SERVER_TARGET_RPS: Record<string, number> = {
  get_user: 7_000,
  get_plans: 7_000,
  get_questionnaires: 5_000,
  post_questionnaire_16_users: 2_000,
};
const P99_TARGET_MS = 15;

interface LoadOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Bearer tokens used in turn, one per request (several users). */
  tokens?: string[];
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
}

function cpuTicks(pid: number): number {
  // utime + stime, in clock ticks (1/100 s on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function loadWithWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cvi-wrk-'));
  try {
    const script = path.join(dir, 'load.lua');
    const lua = (value: string) => JSON.stringify(value); // a JSON string is a valid Lua string here
    const headers = Object.entries(options.headers ?? {})
      .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
      .join(', ');
    writeFileSync(
      script,
      `local tokens = { ${(options.tokens ?? []).map(lua).join(', ')} }
local i = 0
request = function()
  i = i + 1
  local headers = { ${headers} }
  if #tokens > 0 then headers["authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] end
  return wrk.format(${lua(options.method ?? 'GET')}, nil, headers, ${options.body ? lua(options.body) : 'nil'})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"failed":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
`,
    );
    const args = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-s', script, url];
    const { stdout } = await exec(WRK!, args, { maxBuffer: 16 * 1024 * 1024 });
    const line = stdout.split('\n').find((l) => l.startsWith('WRK '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const r = JSON.parse(line.slice(4));
    return {
      rps: r.requests / (r.duration_us / 1e6),
      p50: r.p50_us / 1000,
      p99: r.p99_us / 1000,
      requests: r.requests,
      failed: r.failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadWithAutocannon(url: string, options: LoadOptions): Promise<LoadResult> {
  const args = [
    path.join(ROOT, 'node_modules/autocannon/autocannon.js'),
    '-c',
    String(CONNECTIONS),
    '-d',
    String(SECONDS),
    '-j',
  ];
  if (options.method) args.push('-m', options.method);
  if (options.body) args.push('-b', options.body);
  // autocannon's command line sends one set of headers: the first user's token.
  const token = options.tokens?.[0];
  const headers = { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await exec(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return {
    rps: result.requests.average as number,
    p50: result.latency.p50 as number,
    p99: result.latency.p99 as number,
    requests: result.requests.total as number,
    failed: (result.non2xx as number) + (result.errors as number),
  };
}

async function load(url: string, options: LoadOptions, pid: number) {
  const before = cpuTicks(pid);
  const result = LOADGEN === 'wrk' ? await loadWithWrk(url, options) : await loadWithAutocannon(url, options);
  const cpuUsPerRequest = ((cpuTicks(pid) - before) * 10_000) / Math.max(1, result.requests);
  return { ...result, cpuUsPerRequest };
}

async function post(address: string, route: string, body: unknown, token?: string) {
  const res = await fetch(`${address}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

const PASSWORD = 'Bench-Harbor-42';
const QUESTIONNAIRE = {
  position: 'Backend Engineer',
  industry: 'Software',
  experience_level: '3-5',
  company_size: 'medium',
  location: 'Berlin',
  application_timeline: '1-3 months',
  job_description: 'Build APIs in TypeScript and PostgreSQL.\nRequirements: 3+ years of Node.js.',
};

/** 17 users (one who reads, 16 who post), made through the API. */
async function makeUsers(address: string) {
  const tag = Date.now().toString(36);
  const tokens: string[] = [];
  for (let i = 0; i < 17; i++) {
    const username = `bench${tag}u${i}`;
    const reg = await post(address, '/auth/registration/', {
      username,
      email: `${username}@example.com`,
      password1: PASSWORD,
      password2: PASSWORD,
    });
    tokens.push(reg.access as string);
  }
  return { main: { username: `bench${tag}u0`, token: tokens[0]! }, posters: tokens.slice(1) };
}

/**
 * Raises the Free plan's daily questionnaires far above what a run posts, as an operator may (the
 * limits live in the plans table): the bench measures the quota check, not its refusals.
 */
async function raiseQuestionnaireLimit(target: DbTarget) {
  const database = await openDatabase(target);
  try {
    await database.db.execute(sql`update plans set questionnaires_per_day = 100000000`);
  } finally {
    await database.close();
  }
}

function printThroughput(backend: string, label: string, r: Awaited<ReturnType<typeof load>>) {
  const name = `${backend}.${label}`;
  print(`${name}.rps`, r.rps, 'req/s');
  print(`${name}.p50`, r.p50, 'ms');
  print(`${name}.p99`, r.p99, 'ms');
  print(`${name}.server_cpu_per_request`, r.cpuUsPerRequest, 'us');
  if (r.failed) print(`${name}.failed_requests`, r.failed);
  const original = ORIGINAL_RPS[label];
  if (original === undefined) return;
  print(`${name}.vs_original`, r.rps / original, `x (original ${original} req/s)`);
  const target = backend === 'postgres' ? SERVER_TARGET_RPS[label]! : 3 * original;
  const p99Ok = backend !== 'postgres' || label.startsWith('post') || r.p99 < P99_TARGET_MS;
  const met = r.rps >= target && p99Ok && r.failed === 0;
  const p99Note = backend === 'postgres' && !label.startsWith('post') ? `, p99 < ${P99_TARGET_MS} ms` : '';
  print(`${name}.target`, `>= ${Math.round(target)} req/s${p99Note}: ${met ? 'met' : 'NOT met'}`);
}

async function benchBackend(name: string, env: Record<string, string>, target: DbTarget) {
  // The first start creates and migrates the database and makes the users; the second measures a
  // start on existing data.
  const first = await startServer(env);
  let users: Awaited<ReturnType<typeof makeUsers>>;
  try {
    users = await makeUsers(first.address);
  } finally {
    first.server.child.kill('SIGTERM');
    await first.server.exit;
  }
  await raiseQuestionnaireLimit(target);
  const profile = process.env.BENCH_CPU_PROF;
  const { server, address, startupMs } = await startServer(
    profile
      ? { ...env, NODE_OPTIONS: `${AS_DEPLOYED.NODE_OPTIONS} --cpu-prof --cpu-prof-dir=${profile}` }
      : env,
  );
  const pid = server.child.pid!;
  try {
    print(`${name}.startup_to_first_answer`, startupMs, 'ms');
    await new Promise((r) => setTimeout(r, 2_000));
    print(`${name}.rss_idle`, rssMb(pid), 'MB');
    // The list read in get_questionnaires: 10 items.
    for (let i = 0; i < 10; i++) await post(address, '/cv/questionnaire/', QUESTIONNAIRE, users.main.token);
    // Those were the first user requests: the one-time warm-up they start (PDF reader and renderer,
    // analysis patterns) runs in the quiet that follows, as it would between a first user's clicks.
    // The cases measure the warm server, not that warm-up held up in their middle.
    await new Promise((r) => setTimeout(r, 6_000));

    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, string, LoadOptions]> = [
      ['get_user', '/auth/user/', { tokens: [users.main.token] }],
      ['get_plans', '/core/plans/', {}],
      ['get_questionnaires', '/cv/questionnaire/', { tokens: [users.main.token] }],
      [
        'post_questionnaire_16_users',
        '/cv/questionnaire/',
        { method: 'POST', body: JSON.stringify(QUESTIONNAIRE), headers: json, tokens: users.posters },
      ],
      [
        'post_login',
        '/auth/login/',
        {
          method: 'POST',
          body: JSON.stringify({ username: users.main.username, password: PASSWORD }),
          headers: json,
        },
      ],
    ];
    for (const [label, route, options] of cases) {
      if (ONLY && !`${name}.${label}`.includes(ONLY)) continue;
      printThroughput(name, label, await load(`${address}${route}`, options, pid));
    }
    print(`${name}.rss_after_load`, rssMb(pid), 'MB');
  } finally {
    server.child.kill('SIGTERM');
    await server.exit;
  }
}

async function main() {
  console.log(
    `# API bench: ${CONNECTIONS} connections, ${SECONDS} s per case, load generator (${LOADGEN}) in its own process`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-bench-'));
  try {
    if (!ONLY || ONLY.startsWith('pglite'))
      await benchBackend('pglite', { DATA_DIR: dataDir, ...LOAD_ENV }, { kind: 'pglite', dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (ONLY?.startsWith('pglite')) return;
  const name = `cvi_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`postgres: skipped (${(error as Error).message})`);
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    await benchBackend(
      'postgres',
      { DATABASE_URL: url.toString(), ...LOAD_ENV },
      { kind: 'postgres', url: url.toString(), poolMax: 2 },
    );
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
