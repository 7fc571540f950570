// HTTP throughput and latency of the API, with the server in one process and the load generator
// (autocannon) in another, on PGlite and on PostgreSQL. Also start-up time and idle memory.
// Prints `name: value unit` lines. Environment: BENCH_DATABASE_URL (default local PostgreSQL),
// BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ROOT, startProcess } from '../test/helpers/process.ts';

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
  const server = startProcess('src/server.ts', [], { PORT: '0', LOG_LEVEL: 'warn', ...env });
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

async function load(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
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
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const { stdout } = await exec(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return {
    rps: result.requests.average as number,
    p50: result.latency.p50 as number,
    p99: result.latency.p99 as number,
    non2xx: result.non2xx as number,
    statusCodes: result.statusCodeStats as Record<string, { count: number }>,
    errors: result.errors as number,
  };
}

async function benchBackend(name: string, env: Record<string, string>) {
  // First start creates and migrates the database; the second measures a start on existing data.
  const first = await startServer(env);
  first.server.child.kill('SIGTERM');
  await first.server.exit;
  const { server, address, startupMs } = await startServer(env);
  try {
    print(`${name}.startup_to_first_answer`, startupMs, 'ms');
    await new Promise((r) => setTimeout(r, 2_000));
    print(`${name}.rss_idle`, rssMb(server.child.pid!), 'MB');

    const username = `bench${Date.now()}`;
    const password = 'Bench-Harbor-42';
    const reg = await fetch(`${address}/auth/registration/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        email: `${username}@example.com`,
        password1: password,
        password2: password,
      }),
    });
    const { access } = (await reg.json()) as { access: string };

    const cases: Array<[string, string, Parameters<typeof load>[1]]> = [
      ['get_plans', `${address}/core/plans/`, {}],
      ['get_user', `${address}/auth/user/`, { headers: { authorization: `Bearer ${access}` } }],
      [
        'post_login',
        `${address}/auth/login/`,
        {
          method: 'POST',
          body: JSON.stringify({ username, password }),
          headers: { 'content-type': 'application/json' },
        },
      ],
    ];
    for (const [label, url, options] of cases) {
      if (ONLY && !`${name}.${label}`.includes(ONLY)) continue;
      const r = await load(url, options);
      print(`${name}.${label}.rps`, r.rps, 'req/s');
      print(`${name}.${label}.p50`, r.p50, 'ms');
      print(`${name}.${label}.p99`, r.p99, 'ms');
      if (r.non2xx || r.errors) {
        print(`${name}.${label}.non2xx_or_errors`, r.non2xx + r.errors);
        print(`${name}.${label}.status_codes`, JSON.stringify(r.statusCodes));
      }
    }
    print(`${name}.rss_after_load`, rssMb(server.child.pid!), 'MB');
  } finally {
    server.child.kill('SIGTERM');
    await server.exit;
  }
}

async function main() {
  console.log(
    `# API bench: ${CONNECTIONS} connections, ${SECONDS} s per case, load generator in its own process`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-bench-'));
  try {
    if (!ONLY || ONLY.startsWith('pglite')) await benchBackend('pglite', { DATA_DIR: dataDir, ...LOAD_ENV });
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
    await benchBackend('postgres', { DATABASE_URL: url.toString(), ...LOAD_ENV });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
