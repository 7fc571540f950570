// Loads the CV/job pairs of test/fixtures/analysis for the analysis tests and `npm run eval`.
// Nothing at runtime imports it: the analysis itself reads no files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperienceLevel, JobInput } from '../../src/analysis/job.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures', 'analysis');

/** A CV and the job it is measured against. */
export interface EvalCase {
  readonly id: string;
  readonly cvText: string;
  readonly job: JobInput;
}

/** Reads a job fixture: a `---` front matter with position, industry, experience_level, then the description. */
export function parseJobFixture(text: string): JobInput {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const meta: Record<string, string> = {};
  for (const line of (m?.[1] ?? '').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) meta[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const level = meta.experience_level;
  return {
    position: meta.position ?? '',
    industry: meta.industry ?? '',
    experience_level:
      level === '0-2' || level === '3-5' || level === '6+' ? (level as ExperienceLevel) : '3-5',
    job_description: m === null ? text : text.slice(m[0].length),
    location: meta.location ?? null,
  };
}

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
