// A PDF page as a reader sees it, rebuilt from positioned text fragments: fragments on one baseline
// become segments (a wide gap splits them), a gutter that runs down the page splits columns, lines
// become paragraphs and list items, and the largest, spaced or capitalised short lines headings.
// Content-stream order is not trusted: producers write sidebars, right-aligned dates and table cells
// in any order, so everything here works from positions alone. Pure: no pdf.js in this file.

import type { DocumentReading, LayoutKind } from '../reading.ts';
import { hasRtl, mostlyRtl, toReadingOrder } from './bidi.ts';
import { BULLET_GLYPH_RE, cleanGlyphs, joinLetterSpaced } from './glyphs.ts';

/** One text fragment: pdf.js's TextItem reduced to what layout needs (y is the baseline, upwards). */
export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PageText {
  width: number;
  height: number;
  items: PositionedText[];
}

/** Fragments on one baseline with no wide gap between them. */
interface Segment {
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  /** the font the segment ends in (a line may switch from bold to regular) */
  lastFont: string;
  /** where each fragment starts: a wrapped line aligns with one of them */
  starts: number[];
  text: string;
  /** true when the producer spaced the letters out (a heading style) */
  spaced: boolean;
}

/** Segments of one column on one baseline, joined. */
interface Line {
  x0: number;
  /** where the text starts after a bullet glyph */
  textX: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  lastFont: string;
  starts: number[];
  text: string;
  bullet: boolean;
  spaced: boolean;
  /** parts printed apart on the line (title left, dates right) */
  split: boolean;
  /** where the last of those parts starts */
  lastPartX: number;
}

interface Style {
  /** the producer breaks words at line ends by itself (TeX, Typst, react-pdf) */
  hyphenates: boolean;
  bodySize: number;
  titleSize: number;
  /** size and font of lines that look like headings, when two or more lines share them */
  headingStyles: Set<string>;
  /**
   * Characters that open many lines as a bullet would: symbol-font bullets without a text mapping
   * come out as "{" or "r" (LaTeX's marvosym, dingbats).
   */
  bulletChars: Set<string>;
  /** font names say nothing about the style: the producer splits one font into many (Chromium) */
  fontsShuffled: boolean;
}

// A gap wider than this many font sizes separates two parts of a line (or two columns).
const SEGMENT_GAP = 1.3;
// Fragments closer than this share a baseline (superscripts and mixed sizes stay on the line).
const BASELINE_TOLERANCE = 0.35;

function round(n: number): number {
  return Math.round(n * 2) / 2;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor((sorted.length - 1) * p)))]!;
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

/** The size most characters are printed in, and the title's size. */
function readStyle(pages: readonly PageText[]): Style {
  const sizes = new Map<number, number>();
  for (const page of pages) {
    for (const item of page.items) {
      const n = item.str.trim().length;
      if (n > 0) sizes.set(round(item.size), (sizes.get(round(item.size)) ?? 0) + n);
    }
  }
  let bodySize = 10;
  let bodyCount = -1;
  for (const [size, n] of sizes) if (n > bodyCount) [bodySize, bodyCount] = [size, n];
  let titleSize = bodySize;
  for (const item of pages[0]?.items ?? []) {
    if (item.str.trim() !== '' && item.size > titleSize) titleSize = item.size;
  }
  return {
    hyphenates: false,
    bodySize,
    titleSize,
    headingStyles: new Set(),
    bulletChars: new Set(),
    fontsShuffled: false,
  };
}

const PSEUDO_BULLET_RE = /^([^\p{L}\p{N}\s(["'“„«$€£+])\s+(?=\p{L})/u;

function findBulletChars(pages: Segment[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const segments of pages) {
    for (const s of segments) {
      const m = PSEUDO_BULLET_RE.exec(s.text);
      if (m !== null) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([c]) => c));
}

function pseudoBullet(text: string, style: Style): RegExpExecArray | null {
  const m = PSEUDO_BULLET_RE.exec(text);
  return m !== null && style.bulletChars.has(m[1]!) ? m : null;
}

/**
 * Whether the lines that plainly continue the line above them (same start, same size, a small
 * letter after an open sentence) mostly change font name on the way: then the names are subsets of
 * one font, not styles, and a change of name does not end a paragraph.
 */
function fontsShuffled(pages: Segment[][]): boolean {
  let pairs = 0;
  let changed = 0;
  for (const segments of pages) {
    const ordered = [...segments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
    for (const [k, below] of ordered.entries()) {
      if (!/^\p{Ll}/u.test(below.text)) continue;
      const above = ordered
        .slice(Math.max(0, k - 4), k)
        .findLast((a) => Math.abs(a.x0 - below.x0) <= 1 && Math.abs(a.size - below.size) < 0.1);
      if (above === undefined || above.y - below.y > below.size * 2 || SENTENCE_END_RE.test(above.text)) {
        continue;
      }
      pairs++;
      if (above.lastFont !== below.font && above.font !== below.font) changed++;
    }
  }
  return pairs >= 3 && changed * 2 > pairs;
}

function styleKey(line: { size: number; font: string }): string {
  return `${round(line.size)}|${line.font}`;
}

/** A line short and plain enough to be a heading, whatever its style. */
function headingShaped(text: string): boolean {
  const words = text.split(/\s+/).length;
  if (words > 6 || text.length > 48 || SENTENCE_END_RE.test(text) || /\d{3,}|@/.test(text)) return false;
  return text.replace(/[^\p{L}]/gu, '').length >= 2;
}

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * Section headings share one style through the document; a headline or an employer set large or in
 * capitals once is not a heading for its style alone.
 */
function findHeadingStyles(pages: Segment[][], style: Style): Set<string> {
  const counts = new Map<string, number>();
  // Lines of a style that a date follows closely head entries (a job title set large), not sections.
  const dated = new Map<string, number>();
  for (const segments of pages) {
    for (const s of segments) {
      if (!headingShaped(s.text) || BULLET_GLYPH_RE.test(s.text)) continue;
      const larger = s.size >= style.bodySize * 1.15 && s.size < style.titleSize;
      if (!larger && !isCapitals(s.text)) continue;
      counts.set(styleKey(s), (counts.get(styleKey(s)) ?? 0) + 1);
      const below = segments.filter(
        (o) => o !== s && s.y - o.y > 0 && s.y - o.y <= s.size * 3.5 && Math.abs(o.x0 - s.x0) <= 40,
      );
      const sameRow = segments.filter((o) => o !== s && Math.abs(o.y - s.y) <= 2);
      if (
        [...below, ...sameRow].some(
          (o) => DATE_START_RE.test(o.text) || /(?:19|20)\d{2}\s*[-–—]/.test(o.text),
        )
      ) {
        dated.set(styleKey(s), (dated.get(styleKey(s)) ?? 0) + 1);
      }
    }
  }
  return new Set(
    [...counts].filter(([k, n]) => n >= 2 && (dated.get(k) ?? 0) < Math.max(2, n * 0.5)).map(([k]) => k),
  );
}

/**
 * Right-to-left glyphs placed one by one (Chromium's Arabic): each word's glyphs, left to right on
 * the page, become one fragment in reading order.
 */
function joinRtlGlyphs(items: PositionedText[]): PositionedText[] {
  const out: PositionedText[] = [];
  const glyphwise = items.filter((i) => hasRtl(i.str) && [...i.str].length === 1).length >= 3;
  for (const fragment of items) {
    // Among glyphs placed one by one, a lam-alef ligature is one glyph whose two letters pdf.js
    // turned around as if they had been placed in visual order ("ال" for "لا").
    const ligature = glyphwise && /^[\u0622\u0623\u0625\u0627\u0649]\u0644$/u.test(fragment.str);
    const item = ligature ? { ...fragment, str: [...fragment.str].reverse().join('') } : fragment;
    const last = out[out.length - 1];
    const touching = last !== undefined && item.x - (last.x + last.width) <= item.size * 0.08;
    if (last !== undefined && touching && hasRtl(last.str) && hasRtl(item.str) && item.str.trim() !== '') {
      out[out.length - 1] = { ...last, str: item.str + last.str, width: item.x + item.width - last.x };
    } else out.push(item);
  }
  return out;
}

/** Joins the fragments of one segment, with spaces where the gap between them shows one. */
const SPACED_FRAGMENT_RE = /^\S(?: \S)*$/u;

/** Letters apart by spaces, a kerned pair or three among them ("A RVA L H O"). */
function isSpacedFragment(str: string): boolean {
  if (SPACED_FRAGMENT_RE.test(str)) return true;
  const tokens = str.split(' ');
  return (
    tokens.length >= 3 &&
    tokens.every((t) => /^\p{L}{1,3}$/u.test(t)) &&
    tokens.filter((t) => t.length === 1).length >= tokens.length * 0.75
  );
}

/**
 * Letter-spaced words cut into fragments where a letter needs another font ("D O" + "Ś" +
 * "W I A D C Z E N I E", a Polish letter from a fallback font): one fragment again, two spaces where
 * the gap is a word's, so the letters join back into words.
 */
function joinSpacedRuns(items: PositionedText[]): PositionedText[] {
  const out: PositionedText[] = [];
  // The run's letter fragments, and every fragment since it began (spaces too) to give back as
  // they were when the run is no letter-spaced word.
  let run: PositionedText[] = [];
  let taken: PositionedText[] = [];
  const flush = () => {
    const letters = run.reduce((n, i) => n + i.str.trim().split(' ').length, 0);
    if (run.length < 2 || letters < 4 || !run.some((i) => i.str.trim().includes(' '))) {
      out.push(...taken);
    } else {
      let str = run[0]!.str.trim();
      for (let k = 1; k < run.length; k++) {
        const gap = run[k]!.x - (run[k - 1]!.x + run[k - 1]!.width);
        str += gap > Math.min(run[k]!.size, run[k - 1]!.size) * 0.5 ? '  ' : ' ';
        str += run[k]!.str.trim();
      }
      const last = run[run.length - 1]!;
      out.push({ ...run[0]!, str, width: last.x + last.width - run[0]!.x });
      // A space after the run's last letter still parts it from what follows.
      out.push(...taken.slice(taken.indexOf(last) + 1));
    }
    run = [];
    taken = [];
  };
  for (const item of items) {
    const str = item.str.trim();
    if (str === '') {
      if (run.length > 0) taken.push(item);
      else out.push(item);
      continue;
    }
    const previous = run[run.length - 1];
    const letters = isSpacedFragment(str);
    // Small capitals come in two sizes: "I" at 26 pt, then "N Ê S" at 20.8 pt.
    const sizes =
      previous === undefined ? 0 : Math.max(previous.size, item.size) / Math.min(previous.size, item.size);
    if (
      letters &&
      previous !== undefined &&
      sizes <= 1.35 &&
      item.x - (previous.x + previous.width) < Math.min(previous.size, item.size)
    ) {
      run.push(item);
      taken.push(item);
      continue;
    }
    flush();
    if (letters) {
      run.push(item);
      taken.push(item);
    } else out.push(item);
  }
  flush();
  return out;
}

/**
 * A space pdf.js puts in a gap no wider than the letter spacing ("Exp" "é" " " "rience", "A" " "
 * "v" " " "o" " " "c"): narrower than a word space, and the next letter starts inside it. A
 * letter-spaced run's word spaces are told from its letter gaps by width.
 */
function inLetterSpacing(
  blank: PositionedText,
  next: PositionedText | undefined,
  letterGap: number | null,
): boolean {
  if (letterGap !== null) return blank.width < letterGap * 1.6 + blank.size * 0.15;
  return (
    blank.width < blank.size * 0.12 &&
    next !== undefined &&
    next.str.trim() !== '' &&
    next.x < blank.x + blank.width - 0.05
  );
}

function joinFragments(fragments: PositionedText[], rtl: boolean): { text: string; spaced: boolean } {
  const rightToLeft = fragments.some((i) => hasRtl(i.str));
  const items = rightToLeft ? joinRtlGlyphs(fragments) : joinSpacedRuns(fragments);
  const letters = items.filter((i) => i.str.trim() !== '');
  const singles = letters.filter((i) => [...i.str.trim()].length === 1).length;
  // Letter-spaced words come as one fragment a glyph: the gaps between letters are the spacing,
  // and only a clearly wider gap (or a space fragment) is a word break.
  const spaced = letters.length >= 4 && singles / letters.length >= 0.8;
  const gaps: number[] = [];
  for (let k = 1; k < letters.length; k++)
    gaps.push(letters[k]!.x - (letters[k - 1]!.x + letters[k - 1]!.width));
  const letterGap = spaced ? median(gaps) : 0;
  let text = '';
  // The words as placed, each a run of fragments with no space between: a right-to-left line is
  // put back in reading order word by word (a fragment's own words are in reading order already).
  const words: string[] = [''];
  let end = Number.NEGATIVE_INFINITY;
  let pendingSpace = false;
  let joinedSpaced = false;
  let font = '';
  for (const [k, item] of items.entries()) {
    // A fragment may hold a letter-spaced word on its own ("K A T H A R I N A"), its neighbour the next.
    const raw = cleanGlyphs(item.str);
    const str = joinLetterSpaced(raw);
    if (str !== raw) joinedSpaced = true;
    if (str.trim() === '') {
      if (text !== '' && !inLetterSpacing(item, items[k + 1], spaced ? letterGap : null)) pendingSpace = true;
      end = Math.max(end, item.x + item.width);
      continue;
    }
    const gap = item.x - end;
    if (text !== '') {
      const wordGap = spaced ? gap > letterGap * 1.6 + item.size * 0.15 : gap > item.size * 0.12;
      // "Priya" light and "Raghunathan" bold set with only kerning between: a new word in another
      // font after a small letter is a word of its own.
      const fontBreak =
        item.font !== font && gap > item.size * 0.03 && /\p{Ll}$/u.test(text) && /^\p{Lu}/u.test(str);
      if ((pendingSpace || wordGap || fontBreak) && !/\s$/.test(text) && !/^\s/.test(str)) {
        text += ' ';
        words.push('');
      }
    }
    text += str;
    words[words.length - 1] += str;
    font = item.font;
    pendingSpace = false;
    end = Math.max(end, item.x + item.width);
  }
  if (rightToLeft) {
    text = toReadingOrder(
      words.filter((w) => w.trim() !== ''),
      (w) => w,
      rtl,
    ).join(' ');
  }
  // Tab leaders ("Experience ........", "Manchester ––––––– 2019") stand for a gap.
  text = text
    .replace(/\s*([.·_–—-])(?:\s?\1){3,}\s*/g, ' | ')
    .replace(/\s+/g, ' ')
    .replace(/^\s*\|\s*|\s*\|\s*$/g, '')
    .trim()
    // A heading between two dashes ("— PERFIL —") is the heading: the dashes are ornament, and the
    // first would read as a bullet.
    .replace(/^([–—])\s+([^–—]{1,40}?)\s+\1$/u, '$2');
  if (!spaced) {
    const joined = joinLetterSpaced(text);
    return { text: joined, spaced: joinedSpaced || joined !== text };
  }
  return { text, spaced: true };
}

/** Fragments of one page into segments, top of the page first. */
type Baselined = { y: number; size: number; str?: string; text?: string };

function isLoneGlyph(x: Baselined): boolean {
  const t = (x.str ?? x.text ?? '').trim();
  return [...t].length === 1 && !/[\p{L}\p{N}]/u.test(t);
}

/**
 * Two fragments share a baseline. Text of very different sizes (a large name beside a small contact
 * line) only when the baselines match exactly, as they do for the runs of one line.
 */
function sameBaseline(a: Baselined, b: Baselined): boolean {
  const small = Math.min(a.size, b.size);
  const large = Math.max(a.size, b.size);
  // A bullet glyph is often set smaller and raised (LaTeX's \textbullet at 6 pt beside 10 pt text).
  const glyph = isLoneGlyph(a) || isLoneGlyph(b);
  const tolerance = large > small * 1.5 && !glyph ? 1 : large * BASELINE_TOLERANCE;
  return Math.abs(a.y - b.y) <= tolerance;
}

function sizeJump(current: PositionedText[], item: PositionedText): boolean {
  const last = [...current].reverse().find((i) => i.str.trim() !== '');
  if (last === undefined) return false;
  const small = Math.min(last.size, item.size);
  if (Math.max(last.size, item.size) <= small * 1.3) return false;
  // Small capitals a browser makes by setting letters smaller ("R" at 22 pt, "ebecca" at 15.7 pt,
  // "-S" at 22 pt, a letter spacing between): letters of one word, however their sizes differ.
  const inWord =
    /\p{L}[-‐'’]?$/u.test(last.str) &&
    /^[-‐'’]?\p{L}/u.test(item.str) &&
    item.x - (last.x + last.width) < small * 0.2 &&
    Math.max(last.size, item.size) <= small * 1.6;
  return !inWord;
}

/**
 * Text starts shared by many rows: the left edges of columns. A date printed close before an
 * entry's title (moderncv) is split from it there, though the gap is narrow.
 */
function columnStarts(rows: PositionedText[][]): Set<number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const seen = new Set<number>();
    let end = Number.NEGATIVE_INFINITY;
    for (const item of row) {
      if (item.str.trim() === '') continue;
      // Only text after a gap wider than a word space starts a column.
      if (item.x - end > item.size * 0.6) seen.add(Math.round(item.x));
      end = item.x + item.width;
    }
    for (const x of seen) counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const strong = new Set<number>();
  const needed = Math.max(4, rows.length * 0.2);
  for (const [x, n] of counts) {
    const near = n + (counts.get(x - 1) ?? 0) + (counts.get(x + 1) ?? 0);
    if (near >= needed)
      strong
        .add(x)
        .add(x - 1)
        .add(x + 1);
  }
  return strong;
}

/**
 * A superscript ("1re", "6e", "2nd", a footnote mark) is set smaller and raised: it moves onto the
 * baseline of the text it touches, instead of making a line of its own above it.
 */
function lowerSuperscripts(items: PositionedText[]): PositionedText[] {
  if (items.length === 0) return items;
  const sizes = items.map((i) => i.size).sort((a, b) => a - b);
  const bodySize = sizes[sizes.length >> 1]!;
  const isCandidate = (i: PositionedText) =>
    i.size < bodySize * 0.8 && i.str.trim() !== '' && [...i.str.trim()].length <= 4;
  if (!items.some(isCandidate)) return items;
  // Hosts by baseline, searched in the few points below each candidate (linear in the page).
  const byY = [...items].sort((a, b) => a.y - b.y);
  const maxSize = sizes[sizes.length - 1]!;
  return items.map((item) => {
    if (!isCandidate(item)) return item;
    let lo = 0;
    let hi = byY.length;
    const from = item.y - maxSize * 0.6;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byY[mid]!.y < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < byY.length && byY[k]!.y < item.y; k++) {
      const h = byY[k]!;
      if (
        h.size >= item.size * 1.25 &&
        item.y - h.y <= h.size * 0.6 &&
        Math.abs(item.x - (h.x + h.width)) <= h.size * 0.15
      ) {
        return { ...item, y: h.y, size: h.size };
      }
    }
    return item;
  });
}

const COMMA_BELOW: Record<string, string> = { s: 'ș', S: 'Ș', t: 'ț', T: 'Ț' };

/**
 * Romanian ș and ț as pdfTeX builds them without the glyph (\textcommabelow): the letter, then a
 * comma lowered under its right half as a fragment of its own, then a tiny kern space. Read as
 * printed they give "Mures,an" and lines of stray commas; the comma goes back under its letter.
 */
function joinCommaBelow(items: PositionedText[]): PositionedText[] {
  if (!items.some((i) => i.str === ',')) return items;
  const out: PositionedText[] = [];
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    const host = out[out.length - 1];
    const letter = host === undefined ? undefined : COMMA_BELOW[host.str.at(-1) ?? ''];
    const end = host === undefined ? 0 : host.x + host.width;
    const kern = items[k + 1];
    if (
      item.str !== ',' ||
      host === undefined ||
      letter === undefined ||
      item.size > host.size ||
      host.y - item.y < host.size * 0.08 ||
      host.y - item.y > host.size * 0.35 ||
      item.x > end - host.size * 0.05 ||
      item.x < end - host.size * 0.7 ||
      kern === undefined ||
      kern.str.trim() !== '' ||
      kern.width > host.size * 0.3
    ) {
      out.push(item);
      continue;
    }
    out[out.length - 1] = { ...host, str: host.str.slice(0, -1) + letter };
    k++;
  }
  return out;
}

/**
 * What an icon read without its meaning comes out as: a letter, a symbol, a private-use or a
 * control character ("z", "+", "§", "@", FontAwesome's envelope "#", its phone U+0084).
 * Dashes and the like are what a symbol font's list bullet comes out as.
 */
const ICON_GLYPH_RE = /^[\p{L}\p{S}\p{Co}\u0080-\u009f@§#]$/u;
const BRACKET_GLYPH_RE = /^[{}[\]()]$/;
const RATING_RE = /^[○●◯⬤★☆\s]+$/u;
// A calendar icon stands before a date, or before the word for "since" that opens one ("seit 05/2019").
const DATE_AFTER_ICON_RE = /^\s*(?:\d|(?:seit|since|depuis|desde|dal|sinds|od|fra|sedan)(?:\s|$))/i;

/**
 * Icon fonts whose glyphs have no Unicode meaning in the file (FontAwesome in pdfTeX and others):
 * pdf.js reads the icon before a date as "z", before a city as "+", before a link as "§". A font
 * is one when each of its fragments, at least two, is a single character followed, a small gap
 * later on its baseline, by text in another font: what an icon before a detail looks like. A
 * letter-spaced heading (the next letter in the same font) or a drop capital (no gap) is not.
 */
function iconFonts(pages: readonly PageText[]): Set<string> {
  const seen = new Map<string, number>();
  const notIcons = new Set<string>();
  for (const page of pages) {
    const items = page.items.filter((i) => i.str.trim() !== '');
    items.forEach((item, k) => {
      if (notIcons.has(item.font)) return;
      const next = items[k + 1];
      const gap = next === undefined ? 0 : next.x - (item.x + item.width);
      const says = glyphSays(cleanGlyphs(item.str).trim(), next?.str);
      if (says === 'nothing') return;
      const icon =
        says === 'icon' &&
        next !== undefined &&
        next.font !== item.font &&
        Math.abs(next.y - item.y) < item.size * 0.3 &&
        gap > item.size * 0.12 &&
        gap < item.size * 1.5;
      if (icon) seen.set(item.font, (seen.get(item.font) ?? 0) + 1);
      else notIcons.add(item.font);
    });
  }
  return new Set([...seen].filter(([font, n]) => n >= 2 && !notIcons.has(font)).map(([font]) => font));
}

/**
 * What a lone glyph says of its font: an icon ("z", "+", "#", a "{" calendar before a date), text
 * (a dash, a bullet, a word), or nothing either way: rating dots or stars (a language's level) drawn
 * with the same font, a bracket before text (FontAwesome's calendar reads "{", and so does a symbol
 * font's list bullet), a glyph that reads as nothing.
 */
function glyphSays(glyph: string, next: string | undefined): 'icon' | 'text' | 'nothing' {
  if (glyph === '' || RATING_RE.test(glyph)) return 'nothing';
  if (BRACKET_GLYPH_RE.test(glyph)) return DATE_AFTER_ICON_RE.test(next ?? '') ? 'icon' : 'nothing';
  return ICON_GLYPH_RE.test(glyph) && !BULLET_GLYPH_RE.test(glyph) ? 'icon' : 'text';
}

/**
 * The fragments with each icon of an icon font turned into the space it takes, so that the detail
 * after it stays on its line's part; rating dots and brackets before text in that font stay.
 */
function withoutIcons(items: PositionedText[], icons: ReadonlySet<string>): PositionedText[] {
  if (icons.size === 0) return items;
  const out = [...items];
  let next: string | undefined;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k]!;
    if (icons.has(item.font) && glyphSays(cleanGlyphs(item.str).trim(), next) === 'icon')
      out[k] = { ...item, str: ' ' };
    if (item.str.trim() !== '') next = item.str;
  }
  return out;
}

/** Fragments with text and a position, superscripts lowered, top to bottom and left to right. */
function pageItems(page: PageText, icons: ReadonlySet<string>): PositionedText[] {
  return lowerSuperscripts(
    joinCommaBelow(
      withoutIcons(
        page.items.filter((i) => i.str !== '' && Number.isFinite(i.x) && Number.isFinite(i.y)),
        icons,
      ),
    ),
  ).sort((a, b) => b.y - a.y || a.x - b.x);
}

/** Sorted fragments grouped by baseline, each row left to right. */
function baselineRows(items: readonly PositionedText[]): PositionedText[][] {
  const rows: PositionedText[][] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    // A letter in a much smaller size (a browser's small capitals) is measured against its own
    // word's capital too: beside a larger heading of another column, its baseline is not the row's.
    const near =
      ref !== undefined &&
      (sameBaseline(ref, item) ||
        (Math.abs(ref.y - item.y) <= Math.max(ref.size, item.size) * BASELINE_TOLERANCE &&
          row!.some((r) => sameBaseline(r, item))));
    if (near) {
      row!.push(item);
    } else rows.push([item]);
  }
  for (const row of rows) row.sort((a, b) => a.x - b.x);
  return rows;
}

/** The part of a row being gathered into a segment, and where it ends. */
interface OpenPart {
  items: PositionedText[];
  /** where the part ends, a space fragment after its first fragment included */
  end: number;
  // Where the last visible text ends: a space fragment up to a column's left edge (a label cell
  // filled to its width, "Arbetslivserfarenhet" + " " beside the entry) does not bridge the
  // columns. After letter-spaced text it is the wide space between its words ("P R I Y A" + " ").
  inkEnd: number;
  inkSpaced: boolean;
}

function openPart(): OpenPart {
  return { items: [], end: Number.NEGATIVE_INFINITY, inkEnd: Number.NEGATIVE_INFINITY, inkSpaced: false };
}

const columnEndOf = (part: OpenPart) => (part.inkSpaced ? part.end : part.inkEnd);

/** A lone bullet glyph belongs to the text after it, however far the indent. */
function isLoneBullet(items: readonly PositionedText[]): boolean {
  const only = items.filter((i) => i.str.trim() !== '');
  const glyph = only[0]?.str.trim() ?? '';
  // One glyph alone, not a fragment that starts with one ("• Vedu tým …").
  return only.length === 1 && [...glyph].length === 1 && !/[\p{L}\p{N}]/u.test(glyph);
}

/** The gathered fragments as one segment; null when nothing visible is left of them. */
function segmentOf(items: PositionedText[], rtl: boolean): Segment | null {
  const visible = items.filter((i) => cleanGlyphs(i.str).trim() !== '');
  if (visible.length === 0) return null;
  const { text, spaced } = joinFragments(items, rtl);
  if (text === '') return null;
  const first = visible[0]!;
  const last = visible[visible.length - 1]!;
  return {
    x0: first.x,
    x1: last.x + last.width,
    y: first.y,
    size: Math.max(...visible.map((i) => i.size)),
    // The font of most of the segment's characters.
    font: visible.reduce((a, b) => (b.str.length > a.str.length ? b : a)).font,
    lastFont: last.font,
    starts: visible.map((i) => i.x),
    text,
    spaced,
  };
}

/** A blank fragment that stands between two parts of the row: it ends the part, and is dropped. */
function blankSplitsRow(part: OpenPart, item: PositionedText, rowSize: number): boolean {
  if (isLoneBullet(part.items)) return false;
  // Some producers fill the gap between two columns with one wide space fragment.
  // The space is measured against the text it follows: a line beside a sidebar shares its
  // baseline with smaller text ("L I A M" + a wide space + "O ' C O N N E L L" at 24 pt).
  const before = part.items.findLast((i) => i.str.trim() !== '');
  const spaceWide =
    before !== undefined && before.size > rowSize && before.size === item.size
      ? Math.max(before.size, 4) * SEGMENT_GAP
      : Math.max(rowSize, 4) * SEGMENT_GAP;
  if (item.width > spaceWide) return true;
  // A blank far from the text before it (an icon glyph dropped to a space) opens the next part.
  return part.items.length > 0 && item.x - part.end > Math.max(item.size, 4) * SEGMENT_GAP;
}

/** Text that starts a new part of the row: far from the part before, in another size, or at a column's edge. */
function textSplitsRow(part: OpenPart, item: PositionedText, starts: ReadonlySet<number>): boolean {
  return (
    part.items.length > 0 &&
    (item.x - part.end > Math.max(item.size, 4) * SEGMENT_GAP ||
      // A label beside a name in another size ("PERSONAL INFORMATION  Jane Doe").
      (item.x - part.end > 1 && sizeJump(part.items, item)) ||
      (item.x - columnEndOf(part) > item.size * 0.6 && starts.has(Math.round(item.x)))) &&
    !isLoneBullet(part.items)
  );
}

/** Adds a fragment to the part; a space before any text does not move where the part ends. */
function extendPart(part: OpenPart, item: PositionedText, blank: boolean): void {
  part.items.push(item);
  if (!blank || part.items.length > 1) part.end = Math.max(part.end, item.x + item.width);
  if (!blank) {
    part.inkEnd = Math.max(part.inkEnd, item.x + item.width);
    part.inkSpaced = /^(?:\S ){2,}\S$/u.test(item.str.trim());
  }
}

/** One baseline's fragments cut into segments where a wide gap, a size jump or a column edge parts them. */
function rowSegments(row: PositionedText[], rtl: boolean, starts: ReadonlySet<number>): Segment[] {
  const segments: Segment[] = [];
  let part = openPart();
  const flush = () => {
    const segment = segmentOf(part.items, rtl);
    if (segment !== null) segments.push(segment);
    part = openPart();
  };
  const rowSize = row[0]?.size ?? 10;
  for (const item of row) {
    const blank = cleanGlyphs(item.str).trim() === '';
    if (blank && blankSplitsRow(part, item, rowSize)) {
      flush();
      continue;
    }
    if (!blank && textSplitsRow(part, item, starts)) flush();
    extendPart(part, item, blank);
  }
  flush();
  rejoinJustified(segments, 0);
  return segments;
}

/** A page's fragments as segments: rows by baseline, each cut into the parts printed apart. */
function buildSegments(page: PageText, icons: ReadonlySet<string>): Segment[] {
  const items = pageItems(page, icons);
  const rows = baselineRows(items);
  // A page of Arabic or Hebrew reads right to left, the Latin words in it left to right.
  const rtl = items.some((i) => hasRtl(i.str)) && mostlyRtl(items.map((i) => i.str).join(''));
  const starts = columnStarts(rows);
  return rows.flatMap((row) => rowSegments(row, rtl, starts));
}

/**
 * Justified text in a narrow column stretches its word gaps past the width that splits a line into
 * parts. Words spread at even gaps are one line: "Auxiliar  de  operaciones  logísticas".
 */
function rejoinJustified(segments: Segment[], from: number): void {
  const row = segments.slice(from);
  if (row.length < 3) return;
  const singleWords = row.filter((s) => !s.text.includes(' ')).length;
  if (singleWords < row.length - 1) return;
  const gaps: number[] = [];
  for (let k = 1; k < row.length; k++) gaps.push(row[k]!.x0 - row[k - 1]!.x1);
  const size = Math.max(...row.map((s) => s.size));
  // A heading beside smaller text (moderncv's margin headings) is no justified line.
  if (row[0]!.size >= Math.max(...row.slice(1).map((s) => s.size)) * 1.2) return;
  if (Math.max(...gaps) > size * 3 || Math.max(...gaps) > Math.min(...gaps) * 1.8) return;
  const first = row[0]!;
  const last = row[row.length - 1]!;
  segments.splice(from, row.length, {
    ...first,
    x1: last.x1,
    lastFont: last.lastFont,
    starts: row.flatMap((s) => s.starts),
    text: row.map((s) => s.text).join(' '),
  });
}

const PAGE_NUMBER_RE =
  /^(?:(?:page|seite|página|pagina|p\.)\s*)?\d{1,3}(?:\s*(?:\/|of|von|de|sur|из|από)\s*\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$/i;

const PAGE_OF_RE =
  /(?:^|\s)(?:page|seite|página|pagina|strona|side|sida|sivu|stránka|pág\.?|p\.)\s*\d{1,3}\s*(?:\/|of|von|de|di|z|af|av|sur|из)\s*\d{1,3}(?:\s|$)/i;

/** Running headers and footers: a page number, or text repeated at the top or bottom of every page. */
function dropRunningLines(pages: Segment[][], heights: number[], title: string | null): Segment[][] {
  // A page's header and footer bands: the top 15% and the bottom 10% of the page.
  const band = (s: Segment, h: number) => s.y > h * 0.85 || s.y < h * 0.1;
  // A header repeats in the header band, a footer in the footer band: a form's label at the foot of
  // one page and again at the top of the next ("Titolo della qualifica rilasciata") runs nothing.
  const key = (s: Segment, h: number) =>
    `${s.y > h / 2 ? 'top' : 'foot'} ${s.text.replace(/\d+/g, '#').toLowerCase()}`;
  // A menu across the top of a web page ("Home | Experience | Publications | …") repeats nothing:
  // its words are not running lines when a later page starts with the heading "Experience".
  const bands = pages.map((segments, p) => {
    const h = heights[p] ?? 842;
    const inBand = segments.filter((s) => band(s, h));
    const perRow = new Map<number, number>();
    for (const s of inBand) perRow.set(Math.round(s.y), (perRow.get(Math.round(s.y)) ?? 0) + 1);
    return new Set(inBand.filter((s) => (perRow.get(Math.round(s.y)) ?? 0) < 4).map((s) => key(s, h)));
  });
  const name = title === null ? null : title.toLowerCase();
  return pages.map((segments, p) => {
    const h = heights[p] ?? 842;
    return segments.filter((s) => {
      if (!band(s, h)) return true;
      const inMargin = s.y > h * 0.93 || s.y < h * 0.07;
      if (inMargin && PAGE_NUMBER_RE.test(s.text.trim())) return false;
      // "Seite 1 / 2 - Lebenslauf von Brandt, Katharina": a footer that counts the pages.
      if (band(s, h) && PAGE_OF_RE.test(s.text)) return false;
      const k = key(s, h);
      // A page header repeated on every page often holds the name: it is read once, on page one.
      // A footer line standing alone and repeated on the other pages is dropped from page one too
      // (europecv prints the name at the foot of every page, where it would end the last entry
      // above it); a form's footer block beside its labels stays with them.
      if (p === 0) {
        const counts = (o: Segment) => !PAGE_OF_RE.test(o.text) && !PAGE_NUMBER_RE.test(o.text.trim());
        const alone = !segments.some((o) => o !== s && Math.abs(o.y - s.y) < s.size * 3 && counts(o));
        return !(
          alone &&
          k.startsWith('foot') &&
          s.text !== title &&
          bands.some((b, q) => q > 0 && b.has(k))
        );
      }
      // Repeated from page one's header or footer band, or in the narrow margin of other pages too.
      if (bands[0]?.has(k)) return false;
      if (inMargin && bands.some((b, q) => q !== p && b.has(k))) return false;
      // "Priya Raman · Résumé" atop page two only: the name in a margin of a later page.
      return !(inMargin && name !== null && s.text.toLowerCase().includes(name));
    });
  });
}

interface Split {
  /** the gutter's centre */
  x: number;
  width: number;
  /** share of the lines beside the gutter that cross it */
  crossing: number;
  left: Segment[];
  right: Segment[];
  spanning: Segment[];
}

/**
 * A gutter: an x band no segment crosses (a few page-wide lines aside), with a good share of the
 * text on each side. Returns the widest one.
 */
function findGutter(segments: Segment[], bodySize: number): Split | null {
  if (segments.length < 8) return null;
  const minX = Math.floor(Math.min(...segments.map((s) => s.x0)));
  const maxX = Math.ceil(Math.max(...segments.map((s) => s.x1)));
  const width = maxX - minX;
  if (width <= 0) return null;
  const cover = new Int32Array(width + 1);
  for (const s of segments) {
    for (let x = Math.max(0, Math.floor(s.x0) - minX); x <= Math.min(width, Math.ceil(s.x1) - minX); x++)
      cover[x]!++;
  }
  const allowed = Math.max(1, Math.floor(segments.length * 0.25));
  // moderncv sets its dates a few points from the text they date; columns of text keep wider apart.
  const minGutter = Math.max(4, bodySize * 0.4);
  let best: Split | null = null;
  let bestWidth = 0;
  let start = -1;
  for (let x = 0; x <= width + 1; x++) {
    const open = x <= width && cover[x]! <= allowed;
    if (open && start < 0) start = x;
    if (!open && start >= 0) {
      // Within the open band, the gutter is the widest run at its lowest coverage.
      let low = Number.POSITIVE_INFINITY;
      for (let k = start; k < x; k++) low = Math.min(low, cover[k]!);
      let runStart = start;
      let runWidth = 0;
      for (let k = start, from = -1; k <= x; k++) {
        if (k < x && cover[k]! <= low) {
          if (from < 0) from = k;
        } else if (from >= 0) {
          if (k - from > runWidth) [runStart, runWidth] = [from, k - from];
          from = -1;
        }
      }
      let gutterWidth = runWidth;
      let widened = false;
      const centre = minX + runStart + gutterWidth / 2;
      // One line run into the gutter (a LaTeX overfull line, a long link) narrows its clear part
      // to a few points: the gutter is as wide as the band that line alone encroaches on.
      if (gutterWidth < minGutter) {
        let from = runStart;
        let to = runStart + runWidth;
        while (from > start && cover[from - 1]! <= low + 1) from--;
        while (to < x && cover[to]! <= low + 1) to++;
        const clearFrom = minX + runStart;
        const clearTo = clearFrom + runWidth;
        const intruders = segments.filter(
          (s) => (s.x1 > minX + from && s.x1 <= clearFrom) || (s.x0 >= clearTo && s.x0 < minX + to),
        );
        // ...of a justified column: its lines end together at the band's left edge.
        const justified = segments.filter(
          (s) => s.x1 <= minX + from && s.x1 >= minX + from - bodySize * 0.6,
        ).length;
        if (to - from >= minGutter * 2 && intruders.length === 1 && justified >= 3) {
          gutterWidth = to - from;
          widened = true;
        }
      }
      if (gutterWidth >= minGutter && gutterWidth > bestWidth) {
        const left = segments.filter((s) => s.x1 <= centre);
        const right = segments.filter((s) => s.x0 >= centre);
        const share = (xs: Segment[]) => xs.reduce((n, s) => n + s.text.length, 0);
        const total = share(segments);
        const spanning = segments.filter((s) => s.x0 < centre && s.x1 > centre);
        // A widened gutter only between two columns that run down the page.
        const least = widened ? 10 : 3;
        if (
          left.length >= least &&
          right.length >= least &&
          share(left) >= total * 0.03 &&
          share(right) >= total * 0.03 &&
          crossingShare(left, right, spanning) <= MAX_CROSSING_LABELS &&
          sideBySide(left, right) >= 0.4
        ) {
          best = {
            x: centre,
            left,
            right,
            spanning,
            width: gutterWidth,
            crossing: crossingShare(left, right, spanning),
          };
          bestWidth = gutterWidth;
        }
      }
      start = -1;
    }
  }
  return best;
}

/**
 * The share of the smaller side's lines that have a line of the other side on their row or the
 * next: columns run beside each other, while an entry's header over its indented items (a
 * timeline's titles, then its bullets) takes turns with them down the page and makes no gutter.
 */
function sideBySide(left: Segment[], right: Segment[]): number {
  const [few, many] = left.length <= right.length ? [left, right] : [right, left];
  const beside = few.filter((s) => many.some((o) => Math.abs(o.y - s.y) <= Math.max(s.size, o.size) * 1.25));
  return beside.length / Math.max(1, few.length);
}

/**
 * The share of lines that cross the gutter where both sides have text (a header above the columns
 * may cross it freely).
 */
function crossingShare(left: Segment[], right: Segment[], spanning: Segment[]): number {
  const top = Math.min(Math.max(...left.map((s) => s.y)), Math.max(...right.map((s) => s.y)));
  const bottom = Math.max(Math.min(...left.map((s) => s.y)), Math.min(...right.map((s) => s.y)));
  const inside = (s: Segment) => s.y <= top + 1 && s.y >= bottom - 1;
  const crossing = spanning.filter(inside).length;
  const within = left.filter(inside).length + right.filter(inside).length + crossing;
  return crossing <= 1 ? 0 : crossing / Math.max(1, within);
}

// Columns of text are crossed by hardly a line; a date column may be crossed by a few entries set
// too close to their dates to be split from them.
const MAX_CROSSING_COLUMNS = 0.1;
const MAX_CROSSING_LABELS = 0.2;

/** How a narrow column labels the entries beside it: line by line, in stacked blocks, or not at all. */
type LabelColumn = 'lines' | 'blocks' | false;

/**
 * Dates or labels in a narrow column beside each entry (moderncv, Europass, CSS grids) share their
 * baseline with the entry's first line; a sidebar's lines run on their own.
 */
function isLabelColumn(split: Split, style: Style): LabelColumn {
  const kind = isLabelColumnOf(split);
  if (kind !== false) return kind;
  // A contact block set flush right above the first section (Awesome-CV) is no label; the places
  // and dates beside the entries below it are.
  const wideSide = split.left.length > split.right.length ? split.left : split.right;
  const firstHeading = Math.max(
    ...wideSide
      .filter((s) => s.size >= style.bodySize * 1.3 && s.size < style.bodySize * 2 && headingShaped(s.text))
      .map((s) => s.y),
  );
  if (Number.isFinite(firstHeading)) {
    const below = (xs: Segment[]) => xs.filter((s) => s.y <= firstHeading);
    const body = {
      ...split,
      left: below(split.left),
      right: below(split.right),
      spanning: below(split.spanning),
    };
    if (body.left.length < split.left.length || body.right.length < split.right.length) {
      const inBody = isLabelColumnOf(body);
      if (inBody !== false) return inBody;
    }
  }
  // A section heading set larger, alone on its row, stands across the page whatever its length
  // (a short "Profil" falls beside the date column): it is no label.
  const [column, wide] =
    split.left.length <= split.right.length ? [split.left, split.right] : [split.right, split.left];
  const across = (s: Segment) =>
    s.size >= style.bodySize * 1.2 &&
    headingShaped(s.text) &&
    !wide.some((w) => nearBaseline(w, s)) &&
    !column.some((o) => o !== s && sameBaseline(o, s));
  if (!column.some(across)) return false;
  const without = (xs: Segment[]) => xs.filter((s) => !across(s));
  return isLabelColumnOf({ ...split, left: without(split.left), right: without(split.right) });
}

function isLabelColumnOf(split: Split): LabelColumn {
  const [narrow, wide] =
    split.left.length <= split.right.length ? [split.left, split.right] : [split.right, split.left];
  const labelled = labelBlocks(narrow.filter((s) => !isSideHeading(s)));
  const blocks =
    chars(narrow) <= chars(wide) * 0.6 && isDatedBlockColumn(labelled, [...wide, ...split.spanning]);
  // Blocks of three lines or more (a name, its dates, its city) read as one line each: by baseline,
  // their lines would fall between the entry's items.
  const stacked = blocks && labelled.filter((b) => b.length >= 3).length >= labelled.length * 0.5;
  if (stacked) return 'blocks';
  if (isLabelColumnByLine(split)) return 'lines';
  return blocks && 'blocks';
}

function isLabelColumnByLine(split: Split): boolean {
  const [narrow, wide] =
    split.left.length <= split.right.length ? [split.left, split.right] : [split.right, split.left];
  const narrowChars = narrow.reduce((n, s) => n + s.text.length, 0);
  const wideChars = wide.reduce((n, s) => n + s.text.length, 0);
  // Labels set flush right against the gutter, beside the values they name (the old Europass form,
  // "Zeitraum" | "Beruf oder Funktion" | …): a form, however dense and long its labels.
  const right = median(narrow.map((s) => s.x1));
  const flushRight =
    narrow === split.left &&
    narrow.length >= 6 &&
    narrow.filter((s) => Math.abs(s.x1 - right) <= 2).length >= narrow.length * 0.7;
  if (narrowChars > wideChars * (flushRight ? 1 : 0.6)) return false;
  // A label's entry may also cross the gutter (set too close to be split from its neighbour).
  // Section headings in capitals may stand in the label column on lines of their own.
  const others = [...wide, ...split.spanning];
  const labels = narrow.filter((s) => !isSideHeading(s));
  // Section headings alone in a margin column, each beside its section's first line (Standard
  // Resume, many CSS grid CVs): the column names what stands beside it, it is no sidebar.
  const headings = narrow.filter(isSideHeading);
  if (
    headings.length >= 2 &&
    labels.length <= Math.max(1, narrow.length * 0.2) &&
    headings.filter((h) => others.some((w) => nearBaseline(w, h))).length >= headings.length * 0.6
  ) {
    return true;
  }
  // A date may also sit between an entry's first two lines (set in a smaller size, centred).
  const besideEntry = new Set(
    labels.filter((s) =>
      others.some((w) => sameBaseline(w, s) || (/(?:19|20)\d{2}/.test(s.text) && nearBaseline(w, s))),
    ),
  );
  // A place or a note under an entry's dates, in the date column's own leading, belongs to them.
  const underDates = labels.filter(
    (s) =>
      !besideEntry.has(s) &&
      [...besideEntry].some(
        (d) =>
          /(?:19|20)\d{2}/.test(d.text) &&
          d.y > s.y &&
          d.y - s.y <= s.size * 1.6 &&
          Math.abs(d.x0 - s.x0) <= 3,
      ),
  );
  const aligned = besideEntry.size + underDates.length;
  if (aligned < labels.length * 0.6) return false;
  // A sidebar holds the person's address under headings of its own; a column of labels or dates
  // under the body's headings does not.
  const sideHeadings = narrow.filter(isSideHeading);
  if (sideHeadings.length >= 2 && labels.some((s) => /\S@\S+\.\p{L}{2,}/u.test(s.text))) return false;
  if (flushRight && aligned >= labels.length * 0.65) return true;
  // A form's labels come back entry after entry ("Position", "Unternehmen", "Zeitraum" over each
  // job of a job board's profile): a sidebar does not repeat its lines.
  const counts = new Map<string, number>();
  for (const s of besideEntry) counts.set(s.text.trim(), (counts.get(s.text.trim()) ?? 0) + 1);
  const repeated = [...besideEntry].filter((s) => (counts.get(s.text.trim()) ?? 0) >= 2).length;
  if (repeated >= 6 && repeated >= labels.length * 0.5) return true;
  // A sidebar set in the same leading as the main column can align by chance. Labels sit beside
  // entries: one (wrapped lines joined) every few lines of the wide column; a sidebar's lines
  // follow one another.
  const continued = labelContinuations(narrow);
  const heads = narrow.filter((s) => !continued.has(s)).sort((a, b) => b.y - a.y);
  // Labels that date things (a Europass or tabular CV's left column, with a city under each date)
  // may be dense; others must leave most of the wide column's lines without a label. A table's
  // left cells may name personal data and skills row by row besides the dates: a quarter dated
  // is a date column.
  const dated = heads.filter((s) => /(?:19|20)\d{2}/.test(s.text)).length >= heads.length * 0.25;
  if (heads.length > wide.length * (dated ? 0.9 : 0.6)) return false;
  if (dated || heads.length < 3) return true;
  const gaps: number[] = [];
  for (let k = 1; k < heads.length; k++) gaps.push((heads[k - 1]!.y - heads[k]!.y) / heads[k]!.size);
  return median(gaps) >= 2.2;
}

/**
 * A narrow column's lines in blocks: lines that follow one another closely at one left edge
 * (an employer wrapped over two lines, its dates, its city), top of the page first.
 */
function labelBlocks(labels: Segment[]): Segment[][] {
  const blocks: Segment[][] = [];
  for (const label of [...labels].sort((a, b) => b.y - a.y)) {
    const block = blocks.at(-1);
    const last = block?.at(-1);
    if (block && last && last.y - label.y <= label.size * 1.7 && Math.abs(label.x0 - last.x0) <= 3) {
      block.push(label);
    } else blocks.push([label]);
  }
  return blocks;
}

/**
 * An entry's facts stacked in a narrow column beside its title and items (VisualCV, resume.io and
 * many CSS grid CVs: the employer, wrapped, over its dates over its city): few of the column's
 * lines share a baseline with the entry, but every block's first line does, and most blocks date
 * something. A sidebar's sections neither start beside an entry nor hold dates.
 */
function isDatedBlockColumn(blocks: Segment[][], others: Segment[]): boolean {
  if (blocks.length < 3 || blocks.some((b) => b.length > 5)) return false;
  const besideEntry = blocks.filter((b) => others.some((w) => sameBaseline(w, b[0]!))).length;
  const dated = blocks.filter((b) => b.some((s) => /(?:19|20)\d{2}/.test(s.text))).length;
  return besideEntry >= blocks.length * 0.75 && dated >= blocks.length * 0.5;
}

/** A section heading in a margin column: a short line in capitals. */
function isSideHeading(s: Segment): boolean {
  return isCapitals(s.text) && headingShaped(s.text);
}

interface MarginHeadings {
  headings: Segment[];
  /** second lines of wrapped headings ("Professional" over "Experience") */
  wrapped: Set<Segment>;
  /** a contact block beside the name, above the first heading */
  besideName: Segment[];
}

/**
 * A margin column that holds nothing but section headings, each level with its section's first
 * line, and perhaps a contact block beside the name above them (moderncv's fancy style, where the
 * headings are set larger than the body rather than in capitals). Null when the column holds more.
 */
function findMarginHeadings(split: Split, style: Style): MarginHeadings | null {
  const narrow = split.left.length <= split.right.length ? split.left : split.right;
  const wide = narrow === split.left ? split.right : split.left;
  if (chars(narrow) > chars(wide) * 0.6) return null;
  const others = [...wide, ...split.spanning];
  const large = (s: Segment) =>
    headingShaped(s.text) && s.size >= style.bodySize * 1.2 && s.size < style.titleSize;
  const headingLike = (s: Segment) => isSideHeading(s) || large(s);
  const wrapped = new Set<Segment>();
  const sorted = [...narrow].sort((a, b) => b.y - a.y);
  for (let k = 1; k < sorted.length; k++) {
    const [above, below] = [sorted[k - 1]!, sorted[k]!];
    if (
      headingLike(above) &&
      headingLike(below) &&
      !wrapped.has(above) &&
      above.size === below.size &&
      above.font === below.font &&
      above.y - below.y <= above.size * 1.6 &&
      (Math.abs(above.x1 - below.x1) <= 2 || Math.abs(above.x0 - below.x0) <= 2)
    ) {
      wrapped.add(below);
    }
  }
  const headings = narrow.filter((s) => !wrapped.has(s) && headingLike(s));
  if (headings.length < 2 || new Set(headings.map(styleKey)).size > 1) return null;
  // Headings set in a margin share its edge, against the gutter or the page's margin.
  const edge = (xs: number[]) => xs.filter((x) => Math.abs(x - median(xs)) <= 2).length;
  const h0 = headings.map((h) => h.x0);
  const h1 = headings.map((h) => h.x1);
  if (Math.max(edge(h0), edge(h1)) < headings.length * 0.8) return null;
  const firstHeading = Math.max(...headings.map((h) => h.y));
  const rest = narrow.filter((s) => !wrapped.has(s) && !headings.includes(s));
  const besideName = rest.filter((s) => s.y > firstHeading + s.size * 0.5);
  const within = rest.length - besideName.length;
  if (within > Math.max(1, (within + headings.length) * 0.2)) return null;
  if (headings.filter((h) => others.some((w) => nearBaseline(w, h))).length < headings.length * 0.6) {
    return null;
  }
  // The contact block stands beside the name and its headline, not beside a section.
  if (besideName.length > 0 && !others.some((w) => w.y >= Math.min(...besideName.map((s) => s.y)) - 1)) {
    return null;
  }
  return { headings, wrapped, besideName };
}

// A label line left open: a date range waiting for its end ("сент. 2020 –", "janv. 2017 – juin",
// "2015. szeptember – 2019." before its month).
const OPEN_LABEL_RE = /(?:19|20)\d{2}.*[-–—]\s*(?:\p{L}+\.?|(?:19|20)\d{2}\.)?$/u;

/**
 * Label lines that continue the one above them: a date range that wraps in its narrow column
 * ("сент. 2020 –" over "настоящее" over "время").
 */
function labelContinuations(labels: Segment[]): Set<Segment> {
  const sorted = [...labels].sort((a, b) => b.y - a.y);
  const continued = new Set<Segment>();
  let head = '';
  let previous: Segment | null = null;
  for (const label of sorted) {
    // A section heading beside the first date ("EXPERIENCIA" by "2022-04 -") opens no label.
    if (isSideHeading(label)) continue;
    const follows =
      previous !== null &&
      previous.y - label.y <= label.size * 1.5 &&
      (Math.abs(label.x0 - previous.x0) <= 3 || Math.abs(label.x1 - previous.x1) <= 3) &&
      // Open after a dash: anything short continues it; after "– juin" only its year or a word in
      // lower case ("– настоящее" over "время"), not a city ("– heden" over "Tilburg").
      (/[-–—]\s*$/.test(head) ||
        (OPEN_LABEL_RE.test(head) && /^(?:(?:19|20)\d{2}|\p{Ll})/u.test(label.text)) ||
        // A date without its year over the year alone ("depuis sept." over "2020").
        (!/(?:19|20)\d{2}/.test(head) && /^(?:19|20)\d{2}$/.test(label.text.trim()))) &&
      // A new range opens a label of its own; a month written "2022-03" does not.
      !/^\d{1,2}[./]\d{4}\s*[-–—]|^(?:19|20)\d{2}\s*[-–—](?!\d{2}(?!\d))/.test(label.text);
    if (follows) {
      continued.add(label);
      head += ` ${label.text}`;
    } else head = label.text;
    previous = label;
  }
  return continued;
}

function nearBaseline(a: Segment, b: Segment): boolean {
  return sameBaseline(a, b) || Math.abs(a.y - b.y) <= Math.max(a.size, b.size) * 0.8;
}

/** Labels already joined to the label above them. */
const joinedLabels = new WeakSet<Segment>();

/**
 * Wrapped labels joined to the first line of their label, on its baseline beside its entry. In a
 * column of stacked blocks (`blocks`), each block's lines join its first line: read by baseline,
 * they would fall between the entry's items.
 */
function joinWrappedLabels(segments: Segment[], labels: Segment[], blocks = false): Segment[] {
  if (blocks) return joinLabelBlocks(segments, labels);
  const continued = labelContinuations(labels);
  // A label set a little off its entry's baseline moves onto it (the line at or above it first).
  const entries = segments.filter((s) => !labels.includes(s));
  for (const label of labels) {
    if (entries.some((e) => sameBaseline(e, label))) continue;
    const near = entries
      .filter((e) => nearBaseline(e, label))
      .sort(
        (a, b) =>
          (b.y >= label.y ? 1 : 0) - (a.y >= label.y ? 1 : 0) ||
          Math.abs(a.y - label.y) - Math.abs(b.y - label.y),
      );
    if (near[0] !== undefined) label.y = near[0].y;
  }
  let head: Segment | null = null;
  for (const label of [...labels].sort((a, b) => b.y - a.y)) {
    if (isSideHeading(label)) continue;
    if (!continued.has(label)) head = label;
    else if (head !== null && !joinedLabels.has(label)) {
      // Once only: a page is split again without its header band, on the same segments.
      joinedLabels.add(label);
      head.text += ` ${label.text}`;
      head.x1 = Math.max(head.x1, label.x1);
    }
  }
  return segments.filter((s) => !continued.has(s));
}

/**
 * Each block's lines on its first line: a line in the style of the one above goes on with it (an
 * employer wrapped in the narrow column), a line in another style is a part of its own
 * ("Fenwick & Rowe Restaurant Group | Feb 2022 – Present | Dublin 2").
 */
function joinLabelBlocks(segments: Segment[], labels: Segment[]): Segment[] {
  // New segments, not the old ones changed: a page may be split again without its header band.
  const replaced = new Map<Segment, Segment | null>();
  const blocks = labelBlocks(labels.filter((s) => !isSideHeading(s)));
  const right = Math.max(...blocks.flat().map((s) => s.x1));
  for (const [head, ...rest] of blocks) {
    if (rest.length === 0) continue;
    const joined = { ...head! };
    let previous = head!;
    for (const line of rest) {
      joined.text += wrapsInColumn(previous, line, right) ? ` ${line.text}` : ` | ${line.text}`;
      joined.x1 = Math.max(joined.x1, line.x1);
      replaced.set(line, null);
      previous = line;
    }
    replaced.set(head!, joined);
  }
  return segments.flatMap((s) => {
    const r = replaced.get(s);
    return r === undefined ? [s] : r === null ? [] : [r];
  });
}

/**
 * A name the narrow column broke ("Dublin Institute of" over "Technology"): the next line's first
 * word would not have fitted after it. Dates and places under it are lines of their own.
 */
function wrapsInColumn(previous: Segment, line: Segment, right: number): boolean {
  if (line.size !== previous.size || /(?:19|20)\d{2}/.test(previous.text + line.text)) return false;
  const firstWord = line.text.split(/\s/)[0]!.length + 1;
  const wordWidth = ((line.x1 - line.x0) * firstWord) / Math.max(1, line.text.length);
  return previous.x1 + wordWidth >= right - 1;
}

interface Region {
  /** reading order of the region's columns, main first */
  columns: Segment[][];
  /** a sidebar, read after the main text of every page so that an entry split by a page break stays whole */
  side?: Segment[];
  kind: LayoutKind;
  /** the page's columns are settled: no header band is looked for above them */
  settled?: boolean;
  /** where a column's text may reach, when its lines do not show it (a box of short lines) */
  rights?: Map<Segment[], number>;
}

function chars(segments: Segment[]): number {
  return segments.reduce((n, s) => n + s.text.length, 0);
}

// Past this many segments a page is no CV page (a table of figures, a hostile file): its columns
// are not looked for, which keeps the work linear.
const MAX_SEGMENTS_FOR_COLUMNS = 2000;

/** A box's heading: in capitals, in the style the page's headings share. */
function isBoxHeading(s: Segment, style: Style): boolean {
  return headingShaped(s.text) && style.headingStyles.has(styleKey(s)) && isCapitals(s.text);
}

/**
 * Two boxes side by side under a one-column page's sections (skills beside languages, each under
 * its heading on one row): read as the left box, then the right, instead of row by row.
 * The band ends at the first line that crosses between the boxes.
 */
function boxBand(region: Region, style: Style): Region {
  const segments = region.columns[0]!;
  const rows = [...new Set(segments.map((s) => s.y))].sort((a, b) => b - a);
  for (const y of rows) {
    const row = segments.filter((s) => s.y === y).sort((a, b) => a.x0 - b.x0);
    if (row.length !== 2 || !row.every((s) => isBoxHeading(s, style))) continue;
    const [left, right] = row as [Segment, Segment];
    if (styleKey(left) !== styleKey(right)) continue;
    if (right.x0 - left.x1 < style.bodySize * 3) continue;
    const below = rows.filter((r) => r < y);
    // Rows of the band down to the first line across `x`.
    const rowsBeside = (x: number) => {
      const at = below.findIndex((r) => segments.some((s) => s.y === r && s.x0 < x && s.x1 > x));
      return at < 0 ? below.length : at;
    };
    // Headings set where their boxes start, or centred over them (the boxes part between them).
    const starts = right.x0 - style.bodySize * 0.5;
    const centred = (left.x1 + right.x0) / 2;
    const splitX = rowsBeside(starts) >= rowsBeside(centred) ? starts : centred;
    const end = rowsBeside(splitX);
    const band = new Set(segments.filter((s) => s.y <= y && (end === below.length || s.y > below[end]!)));
    const leftBox = [...band].filter((s) => s.x0 < splitX);
    const rightBox = [...band].filter((s) => s.x0 >= splitX);
    // Two boxes: each holds more than its heading.
    if (end < 2 || leftBox.length < 3 || rightBox.length < 3) continue;
    const above = segments.filter((s) => s.y > y);
    const after = segments.filter((s) => !band.has(s) && s.y < y);
    // A box's short lines are items, not a paragraph wrapped at the box's edge.
    const rights = new Map([
      [leftBox, splitX],
      [rightBox, Math.max(...segments.map((s) => s.x1))],
    ]);
    return {
      ...region,
      columns: [above, leftBox, rightBox, after].filter((c) => c.length > 0),
      rights,
    };
  }
  return region;
}

/**
 * A page's columns, or a header band's and then the columns below it: a band at the top set apart
 * by a wide gap (a name and contact block, often in columns of its own) can cross the body's
 * gutter, so the body's columns are looked for without it. A page of one column may still hold
 * two boxes side by side (`boxBand`).
 */
function splitPage(segments: Segment[], style: Style): Region {
  const whole = splitColumns(segments, style);
  if (whole.kind === 'one_column' && whole.settled !== true && whole.columns.length === 1)
    return splitPageBands(segments, style, boxBand(whole, style));
  return splitPageBands(segments, style, whole);
}

/** The header band, when the page as a whole read as one column (`whole`). */
function splitPageBands(segments: Segment[], style: Style, whole: Region): Region {
  if (whole.kind !== 'one_column' || whole.settled === true || segments.length < 12) return whole;
  const top = Math.max(...segments.map((s) => s.y));
  const rows = [...new Set(segments.map((s) => s.y))].sort((a, b) => b - a);
  for (let k = 1; k < rows.length; k++) {
    const gap = rows[k - 1]! - rows[k]!;
    if (top - rows[k - 1]! > style.bodySize * 14) break;
    if (gap < style.bodySize * 2.8) continue;
    const header = segments.filter((s) => s.y >= rows[k - 1]!);
    const body = segments.filter((s) => s.y < rows[k - 1]!);
    if (header.length > segments.length * 0.3) break;
    const below = splitColumns(body, style);
    // Margin headings below a header band: the headings were read, the band stays apart.
    if (below.settled === true)
      return { columns: [header, ...below.columns], kind: below.kind, settled: true };
    if (below.kind === 'one_column') break;
    return { columns: [header, ...below.columns], side: below.side, kind: below.kind };
  }
  return whole;
}

/** Splits a page's segments into columns (main column first), or keeps them as one. */
function splitColumns(segments: Segment[], style: Style): Region {
  if (segments.length > MAX_SEGMENTS_FOR_COLUMNS) return { columns: [segments], kind: 'one_column' };
  const split = findGutter(segments, style.bodySize);
  if (split === null) return { columns: [segments], kind: 'one_column' };
  const margin = findMarginHeadings(split, style);
  if (margin !== null) return readMarginHeadings(segments, margin, style);
  const labelColumn = isLabelColumn(split, style);
  if (!labelColumn && !isTextGutter(split, style)) return { columns: [segments], kind: 'one_column' };
  if (labelColumn) {
    const labels = split.left.length <= split.right.length ? split.left : split.right;
    const joined = joinWrappedLabels(segments, labels, labelColumn === 'blocks');
    // A heading beside its section's first line is read before it, on a line of its own.
    const entries = joined.filter((s) => !labels.includes(s));
    for (const heading of labels.filter(isSideHeading)) {
      if (entries.some((e) => nearBaseline(e, heading))) heading.y += heading.size * 0.6;
    }
    // The dates beside the entries are not the only gutter: a sidebar may stand beside the
    // column they date (a Reactive Resume page). The labels go with the column they sit in.
    const labelSet = new Set(labels);
    const inner = findGutter(
      joined.filter((s) => !labelSet.has(s)),
      style.bodySize,
    );
    // Only a column that runs down the page: not a little box of skills beside a list, nor two
    // boxes side by side at the foot of the page (education beside languages).
    const smaller = inner === null ? 0 : Math.min(inner.left.length, inner.right.length);
    if (
      inner === null ||
      !isTextGutter(inner, style) ||
      smaller < Math.max(8, joined.length * 0.15) ||
      !runsDownThePage(inner)
    ) {
      // Stacked blocks beside their entries were told apart on the whole page: no header band is
      // looked for (without the header, the narrow column's share of the page changes).
      return {
        columns: [joined],
        kind: 'one_column',
        ...(labelColumn === 'blocks' ? { settled: true } : {}),
      };
    }
    for (const label of joined.filter((s) => labelSet.has(s))) {
      (label.x0 >= inner.x ? inner.right : inner.left).push(label);
    }
    return columnsOfSplit(withDateColumn(inner, style));
  }
  return columnsOfSplit(withDateColumn(split, style));
}

// The first part of a date whose year is on the next line: a month, a range of months, "since".
const DATE_PART_RE =
  /^(?:depuis|since|seit|desde|dal|sinds|od)?\s*\p{L}{3,9}\.?(?:\s*[–—-]\s*\p{L}{3,9}\.?)?$/u;

/**
 * Three columns, a sidebar, dates, entries (friggeri-cv): the dates beside the entries are read
 * with them, not with the sidebar, and a date wrapped in its column is one label again.
 */
function withDateColumn(split: Split, style: Style): Split {
  const leftIsMain = chars(split.left) >= chars(split.right);
  const [main, side] = leftIsMain ? [split.left, split.right] : [split.right, split.left];
  const inner = findGutter(side, style.bodySize);
  if (inner === null) return split;
  const near = leftIsMain ? inner.left : inner.right;
  const far = leftIsMain ? inner.right : inner.left;
  // Dates only: each a date, or a date's part wrapped onto the next line ("depuis sept." over "2020").
  const continued = labelContinuations(near);
  const dated = near.filter((s) => /(?:19|20)\d{2}/.test(s.text));
  const datesOnly = near.every(
    (s) =>
      s.text.split(/\s+/).length <= 4 &&
      (/(?:19|20)\d{2}/.test(s.text) || continued.has(s) || DATE_PART_RE.test(s.text)),
  );
  if (dated.length < 3 || far.length < near.length || !datesOnly) return split;
  // Only a column that stands beside the entries, line for line.
  const beside = near.filter((d) => main.some((m) => nearBaseline(m, d) || sameBaseline(m, d))).length;
  if (beside < near.length * 0.75) return split;
  const joined = joinWrappedLabels([...main, ...near], near);
  const others = [...far, ...inner.spanning];
  return leftIsMain ? { ...split, left: joined, right: others } : { ...split, left: others, right: joined };
}

/**
 * A page whose margin holds its section headings: one column, each heading read before its
 * section's first line, a wrapped heading as one, and a contact block beside the name after the
 * name and headline rather than line by line with them.
 */
function readMarginHeadings(segments: Segment[], margin: MarginHeadings, style: Style): Region {
  const { headings, wrapped, besideName } = margin;
  for (const below of [...wrapped].sort((a, b) => b.y - a.y)) {
    const above = headings.filter((h) => h.y > below.y).reduce((a, b) => (b.y < a.y ? b : a), headings[0]!);
    // "ANSTÄLLNINGS-" over "HISTORIK": a word the margin's width broke.
    above.text = /\p{L}\s*-$/u.test(above.text)
      ? `${above.text.replace(/\s*-$/, '')}${below.text}`
      : `${above.text} ${below.text}`;
  }
  const aside = new Set([...wrapped, ...headings, ...besideName]);
  const entries = segments.filter((s) => !aside.has(s));
  for (const heading of headings) {
    if (entries.some((e) => nearBaseline(e, heading))) heading.y += heading.size * 0.6;
  }
  const kept = joinDateColumn(
    segments.filter((s) => !wrapped.has(s)),
    entries,
    style,
  );
  if (besideName.length === 0) return { columns: [kept], kind: 'one_column', settled: true };
  const top = Math.min(...besideName.map((s) => s.y)) - 0.5;
  const header = kept.filter((s) => s.y >= top && !besideName.includes(s));
  const body = kept.filter((s) => s.y < top);
  return {
    columns: [header, besideName, body].filter((c) => c.length > 0),
    kind: 'one_column',
    settled: true,
  };
}

/**
 * Beside margin headings, a column of dates may stand before the entries (Zety's "Modern": the
 * heading, then "2022-04 -" over "actualidad", then the entry): its wrapped dates are joined as in
 * any date column.
 */
function joinDateColumn(segments: Segment[], entries: Segment[], style: Style): Segment[] {
  const split = findGutter(entries, style.bodySize);
  if (split === null) return segments;
  const kind = isLabelColumn(split, style);
  if (kind === false) return segments;
  const labels = split.left.length <= split.right.length ? split.left : split.right;
  return joinWrappedLabels(segments, labels, kind === 'blocks');
}

/** Both sides of a gutter reach over at least half the height the two span together. */
function runsDownThePage(split: Split): boolean {
  const extent = (xs: Segment[]) => Math.max(...xs.map((s) => s.y)) - Math.min(...xs.map((s) => s.y));
  const all = extent([...split.left, ...split.right]);
  return Math.min(extent(split.left), extent(split.right)) >= all * 0.5;
}

/** A gutter between columns of text: wide enough, and crossed by hardly a line. */
function isTextGutter(split: Split, style: Style): boolean {
  // A narrower gutter (Typst's alta sets 9 pt beside 10.5 pt text) when not one line crosses it
  // and both sides run down the page.
  const clean = split.crossing === 0 && Math.min(split.left.length, split.right.length) >= 12;
  return split.width >= style.bodySize * (clean ? 0.6 : 0.9) && split.crossing <= MAX_CROSSING_COLUMNS;
}

/** The columns on either side of a gutter: a header band first, then main, then a sidebar. */
function columnsOfSplit(split: Split): Region {
  const width = (xs: Segment[]) => Math.max(...xs.map((s) => s.x1)) - Math.min(...xs.map((s) => s.x0));
  const leftWidth = width(split.left);
  const rightWidth = width(split.right);
  const mainIsLeft = chars(split.left) + leftWidth * 0.5 >= chars(split.right) + rightWidth * 0.5;
  const [main, side] = mainIsLeft ? [split.left, split.right] : [split.right, split.left];
  // The page's header is read first: page-wide lines above both columns, and the side column's
  // lines above the main column's first line (a name and contact block atop a sidebar).
  const mainTop = Math.max(...main.map((s) => s.y));
  const top = Math.min(mainTop, Math.max(...side.map((s) => s.y)));
  // Side lines above the main column belong to the header only when a gap sets them apart from the
  // rest of their column (not a sidebar's first heading with its list running on below).
  const sideSorted = [...side].sort((a, b) => b.y - a.y);
  const aboveMain = sideSorted.filter((s) => s.y > mainTop + s.size * 0.5);
  const lowest = aboveMain[aboveMain.length - 1];
  const next = sideSorted[aboveMain.length];
  const apart = lowest === undefined || next === undefined || lowest.y - next.y > lowest.size * 2.5;
  const header = [...split.spanning.filter((s) => s.y > top + s.size * 0.5), ...(apart ? aboveMain : [])];
  const inHeader = new Set(header);
  const sideBody = side.filter((s) => !inHeader.has(s));
  const narrower = sideBody.length === 0 ? 0 : width(sideBody) / Math.max(width(main), 1);
  const kind: LayoutKind = narrower < 0.62 ? 'sidebar' : 'two_columns';
  const mainBody = [...main, ...split.spanning.filter((s) => !inHeader.has(s))];
  if (kind === 'two_columns') {
    const bands = balancedBands(split, inHeader);
    if (bands !== null) return { columns: [header, ...bands].filter((c) => c.length > 0), kind };
  }
  if (kind === 'sidebar') {
    return { columns: [header, mainBody].filter((c) => c.length > 0), side: sideBody, kind };
  }
  const columns = [header, mainBody, sideBody].filter((c) => c.length > 0);
  return { columns, kind };
}

/**
 * Columns that flow within each section (CSS `column-count` with headings that span the page): a
 * heading alone across the page, the other column empty beside it, cuts the page into bands, and
 * in each band the two columns start on one baseline. Such a page
 * reads band by band, the left column of each band before its right one; read as two whole columns
 * it would put every heading on the left and every entry balanced to the right after them all.
 * Returns the bands' columns in reading order, or null when the columns run down the page on
 * their own.
 */
function balancedBands(split: Split, header: ReadonlySet<Segment>): Segment[][] | null {
  const left = split.left.filter((s) => !header.has(s));
  const right = split.right.filter((s) => !header.has(s));
  const spanning = split.spanning.filter((s) => !header.has(s));
  if (left.length < 4 || right.length < 4) return null;
  const clearOf = (c: Segment, others: Segment[]) =>
    !others.some((o) => o !== c && Math.abs(o.y - c.y) <= c.size * 1.6);
  // Headings alone on their row across the page, the right column empty beside them.
  const across = new Set(
    [...left, ...spanning].filter(
      (c) => headingShaped(c.text) && clearOf(c, right) && !left.some((o) => o !== c && sameBaseline(o, c)),
    ),
  );
  // Those between text of the columns above and below them cut the page.
  const cuts = [...across]
    .filter((c) => right.some((o) => o.y > c.y) && [...left, ...right].some((o) => o.y < c.y))
    .sort((a, b) => b.y - a.y);
  if (cuts.length < 2) return null;
  const cutSet = new Set(cuts);
  const bands: { heading: Segment | null; left: Segment[]; right: Segment[] }[] = [];
  const edges = [Number.POSITIVE_INFINITY, ...cuts.map((c) => c.y), Number.NEGATIVE_INFINITY];
  for (let k = 0; k + 1 < edges.length; k++) {
    const [top, bottom] = [edges[k]!, edges[k + 1]!];
    const inBand = (s: Segment) => !cutSet.has(s) && s.y < top && s.y > bottom;
    bands.push({
      heading: k === 0 ? null : cuts[k - 1]!,
      left: [...left, ...spanning].filter(inBand),
      right: right.filter(inBand),
    });
  }
  const both = bands.filter((b) => b.left.length > 0 && b.right.length > 0);
  const topOf = (xs: Segment[]) => xs.reduce((a, b) => (b.y > a.y ? b : a));
  const aligned = both.filter((b) => {
    const text = b.left.filter((s) => !across.has(s));
    return text.length > 0 && sameBaseline(topOf(text), topOf(b.right));
  });
  if (aligned.length < 2 || aligned.length < both.length * 0.75) return null;
  return bands.flatMap((b) => [[...(b.heading === null ? [] : [b.heading]), ...b.left], b.right]);
}

/** Segments of one column on the same baseline become one line, parts apart joined by " | ". */
function buildLines(segments: Segment[], style: Style): Line[] {
  const rtl = segments.some((s) => hasRtl(s.text)) && mostlyRtl(segments.map((s) => s.text).join(''));
  const sorted = [...segments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: Segment[][] = [];
  for (const s of sorted) {
    const row = rows[rows.length - 1];
    if (row !== undefined && sameBaseline(row[0]!, s)) row.push(s);
    else rows.push([s]);
  }
  // A skill's level drawn as a row of dots or stars ("● ● ● ○ ○") is no text.
  const rating = /^(?:[●○◉◯★☆■□◼◻⬤•]\s*){3,}$/u;
  return rows
    .filter((row) => !row.every((s) => rating.test(s.text)))
    .map((row) => {
      // Parts of a line read left to right, whichever sits a point higher (right to left in a
      // line of Arabic or Hebrew).
      row.sort((a, b) => a.x0 - b.x0);
      const ordered = toReadingOrder(row, (r) => r.text, rtl);
      row.splice(0, row.length, ...ordered);
      // A bullet glyph set apart from its text (a column of "•" beside the items) opens it.
      if (row.length > 1 && BULLET_GLYPH_RE.test(row[0]!.text) && row[0]!.text.trim().length === 1) {
        const [glyph, next] = [row[0]!, row[1]!];
        row.splice(0, 2, { ...next, x0: glyph.x0, text: `${glyph.text.trim()} ${next.text}` });
      }
      const s = row[0]!;
      const glyph = BULLET_GLYPH_RE.exec(s.text) ?? pseudoBullet(s.text, style);
      const body = glyph === null ? s.text : s.text.slice(glyph[0].length).trim();
      // An icon before a date ("📅 Mar 2021 – Ongoing") marks the entry's date line, not an item.
      const bullet = glyph !== null && body !== '' && !DATE_START_RE.test(body);
      // Where the text after the glyph starts: estimated from the glyph's share of the segment.
      const textX = bullet
        ? s.x0 + ((s.x1 - s.x0) * (s.text.length - body.length)) / Math.max(1, s.text.length)
        : s.x0;
      const last = row[row.length - 1]!;
      // A dash before a date opens no item and is no icon: it is a range's, wrapped after its start
      // ("settembre 2011" over "– febbraio 2016").
      const kept = glyph !== null && body !== '' && !(!bullet && /^[–—-]$/u.test(glyph[0].trim()));
      return {
        x0: s.x0,
        textX,
        x1: Math.max(...row.map((r) => r.x1)),
        y: s.y,
        size: Math.max(...row.map((r) => r.size)),
        font: s.font,
        lastFont: last.lastFont,
        starts: row.flatMap((r) => r.starts),
        text: [kept ? body : s.text, ...row.slice(1).map((r) => r.text)].join(' | '),
        bullet,
        spaced: s.spaced,
        split: row.length > 1,
        lastPartX: last.x0,
      };
    });
}

const DATE_START_RE = /^(?:\d{1,2}[./])?(?:19|20)\d{2}\b|^\p{L}{3,9}\.?\s+(?:19|20)\d{2}\b/u;

const SENTENCE_END_RE = /[.!?。:;]$/;

// A line that ends in a phone number's country or area code, and one that holds only the rest.
const PHONE_OPEN_RE = /(?:^|\s)(?:\+\d{1,3}(?:\s*\(\d{1,5}\))?|\(\d{2,5}\))$/;
const PHONE_REST_RE = /^\d[\d .-]{4,}\d$/;

function isHeading(line: Line, style: Style, previousGap: number, pitch: number): boolean {
  if (line.bullet || line.split || !headingShaped(line.text)) return false;
  if (line.spaced) return true;
  if (!style.headingStyles.has(styleKey(line))) return false;
  if (line.size >= style.bodySize * 1.15 && line.size < style.titleSize) return true;
  // Capitals alone are common in job headers ("ACME CORP"); a heading also stands apart.
  return isCapitals(line.text) && line.text.split(/\s+/).length <= 4 && previousGap > pitch * 1.25;
}

function endsWrapped(line: Line, next: Line, right: number): boolean {
  const firstWord = next.text.split(/\s/)[0] ?? '';
  // A line wraps when the next line's first word would not have fitted on it; the word's width is
  // measured in the next line's own characters (a narrow font fits more).
  const charWidth = Math.min(next.size * 0.6, (next.x1 - next.x0) / Math.max(1, [...next.text].length));
  return line.x1 + (firstWord.length + 1) * charWidth >= right - 1;
}

/** What the lines of one column show of its shape, measured once before its blocks are written. */
interface ColumnShape {
  /** the column's right edge */
  right: number;
  /** the usual distance between its lines, in font sizes */
  pitchRatio: number;
  /** the distance between the lines of one wrapped paragraph, per font size (see tightPitches) */
  wrapPitches: Map<number, number>;
  /** where list items start, when an indent alone marks them */
  indentX: number | null;
  /** where the items themselves end (a summary above may run wider than the list) */
  itemRight: number;
}

/**
 * The column's right edge: where its longest lines end. Two lines reaching it make it the edge
 * (one may be an odd long line); a column of mostly short lines (list items that never wrap)
 * must not put the edge at their ends.
 */
function columnRight(lines: Line[]): number {
  const ends = lines
    .filter((l) => !l.split)
    .map((l) => l.x1)
    .sort((a, b) => b - a);
  return lines.length >= 10
    ? Math.max(
        percentile(
          lines.map((l) => l.x1),
          0.9,
        ),
        ends[1] ?? 0,
      )
    : Math.max(...lines.map((l) => l.x1));
}

/** The column's measures: its edge, its line pitch, and how its list items are marked. */
function columnShape(lines: Line[], style: Style, knownRight = 0): ColumnShape {
  const right = Math.max(columnRight(lines), knownRight);
  const pitches: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const d = lines[k - 1]!.y - lines[k]!.y;
    if (d > 0 && Math.abs(lines[k]!.size - lines[k - 1]!.size) < 0.6) pitches.push(d / lines[k]!.size);
  }
  const glyphBullets = lines.some((l) => l.bullet);
  // Without bullet glyphs, an indent marks list items (HTML lists printed without markers).
  const indentX = glyphBullets ? null : indentOfItems(lines, style);
  const itemEnds =
    indentX === null
      ? []
      : lines
          .filter((l) => Math.abs(l.x0 - indentX) <= 2)
          .map((l) => l.x1)
          .sort((a, b) => b - a);
  return {
    right,
    pitchRatio: Math.max(1, median(pitches) || 1.2),
    wrapPitches: tightPitches(lines),
    indentX,
    itemRight: itemEnds[0] ?? right,
  };
}

/** The block being written: a list item or a paragraph, with the line it started on. */
interface OpenBlock {
  text: string;
  kind: 'item' | 'para';
  line: Line;
  /** where its text starts (after the bullet glyph of an item) */
  x: number;
}

/**
 * The block's text with `line` joined to a line printed in parts apart (title left, dates right),
 * when the line continues one of those parts; null when it does not.
 */
function splitLineContinued(
  open: OpenBlock,
  previous: Line,
  line: Line,
  style: Style,
  right: number,
): string | null {
  // A title that wraps beside its dates ("Adjointe au chef de réception et responsable des |
  // 2019 – 2023" over "réservations groupes"): the next line continues the first part when it
  // starts under it and the part plainly goes on (a joining word, or a small letter next).
  const [first = '', ...others] = open.text.split(' | ');
  const goesOn =
    /(?:\s(?:and|of|for|the|to|in|&|de|des|du|la|le|et|y|del|und|für|der|die|e|di|van|en)|[,&/-])$/u.test(
      first,
    );
  if (
    Math.abs(line.x0 - previous.x0) <= 2 &&
    Math.abs(line.size - previous.size) < 0.6 &&
    (goesOn || /^\p{Ll}/u.test(line.text))
  ) {
    return [joinWrapped(first, line.text, style.hyphenates), ...others].join(' | ');
  }
  // A value that wraps beside its label ("Systems | SAP ECC, …, Excel" over "(advanced)"): the
  // next line starts under the last part, would not have fitted on the line, and plainly goes
  // on (not a city under dates that end at the margin).
  const last = others[others.length - 1] ?? '';
  if (
    others.length > 0 &&
    Math.abs(line.x0 - previous.lastPartX) <= 2 &&
    Math.abs(line.size - previous.size) < 0.6 &&
    endsWrapped(previous, line, right) &&
    (/^[\p{Ll}(]/u.test(line.text) || /[,;&/]$/.test(last))
  ) {
    const lastPart = others.pop()!;
    return [first, ...others, joinWrapped(lastPart, line.text, style.hyphenates)].join(' | ');
  }
  return null;
}

/**
 * A phone number broken in a narrow contact column ("+1 (425)" over "555-0199", flush left or
 * flush right): only its country or area code on one line, only digits on the next.
 */
function phoneBroken(previous: Line, line: Line): boolean {
  const aligned = Math.abs(line.x0 - previous.x0) <= 3 || Math.abs(line.x1 - previous.x1) <= 1.5;
  return aligned && PHONE_OPEN_RE.test(previous.text) && PHONE_REST_RE.test(line.text);
}

/** Whether `line` (in the size of the line before it) is the open block's text wrapped onto the next line. */
function wrapsOnto(
  open: OpenBlock,
  previous: Line,
  line: Line,
  gap: number,
  shape: ColumnShape,
  style: Style,
): boolean {
  const { right, indentX, itemRight } = shape;
  // A wrapped line starts under the start of the text it continues, or under a part of the
  // line before it (the title after a date, in a hanging indent).
  const sameIndent =
    (open.kind === 'item'
      ? line.x0 >= open.line.x0 - 2 && line.x0 <= open.x + 3
      : Math.abs(line.x0 - open.x) <= 3) || previous.starts.some((x) => Math.abs(x - line.x0) <= 2);
  // A wrapped line keeps its font; a one- or two-word line (a sidebar list) is not a wrap.
  // Where font names tell nothing, dates are what set an entry's lines apart (an employer
  // over its dates, dates over a city).
  // A line set exactly under the text of the list item before it, in its size, is that item's
  // wrap whatever the font's name (TeX may name the font again for a line that holds a bullet).
  const hanging =
    previous.bullet && Math.abs(line.x0 - previous.textX) <= 1.5 && Math.abs(line.size - previous.size) < 0.1;
  const sameFont =
    previous.lastFont === line.font ||
    previous.font === line.font ||
    hanging ||
    (style.fontsShuffled && !DATE_START_RE.test(line.text) && !/(?:19|20)\d{2}$/.test(previous.text));
  const wrapped = endsWrapped(previous, line, right) && sameFont && previous.text.split(' ').length >= 4;
  // Scripts without capitals (Chinese, Japanese, Korean) give no small letter to go by.
  const continues = !SENTENCE_END_RE.test(previous.text) && /^[\p{Ll}\p{Lo}(&,]/u.test(line.text);
  // An entry that ends with ", year" ("…, Louisiana State University, 2014") is followed by
  // the next entry, not by more of itself.
  const endsEntry = /,\s*(?:19|20)\d{2}$/.test(previous.text) && /^\p{Lu}/u.test(line.text);
  // Items marked by indent alone have no glyph to open the next one: a sentence that ends on
  // one line and a capital on the next start a new item.
  // Nor does a line that follows one ending far short of the column's edge: that line ended
  // where its item did ("akordowy i zmianowy)," then "rozliczenia z ZUS").
  const nextItem =
    indentX !== null &&
    ((/[.!?]$/.test(previous.text) && /^\p{Lu}/u.test(line.text)) ||
      (!wrapped && previous.x1 < itemRight - (itemRight - indentX) * 0.25));
  // Lines of one item or paragraph follow at the font's line pitch; list items and paragraphs
  // are often spaced a little further apart. That settles a line that may or may not wrap
  // the one before (it would not have fitted, but starts with a capital).
  const wrapPitch = shape.wrapPitches.get(Math.round(line.size * 10));
  const spacedApart =
    !continues &&
    wrapPitch !== undefined &&
    Math.abs(line.size - previous.size) < 0.1 &&
    gap > wrapPitch * 1.1;
  return sameIndent && (wrapped || continues) && !nextItem && !spacedApart && !endsEntry;
}

/**
 * The open block's text with `line` joined to it when the line goes on with it (a wrapped line, a
 * broken phone number, a part of a split line that wraps); null when the line starts a new block.
 */
function continuedText(
  open: OpenBlock,
  previous: Line,
  line: Line,
  gap: number,
  shape: ColumnShape,
  style: Style,
): string | null {
  if (line.bullet || line.split) return null;
  if (previous.split) return splitLineContinued(open, previous, line, style, shape.right);
  if (Math.abs(line.size - previous.size) >= 0.6) return null;
  if (phoneBroken(previous, line)) return `${open.text} ${line.text}`;
  if (wrapsOnto(open, previous, line, gap, shape, style))
    return joinWrapped(open.text, line.text, style.hyphenates);
  return null;
}

/** Lines of one column into text blocks: headings, list items with their wrapped lines, paragraphs. */
function writeColumn(lines: Line[], style: Style, out: string[], right?: number): void {
  if (lines.length === 0) return;
  const shape = columnShape(lines, style, right);
  let current: OpenBlock | null = null;
  const flush = () => {
    if (current === null) return;
    out.push(current.kind === 'item' ? `- ${current.text}` : current.text);
    current = null;
  };
  const blankLine = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  let previous: Line | null = null;
  let previousHeading = false;
  for (const line of lines) {
    const gap = previous === null ? Number.POSITIVE_INFINITY : previous.y - line.y;
    const pitch = shape.pitchRatio * line.size;
    const newBlock = previous !== null && gap > pitch * 1.45;
    // "Graduate Nurse at Parramatta Hospital," over "Parramatta": a header set large wraps onto a
    // short line of its own style, at a comma or at the column's edge; no heading starts there.
    const wrapsOn =
      previous !== null &&
      !previousHeading &&
      !newBlock &&
      styleKey(previous) === styleKey(line) &&
      (/,$/.test(previous.text) || endsWrapped(previous, line, shape.right));
    previousHeading = false;
    if (!wrapsOn && isHeading(line, style, gap, pitch)) {
      previousHeading = true;
      flush();
      blankLine();
      out.push(`## ${line.text}`);
      previous = line;
      continue;
    }
    const open = current as OpenBlock | null;
    const text =
      open !== null && previous !== null && !newBlock
        ? continuedText(open, previous, line, gap, shape, style)
        : null;
    if (open !== null && text !== null) {
      open.text = text;
      previous = line;
      continue;
    }
    flush();
    if (newBlock) blankLine();
    // An indented line that starts with a date is an entry's date line, not one of its items.
    const indented =
      shape.indentX !== null && Math.abs(line.x0 - shape.indentX) <= 2 && !DATE_START_RE.test(line.text);
    current = {
      text: line.text,
      kind: line.bullet || indented ? 'item' : 'para',
      line,
      x: line.bullet ? line.textX : line.x0,
    };
    previous = line;
  }
  flush();
}

/**
 * The distance between the lines of one wrapped paragraph in this column, per font size, when it
 * is clear: the smallest baseline gap between lines of that size that at least three pairs share.
 */
function tightPitches(lines: Line[]): Map<number, number> {
  const gapsBySize = new Map<number, number[]>();
  for (let k = 1; k < lines.length; k++) {
    const d = lines[k - 1]!.y - lines[k]!.y;
    // Lines closer than their font size are rows of a table or a grid, not one paragraph's lines.
    if (d < lines[k]!.size * 1.05 || Math.abs(lines[k]!.size - lines[k - 1]!.size) >= 0.1) continue;
    const key = Math.round(lines[k]!.size * 10);
    const gaps = gapsBySize.get(key);
    if (gaps === undefined) gapsBySize.set(key, [d]);
    else gaps.push(d);
  }
  const tight = new Map<number, number>();
  for (const [key, gaps] of gapsBySize) {
    gaps.sort((a, b) => a - b);
    const g = gaps.find((g) => gaps.filter((h) => Math.abs(h - g) <= g * 0.02).length >= 3);
    if (g !== undefined) tight.set(key, g);
  }
  return tight;
}

/**
 * The x most list items start at when a CV marks them by indent alone (markers drawn as shapes,
 * or none): a text start shared by several body lines, a little right of another shared start
 * (the entries' headers).
 */
function indentOfItems(lines: Line[], style: Style): number | null {
  const counts = new Map<number, number>();
  for (const l of lines) {
    if (l.size > style.bodySize + 0.5) continue;
    const x = Math.round(l.x0);
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const near = (x: number) => {
    let n = 0;
    for (const [y, c] of counts) if (Math.abs(y - x) <= 1) n += c;
    return n;
  };
  // Entry headers may start in a date column, their title further right: those parts count as
  // parents of the items under them too.
  const parents = new Map(counts);
  for (const l of lines)
    if (l.split)
      for (const x of l.starts.slice(1)) parents.set(Math.round(x), (parents.get(Math.round(x)) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const x of counts.keys()) {
    const n = near(x);
    if (n < 3 || n <= bestCount) continue;
    let parent = false;
    for (const [y, c] of parents) if (x - y >= 5 && x - y <= 40 && (c >= 2 || near(y) >= 2)) parent = true;
    if (parent && !onlyUnderHeadings(lines, x, style)) [best, bestCount] = [x, n];
  }
  return best;
}

/**
 * Runs of lines at `x` that follow nothing but section headings: a card or a table cell indented
 * as a whole ("Werkervaring" over a bordered block of titles, employers and sentences), not items
 * under the entries that head them.
 */
function onlyUnderHeadings(lines: Line[], x: number, style: Style): boolean {
  let runs = 0;
  for (let k = 1; k < lines.length; k++) {
    const [before, line] = [lines[k - 1]!, lines[k]!];
    if (Math.abs(line.x0 - x) > 1 || before.x0 >= line.x0 - 4) continue;
    runs++;
    const heading = headingShaped(before.text) && style.headingStyles.has(styleKey(before)) && !before.split;
    if (!heading) return false;
  }
  return runs > 0;
}

// What follows a hyphenation break is usually a suffix; a compound ("scikit-learn", "end-to-end")
// broken at its own hyphen goes on with a word of its own and keeps the hyphen.
const SUFFIX_RE =
  /^(?:tions?|sions?|ments?|ings?|ities|ity|ness|able|ible|ances?|ences?|ative|atures?|tures?|ly|ed|ers?|ies|ical|ally|ogy|ung|ungen|keit|heit|lich|isch|ción|ciones|mente|ique|iques|eur|eurs|ement|ements)\b/u;

/** Joins a wrapped line to the text before it, undoing a hyphenation at the line end. */
function joinWrapped(before: string, after: string, hyphenates: boolean): string {
  if (/\p{Ll}-$/u.test(before) && /^\p{Ll}/u.test(after)) {
    return hyphenates || SUFFIX_RE.test(after) ? before.slice(0, -1) + after : before + after;
  }
  if (/[/]$/.test(before)) return before + after;
  return `${before} ${after}`;
}

/** Aligned with the title left, centred (a sidebar's name block) or right. */
function alignedWith(s: Segment, title: Segment): boolean {
  return (
    Math.abs(s.x0 - title.x0) <= 3 ||
    Math.abs(s.x0 + s.x1 - title.x0 - title.x1) <= 6 ||
    Math.abs(s.x1 - title.x1) <= 3
  );
}

function nextTitleLine(segments: Segment[], title: Segment): Segment | null {
  return (
    segments.find(
      (s) =>
        s !== title &&
        Math.abs(s.size - title.size) < 0.5 &&
        alignedWith(s, title) &&
        title.y - s.y > 0 &&
        title.y - s.y <= title.size * 1.6,
    ) ?? null
  );
}

// One word above a name that is no given name: the document's own title.
const DOCUMENT_WORD_RE =
  /^(?:curriculum|vitae|cv|r[ée]sum[ée]|resume|lebenslauf|curr[íi]culo|portfolio|profile?|życiorys|zyciorys|životopis|zivotopis|ansioluettelo|önéletrajz|resumen|βιογραφικο|βιογραφικό|резюме)$/iu;

// Given names that end in the surname's particle ("Marieke Johanna van" over "LEEUWEN"): the
// particle says the surname follows, which a job title set above the name never does.
const GIVEN_NAMES_AND_PARTICLE_RE =
  /^(?:\p{Lu}[\p{L}'’-]+\s+){1,3}(?:van|von|van der|van den|de|der|den|da|di|du|del|della|dos|das|le|la|ten|ter|zu)$/u;

/**
 * A part of the name set smaller than the title, aligned with it and close to it, on the line
 * `above` it or below it, whose text `fits`.
 */
function namePartBeside(
  segments: Segment[],
  title: Segment,
  above: boolean,
  fits: (text: string) => boolean,
): Segment | null {
  return (
    segments.find((s) => {
      const gap = above ? s.y - title.y : title.y - s.y;
      return (
        s !== title &&
        s.size >= title.size * 0.6 &&
        s.size < title.size - 0.5 &&
        fits(s.text.trim()) &&
        alignedWith(s, title) &&
        gap > 0 &&
        gap <= title.size * 1.5
      );
    }) ?? null
  );
}

/**
 * A given name set smaller on the line above the surname ("Karim" at 22 pt over "BENSAÏD" at
 * 26 pt, the largest text): one word (or given names ending in a particle), not the document's title.
 */
function givenNameAbove(segments: Segment[], title: Segment): Segment | null {
  return namePartBeside(
    segments,
    title,
    true,
    (t) =>
      (/^\p{Lu}[\p{L}'’-]+$/u.test(t) || GIVEN_NAMES_AND_PARTICLE_RE.test(t)) && !DOCUMENT_WORD_RE.test(t),
  );
}

/**
 * A surname set smaller in capitals under a given name that stands alone as the largest text
 * ("Mariana" at 26 pt over "SOUZA LIMA" at 20 pt).
 */
function surnameBelow(segments: Segment[], title: Segment): Segment | null {
  if (!/^\p{Lu}[\p{L}'’-]+$/u.test(title.text.trim())) return null;
  return namePartBeside(segments, title, false, (t) =>
    /^\p{Lu}[\p{Lu}'’-]+(?:\s+\p{Lu}[\p{Lu}'’-]+){0,2}$/u.test(t),
  );
}

/** The title: the largest text in the top half of the first page, clearly larger than the body. */
function findTitle(segments: Segment[], height: number, style: Style): Segment | null {
  if (style.titleSize < style.bodySize * 1.3) return null;
  return segments.find((s) => s.size >= style.titleSize - 0.01 && s.y > height * 0.5) ?? null;
}

// Producers that hyphenate on their own: a hyphen at a line end is theirs, not the author's.
const HYPHENATING_PRODUCER_RE = /tex|typst|react-pdf|xdvipdfmx/i;

/** Rebuilds the pages' text in reading order, in the convention of reading.ts. */
export function readPdfLayout(pages: readonly PageText[], producer = ''): DocumentReading {
  const style = readStyle(pages);
  style.hyphenates = HYPHENATING_PRODUCER_RE.test(producer);
  const icons = iconFonts(pages);
  const built = pages.map((page) => buildSegments(page, icons));
  // Found before running lines go: they are recognised by it. Page one keeps its lines, the title too.
  const titleSegment = findTitle(built[0] ?? [], pages[0]?.height ?? 842, style);
  const segmentsByPage = dropRunningLines(
    built,
    pages.map((p) => p.height),
    titleSegment?.text ?? null,
  );
  const firstPage = segmentsByPage[0] ?? [];
  if (titleSegment !== null) {
    // A name set on two lines ("Hannah" over "Brooks") is one title.
    for (
      let below = nextTitleLine(firstPage, titleSegment);
      below !== null;
      below = nextTitleLine(firstPage, titleSegment)
    ) {
      // A double name broken at its hyphen ("Dufresne-" over "Roux") is joined without a space.
      titleSegment.text += /\p{L}-$/u.test(titleSegment.text) ? below.text : ` ${below.text}`;
      titleSegment.y = below.y;
      firstPage.splice(firstPage.indexOf(below), 1);
    }
    const surname = surnameBelow(firstPage, titleSegment);
    if (surname !== null) {
      titleSegment.text += ` ${surname.text}`;
      firstPage.splice(firstPage.indexOf(surname), 1);
    }
    const above = givenNameAbove(firstPage, titleSegment);
    if (above !== null) {
      titleSegment.text = `${above.text} ${titleSegment.text}`;
      firstPage.splice(firstPage.indexOf(above), 1);
    }
  }
  style.headingStyles = findHeadingStyles(segmentsByPage, style);
  style.bulletChars = findBulletChars(segmentsByPage);
  style.fontsShuffled = fontsShuffled(segmentsByPage);
  const out: string[] = [];
  const kinds: LayoutKind[] = [];
  const sidebars: Segment[][] = [];
  segmentsByPage.forEach((segments, p) => {
    const region = splitPage(segments, style);
    if (region.side !== undefined && region.side.length > 0) sidebars.push(region.side);
    kinds.push(region.kind);
    if (p > 0 && out.length > 0 && out[out.length - 1] !== '') out.push('');
    // The title is read first, wherever its column is, and never joined to a line beside it.
    if (p === 0 && titleSegment !== null) {
      out.push(`# ${titleSegment.text}`, '');
      for (const column of [...region.columns, region.side ?? []]) {
        const at = column.indexOf(titleSegment);
        if (at >= 0) column.splice(at, 1);
      }
    }
    for (const column of region.columns) {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      writeColumn(buildLines(column, style), style, out, region.rights?.get(column));
    }
  });
  for (const side of sidebars) {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    writeColumn(buildLines(side, style), style, out);
  }
  const kind: LayoutKind = kinds.includes('sidebar')
    ? 'sidebar'
    : kinds.includes('two_columns')
      ? 'two_columns'
      : 'one_column';
  return {
    text: out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    layout: kind,
  };
}
