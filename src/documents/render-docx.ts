// The improved CV as a Word document, from the same block model as the PDF, so that both say the
// same thing. Word lays the text out itself; this file decides structure (real headings, real
// lists, real hyperlinks) so the document stays editable, and leaves fonts to the reader's Word.

import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type Block, type ListItem, parseCvMarkdown, type Run, runsText } from './cv-markdown.ts';
import type { PageSize, RenderCvInput } from './render-pdf.ts';

export interface RenderCvDocxInput extends RenderCvInput {
  /** Defaults to `A4`. */
  pageSize?: PageSize;
}

const FONT = 'Calibri';
const MONO = 'Consolas';
const ACCENT = '1D4E89';
const RULE = 'C9D1D9';
/** Twips (1/20 pt) in a centimetre. */
const CM = 567;
/** Page width and height in twips. */
const PAGE_TWIPS: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const BULLETS = 'cv-bullets';
const BULLET_GLYPHS = ['•', '◦', '▪'];
const MAX_LEVEL = 8;

/** Left indent of list text, in cm: room for a marker as wide as "10." before it. */
const listIndent = (level: number) => 0.7 + level * 0.6;

function listLevels(format: (typeof LevelFormat)[keyof typeof LevelFormat], start = 1): ILevelsOptions[] {
  return Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
    level,
    format,
    start,
    text:
      format === LevelFormat.BULLET ? (BULLET_GLYPHS[level % BULLET_GLYPHS.length] ?? '•') : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: {
      paragraph: { indent: { left: Math.round(listIndent(level) * CM), hanging: Math.round(0.5 * CM) } },
    },
  }));
}

function runs(items: readonly Run[]): ParagraphChild[] {
  return items.map((run) => {
    const lines = run.text.split('\n');
    const text = new TextRun({
      children: lines.flatMap((line, index) => (index === 0 ? [line] : [new TextRun({ break: 1 }), line])),
      bold: run.bold,
      italics: run.italic,
      strike: run.strike,
      font: run.code ? MONO : undefined,
      style: run.href === undefined ? undefined : 'Hyperlink',
    });
    return run.href === undefined ? text : new ExternalHyperlink({ link: run.href, children: [text] });
  });
}

interface Context {
  /** Level of the list the blocks are in, for their indent. */
  listLevel?: number;
  quote?: boolean;
}

/** Walks the block model, collecting the numbering each ordered list needs (its own, to restart). */
class DocxWriter {
  readonly orderedLists: { reference: string; levels: ILevelsOptions[] }[] = [];

  blocks(nodes: readonly Block[], context: Context = {}): (Paragraph | Table)[] {
    return nodes.flatMap((node) => this.block(node, context));
  }

  block(node: Block, context: Context): (Paragraph | Table)[] {
    const left =
      (context.listLevel === undefined ? 0 : listIndent(context.listLevel)) + (context.quote ? 0.5 : 0);
    const frame = {
      indent: left > 0 ? { left: Math.round(left * CM) } : undefined,
      border: context.quote
        ? { left: { style: BorderStyle.SINGLE, size: 12, color: RULE, space: 8 } }
        : undefined,
    };
    switch (node.kind) {
      case 'heading':
        return [
          new Paragraph({ heading: HEADINGS[node.level - 1], keepNext: true, children: runs(node.runs) }),
        ];
      case 'paragraph':
        return [new Paragraph({ ...frame, children: runs(node.runs) })];
      case 'list': {
        const level = context.listLevel === undefined ? 0 : Math.min(context.listLevel + 1, MAX_LEVEL);
        return this.list(node, level, context);
      }
      case 'quote':
        return this.blocks(node.blocks, { ...context, quote: true });
      case 'code':
        return [
          new Paragraph({
            ...frame,
            shading: { fill: 'F3F5F7' },
            children: runs([{ text: node.text, code: true }]),
          }),
        ];
      case 'rule':
        return [
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 1 } },
          }),
        ];
      case 'table':
        return [this.table(node.header, node.rows)];
    }
  }

  list(node: Extract<Block, { kind: 'list' }>, level: number, context: Context): (Paragraph | Table)[] {
    let reference = BULLETS;
    if (node.ordered) {
      reference = `cv-ordered-${this.orderedLists.length + 1}`;
      this.orderedLists.push({ reference, levels: listLevels(LevelFormat.DECIMAL, node.start) });
    }
    return node.items.flatMap((item) => this.listItem(item, reference, level, context));
  }

  listItem(item: ListItem, reference: string, level: number, context: Context): (Paragraph | Table)[] {
    const [first, ...rest] = item.blocks;
    const checkbox: Run[] = item.checked === undefined ? [] : [{ text: item.checked ? '☑ ' : '☐ ' }];
    const firstRuns =
      first !== undefined && (first.kind === 'paragraph' || first.kind === 'heading') ? first.runs : [];
    const head = new Paragraph({
      numbering: { reference, level },
      children: runs([...checkbox, ...firstRuns]),
    });
    const remaining = firstRuns.length > 0 || first === undefined ? rest : item.blocks;
    return [head, ...this.blocks(remaining, { ...context, listLevel: level })];
  }

  table(header: Run[][], rows: Run[][][]): Table {
    const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
    const row = (cells: Run[][], isHeader: boolean) =>
      new TableRow({
        tableHeader: isHeader,
        cantSplit: true,
        children: cells.map(
          (cell) =>
            new TableCell({
              shading: isHeader ? { fill: 'F3F5F7' } : undefined,
              borders: { top: border, bottom: border, left: border, right: border },
              children: [
                new Paragraph({
                  children: runs(isHeader ? cell.map((r) => ({ ...r, bold: true as const })) : cell),
                }),
              ],
            }),
        ),
      });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
    });
  }
}

function documentTitle(nodes: readonly Block[], title: string | undefined): string {
  if (title?.trim()) return title.trim();
  const heading = nodes.find((node) => node.kind === 'heading');
  return heading?.kind === 'heading' ? runsText(heading.runs).trim() || 'CV' : 'CV';
}

/** Renders a CV written in markdown as a DOCX (A4 or Letter, real headings, lists and hyperlinks). */
export async function renderCvDocx({ markdown, title, pageSize = 'A4' }: RenderCvDocxInput): Promise<Buffer> {
  const page = PAGE_TWIPS[pageSize];
  if (page === undefined) throw new RangeError('pageSize must be A4 or Letter');
  const nodes = parseCvMarkdown(markdown);
  const writer = new DocxWriter();
  const children = writer.blocks(nodes);
  const name = documentTitle(nodes, title);
  const heading = (size: number, color = ACCENT) => ({
    run: { font: FONT, size, bold: true, color },
    paragraph: { spacing: { before: 200, after: 80 } },
  });
  const document = new Document({
    title: name,
    creator: 'CV Improver',
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 }, paragraph: { spacing: { after: 80, line: 264 } } },
        heading1: heading(40, '1F2328'),
        heading2: {
          ...heading(26),
          paragraph: {
            spacing: { before: 280, after: 100 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 2 } },
          },
        },
        heading3: heading(23, '1F2328'),
        heading4: heading(21, '1F2328'),
        heading5: heading(21, '5C6670'),
        heading6: heading(19, '5C6670'),
        hyperlink: { run: { color: ACCENT, underline: {} } },
      },
    },
    numbering: {
      config: [{ reference: BULLETS, levels: listLevels(LevelFormat.BULLET) }, ...writer.orderedLists],
    },
    sections: [
      {
        properties: {
          page: {
            size: page,
            margin: { top: 2 * CM, bottom: 2 * CM, left: 2 * CM, right: 2 * CM },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                    size: 16,
                    color: '5C6670',
                  }),
                ],
              }),
            ],
          }),
        },
        children: children.length > 0 ? children : [new Paragraph('')],
      },
    ],
  });
  return Packer.toBuffer(document);
}
