// ODT (OpenDocument text, LibreOffice Writer) read from its XML parts, content.xml and styles.xml,
// the way DOCX is read (docx-text.ts): page headers and footers of the page styles in use (where
// many CVs put the name), frames and shapes holding text, tables as layout or as rows, heading and
// title styles, lists as they print, tabs and line breaks. Deleted text kept for change tracking,
// notes and annotations are dropped. The text follows the convention of reading.ts.

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
  pushBlock,
  type TextLook,
  twipsOf,
  writeReading,
} from './flow-text.ts';
import type { DocumentReading } from './reading.ts';
import {
  attr,
  child,
  childrenNamed,
  isElement,
  parseOptionalXml,
  parseRequiredXml,
  type XmlDialect,
  type XmlElement,
  type XmlNode,
} from './xml-tree.ts';
import { readZipParts } from './zip.ts';

const CONTENT = 'content.xml';
const STYLES = 'styles.xml';
const MANIFEST = 'META-INF/manifest.xml';

export async function extractOdtText(buffer: Buffer): Promise<DocumentReading> {
  // One pass checks every entry's size and keeps the parts that carry text and its look; pictures,
  // thumbnails and settings are inflated for the check and dropped.
  const parts = await readZipParts(
    buffer,
    (name) => name === CONTENT || name === STYLES || name === MANIFEST,
  );
  return readOdt(parts);
}

// ---------------------------------------------------------------------------------------------
// XML

const ODF_XML: XmlDialect = {
  namespaces: {
    'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
    'urn:oasis:names:tc:opendocument:xmlns:style:1.0': 'style',
    'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
    'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
    'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
    'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0': 'fo',
    'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0': 'svg',
    'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0': 'manifest',
    'urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0': 'loext',
    'http://www.w3.org/XML/1998/namespace': 'xml',
  },
  // Text is content inside paragraphs and their spans, links and fields; elsewhere it is the
  // indentation of a hand-written file.
  keepsText: (name) => name.startsWith('text:'),
};

function intAttr(element: XmlElement | undefined, name: string): number | undefined {
  const n = Number.parseInt(attr(element, name) ?? '', 10);
  return Number.isFinite(n) ? n : undefined;
}

/** An attribute that may be a count ("repeated", "spanned"), held to a sane range: a hostile file
 *  can ask for a billion columns. */
function countAttr(element: XmlElement, name: string, max: number): number {
  return Math.min(Math.max(intAttr(element, name) ?? 1, 1), Math.max(max, 1));
}

// ---------------------------------------------------------------------------------------------
// Styles: a paragraph's or span's style chain (style:parent-style-name), automatic styles (in the
// part that uses them) before the common ones of styles.xml.

interface TextPatch {
  bold?: boolean;
  caps?: boolean;
  hidden?: boolean;
  /** in half-points */
  size?: number;
  /** a size given as a share of the inherited one ("120%") */
  sizeFactor?: number;
}

interface RunLook extends TextLook {
  hidden: boolean;
}

interface ParagraphLook {
  /** 0-based outline level (Heading 1 is 0), null for body text */
  level: number | null;
  /** the level is the style's outline level, not guessed from its name */
  outlined: boolean;
  title: boolean;
  run: RunLook;
  border: boolean;
  listStyle: string | undefined;
  masterPage: string | undefined;
}

interface ListLevel {
  /** a decimal number (style:num-format "1"), written as "3. " */
  decimal: boolean;
  /** a number format of "" with no prefix or suffix prints no marker at all */
  printsNothing: boolean;
  start: number;
}

function textPatch(props: XmlElement | undefined): TextPatch {
  const patch: TextPatch = {};
  if (props === undefined) return patch;
  const weight = attr(props, 'fo:font-weight');
  if (weight !== undefined) {
    const numeric = Number.parseInt(weight, 10);
    patch.bold = Number.isFinite(numeric) ? numeric >= 600 : weight === 'bold' || weight === 'bolder';
  }
  const size = attr(props, 'fo:font-size');
  if (size?.endsWith('%')) {
    const factor = Number.parseFloat(size) / 100;
    if (Number.isFinite(factor) && factor > 0) patch.sizeFactor = factor;
  } else {
    // 20 twips a point, two half-points a point.
    const halfPoints = twipsOf(size) / 10;
    if (halfPoints > 0) patch.size = halfPoints;
  }
  const transform = attr(props, 'fo:text-transform');
  if (transform !== undefined) patch.caps = transform === 'uppercase';
  const display = attr(props, 'text:display');
  if (display !== undefined) patch.hidden = display === 'none';
  return patch;
}

/** `patch` over `base`, a patch from a style further down the chain. */
function mergePatch(base: TextPatch, patch: TextPatch): TextPatch {
  const merged: TextPatch = { ...base, ...patch };
  if (patch.size !== undefined) delete merged.sizeFactor;
  else if (patch.sizeFactor !== undefined && base.size !== undefined) {
    merged.size = base.size * patch.sizeFactor;
    delete merged.sizeFactor;
  } else if (patch.sizeFactor !== undefined) merged.sizeFactor = (base.sizeFactor ?? 1) * patch.sizeFactor;
  return merged;
}

function applyPatch(look: RunLook, patch: TextPatch): RunLook {
  return {
    bold: patch.bold ?? look.bold,
    caps: patch.caps ?? look.caps,
    hidden: patch.hidden ?? look.hidden,
    size: patch.size ?? look.size * (patch.sizeFactor ?? 1),
  };
}

function hasRule(props: XmlElement | undefined): boolean {
  return ['fo:border', 'fo:border-top', 'fo:border-bottom'].some((name) => {
    const border = attr(props, name);
    return border !== undefined && !/\b(?:none|hidden)\b/.test(border);
  });
}

/** A style name as the user sees it: "Heading_20_1" is "Heading 1". */
function displayName(style: XmlElement): string {
  const name = attr(style, 'style:display-name') ?? attr(style, 'style:name') ?? '';
  return name.replace(/_([0-9a-f]{2})_/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

class OdtStyles {
  readonly #styles = new Map<string, XmlElement>();
  readonly #lists = new Map<string, XmlElement>();
  readonly #pageLayouts = new Map<string, XmlElement>();
  readonly #paragraphs = new Map<string, ParagraphLook>();
  readonly #texts = new Map<string, TextPatch>();
  readonly defaults: RunLook;

  /** `common` is office:styles, `automatic` the office:automatic-styles of the part being read. */
  constructor(common: XmlElement | undefined, automatic: XmlElement | undefined) {
    // Automatic styles win over common ones of the same name, so they are added last.
    for (const root of [common, automatic]) {
      for (const node of root?.children ?? []) {
        if (typeof node === 'string') continue;
        const name = attr(node, 'style:name');
        if (name === undefined) continue;
        if (node.name === 'style:style') this.#styles.set(`${attr(node, 'style:family')}:${name}`, node);
        else if (node.name === 'text:list-style') this.#lists.set(name, node);
        else if (node.name === 'style:page-layout') this.#pageLayouts.set(name, node);
      }
    }
    const defaultStyle = childrenNamed(common, 'style:default-style').find(
      (s) => attr(s, 'style:family') === 'paragraph',
    );
    // Without any size, LibreOffice prints 12 pt.
    const base: RunLook = { bold: false, caps: false, hidden: false, size: 24 };
    this.defaults = applyPatch(base, textPatch(child(defaultStyle, 'style:text-properties')));
  }

  /** The style and its parents, the style itself first. */
  #chain(family: string, name: string | undefined): XmlElement[] {
    const chain: XmlElement[] = [];
    const seen = new Set<string>();
    let next = name;
    while (next !== undefined && !seen.has(next) && chain.length < 20) {
      seen.add(next);
      const style = this.#styles.get(`${family}:${next}`);
      if (style === undefined) break;
      chain.push(style);
      next = attr(style, 'style:parent-style-name');
    }
    return chain;
  }

  #patch(chain: readonly XmlElement[]): TextPatch {
    let patch: TextPatch = {};
    for (const style of chain.toReversed()) {
      patch = mergePatch(patch, textPatch(child(style, 'style:text-properties')));
    }
    return patch;
  }

  paragraph(name: string | undefined): ParagraphLook {
    const key = name ?? '';
    const cached = this.#paragraphs.get(key);
    if (cached !== undefined) return cached;
    const chain = this.#chain('paragraph', name);
    let level: number | null = null;
    let outlined = false;
    for (const style of chain) {
      const outline = attr(style, 'style:default-outline-level');
      const named = HEADING_NAME_RE.exec(displayName(style));
      if (outline !== undefined && outline !== '') {
        const n = Number.parseInt(outline, 10);
        level = n >= 1 && n <= 10 ? n - 1 : null;
        outlined = true;
        break;
      }
      if (named !== null) {
        level = Number(named[1]) - 1;
        break;
      }
    }
    const first = (name: string) => chain.map((s) => attr(s, name)).find((v) => v !== undefined && v !== '');
    const look: ParagraphLook = {
      level,
      outlined,
      title: chain.some((s) => /^title$/i.test(displayName(s))),
      run: applyPatch(this.defaults, this.#patch(chain)),
      border: chain.some((s) => hasRule(child(s, 'style:paragraph-properties'))),
      listStyle: first('style:list-style-name'),
      masterPage: first('style:master-page-name'),
    };
    this.#paragraphs.set(key, look);
    return look;
  }

  /** The look of a span: its text style over the look of the text around it. */
  text(name: string | undefined, around: RunLook): RunLook {
    if (name === undefined) return around;
    let patch = this.#texts.get(name);
    if (patch === undefined) {
      patch = this.#patch(this.#chain('text', name));
      this.#texts.set(name, patch);
    }
    return applyPatch(around, patch);
  }

  /** How many columns a section's style sets its text in. */
  sectionColumns(name: string | undefined): number {
    const section = this.#chain('section', name)[0];
    const columns = child(child(section, 'style:section-properties'), 'style:columns');
    return intAttr(columns, 'fo:column-count') ?? 1;
  }

  tableMasterPage(name: string | undefined): string | undefined {
    return attr(this.#chain('table', name)[0], 'style:master-page-name') || undefined;
  }

  /** A table column's width in twips, or its relative width ("3*") when only that is given. */
  columnWidth(name: string | undefined): { twips: number; relative: number } {
    const props = child(this.#chain('table-column', name)[0], 'style:table-column-properties');
    return {
      twips: twipsOf(attr(props, 'style:column-width')),
      relative: Number.parseFloat(attr(props, 'style:rel-column-width') ?? '') || 0,
    };
  }

  /** A list style's level (0-based), or the first level when the style has no such level. */
  listLevel(name: string | undefined, level: number): ListLevel | undefined {
    const style = name === undefined ? undefined : this.#lists.get(name);
    if (style === undefined) return undefined;
    const levels = style.children.filter(isElement);
    const found =
      levels.find((l) => intAttr(l, 'text:level') === level + 1) ??
      levels.find((l) => intAttr(l, 'text:level') === 1);
    if (found === undefined) return undefined;
    const numbered = found.name === 'text:list-level-style-number';
    const format = attr(found, 'style:num-format') ?? '';
    const affixes = (attr(found, 'style:num-prefix') ?? '') + (attr(found, 'style:num-suffix') ?? '');
    return {
      decimal: numbered && format === '1',
      printsNothing: numbered && format === '' && affixes.trim() === '',
      start: intAttr(found, 'text:start-value') ?? 1,
    };
  }

  pageLayout(name: string | undefined): { width: number; columns: number } {
    const props = child(
      name === undefined ? undefined : this.#pageLayouts.get(name),
      'style:page-layout-properties',
    );
    return {
      // A4 when the document does not say.
      width: twipsOf(attr(props, 'fo:page-width')) || 11906,
      columns: intAttr(child(props, 'style:columns'), 'fo:column-count') ?? 1,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Page styles: which master pages the document prints on, for their headers and footers.

class PageStyles {
  readonly #masters = new Map<string, XmlElement>();
  readonly #styles: OdtStyles;
  readonly #fallback: string | undefined;
  /** the master pages used, in the order the document first uses them */
  readonly used: string[] = [];

  constructor(masterStyles: XmlElement | undefined, styles: OdtStyles) {
    this.#styles = styles;
    for (const page of childrenNamed(masterStyles, 'style:master-page')) {
      const name = attr(page, 'style:name');
      if (name !== undefined && !this.#masters.has(name)) this.#masters.set(name, page);
    }
    // A document that names no page style prints on "Standard", or on the first one there is.
    this.#fallback = this.#masters.has('Standard') ? 'Standard' : this.#masters.keys().next().value;
  }

  /** Notes a page style the document switches to; undefined is the default one. Each page style
   *  goes on to the one it names as next (a first page is followed by the others). */
  enter(name: string | undefined): void {
    let next = name !== undefined && this.#masters.has(name) ? name : this.#fallback;
    while (next !== undefined && !this.used.includes(next)) {
      this.used.push(next);
      next = attr(this.#masters.get(next), 'style:next-style-name');
      if (next !== undefined && !this.#masters.has(next)) next = undefined;
    }
  }

  layout(name: string | undefined): { width: number; columns: number } {
    const page = this.#masters.get(name ?? this.#fallback ?? '') ?? this.#masters.get(this.#fallback ?? '');
    return this.#styles.pageLayout(attr(page, 'style:page-layout-name'));
  }

  /** The headers (or footers) of a page style that print: the first page's own, then the others'.
   *  Left (even) pages' own ones are not read, as DOCX even-page headers are not. */
  stories(name: string, kind: 'header' | 'footer'): XmlElement[] {
    const page = this.#masters.get(name);
    return [
      child(page, `style:${kind}-first`) ?? child(page, `loext:${kind}-first`),
      child(page, `style:${kind}`),
    ]
      .filter((story): story is XmlElement => story !== undefined)
      .filter((story) => attr(story, 'style:display') !== 'false');
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Inline elements that print nothing a reader sees: notes (printed elsewhere, if at all), the
 *  cached number of a list item, change-tracking marks (the deleted text sits in
 *  text:tracked-changes), template prompts never filled in, scripts. */
const SILENT_INLINE = new Set([
  'text:note',
  'text:number',
  'text:change',
  'text:change-start',
  'text:change-end',
  'text:placeholder',
  'text:script',
  'text:soft-page-break',
]);
const PAGE_FIELDS = new Set(['text:page-number', 'text:page-count', 'text:page-continuation']);
/** Containers whose content is read as blocks where they stand: indexes (their body, not the
 *  template that makes it), numbered paragraphs. */
const BLOCK_CONTAINERS = new Set([
  'text:index-body',
  'text:index-title',
  'text:table-of-content',
  'text:illustration-index',
  'text:table-index',
  'text:object-index',
  'text:user-index',
  'text:alphabetical-index',
  'text:bibliography',
  'text:numbered-paragraph',
]);
const SHAPE_TEXT = new Set(['text:p', 'text:h', 'text:list']);
// Writer's tables stay far below these; a file past them is built to exhaust the reader.
const MAX_TABLE_COLUMNS = 1024;
const MAX_SPAN_TRACKED = 64;

/** A list being read: its style, its level (0-based) and the counts it shares with its sublists. */
interface ListContext {
  style: string | undefined;
  level: number;
  counters: number[];
}

interface InlineState {
  line: LineBuilder;
  boxes: Item[];
}

class OdtReader extends FlowReader {
  #styles: OdtStyles;
  readonly #pages: PageStyles;
  #pageColumns = false;
  #columnSections = 0;
  /** the counts of each list by its xml:id, and of the last list of each style, for lists that
   *  continue another's numbering */
  readonly #listsById = new Map<string, number[]>();
  readonly #listsByStyle = new Map<string, number[]>();

  constructor(styles: OdtStyles, pages: PageStyles, firstPage: string | undefined) {
    const layout = pages.layout(firstPage);
    super(layout.width);
    this.#styles = styles;
    this.#pages = pages;
    this.#printOn(firstPage);
  }

  /** Headers and footers use the automatic styles of styles.xml, not those of content.xml. */
  readStories(styles: OdtStyles, kind: 'header' | 'footer', seen: Set<string>): Item[] {
    this.#styles = styles;
    this.part = kind;
    const items: Item[] = [];
    for (const page of this.#pages.used) {
      for (const story of this.#pages.stories(page, kind)) {
        const read: Item[] = [];
        this.readBlocks(story.children, read);
        addStoryOnce(read, seen, items);
      }
    }
    return items;
  }

  #printOn(name: string | undefined): void {
    if (this.part !== 'body') return;
    this.#pages.enter(name);
    this.#pageColumns = this.#pages.layout(name).columns >= 2;
  }

  readBlocks(nodes: readonly XmlNode[], out: Item[]): void {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      switch (node.name) {
        case 'text:p':
        case 'text:h':
          this.#readParagraph(node, out, undefined);
          break;
        case 'text:list':
          this.#readList(node, out, undefined);
          break;
        case 'table:table':
          this.#readTable(node, out);
          break;
        case 'text:section':
          this.#readSection(node, out);
          break;
        case 'text:tracked-changes':
          // What was deleted while changes were tracked: no longer printed.
          break;
        default:
          if (BLOCK_CONTAINERS.has(node.name)) this.readBlocks(node.children, out);
          else if (node.name.startsWith('draw:')) this.#readDrawing(node, out);
      }
    }
  }

  #readSection(section: XmlElement, out: Item[]): void {
    if (attr(section, 'text:display') === 'none') return;
    const columns = this.#styles.sectionColumns(attr(section, 'text:style-name')) >= 2;
    if (columns) this.#columnSections++;
    try {
      this.readBlocks(section.children, out);
    } finally {
      if (columns) this.#columnSections--;
    }
  }

  #readList(list: XmlElement, out: Item[], parent: ListContext | undefined): void {
    const style = attr(list, 'text:style-name') ?? parent?.style;
    let counters = parent?.counters;
    if (counters === undefined) {
      const continued = attr(list, 'text:continue-list');
      counters =
        (continued !== undefined ? this.#listsById.get(continued) : undefined) ??
        (attr(list, 'text:continue-numbering') === 'true'
          ? this.#listsByStyle.get(style ?? '')
          : undefined) ??
        [];
      const id = attr(list, 'xml:id');
      if (id !== undefined) this.#listsById.set(id, counters);
      this.#listsByStyle.set(style ?? '', counters);
    }
    const context: ListContext = { style, level: parent === undefined ? 0 : parent.level + 1, counters };
    for (const item of list.children) {
      if (typeof item === 'string') continue;
      // A list header is part of the list but carries no marker.
      const numbered = item.name === 'text:list-item';
      if (!numbered && item.name !== 'text:list-header') continue;
      let first = true;
      for (const node of item.children) {
        if (typeof node === 'string') continue;
        if (node.name === 'text:list') this.#readList(node, out, context);
        else if ((node.name === 'text:p' || node.name === 'text:h') && first && numbered) {
          const start = intAttr(item, 'text:start-value');
          this.#readParagraph(node, out, (look) => this.#marker(context, look.listStyle, start));
        } else this.readBlocks([node], out);
        first = false;
      }
    }
  }

  /** The marker a list item is written with ("- " or "3. "), or null when it prints none. */
  #marker(
    list: ListContext,
    paragraphListStyle: string | undefined,
    startValue: number | undefined,
  ): string | null {
    const level = this.#styles.listLevel(list.style ?? paragraphListStyle, list.level);
    const { counters } = list;
    // An item restarts the count of every deeper level.
    counters.length = Math.min(counters.length, list.level + 1);
    const n = startValue ?? (counters[list.level] ?? (level?.start ?? 1) - 1) + 1;
    counters[list.level] = n;
    // A list whose style is missing is still a list in the author's mind.
    if (level === undefined) return '- ';
    if (level.printsNothing) return null;
    return level.decimal ? `${n}. ` : '- ';
  }

  #readParagraph(
    p: XmlElement,
    out: Item[],
    marker: ((look: ParagraphLook) => string | null) | undefined,
  ): void {
    const look = this.#styles.paragraph(attr(p, 'text:style-name'));
    if (look.masterPage !== undefined) this.#printOn(look.masterPage);
    const hidden = childrenNamed(p, 'text:hidden-paragraph').some(
      (h) => attr(h, 'text:is-hidden') === 'true',
    );
    const state: InlineState = { line: new LineBuilder(), boxes: [] };
    if (!hidden) this.#readInline(p.children, look.run, state);
    const { lines, bold, caps, size } = state.line.finish();
    // A paragraph in a style with an outline level is a heading only as text:h: LibreOffice writes
    // one the author set to body text as text:p (and in DOCX as outline level 9, body text). A style
    // without an outline level (Word's, converted) is a heading by its name, as in DOCX.
    const level = p.name === 'text:h' ? headingLevel(p, look) : look.outlined ? null : look.level;

    if (state.boxes.length > 0) pushBlock(out, state.boxes);
    if (lines.length === 0) {
      // An empty paragraph is space between blocks; one that held only a page number is not.
      if (!state.line.hadPageField) out.push(GAP);
      return;
    }
    const printed = marker === undefined ? null : marker(look);
    const para: Para = {
      kind: 'para',
      lines,
      level,
      title: look.title,
      list: printed !== null,
      marker: printed ?? '- ',
      bold,
      caps,
      size,
      border: look.border,
      part: this.part,
    };
    out.push(para);
    const chars = this.countParagraph(lines, state.line.sizes, level === null && !look.title);
    if (this.#pageColumns || this.#columnSections > 0) this.multiColumnChars += chars;
  }

  #readInline(nodes: readonly XmlNode[], look: RunLook, state: InlineState): void {
    const { line } = state;
    for (const node of nodes) {
      if (typeof node === 'string') {
        // In ODF, tabs and line ends in the text are white space; text:tab and text:line-break print.
        if (!look.hidden) line.text(node.replace(/[\t\n\r]/g, ' '), look);
        continue;
      }
      switch (node.name) {
        case 'text:s':
          // However many spaces, the convention writes one.
          if (!look.hidden) line.text(' ', look);
          break;
        case 'text:tab':
          if (!look.hidden) line.tab();
          break;
        case 'text:line-break':
          if (!look.hidden) line.newline();
          break;
        case 'text:span':
          this.#readInline(node.children, this.#styles.text(attr(node, 'text:style-name'), look), state);
          break;
        case 'text:ruby':
          this.#readInline(child(node, 'text:ruby-base')?.children ?? [], look, state);
          break;
        default:
          if (PAGE_FIELDS.has(node.name)) line.markPageField();
          else if (node.name.startsWith('draw:')) this.#readDrawing(node, state.boxes);
          // Links, fields (a date, the author, a text input) and other marks print their content.
          else if (node.name.startsWith('text:') && !SILENT_INLINE.has(node.name))
            this.#readInline(node.children, look, state);
        // Annotations (office:annotation) are comments, not part of the CV.
      }
    }
  }

  /** Text in a frame or a shape, read once as its own block. */
  #readDrawing(element: XmlElement, out: Item[]): void {
    if (element.name === 'draw:frame') {
      // A frame's children are alternatives of one content (an object and its picture); only a
      // text box holds text.
      const box = child(element, 'draw:text-box');
      if (box !== undefined) this.readTextBox(box.children, this.#widthOf(element, box), out);
      return;
    }
    if (element.name === 'draw:g' || element.name === 'draw:a') {
      for (const node of element.children) if (typeof node !== 'string') this.#readDrawing(node, out);
      return;
    }
    // A shape (a rectangle, Word's text box converted) holds its text directly.
    if (element.children.some((n) => typeof n !== 'string' && SHAPE_TEXT.has(n.name))) {
      this.readTextBox(element.children, this.#widthOf(element, undefined), out);
    }
  }

  #widthOf(shape: XmlElement, box: XmlElement | undefined): number {
    const relative = Number.parseFloat(attr(shape, 'style:rel-width') ?? '');
    return (
      twipsOf(attr(shape, 'svg:width')) ||
      (Number.isFinite(relative) ? (relative / 100) * this.pageWidth : 0) ||
      twipsOf(attr(box, 'fo:min-width'))
    );
  }

  #readTable(table: XmlElement, out: Item[]): void {
    const masterPage = this.#styles.tableMasterPage(attr(table, 'table:style-name'));
    if (masterPage !== undefined) this.#printOn(masterPage);
    this.readTable(this.#buildGrid(table), out);
  }

  /** Cells with their grid position and width. A cell spanning rows or columns leaves covered cells
   *  in its place; whatever they hold is read with it. Repeated rows and cells are read once. */
  #buildGrid(table: XmlElement): Cell[][] {
    const widths = this.#columnWidths(table);
    const rows: Cell[][] = [];
    // For each column, the cell spanning down over it and the last row it covers.
    const spanningDown = new Map<number, { cell: Cell; lastRow: number }>();
    const tableRows = rowsOf(table);
    for (const [r, tr] of tableRows.entries()) {
      const row: Cell[] = [];
      let column = 0;
      for (const tc of tr.children) {
        if (typeof tc === 'string') continue;
        if (tc.name !== 'table:table-cell' && tc.name !== 'table:covered-table-cell') continue;
        const repeated = countAttr(tc, 'table:number-columns-repeated', MAX_TABLE_COLUMNS);
        const content = tc.children;
        if (tc.name === 'table:covered-table-cell') {
          const above = spanningDown.get(column);
          const left = row[row.length - 1];
          const owner =
            above !== undefined && above.lastRow >= r
              ? above.cell
              : left !== undefined && column < left.start + left.span
                ? left
                : undefined;
          if (owner !== undefined) append(owner.content, content);
          column += repeated;
          continue;
        }
        const span = countAttr(tc, 'table:number-columns-spanned', MAX_TABLE_COLUMNS);
        const down = countAttr(tc, 'table:number-rows-spanned', tableRows.length - r);
        const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
        const cell = newCell(column, span, width, content);
        if (down > 1) {
          for (let c = column; c < column + Math.min(span, MAX_SPAN_TRACKED); c++) {
            spanningDown.set(c, { cell, lastRow: r + down - 1 });
          }
        }
        row.push(cell);
        // The columns it spans are each taken by a covered cell that follows it.
        column += repeated;
      }
      rows.push(row);
    }
    return rows;
  }

  /** Each column's width in twips; relative widths shared out over the page when that is all
   *  there is. */
  #columnWidths(table: XmlElement): number[] {
    const columns: { twips: number; relative: number }[] = [];
    const collect = (element: XmlElement) => {
      for (const node of element.children) {
        if (typeof node === 'string') continue;
        if (node.name === 'table:table-column') {
          const width = this.#styles.columnWidth(attr(node, 'table:style-name'));
          const repeated = countAttr(
            node,
            'table:number-columns-repeated',
            MAX_TABLE_COLUMNS - columns.length,
          );
          for (let i = 0; i < repeated && columns.length < MAX_TABLE_COLUMNS; i++) columns.push(width);
        } else if (node.name === 'table:table-columns' || node.name === 'table:table-header-columns')
          collect(node);
        else if (node.name === 'table:table-column-group') collect(node);
      }
    };
    collect(table);
    if (columns.every((c) => c.twips > 0)) return columns.map((c) => c.twips);
    const total = columns.reduce((n, c) => n + c.relative, 0);
    return columns.map((c) => (total > 0 ? (c.relative / total) * this.pageWidth : 0));
  }
}

function headingLevel(h: XmlElement, look: ParagraphLook): number | null {
  const outline = intAttr(h, 'text:outline-level') ?? (look.level !== null ? look.level + 1 : 1);
  return outline >= 1 && outline <= 10 ? outline - 1 : null;
}

/** The rows of a table, through header rows and row groups. */
function rowsOf(element: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (const node of element.children) {
    if (typeof node === 'string') continue;
    if (node.name === 'table:table-row') out.push(node);
    else if (
      node.name === 'table:table-header-rows' ||
      node.name === 'table:table-rows' ||
      node.name === 'table:table-row-group'
    )
      rowsOf(node, out);
  }
  return out;
}

/** The style of the first paragraph or table of the body, which names the first page's style. */
function firstBlockStyle(nodes: readonly XmlNode[], styles: OdtStyles): string | undefined {
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    if (node.name === 'text:p' || node.name === 'text:h') {
      return styles.paragraph(attr(node, 'text:style-name')).masterPage;
    }
    if (node.name === 'table:table') return styles.tableMasterPage(attr(node, 'table:style-name'));
    if (node.name === 'text:list' || node.name === 'text:list-item' || node.name === 'text:section') {
      return firstBlockStyle(node.children, styles);
    }
  }
  return undefined;
}

function isPageAnchored(node: XmlNode): node is XmlElement {
  return (
    typeof node !== 'string' && node.name.startsWith('draw:') && attr(node, 'text:anchor-type') === 'page'
  );
}

/**
 * The body's blocks in reading order. Frames anchored to the page have no place in the text
 * (LibreOffice writes them first, in their stacking order): they are read first, from the top of
 * the page down, then left to right.
 */
function inReadingOrder(nodes: readonly XmlNode[]): XmlNode[] {
  const position = (frame: XmlElement) => [
    intAttr(frame, 'text:anchor-page-number') ?? 1,
    twipsOf(attr(frame, 'svg:y')),
    twipsOf(attr(frame, 'svg:x')),
  ];
  const frames = nodes.filter(isPageAnchored).map((frame) => ({ frame, at: position(frame) }));
  frames.sort((a, b) => a.at.map((v, i) => v - (b.at[i] ?? 0)).find((d) => d !== 0) ?? 0);
  return [...frames.map((f) => f.frame), ...nodes.filter((n) => !isPageAnchored(n))];
}

function isEncrypted(manifest: XmlElement | undefined): boolean {
  return childrenNamed(manifest, 'manifest:file-entry').some(
    (entry) => attr(entry, 'manifest:full-path') === CONTENT && child(entry, 'manifest:encryption-data'),
  );
}

function readOdt(parts: Map<string, Buffer>): DocumentReading {
  if (isEncrypted(parseOptionalXml(parts.get(MANIFEST), ODF_XML))) {
    throw new ExtractionFailure('encrypted', 'the ODT is protected by a password');
  }
  const data = parts.get(CONTENT);
  if (data === undefined) throw new ExtractionFailure('corrupt', `the ODT has no ${CONTENT}`);
  const content = parseRequiredXml(data, CONTENT, ODF_XML);
  const body = child(child(content, 'office:body'), 'office:text');
  if (body === undefined) throw new ExtractionFailure('corrupt', `${CONTENT} has no office:text`);
  const stylesPart = parseOptionalXml(parts.get(STYLES), ODF_XML);
  const common = child(stylesPart, 'office:styles');
  const bodyStyles = new OdtStyles(common, child(content, 'office:automatic-styles'));
  const pageStyles = new OdtStyles(common, child(stylesPart, 'office:automatic-styles'));
  const pages = new PageStyles(child(stylesPart, 'office:master-styles'), pageStyles);

  const reader = new OdtReader(bodyStyles, pages, firstBlockStyle(body.children, bodyStyles));
  const bodyItems: Item[] = [];
  reader.readBlocks(inReadingOrder(body.children), bodyItems);
  const seen = new Set<string>();
  const headerItems = reader.readStories(pageStyles, 'header', seen);
  const footerItems = reader.readStories(pageStyles, 'footer', seen);
  return writeReading(reader, [...headerItems, ...bodyItems, ...footerItems], bodyStyles.defaults.size);
}
