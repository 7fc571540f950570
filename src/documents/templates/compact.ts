// The compact look, for more on one page: narrower margins, smaller type and gaps, and each entry's
// dates on its heading line, right-aligned, instead of on a line of their own.

import { View } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { Run } from '../cv-markdown.ts';
import { runningFooter } from './classic.ts';
import { isItalicLine, type OutlineEntry } from './cv-outline.ts';
import {
  type EntryHead,
  type PdfTemplateLayout,
  plainEntryHead,
  sectionFlow,
  type TemplateContext,
} from './flow.ts';
import { blockStyles, PdfBlocks } from './pdf-blocks.ts';
import { sliceRuns, splitRuns } from './runs.ts';
import { COLORS } from './theme.ts';

const h = createElement;

// Dates beside a heading must stay short, or they squeeze the heading into a column of its own.
const MAX_SIDE_DATES = 45;
const YEAR_RE = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
// "B.Sc. Physics, Leeds (2015–2018)": dates in closing brackets.
const BRACKETED_TAIL_RE = /\s*\(([^()]*)\)\s*$/u;
// "Nurse | St Mary's | 2019 – 2022": dates after the last separator.
const SEPARATOR_RE = /\s+[|·•]\s+|\s+[—–]\s+|,\s+/gu;
const LIST_SEPARATOR_RE = /[|·•,]/u;
// What a date range may hold besides digits and punctuation: month names and "Present" in a few
// words ("Sept. 2019 – aujourd'hui", "03/2020 – настоящее время"), never a place or a school.
const MAX_DATE_WORDS = 3;
const MAX_DATE_WORD = 11;

function isDateText(text: string): boolean {
  if (!YEAR_RE.test(text) || text.trim().length > MAX_SIDE_DATES) return false;
  // A range starts with a date: "Acme — Berlin 2019" is an employer and a place.
  if (!/\d/.test(text.split(/\s[—–-]\s/)[0] ?? '')) return false;
  const words = text
    .replace(/[\d\p{P}\p{S}\s]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return words.length <= MAX_DATE_WORDS && words.every((word) => word.length <= MAX_DATE_WORD);
}

/** Character offsets of the title's end and of the dates in a heading line that ends with dates. */
function trailingDates(text: string): { titleEnd: number; from: number; to: number } | null {
  const bracketed = BRACKETED_TAIL_RE.exec(text);
  if (bracketed !== null && bracketed.index > 0 && isDateText(bracketed[1] ?? '')) {
    const from = text.indexOf('(', bracketed.index) + 1;
    return { titleEnd: bracketed.index, from, to: from + (bracketed[1] ?? '').length };
  }
  // The widest tail that is only dates: "July 2022 – Present" after "| Prague |", not "Present".
  for (const separator of text.matchAll(SEPARATOR_RE)) {
    const from = separator.index + separator[0].length;
    const tail = text.slice(from);
    if (separator.index > 0 && !LIST_SEPARATOR_RE.test(tail) && isDateText(tail)) {
      return { titleEnd: separator.index, from, to: text.length };
    }
  }
  return null;
}

interface SideDates {
  title: Run[];
  dates: Run[];
}

/** The entry's heading and the dates that can stand to its right, if it has such dates. */
export function sideDates(entry: OutlineEntry): SideDates | null {
  const heading = entry.heading;
  if (heading.kind !== 'heading' && heading.kind !== 'paragraph') return null;
  const [meta] = entry.meta;
  if (meta?.kind === 'paragraph' && isItalicLine(meta)) {
    const text = meta.runs.map((run) => run.text).join('');
    return text.trim().length <= MAX_SIDE_DATES ? { title: heading.runs, dates: meta.runs } : null;
  }
  if (meta !== undefined) return null;
  const found = trailingDates(heading.runs.map((run) => run.text).join(''));
  if (found === null) return null;
  return {
    title: splitRuns(heading.runs, found.titleEnd)[0],
    dates: sliceRuns(heading.runs, found.from, found.to),
  };
}

const DATES_GAP = 12;

/**
 * Whether the heading fits on one line beside its dates. A heading that wraps beside them reads
 * back as two lines (a second line that starts with a capital looks like a new entry), so such
 * an entry keeps its dates on a line of their own.
 */
function fitsBeside(
  side: SideDates,
  measure: TemplateContext['measure'],
  sizes: { title: number; dates: number },
  width: number,
  boldTitle: boolean,
): boolean {
  const titleWidth = side.title.reduce(
    (sum, run) => sum + measure(run.text, sizes.title, boldTitle || run.bold === true),
    0,
  );
  const datesWidth = measure(side.dates.map((run) => run.text).join(''), sizes.dates, false);
  // A point to spare: the layout engine rounds its line widths.
  return titleWidth + DATES_GAP + datesWidth <= width - 1;
}

function compactEntryHead(context: TemplateContext, pdf: PdfBlocks): EntryHead {
  const plain = plainEntryHead(pdf);
  const styles = pdf.styles;
  const { theme } = context;
  const bodySize = theme.body;
  const gap = theme.gap;
  const width = context.pageWidth - 2 * theme.margins.horizontal;
  return (entry): ReactElement[] => {
    const side = sideDates(entry);
    const isHeading = entry.heading.kind === 'heading';
    const sizes = { title: isHeading ? styles.h3.fontSize : bodySize, dates: bodySize };
    if (side === null || !fitsBeside(side, context.measure, sizes, width, isHeading)) return plain(entry);
    const titleStyle = isHeading
      ? { fontSize: styles.h3.fontSize, fontWeight: 'bold', lineHeight: styles.h3.lineHeight, flex: 1 }
      : { lineHeight: styles.h3.lineHeight, flex: 1 };
    const datesStyle = {
      fontSize: bodySize,
      lineHeight: styles.h3.lineHeight,
      color: COLORS.muted,
      marginLeft: DATES_GAP,
      textAlign: 'right',
    };
    return [
      h(
        View,
        {
          wrap: false,
          style: { flexDirection: 'row', marginTop: gap(9), marginBottom: gap(3) },
        },
        pdf.line(side.title, titleStyle),
        pdf.line(
          side.dates.map((run) => ({ ...run, italic: undefined, bold: undefined })),
          datesStyle,
        ),
      ),
      ...pdf.blocks(entry.meta.slice(1), false),
    ];
  };
}

export const compact: PdfTemplateLayout = {
  base: {
    body: 9,
    headings: [18, 11.5, 9.5, 9, 9, 8.5],
    leading: 1.35,
    gaps: 0.6,
    margins: { top: 34, bottom: 44, horizontal: 40 },
  },
  page(context) {
    const styles = blockStyles(context.theme);
    const pdf = new PdfBlocks(styles);
    const { outline } = context;
    const head = compactEntryHead(context, pdf);
    const children = [
      ...(outline.name === null ? [] : [pdf.heading(outline.name)]),
      ...pdf.blocks(outline.header, false),
      ...outline.sections.flatMap((section) => sectionFlow(pdf, section, pdf.heading(section.heading), head)),
      runningFooter(styles, context, null),
    ];
    return { style: styles.page, children };
  },
};
