// A DOCX whose body is an imported HTML page ("altChunk"): web CV builders and HTML-to-DOCX
// libraries write the CV as HTML (or MHTML, a web archive) and let Word lay it out on opening.
// The page's blocks become the reader's items: h1 the title, h2–h6 headings, list items, paragraphs,
// table rows with their cells apart.

import { GAP, type Item, type Para } from './flow-text.ts';
import { decodeEntities } from './html-entities.ts';

/** An altChunk part's items: plain text line by line, else its page (HTML or a web archive). */
export function chunkItems(data: Buffer, name: string): Item[] {
  const text = data.toString('utf8');
  if (/\.txt$/i.test(name)) {
    return text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .map((l) => (l === '' ? GAP : para(l, 'p')));
  }
  return htmlItems(chunkHtml(text));
}

/** The HTML of an altChunk part: the text/html part of a web archive, or the part itself. */
function chunkHtml(text: string): string {
  if (!/^MIME-Version:/im.test(text.slice(0, 500))) return text;
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
  const parts = boundary === undefined ? [text] : text.split(`--${boundary}`);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split).trim();
    if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
    if (/content-transfer-encoding:\s*base64/i.test(headers)) {
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    return body;
  }
  return '';
}

/** Quoted-printable as UTF-8: "=3D" is "=", a "=" at a line's end joins it to the next. */
function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let k = 0; k < joined.length; k++) {
    const hex = joined[k] === '=' ? /^[0-9A-Fa-f]{2}/.exec(joined.slice(k + 1, k + 3)) : null;
    if (hex !== null) {
      bytes.push(Number.parseInt(hex[0], 16));
      k += 2;
    } else bytes.push(...Buffer.from(joined[k]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const BLOCK_RE = /<\/?(h[1-6]|p|li|div|tr|td|th|br|ul|ol|table|section|header|footer|article)\b[^>]*>/gi;

/** The page's blocks as the DOCX reader's items, in reading order. */
function htmlItems(html: string): Item[] {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\?[\s\S]*?\?>/g, '');
  const items: Item[] = [];
  let text = '';
  let open = 'p';
  let cells: string[] = [];
  const flush = () => {
    const line = inlineText(text);
    text = '';
    if (line === '') return;
    if (open === 'td' || open === 'th') {
      cells.push(line);
      return;
    }
    items.push(para(line, open));
  };
  let at = 0;
  for (const m of body.matchAll(BLOCK_RE)) {
    text += body.slice(at, m.index);
    at = m.index + m[0].length;
    const tag = m[1]!.toLowerCase();
    const closing = m[0].startsWith('</');
    if (tag === 'br') {
      text += '\n';
      continue;
    }
    flush();
    if (tag === 'tr' && closing && cells.length > 0) {
      items.push(para(cells.join(' | '), 'p'));
      cells = [];
    }
    if (!closing && tag !== 'tr' && tag !== 'table' && tag !== 'ul' && tag !== 'ol') open = tag;
    if (closing && (tag === 'ul' || tag === 'ol' || tag === 'table')) items.push(GAP);
  }
  text += body.slice(at);
  flush();
  return items;
}

/** Inline markup dropped, entities decoded, spaces as a reader sees them. */
function inlineText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/[ \t\r\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

function para(line: string, tag: string): Para {
  const heading = /^h([1-6])$/.exec(tag);
  const level = heading === null ? null : Number(heading[1]) - 1;
  return {
    kind: 'para',
    lines: line.split('\n'),
    level: level === 0 ? null : level,
    title: level === 0,
    list: tag === 'li',
    marker: '- ',
    bold: heading !== null,
    caps: false,
    size: 0,
    border: false,
    part: 'body',
  };
}
