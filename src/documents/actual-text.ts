// The text a PDF says its glyphs stand for. Chromium (Skia) and Typst draw ligatures ("tt", "fi")
// and small capitals with glyphs that map to no character, and wrap each in a marked-content span
// carrying the letters: `/Span <</ActualText (tt)>> BDC … EMC`. pdf.js's text content reports the
// span but not its ActualText, so "Diritto" came out as "Diri o" and a small-caps heading
// "Esperienza" as "E". This reads the spans' ActualText from the page's own content stream, in
// order, for the text items between pdf.js's span markers to take.
import { inflateSync } from 'node:zlib';

/** A page object's reference, as pdf.js gives it (`page.ref`). */
export interface PageRef {
  num: number;
  gen: number;
}

/** An item of pdf.js's text content with marked content included. */
export type MarkedItem =
  | { str: string; [key: string]: unknown }
  | { type: string; tag?: string | null; [key: string]: unknown };

const MAX_CONTENT_BYTES = 8_000_000;

function objectBody(file: string, ref: PageRef): string | null {
  const head = new RegExp(`(?:^|[^0-9])${ref.num}\\s+${ref.gen}\\s+obj\\b`, 'g');
  const found = head.exec(file);
  if (found === null) return null;
  const start = found.index + found[0].length;
  const end = file.indexOf('endobj', start);
  return end === -1 ? null : file.slice(start, end);
}

/** The decoded bytes (latin1) of the stream object `ref`; null when it is not a plain Flate stream. */
function streamOf(file: string, ref: PageRef): string | null {
  const body = objectBody(file, ref);
  if (body === null) return null;
  const at = /stream\r?\n/.exec(body);
  if (at === null) return null;
  const dict = body.slice(0, at.index);
  const end = body.lastIndexOf('endstream');
  if (end === -1) return null;
  const raw = Buffer.from(body.slice(at.index + at[0].length, end), 'latin1');
  if (!/\/Filter\s*(?:\[\s*)?\/FlateDecode\s*\]?/.test(dict))
    return /\/Filter/.test(dict) ? null : raw.toString('latin1');
  if (/\/DecodeParms/.test(dict)) return null;
  try {
    const out = inflateSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a trailing newline */ });
    return out.length > MAX_CONTENT_BYTES ? null : out.toString('latin1');
  } catch {
    return null;
  }
}

/**
 * A page's content streams, concatenated (one character a byte), from the file (see fileAsText);
 * null when they cannot be read here (an object stream, a filter other than Flate).
 */
export function readPageContent(file: string, page: PageRef): string | null {
  const body = objectBody(file, page);
  if (body === null) return null;
  const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(body);
  if (contents === null) return null;
  const parts: string[] = [];
  for (const m of (contents[1] ?? '').matchAll(/(\d+)\s+(\d+)\s+R/g)) {
    const stream = streamOf(file, { num: Number(m[1]), gen: Number(m[2]) });
    if (stream === null) return null;
    parts.push(stream);
  }
  return parts.join('\n');
}

/** A literal string's bytes from `(` at `from`; returns the bytes and the index after `)`. */
function literalString(text: string, from: number): { bytes: number[]; end: number } | null {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (next in escapes) {
        bytes.push(escapes[next]!);
        i++;
      } else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        bytes.push(Number.parseInt(octal, 8) & 0xff);
        i += octal.length;
      } else if (next === '\r' || next === '\n') {
        i += next === '\r' && text[i + 2] === '\n' ? 2 : 1;
      } else i++;
      continue;
    }
    if (ch === '(') {
      depth++;
      if (depth === 1) continue;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return { bytes, end: i + 1 };
    }
    bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return null;
}

/** PDF text string bytes: UTF-16BE after a byte-order mark, else PDFDocEncoding (Latin-1 here). */
function decodeTextString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return String.fromCharCode(...bytes);
}

/**
 * The ActualText of each `/Span` marked-content section of the content, in order; null for a span
 * without one. Only `<<…>>` property lists are read (a named property list is a span without text).
 */
export function spanTexts(content: string): (string | null)[] {
  const out: (string | null)[] = [];
  const spans = /\/Span\s*(<<|\/[^\s/<>[\]()]+)/g;
  for (let m = spans.exec(content); m !== null; m = spans.exec(content)) {
    if (m[1] !== '<<') {
      if (/^\s*BDC/.test(content.slice(spans.lastIndex, spans.lastIndex + 8))) out.push(null);
      continue;
    }
    let i = spans.lastIndex;
    let actual: string | null = null;
    let depth = 1;
    while (i < content.length && depth > 0) {
      if (content.startsWith('<<', i)) {
        depth++;
        i += 2;
      } else if (content.startsWith('>>', i)) {
        depth--;
        i += 2;
      } else if (content.startsWith('/ActualText', i)) {
        i += '/ActualText'.length;
        while (/\s/.test(content[i] ?? '')) i++;
        if (content[i] === '(') {
          const s = literalString(content, i);
          if (s === null) break;
          actual = decodeTextString(s.bytes);
          i = s.end;
        } else if (content[i] === '<') {
          const end = content.indexOf('>', i);
          const hex = content.slice(i + 1, end).replace(/\s+/g, '');
          const bytes =
            (hex.length % 2 === 1 ? `${hex}0` : hex).match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
          actual = decodeTextString(bytes);
          i = end + 1;
        }
      } else if (content[i] === '(') {
        i = literalString(content, i)?.end ?? content.length;
      } else i++;
    }
    if (/^\s*BDC/.test(content.slice(i, i + 8))) out.push(actual);
    spans.lastIndex = i;
  }
  return out;
}

/**
 * pdf.js's text items of a page (marked content included) with each span's ActualText put in place
 * of the glyphs it stands for. `readSpans` gives the page's span texts from its content stream; when
 * they cannot be read, or do not pair one to one with pdf.js's span markers (text drawn from a form
 * XObject, say), the items stay as pdf.js gave them.
 */
export function withActualText<T extends { str: string }>(
  items: readonly MarkedItem[],
  readSpans: () => (string | null)[] | null,
): T[] {
  const texts = items.filter((item): item is T & MarkedItem => 'str' in item) as T[];
  const markers = items.filter(
    (item) => !('str' in item) && item.type === 'beginMarkedContentProps' && item.tag === 'Span',
  );
  if (markers.length === 0) return texts;
  const spans = readSpans();
  if (spans === null || spans.length !== markers.length) return texts;
  const out: T[] = [];
  // The open marked-content sections, innermost last: a span's text waits for its first glyph with
  // a width (pdf.js puts an empty item before it at a font change, and a space before it when a gap
  // came first), and its other glyphs go empty.
  const open: { text: string | null }[] = [];
  let next = 0;
  for (const item of items) {
    if ('str' in item) {
      const holder = open.findLast((section) => section.text !== null);
      // A space pdf.js puts before the span's glyph (the gap from the glyph before) stays a space.
      const str = String(item.str);
      const glyph = (str !== '' || Number(item.width ?? 0) > 0) && !/^\s+$/.test(str);
      if (holder === undefined || !glyph) out.push(item as T);
      else {
        out.push({ ...(item as T), str: holder.text ?? '' });
        holder.text = '';
      }
      continue;
    }
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
      const isSpan = item.type === 'beginMarkedContentProps' && item.tag === 'Span';
      open.push({ text: isSpan ? (spans[next++] ?? null) : null });
    } else if (item.type === 'endMarkedContent') open.pop();
  }
  return out;
}

/** A PDF file's bytes as a string of one character a byte, as the readers here take it. */
export function fileAsText(file: Uint8Array): string {
  return Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('latin1');
}
