// Whether a rendered CV says what was meant, as a reader gets it back: the structure the markdown was
// meant to have (parseCv of the markdown) against the structure parseCv reads from the rendered
// file's text. The fields compared are the ones an applicant tracking system fills in first and a
// recruiter searches by: name, email, phone, each job's employer, title and dates, each degree's
// institution, and the skill keywords. Comparison forgives what a reader legitimately changes
// (case, punctuation, white space, which dash) and nothing else: "Zoë" read as "Zoe" is a miss.

import type { CvStructure, CvWork } from './cv-structure.ts';

export interface ReadBackResult {
  /** Share of the checked fields read back as meant, 0–1 (1 when nothing could be checked). */
  score: number;
  /** Fields that were meant (not empty in the intended structure) and so compared. */
  checked: number;
  /** Each field that did not come back, in words: `job 2 end date: meant "2019-12", read "2019-11"`. */
  missed: string[];
}

const DASHES_RE = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
// Punctuation and symbols, except the ones that make a different skill: C++, C#, F#.
const PUNCTUATION_RE = /[^\p{L}\p{N}\p{M}\s+#]+/gu;

/** A value as compared: case, punctuation, white space and dash kinds do not count. */
export function comparable(value: string): string {
  return value
    .normalize('NFC')
    .replace(DASHES_RE, '-')
    .toLowerCase()
    .replace(PUNCTUATION_RE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && comparable(a) === comparable(b);

/** A job's end as one comparable value: an ongoing job ends "present". */
const endOf = (job: CvWork) => (job.current ? 'present' : job.endDate);

const JOB_FIELDS = [
  { label: 'employer', value: (job: CvWork) => job.name },
  { label: 'title', value: (job: CvWork) => job.position },
  { label: 'start date', value: (job: CvWork) => job.startDate },
  { label: 'end date', value: endOf },
] as const;

class Tally {
  checked = 0;
  matched = 0;
  readonly missed: string[] = [];

  check(ok: boolean, miss: () => string): void {
    this.checked++;
    if (ok) this.matched++;
    else this.missed.push(miss());
  }
}

const quote = (value: string | null) => (value === null ? 'nothing' : `"${value}"`);

function checkField(tally: Tally, label: string, meant: string | null, read: string | null): void {
  if (meant === null || meant.trim() === '') return;
  tally.check(same(meant, read), () => `${label}: meant ${quote(meant)}, read ${quote(read)}`);
}

/** How many fields of a read job equal the meant one's: pairs each meant job with its best reading. */
function agreement(meant: CvWork, read: CvWork): number {
  return JOB_FIELDS.filter((field) => same(field.value(meant), field.value(read))).length;
}

function checkJobs(tally: Tally, meant: readonly CvWork[], read: readonly CvWork[]): void {
  const unused = new Set(read.keys());
  meant.forEach((job, index) => {
    let best: number | null = null;
    let bestScore = 0;
    for (const candidate of unused) {
      const score = agreement(job, read[candidate]!);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best !== null) unused.delete(best);
    const match = best === null ? null : read[best]!;
    for (const field of JOB_FIELDS) {
      checkField(tally, `job ${index + 1} ${field.label}`, field.value(job), match && field.value(match));
    }
  });
}

/** Checks that each meant value is among the read ones, each read value used once. */
function checkAmong(tally: Tally, label: string, meant: readonly string[], read: readonly string[]): void {
  const pool = read.map(comparable);
  for (const value of meant) {
    const at = pool.indexOf(comparable(value));
    if (at >= 0) pool.splice(at, 1);
    tally.check(at >= 0, () => `${label} ${quote(value)} not read back`);
  }
}

const uniqueKeywords = (cv: CvStructure) => [
  ...new Map(cv.skills.flatMap((group) => group.keywords).map((k) => [comparable(k), k] as const)).values(),
];

/** Compares the structure that was meant with the structure read back from the rendered file. */
export function readBackScore(intended: CvStructure, read: CvStructure): ReadBackResult {
  const tally = new Tally();
  checkField(tally, 'name', intended.basics.name, read.basics.name);
  checkField(tally, 'email', intended.basics.email, read.basics.email);
  checkField(tally, 'phone', intended.basics.phone, read.basics.phone);
  checkJobs(tally, intended.work, read.work);
  checkAmong(
    tally,
    'institution',
    intended.education.flatMap((degree) => (degree.institution === null ? [] : [degree.institution])),
    read.education.flatMap((degree) => (degree.institution === null ? [] : [degree.institution])),
  );
  checkAmong(tally, 'skill', uniqueKeywords(intended), uniqueKeywords(read));
  return {
    score: tally.checked === 0 ? 1 : tally.matched / tally.checked,
    checked: tally.checked,
    missed: tally.missed,
  };
}
