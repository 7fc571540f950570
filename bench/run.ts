// `npm run bench`: runs every bench/*.bench.ts script in turn, each in its own process, and prints
// their `name: value unit` lines. BENCH_FILE=<part of a file name> runs the matching scripts only.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.env.BENCH_FILE;
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${script}`);
  const result = spawnSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`${script}: failed (exit ${result.status})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
