// `npm run eval`: runs the analysis evaluation over the CV/job pairs in test/fixtures/analysis and
// prints what the offline improvement does (score change, invented facts, dropped items) and the
// fact guard's catch and false-alarm rates.
import { loadEvalCases } from '../test/helpers/analysis-fixtures.ts';
import { runEval } from './analysis-eval.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (import.meta.main) {
  const cases = loadEvalCases();
  const started = performance.now();
  const report = runEval(cases);
  const elapsed = performance.now() - started;
  console.log(`CV/job pairs: ${cases.length}`);
  console.log('');
  console.log(
    'id                         score before → after   invented  dropped   fabrications caught   false alarms',
  );
  for (const c of report.cases) {
    const caught = c.fabrications.filter((f) => f.caught).length;
    const alarms = c.rewrites.filter((r) => r.falseAlarm).length;
    console.log(
      `${c.id.padEnd(26)} ${String(c.scoreBefore).padStart(6)} → ${String(c.scoreAfter).padEnd(11)} ${String(c.offlineInvented).padEnd(9)} ${String(c.offlineDropped.length).padEnd(9)} ${`${caught}/${c.fabrications.length}`.padEnd(21)} ${alarms}/${c.rewrites.length}`,
    );
  }
  console.log('');
  console.log(
    `average score change (offline improvement): ${report.averageScoreChange >= 0 ? '+' : ''}${report.averageScoreChange.toFixed(1)} points`,
  );
  console.log(`offline improvements passing the fact guard: ${pct(report.offlinePassRate)}`);
  console.log(`offline improvements with zero invented facts: ${pct(report.offlineNoInventionRate)}`);
  console.log(
    `offline improvements with zero dropped items (jobs, degrees, contact details, bullets...): ${pct(report.offlineNoDropRate)}`,
  );
  for (const c of report.cases) for (const d of c.offlineDropped) console.log(`  dropped: ${c.id} ${d}`);
  console.log(
    `fabrications caught: ${report.caught}/${report.fabricationsTotal} = ${pct(report.catchRate)} (target >= 95%)`,
  );
  console.log(`  reported under the expected fact kind: ${pct(report.rightKindRate)}`);
  console.log(
    `false alarms on faithful rewrites: ${report.falseAlarms}/${report.rewritesTotal} = ${pct(report.falseAlarmRate)} (target <= 5%)`,
  );
  for (const m of report.missed) console.log(`  missed: ${m}`);
  for (const a of report.alarms) console.log(`  alarm: ${a}`);
  console.log(`eval time: ${elapsed.toFixed(0)} ms`);
  if (report.catchRate < 0.95 || report.falseAlarmRate > 0.05) process.exitCode = 1;
}
