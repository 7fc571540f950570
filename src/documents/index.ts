// Public API of the documents feature: recognizing and reading uploaded CVs, and rendering an
// improved CV (markdown) as safe HTML, PDF or DOCX.

export { type Block, parseCvMarkdown, type Run } from './cv-markdown.ts';
export {
  type DetectedType,
  DOCUMENT_TYPES,
  type DocumentType,
  detectDocumentType,
  FILE_EXTENSIONS,
  MAX_UPLOAD_BYTES,
  MIME_TYPES,
  type PrefixVerdict,
  type ReadUpload,
  type ReadUploadOptions,
  readUpload,
  sniffPrefix,
} from './detect-type.ts';
export {
  closeExtraction,
  type ExtractedText,
  type ExtractOptions,
  extractText,
  warmUpExtraction,
} from './extract-text.ts';
export { UNREADABLE_REASONS, type UnreadableReason } from './extraction-failure.ts';
export { markdownToSafeHtml } from './markdown.ts';
export { normalizeText } from './normalize-text.ts';
export { type CutItem, MAX_PAGE_BUDGET, MIN_PAGE_BUDGET } from './page-budget.ts';
export { LAYOUT_KINDS, type LayoutKind } from './reading.ts';

import type { RenderCvDocxInput } from './render-docx.ts';
import type { RenderCvInput, RenderCvPdfInput, RenderedCvPdf } from './render-options.ts';

export type { RenderCvDocxInput } from './render-docx.ts';
export {
  PAGE_SIZES,
  type PageSize,
  PDF_TEMPLATES,
  type PdfTemplate,
  type RenderCvInput,
  type RenderCvPdfInput,
  type RenderedCvPdf,
} from './render-options.ts';

// The PDF renderer is loaded on first use (or by the warm-up): its libraries would add
// a quarter of a second to every start of the API, the worker and each CLI command.
const pdfRenderer = () => import('./render-pdf.ts');

export async function renderCvPdf(input: RenderCvInput): Promise<Buffer> {
  return (await pdfRenderer()).renderCvPdf(input);
}

export async function renderCvPdfDocument(input: RenderCvPdfInput): Promise<RenderedCvPdf> {
  return (await pdfRenderer()).renderCvPdfDocument(input);
}

// Loaded on first use too: the docx library is a 2 MB bundle, about 3 MB of heap that an API process
// held from start though it renders a DOCX only when one is downloaded.
export async function renderCvDocx(input: RenderCvDocxInput): Promise<Buffer> {
  return (await import('./render-docx.ts')).renderCvDocx(input);
}

export async function warmUpRendering(): Promise<void> {
  return (await pdfRenderer()).warmUpRendering();
}
