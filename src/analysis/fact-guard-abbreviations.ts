// Abbreviations and what they stand for: a rewrite may spell out "PMP" as "Project Management
// Professional (PMP)", "Kubernetes (EKS)" as "Kubernetes (Amazon Elastic Kubernetes Service)" or
// "Junior UI Designer" as "Junior User Interface Designer", and shorten "University College London"
// to "UCL". Neither is a new fact. An expansion is accepted only for an abbreviation the other text
// writes as one (in capitals: "PMP", "DGfC"), and only when its words spell it: one unbroken run of
// words, each giving the next letter, small name words ("of", "für", "d'") giving none or one. Its
// words must be capitalized like a name's, unless the line writes the abbreviation too ("Centre
// hospitalier universitaire (CHU)"); only then may one word give several letters
// ("REpresentational State Transfer (REST)").
import { fold, type Token, tokenize } from './text.ts';

/** The abbreviations a line writes: mostly capitals, two at least ("PMP", "DGfC", "PwC"), folded. */
export function abbreviationsOf(line: string): string[] {
  return tokenize(line)
    .filter((t) => {
      if (!/^\p{L}{2,8}$/u.test(t.raw)) return false;
      const capitals = t.raw.match(/\p{Lu}/gu)?.length ?? 0;
      return capitals >= 2 && capitals * 2 >= t.raw.length;
    })
    .map((t) => fold(t.raw).toLowerCase());
}

// Words inside a name that an abbreviation may leave out: "Department of Health" is DH or DOH.
const PARTICLES = new Set(
  (
    'of for and the in on at to a an d l fur und der die das des dem den im am zum zur von ' +
    'de du la le les et au aux del y el los las al van'
  ).split(' '),
);

/** Whether the words spell `abbr`, each giving the next letter (`oneLong`: one may give several). */
export function spells(abbr: string, words: readonly string[], oneLong = true): boolean {
  const at = (a: number, w: number, longUsed: boolean): boolean => {
    if (w === words.length) return a === abbr.length;
    const word = words[w]!;
    if (PARTICLES.has(word) && at(a, w + 1, longUsed)) return true;
    if (word[0] !== abbr[a]) return false;
    if (at(a + 1, w + 1, longUsed)) return true;
    if (!oneLong || longUsed || abbr.length < 3) return false;
    for (let k = 2; k <= Math.min(word.length, abbr.length - a); k++) {
      if (word[k - 1] !== abbr[a + k - 1]) break;
      if (at(a + k, w + 1, true)) return true;
    }
    return false;
  };
  return words.length >= 2 && at(0, 0, false);
}

/** The tokens of `context` that `value` covers, by position; null when it is not found there. */
function coveredTokens(value: string, context: string, tokens: readonly Token[]): [number, number] | null {
  let at = context.indexOf(value);
  if (at === -1) at = fold(context).toLowerCase().indexOf(fold(value).toLowerCase());
  if (at === -1) return null;
  const end = at + value.length;
  const first = tokens.findIndex((t) => t.end > at);
  if (first === -1) return null;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
  return [first, last + 1];
}

/**
 * Whether `value`, written in `context`, is (part of) the expansion of an abbreviation of
 * `abbreviations`, or the value with a run of its words abbreviated is a phrase `hasPhrase` accepts.
 */
export function expandsAbbreviation(
  value: string,
  context: string,
  abbreviations: ReadonlySet<string>,
  hasPhrase: (words: readonly string[]) => boolean,
): boolean {
  if (abbreviations.size === 0) return false;
  const tokens = tokenize(context);
  const span = coveredTokens(value, context, tokens);
  if (span === null) return false;
  const words = tokens.map((t) => fold(t.raw).toLowerCase());
  // "und Advanced Cardiac Life Support", a piece cut at "BLS und": its small words claim nothing.
  let [a, b] = span;
  while (a < b - 1 && PARTICLES.has(words[a]!)) a++;
  while (b > a + 1 && PARTICLES.has(words[b - 1]!)) b--;
  const written = new Set(abbreviationsOf(context));
  // An expansion is one run of words: no comma, parenthesis or other mark inside it.
  const joined = (k: number) => /^[\s'’-]*$/u.test(context.slice(tokens[k]!.end, tokens[k + 1]!.start));
  const capitalized = (k: number) => PARTICLES.has(words[k]!) || /^\p{Lu}/u.test(tokens[k]!.raw);
  for (let i = Math.max(0, a - 5); i < b; i++) {
    if (PARTICLES.has(words[i]!)) continue;
    let allCapitalized = capitalized(i);
    for (let j = i + 1; j < Math.min(tokens.length, i + 6); j++) {
      if (!joined(j - 1)) break;
      allCapitalized &&= capitalized(j);
      // A run [i, j] that ends on a name word and reaches into the value.
      if (j < a || PARTICLES.has(words[j]!)) continue;
      const run = words.slice(i, j + 1);
      const spelled = [...abbreviations].filter(
        // Several letters from one word ("REpresentational") only beside the abbreviation itself.
        (abbr) => (written.has(abbr) && spells(abbr, run)) || (allCapitalized && spells(abbr, run, false)),
      );
      // The whole value inside the expansion ("Coaching" in "Deutsche Gesellschaft für Coaching").
      if (i <= a && j + 1 >= b && spelled.some((abbr) => abbr.length >= 3)) return true;
      // A run inside the value abbreviated: "Junior [User Interface] Designer" is "Junior UI Designer".
      if (i >= a && j + 1 <= b) {
        for (const abbr of spelled)
          if (hasPhrase([...words.slice(a, i), abbr, ...words.slice(j + 1, b)])) return true;
      }
    }
  }
  return false;
}

/** An abbreviation and the words it glosses, written side by side: "Transportmanagementsystem (TMS)". */
export interface Gloss {
  /** the abbreviation, folded ("tms"), in its parts ("FI/CO": "fi", "co") */
  readonly parts: readonly string[];
  /** offsets of the abbreviation and of the words it stands for, in the line */
  readonly abbrSpan: readonly [number, number];
  readonly wordsSpan: readonly [number, number];
  readonly words: string;
}

// "words (ABBR)" and "ABBR (words)"; "FI/CO" is one abbreviation of two parts; up to nine words
// ("Certificat d'aptitude au professorat de l'enseignement du second degré (CAPES)"). Bounded and
// anchored at word starts, so a long run of letters is read in linear time.
const ABBR = String.raw`\p{L}{2,8}(?:\/\p{L}{2,8})?`;
const WORD = String.raw`[\p{L}\d'’-]{1,40}`;
const WORDS_THEN_ABBR_RE = new RegExp(
  String.raw`(?<![\p{L}\d'’-])((?:${WORD} ){0,8}${WORD}) \((${ABBR})\)`,
  'gu',
);
const ABBR_THEN_WORDS_RE = new RegExp(String.raw`(?<![\p{L}])(${ABBR}) \(([^(),;]{1,120})\)`, 'gu');

/** "TMS", "DGfC", "FI/CO": each part written as an abbreviation. */
function isAbbreviation(text: string): boolean {
  return text.split('/').every((part) => abbreviationsOf(part).length === 1);
}

/** Whether `abbr` could stand for `words`: its letters in order in theirs, from their first letter. */
function couldAbbreviate(parts: readonly string[], words: string): boolean {
  const abbr = parts.join('');
  const letters = fold(words)
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
  if (letters[0] !== abbr[0] || letters.length <= abbr.length) return false;
  let at = 0;
  for (const ch of abbr) {
    at = letters.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The abbreviations a line glosses with their words, the shortest run of words that fits. */
export function glossesOf(line: string): Gloss[] {
  const out: Gloss[] = [];
  // Both forms put one side in brackets after a space; most lines have none, and the patterns
  // below are costly to try on every position of a long line.
  if (!line.includes(' (')) return out;
  const partsOf = (abbr: string) => fold(abbr).toLowerCase().split('/');
  for (const m of line.matchAll(WORDS_THEN_ABBR_RE)) {
    if (!isAbbreviation(m[2]!)) continue;
    const parts = partsOf(m[2]!);
    const words = m[1]!.split(' ');
    for (let k = words.length - 1; k >= 0; k--) {
      const run = words.slice(k).join(' ');
      if (!couldAbbreviate(parts, run)) continue;
      const start = m.index + m[1]!.length - run.length;
      const abbrStart = m.index + m[1]!.length + 2;
      out.push({
        parts,
        abbrSpan: [abbrStart, abbrStart + m[2]!.length],
        wordsSpan: [start, start + run.length],
        words: run,
      });
      break;
    }
  }
  for (const m of line.matchAll(ABBR_THEN_WORDS_RE)) {
    if (!isAbbreviation(m[1]!)) continue;
    const parts = partsOf(m[1]!);
    const run = m[2]!.trim();
    if (!couldAbbreviate(parts, run)) continue;
    const start = m.index + m[0].indexOf(run, m[1]!.length);
    out.push({
      parts,
      abbrSpan: [m.index, m.index + m[1]!.length],
      wordsSpan: [start, start + run.length],
      words: run,
    });
  }
  return out;
}

/** A word of a name as the matcher reads it: written out, in capitals, or cut short. */
export interface NameWord {
  readonly norm: string;
  /** written in capitals ("PRL", "HRBP"): may stand for the words it spells */
  readonly acronym: boolean;
  /** its letters folded, unstemmed: what an abbreviation spells ("kpis") */
  readonly letters: string;
  /** cut short ("Dept.", "Med-Surg"): may stand for a word it begins or contracts */
  readonly truncated: boolean;
  /** may stand for another form of its word ("Inscription" for "Inscrite"): see `sameWord` */
  readonly inflected: boolean;
}

/** Two forms of one long word: the same first six letters ("inscrite", "inscription"). */
export function sameWord(a: string, b: string): boolean {
  return a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6);
}

/** Whether `short` is `word` cut short ("nat" of "nature") or contracted ("dept" of "department"). */
export function shortens(short: string, word: string): boolean {
  if (short.length < 2 || word.length <= short.length || short[0] !== word[0]) return false;
  if (word.startsWith(short)) return true;
  // Two letters contract a word by its first and last ("Sr." for "Senior", "Jr." for "Junior").
  if (short[short.length - 1] !== word[word.length - 1]) return false;
  let at = 0;
  for (const ch of short) {
    at = word.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Whether the name's words are one run of `tokens` (a text's words, lines apart by `|`) once its
 * short forms are spelled out: an abbreviation by the words it spells or the words `glosses` give
 * it ("Curso de PRL" in "Curso de Prevención de Riesgos Laborales", "Mitglied im BPM" beside
 * "Bundesverband der Personalmanager (BPM)"), a word cut short by the word it begins ("Dept. of
 * Materials Science"), a word marked `inflected` by another form of it. A name of one abbreviation alone is left to the initials of names: a run
 * of any words spells two or three letters too easily.
 */
export function spelledOut(
  words: readonly NameWord[],
  tokens: readonly string[],
  glosses: ReadonlyMap<string, readonly (readonly string[])[]>,
): boolean {
  if (words.length < 2 || !words.some((w) => w.acronym || w.truncated || w.inflected)) return false;
  const at = (w: number, t: number): boolean => {
    if (w === words.length) return true;
    const token = tokens[t];
    if (token === undefined || token === '|') return false;
    const word = words[w]!;
    if (
      token === word.norm ||
      (word.truncated && shortens(word.norm, token)) ||
      (word.inflected && sameWord(word.norm, token))
    )
      return at(w + 1, t + 1);
    if (!word.acronym) return false;
    for (let k = 1; k <= 6 && t + k <= tokens.length; k++) {
      const run = tokens.slice(t, t + k);
      if (run.includes('|')) break;
      const glossed = (glosses.get(word.letters) ?? []).some(
        (g) => g.length === k && g.every((x, i) => x === run[i]),
      );
      if ((glossed || spells(word.letters, run)) && at(w + 1, t + k)) return true;
    }
    return false;
  };
  for (let t = 0; t < tokens.length; t++) if (at(0, t)) return true;
  return false;
}
