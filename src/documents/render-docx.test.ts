import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import mammoth from 'mammoth';
import yauzl from 'yauzl';
import { detectDocumentType } from './detect-type.ts';
import { closeExtraction, extractText } from './extract-text.ts';
import { renderCvDocx } from './render-docx.ts';

const improvedCv = readFileSync(
  new URL('../../test/fixtures/documents/cv-improved.md', import.meta.url),
  'utf8',
);

function readZipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      file.on('end', () => reject(new Error(`${name} not in the archive`)));
      file.readEntry();
    });
  });
}

const html = async (docx: Buffer) => (await mammoth.convertToHtml({ buffer: docx })).value;

describe('renderCvDocx', () => {
  after(() => closeExtraction());

  it('writes a DOCX that reads back with its headings, lists and Latin Extended text', async () => {
    const docx = await renderCvDocx({ markdown: improvedCv });
    assert.equal(detectDocumentType(docx), 'docx');
    const { text } = await extractText(docx, 'docx');
    const lines = text.split('\n');
    // The Title style reads back as the document's title line.
    assert.equal(lines[0], '# Zoë Müller-Łukasiewicz');
    assert.ok(lines.includes('Staff Engineer — Ångström Logistics'), text);
    assert.ok(
      lines.includes(
        '- Worked with Øyvind Hansen and Ştefan Popescu on fraud-detection rules that reduced chargebacks by 23 %.',
      ),
    );
    assert.ok(lines.includes('1. Maintained the customer portal (Node.js, Express, PostgreSQL).'));
    assert.ok(lines.includes('3. Wrote the first integration test suite of the team.'));
    assert.ok(lines.includes('Project | Stack | Outcome'));
  });

  it('uses real heading styles, emphasis and hyperlinks', async () => {
    const out = await html(await renderCvDocx({ markdown: improvedCv }));
    assert.match(out, /<h1>Zoë Müller-Łukasiewicz<\/h1>/);
    assert.match(out, /<h2>Experience<\/h2>/);
    assert.match(out, /<h3>Staff Engineer — Ångström Logistics<\/h3>/);
    assert.match(out, /<strong>Senior Backend Engineer<\/strong>/);
    assert.match(out, /<em>Kraków · 2021 – present<\/em>/);
    assert.match(out, /<a href="https:\/\/github.com\/zoe-ml">github.com\/zoe-ml<\/a>/);
    assert.match(out, /<a href="mailto:zoe@example.com">zoe@example.com<\/a>/);
    // The nested list stays nested.
    assert.match(out, /months\.<ul><li>Ran a weekly design review/);
  });

  it('restarts the numbering of each ordered list and honours its start', async () => {
    const docx = await renderCvDocx({ markdown: '1. a\n2. b\n\ntext\n\n1. c\n\ntext\n\n7. d\n8. e' });
    const { text } = await extractText(docx, 'docx');
    // The reader numbers items as Word prints them: three lists, the third from 7.
    assert.equal(text, '1. a\n2. b\ntext\n1. c\ntext\n7. d\n8. e');
    // ...and the numbering definitions keep the start of the third.
    const numbering = await readZipEntry(docx, 'word/numbering.xml');
    assert.match(numbering, /<w:start w:val="7"\/>/);
  });

  it('keeps only safe links and ignores images and raw HTML', async () => {
    const docx = await renderCvDocx({
      markdown:
        '[ok](https://example.com) [bad](javascript:alert(1)) [local](file:///etc/passwd) ![x](https://tracker.example/p.png) <img src="https://tracker.example/y.png">',
    });
    const out = await html(docx);
    assert.equal(out, '<p><a href="https://example.com">ok</a> bad local  </p>');
  });

  it('writes a valid document for empty input', async () => {
    const docx = await renderCvDocx({ markdown: '' });
    assert.equal(detectDocumentType(docx), 'docx');
    assert.equal(await html(docx), '');
  });
});
