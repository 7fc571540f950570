// Loads the CV/job pairs of test/fixtures/analysis (the tuned part of the evaluation) and of
// test/fixtures/analysis-held-out (the held-out part, with hand-written rewrites and fabrications)
// for the analysis tests and `npm run eval`. Nothing at runtime imports it: the analysis itself
// reads no files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACT_KINDS } from '../../src/analysis/fact-guard.ts';
import type { ExperienceLevel, JobInput } from '../../src/analysis/job.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures', 'analysis');
export const HELD_OUT_DIR = join(import.meta.dirname, '..', 'fixtures', 'analysis-held-out');

/** A faithful rewrite written by hand, with the paraphrase kinds it uses. */
export interface HandRewrite {
  /** `rewrite-1` for `<id>.rewrite-1.md` */
  readonly name: string;
  readonly kinds: readonly string[];
  readonly text: string;
}

/** A hand-written edit that puts one untrue fact into a rewrite. */
export interface HandFabrication {
  /** the fact kind it is counted under */
  readonly kind: string;
  readonly fact: string;
  readonly base: string;
  /** the base rewrite with the edit applied */
  readonly text: string;
}

/** A CV and the job it is measured against. */
export interface EvalCase {
  readonly id: string;
  readonly cvText: string;
  readonly job: JobInput;
  /** whether a recruiter would call the CV a strong match for the job (`strong:` in the job's front matter) */
  readonly strong?: boolean | null;
  readonly rewrites?: readonly HandRewrite[];
  readonly fabrications?: readonly HandFabrication[];
}

/** The paraphrase kinds a hand-written rewrite may list. */
export const HAND_REWRITE_KINDS: ReadonlySet<string> = new Set([
  'abbreviation',
  'hyphenated_compound',
  'number_words',
  'frequency',
  'duration',
  'date_format',
  'reordered_clauses',
  'group_labels',
  'headline_target',
  'synonyms',
  'reorder_sections',
  'merge_bullets',
]);

/** The fact kinds a hand-written fabrication may be counted under. */
export const HAND_FACT_KINDS: ReadonlySet<string> = new Set(FACT_KINDS);

function frontMatter(text: string): { meta: Record<string, string>; body: string; found: boolean } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const meta: Record<string, string> = {};
  for (const line of (m?.[1] ?? '').split(/\r?\n/)) {
    const at = line.indexOf(':');
    // A comment after the value ("strong: true   # a recruiter would say so") is no part of it.
    if (at > 0)
      meta[line.slice(0, at).trim()] = line
        .slice(at + 1)
        .replace(/\s+#.*$/, '')
        .trim();
  }
  return { meta, body: m === null ? text : text.slice(m[0].length), found: m !== null };
}

/** Reads a job fixture: a `---` front matter with position, industry, experience_level, then the description. */
export function parseJobFixture(text: string): JobInput {
  const { meta, body } = frontMatter(text);
  const level = meta.experience_level;
  return {
    position: meta.position ?? '',
    industry: meta.industry ?? '',
    experience_level:
      level === '0-2' || level === '3-5' || level === '6+' ? (level as ExperienceLevel) : '3-5',
    job_description: body,
    location: meta.location ?? null,
  };
}

/** `strong: true|false` of a job fixture; null when it is missing or neither. */
export function parseJobStrong(text: string): boolean | null {
  const value = frontMatter(text).meta.strong;
  return value === 'true' ? true : value === 'false' ? false : null;
}

/** Thrown for a case whose files are incomplete or malformed. */
class InvalidCase extends Error {}

function readRewrites(dir: string, files: readonly string[], id: string): HandRewrite[] {
  const re = new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(rewrite-\\d+)\\.md$`);
  return files.flatMap((f) => {
    const m = re.exec(f);
    if (m === null) return [];
    const { meta, body, found } = frontMatter(readFileSync(join(dir, f), 'utf8'));
    const list = /^\[(.*)\]$/.exec(meta.kinds ?? '');
    if (!found || list === null) throw new InvalidCase(`${m[1]}: no "kinds: [...]" front matter`);
    const kinds = list[1]!
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    const unknown = kinds.filter((k) => !HAND_REWRITE_KINDS.has(k));
    if (kinds.length === 0 || unknown.length > 0) throw new InvalidCase(`${m[1]}: kinds ${list[1]}`);
    if (body.trim().length < 100) throw new InvalidCase(`${m[1]}: empty`);
    return [{ name: m[1]!, kinds, text: body }];
  });
}

function readFabrications(path: string, rewrites: readonly HandRewrite[]): HandFabrication[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InvalidCase('fabrications.json does not parse');
  }
  if (!Array.isArray(entries)) throw new InvalidCase('fabrications.json is not an array');
  return entries.map((e: Record<string, unknown>, i) => {
    const { kind, fact, base, find, replace } = e ?? {};
    const where = `fabrication ${i + 1}`;
    if (![kind, fact, base, find, replace].every((v) => typeof v === 'string' && v !== ''))
      throw new InvalidCase(`${where}: a field is missing`);
    if (!HAND_FACT_KINDS.has(kind as string)) throw new InvalidCase(`${where}: unknown kind`);
    const rewrite = rewrites.find((r) => r.name === base);
    if (rewrite === undefined) throw new InvalidCase(`${where}: no ${String(base)}`);
    if (rewrite.text.split(find as string).length !== 2)
      throw new InvalidCase(`${where}: find is not in ${String(base)} exactly once`);
    if (!(replace as string).includes(fact as string))
      throw new InvalidCase(`${where}: replace does not hold the fact`);
    return {
      kind: kind as string,
      fact: fact as string,
      base: base as string,
      text: rewrite.text.replace(find as string, () => replace as string),
    };
  });
}

function readCase(dir: string, files: readonly string[], cvFile: string, complete: boolean): EvalCase | null {
  const id = cvFile.replace(/\.cv\.(?:txt|md)$/, '');
  const jobFile = files.find((j) => j === `${id}.job.md` || j === `${id}.job.txt`);
  if (jobFile === undefined) {
    if (complete) throw new InvalidCase('no job file');
    return null;
  }
  const cvText = readFileSync(join(dir, cvFile), 'utf8');
  const jobText = readFileSync(join(dir, jobFile), 'utf8');
  const job = parseJobFixture(jobText);
  const strong = parseJobStrong(jobText);
  if (cvText.trim().length < 100) throw new InvalidCase('CV is empty');
  if (job.position === '' || (job.job_description ?? '').trim().length < 50)
    throw new InvalidCase('job is incomplete');
  if (complete && strong === null) throw new InvalidCase('job has no "strong: true|false"');
  const rewrites = readRewrites(dir, files, id);
  const fabricationsFile = `${id}.fabrications.json`;
  if (complete && rewrites.length === 0) throw new InvalidCase('no rewrite');
  if (complete && !files.includes(fabricationsFile)) throw new InvalidCase('no fabrications.json');
  const fabrications = files.includes(fabricationsFile)
    ? readFabrications(join(dir, fabricationsFile), rewrites)
    : [];
  return { id, cvText, job, strong, rewrites, fabrications };
}

/** The tuned part: every CV/job pair of `dir`; a malformed fixture there is an error. */
export function loadEvalCases(dir = FIXTURES_DIR): EvalCase[] {
  const files = readdirSync(dir).sort();
  return files
    .filter((f) => /\.cv\.(?:txt|md)$/.test(f))
    .flatMap((f) => {
      const c = readCase(dir, files, f, false);
      return c === null ? [] : [c];
    });
}

/**
 * The held-out part: complete cases only. A case still being written (a file missing, a rewrite
 * without kinds, an edit whose `find` is not in its base) is skipped with a warning, not an error.
 */
export function loadHeldOutCases(
  dir = HELD_OUT_DIR,
  warn: (message: string) => void = console.warn,
): EvalCase[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).sort();
  const ids = new Set(files.map((f) => f.split('.')[0]!).filter((id) => /^[a-z0-9-]+$/.test(id)));
  return [...ids].flatMap((id) => {
    const cvFile = files.find((f) => f === `${id}.cv.txt` || f === `${id}.cv.md`);
    try {
      if (cvFile === undefined) throw new InvalidCase('no CV file');
      const c = readCase(dir, files, cvFile, true);
      return c === null ? [] : [c];
    } catch (error) {
      if (!(error instanceof InvalidCase)) throw error;
      warn(`held-out case ${id} skipped: ${error.message}`);
      return [];
    }
  });
}

export function loadCase(id: string): EvalCase {
  const found = loadEvalCases().find((c) => c.id === id);
  if (found === undefined) throw new Error(`no fixture ${id}`);
  return found;
}

/** A job outside software whose main asks are not in the skills vocabulary. */
export const NURSE_JOB: JobInput = {
  position: 'Cardiology Staff Nurse',
  industry: 'Healthcare',
  experience_level: '3-5',
  job_description: [
    'Requirements:',
    '- NMC registration',
    '- Experience in cardiology or coronary care',
    '- IV therapy competency',
    '- ALS certification is essential',
    'Desirable:',
    '- Experience with Cerner',
    '- Mentoring students',
  ].join('\n'),
};

export const NURSE_CV = [
  'Priya Raman',
  'Registered Nurse | Leeds',
  'Experience',
  'Staff Nurse, Leeds General Infirmary (2019 – present)',
  '- Delivered care on a 28-bed cardiology ward, including telemetry monitoring',
  '- Administered IV medication and maintained accurate records in EPIC',
  "Healthcare Assistant, St James's Hospital (2016 – 2019)",
  '- Supported patients with daily living activities',
  'Education',
  'BSc (Hons) Adult Nursing, University of Leeds, 2019',
  'Skills',
  'Patient assessment, IV therapy, EPIC, wound care, BLS',
].join('\n');
