// Documents bench: text extraction and CV rendering, cold and warm. Prints `name: value unit`.
// Cold numbers are the first call in this fresh process (worker start and pdf.js load for
// extraction; font parsing and layout engine for rendering), which start-up warm-ups pay once.

import { readFileSync } from 'node:fs';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/documents/${name}`, import.meta.url));
const improvedCv = fixture('cv-improved.md').toString('utf8');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)] ?? Number.NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function sample(iterations: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push(await time(fn));
  return samples;
}

const report = (name: string, value: number, unit: string) =>
  console.log(`${name}: ${value.toFixed(2)} ${unit}`);

let documents!: typeof import('../src/documents/index.ts');
report(
  'documents_import',
  await time(async () => (documents = await import('../src/documents/index.ts'))),
  'ms',
);
const { extractText, renderCvDocx, renderCvPdf, markdownToSafeHtml } = documents;

report('extraction_cold_start', await time(() => documents.warmUpExtraction()), 'ms');

// A two-page PDF from our own renderer, plus the committed PDFs of other producers.
const renderColdMs = await time(() => documents.warmUpRendering());
report('pdf_render_cold_start', renderColdMs, 'ms');
const ownPdf = await renderCvPdf({ markdown: improvedCv });

const pdfs: [string, Buffer][] = [
  ['react_pdf_2p', ownPdf],
  ['libreoffice_1p', fixture('cv-libreoffice.pdf')],
  ['chromium_1p', fixture('cv-chromium.pdf')],
  ['pdflib_3p', fixture('cv-pdflib.pdf')],
];
const perPage: number[] = [];
for (const [name, pdf] of pdfs) {
  const { pages } = await extractText(pdf, 'pdf');
  const samples = await sample(40, () => extractText(pdf, 'pdf'));
  report(`pdf_extract_${name}_p50`, percentile(samples, 50), 'ms');
  perPage.push(...samples.map((ms) => ms / (pages ?? 1)));
}
report('pdf_extract_per_page_p50', percentile(perPage, 50), 'ms');

// Reading as an upload is read: layout-aware extraction, then the CV structure, on two-page CVs
// of the reading corpus (target: under 60 ms p50 warm).
const { parseCv } = await import('../src/analysis/index.ts');
const corpus = (name: string) =>
  readFileSync(new URL(`../test/fixtures/reading/dev/${name}`, import.meta.url));
for (const [name, file] of [
  ['chromium_2p', 'chromium-two-page-footer-en.pdf'],
  ['typst_2p', 'typst-brilliant-cv-en.pdf'],
  ['latex_2p', 'latex-article-cv-en.pdf'],
] as const) {
  const pdf = corpus(file);
  const read = async () => parseCv((await extractText(pdf, 'pdf')).text);
  await read();
  report(`read_${name}_p50`, percentile(await sample(40, read), 50), 'ms');
}
const corpusDocx = corpus('docx-header-accountant-en.docx');
const readDocx = async () => parseCv((await extractText(corpusDocx, 'docx')).text);
await readDocx();
report('read_docx_2p_p50', percentile(await sample(40, readDocx), 50), 'ms');

const docx = fixture('cv.docx');
report('docx_extract_first', await time(() => extractText(docx, 'docx')), 'ms');
const docxSamples = await sample(40, () => extractText(docx, 'docx'));
report('docx_extract_p50', percentile(docxSamples, 50), 'ms');
const ownDocx = await renderCvDocx({ markdown: improvedCv });
report('docx_extract_2p_cv_p50', percentile(await sample(40, () => extractText(ownDocx, 'docx')), 50), 'ms');

const txt = fixture('cv.txt');
report('txt_extract_p50', percentile(await sample(200, () => extractText(txt, 'txt')), 50), 'ms');

const renderSamples = await sample(60, () => renderCvPdf({ markdown: improvedCv }));
report('pdf_render_2p_p50', percentile(renderSamples, 50), 'ms');
report('pdf_render_2p_p99', percentile(renderSamples, 99), 'ms');
report('pdf_render_2p_size', ownPdf.length / 1024, 'KiB');

// Each PDF template on the same two-page CV, warm (target: under 150 ms p50 each), and the page
// budget squeezing a three-page CV onto one page (condensing, then cutting: several layouts).
const { renderCvPdfDocument, PDF_TEMPLATES } = documents;
const longCv = fixture('cv-long.md').toString('utf8');
for (const template of PDF_TEMPLATES) {
  const render = () => renderCvPdfDocument({ markdown: improvedCv, template });
  const { pages } = await render();
  const samples = await sample(30, render);
  report(`pdf_render_${template}_${pages}p_p50`, percentile(samples, 50), 'ms');
  report(`pdf_render_${template}_${pages}p_p99`, percentile(samples, 99), 'ms');
}
for (const template of PDF_TEMPLATES) {
  const fit = () => renderCvPdfDocument({ markdown: longCv, template, maxPages: 1 });
  report(`pdf_fit_long_to_1p_${template}_p50`, percentile(await sample(5, fit), 50), 'ms');
}

// Reading a rendered CV back as the read-back check does: text out of the file, then its structure.
const { readBackScore } = await import('../src/analysis/read-back.ts');
const intended = parseCv(improvedCv);
const readBack = async (data: Buffer, type: 'pdf' | 'docx') =>
  readBackScore(intended, parseCv((await extractText(data, type)).text));
for (const [name, data, type] of [
  ['pdf_2p', ownPdf, 'pdf'],
  ['docx_2p', await renderCvDocx({ markdown: improvedCv }), 'docx'],
] as const) {
  await readBack(data, type);
  report(`read_back_${name}_p50`, percentile(await sample(40, () => readBack(data, type)), 50), 'ms');
}

const docxColdMs = await time(() => renderCvDocx({ markdown: '# Cold' }));
report('docx_render_cold_start', docxColdMs, 'ms');
const docxRender = await sample(40, () => renderCvDocx({ markdown: improvedCv }));
report('docx_render_p50', percentile(docxRender, 50), 'ms');
report('docx_render_p99', percentile(docxRender, 99), 'ms');
const docxLong = await sample(20, () => renderCvDocx({ markdown: longCv }));
report('docx_render_long_p50', percentile(docxLong, 50), 'ms');

const htmlSamples = await sample(200, async () => markdownToSafeHtml(improvedCv));
report('markdown_to_safe_html_p50', percentile(htmlSamples, 50), 'ms');

await documents.closeExtraction();
