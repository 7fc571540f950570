// Analysis bench: a two-page CV against a job description. Target: analysis under 50 ms.
// Prints `name: value unit` lines. The two-page CV is the software fixture with the experience of
// three other English fixtures appended, then again ten years earlier: about 7,500 characters,
// as long as the text of a dense two-page CV.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/analysis/${name}`, import.meta.url), 'utf8');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)] ?? Number.NaN;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const warmChild = process.env.ANALYSIS_BENCH_WARM === '1';
const report = (name: string, value: number, unit: string) =>
  console.log(`${name}: ${value.toFixed(2)} ${unit}`);

function experienceOf(cv: string): string {
  const start = cv.search(/^(?:EXPERIENCE|Experience|## Experience|Clinical Experience)\s*$/m);
  const after = cv.slice(start).split('\n').slice(1);
  const end = after.findIndex((l) => /^(?:EDUCATION|Education|## Education)\s*$/.test(l));
  return after.slice(0, end === -1 ? undefined : end).join('\n');
}

const base = fixture('software-en.cv.txt');
const extra = ['sales-en.cv.txt', 'design-en.cv.txt', 'nursing-en.cv.txt']
  .map((f) => experienceOf(fixture(f)))
  .join('\n\n');
const earlier = extra.replace(/\b(19|20)(\d\d)\b/g, (y) => String(Number(y) - 10));
const twoPages = base.replace('\nEDUCATION\n', () => `\n${extra}\n\n${earlier}\n\nEDUCATION\n`);
const jobText = fixture('software-en.job.md');

let analysis!: typeof import('../src/analysis/index.ts');
(warmChild ? () => {} : report)(
  'analysis_import',
  await (async () => {
    const start = performance.now();
    analysis = await import('../src/analysis/index.ts');
    return performance.now() - start;
  })(),
  'ms',
);
const { analyzeCv, analyzeJob, buildImprovementReport, checkFacts, improveCvOffline } = analysis;
const { parseJobFixture } = await import('../test/helpers/analysis-fixtures.ts');
const job = parseJobFixture(jobText);

if (!warmChild) report('analysis_cv_chars', twoPages.length, 'chars');
// A fresh process pays regex compilation and JIT on its first analysis; a service pays that
// once at start-up with warmUpAnalysis(). A child process measures that warmed path.
if (warmChild) {
  report(
    'analysis_warm_up',
    time(() => analysis.warmUpAnalysis()),
    'ms',
  );
  report(
    'analysis_first_call_after_warm_up',
    time(() => analyzeCv({ cvText: twoPages, job })),
    'ms',
  );
  process.exit(0);
}
report(
  'analysis_cold',
  time(() => analyzeCv({ cvText: twoPages, job })),
  'ms',
);

const ITERATIONS = 200;
const sample = (fn: () => unknown) => Array.from({ length: ITERATIONS }, () => time(fn));

const analyze = sample(() => analyzeCv({ cvText: twoPages, job: analyzeJob(job), referenceDate: '2025-06' }));
report('analysis_two_page_p50', percentile(analyze, 50), 'ms');
report('analysis_two_page_p95', percentile(analyze, 95), 'ms');

const improved = improveCvOffline({ cvText: twoPages, job }).markdown;
const guard = sample(() => checkFacts(twoPages, improved));
report('fact_guard_two_page_p50', percentile(guard, 50), 'ms');
report('fact_guard_two_page_p95', percentile(guard, 95), 'ms');

const offline = sample(() => improveCvOffline({ cvText: twoPages, job }));
report('offline_improve_two_page_p50', percentile(offline, 50), 'ms');

const full = sample(() =>
  buildImprovementReport({ sourceCvText: twoPages, improvedMarkdown: improved, job }),
);
report('improvement_report_two_page_p50', percentile(full, 50), 'ms');
report('improvement_report_two_page_p95', percentile(full, 95), 'ms');

spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
  stdio: 'inherit',
  env: { ...process.env, ANALYSIS_BENCH_WARM: '1' },
});
