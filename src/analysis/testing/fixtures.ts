// Loads the CV/job pairs of test/fixtures/analysis for the tests and `npm run eval`. This is the
// only file of the analysis folder that reads files; nothing at runtime imports it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalCase, parseJobFixture } from '../eval.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'analysis');

export function loadEvalCases(dir = FIXTURES_DIR): EvalCase[] {
  const files = readdirSync(dir).sort();
  return files
    .filter((f) => /\.cv\.(?:txt|md)$/.test(f))
    .flatMap((f) => {
      const id = f.replace(/\.cv\.(?:txt|md)$/, '');
      const jobFile = files.find((j) => j === `${id}.job.md` || j === `${id}.job.txt`);
      if (jobFile === undefined) return [];
      return [
        {
          id,
          cvText: readFileSync(join(dir, f), 'utf8'),
          job: parseJobFixture(readFileSync(join(dir, jobFile), 'utf8')),
        },
      ];
    });
}

export function loadCase(id: string): EvalCase {
  const found = loadEvalCases().find((c) => c.id === id);
  if (found === undefined) throw new Error(`no fixture ${id}`);
  return found;
}
