// Nothing lost: every item of the source CV (name, headline, contact details and links, each job's
// employer, title and dates, each degree, certificate, language, award and publication) must still
// be in the improved CV, and every bullet is either kept, merged into another line (which one is
// said) or dropped on purpose (why is said). A drop nobody declared fails the check.
//
// Items are looked for in the improved *text*, not in a second parse of it: a model may lay its
// answer out in a way the reader splits differently, and a fact that is printed is not lost.
import type { CvStructure } from './cv-structure.ts';
import { findDates } from './dates.ts';
import { contentTokens, fold, stripBullet, stripMarkdown } from './text.ts';

// Openings that name a duty and no fact; a rewrite drops them ("Helped with code reviews" → "Supported
// code reviews"), so they are not words a kept bullet must keep.
const DUTY_OPENING_RE =
  /^(?:i\s+)?(?:was\s+)?(?:responsible\s+for|helped(?:\s+with|\s+to)?|worked\s+on|assisted(?:\s+with|\s+in)?|duties\s+included|tasks\s+included|involved\s+in|participated\s+in|in\s+charge\s+of)\s+/i;

export type PreservedKind =
  | 'name'
  | 'headline'
  | 'email'
  | 'phone'
  | 'link'
  | 'location'
  | 'employer'
  | 'title'
  | 'dates'
  | 'institution'
  | 'degree'
  | 'certificate'
  | 'language'
  | 'award'
  | 'publication'
  | 'bullet';

/** A bullet removed on purpose, as the improver declared it. */
export interface DeclaredRemoval {
  readonly text: string;
  readonly reason: string;
}

export interface DroppedItem {
  readonly kind: PreservedKind;
  readonly value: string;
  /** the entry it belonged to ("Data Analyst — Acme"), when it belonged to one */
  readonly context: string | null;
  /** true when the improver said it removed it on purpose; `reason` says why */
  readonly intended: boolean;
  readonly reason: string | null;
}

export interface MergedBullet {
  readonly bullet: string;
  /** the improved CV's line that now carries it together with at least one other bullet */
  readonly into: string;
}

export interface PreservationResult {
  /** true when nothing was dropped without being declared */
  readonly passed: boolean;
  /** items looked for (facts and bullets) */
  readonly checked: number;
  /** items found as they were, or bullets reworded in one line of their own */
  readonly kept: number;
  readonly merged: MergedBullet[];
  readonly dropped: DroppedItem[];
}

/** Letters and digits only, folded: punctuation, spacing and emphasis may change, the words may not. */
function compact(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A link without its scheme, "www." and trailing slash: the same page however it is written. */
function linkKey(url: string): string {
  return compact(
    url
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      .replace(/^www\./i, '')
      .replace(/\/+$/, ''),
  );
}

/** Share of `tokens` found in `pool`. */
function containment(tokens: readonly string[], pool: ReadonlySet<string>): number {
  if (tokens.length === 0) return 1;
  let found = 0;
  for (const t of tokens) if (pool.has(t)) found++;
  return found / tokens.length;
}

// A bullet reworded for the job keeps most of its content words; below this share it says
// something else. Numbers weigh double: a bullet that keeps its figures kept its claim.
const BULLET_KEPT = 0.5;
// A name, a title or a degree may be written a little differently ("Sr." for "Senior"), never half.
const PHRASE_KEPT = 0.75;

interface ImprovedText {
  lines: string[];
  /** each line's words, space-separated with a space at both ends, for phrase matching */
  lineWords: string[];
  lineTokens: Set<string>[];
  lineDates: string[][];
  compactText: string;
}

function readImproved(text: string): ImprovedText {
  const lines = text
    .split('\n')
    .map((l) => stripBullet(stripMarkdown(l)).trim())
    .filter((l) => l !== '' && !/^<!--/.test(l));
  const lineWords = lines.map((l) => words(l));
  return {
    lines,
    lineWords: lineWords.map((w) => ` ${w.join(' ')} `),
    lineTokens: lineWords.map((w) => new Set(w)),
    lineDates: lines.map((l) => findDates(l).map((d) => d.value)),
    compactText: compact(lines.join(' ')),
  };
}

function hasPhrase(improved: ImprovedText, value: string): boolean {
  const tokens = words(value);
  if (tokens.length === 0) return true;
  const phrase = ` ${tokens.join(' ')} `;
  // In one line, as words: a title's words spread over the whole CV are no title, and a name is not
  // kept by the profile link that spells it ("linkedin.com/in/janedoe").
  return improved.lineWords.some(
    (line, k) => line.includes(phrase) || containment(tokens, improved.lineTokens[k]!) >= PHRASE_KEPT,
  );
}

/**
 * An entry's dates, near one another: in one line or in lines next to each other (a heading and the
 * date line under it). A month written as the year alone is the same date, less precisely; a year
 * that appears elsewhere in the CV (another job, a degree) is not this entry's.
 */
function hasDates(improved: ImprovedText, dates: readonly string[]): boolean {
  return improved.lineDates.some((_, k) => {
    const near = improved.lineDates.slice(Math.max(0, k - 1), k + 2).flat();
    return dates.every((d) => near.some((n) => n === d || n === d.slice(0, 4) || n.slice(0, 4) === d));
  });
}

function hasPhone(improved: ImprovedText, phone: string): boolean {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return improved.compactText.includes(digits);
  // The national part is what matters; "+44 20…" may become "020…".
  return improved.compactText.includes(digits.slice(-8));
}

/** Content words cut to five letters, so that "onboarding" and "onboarded" count as one word. */
function words(text: string): string[] {
  return contentTokens(text).map((t) => (t.length > 5 && !/\d/.test(t) ? t.slice(0, 5) : t));
}

/** A bullet's words without the duty phrase it opens with ("Duties included writing…"). */
function weighted(text: string): string[] {
  const tokens = words(stripBullet(text).replace(DUTY_OPENING_RE, ''));
  return [...tokens, ...tokens.filter((t) => /\d/.test(t))];
}

function entryName(title: string | null, employer: string | null): string | null {
  const parts = [title, employer].filter((p): p is string => p !== null && p.trim() !== '');
  return parts.length === 0 ? null : parts.join(' — ');
}

/**
 * Checks that the improved CV keeps everything the source CV states. `declared` are the bullets the
 * improver said it removed on purpose; those are listed as intended drops with their reason.
 */
export function checkPreservation(
  source: CvStructure,
  improvedText: string,
  declared: readonly DeclaredRemoval[] = [],
): PreservationResult {
  const improved = readImproved(improvedText);
  const tally: Tally = { checked: 0, dropped: [] };
  const entries = entriesOf(source);
  checkNamedItems(tally, source, entries, improved, improvedText);
  const merged = checkBullets(tally, source, entries, improved, declared);
  const { checked, dropped } = tally;
  const lost = dropped.filter((d) => !d.intended).length;
  return {
    passed: lost === 0,
    checked,
    kept: checked - dropped.length - merged.length,
    merged,
    dropped,
  };
}

/** How many items were looked for, and the ones the improved CV lost. */
interface Tally {
  checked: number;
  dropped: DroppedItem[];
}

type Improved = ReturnType<typeof readImproved>;
type Entry = ReturnType<typeof entriesOf>[number];

function entriesOf(source: CvStructure) {
  return [
    ...source.work.map((w) => ({ employer: w.name, ...w })),
    ...source.volunteer.map((v) => ({ employer: v.organization, ...v })),
  ];
}

/** Names, contacts, employers, titles, dates, schools, degrees and the other named items. */
function checkNamedItems(
  tally: Tally,
  source: CvStructure,
  entries: readonly Entry[],
  improved: Improved,
  improvedText: string,
): void {
  const expect = (
    kind: PreservedKind,
    value: string | null,
    found: boolean,
    context: string | null = null,
  ) => {
    if (value === null || value.trim() === '') return;
    tally.checked++;
    if (!found) tally.dropped.push({ kind, value: value.trim(), context, intended: false, reason: null });
  };
  const phrase = (kind: PreservedKind, value: string | null, context: string | null = null) =>
    expect(kind, value, value !== null && hasPhrase(improved, value), context);

  const b = source.basics;
  phrase('name', b.name);
  phrase('headline', b.label);
  expect('email', b.email, b.email !== null && improvedText.toLowerCase().includes(b.email.toLowerCase()));
  expect('phone', b.phone, b.phone !== null && hasPhone(improved, b.phone));
  const links = [b.url, ...b.profiles.map((p) => p.url)].filter((u): u is string => u !== null && u !== '');
  for (const url of new Set(links)) expect('link', url, improved.compactText.includes(linkKey(url)));
  const place = b.location?.city ?? b.location?.address ?? null;
  phrase('location', place);

  for (const w of entries) {
    const context = entryName(w.position, w.employer);
    phrase('employer', w.employer, context);
    phrase('title', w.position, context);
    const dates = [w.startDate, w.endDate].filter((d): d is string => d !== null);
    if (dates.length > 0) expect('dates', dates.join(' – '), hasDates(improved, dates), context);
  }
  for (const e of source.education) {
    const context = entryName([e.studyType, e.area].filter(Boolean).join(' ') || null, e.institution);
    phrase('institution', e.institution, context);
    phrase('degree', [e.studyType, e.area].filter(Boolean).join(' ') || null, context);
  }
  for (const c of source.certificates) phrase('certificate', c.name);
  for (const l of source.languages) phrase('language', l.language);
  for (const a of source.awards) phrase('award', a.title);
  for (const p of source.publications) phrase('publication', p.name);
}

/**
 * Bullets: the best line of the improved CV for each; a line that is the best home of two or more
 * bullets merged them. A bullet with no home is dropped, on purpose when a declared removal matches.
 */
function checkBullets(
  tally: Tally,
  source: CvStructure,
  entries: readonly Entry[],
  improved: Improved,
  declared: readonly DeclaredRemoval[],
): MergedBullet[] {
  const bullets = [
    ...entries.flatMap((w) =>
      w.highlights.map((h) => ({ text: h, context: entryName(w.position, w.employer) })),
    ),
    ...source.projects.flatMap((p) => p.highlights.map((h) => ({ text: h, context: p.name }))),
  ];
  const homes = bullets.map(({ text }) => bestHome(text, improved));
  const sharing = new Map<number, number>();
  for (const home of homes) if (home >= 0) sharing.set(home, (sharing.get(home) ?? 0) + 1);
  const merged: MergedBullet[] = [];
  const declaredTokens = declared.map((d) => ({ ...d, tokens: weighted(d.text) }));
  bullets.forEach((bullet, k) => {
    tally.checked++;
    const home = homes[k]!;
    if (home >= 0) {
      if ((sharing.get(home) ?? 0) > 1) merged.push({ bullet: bullet.text, into: improved.lines[home]! });
      return;
    }
    const tokens = new Set(weighted(bullet.text));
    const removal = declaredTokens.find((d) => d.tokens.length > 0 && containment(d.tokens, tokens) >= 0.6);
    tally.dropped.push({
      kind: 'bullet',
      value: bullet.text,
      context: bullet.context,
      intended: removal !== undefined,
      reason: removal?.reason ?? null,
    });
  });
  return merged;
}

/** The improved CV's line that holds most of the bullet, or -1 when none holds enough of it. */
function bestHome(text: string, improved: Improved): number {
  const tokens = weighted(text);
  let best = -1;
  let bestShare = 0;
  improved.lineTokens.forEach((pool, k) => {
    const share = containment(tokens, pool);
    if (share > bestShare) {
      bestShare = share;
      best = k;
    }
  });
  return bestShare >= BULLET_KEPT ? best : -1;
}

/** The phrases a fix-up prompt lists for the model to restore. */
export function describeLosses(result: PreservationResult): string[] {
  return result.dropped
    .filter((d) => !d.intended)
    .map((d) => `${d.value} (${d.kind}${d.context === null ? '' : `, in "${d.context}"`})`);
}

// How an improver declares a deliberate removal, after the CV: `<!-- removed: <bullet> | <why> -->`.
// The improve-cv prompt asks for exactly this form.
const REMOVAL_RE = /<!--\s*removed:\s*([\s\S]*?)\s*(?:\|\s*([\s\S]*?)\s*)?-->/gi;

/** The CV without the improver's removal notes, and the removals they declare. */
export function splitDeclaredRemovals(answer: string): { text: string; removed: DeclaredRemoval[] } {
  const removed: DeclaredRemoval[] = [];
  const text = answer.replace(REMOVAL_RE, (_m, bullet: string, reason: string | undefined) => {
    const t = bullet.replace(/\s+/g, ' ').trim();
    if (t !== '') removed.push({ text: t, reason: reason?.replace(/\s+/g, ' ').trim() || 'not given' });
    return '';
  });
  return { text: removed.length === 0 ? answer : `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`, removed };
}
