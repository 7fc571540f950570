// Word gaps from the glyphs a page shows. pdf.js's text content merges a space glyph and a gap into
// one space, and puts one wherever a gap passes about a tenth of an em. Letter-spaced text then loses
// its word breaks ("N I A M H Ó S Ú I L L E A B H Á I N": every gap one space, so the name reads as
// one word) and lightly tracked capitals gain false ones at a kerned pair ("DIAGNOSTIC S",
// "STRAT TON"). The showText operations of the page's operator list keep both apart: where the
// producer writes its spaces as glyphs, a word break is a space glyph or a gap clearly wider than
// the run's spacing between letters, and nothing else.

/** One element of a pdf.js showText operation: a glyph, or a shift in thousandths of an em. */
export type ShownGlyph = number | { unicode: string; isSpace?: boolean };

/** The letters one showText operation shows, and before which of them a word begins. */
export interface GlyphRun {
  letters: string;
  /** breaks[k]: a word break before letters[k] (a code unit index) */
  breaks: boolean[];
  /** Shown a glyph per operation (Chromium's letter spacing): trusted for words of letters only. */
  placed?: boolean;
}

/** A gap this much (in ems) wider than the run's usual gap between letters parts two words. */
const WORD_GAP_EM = 0.2;

/** The letters of one showText operation with its word breaks; null when it shows no space glyph. */
export function glyphRun(shown: readonly ShownGlyph[]): GlyphRun | null {
  const letters: string[] = [];
  // Per glyph with a letter: its start in `letters`, the gap before it, a space glyph before it.
  const glyphs: { at: number; gap: number; space: boolean }[] = [];
  let gap = 0;
  let space = false;
  let writesSpaces = false;
  for (const item of shown) {
    if (typeof item === 'number') {
      gap -= item / 1000;
      continue;
    }
    const text = item.unicode.replace(/\s+/g, '');
    if (item.isSpace === true || text === '') {
      if (item.unicode !== '') {
        space = true;
        writesSpaces = true;
      }
      continue;
    }
    glyphs.push({ at: letters.length, gap, space });
    letters.push(...text.split(''));
    gap = 0;
    space = false;
  }
  // A producer that leaves its spaces out (TeX) parts words by gaps alone; pdf.js reads those well.
  if (!writesSpaces || glyphs.length < 2) return null;
  const tight = glyphs
    .slice(1)
    .filter((g) => !g.space)
    .map((g) => g.gap)
    .sort((a, b) => a - b);
  const usual = tight.length === 0 ? 0 : tight[Math.floor(tight.length / 2)]!;
  const breaks: boolean[] = letters.map(() => false);
  for (const g of glyphs.slice(1)) breaks[g.at] = g.space || g.gap > usual + WORD_GAP_EM;
  return { letters: letters.join(''), breaks };
}

/** Equal shifts from this (in thousandths of an em) track the letters of a run. */
const TRACKING_MIN = 40;

/** pdf.js's letter-spaced form: single letters, one space apart. */
const LETTER_SPACED_RE = /^\S(?: \S){3,}$/u;

/**
 * A page whose text may have word gaps misread: its content stream tracks letters in runs of
 * glyphs, each shifted by the same amount, or places them one by one (Chromium's letter spacing).
 * Only such pages cost the operator list (as much again as the text).
 */
export function mayMisreadWordGaps(content: string | null, items: readonly { str: string }[]): boolean {
  if (content === null) return false;
  // One glyph (a byte or two) between three equal shifts that widen the text by a tracking's
  // amount (0.04 em and more; the rounding shifts of a producer that places every glyph are smaller).
  const glyph = String.raw`(?:<[0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})?>|\((?:\\[0-7]{1,3}|\\.|[^\\()]){1,2}\))`;
  const tracked = new RegExp(
    String.raw`[\s\[>)](-\d*\.?\d+)\s*${glyph}\s*\1\s*${glyph}\s*\1\s*${glyph}`,
    'g',
  );
  for (const m of content.matchAll(tracked)) if (Number(m[1]) <= -TRACKING_MIN) return true;
  // Chromium places every glyph of a page one by one wherever it spaces letters; only a page whose
  // text pdf.js spread into single letters ("C A M I L L E") has word gaps to find again.
  return GLYPH_BY_GLYPH_RE.test(content) && items.some((i) => SPREAD_LETTERS_RE.test(i.str));
}

/** Three glyphs or more, each alone between single spaces: letters pdf.js spread apart. */
const SPREAD_LETTERS_RE = /(?:^|\s)\S(?: \S){2,}(?:\s|$)/u;

/**
 * Chromium places letter-spaced text glyph by glyph ("<0026> Tj 26.69 0 Td <0024> Tj …"), its
 * space glyph one of them; pdf.js folds the space and the tracking around it into the one space it
 * puts between all the letters ("C A M I L L E R O U S S E A U").
 */
const GLYPH_BY_GLYPH_RE = /(?:<[0-9A-Fa-f]{2,4}>\s*Tj\s*-?[\d.]+\s+0\s+Td\s*){4}/;

/** What `glyphRuns` reads of pdf.js's operator list: operator codes and their arguments. */
export interface OperatorList {
  fnArray: readonly number[];
  argsArray: readonly unknown[];
}

/**
 * The glyph runs of a page's showText operations. Glyphs shown one per operation and moved along
 * the line between them (Chromium's letter spacing) are one run, so that a space glyph among them
 * parts the words; any other operation ends such a run.
 */
export function glyphRuns(operators: OperatorList, OPS: { showText: number; moveText: number }): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let single: ShownGlyph[] = [];
  const flush = () => {
    const run = single.length > 1 ? glyphRun(single) : null;
    if (run !== null) runs.push({ ...run, placed: true });
    single = [];
  };
  operators.fnArray.forEach((op, k) => {
    const args = operators.argsArray[k] as unknown[] | null | undefined;
    if (op === OPS.moveText && args?.[1] === 0) return;
    if (op !== OPS.showText) {
      flush();
      return;
    }
    const shown = (args?.[0] ?? []) as ShownGlyph[];
    if (shown.filter((g) => typeof g !== 'number').length === 1) {
      single.push(...shown);
      return;
    }
    flush();
    const run = glyphRun(shown);
    if (run !== null) runs.push(run);
  });
  flush();
  return runs;
}

/**
 * pdf.js's items with the word breaks of the glyph runs they come from: a space where the run
 * parts words and none where it does not (two spaces between words and one between letters for
 * letter-spaced text, as the layout reads it). An item no run holds stays as it is.
 */
export function respaceItems<T extends { str: string }>(items: readonly T[], runs: readonly GlyphRun[]): T[] {
  let from = 0;
  return items.map((item) => {
    const core = item.str.trim();
    if (!core.includes(' ')) return item;
    const letters = core.replace(/\s+/g, '');
    if (letters.length < 4) return item;
    // Dates and punctuation placed glyph by glyph read well already ("— A G O . 2 0 1 7").
    const lettersOnly = /^\p{L}+$/u.test(letters);
    // Runs come in the order pdf.js made its items: look from the last one found on.
    let found = -1;
    let at = -1;
    for (let k = 0; k < runs.length && found < 0; k++) {
      const r = (from + k) % runs.length;
      if (runs[r]!.placed === true && !lettersOnly) continue;
      at = runs[r]!.letters.indexOf(letters);
      if (at >= 0) found = r;
    }
    if (found < 0) return item;
    from = found;
    const { breaks } = runs[found]!;
    const spaced = LETTER_SPACED_RE.test(core);
    let out = '';
    for (let k = 0; k < letters.length; k++) {
      if (k > 0) out += breaks[at + k] ? (spaced ? '  ' : ' ') : spaced ? ' ' : '';
      out += letters[k];
    }
    if (out === core) return item;
    const lead = /^\s*/.exec(item.str)![0];
    const trail = /\s*$/.exec(item.str)![0];
    return { ...item, str: lead + out + trail };
  });
}
