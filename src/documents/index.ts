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
export { type RenderCvDocxInput, renderCvDocx } from './render-docx.ts';
export {
  PAGE_SIZES,
  type PageSize,
  PDF_TEMPLATES,
  type PdfTemplate,
  type RenderCvInput,
  type RenderCvPdfInput,
  type RenderedCvPdf,
  renderCvPdf,
  renderCvPdfDocument,
  warmUpRendering,
} from './render-pdf.ts';
