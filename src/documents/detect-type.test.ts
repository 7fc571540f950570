import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { buildOdfPackage, buildZip, CONTENT_TYPES_XML } from '../../test/fixtures/documents/zip-builder.ts';
import { isAppError } from '../platform/errors.ts';
import { detectDocumentType, readUpload, sniffPrefix } from './detect-type.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/documents/${name}`, import.meta.url));

describe('detectDocumentType', () => {
  it('recognizes PDFs from several producers', () => {
    for (const name of ['cv-libreoffice.pdf', 'cv-chromium.pdf', 'cv-pdflib.pdf', 'encrypted.pdf']) {
      assert.equal(detectDocumentType(fixture(name)), 'pdf', name);
    }
  });

  it('accepts junk before the PDF header within 1 KB, not beyond', () => {
    assert.equal(detectDocumentType(fixture('leading-junk.pdf')), 'pdf');
    const pdf = fixture('cv-pdflib.pdf');
    const farJunk = Buffer.concat([Buffer.alloc(1100, 0x41), pdf]);
    assert.equal(detectDocumentType(farJunk), 'unknown');
  });

  it('does not take a text that mentions %PDF- for a PDF', () => {
    assert.equal(detectDocumentType(Buffer.from('Notes on the %PDF- header format\n')), 'txt');
  });

  it('recognizes a DOCX by its entries', () => {
    assert.equal(detectDocumentType(fixture('cv.docx')), 'docx');
    const minimal = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    assert.equal(detectDocumentType(minimal), 'docx');
  });

  it('refuses other ZIP formats renamed to .docx', () => {
    const xlsx = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    const jar = buildZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }]);
    const documentWithoutContentTypes = buildZip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    assert.equal(detectDocumentType(xlsx), 'unknown');
    assert.equal(detectDocumentType(jar), 'unknown');
    assert.equal(detectDocumentType(documentWithoutContentTypes), 'unknown');
    // A ZIP with its central directory cut off cannot be checked, so it is not a DOCX.
    const docx = fixture('cv.docx');
    assert.equal(detectDocumentType(docx.subarray(0, docx.length - 200)), 'unknown');
  });

  it('recognizes an ODT by its first entry, mimetype, and its content part', () => {
    assert.equal(detectDocumentType(fixture('cv-writer.odt')), 'odt');
    const content = { 'content.xml': '<office:document-content/>' };
    assert.equal(
      detectDocumentType(buildOdfPackage('application/vnd.oasis.opendocument.text', content)),
      'odt',
    );
    // Some producers compress the mimetype entry, which OpenDocument forbids; it still says what the file is.
    const deflated = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: '<office:document-content/>' },
    ]);
    assert.equal(detectDocumentType(deflated), 'odt');
  });

  it('refuses other OpenDocument types and ZIPs that only look like an ODT', () => {
    const content = { 'content.xml': '<office:document-content/>' };
    for (const type of ['spreadsheet', 'presentation', 'graphics', 'text-template', 'text-master']) {
      const odf = buildOdfPackage(`application/vnd.oasis.opendocument.${type}`, content);
      assert.equal(detectDocumentType(odf), 'unknown', type);
    }
    const withoutContent = buildOdfPackage('application/vnd.oasis.opendocument.text', {});
    const mimetypeNotFirst = buildZip([
      { name: 'content.xml', data: '<office:document-content/>' },
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', stored: true },
    ]);
    const random = buildZip([{ name: 'hello.txt', data: 'application/vnd.oasis.opendocument.text' }]);
    assert.equal(detectDocumentType(withoutContent), 'unknown');
    assert.equal(detectDocumentType(mimetypeNotFirst), 'unknown');
    assert.equal(detectDocumentType(random), 'unknown');
    assert.equal(detectDocumentType(buildZip([])), 'unknown', 'an empty archive');
    const odt = fixture('cv-writer.odt');
    assert.equal(detectDocumentType(odt.subarray(0, odt.length - 200)), 'unknown');
  });

  it('recognizes UTF-8 and UTF-16 (with BOM) text', () => {
    assert.equal(detectDocumentType(fixture('cv.txt')), 'txt');
    assert.equal(detectDocumentType(fixture('cv-utf16.txt')), 'txt');
    assert.equal(detectDocumentType(Buffer.from('\ufeffZoë Müller-Łukasiewicz\r\n', 'utf8')), 'txt');
    assert.equal(detectDocumentType(Buffer.from('\ufeffØyvind', 'utf16le')), 'txt');
  });

  it('refuses executables, images and binary data', () => {
    assert.equal(detectDocumentType(fixture('renamed-executable.pdf')), 'unknown');
    const samples: Record<string, number[]> = {
      'PE executable': [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00],
      'Mach-O': [0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01],
      PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00],
      JPEG: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46],
      'legacy .doc': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    };
    for (const [name, bytes] of Object.entries(samples)) {
      assert.equal(
        detectDocumentType(Buffer.from([...bytes, ...Buffer.from('padding text')])),
        'unknown',
        name,
      );
    }
  });

  it('refuses text with NUL bytes, invalid UTF-8 or mostly control characters', () => {
    assert.equal(detectDocumentType(Buffer.from('Zoë\u0000Müller')), 'unknown');
    assert.equal(detectDocumentType(Buffer.from([0x5a, 0x6f, 0xc3, 0x28, 0x61])), 'unknown');
    assert.equal(detectDocumentType(Buffer.from('\u0001\u0002\u0003\u0004 ab')), 'unknown');
    // Invalid UTF-8 far past the sample must still be caught by the whole-file check.
    const late = Buffer.concat([Buffer.alloc(100_000, 0x61), Buffer.from([0xff, 0xfe, 0x00])]);
    assert.equal(detectDocumentType(late), 'unknown');
  });

  it('refuses web pages, SVG pictures and XML sent as text', () => {
    for (const markup of [
      '<!DOCTYPE html><html><body><h1>Ann Lee</h1></body></html>',
      '\ufeff  <html lang="en"><head><title>CV</title></head></html>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>Ann</text></svg>',
      '<!-- saved from a browser --><svg viewBox="0 0 10 10"></svg>',
      '<script>alert(1)</script>Ann Lee',
    ]) {
      assert.equal(detectDocumentType(Buffer.from(markup)), 'unknown', markup);
    }
    // A CV in plain text that mentions a tag is still a CV.
    assert.equal(detectDocumentType(Buffer.from('Ann Lee\nFront-end developer: <html>, CSS, SVG\n')), 'txt');
  });

  it('finds nothing in an empty file', () => {
    assert.equal(detectDocumentType(Buffer.alloc(0)), 'unknown');
  });

  it('keeps a text sample whose cut falls inside a multi-byte character', () => {
    // 65,535 ASCII bytes then "ł" (2 bytes): the 64 KB sample ends after its first byte.
    const text = Buffer.concat([Buffer.alloc(65_535, 0x61), Buffer.from('ł and more')]);
    assert.equal(detectDocumentType(text), 'txt');
  });
});

describe('sniffPrefix', () => {
  it('decides from the first bytes what can be decided', () => {
    assert.equal(sniffPrefix(fixture('renamed-executable.pdf').subarray(0, 64)), 'unknown');
    assert.equal(sniffPrefix(fixture('cv.docx').subarray(0, 64)), 'zip');
    assert.equal(sniffPrefix(fixture('cv-chromium.pdf').subarray(0, 64)), 'pdf');
    assert.equal(sniffPrefix(fixture('cv.txt').subarray(0, 64)), 'text');
  });
});

describe('readUpload', () => {
  const chunked = (buffer: Buffer, size = 64 * 1024) =>
    Readable.from(
      (function* () {
        for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
      })(),
    );

  it('returns the buffer and its type', async () => {
    const pdf = fixture('cv-libreoffice.pdf');
    const upload = await readUpload(chunked(pdf, 1000));
    assert.equal(upload.type, 'pdf');
    assert.deepEqual(upload.buffer, pdf);
    assert.equal((await readUpload(chunked(fixture('cv-writer.odt'), 1000))).type, 'odt');
  });

  it('stops at the size limit while streaming (11 MB upload)', async () => {
    let chunksRead = 0;
    const eleven = Readable.from(
      (function* () {
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        for (let i = 0; i < 11; i++) {
          chunksRead++;
          yield chunk;
        }
      })(),
    );
    await assert.rejects(
      readUpload(eleven),
      (error) => isAppError(error) && error.code === 'payload_too_large',
    );
    assert.equal(chunksRead, 11);
    // The limit is configurable and checked before the whole stream is consumed.
    chunksRead = 0;
    const small = Readable.from(
      (function* () {
        for (let i = 0; i < 5; i++) {
          chunksRead++;
          yield Buffer.alloc(1000, 0x61);
        }
      })(),
    );
    await assert.rejects(
      readUpload(small, { maxBytes: 2500 }),
      (e) => isAppError(e) && e.code === 'payload_too_large',
    );
    assert.equal(chunksRead, 3);
  });

  it('refuses an executable as soon as enough bytes arrive', async () => {
    const elf = Buffer.concat([fixture('renamed-executable.pdf'), Buffer.alloc(5 * 1024 * 1024)]);
    let chunksRead = 0;
    const stream = Readable.from(
      (function* () {
        for (let at = 0; at < elf.length; at += 4096) {
          chunksRead++;
          yield elf.subarray(at, at + 4096);
        }
      })(),
    );
    await assert.rejects(readUpload(stream), (e) => isAppError(e) && e.code === 'unsupported_media_type');
    assert.equal(chunksRead, 1);
  });

  it('refuses a ZIP that is not a DOCX or an ODT, and an empty upload', async () => {
    const jar = buildZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }]);
    const ods = buildOdfPackage('application/vnd.oasis.opendocument.spreadsheet', {
      'content.xml': '<office:document-content/>',
    });
    for (const zip of [jar, ods]) {
      await assert.rejects(
        readUpload(chunked(zip)),
        (e) => isAppError(e) && e.code === 'unsupported_media_type' && /ODT/.test(e.message),
      );
    }
    await assert.rejects(
      readUpload(chunked(Buffer.alloc(0))),
      (e) => isAppError(e) && e.code === 'resume_unreadable',
    );
  });
});
