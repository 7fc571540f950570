// The improved CV as an A4 PDF, laid out by @react-pdf/renderer from the block model of
// cv-markdown.ts. Built with createElement (Node's type stripping cannot compile JSX). Fonts come
// from assets/fonts (DejaVu Sans: Latin Extended, Greek and Cyrillic), so nothing is fetched and
// names such as "Zoë Müller-Łukasiewicz" render as real glyphs.

import { fileURLToPath } from 'node:url';
import { Document, Font, Link, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { type Block, type ListItem, parseCvMarkdown, type Run, runsText } from './cv-markdown.ts';

export interface RenderCvInput {
  markdown: string;
  /** Document title (PDF metadata); defaults to the first heading. */
  title?: string;
}

const h = createElement;

const FONT = 'DejaVu Sans';
const MONO = 'DejaVu Sans Mono';
const font = (file: string) => fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));

let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  Font.register({
    family: FONT,
    fonts: [
      { src: font('DejaVuSans.ttf') },
      { src: font('DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
      { src: font('DejaVuSans-Oblique.ttf'), fontStyle: 'italic' },
      { src: font('DejaVuSans-BoldOblique.ttf'), fontWeight: 'bold', fontStyle: 'italic' },
    ],
  });
  Font.register({ family: MONO, src: font('DejaVuSansMono.ttf') });
  // The default hyphenator splits names and technical terms ("Post-greSQL"): words stay whole,
  // except at the break points `breakable` put into long URLs.
  Font.registerHyphenationCallback((word) => (word.includes(BREAK) ? word.split(BREAK_SPLIT) : [word]));
}

const INK = '#1f2328';
const ACCENT = '#1d4e89';
const MUTED = '#5c6670';
const RULE = '#c9d1d9';
const BODY_SIZE = 10;
// Line heights are given in points: a unitless factor on a Text is not applied to its own font size
// by this version of react-pdf (1.45 came out as about 2.6 lines).
const leading = (fontSize: number, factor: number) => `${Math.round(fontSize * factor * 10) / 10}pt`;
const LINE_HEIGHT = leading(BODY_SIZE, 1.45);

const styles = StyleSheet.create({
  page: {
    fontFamily: FONT,
    fontSize: BODY_SIZE,
    color: INK,
    paddingTop: 50,
    paddingBottom: 60,
    paddingHorizontal: 56,
  },
  h1: { fontSize: 22, fontWeight: 'bold', lineHeight: leading(22, 1.2), marginBottom: 6, color: INK },
  h2: {
    lineHeight: leading(13, 1.3),
    fontSize: 13,
    fontWeight: 'bold',
    color: ACCENT,
    marginTop: 14,
    marginBottom: 6,
    paddingBottom: 2,
    borderBottomWidth: 0.75,
    borderBottomColor: RULE,
  },
  h3: { lineHeight: leading(11, 1.3), fontSize: 11, fontWeight: 'bold', marginTop: 9, marginBottom: 3 },
  h4: { lineHeight: leading(10, 1.3), fontSize: 10, fontWeight: 'bold', marginTop: 7, marginBottom: 2 },
  h5: {
    lineHeight: leading(10, 1.3),
    fontSize: 10,
    fontWeight: 'bold',
    fontStyle: 'italic',
    marginTop: 6,
    marginBottom: 2,
  },
  h6: {
    lineHeight: leading(9.5, 1.3),
    fontSize: 9.5,
    fontWeight: 'bold',
    color: MUTED,
    marginTop: 6,
    marginBottom: 2,
  },
  // Line height is set on each text style: set on the page (and so inherited by the footer), it
  // stops react-pdf from drawing the page-number text at all.
  text: { lineHeight: LINE_HEIGHT },
  paragraph: { lineHeight: LINE_HEIGHT, marginBottom: 5 },
  list: { marginBottom: 5 },
  listItem: { flexDirection: 'row', marginBottom: 2 },
  marker: { width: 14, color: ACCENT, lineHeight: LINE_HEIGHT },
  orderedMarker: { width: 20, color: ACCENT, lineHeight: LINE_HEIGHT },
  itemBody: { flex: 1 },
  quote: { borderLeftWidth: 2, borderLeftColor: RULE, paddingLeft: 8, marginBottom: 5, color: MUTED },
  code: {
    fontFamily: MONO,
    fontSize: 8.5,
    backgroundColor: '#f3f5f7',
    padding: 6,
    marginBottom: 5,
    lineHeight: leading(8.5, 1.35),
  },
  inlineCode: { fontFamily: MONO, fontSize: 9 },
  link: { color: ACCENT, textDecoration: 'none' },
  rule: { borderBottomWidth: 0.75, borderBottomColor: RULE, marginVertical: 8 },
  table: { marginBottom: 6, borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: RULE },
  tableRow: { flexDirection: 'row' },
  tableCell: {
    flex: 1,
    padding: 3,
    lineHeight: leading(10, 1.3),
    borderRightWidth: 0.5,
    borderBottomWidth: 0.5,
    borderColor: RULE,
  },
  tableHeader: { fontWeight: 'bold', backgroundColor: '#f3f5f7' },
  footer: {
    position: 'absolute',
    bottom: 28,
    left: 56,
    right: 56,
    flexDirection: 'row',
    fontSize: 8,
    color: MUTED,
  },
  footerTitle: { flex: 1 },
  footerPage: { width: 60, textAlign: 'right' },
});

const HEADING_STYLES = [styles.h1, styles.h2, styles.h3, styles.h4, styles.h5, styles.h6] as const;

// Space (in points) that must follow a heading on its page, or the heading moves to the next one:
// about three lines of body text, so a heading never ends a page alone.
const HEADING_PRESENCE_AHEAD = 44;

const LONG_WORD = /\S{30,}/g;
// react-pdf breaks lines only at ASCII spaces and at hyphenation points (where it adds a "-", which
// would read as part of an address). A syllable that is only white space to String.prototype.trim
// becomes a break without a hyphen; U+FEFF is such a character, and has a zero-width glyph in DejaVu.
const BREAK = '\ufeff';
const BREAK_SPLIT = /(\ufeff)/;
// Forbids breaking at a hyphenation point (10000 is the line breaker's infinity), which leaves the
// zero-width breaks above as the only way to split a long word.
const NO_HYPHEN_BREAKS = { hyphenationPenalty: 10_000 };

/** Lets a long URL or path break after its separators instead of running past the margin. */
function breakable(text: string): string {
  return text.replace(LONG_WORD, (word) => word.replace(/([/.\-_?&=#])(?=.)/g, `$1${BREAK}`));
}

function inline(runs: readonly Run[]): ReactNode[] {
  return runs.map((run, index) => {
    const style = {
      ...(run.bold ? { fontWeight: 'bold' as const } : {}),
      ...(run.italic ? { fontStyle: 'italic' as const } : {}),
      ...(run.strike ? { textDecoration: 'line-through' as const } : {}),
      ...(run.code ? styles.inlineCode : {}),
    };
    const text = h(Text, { key: index, style }, breakable(run.text));
    return run.href === undefined ? text : h(Link, { key: index, src: run.href, style: styles.link }, text);
  });
}

function listItem(item: ListItem, marker: string, ordered: boolean, key: number): ReactElement {
  const hasNestedList = item.blocks.some((block) => block.kind === 'list');
  return h(
    View,
    // A short item moves to the next page whole; one holding a sub-list may be long, so it may split.
    { key, style: styles.listItem, wrap: hasNestedList },
    h(Text, { style: ordered ? styles.orderedMarker : styles.marker }, marker),
    h(View, { style: styles.itemBody }, ...blocks(item.blocks, true)),
  );
}

function block(node: Block, key: number, inList: boolean): ReactElement {
  switch (node.kind) {
    case 'heading':
      return h(
        Text,
        {
          key,
          style: HEADING_STYLES[node.level - 1],
          minPresenceAhead: HEADING_PRESENCE_AHEAD,
          wrap: false,
          ...NO_HYPHEN_BREAKS,
        },
        ...inline(node.runs),
      );
    case 'paragraph':
      return h(
        Text,
        { key, style: inList ? styles.text : styles.paragraph, ...NO_HYPHEN_BREAKS },
        ...inline(node.runs),
      );
    case 'list':
      return h(
        View,
        { key, style: inList ? undefined : styles.list },
        ...node.items.map((item, index) => {
          const marker =
            item.checked !== undefined
              ? item.checked
                ? '☑'
                : '☐'
              : node.ordered
                ? `${node.start + index}.`
                : '•';
          return listItem(item, marker, node.ordered, index);
        }),
      );
    case 'quote':
      return h(View, { key, style: styles.quote }, ...blocks(node.blocks, false));
    case 'code':
      return h(View, { key, style: styles.code }, h(Text, null, node.text));
    case 'rule':
      return h(View, { key, style: styles.rule });
    case 'table': {
      const row = (cells: Run[][], header: boolean, rowKey: number) =>
        h(
          View,
          { key: rowKey, style: styles.tableRow, wrap: false },
          ...cells.map((cell, index) =>
            h(
              Text,
              {
                key: index,
                style: header ? [styles.tableCell, styles.tableHeader] : styles.tableCell,
                ...NO_HYPHEN_BREAKS,
              },
              ...inline(cell),
            ),
          ),
        );
      return h(
        View,
        { key, style: styles.table },
        row(node.header, true, 0),
        ...node.rows.map((cells, index) => row(cells, false, index + 1)),
      );
    }
  }
}

function blocks(nodes: readonly Block[], inList: boolean): ReactElement[] {
  return nodes.map((node, index) => block(node, index, inList));
}

function footer(title: string): ReactElement {
  return h(
    View,
    { style: styles.footer, fixed: true },
    h(Text, { style: styles.footerTitle }, title),
    h(Text, {
      style: styles.footerPage,
      render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) =>
        `${pageNumber} / ${totalPages}`,
    }),
  );
}

function documentTitle(nodes: readonly Block[], title: string | undefined): string {
  if (title?.trim()) return title.trim();
  const heading = nodes.find((node) => node.kind === 'heading');
  return heading?.kind === 'heading' ? runsText(heading.runs).trim() || 'CV' : 'CV';
}

/** Renders a CV written in markdown as an A4 PDF. */
export async function renderCvPdf({ markdown, title }: RenderCvInput): Promise<Buffer> {
  registerFonts();
  const nodes = parseCvMarkdown(markdown);
  const name = documentTitle(nodes, title);
  const tree = h(
    Document,
    { title: name, creator: 'CV Improver', producer: 'CV Improver', language: 'en' },
    h(Page, { size: 'A4', style: styles.page, wrap: true }, ...blocks(nodes, false), footer(name)),
  );
  return renderToBuffer(tree);
}

/**
 * Registers the fonts and renders a small CV once, so that font parsing and the layout engine's
 * first-run cost are paid at start-up rather than by the first user.
 */
export async function warmUpRendering(): Promise<void> {
  await renderCvPdf({
    markdown:
      '# Zoë Müller-Łukasiewicz\n\n## Experience\n\n- **Bold**, *italic*, `code`, [link](https://example.com)',
  });
}
