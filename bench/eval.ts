// `npm run eval`: runs the analysis evaluation on the tuned part (test/fixtures/analysis), the
// held-out part (test/fixtures/analysis-held-out) and the corpus part (the reading corpus's dev CVs,
// test/helpers/analysis-corpus.ts) and prints their figures side by side.
// `npm run eval -- --misses` lists what the tuned and corpus parts miss. The held-out part is only
// ever shown as figures: looking at its misses would tune the analysis on it.
import { CORPUS_EVAL_MAX, loadCorpusCases } from '../test/helpers/analysis-corpus.ts';
import { loadEvalCases, loadHeldOutCases } from '../test/helpers/analysis-fixtures.ts';
import {
  type PartReport,
  rateOf,
  runEvaluation,
  runPartInWorkers,
  type SummaryRow,
  summarize,
} from './analysis-eval.ts';

function cell(row: SummaryRow | undefined): string {
  if (row === undefined) return '';
  if (row.total === null) return `${row.count >= 0 ? '+' : ''}${row.count.toFixed(1)}`;
  if (row.total === 0) return '—';
  return `${row.count}/${row.total} = ${((row.count / row.total) * 100).toFixed(1)}%`;
}

function printTable(tuned: SummaryRow[], heldOut: SummaryRow[], corpus: SummaryRow[]): void {
  const width = Math.max(...tuned.map((r) => r.label.length)) + 2;
  console.log(
    `${''.padEnd(width)}${'tuned'.padEnd(22)}${'held-out'.padEnd(22)}${'corpus (tuned)'.padEnd(24)}target`,
  );
  for (const row of tuned) {
    const held = heldOut.find((r) => r.key === row.key);
    const read = corpus.find((r) => r.key === row.key);
    // A fact or paraphrase kind no part has says nothing.
    if (row.total === 0 && (held?.total ?? 0) === 0 && (read?.total ?? 0) === 0) continue;
    console.log(
      `${row.label.padEnd(width)}${cell(row).padEnd(22)}${cell(held).padEnd(22)}${cell(read).padEnd(24)}${row.target ?? ''}`,
    );
  }
}

/** A tuned or corpus part's misses, false alarms and failed checks, one line each. */
function printMisses(part: PartReport): void {
  const tunedJobs = new Set(part.cases.map((c) => c.id));
  for (const f of part.fabrications.filter((x) => !x.caught)) {
    const why = f.flagged ? `findings do not name it: ${f.findings.join('; ')}` : 'guard passed';
    console.log(`  missed: ${f.id} ${f.kind} (${f.factKind}) "${f.fact}" — ${why}`);
  }
  // One line per rewrite, named by its file when it has one, so a false alarm can be opened and read.
  for (const r of part.rewrites.filter((x) => x.falseAlarm))
    console.log(`  alarm: ${r.file ?? `${r.id} generated`} ${r.kinds.join('+')}: ${r.alarms.join('; ')}`);
  for (const c of part.cases) {
    if (c.ownJobRank !== 1) console.log(`  ranking: ${c.id} ranks its own job #${c.ownJobRank}`);
    if (c.strong === true && c.scoreBefore < 75)
      console.log(`  level: ${c.id} strong pair scores ${c.scoreBefore}`);
    // Against tuned jobs only: the held-out part is never shown in detail.
    const high = c.unrelatedScores.filter((x) => x.score >= 25 && tunedJobs.has(x.job));
    if (high.length > 0)
      console.log(
        `  level: ${c.id} scores >= 25 against unrelated ${high.map((u) => `${u.job} (${u.score})`).join(', ')}`,
      );
    if (!c.offlinePassed) console.log(`  offline: ${c.id}: ${c.offlineInvented.join('; ')}`);
    for (const d of c.offlineDropped) console.log(`  dropped: ${c.id} ${d}`);
  }
}

if (import.meta.main) {
  const started = performance.now();
  const tunedCases = loadEvalCases();
  const heldOutCases = loadHeldOutCases();
  const corpusCases = await loadCorpusCases(CORPUS_EVAL_MAX);
  // The corpus part runs in worker threads beside the other two.
  const corpusRun = runPartInWorkers(corpusCases);
  const { tuned, heldOut } = runEvaluation(tunedCases, heldOutCases);
  const corpus = await corpusRun;
  const elapsed = performance.now() - started;
  const counts = (of: (p: PartReport) => number) =>
    `${of(tuned)} tuned, ${of(heldOut)} held-out, ${of(corpus)} corpus`;
  console.log(`CV/job pairs: ${counts((p) => p.cases.length)}`);
  console.log(
    `fabrications: ${counts((p) => p.fabrications.length)}; faithful rewrites: ${counts((p) => p.rewrites.length)}`,
  );
  console.log('');
  const t = summarize(tuned);
  const h = summarize(heldOut);
  printTable(t, h, summarize(corpus, { ranked: false }));
  if (process.argv.includes('--misses')) {
    console.log('');
    console.log('tuned part, what it misses:');
    printMisses(tuned);
    console.log('');
    console.log('corpus part, what it misses:');
    printMisses(corpus);
  }
  console.log('');
  console.log(`eval time: ${elapsed.toFixed(0)} ms`);
  const part = heldOutCases.length > 0 ? h : t;
  if (rateOf(part, 'caught') < 0.95 || rateOf(part, 'alarms') > 0.05) process.exitCode = 1;
}
