// Loads the CV/job pairs of test/fixtures/analysis for the tests and `npm run eval`. This is the
// only file of the analysis folder that reads files; nothing at runtime imports it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalCase, parseJobFixture } from '../eval.ts';
import type { JobInput } from '../job.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'analysis');

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
