// The figures of one part of the evaluation, as rows that both parts share, so `npm run eval` can
// print them side by side and the tests can read them by key.
import { FACT_KINDS } from './fabrications.ts';
import { REWRITE_KINDS } from './rewrites.ts';
import type { PartReport } from './run.ts';

export interface SummaryRow {
  /** stable key: `caught`, `caught:skill`, `alarms:frequency`, `rank`… */
  readonly key: string;
  readonly label: string;
  /** a count over a total (a rate), or a mean when `total` is null */
  readonly count: number;
  readonly total: number | null;
  readonly target?: string;
}

const LOW = 25;
const HIGH = 75;

const HAND_ONLY_KINDS = ['synonyms', 'reorder_sections', 'merge_bullets'];

/**
 * The rows of one part. `ranked: false` (the corpus part, whose jobs are built from each CV) leaves
 * out the ranking and level rows, which need real jobs.
 */
export function summarize(part: PartReport, { ranked = true }: { ranked?: boolean } = {}): SummaryRow[] {
  const { cases, fabrications: fab, rewrites: rew } = part;
  const rows: SummaryRow[] = [];
  const rate = (key: string, label: string, count: number, total: number, target?: string) =>
    rows.push({ key, label, count, total, ...(target === undefined ? {} : { target }) });

  rate(
    'caught',
    'fabrications caught (a finding names the fact)',
    fab.filter((f) => f.caught).length,
    fab.length,
    '>= 95%',
  );
  rate('flagged', '  text failed at all (named or not)', fab.filter((f) => f.flagged).length, fab.length);
  for (const origin of ['generated', 'hand-written'] as const) {
    const of = fab.filter((f) => f.origin === origin);
    rate(`caught@${origin}`, `  ${origin}`, of.filter((f) => f.caught).length, of.length);
  }
  for (const kind of FACT_KINDS) {
    const of = fab.filter((f) => f.factKind === kind);
    rate(`caught:${kind}`, `  fact kind ${kind}`, of.filter((f) => f.caught).length, of.length, '>= 85%');
  }
  rate(
    'alarms',
    'false alarms on faithful rewrites',
    rew.filter((r) => r.falseAlarm).length,
    rew.length,
    '<= 5%',
  );
  for (const origin of ['generated', 'hand-written'] as const) {
    const of = rew.filter((r) => r.origin === origin);
    rate(`alarms@${origin}`, `  ${origin}`, of.filter((r) => r.falseAlarm).length, of.length);
  }
  const kinds = [...REWRITE_KINDS, ...HAND_ONLY_KINDS.filter((k) => !REWRITE_KINDS.includes(k as never))];
  for (const kind of kinds) {
    const of = rew.filter((r) => r.kinds.includes(kind));
    rate(`alarms:${kind}`, `  paraphrase ${kind}`, of.filter((r) => r.falseAlarm).length, of.length);
  }
  if (ranked) {
    rate(
      'rank',
      'own job ranked first among all jobs',
      cases.filter((c) => c.ownJobRank === 1).length,
      cases.length,
    );
    const strong = cases.filter((c) => c.strong === true);
    rate(
      'strong',
      `strong pairs scoring >= ${HIGH}`,
      strong.filter((c) => c.scoreBefore >= HIGH).length,
      strong.length,
    );
    const unrelated = cases.flatMap((c) => c.unrelatedScores);
    rate(
      'unrelated',
      `unrelated pairs scoring < ${LOW}`,
      unrelated.filter((u) => u.score < LOW).length,
      unrelated.length,
    );
  }
  const change = cases.reduce((n, c) => n + c.scoreAfter - c.scoreBefore, 0);
  rows.push({
    key: 'score_change',
    label: 'average score change of the offline improvement',
    count: cases.length === 0 ? 0 : change / cases.length,
    total: null,
  });
  rate(
    'offline_pass',
    'offline improvements passing the fact guard',
    cases.filter((c) => c.offlinePassed).length,
    cases.length,
  );
  rate(
    'offline_kept',
    'offline improvements dropping nothing',
    cases.filter((c) => c.offlineDropped.length === 0).length,
    cases.length,
  );
  return rows;
}

/** The rate of a row, 0 when there is nothing to count. */
export function rateOf(rows: readonly SummaryRow[], key: string): number {
  const row = rows.find((r) => r.key === key);
  if (row === undefined || row.total === null || row.total === 0) return row?.total === null ? row.count : 0;
  return row.count / row.total;
}
