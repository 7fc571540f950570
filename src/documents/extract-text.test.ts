import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { buildPdf, zlibSpaces } from '../../test/fixtures/documents/pdf-builder.ts';
import {
  buildOdfPackage,
  buildZip,
  CONTENT_TYPES_XML,
  deflatedZeros,
} from '../../test/fixtures/documents/zip-builder.ts';
import { isAppError } from '../platform/errors.ts';
import type { DocumentType } from './detect-type.ts';
import { closeExtraction, extractText, warmUpExtraction } from './extract-text.ts';
import type { UnreadableReason } from './extraction-failure.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/documents/${name}`, import.meta.url));

function unreadable(reason: UnreadableReason) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, 'resume_unreadable');
    assert.equal(error.status, 422);
    assert.equal(error.extensions?.reason, reason, `reason (${error.message})`);
    assert.ok(error.message.length > 20, 'a sentence for the user');
    return true;
  };
}

const WORD_DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Zoë</w:t></w:r></w:p></w:body></w:document>';

describe('extractText', () => {
  before(() => warmUpExtraction());
  after(() => closeExtraction());

  describe('PDF', () => {
    it('reads a LibreOffice PDF with its Latin Extended names and bullets', async () => {
      const result = await extractText(fixture('cv-libreoffice.pdf'), 'pdf');
      assert.equal(result.pages, 1);
      assert.equal(result.totalPages, 1);
      assert.equal(result.truncated, false);
      assert.equal(result.chars, result.text.length);
      const lines = result.text.split('\n');
      // The largest line at the top is the title; bullets are list items.
      assert.equal(lines[0], '# Zoë Müller-Łukasiewicz');
      assert.equal(result.layout, 'one_column');
      assert.ok(lines.includes('Ångström Logistics — Staff Engineer'), result.text);
      assert.ok(
        lines.includes('- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection.'),
        result.text,
      );
    });

    it('reads a Chromium (Skia) PDF line by line with word spaces', async () => {
      const { text } = await extractText(fixture('cv-chromium.pdf'), 'pdf');
      const lines = text.split('\n');
      assert.equal(lines[0], '# Zoë Müller-Łukasiewicz');
      assert.ok(lines.includes('Dvořák Payments — Software Engineer (2017–2021)'), text);
      assert.ok(lines.includes('TypeScript, Node.js, Go, PostgreSQL, Redis, Kubernetes, AWS'), text);
      // Headings are marked and separated from the previous block by a blank line.
      assert.match(text, /\n\n## EXPERIENCE\n/);
      // A list item wrapped over two lines (no bullet glyph, only an indent) is one item.
      assert.ok(
        lines.includes(
          '- Led the migration of the order service to PostgreSQL 15, cutting p99 latency by 40 %.',
        ),
        text,
      );
    });

    it('keeps the columns of a pdf-lib PDF apart, header first, then the main column', async () => {
      const { text, layout } = await extractText(fixture('cv-pdflib.pdf'), 'pdf');
      assert.equal(layout, 'sidebar');
      assert.match(
        text,
        /^# Zoë Müller\n\nBackend Engineer, Zürich\n\n## EXPERIENCE\nÅngström Logistics, Staff Engineer\nCut p99 latency of the order API by 40 %\.\n/,
      );
      // The sidebar comes after the main text of every page: an entry cut by a page break stays whole.
      assert.match(
        text,
        /Page 3: references available on request\.\n\n## SKILLS\nTypeScript\nPostgreSQL\nKubernetes$/,
      );
    });

    it('caps the pages read', async () => {
      const all = await extractText(fixture('cv-pdflib.pdf'), 'pdf');
      assert.equal(all.pages, 3);
      assert.match(all.text, /Page 3:/);
      const capped = await extractText(fixture('cv-pdflib.pdf'), 'pdf', { maxPages: 2 });
      assert.equal(capped.pages, 2);
      assert.equal(capped.totalPages, 3);
      assert.equal(capped.truncated, true);
      assert.match(capped.text, /Page 2:/);
      assert.doesNotMatch(capped.text, /Page 3:/);
    });

    it('caps the characters kept, at a line end', async () => {
      const result = await extractText(fixture('cv-chromium.pdf'), 'pdf', { maxChars: 88 });
      assert.equal(result.truncated, true);
      assert.ok(result.chars <= 88);
      assert.equal(
        result.text,
        '# Zoë Müller-Łukasiewicz\n\nSenior Backend Engineer · Kraków, Poland · zoe@example.com',
      );
    });

    it('reads a PDF with leading junk and one with a broken cross-reference table', async () => {
      for (const name of ['leading-junk.pdf', 'broken-xref.pdf']) {
        const { text, pages } = await extractText(fixture(name), 'pdf');
        assert.equal(pages, 3, name);
        assert.match(text, /^# Zoë Müller\n/, name);
      }
    });

    it('refuses a password-protected PDF', async () => {
      await assert.rejects(extractText(fixture('encrypted.pdf'), 'pdf'), unreadable('encrypted'));
    });

    it('refuses a scanned PDF without a text layer, suggesting a fix', async () => {
      await assert.rejects(extractText(fixture('scanned-no-text.pdf'), 'pdf'), (error) => {
        unreadable('no_text_layer')(error);
        assert.match((error as Error).message, /selectable text or a DOCX/);
        return true;
      });
    });

    it('refuses a PDF with no text and no images as empty', async () => {
      await assert.rejects(extractText(fixture('blank-page.pdf'), 'pdf'), unreadable('empty'));
    });

    it('refuses a PDF damaged beyond repair', async () => {
      await assert.rejects(extractText(fixture('corrupt.pdf'), 'pdf'), unreadable('corrupt'));
      const truncated = fixture('cv-chromium.pdf').subarray(0, 400);
      await assert.rejects(extractText(truncated, 'pdf'), unreadable('corrupt'));
    });

    it('refuses a small PDF whose content stream inflates to hundreds of MB', async () => {
      const bomb = buildPdf(zlibSpaces(400), 'FlateDecode');
      assert.ok(bomb.length < 1024 * 1024);
      await assert.rejects(extractText(bomb, 'pdf'), unreadable('too_large'));
    });

    it('reads a PDF whose compressed content stream is ordinary', async () => {
      const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 720 Td (Hello) Tj ET'));
      const pdf = buildPdf(content, 'FlateDecode');
      assert.equal((await extractText(pdf, 'pdf')).text, 'Hello');
    });

    it('gives up on a PDF past its deadline and keeps serving others', async () => {
      // A 1 ms deadline cannot be met (pdf.js alone takes longer to open a file), which stands in
      // for a file that hangs the parser; the job running beside it must not be lost.
      const slow = extractText(fixture('cv-chromium.pdf'), 'pdf', { timeoutMs: 1 });
      const beside = extractText(fixture('cv-libreoffice.pdf'), 'pdf');
      await assert.rejects(slow, unreadable('timeout'));
      assert.match((await beside).text, /^# Zoë Müller-Łukasiewicz/);
      const after = await extractText(fixture('cv-pdflib.pdf'), 'pdf');
      assert.equal(after.pages, 3);
    });

    it('answers jobs in flight when shut down, and starts again afterwards', async () => {
      const inFlight = assert.rejects(extractText(fixture('cv-chromium.pdf'), 'pdf'), unreadable('timeout'));
      await closeExtraction();
      await inFlight;
      assert.equal((await extractText(fixture('cv-pdflib.pdf'), 'pdf')).pages, 3);
    });

    it('runs many extractions concurrently', async () => {
      const names = ['cv-libreoffice.pdf', 'cv-chromium.pdf', 'cv-pdflib.pdf', 'broken-xref.pdf'];
      const results = await Promise.all(
        names.flatMap((name) => [name, name]).map((n) => extractText(fixture(n), 'pdf')),
      );
      for (const result of results) assert.match(result.text, /^# Zoë Müller/);
    });
  });

  describe('DOCX', () => {
    it('reads paragraphs, headings and list items as lines', async () => {
      const result = await extractText(fixture('cv.docx'), 'docx');
      assert.equal(result.pages, null);
      assert.equal(
        result.text,
        [
          '# Zoë Müller-Łukasiewicz',
          '',
          'Senior Backend Engineer · Kraków, Poland · zoe@example.com',
          '',
          '## Experience',
          'Ångström Logistics — Staff Engineer',
          '- Led the migration of the order service to PostgreSQL 15.',
          '- Worked with Øyvind Hansen and Ştefan Popescu on fraud detection.',
          '',
          '## Skills',
          'TypeScript, Node.js, Go, PostgreSQL',
        ].join('\n'),
      );
    });

    it('refuses a zip bomb posing as a DOCX before inflating it', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', deflated: deflatedZeros(300) },
      ]);
      assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
      await assert.rejects(extractText(bomb, 'docx'), unreadable('too_large'));
    });

    it('refuses a single entry with an absurd compression ratio', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', data: WORD_DOCUMENT },
        { name: 'word/media/padding.bin', deflated: deflatedZeros(20) },
      ]);
      await assert.rejects(extractText(bomb, 'docx'), unreadable('too_large'));
    });

    it('refuses a bomb that lies about its sizes in the central directory', async () => {
      const liar = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', data: WORD_DOCUMENT },
        { name: 'word/styles.xml', deflated: deflatedZeros(200), declaredSize: 4096 },
      ]);
      await assert.rejects(extractText(liar, 'docx'), unreadable('corrupt'));
    });

    it('refuses a DOCX whose document part is not XML', async () => {
      const broken = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', data: 'this is not <xml' },
      ]);
      await assert.rejects(extractText(broken, 'docx'), unreadable('corrupt'));
    });

    it('refuses a DOCX without text', async () => {
      const empty = buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        {
          name: 'word/document.xml',
          data: WORD_DOCUMENT.replace('<w:p><w:r><w:t>Zoë</w:t></w:r></w:p>', ''),
        },
      ]);
      await assert.rejects(extractText(empty, 'docx'), unreadable('empty'));
    });
  });

  describe('ODT', () => {
    it('reads Writer’s own file in the worker, with its layout', async () => {
      const result = await extractText(fixture('cv-writer.odt'), 'odt');
      assert.match(result.text, /^# Giulia Bernardi\n/);
      assert.match(result.text, /^## Esperienza professionale$/m);
      assert.equal(result.layout, 'sidebar');
      assert.equal(result.pages, null);
    });

    it('refuses a zip bomb posing as an ODT before inflating it', async () => {
      const bomb = buildZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', stored: true },
        { name: 'content.xml', deflated: deflatedZeros(300) },
      ]);
      await assert.rejects(extractText(bomb, 'odt'), unreadable('too_large'));
    });

    it('refuses a password-protected ODT with a sentence about the password', async () => {
      const manifest =
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>';
      const encrypted = buildZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', stored: true },
        { name: 'META-INF/manifest.xml', data: manifest },
        { name: 'content.xml', data: Buffer.from([0x8f, 0x12, 0x00, 0xfe]) },
      ]);
      await assert.rejects(extractText(encrypted, 'odt'), (error) => {
        unreadable('encrypted')(error);
        assert.match((error as Error).message, /protected by a password/);
        return true;
      });
    });

    it('refuses an ODT without text', async () => {
      const empty = buildOdfPackage('application/vnd.oasis.opendocument.text', {
        'content.xml':
          '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text/></office:body></office:document-content>',
      });
      await assert.rejects(extractText(empty, 'odt'), unreadable('empty'));
    });
  });

  describe('TXT', () => {
    it('decodes UTF-8 and UTF-16 to the same normalized text', async () => {
      const utf8 = await extractText(fixture('cv.txt'), 'txt');
      const utf16 = await extractText(fixture('cv-utf16.txt'), 'txt');
      assert.equal(utf8.text, utf16.text);
      assert.match(utf8.text, /^Zoë Müller-Łukasiewicz\nSenior Backend Engineer/);
      assert.equal(utf8.pages, null);
    });

    it('normalizes newlines, decomposed accents and spacing', async () => {
      const raw = Buffer.from('Zoe\u0308   Mu\u0308ller\r\n\r\n\r\n\r\nDvor\u030Ca\u0301k\t\tPayments\r');
      const { text } = await extractText(raw, 'txt');
      assert.equal(text, 'Zoë Müller\n\nDvořák Payments');
    });
  });

  describe('refused input', () => {
    const cases: [string, Buffer, DocumentType, UnreadableReason][] = [
      ['a 0-byte file', Buffer.alloc(0), 'pdf', 'empty'],
      ['a renamed executable', fixture('renamed-executable.pdf'), 'pdf', 'unsupported'],
      ['a PDF declared as DOCX', fixture('cv-pdflib.pdf'), 'docx', 'unsupported'],
      ['an ODT declared as DOCX', fixture('cv-writer.odt'), 'docx', 'unsupported'],
      ['an 11 MB file', Buffer.alloc(11 * 1024 * 1024, 0x61), 'txt', 'too_large'],
      ['whitespace only', Buffer.from(' \n\t\n  '), 'txt', 'empty'],
    ];
    for (const [name, buffer, type, reason] of cases) {
      it(`refuses ${name}`, async () => {
        await assert.rejects(extractText(buffer, type), unreadable(reason));
      });
    }
  });
});
