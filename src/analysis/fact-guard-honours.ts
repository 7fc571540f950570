// Awards, publications, patents and memberships: facts a CV states in a line of their own ("Finance
// Team of the Year, Harrowfield Foods, 2023") or inside a bullet ("Won the 2021 Innovation Award"),
// in English, German, French and Spanish. Such a fact has no canonical form to normalize to, so it is
// compared by its significant words: the words that say which honour it is, less the words that only
// mark it as one ("award", "published", "member of"), its dates and its numbers (checked as facts of
// their own). A rewording keeps those words; an invented honour brings words the CV never wrote.
import type { SectionKey } from './cv-structure.ts';
import { contentTokens, fold } from './text.ts';

export type HonourKind = 'award' | 'publication' | 'patent' | 'membership';

// On folded text. "won" counts only before what is won as an honour ("won the", "won first"), not
// "won a contract"; "journal" not as in "journal entries"; "paper" not as in "paper-based".
const MARKERS: readonly [HonourKind, RegExp][] = [
  // "brevet" alone is also the French school certificate ("préparation au brevet").
  [
    'patent',
    /\b(?:patent\w*|brevets|brevete\w*|brevet (?:d'?\s?invention|depose\w*|europeen))\b|depot de brevet/,
  ],
  [
    'award',
    /\b(?:awards?|awarded|prizes?|winners?|won (?:the|first|second|third|1st|2nd|3rd|gold|silver|bronze)|honou?rs?|honou?red|of the year|dean'?s list|scholarships?|cum laude|with distinction|auszeichnung(?:en)?|ausgezeichnet|preis|preise|preistrager(?:in)?|prix|laureat(?:e|s|es)?|premios?|premiad[oa]s?|galardon(?:ad[oa]s?)?)\b/,
  ],
  [
    'publication',
    /\b(?:published|publishing|publications?|papers?(?!-)|articles?|journal(?! entr)|proceedings|co-?authored|veroffentlich\w*|publikation(?:en)?|publie(?:e|s|es)?|publicacion(?:es)?|publicad[oa]s?)\b/,
  ],
  [
    'membership',
    /\b(?:members? of|member since|membership|fellow of|fellowship|mitglied\w*|membre (?:de|du|des|d)|miembro (?:de|del)|colegiad[oa])\b|^(?:member|fellow|mitglied|membre|miembro)\b/,
  ],
];

// Words that say only that a line is an honour, or how it was received: not which one it is.
const MARKER_WORDS = new Set(
  (
    'award awarded prize winner won win honor honour honored honoured recipient received receive ' +
    'recognized recognised recognition named selected year publish published publication paper article ' +
    'journal proceeding co-authored coauthored author authored patent patented member membership fellow ' +
    'fellowship since auszeichnung ausgezeichnet preis preistrager erhalten veroffentlicht veroffentlichung ' +
    'publikation mitglied mitgliedschaft seit prix laureat recu publie membre depui premio galardon ' +
    'galardonado publicacion publicado miembro colegiado desde depuis premios publicacione co ' +
    'veroffentlichungen auszeichnungen mitgliedschaften brevet patente distinction laude scholarship'
  ).split(' '),
);

// A seat on a board is a role held, not a membership of a body: "a board member of listed
// companies", "Member of the board of a listed group". Folded.
const BOARD_SEAT_RE =
  /\b(?:board members?|members? of (?:the |a |an )?(?:[a-z-]+ )?board|mitglied (?:des|im) (?:vorstand|aufsichtsrat)\w*|membre du conseil|miembro del consejo)\b/g;

/** The kind of honour a line states: by its section, else by the words that mark one; or null. */
export function honourKind(section: SectionKey | 'header', text: string): HonourKind | null {
  if (section === 'header') return null;
  const folded = fold(text).trim().replace(BOARD_SEAT_RE, ' ');
  const marked = MARKERS.find(([, re]) => re.test(folded))?.[0] ?? null;
  // Its section names an award or publication line, unless the line itself says it is a patent or
  // a membership (a "Memberships" heading the reader does not know leaves its lines in the section above).
  const own =
    section === 'awards'
      ? 'award'
      : section === 'publications'
        ? 'publication'
        : section === 'memberships'
          ? 'membership'
          : null;
  if (own !== null && marked !== 'patent' && marked !== 'membership') return own;
  return marked;
}

/** The words that say which honour a line states; `text` has its dates and numbers blanked out. */
export function honourWords(text: string): string[] {
  return [...new Set(contentTokens(text).filter((t) => !MARKER_WORDS.has(t) && !/\d/.test(t)))];
}

/**
 * An honour is stated by the other text when one of its lines (or two adjacent ones: an entry may
 * wrap) holds most of the honour's words, or when every word is in the text and one line holds a
 * third of them (a reworded line that merged another).
 */
export function honourStated(
  words: readonly string[],
  lines: readonly ReadonlySet<string>[],
  allWords: ReadonlySet<string>,
): boolean {
  if (words.length === 0) return true;
  let best = 0;
  for (let i = 0; i < lines.length; i++) {
    const here = lines[i]!;
    const next = lines[i + 1];
    let inside = 0;
    for (const w of words) if (here.has(w) || next?.has(w)) inside++;
    best = Math.max(best, inside / words.length);
  }
  const need = words.length <= 2 ? 1 : 0.6;
  return best >= need || (best >= 0.34 && words.every((w) => allWords.has(w)));
}
