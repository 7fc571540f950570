// DOCX text read from the WordprocessingML parts themselves (document, styles, numbering, headers,
// footers), not through an HTML converter: converters drop what a CV's layout depends on, namely page
// headers (where many CVs put the name), text boxes, the columns of a layout table, heading styles
// and list numbering. The text follows the convention of reading.ts.

import { SaxesParser } from 'saxes';
import { ExtractionFailure } from './extraction-failure.ts';
import { BULLET_GLYPH_RE, cleanGlyphs } from './layout/glyphs.ts';
import type { DocumentReading, LayoutKind } from './reading.ts';
import { assertSafeZip, DEFAULT_ZIP_LIMITS, ZipRejected } from './zip.ts';

export async function extractDocxText(buffer: Buffer): Promise<DocumentReading> {
  let entries: Map<string, Buffer>;
  try {
    // One pass checks every entry's size and keeps the XML parts, the only ones that carry text;
    // media, fonts and embedded files are inflated for the check and dropped.
    entries = await assertSafeZip(buffer, DEFAULT_ZIP_LIMITS, (name) => /\.(?:xml|rels)$/i.test(name));
  } catch (error) {
    if (error instanceof ZipRejected) {
      throw new ExtractionFailure(error.problem === 'encrypted' ? 'encrypted' : error.problem, error.message);
    }
    throw error;
  }
  return readDocx(entries);
}

// ---------------------------------------------------------------------------------------------
// XML: a small element tree with namespace-resolved names. Prefixes are the producer's choice, so
// names are rewritten to canonical ones from the namespace URI (Strict OOXML has its own URIs).

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
}
type XmlNode = XmlElement | string;

const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'urn:schemas-microsoft-com:vml': 'v',
};
const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
// Text is kept only where WordprocessingML puts it; the whitespace between elements is noise.
const TEXT_ELEMENTS = new Set(['w:t', 'w:instrText']);
// Word's own documents stay far below these; a part past them is built to exhaust the reader.
const MAX_XML_DEPTH = 256;
const MAX_XML_ELEMENTS = 2_000_000;

function qualify(uri: string, local: string): string {
  const prefix = NAMESPACES[uri];
  if (prefix !== undefined) return `${prefix}:${local}`;
  return uri === '' ? local : `?:${local}`;
}

function decodeXml(data: Buffer): string {
  const encoding =
    data[0] === 0xff && data[1] === 0xfe
      ? 'utf-16le'
      : data[0] === 0xfe && data[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  return new TextDecoder(encoding).decode(data);
}

function parseXml(data: Buffer): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let count = 0;
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_XML_DEPTH || ++count > MAX_XML_ELEMENTS) {
      throw new ExtractionFailure('too_large', 'the document XML is nested too deeply or is too large');
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri !== XMLNS_URI) attrs[qualify(a.uri, a.local)] = a.value;
    }
    const element: XmlElement = { name: qualify(tag.uri, tag.local), attrs, children: [] };
    (stack[stack.length - 1] as XmlElement).children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1] as XmlElement;
    if (TEXT_ELEMENTS.has(top.name)) top.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(decodeXml(data)).close();
  const element = root.children.find(isElement);
  if (element === undefined) throw new Error('no root element');
  return element;
}

const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const node of element.children) if (typeof node !== 'string' && node.name === name) return node;
  return undefined;
}

function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (element === undefined) return [];
  return element.children.filter((n): n is XmlElement => typeof n !== 'string' && n.name === name);
}

const attr = (element: XmlElement | undefined, name: string): string | undefined => element?.attrs[name];
const val = (element: XmlElement | undefined): string | undefined => element?.attrs['w:val'];

function numberVal(element: XmlElement | undefined, name = 'w:val'): number | undefined {
  const raw = attr(element, name);
  if (raw === undefined) return undefined;
  const n = Number.parseFloat(raw);
  return Number.isFinite(n) ? n : undefined;
}

function textOf(element: XmlElement): string {
  let text = '';
  for (const node of element.children) if (typeof node === 'string') text += node;
  return text;
}

function hasDescendant(element: XmlElement, names: ReadonlySet<string>): boolean {
  for (const node of element.children) {
    if (typeof node === 'string') continue;
    if (names.has(node.name) || hasDescendant(node, names)) return true;
  }
  return false;
}

/** A toggle property (w:b, w:caps, w:vanish): present means on unless its value says off. */
function onOff(element: XmlElement | undefined): boolean | undefined {
  if (element === undefined) return undefined;
  const v = val(element);
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}

// ---------------------------------------------------------------------------------------------
// Package: parts by name (OPC names are case-insensitive) and relationships.

class Parts {
  readonly #byName = new Map<string, Buffer>();
  constructor(entries: Map<string, Buffer>) {
    for (const [name, data] of entries) this.#byName.set(name.toLowerCase(), data);
  }
  get(name: string): Buffer | undefined {
    return this.#byName.get(name.toLowerCase());
  }
}

interface Relationship {
  type: string;
  target: string;
}

function resolvePartName(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

function readRelationships(parts: Parts, partName: string): Map<string, Relationship> {
  const slash = partName.lastIndexOf('/');
  const dir = partName.slice(0, slash + 1);
  const rels = new Map<string, Relationship>();
  const root = parseOptional(parts, `${dir}_rels/${partName.slice(slash + 1)}.rels`);
  for (const r of childrenNamed(root, 'rel:Relationship')) {
    const id = attr(r, 'Id');
    const target = attr(r, 'Target');
    if (id === undefined || target === undefined || attr(r, 'TargetMode') === 'External') continue;
    rels.set(id, { type: attr(r, 'Type') ?? '', target: resolvePartName(dir, target) });
  }
  return rels;
}

function relationshipTarget(rels: Map<string, Relationship>, kind: string): string | undefined {
  for (const r of rels.values()) if (r.type.endsWith(`/${kind}`)) return r.target;
  return undefined;
}

/** A part that only adds detail (styles, numbering, a header): a broken one is read as absent. */
function parseOptional(parts: Parts, name: string | undefined): XmlElement | undefined {
  const data = name === undefined ? undefined : parts.get(name);
  if (data === undefined) return undefined;
  try {
    return parseXml(data);
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Styles: what a paragraph's style chain (w:basedOn) says about headings, lists, weight and size.

interface RunPatch {
  bold?: boolean;
  size?: number;
  caps?: boolean;
  hidden?: boolean;
  font?: string;
}
type RunLook = Required<RunPatch>;

interface NumberingRef {
  numId: string | undefined;
  ilvl: number | undefined;
}

interface ParagraphLook {
  /** 0-based outline level (Heading 1 is 0), null for body text. */
  level: number | null;
  title: boolean;
  numbering: NumberingRef | null;
  run: RunLook;
  border: boolean;
}

interface StyleDef {
  name: string;
  basedOn: string | undefined;
  pPr: XmlElement | undefined;
  rPr: XmlElement | undefined;
}

// Word writes the English name of a built-in style whatever the UI language (the id is what gets
// localized: "berschrift1"); other producers sometimes write the localized name.
const HEADING_NAME_RE =
  /^(?:heading|überschrift|titre|título|titolo|kop|nagłówek|rubrik|overskrift|otsikko|заголовок)\s*([1-9])$/i;

function runPatch(rPr: XmlElement | undefined): RunPatch {
  const patch: RunPatch = {};
  if (rPr === undefined) return patch;
  for (const node of rPr.children) {
    if (typeof node === 'string') continue;
    switch (node.name) {
      case 'w:b':
        patch.bold = onOff(node) ?? false;
        break;
      case 'w:sz': {
        const size = numberVal(node);
        if (size !== undefined && size > 0) patch.size = size;
        break;
      }
      case 'w:caps':
        patch.caps = onOff(node) ?? false;
        break;
      case 'w:vanish':
        patch.hidden = onOff(node) ?? false;
        break;
      case 'w:rFonts': {
        const font = attr(node, 'w:ascii') ?? attr(node, 'w:hAnsi');
        if (font !== undefined) patch.font = font;
        break;
      }
    }
  }
  return patch;
}

function outlineLevel(pPr: XmlElement | undefined): number | null | undefined {
  const level = numberVal(child(pPr, 'w:outlineLvl'));
  if (level === undefined) return undefined;
  // Level 9 is "body text".
  return level >= 0 && level <= 8 ? level : null;
}

function numberingRef(pPr: XmlElement | undefined): NumberingRef | null {
  const numPr = child(pPr, 'w:numPr');
  if (numPr === undefined) return null;
  return { numId: val(child(numPr, 'w:numId')), ilvl: numberVal(child(numPr, 'w:ilvl')) };
}

function hasRule(pPr: XmlElement | undefined): boolean {
  const borders = child(pPr, 'w:pBdr');
  return [child(borders, 'w:bottom'), child(borders, 'w:top')].some(
    (b) => b !== undefined && val(b) !== 'none' && val(b) !== 'nil',
  );
}

class StyleSheet {
  readonly #styles = new Map<string, StyleDef>();
  readonly #paragraphs = new Map<string, ParagraphLook>();
  readonly #characters = new Map<string, RunPatch>();
  #defaultParagraph: string | undefined;
  readonly defaults: RunLook;

  constructor(root: XmlElement | undefined) {
    const docDefaults = runPatch(child(child(child(root, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr'));
    // Without any size, Word prints 10 pt.
    this.defaults = { bold: false, size: 20, caps: false, hidden: false, font: '', ...docDefaults };
    for (const style of childrenNamed(root, 'w:style')) {
      const id = attr(style, 'w:styleId');
      if (id === undefined) continue;
      this.#styles.set(id, {
        name: val(child(style, 'w:name')) ?? id,
        basedOn: val(child(style, 'w:basedOn')),
        pPr: child(style, 'w:pPr'),
        rPr: child(style, 'w:rPr'),
      });
      const isDefault = /^(?:1|true|on)$/.test(attr(style, 'w:default') ?? '');
      if (isDefault && attr(style, 'w:type') === 'paragraph') this.#defaultParagraph = id;
    }
  }

  #chain(id: string | undefined): StyleDef[] {
    const chain: StyleDef[] = [];
    const seen = new Set<string>();
    let next = id;
    while (next !== undefined && !seen.has(next) && chain.length < 20) {
      seen.add(next);
      const style = this.#styles.get(next);
      if (style === undefined) break;
      chain.push(style);
      next = style.basedOn;
    }
    return chain;
  }

  paragraph(id: string | undefined): ParagraphLook {
    const key = id !== undefined && this.#styles.has(id) ? id : (this.#defaultParagraph ?? '');
    const cached = this.#paragraphs.get(key);
    if (cached !== undefined) return cached;
    const chain = this.#chain(key);
    let level: number | null = null;
    let levelFound = false;
    let numbering: NumberingRef | null = null;
    let border = false;
    let run: RunLook = this.defaults;
    for (const style of chain) {
      if (!levelFound) {
        const outline = outlineLevel(style.pPr);
        const named = HEADING_NAME_RE.exec(style.name);
        if (outline !== undefined) {
          level = outline;
          levelFound = true;
        } else if (named !== null) {
          level = Number(named[1]) - 1;
          levelFound = true;
        }
      }
      if (numbering === null) numbering = numberingRef(style.pPr);
      border ||= hasRule(style.pPr);
    }
    for (const style of chain.toReversed()) run = { ...run, ...runPatch(style.rPr) };
    const look: ParagraphLook = {
      level,
      title: chain.some((s) => /^title$/i.test(s.name)),
      numbering,
      run,
      border,
    };
    this.#paragraphs.set(key, look);
    return look;
  }

  character(id: string | undefined): RunPatch {
    if (id === undefined) return {};
    const cached = this.#characters.get(id);
    if (cached !== undefined) return cached;
    let patch: RunPatch = {};
    for (const style of this.#chain(id).toReversed()) patch = { ...patch, ...runPatch(style.rPr) };
    this.#characters.set(id, patch);
    return patch;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbering: whether a w:numPr prints a marker (numId 0 and format "none" print nothing), and the
// number a decimal list prints, counted in document order as Word counts.

interface ListLevel {
  format: string;
  text: string;
  start: number;
}

interface ListInstance {
  /** Word continues one count across the instances of an abstract list, unless an instance
   *  overrides a start (how "restart numbering" is stored): then it counts on its own. */
  sequence: string;
  levels: Map<number, ListLevel>;
}

class Numbering {
  readonly #instances = new Map<string, ListInstance>();
  readonly #counters = new Map<string, number[]>();
  readonly #present: boolean;

  constructor(root: XmlElement | undefined) {
    this.#present = root !== undefined;
    const abstracts = new Map<string, XmlElement>();
    for (const a of childrenNamed(root, 'w:abstractNum')) {
      const id = attr(a, 'w:abstractNumId');
      if (id !== undefined) abstracts.set(id, a);
    }
    const readLevels = (into: Map<number, ListLevel>, lvls: XmlElement[]) => {
      for (const lvl of lvls) {
        into.set(numberVal(lvl, 'w:ilvl') ?? 0, {
          format: val(child(lvl, 'w:numFmt')) ?? 'decimal',
          text: val(child(lvl, 'w:lvlText')) ?? '',
          start: numberVal(child(lvl, 'w:start')) ?? 1,
        });
      }
    };
    for (const num of childrenNamed(root, 'w:num')) {
      const id = attr(num, 'w:numId');
      if (id === undefined) continue;
      const abstractId = val(child(num, 'w:abstractNumId')) ?? '';
      const levels = new Map<number, ListLevel>();
      readLevels(levels, childrenNamed(abstracts.get(abstractId), 'w:lvl'));
      let restarts = false;
      for (const override of childrenNamed(num, 'w:lvlOverride')) {
        readLevels(levels, childrenNamed(override, 'w:lvl'));
        const start = numberVal(child(override, 'w:startOverride'));
        const ilvl = numberVal(override, 'w:ilvl') ?? 0;
        const level = levels.get(ilvl);
        if (start !== undefined && level !== undefined) {
          levels.set(ilvl, { ...level, start });
          restarts = true;
        }
      }
      this.#instances.set(id, { sequence: restarts ? `num:${id}` : `abstract:${abstractId}`, levels });
    }
  }

  /** The marker a list paragraph is written with ("- " or "3. "), or null when it prints none. */
  marker(numId: string, ilvl: number): string | null {
    if (numId === '0') return null;
    // A list without its numbering part is still a list in the author's mind.
    if (!this.#present) return '- ';
    const instance = this.#instances.get(numId);
    const level = instance?.levels.get(ilvl) ?? instance?.levels.get(0);
    if (instance === undefined || level === undefined) return null;
    if (level.format === 'none' && level.text.trim() === '') return null;
    const counters = this.#counters.get(instance.sequence) ?? [];
    this.#counters.set(instance.sequence, counters);
    // An item restarts the count of every deeper level.
    counters.length = Math.min(counters.length, ilvl + 1);
    const n = (counters[ilvl] ?? level.start - 1) + 1;
    counters[ilvl] = n;
    return level.format.startsWith('decimal') ? `${n}. ` : '- ';
  }
}

// ---------------------------------------------------------------------------------------------
// Characters that only a symbol font turns into what the reader sees.

// Keyed by the font's own code (Word stores it as is or shifted into U+F0xx).
const SYMBOL_CHARS = new Map<number, string>([
  [0x2d, '-'],
  [0xb7, '•'],
  [0xae, '→'],
  [0xb4, '×'],
  [0xb0, '°'],
]);
const WINGDINGS_CHARS = new Map<number, string>([
  [0x6c, '●'],
  [0x6e, '■'],
  [0x71, '❑'],
  [0x75, '◆'],
  [0x76, '❖'],
  [0x9f, '•'],
  [0xa7, '▪'],
  [0xd8, '➢'],
  [0xe0, '→'],
  [0xe8, '➔'],
  [0xfc, '✓'],
]);

function symbolFont(font: string): ReadonlyMap<number, string> | undefined {
  const f = font.toLowerCase();
  if (f === 'symbol') return SYMBOL_CHARS;
  if (f.startsWith('wingdings') || f === 'webdings') return WINGDINGS_CHARS;
  return undefined;
}

/** A symbol font's character code as the character it prints, or '' when that is no text. */
function symbolChar(font: string, code: number): string {
  const table = symbolFont(font);
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (table !== undefined && low <= 0xff) return table.get(low) ?? '';
  if ((code >= 0xe000 && code <= 0xf8ff) || code < 0x20 || code > 0x10ffff) return '';
  return String.fromCodePoint(code);
}

function symbolFontText(text: string, font: string): string {
  if (symbolFont(font) === undefined) return text;
  let out = '';
  for (const ch of text) out += symbolChar(font, ch.codePointAt(0) ?? 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the reader collects: paragraphs with the look heading detection needs, and block gaps.

type PartKind = 'body' | 'header' | 'footer';

interface Para {
  kind: 'para';
  lines: string[];
  level: number | null;
  title: boolean;
  list: boolean;
  /** what a list item is written with: "- " or its number, "3. " */
  marker: string;
  /** every printed character bold */
  bold: boolean;
  /** every printed character set in capitals by w:caps */
  caps: boolean;
  /** the size most characters are printed in, in half-points; 0 when unknown */
  size: number;
  border: boolean;
  part: PartKind;
  /** for a table row read as one line: the cell paragraphs it was joined from, and their text */
  pieces?: { text: string; para: Para }[];
}
interface Gap {
  kind: 'gap';
}
type Item = Para | Gap;
const GAP: Gap = { kind: 'gap' };
const isPara = (item: Item): item is Para => item.kind === 'para';

// Loops, not push(...items): a hostile document can put more paragraphs in one cell than a call
// takes arguments.
function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** `items` as a block of their own. */
function pushBlock(out: Item[], items: readonly Item[]): void {
  out.push(GAP);
  append(out, items);
  out.push(GAP);
}

function paraText(para: Para): string {
  return para.lines.join(' ');
}

const PAGE_FIELD_RE = /^\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b/i;
// A marker typed by hand before a tab ("•<tab>text", "1.<tab>text") belongs to the text it opens.
const TYPED_MARKER_RE = /^(?:[•·▪▫◦●○■□◆◇♦►▸▹▶➢➤✓✔❖⁃∙⦁‣*–—-]|\d{1,2}[.)]|[a-z][.)])$/u;

interface LinePart {
  text: string;
  /** a page-number field was dropped from this part */
  pageField: boolean;
}

/** Builds one paragraph's lines from its runs: tabs split parts, breaks split lines. */
class LineBuilder {
  readonly #lines: LinePart[][] = [[]];
  #part: LinePart = { text: '', pageField: false };
  readonly #sizes = new Map<number, number>();
  #chars = 0;
  #boldChars = 0;
  #capsChars = 0;
  /** a page-number field was dropped somewhere in the paragraph */
  hadPageField = false;

  text(text: string, look: RunLook): void {
    // Some producers write a tab character into w:t instead of a w:tab; Word prints both alike.
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

interface Field {
  instruction: string;
  /** past w:fldChar separate: what follows is the field's printed result */
  inResult: boolean;
  dropped: boolean;
}

/** State of one paragraph while its runs are read. */
interface InlineState {
  line: LineBuilder;
  boxes: Item[];
  fields: Field[];
  base: RunLook;
}

interface CellStats {
  paras: number;
  lines: number;
  chars: number;
  /** the cell holds one short, plain paragraph: a date, a label */
  shortText: string | null;
}

interface Cell {
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
const EMU_PER_TWIP = 635;

/** A VML shape's width from its CSS-like style, in twips. */
function vmlWidth(style: string | undefined): number {
  const match = style === undefined ? null : /(?:^|;)\s*width:\s*([\d.]+)(pt|in|cm|mm|px)?/i.exec(style);
  if (match === null) return 0;
  const value = Number.parseFloat(match[1] ?? '0');
  const unit = (match[2] ?? 'px').toLowerCase();
  const perUnit: Record<string, number> = { pt: 20, in: 1440, cm: 567, mm: 56.7, px: 15 };
  return value * (perUnit[unit] ?? 15);
}

const READABLE = new Set(['w:t', 'w:txbxContent', 'w:sym']);

/** mc:AlternateContent holds the same content twice: the Choice is read, the Fallback only when the
 *  Choice holds no text. */
function chooseBranch(alternate: XmlElement): XmlElement | undefined {
  const choices = childrenNamed(alternate, 'mc:Choice');
  const fallback = child(alternate, 'mc:Fallback');
  const readable = choices.find((c) => hasDescendant(c, READABLE));
  if (readable !== undefined) return readable;
  if (fallback !== undefined && hasDescendant(fallback, READABLE)) return fallback;
  return choices[0] ?? fallback;
}

function isPlaceholder(sdt: XmlElement): boolean {
  // A content control still showing its template prompt ("Click here to enter text") was never filled.
  return onOff(child(child(sdt, 'w:sdtPr'), 'w:showingPlcHdr')) === true;
}

class DocxReader {
  readonly #styles: StyleSheet;
  readonly #numbering: Numbering;
  readonly #pageWidth: number;
  part: PartKind = 'body';
  #tableDepth = 0;

  bodyChars = 0;
  tableChars = 0;
  multiColumnChars = 0;
  #sectionChars = 0;
  sidebarBoxChars = 0;
  tableSidebar = false;
  equalColumnTable = false;
  /** characters of body text per size, for the body size */
  readonly sizeChars = new Map<number, number>();
  readonly headerIds: string[] = [];
  readonly footerIds: string[] = [];

  constructor(styles: StyleSheet, numbering: Numbering, pageWidth: number) {
    this.#styles = styles;
    this.#numbering = numbering;
    this.#pageWidth = pageWidth;
  }

  readBlocks(nodes: readonly XmlNode[], out: Item[]): void {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      switch (node.name) {
        case 'w:p':
          this.#readParagraph(node, out);
          break;
        case 'w:tbl':
          this.#readTable(node, out);
          break;
        case 'w:sdt':
          if (!isPlaceholder(node)) this.readBlocks(child(node, 'w:sdtContent')?.children ?? [], out);
          break;
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
          this.readBlocks(node.children, out);
          break;
        case 'mc:AlternateContent': {
          const branch = chooseBranch(node);
          if (branch !== undefined) this.readBlocks(branch.children, out);
          break;
        }
        case 'w:sectPr':
          this.#endSection(node);
          break;
      }
    }
  }

  #endSection(sectPr: XmlElement): void {
    if (this.part !== 'body') return;
    const cols = child(sectPr, 'w:cols');
    const columns = numberVal(cols, 'w:num') ?? childrenNamed(cols, 'w:col').length;
    if (columns >= 2) this.multiColumnChars += this.#sectionChars;
    this.#sectionChars = 0;
    // The first-page header prints only when the section asks for a different first page.
    const titlePage = onOff(child(sectPr, 'w:titlePg')) === true;
    const collect = (refs: XmlElement[], into: string[]) => {
      const wanted = refs.filter((r) => {
        const type = attr(r, 'w:type') ?? 'default';
        return type === 'default' || (type === 'first' && titlePage);
      });
      wanted.sort((a, b) => Number(attr(b, 'w:type') === 'first') - Number(attr(a, 'w:type') === 'first'));
      for (const r of wanted) {
        const id = attr(r, 'r:id');
        if (id !== undefined && !into.includes(id)) into.push(id);
      }
    };
    collect(childrenNamed(sectPr, 'w:headerReference'), this.headerIds);
    collect(childrenNamed(sectPr, 'w:footerReference'), this.footerIds);
  }

  #readParagraph(p: XmlElement, out: Item[]): void {
    const pPr = child(p, 'w:pPr');
    const look = this.#styles.paragraph(val(child(pPr, 'w:pStyle')));
    const direct = outlineLevel(pPr);
    const level = direct !== undefined ? direct : look.level;
    const numbering = numberingRef(pPr);
    const numId = numbering?.numId ?? look.numbering?.numId;
    const ilvl = numbering?.ilvl ?? look.numbering?.ilvl ?? 0;
    const state: InlineState = { line: new LineBuilder(), boxes: [], fields: [], base: look.run };
    this.#readInline(p.children, state);
    const { lines, bold, caps, size } = state.line.finish();

    if (state.boxes.length > 0) pushBlock(out, state.boxes);
    if (lines.length === 0) {
      // An empty paragraph is space between blocks; one that held only a page number is not.
      if (!state.line.hadPageField) out.push(GAP);
    } else {
      const marker = numId === undefined ? null : this.#numbering.marker(numId, ilvl);
      const para: Para = {
        kind: 'para',
        lines,
        level,
        title: look.title,
        list: marker !== null,
        marker: marker ?? '- ',
        bold,
        caps,
        size,
        border: hasRule(pPr) || look.border,
        part: this.part,
      };
      out.push(para);
      if (this.part === 'body') {
        const chars = lines.reduce((n, l) => n + l.length, 0);
        this.bodyChars += chars;
        this.#sectionChars += chars;
        if (this.#tableDepth > 0) this.tableChars += chars;
        if (level === null && !look.title) {
          for (const [s, n] of state.line.sizes) this.sizeChars.set(s, (this.sizeChars.get(s) ?? 0) + n);
        }
      }
    }
    const sectPr = child(pPr, 'w:sectPr');
    if (sectPr !== undefined) this.#endSection(sectPr);
  }

  #readInline(nodes: readonly XmlNode[], state: InlineState): void {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      switch (node.name) {
        case 'w:r':
          this.#readRun(node, state);
          break;
        case 'w:hyperlink':
        case 'w:ins':
        case 'w:moveTo':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:dir':
        case 'w:bdo':
          this.#readInline(node.children, state);
          break;
        case 'w:fldSimple':
          if (PAGE_FIELD_RE.test(attr(node, 'w:instr') ?? '')) state.line.markPageField();
          else this.#readInline(node.children, state);
          break;
        case 'w:sdt':
          if (!isPlaceholder(node)) this.#readInline(child(node, 'w:sdtContent')?.children ?? [], state);
          break;
        case 'w:ruby':
          this.#readInline(child(node, 'w:rubyBase')?.children ?? [], state);
          break;
        case 'mc:AlternateContent': {
          const branch = chooseBranch(node);
          if (branch !== undefined) this.#readInline(branch.children, state);
          break;
        }
        // w:del and w:moveFrom are text the author removed; everything else prints no text.
      }
    }
  }

  #readRun(r: XmlElement, state: InlineState): void {
    const rPr = child(r, 'w:rPr');
    const look: RunLook = {
      ...state.base,
      ...this.#styles.character(val(child(rPr, 'w:rStyle'))),
      ...runPatch(rPr),
    };
    this.#readRunContent(r.children, look, state);
  }

  #readRunContent(nodes: readonly XmlNode[], look: RunLook, state: InlineState): void {
    const { line, fields } = state;
    // Between a field's begin and separate is its code; a page number's result is dropped too.
    const silent = () => look.hidden || fields.some((f) => !f.inResult || f.dropped);
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      switch (node.name) {
        case 'w:t':
          if (!silent()) line.text(symbolFontText(textOf(node), look.font), look);
          break;
        case 'w:tab':
        case 'w:ptab':
          if (!silent()) line.tab();
          break;
        case 'w:br':
        case 'w:cr':
          if (!silent()) line.newline();
          break;
        case 'w:noBreakHyphen':
          if (!silent()) line.text('-', look);
          break;
        case 'w:sym': {
          const code = Number.parseInt(attr(node, 'w:char') ?? '', 16);
          if (!silent() && Number.isFinite(code))
            line.text(symbolChar(attr(node, 'w:font') ?? '', code), look);
          break;
        }
        case 'w:instrText': {
          const field = fields[fields.length - 1];
          if (field !== undefined && !field.inResult) field.instruction += textOf(node);
          break;
        }
        case 'w:fldChar': {
          const type = attr(node, 'w:fldCharType');
          if (type === 'begin') fields.push({ instruction: '', inResult: false, dropped: false });
          else if (type === 'separate') {
            const field = fields[fields.length - 1];
            if (field !== undefined) {
              field.inResult = true;
              field.dropped = PAGE_FIELD_RE.test(field.instruction);
              if (field.dropped) line.markPageField();
            }
          } else if (type === 'end') {
            const field = fields.pop();
            if (field !== undefined && !field.inResult && PAGE_FIELD_RE.test(field.instruction)) {
              line.markPageField();
            }
          }
          break;
        }
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
          this.#readTextBoxes(node, 0, state.boxes);
          break;
        case 'mc:AlternateContent': {
          const branch = chooseBranch(node);
          if (branch !== undefined) this.#readRunContent(branch.children, look, state);
          break;
        }
      }
    }
  }

  /** Text boxes inside a drawing, each read as its own block. */
  #readTextBoxes(element: XmlElement, width: number, out: Item[]): void {
    if (element.name === 'w:txbxContent') {
      const items: Item[] = [];
      this.readBlocks(element.children, items);
      const stats = measure(items);
      if (
        this.part === 'body' &&
        width > 0 &&
        width <= this.#pageWidth * SIDEBAR_WIDTH_SHARE &&
        stats.lines >= 3 &&
        stats.chars >= 40
      ) {
        this.sidebarBoxChars += stats.chars;
      }
      pushBlock(out, items);
      return;
    }
    if (element.name === 'mc:AlternateContent') {
      const branch = chooseBranch(element);
      if (branch !== undefined) this.#readTextBoxes(branch, width, out);
      return;
    }
    let boxWidth = width;
    if (element.name === 'wp:anchor' || element.name === 'wp:inline') {
      boxWidth = (numberVal(child(element, 'wp:extent'), 'cx') ?? 0) / EMU_PER_TWIP;
    } else if (element.name.startsWith('v:') && attr(element, 'style') !== undefined) {
      boxWidth = vmlWidth(attr(element, 'style')) || width;
    }
    for (const node of element.children) {
      if (typeof node !== 'string') this.#readTextBoxes(node, boxWidth, out);
    }
  }

  #readTable(tbl: XmlElement, out: Item[]): void {
    this.#tableDepth++;
    try {
      const rows = this.#buildGrid(tbl);
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

  /** Cells with their grid position and width; merged cells are one cell holding all their content. */
  #buildGrid(tbl: XmlElement): Cell[][] {
    const grid = childrenNamed(child(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => numberVal(g, 'w:w') ?? 0);
    const rows: Cell[][] = [];
    const openVertical = new Map<number, Cell>();
    for (const tr of flatten(tbl.children, 'w:tr')) {
      const trPr = child(tr, 'w:trPr');
      if (child(trPr, 'w:del') !== undefined) continue;
      let column = numberVal(child(trPr, 'w:gridBefore')) ?? 0;
      const row: Cell[] = [];
      for (const tc of flatten(tr.children, 'w:tc')) {
        const tcPr = child(tc, 'w:tcPr');
        const span = Math.max(1, Math.floor(numberVal(child(tcPr, 'w:gridSpan')) ?? 1));
        const content = tc.children.filter((n) => typeof n === 'string' || n.name !== 'w:tcPr');
        const tcW = child(tcPr, 'w:tcW');
        const gridWidth = grid.slice(column, column + span).reduce((a, b) => a + b, 0);
        const width =
          gridWidth > 0 ? gridWidth : attr(tcW, 'w:type') === 'dxa' ? (numberVal(tcW, 'w:w') ?? 0) : 0;
        const vMerge = child(tcPr, 'w:vMerge');
        const hMerge = child(tcPr, 'w:hMerge');
        const above = openVertical.get(column);
        if (vMerge !== undefined && val(vMerge) !== 'restart' && above !== undefined) {
          append(above.content, content);
          column += span;
          continue;
        }
        const left = row[row.length - 1];
        if (hMerge !== undefined && val(hMerge) !== 'restart' && left !== undefined) {
          append(left.content, content);
          left.span += span;
          left.width += width;
          column += span;
          continue;
        }
        const cell: Cell = {
          start: column,
          span,
          width,
          content,
          items: [],
          stats: { paras: 0, lines: 0, chars: 0, shortText: null },
        };
        if (vMerge !== undefined) openVertical.set(column, cell);
        else openVertical.delete(column);
        row.push(cell);
        column += span;
      }
      rows.push(row);
    }
    return rows;
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

/** Elements named `name` among `nodes`, looking through content controls and custom XML. */
function flatten(nodes: readonly XmlNode[], name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    if (node.name === name) out.push(node);
    else if (node.name === 'w:sdt') append(out, flatten(child(node, 'w:sdtContent')?.children ?? [], name));
    else if (node.name === 'w:customXml') append(out, flatten(node.children, name));
  }
  return out;
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
    if (largest || onlyOfItsLevel) return c;
  }
  return undefined;
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

function layoutOf(reader: DocxReader): LayoutKind {
  const total = Math.max(reader.bodyChars, 1);
  const sidebarBox = reader.sidebarBoxChars > 0 && reader.bodyChars - reader.sidebarBoxChars >= 200;
  if (sidebarBox || reader.tableSidebar) return 'sidebar';
  if (reader.multiColumnChars >= total * 0.3 || reader.equalColumnTable) return 'two_columns';
  if (reader.tableChars >= total * 0.5) return 'table';
  return 'one_column';
}

function readDocx(entries: Map<string, Buffer>): DocumentReading {
  const parts = new Parts(entries);
  const main = relationshipTarget(readRelationships(parts, ''), 'officeDocument') ?? 'word/document.xml';
  const data = parts.get(main);
  if (data === undefined) throw new ExtractionFailure('corrupt', `the DOCX has no ${main}`);
  let document: XmlElement;
  try {
    document = parseXml(data);
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    throw new ExtractionFailure('corrupt', `${main} is not well-formed XML: ${(error as Error).message}`);
  }
  const body = child(document, 'w:body');
  if (body === undefined) throw new ExtractionFailure('corrupt', `${main} has no w:body`);

  const rels = readRelationships(parts, main);
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const styles = new StyleSheet(
    parseOptional(parts, relationshipTarget(rels, 'styles') ?? `${dir}styles.xml`),
  );
  const numbering = new Numbering(
    parseOptional(parts, relationshipTarget(rels, 'numbering') ?? `${dir}numbering.xml`),
  );
  const lastSection = childrenNamed(body, 'w:sectPr').at(-1);
  // US Letter when the document does not say.
  const pageWidth = numberVal(child(lastSection, 'w:pgSz'), 'w:w') ?? 12240;

  const reader = new DocxReader(styles, numbering, pageWidth);
  const bodyItems: Item[] = [];
  reader.readBlocks(body.children, bodyItems);

  // Each header and footer once, however many sections and pages repeat it.
  const seen = new Set<string>();
  const readStories = (ids: readonly string[], part: PartKind): Item[] => {
    reader.part = part;
    const items: Item[] = [];
    for (const id of ids) {
      const root = parseOptional(parts, rels.get(id)?.target);
      if (root === undefined) continue;
      const story: Item[] = [];
      reader.readBlocks(root.children, story);
      const key = story
        .filter(isPara)
        .map((p) => p.lines.join('\n'))
        .join('\n');
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      pushBlock(items, story);
    }
    return items;
  };
  const headerItems = readStories(reader.headerIds, 'header');
  const footerItems = readStories(reader.footerIds, 'footer');

  const bodySize = bodySizeOf(reader.sizeChars, styles.defaults.size);
  return {
    text: writeText([...headerItems, ...bodyItems, ...footerItems], bodySize),
    layout: layoutOf(reader),
  };
}
