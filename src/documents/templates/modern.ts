// The modern look: a narrow tinted sidebar with the contact details, skills, languages and
// certificates, beside a wide main column with the name, summary, experience, education and
// projects. The tint is drawn on every page, so a second page keeps the same frame.

import { Text, View } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { SectionKey } from '../../analysis/lexicon.ts';
import { type Block, type Run, runsText } from '../cv-markdown.ts';
import type { OutlineSection } from './cv-outline.ts';
import { type PdfTemplateLayout, plainEntryHead, sectionFlow, type TemplateContext } from './flow.ts';
import { type BlockStyles, blockStyles, PdfBlocks } from './pdf-blocks.ts';
import { splitRunsBy } from './runs.ts';
import { COLORS, type Theme } from './theme.ts';

const h = createElement;

const SIDEBAR_WIDTH = 172;
const SIDEBAR_PADDING = 16;
const MAIN_PADDING_LEFT = 24;
const MAIN_PADDING_RIGHT = 36;

const SIDEBAR_SECTIONS: ReadonlySet<SectionKey> = new Set([
  'skills',
  'languages',
  'certificates',
  'interests',
]);
// Pieces of a contact line: "Berlin · jane@example.com | +49 151 …".
const CONTACT_SEPARATOR_RE = /\s+[·|•]\s+|\s+[—–]\s+/gu;
// A header paragraph longer than this is prose (an introduction), not a line of contact details.
const MAX_CONTACT_LINE = 240;

interface Header {
  /** Bold lines under the name: the person's title. */
  tagline: Run[][];
  /** One contact detail each: email, phone, place, a profile link. */
  contact: Run[][];
  /** Anything else above the first section; it stays in the main column. */
  other: Block[];
}

const isBoldPiece = (piece: readonly Run[]) =>
  piece.every((run) => run.text.trim() === '' || run.bold === true);

function splitHeader(blocks: readonly Block[]): Header {
  const header: Header = { tagline: [], contact: [], other: [] };
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || runsText(block.runs).length > MAX_CONTACT_LINE) {
      header.other.push(block);
      continue;
    }
    // Hard line breaks (`<br>`) and separators both end a piece.
    const pieces = splitRunsBy(block.runs, /\n/g).flatMap((line) => splitRunsBy(line, CONTACT_SEPARATOR_RE));
    for (const piece of pieces.filter((p) => runsText(p).trim() !== '')) {
      if (isBoldPiece(piece) && header.contact.length === 0) header.tagline.push(piece);
      else header.contact.push(piece);
    }
  }
  return header;
}

function sidebarStyles(styles: BlockStyles, theme: Theme) {
  const small = theme.size(8.5);
  const line = theme.leading(small);
  return {
    ...styles,
    h2: {
      fontSize: theme.size(10.5),
      lineHeight: theme.leading(theme.size(10.5), 1.3),
      fontWeight: 'bold',
      color: COLORS.accent,
      marginTop: theme.gap(14),
      marginBottom: theme.gap(5),
      paddingBottom: 2,
      borderBottomWidth: 0.75,
      borderBottomColor: COLORS.rule,
    },
    h3: { ...styles.h4, fontSize: small, lineHeight: theme.leading(small, 1.3) },
    text: { lineHeight: line, fontSize: small },
    paragraph: { lineHeight: line, fontSize: small, marginBottom: theme.gap(4) },
    marker: { ...styles.marker, width: theme.size(10), fontSize: small, lineHeight: line },
    orderedMarker: { ...styles.orderedMarker, fontSize: small, lineHeight: line },
    listItem: { flexDirection: 'row', marginBottom: theme.gap(3) },
  } as const;
}

function sidebar(context: TemplateContext, styles: BlockStyles, header: Header, sections: OutlineSection[]) {
  const side = new PdfBlocks(sidebarStyles(styles, context.theme) as unknown as BlockStyles);
  const contactLine = side.styles.paragraph;
  const contact = header.contact.map((piece) =>
    side.line(piece, { ...contactLine, marginBottom: context.theme.gap(3) }),
  );
  const head = plainEntryHead(side);
  return h(
    View,
    { style: { width: SIDEBAR_WIDTH, paddingHorizontal: SIDEBAR_PADDING } },
    ...contact,
    ...sections.flatMap((section) => sectionFlow(side, section, side.heading(section.heading), head)),
  );
}

function mainColumn(pdf: PdfBlocks, context: TemplateContext, header: Header, sections: OutlineSection[]) {
  const { outline, theme } = context;
  const tagline = header.tagline.map((piece) =>
    pdf.line(
      piece.map((run) => ({ ...run, bold: undefined })),
      { fontSize: theme.size(12), lineHeight: theme.leading(theme.size(12), 1.3), color: COLORS.accent },
    ),
  );
  const head = plainEntryHead(pdf);
  const children: ReactElement[] = [
    ...(outline.name === null ? [] : [pdf.heading(outline.name)]),
    ...tagline,
    ...pdf.blocks(header.other, false),
    ...sections.flatMap((section) => sectionFlow(pdf, section, pdf.heading(section.heading), head)),
  ];
  return h(
    View,
    { style: { flex: 1, paddingLeft: MAIN_PADDING_LEFT, paddingRight: MAIN_PADDING_RIGHT } },
    ...children,
  );
}

function pageNumber(styles: BlockStyles, context: TemplateContext): ReactElement {
  return h(Text, {
    style: {
      position: 'absolute',
      bottom: Math.round(context.theme.margins.bottom * 0.45),
      right: MAIN_PADDING_RIGHT,
      fontSize: styles.footer.fontSize,
      color: COLORS.muted,
    },
    fixed: true,
    render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => {
      context.countPages(totalPages);
      return `${pageNumber} / ${totalPages}`;
    },
  });
}

export const modern: PdfTemplateLayout = {
  base: {
    body: 9.5,
    headings: [22, 12, 10, 9.5, 9.5, 9],
    leading: 1.4,
    gaps: 0.85,
    margins: { top: 38, bottom: 48, horizontal: 0 },
  },
  page(context) {
    const styles = blockStyles(context.theme);
    const pdf = new PdfBlocks(styles);
    const header = splitHeader(context.outline.header);
    const inSidebar = (section: OutlineSection) => section.key !== null && SIDEBAR_SECTIONS.has(section.key);
    const background = h(View, {
      fixed: true,
      style: {
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: 0,
        width: SIDEBAR_WIDTH,
        backgroundColor: COLORS.sidebar,
      },
    });
    const columns = h(
      View,
      { style: { flexDirection: 'row' } },
      sidebar(context, styles, header, context.outline.sections.filter(inSidebar)),
      mainColumn(
        pdf,
        context,
        header,
        context.outline.sections.filter((section) => !inSidebar(section)),
      ),
    );
    return {
      style: { ...styles.page, paddingHorizontal: 0 },
      children: [background, columns, pageNumber(styles, context)],
    };
  },
};
