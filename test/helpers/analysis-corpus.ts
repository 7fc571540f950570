// The corpus part of the analysis evaluation: the English, German, French and Spanish CVs of the
// reading corpus's dev part (test/fixtures/reading/dev/, which may be tuned on), each as the
// service reads it, paired with a generic job built from the CV itself. Its 20 hand-made pairs
// are what the fact guard was tuned on; these real CVs from many producers and layouts are more
// varied tuning material. The reading corpus's held-out part is never read here.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobInput } from '../../src/analysis/job.ts';
import { closeExtraction, extractText } from '../../src/documents/index.ts';
import type { EvalCase } from './analysis-fixtures.ts';
import { type CorpusEntry, listCorpus, type TruthJob } from './reading-score.ts';

const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;

/**
 * How many corpus CVs `npm run eval` and its test measure, the same sample in both: the guard
 * checks ~30 texts per CV (~0.4 s a CV), and the evaluation should stay under a minute on 2 cores.
 */
export const CORPUS_EVAL_MAX = 100;
type CorpusLanguage = (typeof LANGUAGES)[number];

// One line in the CV's language, so the job is read as written in it (`jobLanguage`).
const JOB_LINES: Record<CorpusLanguage, (position: string) => string> = {
  en: (p) => `We are looking for a ${p} with the experience and skills of your CV to join our team.`,
  de: (p) => `Wir suchen für unser Team eine:n ${p} mit Erfahrung und Kenntnissen wie in Ihrem Lebenslauf.`,
  fr: (p) => `Nous recherchons pour notre équipe un ou une ${p} avec les compétences de votre CV.`,
  es: (p) => `Buscamos para nuestro equipo una persona ${p} con la experiencia y los conocimientos de tu CV.`,
};

const DOCUMENTS_DIR = join(import.meta.dirname, '..', '..', 'src', 'documents');

/** `2021-03` / `2021` / null (current) as a sortable key: a current job is the latest. */
function endKey(job: TruthJob): string {
  return job.end ?? '9999';
}

/** The CV's latest title: the job that ends last (a current one first), the earlier listed on a tie. */
function latestTitle(work: readonly TruthJob[]): string | null {
  let latest: TruthJob | null = null;
  for (const job of work)
    if (job.title.trim() !== '' && (latest === null || endKey(job) > endKey(latest))) latest = job;
  return latest?.title.trim() ?? null;
}

/** A job that only names the CV's own latest title: what the generators need, no more. */
export function corpusJob(position: string, language: CorpusLanguage): JobInput {
  return {
    position,
    industry: '',
    experience_level: '3-5',
    job_description: JOB_LINES[language](position),
    location: null,
  };
}

/**
 * The read texts are kept in the system temp dir, keyed by the size and time of every corpus file
 * and of every reader source file: reading ~230 PDF and DOCX files takes many seconds, reading the
 * cache a few milliseconds, and a changed file or reader reads the corpus again.
 */
function cacheFile(entries: readonly CorpusEntry[]): string {
  const hash = createHash('sha256');
  const stamp = (path: string) => {
    const s = statSync(path);
    hash.update(`${path}\t${s.size}\t${s.mtimeMs}\n`);
  };
  for (const e of entries) stamp(e.file);
  for (const name of readdirSync(DOCUMENTS_DIR, { recursive: true, encoding: 'utf8' }).sort())
    if (name.endsWith('.ts')) stamp(join(DOCUMENTS_DIR, name));
  return join(tmpdir(), `cv-analysis-corpus-${hash.digest('hex').slice(0, 16)}.json`);
}

function readCache(path: string): Record<string, string | null> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string | null>;
  } catch {
    return null;
  }
}

/** Every file's text as the service reads it; null for a file the reader refuses. */
async function readTexts(entries: readonly CorpusEntry[]): Promise<Record<string, string | null>> {
  const path = cacheFile(entries);
  const cached = readCache(path);
  if (cached !== null && entries.every((e) => e.truth.id in cached)) return cached;
  const texts: Record<string, string | null> = {};
  try {
    for (const e of entries) {
      try {
        texts[e.truth.id] = (await extractText(new Uint8Array(readFileSync(e.file)), e.truth.format)).text;
      } catch {
        texts[e.truth.id] = null;
      }
    }
  } finally {
    await closeExtraction();
  }
  // Written whole and renamed, so a run reading at the same time never sees half a file.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(texts));
  renameSync(partial, path);
  return texts;
}

/**
 * The corpus part: one case per dev CV in English, German, French or Spanish (its truth says the
 * language) that the reader reads and that names a job title, at most `max` of them, taken evenly
 * over the sorted list so the sample is the same on every run. The case id is the corpus id.
 */
export async function loadCorpusCases(max = CORPUS_EVAL_MAX): Promise<EvalCase[]> {
  const entries = listCorpus(['dev']).filter((e) =>
    (LANGUAGES as readonly string[]).includes(e.truth.language),
  );
  const texts = await readTexts(entries);
  const cases = entries.flatMap((e): EvalCase[] => {
    const text = texts[e.truth.id];
    const position = latestTitle(e.truth.work ?? []);
    if (text === null || text === undefined || text.trim().length < 100 || position === null) return [];
    const job = corpusJob(position, e.truth.language as CorpusLanguage);
    return [{ id: e.truth.id, cvText: text, job, strong: null }];
  });
  if (cases.length <= max) return cases;
  return Array.from({ length: max }, (_, i) => cases[Math.floor((i * cases.length) / max)]!);
}
