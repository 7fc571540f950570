// Scores the service's reading of a CV file against the ground truth a person wrote for it
// (test/fixtures/reading/README.md). Used by `npm run eval:reading` and by the corpus test.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CvStructure, parseCv } from '../../src/analysis/index.ts';
import { extractText } from '../../src/documents/index.ts';
import { AppError } from '../../src/platform/errors.ts';

export interface TruthJob {
  employer: string;
  title: string;
  location?: string | null;
  start: string | null;
  end: string | null;
  bullets: number;
}

export interface Truth {
  id: string;
  producer: string;
  template?: string;
  format: 'pdf' | 'docx';
  layout: string;
  language: string;
  name: string;
  email: string | null;
  phone: string | null;
  sections: string[];
  work: TruthJob[];
  education: { institution: string; degree?: string; end?: string | null }[];
  skills: string[];
}

export const FIELDS = [
  'name',
  'email',
  'phone',
  'employer',
  'title',
  'dates',
  'bullets',
  'education',
  'skills',
  'sections',
] as const;
export type Field = (typeof FIELDS)[number];

/** Hits and trials per field: a CV's name is one trial, each of its jobs one trial per job field. */
export type Tally = Record<Field, { hit: number; of: number }>;

export interface CvResult {
  id: string;
  producer: string;
  tally: Tally;
  misses: string[];
}

export function emptyTally(): Tally {
  return Object.fromEntries(FIELDS.map((f) => [f, { hit: 0, of: 0 }])) as Tally;
}

function count(tally: Tally, field: Field, hit: boolean): void {
  tally[field].of++;
  if (hit) tally[field].hit++;
}

export function addTally(into: Tally, from: Tally): void {
  for (const f of FIELDS) {
    into[f].hit += from[f].hit;
    into[f].of += from[f].of;
  }
}

function words(text: string | null | undefined): string[] {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * The reading names the same thing as the truth: every word of the truth, and at most two words
 * more (a city or a legal form printed on the same line is not a wrong employer).
 */
export function sameText(read: string | null | undefined, truth: string | null | undefined): boolean {
  const t = words(truth);
  const r = words(read);
  if (t.length === 0) return r.length === 0;
  const pool = new Set(r);
  return t.every((w) => pool.has(w)) && r.length - t.length <= 2;
}

function sameDate(read: string | null | undefined, truth: string | null): boolean {
  if (truth === null) return read === null || read === undefined;
  if (read === null || read === undefined) return false;
  return truth.length === 4 || read.length === 4 ? read.slice(0, 4) === truth.slice(0, 4) : read === truth;
}

interface ReadJob {
  name: string | null;
  position: string | null;
  startDate: string | null;
  endDate: string | null;
  highlights: string[];
}

function jobSimilarity(read: ReadJob, truth: TruthJob): number {
  let score = 0;
  if (sameText(read.name, truth.employer)) score += 2;
  if (sameText(read.position, truth.title)) score += 2;
  if (sameDate(read.startDate, truth.start)) score += 1;
  if (sameDate(read.endDate, truth.end)) score += 0.5;
  const overlap = (a: string[], b: string[]) => a.filter((w) => b.includes(w)).length;
  score += 0.1 * overlap(words(`${read.name} ${read.position}`), words(`${truth.employer} ${truth.title}`));
  return score;
}

/** Pairs each true job with the read job most like it (greedy on similarity, each used once). */
function pairJobs(read: ReadJob[], truth: TruthJob[]): (ReadJob | null)[] {
  const pairs: { r: number; t: number; s: number }[] = [];
  read.forEach((rj, r) => {
    truth.forEach((tj, t) => {
      pairs.push({ r, t, s: jobSimilarity(rj, tj) });
    });
  });
  pairs.sort((a, b) => b.s - a.s);
  const out: (ReadJob | null)[] = truth.map(() => null);
  const usedRead = new Set<number>();
  for (const p of pairs) {
    if (p.s < 1 || usedRead.has(p.r) || out[p.t] !== null) continue;
    out[p.t] = read[p.r]!;
    usedRead.add(p.r);
  }
  return out;
}

export function scoreReading(cv: CvStructure, truth: Truth): { tally: Tally; misses: string[] } {
  const tally = emptyTally();
  const misses: string[] = [];
  const check = (field: Field, hit: boolean, detail: () => string) => {
    count(tally, field, hit);
    if (!hit) misses.push(`${field}: ${detail()}`);
  };
  // Credentials after a comma ("Grace Adeyemi, RN, BSN") are part of how a person signs.
  const readName = (cv.basics.name ?? '').split(',')[0];
  const trueName = truth.name.split(',')[0];
  check(
    'name',
    sameText(readName, trueName) && words(readName).length === words(trueName).length,
    () => `${cv.basics.name} ≠ ${truth.name}`,
  );
  if (truth.email !== null) {
    check('email', cv.basics.email?.toLowerCase() === truth.email.toLowerCase(), () => `${cv.basics.email}`);
  }
  if (truth.phone !== null) {
    const digits = (p: string | null) => (p ?? '').replace(/\D/g, '');
    check(
      'phone',
      digits(cv.basics.phone) === digits(truth.phone),
      () => `${cv.basics.phone} ≠ ${truth.phone}`,
    );
  }
  const jobs: ReadJob[] = cv.work;
  const paired = pairJobs(jobs, truth.work);
  truth.work.forEach((tj, k) => {
    const rj = paired[k] ?? null;
    const label = `${tj.title} @ ${tj.employer}`;
    check(
      'employer',
      rj !== null && sameText(rj.name, tj.employer),
      () => `${label}: read ${rj?.name ?? '(no job)'}`,
    );
    check(
      'title',
      rj !== null && sameText(rj.position, tj.title),
      () => `${label}: read ${rj?.position ?? '(no job)'}`,
    );
    check(
      'dates',
      rj !== null && sameDate(rj.startDate, tj.start) && sameDate(rj.endDate, tj.end),
      () => `${label}: read ${rj?.startDate}–${rj?.endDate} ≠ ${tj.start}–${tj.end}`,
    );
    const n = rj?.highlights.length ?? -1;
    check(
      'bullets',
      rj !== null && Math.abs(n - tj.bullets) <= tj.bullets * 0.2,
      () => `${label}: read ${n} ≠ ${tj.bullets}`,
    );
  });
  for (const ed of truth.education) {
    // The institution's words, wherever the reader put them in the entry.
    // "University of Washington" read for "University of Washington, Foster School of Business"
    // names the institution too: the read name must be part of the true one and most of it.
    const hit = cv.education.some((e) => {
      const read = new Set(words(`${e.institution ?? ''} ${e.area ?? ''} ${e.studyType ?? ''}`));
      const truth = words(ed.institution);
      if (truth.every((w) => read.has(w))) return true;
      const name = words(e.institution);
      return name.length >= truth.length / 2 && name.every((w) => truth.includes(w));
    });
    check(
      'education',
      hit,
      () => `${ed.institution}: read ${cv.education.map((e) => e.institution).join('; ')}`,
    );
  }
  const readSkills = cv.skills.flatMap((g) => g.keywords).map((k) => words(k).join(' '));
  for (const skill of truth.skills) {
    const w = words(skill).join(' ');
    // "TrackWise, SAP QM" written as one skill is two to a reader that splits at the comma.
    const found = (text: string) => readSkills.some((k) => k === text || k.includes(text));
    const parts = skill
      .split(/\s*[,/]\s*/)
      .map((p) => words(p).join(' '))
      .filter((p) => p !== '');
    check('skills', found(w) || (parts.length > 1 && parts.every(found)), () => skill);
  }
  for (const section of truth.sections) {
    const read = cv.meta.sectionOrder as string[];
    check('sections', read.includes(section), () => section);
  }
  return { tally, misses };
}

export interface CorpusEntry {
  part: 'dev' | 'heldout';
  file: string;
  truth: Truth;
}

export const CORPUS_DIR = new URL('../fixtures/reading/', import.meta.url).pathname;

export function listCorpus(parts: readonly ('dev' | 'heldout')[] = ['dev', 'heldout']): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const part of parts) {
    const dir = join(CORPUS_DIR, part);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.truth.json')).sort()) {
      const truth = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Truth;
      const file = join(dir, name.replace(/\.truth\.json$/, `.${truth.format}`));
      if (existsSync(file)) out.push({ part, file, truth });
    }
  }
  return out;
}

/** Reads one corpus file the way an upload is read, and parses it. */
export async function readCorpusFile(
  entry: CorpusEntry,
): Promise<{ text: string; layout: string | null; cv: CvStructure }> {
  const data = new Uint8Array(readFileSync(entry.file));
  // A file the service refuses as unreadable reads as nothing: every field of it is missed.
  const read = await extractText(data, entry.truth.format).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'resume_unreadable') return { text: '', layout: null };
    throw error;
  });
  return { text: read.text, layout: read.layout, cv: parseCv(read.text) };
}

export function percent(t: { hit: number; of: number }): string {
  // One decimal: a rule that mends one job of a few hundred must show.
  return t.of === 0 ? '     -' : `${((t.hit / t.of) * 100).toFixed(1).padStart(5)}%`;
}
