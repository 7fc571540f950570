// A skill the vocabulary reads in a rewrite's words, though the rewrite only rewords what the CV
// says: "month-end closing" for "month-end close" (no sales "Closing"), "pipeline management for
// 45 accounts" for "Managed a pipeline of 45 accounts", "user account management" for "user
// accounts" (no "Account management"), "Dokumentation" for "Pflegedokumentation". Each reading
// holds the skill's words to the CV's own words in the same place, so a product the CV never
// names is still a new claim.
import { findSkills } from './skills.ts';
import { wordStem } from './stems.ts';
import { contentTokens, isStopword, normTokens, relatedSets, tokenize } from './text.ts';

/** What the other text gives to compare with: its words in order, its skills, its lines. */
export interface SkillEvidence {
  /** every content word, in order, lines apart by `|` */
  readonly sequenceTokens: readonly string[];
  /** each skill as written, ` word word ` */
  readonly skillTexts: ReadonlySet<string>;
  readonly words: ReadonlySet<string>;
  /** the content words of each line */
  readonly lineWords: readonly ReadonlySet<string>[];
}

/** Whether the skill `id`, read in `context`, only rewords what `other` writes. */
export function skillReworded(id: string, context: string, other: SkillEvidence): boolean {
  const hit = findSkills(context).find((h) => h.id === id);
  if (hit === undefined) return false;
  return (
    inflectedWord(hit, context, other) ||
    wordsOfALine(hit.text, context, other) ||
    boundToWordBefore(hit, context, other) ||
    headOfACompound(hit.text, other)
  );
}

interface Hit {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** One word that is another form of a word the other text writes in the same phrase: "month-end closing". */
function inflectedWord(hit: Hit, context: string, other: SkillEvidence): boolean {
  const tokens = tokenize(context).filter((t) => t.norm.length > 1 && !isStopword(t.norm));
  const at = tokens.findIndex((t) => t.start === hit.start && t.end === hit.end);
  if (at === -1) return false;
  const word = wordStem(tokens[at]!.norm);
  const [before, after] = [tokens[at - 1]?.norm, tokens[at + 1]?.norm];
  const seq = other.sequenceTokens;
  for (let i = 0; i < seq.length; i++) {
    if (seq[i] === tokens[at]!.norm || wordStem(seq[i]!) !== word) continue;
    if ((before !== undefined && seq[i - 1] === before) || (after !== undefined && seq[i + 1] === after))
      return true;
  }
  return false;
}

/**
 * A method named, in other forms, by the words of the line its own line rewords: "pipeline
 * management for 45 enterprise accounts" for "Managed a pipeline of 45 enterprise accounts".
 */
function wordsOfALine(text: string, context: string, other: SkillEvidence): boolean {
  const words = contentTokens(text).map(wordStem);
  if (words.length < 2) return false;
  const own = new Set(contentTokens(context));
  const stems = lineStems(other);
  return other.lineWords.some((line, i) => relatedSets(own, line) && words.every((w) => stems[i]!.has(w)));
}

/**
 * Words whose first one the other text writes with the word before it: "user account management"
 * for "user accounts" names no sales skill "Account management".
 */
function boundToWordBefore(hit: Hit, context: string, other: SkillEvidence): boolean {
  const before = /(\p{L}+)\s+$/u.exec(context.slice(0, hit.start))?.[1];
  const first = normTokens(hit.text)[0];
  if (before === undefined || first === undefined) return false;
  const word = normTokens(before)[0];
  if (word === undefined || word.length < 3 || isStopword(word)) return false;
  // Not a word of a product the other text names: "one Oracle Database" for "one Oracle ERP".
  if ([...other.skillTexts].some((t) => t.includes(` ${first} `))) return false;
  const seq = other.sequenceTokens;
  for (let i = 1; i < seq.length; i++) if (seq[i] === first && seq[i - 1] === word) return true;
  return false;
}

/**
 * One word that ends a longer word of the other text, as a German compound ends in the thing it
 * is a kind of: "Dokumentation" for "Pflegedokumentation", "Planung" for "Tourenplanung".
 */
function headOfACompound(text: string, other: SkillEvidence): boolean {
  const words = normTokens(text);
  const head = words[0];
  if (words.length !== 1 || head === undefined || head.length < 5) return false;
  for (const w of other.words) if (w.length >= head.length + 3 && w.endsWith(head)) return true;
  return false;
}

const lineStemCache = new WeakMap<SkillEvidence, Set<string>[]>();

/** The stems of each line's words. */
function lineStems(from: SkillEvidence): Set<string>[] {
  let lines = lineStemCache.get(from);
  if (lines === undefined) {
    lines = from.lineWords.map((l) => new Set([...l].map(wordStem)));
    lineStemCache.set(from, lines);
  }
  return lines;
}
