// What a PDF can be asked for, and what rendering answers: kept apart from the renderer, whose
// libraries (react-pdf, fonts) take a quarter of a second to load, so that schemas and routes can
// name the templates without loading it. See render-pdf.ts.
import type { CutItem } from './page-budget.ts';

export const PDF_TEMPLATES = ['classic', 'modern', 'compact'] as const;
export type PdfTemplate = (typeof PDF_TEMPLATES)[number];

export const PAGE_SIZES = ['A4', 'Letter'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface RenderCvInput {
  markdown: string;
  /** Document title (PDF metadata); defaults to the first heading. */
  title?: string;
}

export interface RenderCvPdfInput extends RenderCvInput {
  /** Defaults to `classic`. */
  template?: PdfTemplate;
  /** Defaults to `A4`. */
  pageSize?: PageSize;
  /** Page budget, 1–10: the CV is condensed, then its least relevant content cut, until it fits. */
  maxPages?: number;
}

export interface RenderedCvPdf {
  data: Buffer;
  /** Pages of `data`; above `maxPages` only when what is never cut does not fit on its own. */
  pages: number;
  template: PdfTemplate;
  pageSize: PageSize;
  /** What the page budget left out, for the person to see; empty when nothing was cut. */
  cut: CutItem[];
}
