// The classic look: one column, the name large at the top, accent-coloured section headings over a
// thin rule, bullets for everything listed. Every markdown construct renders as it is written.

import { Text, View } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import { type PdfTemplateLayout, plainEntryHead, sectionFlow, type TemplateContext } from './flow.ts';
import { type BlockStyles, blockStyles, PdfBlocks } from './pdf-blocks.ts';

const h = createElement;

/** "Title        1 / 2" along the bottom of every page. */
export function runningFooter(
  styles: BlockStyles,
  context: TemplateContext,
  title: string | null,
): ReactElement {
  return h(
    View,
    { style: styles.footer, fixed: true },
    h(Text, { style: styles.footerTitle }, title ?? ''),
    h(Text, {
      style: styles.footerPage,
      render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => {
        context.countPages(totalPages);
        return `${pageNumber} / ${totalPages}`;
      },
    }),
  );
}

export const classic: PdfTemplateLayout = {
  base: {
    body: 10,
    headings: [22, 13, 11, 10, 10, 9.5],
    leading: 1.45,
    gaps: 1,
    margins: { top: 50, bottom: 60, horizontal: 56 },
  },
  page(context) {
    const styles = blockStyles(context.theme);
    const pdf = new PdfBlocks(styles);
    const { outline } = context;
    const head = plainEntryHead(pdf);
    const children = [
      ...(outline.name === null ? [] : [pdf.heading(outline.name)]),
      ...pdf.blocks(outline.header, false),
      ...outline.sections.flatMap((section) => sectionFlow(pdf, section, pdf.heading(section.heading), head)),
      runningFooter(styles, context, context.title),
    ];
    return { style: styles.page, children };
  },
};
