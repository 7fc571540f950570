// DOCX text through mammoth. mammoth's raw-text mode drops list markers and table structure, which
// carry meaning in a CV; its HTML output keeps them and is simple and well-formed (mammoth escapes
// all text), so a small tag walker turns it into lines without an HTML parser.

import mammoth from 'mammoth';
import { ExtractionFailure } from './extraction-failure.ts';
import { decodeEntities } from './html-entities.ts';
import { assertSafeZip, ZipRejected } from './zip.ts';

// Images are never converted: mammoth would otherwise base64 every picture into the HTML.
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function extractDocxText(buffer: Buffer): Promise<string> {
  try {
    await assertSafeZip(buffer);
  } catch (error) {
    if (error instanceof ZipRejected) {
      throw new ExtractionFailure(error.problem === 'encrypted' ? 'encrypted' : error.problem, error.message);
    }
    throw error;
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: dropImages, ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch (error) {
    throw new ExtractionFailure(
      'corrupt',
      `mammoth could not read the document: ${(error as Error).message}`,
    );
  }
  return htmlToLines(html);
}

const TABLE_TAGS = new Set(['table', 'tr', 'td', 'th']);
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'table', 'ul', 'ol']);

/**
 * Lines from mammoth's HTML: each paragraph and list item on its own line, list items marked
 * with "- " or their number (nesting is not shown: normalized lines carry no indentation), table cells joined with " | ", a blank line before headings.
 */
export function htmlToLines(html: string): string {
  const lines: string[] = [];
  let current = '';
  // The list marker at the start of `current`; a line that holds only a marker is dropped.
  let marker = '';
  const lists: { ordered: boolean; next: number }[] = [];
  let cellIndex = 0;
  let cellDepth = 0;

  const endLine = () => {
    if (current.slice(marker.length).trim() !== '') lines.push(current.trim());
    current = '';
    marker = '';
  };

  for (const part of html.split(/(<[^>]*>)/)) {
    if (!part.startsWith('<')) {
      current += decodeEntities(part);
      continue;
    }
    const match = /^<(\/?)([a-z0-9]+)/i.exec(part);
    if (match === null) continue;
    const closing = match[1] === '/';
    const tag = (match[2] ?? '').toLowerCase();
    // A table cell holds paragraphs of its own; they stay on the row's line, one space apart.
    if (cellDepth > 0 && !TABLE_TAGS.has(tag)) {
      if (closing || tag === 'br') current += ' ';
      continue;
    }
    if (tag === 'br') {
      endLine();
      continue;
    }
    if (!BLOCK_TAGS.has(tag) && tag !== 'td' && tag !== 'th') continue;
    if (closing) {
      if (tag === 'ul' || tag === 'ol') lists.pop();
      if (tag === 'td' || tag === 'th') {
        cellDepth = Math.max(cellDepth - 1, 0);
        continue;
      }
      endLine();
      continue;
    }
    switch (tag) {
      case 'ul':
      case 'ol':
        endLine();
        lists.push({ ordered: tag === 'ol', next: 1 });
        break;
      case 'li': {
        endLine();
        const list = lists.at(-1);
        marker = list?.ordered ? `${list.next++}. ` : '- ';
        current = marker;
        break;
      }
      case 'tr':
        endLine();
        cellIndex = 0;
        break;
      case 'td':
      case 'th':
        cellDepth++;
        if (cellIndex++ > 0) current = `${current.trimEnd()} | `;
        break;
      default:
        endLine();
        if (tag.startsWith('h') && lines.length > 0) lines.push('');
    }
  }
  endLine();
  return lines.join('\n');
}
