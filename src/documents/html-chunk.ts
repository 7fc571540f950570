// A DOCX whose body is an imported HTML page ("altChunk"): web CV builders and HTML-to-DOCX
// libraries write the CV as HTML (or MHTML, a web archive) and let Word lay it out on opening.
// The page's blocks become the reader's items: h1 the title, h2–h6 headings, list items, paragraphs,
// table rows with their cells apart.

import { GAP, type Item, type Para } from './flow-text.ts';
import { decodeEntities } from './html-entities.ts';

/** An altChunk part's items: plain text line by line, else its page (HTML or a web archive). */
export function chunkItems(data: Buffer, name: string): Item[] {
  if (/\.txt$/i.test(name)) {
    return data
      .toString('utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .map((l) => (l === '' ? GAP : para(l, 'p')));
  }
  return htmlItems(chunkHtml(data));
}

/**
 * The HTML of an altChunk part: the text/html part of a web archive, or the part itself. A web
 * archive is read byte for byte (latin1) until its page's bytes are decoded as UTF-8, so that
 * quoted-printable escapes of multi-byte letters come out whole.
 */
function chunkHtml(data: Buffer): string {
  const raw = data.toString('latin1');
  if (!/^MIME-Version:/im.test(raw.slice(0, 500))) return data.toString('utf8');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary === undefined ? [raw] : raw.split(`--${boundary}`);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split).trim();
    const bytes = /content-transfer-encoding:\s*quoted-printable/i.test(headers)
      ? Buffer.from(decodeQuotedPrintable(body), 'latin1')
      : /content-transfer-encoding:\s*base64/i.test(headers)
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'latin1');
    return bytes.toString('utf8');
  }
  return '';
}

/** Quoted-printable, byte for byte: "=3D" is "=", a "=" at a line's end joins it to the next. */
function decodeQuotedPrintable(bytes: string): string {
  return bytes
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

// Text no reader sees: comments, processing instructions, and the title, style and script elements.
const HIDDEN_START_RE = /<!--|<\?|<(style|script|title)\b/g;

/**
 * The page without what is never shown. Closing marks are found with indexOf from where their
 * element opened, so the work stays linear however many unclosed openings a file holds; an
 * element left open hides the rest, as a browser hides it.
 */
function withoutHiddenParts(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let at = 0;
  HIDDEN_START_RE.lastIndex = 0;
  for (let m = HIDDEN_START_RE.exec(lower); m !== null; m = HIDDEN_START_RE.exec(lower)) {
    out.push(html.slice(at, m.index));
    const close = m[0] === '<!--' ? '-->' : m[0] === '<?' ? '>' : `</${m[1]}`;
    const end = lower.indexOf(close, m.index + m[0].length);
    const gt = end < 0 ? -1 : lower.indexOf('>', end);
    at = gt < 0 ? html.length : gt + 1;
    if (gt < 0) break;
    HIDDEN_START_RE.lastIndex = at;
  }
  out.push(html.slice(at));
  return out.join('');
}

// `[^<>]*`, not `[^>]*`: a tag ends before the next one opens, so a file of unclosed tags reads in
// linear time.
const BLOCK_RE = /<\/?(h[1-6]|p|li|div|tr|td|th|br|ul|ol|table|section|header|footer|article)\b[^<>]*>/gi;

/** The page's blocks as the DOCX reader's items, in reading order. */
function htmlItems(html: string): Item[] {
  const body = withoutHiddenParts(html);
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
  return decodeEntities(html.replace(/<[^<>]*>/g, ''))
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
