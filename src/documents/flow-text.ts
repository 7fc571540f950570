// What the DOCX and ODT readers share: the paragraphs and gaps collected from a word processor's
// flowing text, tables read column by column (a layout table) or row by row (a table of dated
// rows), text boxes as blocks of their own, and the text written in the convention of reading.ts
// with the page layout found on the way.

import { BULLET_GLYPH_RE, cleanGlyphs } from './layout/glyphs.ts';
import type { DocumentReading, LayoutKind } from './reading.ts';
import type { XmlNode } from './xml-tree.ts';

// Word writes the English name of a built-in style whatever the UI language (the id is what gets
// localized: "berschrift1"); other producers sometimes write the localized name.
export const HEADING_NAME_RE =
  /^(?:heading|überschrift|titre|título|titolo|kop|nagłówek|rubrik|overskrift|otsikko|заголовок)\s*([1-9])$/i;

const TWIPS_PER_UNIT: Readonly<Record<string, number>> = {
  pt: 20,
  pc: 240,
  in: 1440,
  cm: 567,
  mm: 56.7,
  px: 15,
};

/** A length as a style writes it ("2.5cm", "12pt", "0.75in"; pixels without a unit) in twips; 0 when
 *  it is no length. */
export function twipsOf(length: string | undefined): number {
  const match = length === undefined ? null : /^\s*([\d.]+)\s*(pt|pc|in|cm|mm|px)?\s*$/i.exec(length);
  if (match === null) return 0;
  const value = Number.parseFloat(match[1] ?? '0');
  return Number.isFinite(value) ? value * (TWIPS_PER_UNIT[(match[2] ?? 'px').toLowerCase()] ?? 15) : 0;
}

// ---------------------------------------------------------------------------------------------
// What the reader collects: paragraphs with the look heading detection needs, and block gaps.

export type PartKind = 'body' | 'header' | 'footer';

/** What a run of text looks like, as far as finding headings and the title needs. */
export interface TextLook {
  bold: boolean;
  caps: boolean;
  /** in half-points */
  size: number;
}

export interface Para {
  kind: 'para';
  lines: string[];
  level: number | null;
  title: boolean;
  list: boolean;
  /** what a list item is written with: "- " or its number, "3. " */
  marker: string;
  /** every printed character bold */
  bold: boolean;
  /** every printed character set in capitals by its style (w:caps, fo:text-transform) */
  caps: boolean;
  /** the size most characters are printed in, in half-points; 0 when unknown */
  size: number;
  border: boolean;
  part: PartKind;
  /** for a table row read as one line: the cell paragraphs it was joined from, and their text */
  pieces?: { text: string; para: Para }[];
}
export interface Gap {
  kind: 'gap';
}
export type Item = Para | Gap;
export const GAP: Gap = { kind: 'gap' };
export const isPara = (item: Item): item is Para => item.kind === 'para';

// Loops, not push(...items): a hostile document can put more paragraphs in one cell than a call
// takes arguments.
export function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** `items` as a block of their own. */
export function pushBlock(out: Item[], items: readonly Item[]): void {
  out.push(GAP);
  append(out, items);
  out.push(GAP);
}

function paraText(para: Para): string {
  return para.lines.join(' ');
}

// A marker typed by hand before a tab ("•<tab>text", "1.<tab>text") belongs to the text it opens.
const TYPED_MARKER_RE = /^(?:[•·▪▫◦●○■□◆◇♦►▸▹▶➢➤✓✔❖⁃∙⦁‣*–—-]|\d{1,2}[.)]|[a-z][.)])$/u;

interface LinePart {
  text: string;
  /** a page-number field was dropped from this part */
  pageField: boolean;
}

/** Builds one paragraph's lines from its runs: tabs split parts, breaks split lines. */
export class LineBuilder {
  readonly #lines: LinePart[][] = [[]];
  #part: LinePart = { text: '', pageField: false };
  readonly #sizes = new Map<number, number>();
  #chars = 0;
  #boldChars = 0;
  #capsChars = 0;
  #lastLook: TextLook | null = null;
  /** a page-number field was dropped somewhere in the paragraph */
  hadPageField = false;

  text(text: string, look: TextLook): void {
    // "Harrowgate Retail Group plc" in bold, then "  FTSE 250 retailer, 9,000 staff" smaller and
    // plain: a change of look set apart by spaces parts the line as a tab would.
    const last = this.#lastLook;
    if (
      last !== null &&
      /\S/.test(this.#part.text) &&
      /\s\s/.test(this.#part.text.slice(-2) + text.slice(0, 2)) &&
      /\S/.test(text) &&
      (last.bold !== look.bold || last.size !== look.size)
    ) {
      this.tab();
    }
    if (/\S/.test(text)) this.#lastLook = look;
    // Some producers write a tab character into w:t instead of a w:tab; Word prints both alike. (In
    // ODF a tab character is white space: its reader passes spaces.)
    const [first = '', ...afterTabs] = text.split('\t');
    this.#part.text += first;
    for (const part of afterTabs) {
      this.tab();
      this.#part.text += part;
    }
    const printed = text.replace(/\s+/g, '').length;
    if (printed === 0) return;
    this.#chars += printed;
    if (look.bold) this.#boldChars += printed;
    if (look.caps) this.#capsChars += printed;
    this.#sizes.set(look.size, (this.#sizes.get(look.size) ?? 0) + printed);
  }

  tab(): void {
    this.#lastLook = null;
    this.#lines[this.#lines.length - 1]?.push(this.#part);
    this.#part = { text: '', pageField: false };
  }

  newline(): void {
    this.tab();
    this.#lines.push([]);
  }

  markPageField(): void {
    this.#part.pageField = true;
    this.hadPageField = true;
  }

  get sizes(): ReadonlyMap<number, number> {
    return this.#sizes;
  }

  finish(): { lines: string[]; bold: boolean; caps: boolean; size: number } {
    this.tab();
    const lines: string[] = [];
    for (const parts of this.#lines) {
      const texts = parts
        // "Page 2 of 3" without its numbers is no text.
        .filter((p) => !(p.pageField && p.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length <= 2))
        .map((p) => cleanText(p.text))
        .filter((t) => t !== '');
      if (texts.length >= 2 && TYPED_MARKER_RE.test(texts[0] as string)) {
        texts.splice(0, 2, `${texts[0]} ${texts[1]}`);
      }
      if (texts.length > 0) lines.push(texts.join(' | '));
    }
    let size = 0;
    let most = 0;
    for (const [s, n] of this.#sizes) {
      if (n > most) {
        most = n;
        size = s;
      }
    }
    return {
      lines,
      bold: this.#chars > 0 && this.#boldChars === this.#chars,
      caps: this.#chars > 0 && this.#capsChars === this.#chars,
      size,
    };
  }
}

function cleanText(text: string): string {
  return cleanGlyphs(text).replace(/\s+/g, ' ').trim();
}

interface CellStats {
  paras: number;
  lines: number;
  chars: number;
  /** the cell holds one short, plain paragraph: a date, a label */
  shortText: string | null;
}

export interface Cell {
  start: number;
  span: number;
  width: number;
  content: XmlNode[];
  items: Item[];
  stats: CellStats;
}

function cellText(cell: Cell): string {
  return cell.items.filter(isPara).map(paraText).join('\n');
}

function measure(items: readonly Item[]): CellStats {
  const paras = items.filter(isPara);
  const chars = paras.reduce((n, p) => n + paraText(p).length, 0);
  const only = paras.length === 1 ? paras[0] : undefined;
  const shortText =
    only !== undefined && !only.list && paraText(only).length <= 60 && !paraText(only).includes(' | ')
      ? paraText(only)
      : null;
  return { paras: paras.length, lines: paras.reduce((n, p) => n + p.lines.length, 0), chars, shortText };
}

// Text boxes narrower than this share of the page beside the main text are a sidebar.
const SIDEBAR_WIDTH_SHARE = 0.45;
// A side column narrower than this share of the main column reads as a sidebar, not a second column.
const SIDE_COLUMN_SHARE = 0.75;
/** A cell of a table's grid, before its content is read. */
export function newCell(start: number, span: number, width: number, content: XmlNode[]): Cell {
  return { start, span, width, content, items: [], stats: { paras: 0, lines: 0, chars: 0, shortText: null } };
}

/** A layout table puts whole sections side by side (a sidebar cell beside a main cell) in few rows;
 *  anything else (a date beside each entry, a label beside each value) is read row by row. */
function isLayoutTable(rows: Cell[][]): boolean {
  // A few short lines that date an entry ("Март 2019 —", "настоящее время", "6 лет 1 месяц") are
  // a label beside it, not a section.
  const holdsSection = (c: Cell) =>
    (c.stats.paras >= 3 && !(c.stats.chars < 100 && /(?:19|20)\d{2}/.test(cellText(c)))) ||
    c.stats.chars >= 200;
  return rows.length <= 6 && rows.some((row) => row.filter(holdsSection).length >= 2);
}

/**
 * What a reader of flowing text knows while it reads: the part of the page it is in, and the look
 * of the body so far (for the layout and the body text size). A format's reader reads its blocks;
 * tables and text boxes, once turned into cells and content, are read and written here.
 */
export abstract class FlowReader {
  part: PartKind = 'body';
  /** the page's width, in the unit the format gives text box and cell widths in */
  protected readonly pageWidth: number;
  #tableDepth = 0;

  bodyChars = 0;
  tableChars = 0;
  multiColumnChars = 0;
  sidebarBoxChars = 0;
  tableSidebar = false;
  equalColumnTable = false;
  /** characters of body text per size, for the body size */
  readonly sizeChars = new Map<number, number>();

  constructor(pageWidth: number) {
    this.pageWidth = pageWidth;
  }

  abstract readBlocks(nodes: readonly XmlNode[], out: Item[]): void;

  /** Counts a paragraph of the body for the layout, and its sizes for the body size when it is body
   *  text (not a heading or the title). Returns the characters counted: none outside the body. */
  protected countParagraph(
    lines: readonly string[],
    sizes: ReadonlyMap<number, number>,
    bodyText: boolean,
  ): number {
    if (this.part !== 'body') return 0;
    const chars = lines.reduce((n, l) => n + l.length, 0);
    this.bodyChars += chars;
    if (this.#tableDepth > 0) this.tableChars += chars;
    if (bodyText) {
      for (const [s, n] of sizes) this.sizeChars.set(s, (this.sizeChars.get(s) ?? 0) + n);
    }
    return chars;
  }

  /** A text box's content as a block of its own; a narrow one with some text in it, beside the main
   *  text, is a sidebar. */
  protected readTextBox(content: readonly XmlNode[], width: number, out: Item[]): void {
    const items: Item[] = [];
    this.readBlocks(content, items);
    const stats = measure(items);
    if (
      this.part === 'body' &&
      width > 0 &&
      width <= this.pageWidth * SIDEBAR_WIDTH_SHARE &&
      stats.lines >= 3 &&
      stats.chars >= 40
    ) {
      this.sidebarBoxChars += stats.chars;
    }
    pushBlock(out, items);
  }

  /** Reads the content of every cell of a table's grid, then writes the table column by column when
   *  it lays out sections, row by row otherwise. */
  protected readTable(rows: Cell[][], out: Item[]): void {
    this.#tableDepth++;
    try {
      for (const row of rows) {
        for (const cell of row) {
          this.readBlocks(cell.content, cell.items);
          cell.stats = measure(cell.items);
        }
      }
      const textRows = rows
        .map((row) => row.filter((c) => c.stats.chars > 0))
        .filter((row) => row.length > 0);
      if (isLayoutTable(textRows)) this.#writeLayoutTable(textRows, out);
      else this.#writeRowTable(textRows, out);
    } finally {
      this.#tableDepth--;
    }
  }

  /** Column by column: the widest (main) column first, then the others from left to right. Rows
   *  that span the whole table (a name across the top) are read where they stand. */
  #writeLayoutTable(rows: Cell[][], out: Item[]): void {
    const columns = rows.reduce(
      (most, row) => row.reduce((end, c) => Math.max(end, c.start + c.span), most),
      0,
    );
    let band: Cell[][] = [];
    const flush = () => {
      if (band.length > 0) this.#writeBand(band, out);
      band = [];
    };
    for (const row of rows) {
      const only = row.length === 1 ? row[0] : undefined;
      if (only !== undefined && only.span >= columns) {
        flush();
        pushBlock(out, only.items);
      } else band.push(row);
    }
    flush();
  }

  #writeBand(band: Cell[][], out: Item[]): void {
    const byStart = new Map<number, Cell[]>();
    for (const row of band)
      for (const cell of row) byStart.set(cell.start, [...(byStart.get(cell.start) ?? []), cell]);
    const columns = [...byStart.entries()]
      .map(([start, cells]) => ({
        start,
        cells,
        width: cells.reduce((w, c) => Math.max(w, c.width), 0),
        chars: cells.reduce((n, c) => n + c.stats.chars, 0),
        paras: cells.reduce((n, c) => n + c.stats.paras, 0),
      }))
      .sort((a, b) => a.start - b.start);
    const main = columns.reduce((best, c) =>
      c.width > best.width || (c.width === best.width && c.chars > best.chars) ? c : best,
    );
    for (const column of [main, ...columns.filter((c) => c !== main)]) {
      for (const cell of column.cells) pushBlock(out, cell.items);
    }
    if (this.part !== 'body') return;
    for (const side of columns) {
      if (side === main || side.paras < 2) continue;
      const narrow = main.width === 0 || side.width === 0 || side.width < main.width * SIDE_COLUMN_SHARE;
      if (narrow) this.tableSidebar = true;
      else this.equalColumnTable = true;
    }
  }

  /**
   * Row by row: short cells (dates, labels) and the first paragraph of the one longer cell on one
   * line, then that cell's other paragraphs. Blocks follow the label column: a row of several lines
   * or a label alone (a section name) starts a block, and so does a new label once the block has
   * rows that continue it (the employer under a title, the next bullet); rows of label and value
   * alone (a language and its level) stay together.
   */
  #writeRowTable(rows: Cell[][], out: Item[]): void {
    const labelColumn = rows.reduce((min, row) => Math.min(min, (row[0] as Cell).start), Infinity);
    const twoColumns = rows.some((row) => row.length > 1 || (row[0] as Cell).start !== labelColumn);
    out.push(GAP);
    let continued = false;
    for (const row of rows) {
      const items = this.#rowItems(row);
      const lines = items.filter(isPara).reduce((n, p) => n + p.lines.length, 0);
      const severalLines = lines > 1 || items.includes(GAP);
      const labelled = (row[0] as Cell).start === labelColumn;
      const labelAlone = twoColumns && labelled && row.length === 1;
      if (severalLines || labelAlone || (labelled && row.length > 1 && continued)) {
        out.push(GAP);
        continued = false;
      }
      if (severalLines || !labelled) continued = true;
      append(out, items);
    }
    out.push(GAP);
  }

  #rowItems(row: Cell[]): Item[] {
    if (row.length === 1) return (row[0] as Cell).items;
    const long = row.filter((c) => c.stats.shortText === null);
    // Two cells each holding several paragraphs are two blocks side by side, not a label and its text.
    if (long.length >= 2) return row.flatMap((c) => [GAP, ...c.items, GAP]);
    const pieces: { text: string; para: Para }[] = [];
    const rest: Item[] = [];
    for (const cell of row) {
      const at = cell.items.findIndex(isPara);
      const first = cell.items[at];
      if (first === undefined || !isPara(first)) continue;
      if (cell.stats.shortText !== null) {
        pieces.push({ text: cell.stats.shortText, para: first });
        continue;
      }
      if (!first.list && first.level === null && !first.title) {
        pieces.push({ text: first.lines[0] as string, para: first });
        if (first.lines.length > 1) rest.push({ ...first, lines: first.lines.slice(1) });
        append(rest, cell.items.slice(at + 1));
      } else append(rest, cell.items);
    }
    const joined: Para = {
      kind: 'para',
      lines: [pieces.map((p) => p.text).join(' | ')],
      level: null,
      title: false,
      list: false,
      marker: '- ',
      bold: false,
      caps: false,
      size: 0,
      border: false,
      part: this.part,
      pieces,
    };
    // A nested table's own gaps would split the row from the rows that continue it.
    while (rest[0] === GAP) rest.shift();
    while (rest[rest.length - 1] === GAP) rest.pop();
    return pieces.length > 0 ? [joined, ...rest] : rest;
  }
}

// ---------------------------------------------------------------------------------------------
// Turning the items into text: title, headings, list items.

const GENERIC_TITLE_RE =
  /^(?:curriculum vitae|cv|r[ée]sum[ée]|lebenslauf|currículum(?: vitae)?|hoja de vida)$/i;

function looksLikeName(text: string): boolean {
  const words = text.split(' ').length;
  return words <= 6 && text.length <= 60 && !/[\d@|:/]/.test(text) && !GENERIC_TITLE_RE.test(text);
}

function isAllCaps(para: Para): boolean {
  const text = paraText(para);
  return para.caps || ((text.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && text === text.toUpperCase());
}

/**
 * A paragraph whose look, not its style, says it is a section heading. Kept conservative because
 * CVs set job titles and employers in bold, often a point or two larger than the body, and a false
 * heading splits an entry in two. ALL CAPS counts when bold or clearly larger (a quarter and at
 * least 1.5 pt); otherwise at most 4 words that are clearly larger and bold or over a rule line, or
 * bold over a rule line. A larger line that is neither (the job title under a name) is not one.
 */
function looksLikeHeading(para: Para, bodySize: number): boolean {
  if (para.list || para.part === 'footer' || para.lines.length > 1) return false;
  const text = paraText(para);
  if (text.length < 2 || text.length > 60 || /[.,;]$/.test(text) || /[\d@|]/.test(text)) return false;
  const larger = para.size >= bodySize * 1.25 && para.size >= bodySize + 3;
  if (isAllCaps(para)) return larger || para.bold;
  if (text.split(' ').length > 4) return false;
  return (larger && (para.bold || para.border)) || (para.bold && para.border);
}

function bodySizeOf(sizes: ReadonlyMap<number, number>, fallback: number): number {
  let size = fallback;
  let most = 0;
  for (const [s, n] of sizes) {
    if (n > most) {
      most = n;
      size = s;
    }
  }
  return size;
}

interface TitleChoice {
  /** the item the title is read from */
  host: Para;
  /** the paragraph that is the title: the host itself, or one cell of a row read as one line */
  piece: Para;
  text: string;
  /** a given name set large on the paragraph before ("KARIM" over "BENSAÏD"), read with it */
  before?: Para;
}

/** The title with the one large word just before it, when that word is a given name over the surname. */
function withNameBefore(c: TitleChoice, previous: TitleChoice | undefined, bodySize: number): TitleChoice {
  const p = previous?.piece;
  if (previous === undefined || p === undefined || p.list || previous.host !== previous.piece) return c;
  const oneWord = /^\p{Lu}[\p{L}'’-]+$/u.test(previous.text);
  // "KARIM" over "BENSAÏD", or "Aurélie" over "DUBOIS" (the surname in capitals); never a
  // document's title ("Lebenslauf" over the name).
  const sameCase = (previous.text === previous.text.toUpperCase()) === (c.text === c.text.toUpperCase());
  const surnameInCapitals = c.text === c.text.toUpperCase() && !GENERIC_TITLE_RE.test(previous.text);
  if (!oneWord || !(sameCase || surnameInCapitals) || p.size < bodySize * 1.3 || c.text.split(' ').length > 3)
    return c;
  return { ...c, text: `${previous.text} ${c.text}`, before: p };
}

/** The title: a Title-styled paragraph, or near the top a name-like line that is the largest text
 *  of the document (clearly larger than the body) or the only heading of its level. */
function findTitle(paras: readonly Para[], bodySize: number): TitleChoice | undefined {
  const candidates: TitleChoice[] = paras.flatMap((host) =>
    host.pieces === undefined
      ? [{ host, piece: host, text: paraText(host) }]
      : host.pieces.map((p) => ({ host, piece: p.para, text: p.text })),
  );
  const styled = candidates.find((c) => c.piece.title);
  if (styled !== undefined) return styled;
  const levelCounts = new Map<number, number>();
  for (const p of paras) if (p.level !== null) levelCounts.set(p.level, (levelCounts.get(p.level) ?? 0) + 1);
  const near = candidates.slice(0, 8);
  for (const [i, c] of near.entries()) {
    const p = c.piece;
    if (p.list || p.lines.length > 1 || !looksLikeName(c.text)) continue;
    const largest =
      p.size >= bodySize * 1.3 &&
      candidates.every((o) => o === c || o.piece.size < p.size || GENERIC_TITLE_RE.test(o.text));
    const onlyOfItsLevel = i < 3 && p.level !== null && p.level <= 2 && levelCounts.get(p.level) === 1;
    if (largest || onlyOfItsLevel) return withNameBefore(c, near[i - 1], bodySize);
  }
  // A name set far larger than anything else, read late (a sidebar cell that holds it is read
  // after the main one), on one line or two ("Sophie" over "LEFEBVRE").
  const top = Math.max(...candidates.map((c) => c.piece.size));
  const largest = candidates.flatMap((c, i) => (c.piece.size === top ? [i] : []));
  if (top < bodySize * 1.5 || largest.length > 2 || (largest.length === 2 && largest[1] !== largest[0]! + 1))
    return undefined;
  const [first, second] = largest.map((i) => candidates[i]!);
  if (first === undefined || first.piece.list || first.piece.lines.length > 1 || first.host !== first.piece)
    return undefined;
  if (second === undefined) return looksLikeName(first.text) ? first : undefined;
  const text = `${first.text} ${second.text}`;
  if (second.piece.list || second.host !== second.piece || !looksLikeName(text)) return undefined;
  return { ...second, text, before: first.piece };
}

/**
 * The outline level of section headings: the shallowest level used at least twice. Documents that
 * nest (the renderer's own output: sections in Heading 2, each job in Heading 3) use the deeper
 * levels for entry titles, and a job title read as a section heading would split the experience.
 */
function sectionLevelOf(paras: readonly Para[], title: Para | undefined): number {
  const counts = [0, 0, 0];
  for (const p of paras) {
    if (p !== title && p.level !== null && p.level <= 2) counts[p.level] = (counts[p.level] ?? 0) + 1;
  }
  const repeated = counts.findIndex((n) => n >= 2);
  return repeated >= 0 ? repeated : 2;
}

function writeText(items: readonly Item[], bodySize: number): string {
  const paras = items.filter(isPara);
  const title = findTitle(paras, bodySize);
  const sectionLevel = sectionLevelOf(paras, title?.piece);
  const out: string[] = [];
  const gap = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  // The title is read first, wherever it sits, as the PDF reader does.
  if (title !== undefined) out.push(`# ${title.text}`, '');
  for (const item of items) {
    if (!isPara(item)) {
      gap();
      continue;
    }
    if (item === title?.before) continue;
    if (item === title?.host) {
      const others = item.pieces?.filter((p) => p.para !== title.piece).map((p) => p.text) ?? [];
      if (others.length > 0) out.push(others.join(' | '));
      continue;
    }
    const styled = item.level !== null && item.level <= 2;
    const heading =
      item.title ||
      (styled && (item.level ?? 0) <= sectionLevel) ||
      (!styled && looksLikeHeading(item, bodySize));
    if (heading && !item.list) {
      gap();
      out.push(`## ${paraText(item)}`);
      continue;
    }
    // A heading below the section level titles an entry, which is a block of its own.
    if (styled && !item.list) gap();
    for (const [i, line] of item.lines.entries()) {
      const bullet = BULLET_GLYPH_RE.exec(line);
      const text = bullet === null ? line : line.slice(bullet[0].length).trim();
      if (text === '') continue;
      if (item.list && i === 0) out.push(`${item.marker}${text}`);
      else out.push(bullet !== null ? `- ${text}` : text);
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function layoutOf(reader: FlowReader): LayoutKind {
  const total = Math.max(reader.bodyChars, 1);
  const sidebarBox = reader.sidebarBoxChars > 0 && reader.bodyChars - reader.sidebarBoxChars >= 200;
  if (sidebarBox || reader.tableSidebar) return 'sidebar';
  if (reader.multiColumnChars >= total * 0.3 || reader.equalColumnTable) return 'two_columns';
  if (reader.tableChars >= total * 0.5) return 'table';
  return 'one_column';
}

/** Adds a page header or footer as a block of its own, unless it holds no text or the same text was
 *  added before: each is read once, however many sections or page styles repeat it. */
export function addStoryOnce(story: readonly Item[], seen: Set<string>, into: Item[]): void {
  const key = story
    .filter(isPara)
    .map((p) => p.lines.join('\n'))
    .join('\n');
  if (key === '' || seen.has(key)) return;
  seen.add(key);
  pushBlock(into, story);
}

/** The text of everything read, in reading order, and the layout the reader found. `defaultSize` is
 *  the body size (half-points) when no body text says otherwise. */
export function writeReading(
  reader: FlowReader,
  items: readonly Item[],
  defaultSize: number,
): DocumentReading {
  return { text: writeText(items, bodySizeOf(reader.sizeChars, defaultSize)), layout: layoutOf(reader) };
}
