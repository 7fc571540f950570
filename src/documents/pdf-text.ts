// PDF text through unpdf (its bundled pdf.js). Loaded only inside the extraction worker: pdf.js must
// not meet another pdf.js build in one process, and a hostile PDF must not be able to block or
// exhaust the main thread.

import { inflateSync, constants as zlib } from 'node:zlib';
import { fileAsText, type MarkedItem, readPageContent, spanTexts, withActualText } from './actual-text.ts';
import { ExtractionFailure } from './extraction-failure.ts';
import { type PageText, type PositionedText, readPdfLayout } from './layout/pdf-layout.ts';
import type { LayoutKind } from './reading.ts';
import { bulletItems, smallShapes } from './vector-bullets.ts';
import { glyphRuns, mayMisreadWordGaps, respaceItems } from './word-gaps.ts';

/** The part of pdf.js's TextItem that layout needs; marked-content items lack `str`. */
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface PdfText {
  /** Text in reading order, in the convention of reading.ts. */
  text: string;
  layout: LayoutKind;
  pagesRead: number;
  totalPages: number;
}

/** Fewer non-blank characters than this, with images on the pages, reads as a scanned document. */
const SCANNED_TEXT_THRESHOLD = 20;

// pdf.js inflates a whole stream into memory before using it, outside the worker's heap limit (typed
// arrays are external memory), so a 400 KB file whose content stream inflates to 400 MB costs the
// process over a gigabyte. Streams are inflated here first, with a cap, and such files refused.
const MAX_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_STREAM_BYTES = 200 * 1024 * 1024;
// "stream" at the start of a stream's data, not the end of "endstream".
const STREAM_START = /(?<!end)stream\r?\n/g;

export function assertNoInflationBomb(data: Uint8Array): void {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString('latin1');
  let total = 0;
  for (const match of text.matchAll(STREAM_START)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    // Only zlib data (FlateDecode) is inflated; anything else fails at once on the header check.
    if (bytes[start] !== 0x78) continue;
    const budget = Math.min(MAX_STREAM_BYTES, MAX_TOTAL_STREAM_BYTES - total);
    if (budget <= 0) throw new ExtractionFailure('too_large', `streams inflate to more than ${total} bytes`);
    try {
      total += inflateSync(bytes.subarray(start, end), {
        maxOutputLength: budget,
        finishFlush: zlib.Z_SYNC_FLUSH,
      }).length;
    } catch (error) {
      if (error instanceof RangeError) {
        throw new ExtractionFailure('too_large', `a stream inflates to more than ${budget} bytes`);
      }
      // Not zlib after all, or damaged: pdf.js decides what to make of it.
    }
  }
}

let unpdfModule: Promise<typeof import('unpdf')> | undefined;

function loadUnpdf(): Promise<typeof import('unpdf')> {
  unpdfModule ??= import('unpdf').then(async (unpdf) => {
    await unpdf.getResolvedPDFJS();
    return unpdf;
  });
  return unpdfModule;
}

export async function warmUpPdf(): Promise<void> {
  await loadUnpdf();
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

export async function extractPdfText(
  data: Uint8Array,
  maxPages: number,
  maxRawChars: number,
): Promise<PdfText> {
  assertNoInflationBomb(data);
  const unpdf = await loadUnpdf();
  let pdf: Awaited<ReturnType<typeof unpdf.getDocumentProxy>>;
  try {
    pdf = await unpdf.getDocumentProxy(data, {
      stopAtErrors: false,
      verbosity: 0,
      // Bounds the memory one decoded image may take; a scan at 300 dpi is about 9 megapixels.
      maxImageSize: 50_000_000,
    });
  } catch (error) {
    if (errorName(error) === 'PasswordException') {
      throw new ExtractionFailure('encrypted', 'pdf.js asked for a password');
    }
    throw new ExtractionFailure('corrupt', `pdf.js could not open the file: ${(error as Error).message}`);
  }
  try {
    const totalPages = pdf.numPages;
    const pagesToRead = Math.min(totalPages, maxPages);
    const pages: PageText[] = [];
    let fileText: string | null = null;
    let rawChars = 0;
    let pagesRead = 0;
    for (let pageNumber = 1; pageNumber <= pagesToRead && rawChars <= maxRawChars; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const [, , width = 595, height = 842] = page.view;
      // The page's own content stream holds what pdf.js's text leaves out: the letters of ligatures
      // and small capitals drawn with glyphs of no character (actual-text.ts), and list markers
      // drawn as shapes (vector-bullets.ts).
      fileText ??= fileAsText(await pdf.getData());
      const stream = page.ref === null ? null : readPageContent(fileText, page.ref);
      let texts = withActualText<PdfTextItem>(content.items as MarkedItem[], () =>
        stream === null ? null : spanTexts(stream),
      );
      // Word gaps pdf.js may have misread (word-gaps.ts) come from the glyphs the page shows.
      if (mayMisreadWordGaps(stream, texts)) {
        const { OPS } = await unpdf.getResolvedPDFJS();
        const runs = glyphRuns(await page.getOperatorList(), OPS);
        texts = respaceItems(texts, runs);
      }
      const items = positionedItems(texts);
      if (stream !== null) items.push(...bulletItems(smallShapes(stream), items));
      page.cleanup();
      pages.push({ width, height, items });
      rawChars += items.reduce((n, item) => n + item.str.length, 0);
      pagesRead++;
    }
    // The producer tells whether line-end hyphens are the typesetter's (TeX, Typst) or the author's.
    const metadata = await pdf.getMetadata().catch(() => null);
    const info = (metadata?.info ?? {}) as { Producer?: unknown; Creator?: unknown };
    const producer = [info.Producer, info.Creator].filter((v) => typeof v === 'string').join(' ');
    const { text, layout } = readPdfLayout(pages, producer);
    if (text.replace(/\s/g, '').length < SCANNED_TEXT_THRESHOLD) {
      const { OPS } = await unpdf.getResolvedPDFJS();
      const imageOps = new Set<number>([
        OPS.paintImageXObject,
        OPS.paintInlineImageXObject,
        OPS.paintImageMaskXObject,
      ]);
      for (let pageNumber = 1; pageNumber <= pagesRead; pageNumber++) {
        const page = await pdf.getPage(pageNumber);
        const operators = await page.getOperatorList();
        if (operators.fnArray.some((op) => imageOps.has(op))) {
          throw new ExtractionFailure(
            'no_text_layer',
            `page ${pageNumber} has images but the file has no text`,
          );
        }
      }
    }
    return { text, layout, pagesRead, totalPages };
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    throw new ExtractionFailure('corrupt', `pdf.js failed while reading: ${(error as Error).message}`);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * pdf.js items as positions on the page. Rotated text (a vertical label in a margin) is kept only
 * when it runs left to right; its position is then still meaningful.
 */
function positionedItems(items: readonly PdfTextItem[]): PositionedText[] {
  const out: PositionedText[] = [];
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    if (item.str === '' || Math.abs(b) > Math.abs(a) * 0.2) continue;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
    out.push({ str: item.str, x, y, width: item.width, size, font: item.fontName });
  }
  return out;
}
