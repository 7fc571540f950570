// The headline of the offline improvement: the position the person applies for, set before their own
// headline when their own titles are already close to it. A headline says what its author is after;
// named there, the target is no claim about the past (the fact guard reads it the same way, see
// `targetPosition` in fact-guard.ts). A target far from every title the person held is left out:
// "Site Reliability Engineer" over a history of "DevOps Engineer" would read as a career they have not had.
import type { CvStructure } from './cv-structure.ts';
import type { JobProfile } from './job.ts';
import { wordStem } from './stems.ts';
import { contentTokens, fold } from './text.ts';

// The CV parser reads a header line of at most eight words as the headline; a longer one would no
// longer be one.
const MAX_HEADLINE_WORDS = 8;

// "(m/w/d)", "(H/F)", "(f/m/x)": the ad's note that any gender may apply, not part of the title.
const GENDER_NOTE_RE = /\s*\(\s*\p{L}(?:\s*\/\s*\p{L}){1,3}\s*\)/gu;

/** The target position as a headline writes it: without the ad's gender note. */
export function targetTitle(position: string): string {
  return position.replace(GENDER_NOTE_RE, '').replace(/\s+/g, ' ').trim();
}

// wordStem looks a word up in a plain object, where "constructor" finds a function and throws; such
// a word stands as its own stem here.
const stemOf = (word: string): string => (word in Object.prototype ? word : wordStem(word));

/**
 * Whether `word` names the same title as `held` in another grammatical gender: "Professeure" holds
 * "Professeur", "Leiterin" holds "Leiter", "Jefa" holds "Jefe".
 */
function sameTitleWord(word: string, held: string): boolean {
  if (word === held) return true;
  const [short, long] = word.length <= held.length ? [word, held] : [held, word];
  if (long === `${short}e` || long === `${short}in` || long === `${short}ne`) return true;
  return short.length >= 4 && short.slice(0, -1) === long.slice(0, -1) && /[aeo]$/.test(short + long);
}

/**
 * The headline of the improved CV: the target position before the CV's own headline ("Emergency
 * Room Nurse | Registered Nurse") when at least half of the target's words are in a title the
 * person holds or held, and the person does not already hold it in so many words. The CV's own
 * headline is kept beside it; when both do not fit one headline, the target stands alone only if
 * the CV's headline is also a job title of its work history, where it stays in full.
 */
export function headlineFor(cv: CvStructure, job: JobProfile): string | null {
  const own = cv.basics.label;
  const target = targetTitle(job.position);
  // The words the match score reads in the title ("Junior" and "Senior" say the level, not the job).
  const wanted = job.requirements.find((r) => r.kind === 'title')?.tokens ?? contentTokens(target);
  if (wanted.length === 0) return own;
  const titles = [own ?? '', ...cv.work.map((w) => w.position ?? '')].filter((t) => t.trim() !== '');
  let close = false;
  for (const title of titles) {
    const words = contentTokens(title);
    const stems = new Set(words.map(stemOf));
    const shared = wanted.filter((w) => stems.has(stemOf(w))).length;
    // The person holds the title already, maybe in another gender: nothing to say twice.
    if (wanted.every((w) => words.some((h) => sameTitleWord(w, h)))) return own;
    if (shared * 2 >= wanted.length) close = true;
  }
  if (!close) return own;
  if (own === null || fold(own).includes(fold(target))) return own ?? target;
  const both = `${target} | ${own}`;
  if (both.split(/\s+/).length <= MAX_HEADLINE_WORDS) return both;
  const ownIsAPosition = cv.work.some((w) => w.position !== null && fold(w.position) === fold(own));
  return ownIsAPosition ? target : own;
}
