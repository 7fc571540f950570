import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  type Evaluation,
  FACT_KINDS,
  fabricate,
  faithfulRewrites,
  namesFact,
  rateOf,
  runEvaluation,
  runPartInWorkers,
  type SummaryRow,
  sourceWordsOf,
  summarize,
} from '../bench/analysis-eval.ts';
import { improveCvOffline } from '../src/analysis/offline-improve.ts';
import { CORPUS_EVAL_MAX, loadCorpusCases } from './helpers/analysis-corpus.ts';
import {
  type EvalCase,
  loadCase,
  loadEvalCases,
  loadHeldOutCases,
  parseJobFixture,
  parseJobStrong,
} from './helpers/analysis-fixtures.ts';

// The held-out part is measured, never tuned on: these floors are the figures it has reached (12
// cases, written blind), so a change that makes the analysis worse on unseen CVs fails here. Raise
// them as the analysis improves; the targets are >= 95% caught, every fact kind >= 85%, <= 5% alarms.
const HELD_OUT_FLOORS: Record<string, number> = {
  caught: 0.89,
  'caught@generated': 0.98,
  'caught@hand-written': 0.75,
  'caught:employer': 1,
  'caught:title': 0.97,
  'caught:date_range': 0.86,
  'caught:date': 0.83,
  'caught:degree': 0.71,
  'caught:institution': 0.94,
  'caught:certification': 0.95,
  'caught:number': 0.95,
  'caught:percentage': 0.95,
  'caught:money': 1,
  'caught:skill': 0.82,
  'caught:name': 0.8,
  'caught:award': 0.76,
  'caught:publication': 0.81,
  'caught:patent': 0.9,
  'caught:membership': 0.9,
  rank: 0.66,
  strong: 0.5,
  unrelated: 0.88,
};
// False alarms may not rise above these shares.
const HELD_OUT_CEILINGS: Record<string, number> = {
  alarms: 0.26,
  'alarms@generated': 0.19,
  'alarms@hand-written': 0.62,
};

// The corpus part (the reading corpus's dev CVs, each with a job built from its own latest title,
// generated fabrications and rewrites only) is tuned material, so these are floors, not targets:
// the figures it reached when it was added (100 of the 231 CVs). Raise them as the guard improves.
const CORPUS_FLOORS: Record<string, number> = {
  caught: 0.98,
  'caught:employer': 1,
  // 168/190 with the reading corpus's batch 17 in the sample, 160/184 with batch 19 (another
  // sample of the same kind of misses: a target title put on a job where the CV's own is close).
  'caught:title': 0.865,
  'caught:date_range': 0.99,
  // 31/34 with the reading corpus's b15–b16 CVs in the sample; the guard at HEAD misses the same three.
  'caught:date': 0.91,
  'caught:degree': 0.99,
  // 98/99 with react-pdf-b16-nosepass-en in the sample, whose school edit lands in the contact
  // line ("University of Oxford, Ireland"): the guard at HEAD passes it too.
  'caught:institution': 0.98,
  'caught:certification': 1,
  // 91/94 with batch 17 in the sample: the guard misses two, and a Europass footer's "15 de marzo
  // de 2024" made "24 de marzo" is a date's day, which is no count. 89/93 with batch 24 in the
  // sample: three more CVs where a count inflated by one passes (the guard at the commit before
  // batch 22 misses the same four on this sample).
  'caught:number': 0.955,
  'caught:percentage': 1,
  'caught:money': 1,
  // 184/191 with the b15–b16 CVs in the sample: the guard at HEAD misses the same seven tools.
  'caught:skill': 0.96,
  'caught:name': 1,
  'caught:award': 1,
  'caught:publication': 1,
  'caught:patent': 1,
  'caught:membership': 1,
  offline_kept: 0.99,
  // 96/100 with batch 25 in the sample, alarms 4.3%: the new sample holds CVs the reader still
  // misreads (an AltaCV sidebar read into the jobs, a company's blurb read as its title), whose
  // garbled facts the rewrites restate; the guard at the commit before batch 22 gives 95/100 and
  // 5.4% on the same sample.
  offline_pass: 0.96,
};
const CORPUS_CEILINGS: Record<string, number> = {
  alarms: 0.045,
};

describe('analysis evaluation', () => {
  let tunedCases: EvalCase[];
  let heldOutCases: EvalCase[];
  let corpusCases: EvalCase[];
  let evaluation: Evaluation;
  let tuned: SummaryRow[];
  let heldOut: SummaryRow[];
  let corpus: SummaryRow[];
  before(async () => {
    tunedCases = loadEvalCases();
    heldOutCases = loadHeldOutCases(undefined, () => {});
    corpusCases = await loadCorpusCases(CORPUS_EVAL_MAX);
    // The corpus part runs in worker threads beside the other two.
    const corpusRun = runPartInWorkers(corpusCases);
    evaluation = runEvaluation(tunedCases, heldOutCases);
    tuned = summarize(evaluation.tuned);
    heldOut = summarize(evaluation.heldOut);
    corpus = summarize(await corpusRun, { ranked: false });
  });

  it('covers at least 20 tuned CV/job pairs in four languages, each job saying whether the match is strong', () => {
    assert.ok(tunedCases.length >= 20, `${tunedCases.length} pairs`);
    const languages = new Set(tunedCases.map((c) => c.id.slice(-2)));
    assert.deepEqual([...languages].sort(), ['de', 'en', 'es', 'fr']);
    for (const c of tunedCases) assert.equal(typeof c.strong, 'boolean', `${c.id}: strong`);
    const all = [...evaluation.tuned.fabrications, ...evaluation.heldOut.fabrications];
    const rewrites = [...evaluation.tuned.rewrites, ...evaluation.heldOut.rewrites];
    assert.ok(all.length >= 300, `${all.length} fabrications`);
    assert.ok(rewrites.length >= 100, `${rewrites.length} rewrites`);
  });

  it('meets the targets on the tuned part where they are met', () => {
    const misses = evaluation.tuned.fabrications.filter((f) => !f.caught).map((f) => `${f.id} ${f.kind}`);
    assert.ok(rateOf(tuned, 'caught') >= 0.95, `caught ${rateOf(tuned, 'caught')}: ${misses.join(', ')}`);
    const alarms = evaluation.tuned.rewrites
      .filter((r) => r.falseAlarm)
      .map((r) => `${r.id} ${r.kinds}: ${r.alarms}`);
    assert.ok(
      rateOf(tuned, 'alarms') <= 0.05,
      `false alarms ${rateOf(tuned, 'alarms')}: ${alarms.join(' | ')}`,
    );
    for (const kind of FACT_KINDS) {
      const row = tuned.find((r) => r.key === `caught:${kind}`)!;
      if (row.total === 0) continue;
      assert.ok(rateOf(tuned, row.key) >= 0.85, `${kind}: ${row.count}/${row.total}`);
    }
    assert.equal(rateOf(tuned, 'offline_pass'), 1);
    assert.equal(rateOf(tuned, 'offline_kept'), 1);
    assert.ok(rateOf(tuned, 'rank') >= 0.85, `ranking ${rateOf(tuned, 'rank')}`);
  });

  it('holds the floors measured on the held-out part', () => {
    if (heldOutCases.length === 0) return;
    for (const [key, floor] of Object.entries(HELD_OUT_FLOORS))
      assert.ok(rateOf(heldOut, key) >= floor, `held-out ${key} ${rateOf(heldOut, key)} < floor ${floor}`);
    for (const [key, ceiling] of Object.entries(HELD_OUT_CEILINGS))
      assert.ok(
        rateOf(heldOut, key) <= ceiling,
        `held-out ${key} ${rateOf(heldOut, key)} > ceiling ${ceiling}`,
      );
  });

  it('holds the floors measured on the corpus part', () => {
    assert.equal(corpusCases.length, CORPUS_EVAL_MAX);
    for (const c of corpusCases) assert.match(c.id, /-(?:en|de|fr|es)$/);
    assert.equal(
      corpus.find((r) => r.key === 'rank'),
      undefined,
      'the corpus jobs are built from the CVs: no ranking',
    );
    for (const [key, floor] of Object.entries(CORPUS_FLOORS))
      assert.ok(rateOf(corpus, key) >= floor, `corpus ${key} ${rateOf(corpus, key)} < floor ${floor}`);
    for (const [key, ceiling] of Object.entries(CORPUS_CEILINGS))
      assert.ok(rateOf(corpus, key) <= ceiling, `corpus ${key} ${rateOf(corpus, key)} > ceiling ${ceiling}`);
  });

  it('generates every kind of fabrication and rewrite, each one different from the base', () => {
    const c = loadCase('software-en');
    const md = improveCvOffline({ cvText: c.cvText, job: c.job, referenceDate: '2025-06' }).markdown;
    const fabs = fabricate(c, md);
    assert.deepEqual(
      fabs.map((f) => f.kind),
      [
        'invented_employer',
        'replaced_employer',
        'invented_client',
        'invented_degree',
        'invented_certification',
        'invented_skill',
        'swapped_tool',
        'swapped_tool',
        'shifted_date',
        'shifted_end',
        'shifted_month',
        'shifted_year',
        'inflated_number',
        'inflated_money',
        'inflated_percentage',
        'invented_award',
        'invented_publication',
        'invented_patent',
        'invented_membership',
        'target_title_on_job',
        'changed_title',
        'changed_institution',
      ],
    );
    for (const f of fabs) assert.ok(f.text.includes(f.fact), `${f.kind} states ${f.fact}`);
    const rewrites = faithfulRewrites(c, md);
    for (const v of [...fabs, ...rewrites]) assert.notEqual(v.text, md, v.kind);
    const kinds = new Set(
      loadEvalCases().flatMap((x) =>
        faithfulRewrites(
          x,
          improveCvOffline({ cvText: x.cvText, job: x.job, referenceDate: '2025-06' }).markdown,
        ).map((r) => r.kind),
      ),
    );
    assert.equal(kinds.size, 17, [...kinds].join(' '));
  });

  it('counts a fabrication as caught only when a finding names the fact', () => {
    const source = sourceWordsOf('Jane Doe\nPrincipal investigator at Acme Ltd, 2019\nSenior Scientist');
    assert.ok(namesFact('Employee of the Year 2022', 'Employee of the Year 2022', [], source));
    assert.ok(namesFact('PhD', 'PhD in Economics', [], source));
    assert.ok(namesFact('Oracle Database', 'Oracle ERP', [], source));
    assert.ok(namesFact('Principal Scientist', 'Principal Scientist, Solid-State Electrolytes', [], source));
    assert.ok(namesFact('2019-01 – present', '01/2019', ['2019-01'], source));
    assert.ok(namesFact('€180k', '180', [], source));
    assert.ok(!namesFact('1800', '180', [], source));
    assert.ok(!namesFact('Acme Ltd', 'Employee of the Year 2022', [], source));
    assert.ok(!namesFact('Senior Scientist', 'Senior Scientist of the Year', [], source));
  });

  it('reads job fixtures with front matter', () => {
    const text =
      '---\nposition: Nurse\nindustry: Health\nexperience_level: 0-2\nstrong: false   # junior\n---\nWe need a nurse.';
    assert.deepEqual(parseJobFixture(text), {
      position: 'Nurse',
      industry: 'Health',
      experience_level: '0-2',
      job_description: 'We need a nurse.',
      location: null,
    });
    assert.equal(parseJobStrong(text), false);
    assert.equal(parseJobStrong('---\nposition: Nurse\n---\nx'), null);
  });

  it('loads held-out cases with their hand-written rewrites and edits, and skips a case still being written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'held-out-'));
    const c = loadCase('software-en');
    const job =
      '---\nposition: Senior Backend Engineer\nindustry: Fintech\nexperience_level: 6+\nstrong: true\n---\nWe build payment APIs in Node.js and need a senior backend engineer.';
    const rewrite = `---\nkinds: [synonyms, reorder_sections]\n---\n${improveCvOffline({ cvText: c.cvText, job: c.job }).markdown}`;
    for (const id of ['good-en', 'half-en']) {
      writeFileSync(join(dir, `${id}.cv.txt`), c.cvText);
      writeFileSync(join(dir, `${id}.job.md`), job);
      writeFileSync(join(dir, `${id}.rewrite-1.md`), rewrite);
    }
    const edit = {
      kind: 'award',
      fact: 'Employee of the Year 2021',
      base: 'rewrite-1',
      find: '- Led a team of 5',
      replace: '- Named Employee of the Year 2021\n- Led a team of 5',
    };
    writeFileSync(join(dir, 'good-en.fabrications.json'), JSON.stringify([edit]));
    writeFileSync(
      join(dir, 'half-en.fabrications.json'),
      JSON.stringify([{ ...edit, find: 'not in the rewrite' }]),
    );
    writeFileSync(join(dir, 'lonely-en.cv.txt'), c.cvText);
    const warnings: string[] = [];
    const cases = loadHeldOutCases(dir, (m) => warnings.push(m));
    assert.deepEqual(
      cases.map((x) => x.id),
      ['good-en'],
    );
    assert.equal(warnings.length, 2, warnings.join('\n'));
    const [good] = cases;
    assert.equal(good!.strong, true);
    assert.deepEqual(
      good!.rewrites!.map((r) => r.kinds),
      [['synonyms', 'reorder_sections']],
    );
    assert.match(good!.fabrications![0]!.text, /- Named Employee of the Year 2021\n- Led a team of 5/);
  });
});
