// What the templates share: the contract a template fulfils, and how a section flows down a column
// (its heading kept with what follows it, each entry's heading and dates kept with its first bullet).

import type { ReactElement } from 'react';
import type { CvOutline, OutlineEntry, OutlineSection } from './cv-outline.ts';
import type { PdfBlocks, Style } from './pdf-blocks.ts';
import type { Theme, ThemeBase } from './theme.ts';

export interface TemplateContext {
  outline: CvOutline;
  theme: Theme;
  /** The document title, for a running footer. */
  title: string;
  /** Page width in points. */
  pageWidth: number;
  /** Width in points of a line of body-font text. */
  measure: (text: string, fontSize: number, bold: boolean) => number;
  /** Told the page count when a footer is drawn: how the renderer learns how many pages it made. */
  countPages: (total: number) => void;
}

export interface PdfTemplateLayout {
  base: ThemeBase;
  page(context: TemplateContext): { style: Style; children: ReactElement[] };
}

export type EntryHead = (entry: OutlineEntry) => ReactElement[];

/** The heading line of an entry and the dates under it, drawn as the markdown has them. */
export function plainEntryHead(pdf: PdfBlocks): EntryHead {
  return (entry) => [
    entry.heading.kind === 'heading'
      ? pdf.heading(entry.heading)
      : entry.heading.kind === 'paragraph'
        ? pdf.line(entry.heading.runs, pdf.styles.entryLine)
        : pdf.block(entry.heading, false),
    ...pdf.blocks(entry.meta, false),
  ];
}

/** A section as a run of elements down one column. */
export function sectionFlow(
  pdf: PdfBlocks,
  section: OutlineSection,
  sectionHead: ReactElement,
  entryHead: EntryHead,
): ReactElement[] {
  const [first, ...rest] = section.entries;
  const out: ReactElement[] = [];
  if (section.key === 'skills' || section.key === 'languages') pdf = pdf.withTerms();
  if (section.lead.length > 0 || first === undefined) {
    out.push(...pdf.keepWithNext([sectionHead], section.lead));
    if (first !== undefined) out.push(...pdf.keepWithNext(entryHead(first), first.body));
  } else {
    out.push(...pdf.keepWithNext([sectionHead, ...entryHead(first)], first.body));
  }
  for (const entry of rest) out.push(...pdf.keepWithNext(entryHead(entry), entry.body));
  return out;
}
