// Runs the evaluation over one part of the set (tuned or held-out): the offline improvement's score
// change, invented and dropped facts; the fact guard on generated and hand-written fabrications
// (caught only when a finding names the untrue fact) and faithful rewrites; whether each CV ranks
// its own job first; whether strong pairs score high and unrelated ones low.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CvStructure, parseCv } from '../../src/analysis/cv-structure.ts';
import { checkFacts, type FactGuardResult } from '../../src/analysis/fact-guard.ts';
import { analyzeJob, type JobProfile } from '../../src/analysis/job.ts';
import { scoreMatch } from '../../src/analysis/match-score.ts';
import { improveCvOffline } from '../../src/analysis/offline-improve.ts';
import type { EvalCase } from '../../test/helpers/analysis-fixtures.ts';
import { type EvalFactKind, type Fabrication, fabricate } from './fabrications.ts';
import { comparable } from './markdown.ts';
import { faithfulRewrites } from './rewrites.ts';

export type Origin = 'generated' | 'hand-written';

export interface FabricationResult {
  readonly id: string;
  /** how it was made: a generator kind, or `hand-written` */
  readonly kind: string;
  readonly factKind: EvalFactKind | string;
  readonly fact: string;
  readonly origin: Origin;
  /** the guard failed the text */
  readonly flagged: boolean;
  /** the guard failed the text and a finding names the untrue fact */
  readonly caught: boolean;
  readonly findings: string[];
}

export interface RewriteResult {
  readonly id: string;
  readonly kinds: readonly string[];
  readonly origin: Origin;
  /** the hand-written rewrite's file, `<id>.rewrite-3.md`; null for a generated one */
  readonly file: string | null;
  readonly falseAlarm: boolean;
  readonly alarms: string[];
}

export interface CaseResult {
  readonly id: string;
  readonly strong: boolean | null;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  readonly offlinePassed: boolean;
  /** facts of the offline improvement that the CV does not state: invented or changed */
  readonly offlineInvented: string[];
  /** items of the CV the offline improvement left out (see `droppedItems`) */
  readonly offlineDropped: string[];
  /** 1 when the CV scores its own job above every other job of the set */
  readonly ownJobRank: number;
  /** scores of this CV against the jobs of professions unrelated to its own */
  readonly unrelatedScores: { job: string; score: number }[];
  readonly fabrications: FabricationResult[];
  readonly rewrites: RewriteResult[];
}

/** One part of the evaluation, the tuned or the held-out one. */
export interface PartReport {
  readonly cases: CaseResult[];
  readonly fabrications: FabricationResult[];
  readonly rewrites: RewriteResult[];
}

/** A job of the set, for the ranking and level checks. */
export interface JobEntry {
  readonly id: string;
  readonly profile: JobProfile;
}

// Professions close enough that a CV of one may fairly score well against a job of another; any
// profession not named here is its own family.
const FAMILIES: readonly [RegExp, string][] = [
  [/nurs|pharma|doctor|physician|medic|clinic|care|dental|physio|midwife|therap/, 'health'],
  [/account|cfo|financ|controller|audit|tax|bank|treasur/, 'finance'],
  [
    /software|devops|data|graduate|developer|sre|cloud|security|web|frontend|backend|engineer-it|ml|it-/,
    'tech',
  ],
  [/hr|recruit|people|talent/, 'people'],
  [/teach|lecturer|tutor|educat/, 'education'],
  [/civil|mechanic|electric|architect|construct/, 'engineering'],
  [/logistic|operation|supply|warehouse|procure|purchas/, 'operations'],
  [/sales|marketing|account-exec|business-dev/, 'commerce'],
  [/design|ux|ui-/, 'design'],
  [/research|scien|chemist|lab/, 'research'],
  [/support|service|call/, 'service'],
];

/** `nursing-de` → `nursing`; `data-twocolumn-en` → `data-twocolumn`. */
function professionOf(id: string): string {
  return id.replace(/-(?:en|de|fr|es)$/, '');
}

export function familyOf(id: string): string {
  const profession = professionOf(id);
  return FAMILIES.find(([re]) => re.test(profession))?.[1] ?? profession;
}

function describe(r: FactGuardResult): string[] {
  return [
    ...r.invented.map((f) => `invented ${f.kind} "${f.value}"`),
    ...r.changed.map((f) => `changed ${f.kind} "${f.from}" → "${f.to}"`),
  ];
}

/** The CV's words and its text as words, to tell a fact's new words from the ones it shares with the CV. */
export interface SourceWords {
  readonly words: ReadonlySet<string>;
  /** the whole CV as ` word word … `, for phrases */
  readonly text: string;
}

export function sourceWordsOf(cvText: string): SourceWords {
  const text = ` ${cvText
    .split('\n')
    .map((l) => comparable(l))
    .join(' | ')} `;
  return { words: new Set(text.split(' ')), text };
}

/**
 * Whether a finding's value names the untrue fact: it holds the whole fact (or one of its other
 * spellings), or a significant part of it: a word of the fact that the CV never uses ("Oracle
 * Database" names "Oracle ERP", "PhD" names "PhD in Economics"), or several words of the fact that
 * the CV never writes together ("Principal Scientist" names "Principal Scientist, Solid-State
 * Electrolytes"). A number must be the number itself, not digits inside another.
 */
export function namesFact(
  value: string,
  fact: string,
  keys: readonly string[],
  source: SourceWords,
): boolean {
  const v = comparable(value);
  if (v === '') return false;
  const words = new Set(v.split(' '));
  for (const f of [fact, ...keys].map(comparable)) {
    if (f === '') continue;
    if (/^[\d ]+$/.test(f)) {
      if (new RegExp(`(?<!\\d)${f}(?!\\d)`).test(v)) return true;
      continue;
    }
    if (` ${v} `.includes(` ${f} `)) return true;
    const significant = (t: string) =>
      (t.length >= 3 || (/\d/.test(t) && t.length >= 2)) && !source.words.has(t);
    if (f.split(' ').some((t) => significant(t) && words.has(t))) return true;
    if (v.includes(' ') && ` ${f} `.includes(` ${v} `) && !source.text.includes(` ${v} `)) return true;
  }
  return false;
}

/**
 * A change names a fact written as a whole line ("ACCA Qualification, 2019") when its new value is
 * in that line and its old value is not: the guard found exactly the part that was altered.
 */
export function namesChange(from: string, to: string, fact: string): boolean {
  const f = ` ${comparable(fact)} `;
  const [a, b] = [comparable(from), comparable(to)];
  return a !== '' && b !== '' && a !== b && f.includes(` ${b} `) && !f.includes(` ${a} `);
}

function checkFabrication(
  c: EvalCase,
  cv: CvStructure,
  f: Pick<Fabrication, 'text' | 'fact' | 'factKeys'> & { kind: string; factKind: string },
  origin: Origin,
  options: { referenceDate: string; targetPosition: string },
  sourceWords: SourceWords,
): FabricationResult {
  const r = checkFacts(cv, f.text, options);
  const values = [...r.invented.map((x) => x.value), ...r.changed.map((x) => x.to)];
  const caught =
    !r.passed &&
    (values.some((v) => namesFact(v, f.fact, f.factKeys ?? [], sourceWords)) ||
      r.changed.some((x) => namesChange(x.from, x.to, f.fact)));
  return {
    id: c.id,
    kind: f.kind,
    factKind: f.factKind,
    fact: f.fact,
    origin,
    flagged: !r.passed,
    caught,
    findings: describe(r),
  };
}

function checkRewrite(
  c: EvalCase,
  cv: CvStructure,
  text: string,
  kinds: readonly string[],
  origin: Origin,
  file: string | null,
  options: { referenceDate: string; targetPosition: string },
): RewriteResult {
  const r = checkFacts(cv, text, options);
  return { id: c.id, kinds, origin, file, falseAlarm: !r.passed, alarms: describe(r) };
}

/** Ranking and level against every job of the set. */
function placement(c: EvalCase, cv: CvStructure, jobs: readonly JobEntry[], referenceDate: string) {
  const scores = jobs.map((j) => ({ job: j.id, score: scoreMatch(cv, j.profile, { referenceDate }).score }));
  const own = scores.find((s) => s.job === c.id)?.score ?? 0;
  const ownJobRank = 1 + scores.filter((s) => s.job !== c.id && s.score >= own).length;
  const family = familyOf(c.id);
  const unrelatedScores = scores.filter((s) => familyOf(s.job) !== family);
  return { ownJobRank, unrelatedScores };
}

/**
 * Runs one part; `jobs` are the jobs of the whole set, against which each CV is ranked. With no
 * jobs (the corpus part, whose jobs only name the CV's own title) nothing is ranked: every CV
 * ranks first and has no unrelated scores, and `summarize` leaves those rows out for it.
 */
export function runPart(
  cases: readonly EvalCase[],
  jobs: readonly JobEntry[],
  referenceDate = '2025-06',
): PartReport {
  const results: CaseResult[] = cases.map((c) => {
    const job = jobs.find((j) => j.id === c.id)?.profile ?? analyzeJob(c.job);
    const cv = parseCv(c.cvText);
    const options = { referenceDate, targetPosition: c.job.position };
    const improved = improveCvOffline({ cvText: c.cvText, job, referenceDate }).markdown;
    const scoreBefore = scoreMatch(cv, job, { referenceDate }).score;
    const scoreAfter = scoreMatch(improved, job, { referenceDate }).score;
    // The guard reads the source once: the parsed CV stands for its text.
    const offline = checkFacts(cv, improved, options);
    const sourceWords = sourceWordsOf(c.cvText);
    const fabrications = [
      ...fabricate(c, improved).map((f) => checkFabrication(c, cv, f, 'generated', options, sourceWords)),
      ...(c.fabrications ?? []).map((f) =>
        checkFabrication(
          c,
          cv,
          { ...f, kind: 'hand-written', factKind: f.kind },
          'hand-written',
          options,
          sourceWords,
        ),
      ),
    ];
    const rewrites = [
      ...faithfulRewrites(c, improved).map((r) =>
        checkRewrite(c, cv, r.text, [r.kind], 'generated', null, options),
      ),
      ...(c.rewrites ?? []).map((r) =>
        checkRewrite(c, cv, r.text, r.kinds, 'hand-written', `${c.id}.${r.name}.md`, options),
      ),
    ];
    return {
      id: c.id,
      strong: c.strong ?? null,
      scoreBefore,
      scoreAfter,
      offlinePassed: offline.passed,
      offlineInvented: describe(offline),
      offlineDropped: droppedItems(cv, improved),
      ...placement(c, cv, jobs, referenceDate),
      fabrications,
      rewrites,
    };
  });
  return {
    cases: results,
    fabrications: results.flatMap((r) => r.fabrications),
    rewrites: results.flatMap((r) => r.rewrites),
  };
}

export interface Evaluation {
  readonly tuned: PartReport;
  readonly heldOut: PartReport;
}

/**
 * `runPart(cases, [])` shared over worker threads, one per core (at most `threads`), each taking a
 * run of consecutive cases so the results keep the cases' order. Starts at once and runs beside
 * whatever the calling thread does next (the tuned and held-out parts).
 */
export async function runPartInWorkers(
  cases: readonly EvalCase[],
  referenceDate = '2025-06',
  threads = availableParallelism(),
): Promise<PartReport> {
  const n = Math.max(1, Math.min(threads, cases.length));
  const shares = Array.from({ length: n }, (_, i) =>
    cases.slice(Math.floor((i * cases.length) / n), Math.floor(((i + 1) * cases.length) / n)),
  );
  const reports = await Promise.all(
    shares.map(
      (share) =>
        new Promise<PartReport>((resolve, reject) => {
          const worker = new Worker(new URL('./part-worker.ts', import.meta.url), {
            workerData: { cases: share, referenceDate },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`corpus worker exited with ${code}`)));
        }),
    ),
  );
  return {
    cases: reports.flatMap((r) => r.cases),
    fabrications: reports.flatMap((r) => r.fabrications),
    rewrites: reports.flatMap((r) => r.rewrites),
  };
}

/** Both parts, each CV ranked against the jobs of both. */
export function runEvaluation(
  tuned: readonly EvalCase[],
  heldOut: readonly EvalCase[],
  referenceDate = '2025-06',
): Evaluation {
  const jobs = [...tuned, ...heldOut].map((c) => ({ id: c.id, profile: analyzeJob(c.job) }));
  return { tuned: runPart(tuned, jobs, referenceDate), heldOut: runPart(heldOut, jobs, referenceDate) };
}

/**
 * What the output no longer holds of the CV: every job (title, employer and dates), degree,
 * certificate, language, contact detail, skills-list item and bullet must still be there. Read
 * on the structure of both, and on the output's words, so a new layout is no drop.
 */
export function droppedItems(source: CvStructure, outputText: string): string[] {
  const output = parseCv(outputText);
  const text = ` ${outputText
    .split('\n')
    .map((l) => comparable(l))
    .join(' | ')} `;
  const has = (value: string | null) =>
    value === null || value.trim() === '' || text.includes(comparable(value));
  const dropped: string[] = [];
  for (const w of [
    ...source.work,
    ...source.volunteer.map(({ organization, ...v }) => ({ ...v, name: organization })),
  ]) {
    const dated =
      output.work.some(
        (o) => o.startDate === w.startDate && o.endDate === w.endDate && o.current === w.current,
      ) ||
      output.volunteer.some(
        (o) => o.startDate === w.startDate && o.endDate === w.endDate && o.current === w.current,
      );
    if (!dated || !has(w.position) || !has(w.name))
      dropped.push(`job: ${w.position ?? ''} — ${w.name ?? ''}`);
  }
  for (const e of source.education) {
    if (!has(e.studyType) || !has(e.area) || !has(e.institution))
      dropped.push(`degree: ${[e.studyType, e.area, e.institution].filter((x) => x !== null).join(' ')}`);
  }
  for (const c of source.certificates) if (!has(c.name)) dropped.push(`certificate: ${c.name}`);
  for (const l of source.languages) if (!has(l.language)) dropped.push(`language: ${l.language}`);
  const b = source.basics;
  for (const contact of [
    b.name,
    b.email,
    b.phone,
    b.url,
    b.location?.address ?? null,
    ...b.profiles.map((p) => p.url),
  ]) {
    if (!has(contact)) dropped.push(`contact: ${contact}`);
  }
  for (const k of source.skills.flatMap((g) => g.keywords)) if (!has(k)) dropped.push(`skill: ${k}`);
  const bullets = [
    ...source.work.flatMap((w) => w.highlights),
    ...source.volunteer.flatMap((w) => w.highlights),
    ...source.projects.flatMap((p) => p.highlights),
    ...source.education.flatMap((e) => e.highlights),
  ];
  for (const h of bullets) if (!has(h)) dropped.push(`bullet: ${h}`);
  return dropped;
}
