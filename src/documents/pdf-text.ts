// PDF text through unpdf (its bundled pdf.js). Loaded only inside the extraction worker: pdf.js must
// not meet another pdf.js build in one process, and a hostile PDF must not be able to block or
// exhaust the main thread.

import { inflateSync, constants as zlib } from 'node:zlib';
import { ExtractionFailure } from './extraction-failure.ts';

/** The part of pdf.js's TextItem that layout needs; marked-content items lack `str`. */
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfText {
  /** Raw text, one visual line per line, a blank line between blocks. */
  text: string;
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
    const pageTexts: string[] = [];
    let rawChars = 0;
    let pagesRead = 0;
    for (let pageNumber = 1; pageNumber <= pagesToRead && rawChars <= maxRawChars; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const items = content.items.filter((item) => 'str' in item);
      const pageText = layOutLines(items);
      page.cleanup();
      pageTexts.push(pageText);
      rawChars += pageText.length;
      pagesRead++;
    }
    const text = pageTexts.join('\n\n');
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
    return { text, pagesRead, totalPages };
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    throw new ExtractionFailure('corrupt', `pdf.js failed while reading: ${(error as Error).message}`);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

interface Line {
  y: number;
  size: number;
  endX: number;
  text: string;
}

/**
 * Turns pdf.js text fragments into lines. Items keep content-stream order, which producers write in
 * reading order (a two-column CV comes out column by column, not interleaved as a sort by position
 * would make it); fragments on the same baseline join into one line, with a space where the gap
 * between them is wider than a narrow glyph; a vertical jump larger than a line and a half, or back up
 * the page by more than a line, starts a new block.
 */
export function layOutLines(items: readonly PdfTextItem[]): string {
  const out: string[] = [];
  let line: Line | null = null;
  let previousLine: Line | null = null;
  let forceBreak = false;

  const flush = () => {
    if (line === null) return;
    if (previousLine !== null && out.length > 0) {
      const gap = previousLine.y - line.y;
      const lineHeight = Math.max(previousLine.size, line.size);
      // A jump back up the page is a new column or box: a block of its own too.
      out.push(gap > lineHeight * 1.8 || gap < -lineHeight ? '\n\n' : '\n');
    }
    out.push(line.text);
    previousLine = line;
    line = null;
  };

  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
    if (item.str === '') {
      if (item.hasEOL) forceBreak = true;
      continue;
    }
    const sameLine = line !== null && !forceBreak && Math.abs(y - line.y) <= Math.max(size, line.size) * 0.4;
    if (line !== null && sameLine) {
      const gap = x - line.endX;
      const needsSpace = gap > size * 0.15 || gap < -size;
      if (needsSpace && !/\s$/.test(line.text) && !/^\s/.test(item.str)) line.text += ' ';
      line.text += item.str;
      line.endX = Math.max(line.endX, x + item.width);
    } else {
      flush();
      line = { y, size, endX: x + item.width, text: item.str };
    }
    forceBreak = item.hasEOL;
  }
  flush();
  return out.join('');
}
