// DOCX text read from the WordprocessingML parts themselves (document, styles, numbering, headers,
// footers), not through an HTML converter: converters drop what a CV's layout depends on, namely page
// headers (where many CVs put the name), text boxes, the columns of a layout table, heading styles
// and list numbering. The text follows the convention of reading.ts.

import { ExtractionFailure } from './extraction-failure.ts';
import {
  addStoryOnce,
  append,
  type Cell,
  FlowReader,
  GAP,
  HEADING_NAME_RE,
  type Item,
  LineBuilder,
  newCell,
  type Para,
  type PartKind,
  pushBlock,
  twipsOf,
  writeReading,
} from './flow-text.ts';
import { chunkItems } from './html-chunk.ts';
import type { DocumentReading } from './reading.ts';
import {
  attr,
  child,
  childrenNamed,
  hasDescendant,
  parseOptionalXml,
  parseRequiredXml,
  textOf,
  type XmlDialect,
  type XmlElement,
  type XmlNode,
} from './xml-tree.ts';
import { readZipParts } from './zip.ts';

export async function extractDocxText(buffer: Buffer): Promise<DocumentReading> {
  // One pass checks every entry's size and keeps the XML parts, the only ones that carry text;
  // media, fonts and embedded files are inflated for the check and dropped.
  // An imported HTML page (altChunk) is text too.
  return readDocx(await readZipParts(buffer, (name) => /\.(?:xml|rels|mht|mhtml|html?|txt)$/i.test(name)));
}

// ---------------------------------------------------------------------------------------------
// XML: names are rewritten to canonical prefixes (Strict OOXML has its own URIs).

const DOCX_XML: XmlDialect = {
  namespaces: {
    'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
    'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
    'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
    'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
    'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
    'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
    'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
    'urn:schemas-microsoft-com:vml': 'v',
  },
  // Text is kept only where WordprocessingML puts it; the whitespace between elements is noise.
  keepsText: (name) => name === 'w:t' || name === 'w:instrText',
};

const val = (element: XmlElement | undefined): string | undefined => element?.attrs['w:val'];

function numberVal(element: XmlElement | undefined, name = 'w:val'): number | undefined {
  const raw = attr(element, name);
  if (raw === undefined) return undefined;
  const n = Number.parseFloat(raw);
  return Number.isFinite(n) ? n : undefined;
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
  return parseOptionalXml(name === undefined ? undefined : parts.get(name), DOCX_XML);
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

const PAGE_FIELD_RE = /^\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b/i;
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

const EMU_PER_TWIP = 635;

/** A VML shape's width from its CSS-like style, in twips. */
function vmlWidth(style: string | undefined): number {
  const match = style === undefined ? null : /(?:^|;)\s*width:\s*([\d.]+(?:pt|in|cm|mm|px)?)/i.exec(style);
  return twipsOf(match?.[1]);
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

class DocxReader extends FlowReader {
  readonly #styles: StyleSheet;
  readonly #numbering: Numbering;
  #sectionChars = 0;
  readonly headerIds: string[] = [];
  readonly footerIds: string[] = [];
  /** The items of an imported part (altChunk) by its relationship id. */
  chunks: (id: string) => Item[] = () => [];

  constructor(styles: StyleSheet, numbering: Numbering, pageWidth: number) {
    super(pageWidth);
    this.#styles = styles;
    this.#numbering = numbering;
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
        case 'w:altChunk': {
          const id = attr(node, 'r:id');
          if (id !== undefined) append(out, this.chunks(id));
          break;
        }
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
      this.#sectionChars += this.countParagraph(lines, state.line.sizes, level === null && !look.title);
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
      this.readTextBox(element.children, width, out);
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
    this.readTable(this.#buildGrid(tbl), out);
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
        const cell = newCell(column, span, width, content);
        if (vMerge !== undefined) openVertical.set(column, cell);
        else openVertical.delete(column);
        row.push(cell);
        column += span;
      }
      rows.push(row);
    }
    return rows;
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

function readDocx(entries: Map<string, Buffer>): DocumentReading {
  const parts = new Parts(entries);
  const main = relationshipTarget(readRelationships(parts, ''), 'officeDocument') ?? 'word/document.xml';
  const data = parts.get(main);
  if (data === undefined) throw new ExtractionFailure('corrupt', `the DOCX has no ${main}`);
  const document = parseRequiredXml(data, main, DOCX_XML);
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
  reader.chunks = (id) => {
    const target = rels.get(id)?.target;
    const data = target === undefined ? undefined : parts.get(target);
    return data === undefined ? [] : chunkItems(data, target!);
  };
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
      addStoryOnce(story, seen, items);
    }
    return items;
  };
  const headerItems = readStories(reader.headerIds, 'header');
  const footerItems = readStories(reader.footerIds, 'footer');

  return writeReading(reader, [...headerItems, ...bodyItems, ...footerItems], styles.defaults.size);
}
