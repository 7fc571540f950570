// The improved CV as a PDF, laid out by @react-pdf/renderer from the block model of cv-markdown.ts
// in one of three templates (templates/), on A4 or US Letter, optionally within a page budget.
// Fonts come from assets/fonts (DejaVu Sans: Latin Extended, Greek and Cyrillic), so nothing is
// fetched and names such as "Zoë Müller-Łukasiewicz" render as real glyphs.

import { Document, Page, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { type Block, parseCvMarkdown, runsText } from './cv-markdown.ts';
import { fitToPages, MAX_PAGE_BUDGET, MIN_PAGE_BUDGET, type Rendering } from './page-budget.ts';
import {
  PAGE_SIZES,
  type PageSize,
  PDF_TEMPLATES,
  type PdfTemplate,
  type RenderCvInput,
  type RenderCvPdfInput,
  type RenderedCvPdf,
} from './render-options.ts';
import { classic } from './templates/classic.ts';
import { compact } from './templates/compact.ts';
import { type CvOutline, outlineCv } from './templates/cv-outline.ts';
import type { PdfTemplateLayout } from './templates/flow.ts';
import { prepareFonts, textWidth } from './templates/fonts.ts';
import { modern } from './templates/modern.ts';
import { buildTheme, type Density, NORMAL_DENSITY } from './templates/theme.ts';

export {
  PAGE_SIZES,
  type PageSize,
  PDF_TEMPLATES,
  type PdfTemplate,
  type RenderCvInput,
  type RenderCvPdfInput,
  type RenderedCvPdf,
} from './render-options.ts';

const LAYOUTS: Record<PdfTemplate, PdfTemplateLayout> = { classic, modern, compact };
const PAGE_FORMATS: Record<PageSize, 'A4' | 'LETTER'> = { A4: 'A4', Letter: 'LETTER' };
/** Page width and height in points. */
const PAGE_POINTS: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};

const h = createElement;

function documentTitle(nodes: readonly Block[], title: string | undefined): string {
  if (title?.trim()) return title.trim();
  const heading = nodes.find((node) => node.kind === 'heading');
  return heading?.kind === 'heading' ? runsText(heading.runs).trim() || 'CV' : 'CV';
}

function checkOptions(template: string, pageSize: string, maxPages: number | undefined): void {
  if (!(PDF_TEMPLATES as readonly string[]).includes(template)) {
    throw new RangeError(`template must be one of ${PDF_TEMPLATES.join(', ')}`);
  }
  if (!(PAGE_SIZES as readonly string[]).includes(pageSize)) {
    throw new RangeError(`pageSize must be one of ${PAGE_SIZES.join(', ')}`);
  }
  if (
    maxPages !== undefined &&
    (!Number.isInteger(maxPages) || maxPages < MIN_PAGE_BUDGET || maxPages > MAX_PAGE_BUDGET)
  ) {
    throw new RangeError(`maxPages must be an integer from ${MIN_PAGE_BUDGET} to ${MAX_PAGE_BUDGET}`);
  }
}

// One document at a time: each starts with fonts no other document has written (see prepareFonts),
// and a document laid out while another is written would share, and lose characters to, its fonts.
// Rendering is CPU work on this thread, so waiting in line costs no throughput.
let renderQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = renderQueue.then(task, task);
  renderQueue = run.catch(() => undefined);
  return run;
}

async function renderOutline(
  outline: CvOutline,
  density: Density,
  layout: PdfTemplateLayout,
  pageSize: PageSize,
  title: string,
): Promise<Rendering<Buffer>> {
  // Every template draws a footer with "page / pages" on each page; the count it is given is the
  // layout engine's own, so the renderer knows the page count without parsing its output.
  let pages = 0;
  const output = await oneAtATime(async () => {
    await prepareFonts();
    const page = layout.page({
      outline,
      theme: buildTheme(layout.base, density, PAGE_POINTS[pageSize].height),
      title,
      pageWidth: PAGE_POINTS[pageSize].width,
      measure: textWidth,
      countPages: (total) => {
        // The first layout pass, before pagination is known, reports no total.
        if (Number.isFinite(total)) pages = Math.max(pages, total);
      },
    });
    const tree = h(
      Document,
      { title, creator: 'CV Improver', producer: 'CV Improver', language: 'en' },
      h(Page, { size: PAGE_FORMATS[pageSize], style: page.style, wrap: true }, ...page.children),
    );
    return renderToBuffer(tree);
  });
  return { pages, output };
}

/**
 * Renders a CV written in markdown as a PDF in the chosen template and page size. With `maxPages`,
 * a CV that does not fit is condensed, then cut (least relevant first), and `cut` lists what went.
 * @throws RangeError for a template, page size or page budget outside the allowed values.
 */
export async function renderCvPdfDocument(input: RenderCvPdfInput): Promise<RenderedCvPdf> {
  const { markdown, title, template = 'classic', pageSize = 'A4', maxPages } = input;
  checkOptions(template, pageSize, maxPages);
  const nodes = parseCvMarkdown(markdown);
  const outline = outlineCv(nodes);
  const name = documentTitle(nodes, title);
  const layout = LAYOUTS[template];
  const render = (trimmed: CvOutline, density: Density) =>
    renderOutline(trimmed, density, layout, pageSize, name);
  const fitted =
    maxPages === undefined
      ? { ...(await render(outline, NORMAL_DENSITY)), cut: [] }
      : await fitToPages(outline, maxPages, render);
  return { data: fitted.output, pages: fitted.pages, template, pageSize, cut: fitted.cut };
}

/** Renders a CV written in markdown as an A4 PDF in the classic template. */
export async function renderCvPdf({ markdown, title }: RenderCvInput): Promise<Buffer> {
  return (await renderCvPdfDocument({ markdown, title })).data;
}

/**
 * Registers the fonts and renders a small CV once in each template, so that font parsing and the
 * layout engine's first-run cost are paid at start-up rather than by the first user.
 */
export async function warmUpRendering(): Promise<void> {
  const markdown =
    '# Zoë Müller-Łukasiewicz\n\nzoe@example.com · +48 600 100 200\n\n## Experience\n\n### Engineer — Acme\n\n*2020 – 2024*\n\n- **Bold**, *italic*, `code`, [link](https://example.com)\n\n## Skills\n\n- Go';
  for (const template of PDF_TEMPLATES) await renderCvPdfDocument({ markdown, template });
}
