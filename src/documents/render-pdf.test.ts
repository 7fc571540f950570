import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { extractText as extractPages, getMeta } from 'unpdf';
import { closeExtraction, extractText } from './extract-text.ts';
import { renderCvPdf, warmUpRendering } from './render-pdf.ts';

const improvedCv = readFileSync(
  new URL('../../test/fixtures/documents/cv-improved.md', import.meta.url),
  'utf8',
);

async function pageTexts(pdf: Buffer): Promise<string[]> {
  const { text } = await extractPages(new Uint8Array(pdf), { mergePages: false });
  return text;
}

describe('renderCvPdf', () => {
  before(() => warmUpRendering());
  after(() => closeExtraction());

  it('renders a two-page A4 CV with real Latin Extended glyphs and page numbers', async () => {
    const pdf = await renderCvPdf({ markdown: improvedCv });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const raw = pdf.toString('latin1');
    // A4 is 595.28 × 841.89 points.
    assert.match(raw, /\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    // The shipped DejaVu fonts are embedded (subset): no standard font stands in for them.
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/);

    const pages = await pageTexts(pdf);
    assert.equal(pages.length, 2);
    assert.match(pages[0] ?? '', /1 \/ 2/);
    assert.match(pages[1] ?? '', /2 \/ 2/);

    const { text } = await extractText(pdf, 'pdf');
    for (const name of [
      'Zoë Müller-Łukasiewicz',
      'Ångström',
      'Dvořák',
      'Øyvind',
      'Ştefan',
      'Université de Genève',
    ]) {
      assert.ok(text.includes(name), `${name} in the PDF text`);
    }
    // Its bullets read back as list items.
    assert.match(text, /^- Led the migration of the order service/m);
    assert.match(text, /1\. Maintained the customer portal/);
  });

  it('sets the title from the first heading unless one is given', async () => {
    const title = async (pdf: Buffer) => (await getMeta(new Uint8Array(pdf))).info.Title;
    assert.equal(await title(await renderCvPdf({ markdown: '# Øyvind Hansen\n\ntext' })), 'Øyvind Hansen');
    assert.equal(
      await title(await renderCvPdf({ markdown: '# Name\n\ntext', title: 'CV for ACME' })),
      'CV for ACME',
    );
    assert.equal(await title(await renderCvPdf({ markdown: 'no heading' })), 'CV');
  });

  it('makes safe links clickable and nothing else', async () => {
    const pdf = await renderCvPdf({
      markdown: [
        '[site](https://example.com/zoe) [mail](mailto:zoe@example.com)',
        '[bad](javascript:alert(1)) [local](file:///etc/passwd) [rel](/admin)',
        '![tracker](https://tracker.example/pixel.png)',
        '<img src="https://tracker.example/x.png"> <iframe src="https://evil.example"></iframe>',
      ].join('\n\n'),
    });
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/URI \(https:\/\/example\.com\/zoe\)/);
    assert.match(raw, /\/URI \(mailto:zoe@example\.com\)/);
    assert.equal(raw.match(/\/URI /g)?.length, 2);
    assert.doesNotMatch(raw, /javascript|file:|tracker|evil/);
    assert.doesNotMatch(raw, /\/Subtype \/Image/);
    const { text } = await extractText(pdf, 'pdf');
    assert.match(text, /bad local rel/);
  });

  it('never leaves a heading alone at the bottom of a page', async () => {
    // Filler of different lengths moves the heading through every position near the page end.
    for (let fillers = 30; fillers <= 44; fillers++) {
      const markdown = [
        '# Filler',
        ...Array.from({ length: fillers }, (_, i) => `Line ${i + 1} of filler text.`),
        '## Experience heading',
        'First line after the heading.',
        'Second line after the heading.',
      ].join('\n\n');
      const pages = await pageTexts(await renderCvPdf({ markdown, title: 'Footer' }));
      for (const [index, page] of pages.entries()) {
        const body = page
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !/^(Footer)?\s*(\d+ \/ \d+)?$/.test(line));
        assert.ok(body.length > 0);
        assert.notEqual(body.at(-1), 'Experience heading', `page ${index + 1} with ${fillers} fillers`);
      }
    }
  });

  it('renders every markdown construct without failing', async () => {
    const markdown = [
      '# H1',
      '## H2',
      '### H3',
      '#### H4',
      '##### H5',
      '###### H6',
      'Text with **bold**, *italic*, ***both***, ~~strike~~, `code`, a<br>break and &amp; &#x141; entities.',
      '- [x] done\n- [ ] todo',
      '1. one\n   - nested\n     1. deeper\n2. two',
      '> quote with **bold**\n>\n> > nested quote',
      '```ts\nconst x = 1;\n  indented();\n```',
      '---',
      '| a | b |\n| :-- | --: |\n| **1** | [x](https://x.example) |',
      '<div>raw html block</div>',
      '[ref]: https://example.com',
    ].join('\n\n');
    const pdf = await renderCvPdf({ markdown });
    const { text } = await extractText(pdf, 'pdf');
    for (const expected of [
      'H6',
      'Ł entities',
      '☑ done',
      '☐ todo',
      'deeper',
      'nested quote',
      'indented();',
      'raw html block',
    ]) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
  });

  it('keeps every character of a document rendered after others', async () => {
    // Writing a PDF caches the glyphs its letters are built from (Cyrillic В, С, О reuse the
    // drawings of Latin B, C, O) without their characters; a later document laid out with the
    // same fonts lost those letters ("Backend Developer" read back as "ackend Developer").
    const cyrillic = '# Вера Сидорова\n\n**ВЕРА СИДОРОВА**, *Вера*, ***ВСО*** · Москва';
    const latin = '# Jane Doe\n\n**Backend Developer** | Cloud & DevOps | *Prague*, ***BCO***';
    for (let round = 0; round < 2; round++) {
      await renderCvPdf({ markdown: cyrillic });
      const { text } = await extractText(await renderCvPdf({ markdown: latin }), 'pdf');
      assert.match(text, /Backend Developer \| Cloud & DevOps \| Prague, BCO/, `round ${round}: ${text}`);
    }
  });

  it('renders empty and hostile input without throwing', async () => {
    for (const markdown of [
      '',
      '   ',
      '\u0000\u0007',
      '#'.repeat(5000),
      '['.repeat(2000),
      '<script>alert(1)</script>',
    ]) {
      const pdf = await renderCvPdf({ markdown });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.doesNotMatch(pdf.toString('latin1'), /alert/);
    }
  });
});
