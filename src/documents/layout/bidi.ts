// Right-to-left text (Arabic, Hebrew) as PDF producers place it: glyph by glyph in visual order,
// left to right across the page. A reader reads it right to left; these turn the visual order of
// a line back into the order it is read in (the logical order), keeping numbers and Latin words
// inside it left to right. A simplified bidirectional algorithm: enough for CV lines (a title, a
// company, a date), not for nested embeddings.

const RTL_RE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const RTL_LETTER_RE =
  /[\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const LTR_RE = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d]/u;

export function hasRtl(text: string): boolean {
  return RTL_RE.test(text);
}

type Direction = 'R' | 'L' | 'N';

function direction(token: string): Direction {
  if (RTL_LETTER_RE.test(token)) return 'R';
  return LTR_RE.test(token) ? 'L' : 'N';
}

/** Whether a text reads right to left as a whole: more of its letters are Arabic or Hebrew. */
export function mostlyRtl(text: string): boolean {
  let rtl = 0;
  let ltr = 0;
  for (const ch of text) {
    if (RTL_LETTER_RE.test(ch)) rtl++;
    else if (LTR_RE.test(ch)) ltr++;
  }
  return rtl > ltr;
}

/**
 * Pieces of a line in visual order (left to right) into reading order. A piece is a word or a
 * part of a line; an RTL piece's own characters are already in reading order. `rtl` is the
 * direction of the text the line stands in (a page of Arabic, a Latin CV with an Arabic name).
 */
export function toReadingOrder<T>(pieces: T[], textOf: (piece: T) => string, rtl: boolean): T[] {
  const dirs = pieces.map((p) => direction(textOf(p)));
  if (!dirs.includes('R')) return pieces;
  const base: Direction = rtl ? 'R' : 'L';
  // A neutral piece (a dash, a bar) between two pieces of one direction takes it; else the base's.
  const resolved = dirs.map((d, k) => {
    if (d !== 'N') return d;
    const before = dirs.slice(0, k).findLast((x) => x !== 'N');
    const after = dirs.slice(k + 1).find((x) => x !== 'N');
    return before !== undefined && before === after ? before : base;
  });
  const runs: { dir: Direction; items: T[] }[] = [];
  pieces.forEach((piece, k) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.dir === resolved[k]) last.items.push(piece);
    else runs.push({ dir: resolved[k]!, items: [piece] });
  });
  const ordered = base === 'R' ? runs.reverse() : runs;
  return ordered.flatMap((run) => (run.dir === 'R' ? run.items.reverse() : run.items));
}
