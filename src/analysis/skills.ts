// Finds vocabulary skills in text. The alias index is compiled once at module load: a map from the
// first token of each alias to its candidate token sequences, longest first, so a scan is one pass
// over the tokens with the longest alias winning (`go-to-market` beats `Go`).
import { fold, normTokens, type Token, tokenize } from './text.ts';
import { type SkillCategory, VOCABULARY, VOCABULARY_BY_ID, type VocabularyEntry } from './vocabulary.ts';

interface AliasPattern {
  readonly norms: readonly string[];
  /** for case-sensitive aliases: the exact raw tokens */
  readonly raws: readonly string[] | null;
  readonly id: string;
}

const INDEX = new Map<string, AliasPattern[]>();
const BY_NAME = new Map<string, VocabularyEntry>();

for (const entry of VOCABULARY) {
  BY_NAME.set(fold(entry.name), entry);
  for (const alias of entry.aliases) {
    const caseSensitive = alias.startsWith('!');
    const text = caseSensitive ? alias.slice(1) : alias;
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) continue;
    const pattern: AliasPattern = {
      norms: tokens.map((t) => t.norm),
      raws: caseSensitive ? tokens.map((t) => t.raw) : null,
      id: entry.id,
    };
    const list = INDEX.get(first.norm);
    if (list === undefined) INDEX.set(first.norm, [pattern]);
    else list.push(pattern);
  }
}
// Longest first; of two as long, the one written with its exact case first: "Canvas" is the LMS
// ("!Canvas"), though its plural-free form is also how "Canva" reads.
for (const list of INDEX.values())
  list.sort(
    (a, b) => b.norms.length - a.norms.length || (b.raws === null ? 0 : 1) - (a.raws === null ? 0 : 1),
  );

export interface SkillHit {
  readonly id: string;
  readonly name: string;
  readonly category: SkillCategory;
  /** the words as written */
  readonly text: string;
  /** offsets of the words in the scanned text */
  readonly start: number;
  readonly end: number;
}

function matchAt(tokens: readonly Token[], i: number): AliasPattern | null {
  const candidates = INDEX.get(tokens[i]!.norm);
  if (candidates === undefined) return null;
  for (const p of candidates) {
    if (i + p.norms.length > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < p.norms.length && ok; k++) ok = tokens[i + k]!.norm === p.norms[k];
    if (ok && p.raws !== null)
      for (let k = 0; k < p.raws.length && ok; k++) ok = tokens[i + k]!.raw === p.raws[k];
    if (ok) return p;
  }
  return null;
}

/** `source`, when given, is the text the tokens came from, so hits keep its hyphens and spacing. */
export function findSkillsInTokens(tokens: readonly Token[], source?: string): SkillHit[] {
  const hits: SkillHit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const p = matchAt(tokens, i);
    if (p === null) {
      i++;
      continue;
    }
    const entry = VOCABULARY_BY_ID.get(p.id)!;
    const first = tokens[i]!;
    const last = tokens[i + p.norms.length - 1]!;
    const text =
      source !== undefined && !/\.net\b/i.test(source)
        ? source.slice(first.start, last.end)
        : tokens
            .slice(i, i + p.norms.length)
            .map((t) => t.raw)
            .join(' ');
    hits.push({
      id: entry.id,
      name: entry.name,
      category: entry.category,
      text,
      start: first.start,
      end: last.end,
    });
    i += p.norms.length;
  }
  return hits;
}

/** Every vocabulary skill mentioned in the text, in order of appearance, repeats included. */
export function findSkills(text: string): SkillHit[] {
  return findSkillsInTokens(tokenize(text), text);
}

export function findSkillIds(text: string): Set<string> {
  return new Set(findSkills(text).map((h) => h.id));
}

/** The vocabulary entry for a canonical name or alias written on its own ("k8s" → Kubernetes). */
export function lookupSkill(name: string): VocabularyEntry | undefined {
  const direct = BY_NAME.get(fold(name.trim()));
  if (direct !== undefined) return direct;
  const hits = findSkills(name);
  if (hits.length !== 1) return undefined;
  // Only when the alias covers the whole text: "Python scripting" names Python, "Senior" names nothing.
  return normTokens(hits[0]!.text).length >= normTokens(name).length - 1
    ? VOCABULARY_BY_ID.get(hits[0]!.id)
    : undefined;
}

/** Share of a line's content words that belong to skill names: a bare skill list scores near 1. */
export function skillDensity(text: string): number {
  const tokens = tokenize(text).filter((t) => t.norm.length > 1);
  if (tokens.length === 0) return 0;
  let covered = 0;
  for (const h of findSkillsInTokens(tokens)) covered += normTokens(h.text).length;
  return covered / tokens.length;
}
