// The block model of cv-markdown.ts as react-pdf elements, styled by a theme. Every template draws
// its text through this, so a table, a quote or a nested list looks the same in all of them and
// only the arrangement of the page differs. Built with createElement (Node's type stripping
// cannot compile JSX).

import { Link, type Styles, Text, View } from '@react-pdf/renderer';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { type Block, type ListItem, type Run, runsText } from '../cv-markdown.ts';
import { BREAK, FONT, MONO } from './fonts.ts';
import { COLORS, type Theme } from './theme.ts';

export type Style = Record<string, string | number>;
/** The style type of react-pdf; the templates' plain objects are cast to it where drawn. */
type PdfStyle = Styles[string];

const h = createElement;

const LONG_WORD = /\S{30,}/g;
// Forbids breaking at a hyphenation point (10000 is the line breaker's infinity), which leaves the
// zero-width breaks of `printable` as the only way to split a long word.
const NO_HYPHEN_BREAKS = { hyphenationPenalty: 10_000 };

// Space (in points) that must follow a heading on its page, or the heading moves to the next one:
// about three lines of body text. Used only where a heading cannot be kept with what follows it.
const HEADING_PRESENCE_AHEAD = 44;

// A paragraph up to about six lines moves with the heading above it; a longer one may split.
const KEEP_PARAGRAPH_CHARS = 600;

// "January 2020 – Present" split over two lines reads as two half dates: the spaces inside a date
// range (after a year's digits, around its dash, between a month and its year) do not break.
const RANGE_DASH_RE = /(?<=\d)\s+([–—-])\s+(?=\S)/gu;
const MONTH_YEAR_RE = /(?<=\p{L}{3,}\.?) (?=\d{4}(?!\d))/gu;
const NO_BREAK_SPACE = '\u00a0';

// A list of terms ("SAP, Manhattan WMS, Power BI") breaks only after its commas, so no term is
// split over two lines ("Manhattan" / "WMS" read as two skills). A longer term may break: one that
// cannot fit its line is not laid out at all. Only spaces inside a term are bound; the space that
// follows a bold label ("**Tools:** SAP") stays a break.
const MAX_BOUND_TERM = 20;
const TERM_SPLIT_RE = /(,\s+)/;
const INNER_SPACE_RE = /(?<=\S) (?=\S)/g;

function bindTerms(text: string): string {
  return text
    .split(TERM_SPLIT_RE)
    .map((part) =>
      part.trim().length <= MAX_BOUND_TERM ? part.replace(INNER_SPACE_RE, NO_BREAK_SPACE) : part,
    )
    .join('');
}

/** Lets a long URL or path break after its separators, and keeps date ranges on one line. */
function printable(text: string): string {
  return text
    .replace(LONG_WORD, (word) => word.replace(/([/.\-_?&=#])(?=.)/g, `$1${BREAK}`))
    .replace(RANGE_DASH_RE, `${NO_BREAK_SPACE}$1${NO_BREAK_SPACE}`)
    .replace(MONTH_YEAR_RE, NO_BREAK_SPACE);
}

// A style table, kept whole though long: one plain entry per kind of block, each read from the
// theme, with no logic to test apart. Split up, how a theme looks would be spread over many places.
export function blockStyles(theme: Theme) {
  const { gap, size, leading } = theme;
  const [h1, h2, h3, h4, h5, h6] = theme.headings;
  const body = theme.body;
  const line = leading(body);
  return {
    page: {
      fontFamily: FONT,
      fontSize: body,
      color: COLORS.ink,
      paddingTop: theme.margins.top,
      paddingBottom: theme.margins.bottom,
      paddingHorizontal: theme.margins.horizontal,
    },
    h1: {
      fontSize: h1,
      fontWeight: 'bold',
      lineHeight: leading(h1, 1.2),
      marginBottom: gap(6),
      color: COLORS.ink,
    },
    h2: {
      lineHeight: leading(h2, 1.3),
      fontSize: h2,
      fontWeight: 'bold',
      color: COLORS.accent,
      marginTop: gap(14),
      marginBottom: gap(6),
      paddingBottom: 2,
      borderBottomWidth: 0.75,
      borderBottomColor: COLORS.rule,
    },
    h3: {
      lineHeight: leading(h3, 1.3),
      fontSize: h3,
      fontWeight: 'bold',
      marginTop: gap(9),
      marginBottom: gap(3),
    },
    h4: {
      lineHeight: leading(h4, 1.3),
      fontSize: h4,
      fontWeight: 'bold',
      marginTop: gap(7),
      marginBottom: gap(2),
    },
    h5: {
      lineHeight: leading(h5, 1.3),
      fontSize: h5,
      fontWeight: 'bold',
      fontStyle: 'italic',
      marginTop: gap(6),
      marginBottom: gap(2),
    },
    h6: {
      lineHeight: leading(h6, 1.3),
      fontSize: h6,
      fontWeight: 'bold',
      color: COLORS.muted,
      marginTop: gap(6),
      marginBottom: gap(2),
    },
    // Line height is set on each text style: set on the page (and so inherited by the footer), it
    // stops react-pdf from drawing the page-number text at all.
    text: { lineHeight: line },
    paragraph: { lineHeight: line, marginBottom: gap(5) },
    // An entry whose heading is a bold line ("**Nurse** | St Mary's | 2019 – 2022") stands apart
    // from the bullets of the one before, as an entry with a heading does.
    entryLine: { lineHeight: line, marginTop: gap(6), marginBottom: gap(3) },
    list: { marginBottom: gap(5) },
    listItem: { flexDirection: 'row', marginBottom: gap(2) },
    marker: { width: size(14), color: COLORS.accent, lineHeight: line },
    orderedMarker: { width: size(20), color: COLORS.accent, lineHeight: line },
    itemBody: { flex: 1 },
    quote: {
      borderLeftWidth: 2,
      borderLeftColor: COLORS.rule,
      paddingLeft: 8,
      marginBottom: gap(5),
      color: COLORS.muted,
    },
    code: {
      fontFamily: MONO,
      fontSize: size(8.5),
      backgroundColor: COLORS.shade,
      padding: gap(6),
      marginBottom: gap(5),
      lineHeight: leading(size(8.5), 1.35),
    },
    inlineCode: { fontFamily: MONO, fontSize: size(9) },
    link: { color: COLORS.accent, textDecoration: 'none' },
    rule: { borderBottomWidth: 0.75, borderBottomColor: COLORS.rule, marginVertical: gap(8) },
    table: { marginBottom: gap(6), borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: COLORS.rule },
    tableRow: { flexDirection: 'row' },
    tableCell: {
      flex: 1,
      padding: 3,
      lineHeight: leading(body, 1.3),
      borderRightWidth: 0.5,
      borderBottomWidth: 0.5,
      borderColor: COLORS.rule,
    },
    tableHeader: { fontWeight: 'bold', backgroundColor: COLORS.shade },
    footer: {
      position: 'absolute',
      bottom: Math.round(theme.margins.bottom * 0.47),
      left: theme.margins.horizontal,
      right: theme.margins.horizontal,
      flexDirection: 'row',
      fontSize: size(8),
      color: COLORS.muted,
    },
    footerTitle: { flex: 1 },
    footerPage: { width: 60, textAlign: 'right' },
  } as const;
}

export type BlockStyles = ReturnType<typeof blockStyles>;

/** Draws blocks with one set of styles; templates override the styles they arrange differently. */
export class PdfBlocks {
  readonly styles: BlockStyles;
  /** Keep each comma-separated term on one line: for lists of skills and languages. */
  readonly terms: boolean;

  constructor(styles: BlockStyles, options: { terms?: boolean } = {}) {
    this.styles = styles;
    this.terms = options.terms === true;
  }

  /** The same drawing, keeping comma-separated terms whole. */
  withTerms(): PdfBlocks {
    return new PdfBlocks(this.styles, { terms: true });
  }

  inline(runs: readonly Run[]): ReactNode[] {
    return runs.map((run, index) => {
      const style = {
        ...(run.bold ? { fontWeight: 'bold' as const } : {}),
        ...(run.italic ? { fontStyle: 'italic' as const } : {}),
        ...(run.strike ? { textDecoration: 'line-through' as const } : {}),
        ...(run.code ? this.styles.inlineCode : {}),
      };
      const printed = printable(run.text);
      const text = h(Text, { key: index, style }, this.terms ? bindTerms(printed) : printed);
      return run.href === undefined
        ? text
        : h(Link, { key: index, src: run.href, style: this.styles.link }, text);
    });
  }

  /** A line of text: headings and one-line labels, never hyphenated. */
  line(runs: readonly Run[], style: object | undefined, extra: Record<string, unknown> = {}): ReactElement {
    return h(Text, { style: style as PdfStyle, ...NO_HYPHEN_BREAKS, ...extra }, ...this.inline(runs));
  }

  heading(node: Extract<Block, { kind: 'heading' }>, presenceAhead = 0): ReactElement {
    const styles = this.styles;
    const style = [styles.h1, styles.h2, styles.h3, styles.h4, styles.h5, styles.h6][node.level - 1];
    return this.line(node.runs, style, {
      wrap: false,
      ...(presenceAhead > 0 ? { minPresenceAhead: presenceAhead } : {}),
    });
  }

  listItem(item: ListItem, marker: string, ordered: boolean, key: number): ReactElement {
    const hasNestedList = item.blocks.some((block) => block.kind === 'list');
    return h(
      View,
      // A short item moves to the next page whole; one holding a sub-list may be long, so it may split.
      { key, style: this.styles.listItem, wrap: hasNestedList },
      h(Text, { style: ordered ? this.styles.orderedMarker : this.styles.marker }, marker),
      h(View, { style: this.styles.itemBody }, ...this.blocks(item.blocks, true)),
    );
  }

  /** Items `from`..`to` of a list, numbered as in the whole list; `last` gives it the list's gap. */
  list(
    node: Extract<Block, { kind: 'list' }>,
    inList: boolean,
    from = 0,
    to = node.items.length,
    last = true,
  ): ReactElement {
    return h(
      View,
      { style: inList || !last ? undefined : this.styles.list },
      ...node.items.slice(from, to).map((item, offset) => {
        const index = from + offset;
        const marker =
          item.checked !== undefined
            ? item.checked
              ? '☑'
              : '☐'
            : node.ordered
              ? `${node.start + index}.`
              : '•';
        return this.listItem(item, marker, node.ordered, index);
      }),
    );
  }

  block(node: Block, inList: boolean): ReactElement {
    const styles = this.styles;
    switch (node.kind) {
      case 'heading':
        return this.heading(node, HEADING_PRESENCE_AHEAD);
      case 'paragraph':
        return h(
          Text,
          { style: inList ? styles.text : styles.paragraph, ...NO_HYPHEN_BREAKS },
          ...this.inline(node.runs),
        );
      case 'list':
        return this.list(node, inList);
      case 'quote':
        return h(View, { style: styles.quote }, ...this.blocks(node.blocks, false));
      case 'code':
        return h(View, { style: styles.code }, h(Text, null, node.text));
      case 'rule':
        return h(View, { style: styles.rule });
      case 'table':
        return this.table(node);
    }
  }

  blocks(nodes: readonly Block[], inList: boolean): ReactElement[] {
    return nodes.map((node) => this.block(node, inList));
  }

  /**
   * `lead` (a heading, its dates) kept on one page with the first piece of `following` (the first
   * item of a list, or a short paragraph), then the rest of `following`, free to break: so a
   * heading never ends a page alone, and a long entry still flows over two pages.
   */
  keepWithNext(lead: ReactElement[], following: readonly Block[]): ReactElement[] {
    const [first, ...rest] = following;
    const group = (children: ReactElement[], extra: Record<string, unknown> = {}) =>
      h(View, { wrap: false, ...extra }, ...children);
    if (first?.kind === 'list' && first.items.length > 0) {
      const single = first.items.length === 1;
      return [
        group([...lead, this.list(first, false, 0, 1, single)]),
        ...(single ? [] : [this.list(first, false, 1)]),
        ...this.blocks(rest, false),
      ];
    }
    if (first?.kind === 'paragraph' && runsText(first.runs).length <= KEEP_PARAGRAPH_CHARS) {
      return [group([...lead, this.block(first, false)]), ...this.blocks(rest, false)];
    }
    // Too long to move as one piece (or nothing follows): the group asks for room ahead instead.
    return [
      group(lead, first === undefined ? {} : { minPresenceAhead: HEADING_PRESENCE_AHEAD }),
      ...this.blocks(following, false),
    ];
  }

  table(node: Extract<Block, { kind: 'table' }>): ReactElement {
    const styles = this.styles;
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
            ...this.inline(cell),
          ),
        ),
      );
    return h(
      View,
      { style: styles.table },
      row(node.header, true, 0),
      ...node.rows.map((cells, index) => row(cells, false, index + 1)),
    );
  }
}
