// Recognizes an upload by its bytes alone. The file name and the declared Content-Type are chosen
// by the client, so they decide nothing: a renamed executable must be refused however it is named.

import { AppError } from '../platform/errors.ts';
import { listZipEntryNames, readFirstZipEntry } from './zip.ts';

export const DOCUMENT_TYPES = ['pdf', 'docx', 'odt', 'txt'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type DetectedType = DocumentType | 'unknown';

/** What the first bytes alone can tell, before the rest of an upload has arrived. */
export type PrefixVerdict = 'pdf' | 'zip' | 'text' | 'unknown';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Readers (Acrobat, pdf.js) accept a `%PDF-` header preceded by up to 1 KB of junk. */
const PDF_HEADER_WINDOW = 1024;
/** Bytes looked at to decide whether a file is text; enough to judge, cheap on a 10 MB file. */
const TEXT_SAMPLE_BYTES = 64 * 1024;
const MIN_PRINTABLE_SHARE = 0.95;

/** What an OpenDocument text (LibreOffice Writer) names itself in its `mimetype` entry. */
const ODT_MIME_TYPE = 'application/vnd.oasis.opendocument.text';

export const MIME_TYPES: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: ODT_MIME_TYPE,
  txt: 'text/plain; charset=utf-8',
};

export const FILE_EXTENSIONS: Record<DocumentType, string> = {
  pdf: '.pdf',
  docx: '.docx',
  odt: '.odt',
  txt: '.txt',
};

// Formats that are certainly not a CV, refused before any text heuristics run. Signatures made of
// printable ASCII are left out (they would also refuse a text CV that happens to start with "GIF8"
// or "MZ"); those binaries fail the text test anyway on their NUL bytes.
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O fat binary / Java class
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x25, 0x21, 0x50, 0x53], // %!PS, a program rather than a document
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2 (legacy .doc, .xls, .msi)
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

function findPdfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - PDF_MAGIC.length - 1, PDF_HEADER_WINDOW);
  for (let i = 0; i <= limit; i++) {
    // The version digit after the dash keeps a text file that merely mentions "%PDF-" a text file.
    const digit = bytes[i + PDF_MAGIC.length] ?? 0;
    if (bytes[i] === 0x25 && startsWith(bytes, PDF_MAGIC, i) && digit >= 0x31 && digit <= 0x39) return i;
  }
  return -1;
}

function hasBom(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/**
 * Decodes text the way detection accepted it: UTF-8 (BOM optional) or UTF-16 with a BOM.
 * Returns null when the bytes are not valid text in that encoding.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const bom = hasBom(bytes);
  const encoding = bom ?? 'utf-8';
  try {
    // `fatal` turns invalid sequences into an error instead of U+FFFD, which is what tells text
    // from binary; BOM handling strips the mark.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A truncated sample may end inside a multi-byte sequence; drop the incomplete tail so the
 * strict decoder judges only whole characters.
 */
function trimToCharBoundary(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Uint8Array {
  if (encoding !== 'utf-8') {
    let end = bytes.length - (bytes.length % 2);
    // Do not cut a surrogate pair in half.
    const highByteAt = encoding === 'utf-16le' ? end - 1 : end - 2;
    const high = bytes[highByteAt];
    if (end >= 2 && high !== undefined && high >= 0xd8 && high <= 0xdb) end -= 2;
    return bytes.subarray(0, end);
  }
  let end = bytes.length;
  // Walk back over continuation bytes to the lead byte of the last character.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  const lead = bytes[i];
  if (lead !== undefined && lead >= 0xc0) {
    const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (end - i < needed) end = i;
  }
  return bytes.subarray(0, end);
}

function isPrintable(codePoint: number): boolean {
  if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x0c) return true;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return false;
  return codePoint !== 0xfffd;
}

const MARKUP_START =
  /^\ufeff?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s|html\b|svg\b|\?xml\b|head\b|body\b|script\b)/i;

function looksLikeText(bytes: Uint8Array, complete: boolean): boolean {
  if (bytes.length === 0) return false;
  const bom = hasBom(bytes);
  // UTF-16 without a BOM is not accepted: guessing it lets almost any binary pass.
  if (bom === null && bytes.includes(0)) return false;
  const encoding = bom ?? 'utf-8';
  const sample = complete ? bytes : trimToCharBoundary(bytes, encoding);
  const text = decodeText(sample);
  if (text === null || text.includes('\u0000')) return false;
  // A web page, an SVG picture or any XML is text, but not a CV to read as text: its tags would
  // become the CV's content.
  if (MARKUP_START.test(text)) return false;
  let printable = 0;
  let total = 0;
  for (const char of text) {
    total++;
    if (isPrintable(char.codePointAt(0) ?? 0)) printable++;
  }
  return total > 0 && printable / total >= MIN_PRINTABLE_SHARE;
}

/**
 * Classifies the first chunk of an upload so a route can refuse an executable or an image as soon
 * as its first bytes arrive, without reading up to 10 MB. `zip` and `text` still need the whole
 * file for a final answer: pass it to `detectDocumentType`.
 */
export function sniffPrefix(prefix: Uint8Array): PrefixVerdict {
  if (findPdfHeader(prefix) >= 0) return 'pdf';
  if (startsWith(prefix, ZIP_LOCAL_HEADER) || startsWith(prefix, ZIP_EMPTY_ARCHIVE)) return 'zip';
  if (BINARY_SIGNATURES.some((signature) => startsWith(prefix, signature))) return 'unknown';
  const sample = prefix.subarray(0, TEXT_SAMPLE_BYTES);
  return looksLikeText(sample, false) ? 'text' : 'unknown';
}

/**
 * Decides the type of a whole upload from its content. A DOCX is a ZIP whose central directory
 * lists both `[Content_Types].xml` and `word/document.xml`; an ODT is a ZIP whose first entry
 * `mimetype` says it is OpenDocument text and which holds `content.xml`; any other ZIP (xlsx, ods,
 * odp, jar) is neither.
 */
export function detectDocumentType(buffer: Uint8Array): DetectedType {
  switch (sniffPrefix(buffer.subarray(0, TEXT_SAMPLE_BYTES))) {
    case 'pdf':
      return 'pdf';
    case 'zip':
      return isDocx(buffer) ? 'docx' : isOdt(buffer) ? 'odt' : 'unknown';
    case 'text':
      // The sample decided the share of printable characters; the whole file must still be
      // valid in its encoding and free of NUL bytes.
      return buffer.length <= TEXT_SAMPLE_BYTES || looksLikeText(buffer, true) ? 'txt' : 'unknown';
    default:
      return 'unknown';
  }
}

function isDocx(buffer: Uint8Array): boolean {
  const names = listZipEntryNames(buffer);
  if (names === null) return false;
  return names.has('[Content_Types].xml') && names.has('word/document.xml');
}

function isOdt(buffer: Uint8Array): boolean {
  // The type is the whole entry: a template (".text-template") or a master document is not a CV.
  const first = readFirstZipEntry(buffer, ODT_MIME_TYPE.length + 2);
  if (first?.name !== 'mimetype' || first.data.toString('latin1').trim() !== ODT_MIME_TYPE) return false;
  return listZipEntryNames(buffer)?.has('content.xml') === true;
}

export interface ReadUploadOptions {
  maxBytes?: number;
}

export interface ReadUpload {
  buffer: Buffer;
  type: DocumentType;
}

/**
 * Reads an upload stream while enforcing the size limit and refusing non-documents early: the
 * first chunk is sniffed before more is read, and the stream is abandoned as soon as it grows past
 * `maxBytes`. Throws `payload_too_large` (413) or `unsupported_media_type` (415).
 */
export async function readUpload(
  stream: AsyncIterable<Uint8Array>,
  { maxBytes = MAX_UPLOAD_BYTES }: ReadUploadOptions = {},
): Promise<ReadUpload> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let sniffed = false;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) throw uploadTooLarge(maxBytes);
    chunks.push(chunk);
    // A first chunk may be tiny; wait for enough bytes to see a PDF header behind junk.
    if (!sniffed && size >= PDF_HEADER_WINDOW + PDF_MAGIC.length) {
      sniffed = true;
      if (sniffPrefix(Buffer.concat(chunks)) === 'unknown') throw unsupportedType();
    }
  }
  const buffer = Buffer.concat(chunks, size);
  if (buffer.length === 0) {
    throw new AppError('resume_unreadable', 'The uploaded file is empty.', {
      extensions: { reason: 'empty' },
    });
  }
  const type = detectDocumentType(buffer);
  if (type === 'unknown') throw unsupportedType();
  return { buffer, type };
}

function uploadTooLarge(maxBytes: number): AppError {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError('payload_too_large', `The file is larger than ${megabytes} MB.`);
}

function unsupportedType(): AppError {
  return new AppError(
    'unsupported_media_type',
    'The file is not a PDF, DOCX, ODT or plain-text document. Please upload your CV as PDF, DOCX, ODT or TXT.',
  );
}
