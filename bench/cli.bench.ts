// Wall time of operator commands in embedded mode, each a process of its own as an operator runs
// it, on a data folder that already exists and is migrated (the common case; its first creation
// is timed once too). Prints `name: value unit` lines, the median of BENCH_CLI_RUNS runs.
// Environment: BENCH_CLI_RUNS (default 5).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);

/** Runs one command to its end; fails the bench when the command fails. */
function timeCommand(dataDir: string, args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/cvimprover.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (result.status !== 0)
    throw new Error(
      `cvimprover ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const COMMANDS: Array<{ name: string; args: string[] }> = [
  { name: 'help', args: ['help'] },
  { name: 'migrate', args: ['migrate'] },
  { name: 'seed_plans', args: ['seed-plans'] },
  { name: 'cleanup_dry_run', args: ['cleanup', '--days', '30', '--dry-run'] },
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-bench-cli-'));
try {
  // A new folder: the database's creation and every migration, paid once per installation.
  console.log(`cli.migrate_new_folder: ${timeCommand(dataDir, ['migrate']).toFixed(0)} ms`);
  for (const { name, args } of COMMANDS) {
    const times = Array.from({ length: RUNS }, () => timeCommand(dataDir, args));
    console.log(`cli.${name}.median: ${median(times).toFixed(0)} ms`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
