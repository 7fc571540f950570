// ZIP inspection for DOCX and ODT uploads. Detection needs only the entry names and an ODT's short
// first entry, synchronously, so it reads the central directory itself; the safety check streams
// every entry through yauzl, which verifies the real decompressed size against the declared one, so
// a zip bomb is caught before any entry is inflated whole into memory.

import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { ExtractionFailure } from './extraction-failure.ts';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  /** Uncompressed/compressed ratio allowed for one entry, once it is larger than `ratioFloor`. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio: a small, repetitive XML part
   *  can compress 200:1 and still cost nothing to inflate. */
  ratioFloor: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 50 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 1024 * 1024,
  maxEntries: 10_000,
};

export type ZipProblem = 'too_large' | 'corrupt' | 'encrypted';

export class ZipRejected extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem, message: string) {
    super(message);
    this.name = 'ZipRejected';
    this.problem = problem;
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

interface CentralEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/**
 * Names of the entries in a ZIP's central directory, or null when the bytes are not a readable
 * ZIP. Synchronous and allocation-light, for content detection.
 */
export function listZipEntryNames(
  bytes: Uint8Array,
  maxEntries = DEFAULT_ZIP_LIMITS.maxEntries,
): Set<string> | null {
  const entries = readCentralDirectory(bytes, maxEntries);
  return entries === null ? null : new Set(entries.map((e) => e.name));
}

/**
 * The entry stored first in a ZIP and its content, when that content is at most `maxBytes` (an
 * OpenDocument package names its type in a first entry `mimetype`). Null when there is none or it
 * cannot be read. Synchronous, for content detection.
 */
export function readFirstZipEntry(
  bytes: Uint8Array,
  maxBytes: number,
): { name: string; data: Buffer } | null {
  const entries = readCentralDirectory(bytes, DEFAULT_ZIP_LIMITS.maxEntries) ?? [];
  let first: CentralEntry | undefined;
  for (const entry of entries) {
    if (first === undefined || entry.localHeaderOffset < first.localHeaderOffset) first = entry;
  }
  if (first === undefined || first.compressedSize === 0xffffffff) return null;
  const at = first.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) return null;
  const start = at + LOCAL_HEADER_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + first.compressedSize;
  if (end > bytes.length) return null;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + start, first.compressedSize);
  if (first.method === 0) return raw.length <= maxBytes ? { name: first.name, data: raw } : null;
  if (first.method !== 8) return null;
  try {
    return { name: first.name, data: inflateRawSync(raw, { maxOutputLength: maxBytes }) };
  } catch {
    // Corrupt, or larger than asked.
    return null;
  }
}

function readCentralDirectory(bytes: Uint8Array, maxEntries: number): CentralEntry[] | null {
  if (bytes.length < EOCD_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return null;
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) return null;
    const zip64Eocd = Number(view.getBigUint64(locator + 8, true));
    if (zip64Eocd + 56 > bytes.length || view.getUint32(zip64Eocd, true) !== ZIP64_EOCD_SIGNATURE)
      return null;
    count = Number(view.getBigUint64(zip64Eocd + 32, true));
    offset = Number(view.getBigUint64(zip64Eocd + 48, true));
  }
  if (count > maxEntries) return null;
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (offset + CENTRAL_HEADER_SIZE > bytes.length) return null;
    if (view.getUint32(offset, true) !== CENTRAL_HEADER_SIGNATURE) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameStart = offset + CENTRAL_HEADER_SIZE;
    if (nameStart + nameLength > bytes.length) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

/** Inflates an entry, keeping its bytes only when asked (the safety pass reads every entry anyway). */
function drainEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null));
    });
  });
}

/**
 * Refuses a ZIP whose entries would inflate to an absurd size, declared or real. Every entry is
 * inflated once, so the sizes are checked against the data and not only against the central
 * directory, which a hostile archive can fill with lies. The entries `keep` accepts are returned
 * from that same pass, keyed by name; the others are discarded as they stream.
 */
export async function assertSafeZip(
  buffer: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  keep: (name: string) => boolean = () => false,
): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buffer);
  } catch (error) {
    throw new ZipRejected('corrupt', `not a readable ZIP archive: ${(error as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipRejected('too_large', `${zip.entryCount} entries`);
    }
    let declaredTotal = 0;
    const kept = new Map<string, Buffer>();
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted())
          return reject(new ZipRejected('encrypted', `${entry.fileName} is encrypted`));
        declaredTotal += entry.uncompressedSize;
        if (declaredTotal > limits.maxTotalUncompressed) {
          return reject(
            new ZipRejected('too_large', `declared uncompressed size exceeds ${limits.maxTotalUncompressed}`),
          );
        }
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (entry.uncompressedSize > limits.ratioFloor && ratio > limits.maxRatio) {
          return reject(
            new ZipRejected(
              'too_large',
              `${entry.fileName} has a compression ratio of ${Math.round(ratio)}:1`,
            ),
          );
        }
        drainEntry(zip, entry, keep(entry.fileName)).then(
          (data) => {
            if (data !== null) kept.set(entry.fileName, data);
            zip.readEntry();
          },
          (error: Error) => reject(new ZipRejected('corrupt', `${entry.fileName}: ${error.message}`)),
        );
      });
      zip.readEntry();
    });
    return kept;
  } catch (error) {
    if (error instanceof ZipRejected) throw error;
    throw new ZipRejected('corrupt', (error as Error).message);
  } finally {
    zip.close();
  }
}

/**
 * `assertSafeZip` for a document reader: the parts `keep` accepts, or an ExtractionFailure that
 * says why the archive cannot be read (too large, corrupt, encrypted).
 */
export async function readZipParts(
  buffer: Buffer,
  keep: (name: string) => boolean,
): Promise<Map<string, Buffer>> {
  try {
    return await assertSafeZip(buffer, DEFAULT_ZIP_LIMITS, keep);
  } catch (error) {
    if (error instanceof ZipRejected) throw new ExtractionFailure(error.problem, error.message);
    throw error;
  }
}
