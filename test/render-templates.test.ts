// Every PDF template, on A4 and Letter, read back by the project's own reader: what a CV meant
// (its markdown's structure) must be what the rendered file says. Also the page budget, and the
// DOCX export's structure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parseCv } from '../src/analysis/cv-structure.ts';
import { readBackScore } from '../src/analysis/read-back.ts';
import {
  closeExtraction,
  extractText,
  PAGE_SIZES,
  PDF_TEMPLATES,
  renderCvDocx,
  renderCvPdfDocument,
  warmUpRendering,
} from '../src/documents/index.ts';
import { readZipParts } from '../src/documents/zip.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/documents/${name}`, import.meta.url), 'utf8');

const CVS = {
  long: fixture('cv-long.md'),
  short: fixture('cv-short.md'),
  russian: fixture('cv-russian.md'),
};

const GREEK_CV = `# Ελένη Παπαδοπούλου

eleni.papadopoulou@example.gr · +30 694 123 4567 · Αθήνα

## Επαγγελματική εμπειρία

### Λογίστρια — Ακρόπολις Συμβουλευτική Α.Ε.
*03/2019 – σήμερα*

- Σύνταξη μηνιαίων οικονομικών καταστάσεων για 40 πελάτες

## Εκπαίδευση

### Πτυχίο Λογιστικής — Οικονομικό Πανεπιστήμιο Αθηνών
*2014 – 2018*
`;

const MEDIA_BOXES = { A4: /\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/, Letter: /\/MediaBox \[0 0 612 792\]/ };

async function readBack(data: Buffer, type: 'pdf' | 'docx') {
  const extracted = await extractText(data, type);
  return { ...extracted, structure: parseCv(extracted.text) };
}

describe('PDF templates read back', () => {
  before(() => warmUpRendering());
  after(() => closeExtraction());

  for (const [name, markdown] of Object.entries(CVS)) {
    const intended = parseCv(markdown);
    for (const template of PDF_TEMPLATES) {
      for (const pageSize of PAGE_SIZES) {
        it(`${template} on ${pageSize}: the ${name} CV reads back as meant`, async () => {
          const rendered = await renderCvPdfDocument({ markdown, template, pageSize });
          assert.deepEqual([rendered.template, rendered.pageSize, rendered.cut], [template, pageSize, []]);
          const raw = rendered.data.toString('latin1');
          assert.match(raw, MEDIA_BOXES[pageSize]);
          // Every glyph came from the shipped DejaVu fonts: no standard font stood in for one.
          assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/);
          const read = await readBack(rendered.data, 'pdf');
          assert.equal(rendered.pages, read.totalPages, 'the page count the renderer reports');
          const result = readBackScore(intended, read.structure);
          assert.ok(result.checked >= 15, `${result.checked} fields checked`);
          assert.ok(result.score >= 0.95, `score ${result.score.toFixed(3)}: ${result.missed.join('; ')}`);
        });
      }
    }
  }

  it('the long CV takes two or three pages in every template, the short one one page', async () => {
    for (const template of PDF_TEMPLATES) {
      const long = await renderCvPdfDocument({ markdown: CVS.long, template });
      const short = await renderCvPdfDocument({ markdown: CVS.short, template });
      assert.ok(long.pages >= 2 && long.pages <= 3, `${template}: ${long.pages} pages`);
      assert.equal(short.pages, 1, template);
    }
  });

  it('renders every markdown construct and hostile input in every template', async () => {
    const constructs = [
      '# H1\n\n**Title** · a@example.com\n\n## Skills\n\n| Tool | Level |\n| --- | --- |\n| Excel | Expert |',
      '## Experience\n\n### H3\n*2020 – 2021*\n\n#### H4\n\n1. one\n   - nested\n2. two\n\n> quote\n\n```\ncode\n```\n\n---',
      '- [x] done\n- [ ] todo\n\n<div>raw html block</div>\n\n[ref]: https://example.com',
    ];
    const hostile = ['', '\u0000\u0007', '#'.repeat(5000), '['.repeat(2000), '<script>alert(1)</script>'];
    for (const template of PDF_TEMPLATES) {
      for (const markdown of [...constructs, ...hostile]) {
        const rendered = await renderCvPdfDocument({ markdown, template, maxPages: 1 });
        assert.equal(rendered.data.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.doesNotMatch(rendered.data.toString('latin1'), /alert/);
        // 5000 "#" fill more than a page and hold nothing that may be cut: the budget says so.
        if (markdown.length < 1000)
          assert.equal(rendered.pages, 1, `${template}: ${JSON.stringify(markdown)}`);
        else assert.ok(rendered.pages >= 1);
      }
    }
  });

  it('renders a Greek CV with real glyphs in every template', async () => {
    for (const template of PDF_TEMPLATES) {
      const rendered = await renderCvPdfDocument({ markdown: GREEK_CV, template });
      assert.doesNotMatch(rendered.data.toString('latin1'), /\/BaseFont \/Helvetica/);
      const { text } = await extractText(rendered.data, 'pdf');
      for (const words of [
        'Ελένη Παπαδοπούλου',
        'Ακρόπολις Συμβουλευτική',
        'Οικονομικό Πανεπιστήμιο Αθηνών',
      ]) {
        assert.ok(text.includes(words), `${template}: ${words} in ${text}`);
      }
    }
  });
});

describe('page budget', () => {
  after(() => closeExtraction());
  const intended = parseCv(CVS.long);

  for (const [template, maxPages] of [
    ['classic', 2],
    ['classic', 1],
    ['modern', 1],
    ['compact', 1],
  ] as const) {
    it(`fits the long ${template} CV into ${maxPages} page${maxPages === 1 ? '' : 's'} and says what it cut`, async () => {
      const full = await renderCvPdfDocument({ markdown: CVS.long, template });
      assert.ok(full.pages > maxPages);
      const fitted = await renderCvPdfDocument({ markdown: CVS.long, template, maxPages });
      const read = await readBack(fitted.data, 'pdf');
      assert.equal(fitted.pages, maxPages);
      assert.equal(read.totalPages, maxPages);
      assert.ok(fitted.cut.length > 0);
      for (const item of fitted.cut) {
        assert.match(item.what, /^(?:\d+ bullets?(?:, \d+ paragraphs?)?|\d+ paragraphs?|whole section)$/);
        assert.ok(item.item === null ? item.what === 'whole section' : item.item.length > 0);
      }
      // What is never cut still reads back: name, contact details, every job's heading and dates.
      const { basics, work } = read.structure;
      assert.deepEqual(
        [basics.name, basics.email, basics.phone],
        [intended.basics.name, intended.basics.email, intended.basics.phone],
      );
      const jobs = (cv: typeof intended) =>
        cv.work.map((job) => [job.name, job.position, job.startDate, job.endDate]);
      assert.deepEqual(jobs(read.structure), jobs(intended));
      assert.equal(work.length, intended.work.length);
    });
  }

  it('refuses a budget outside 1–10 pages, an unknown template or page size', async () => {
    for (const maxPages of [0, 11, 1.5, Number.NaN]) {
      await assert.rejects(renderCvPdfDocument({ markdown: CVS.short, maxPages }), RangeError);
    }
    await assert.rejects(
      renderCvPdfDocument({ markdown: CVS.short, template: 'fancy' as never }),
      RangeError,
    );
    await assert.rejects(renderCvPdfDocument({ markdown: CVS.short, pageSize: 'A5' as never }), RangeError);
  });
});

describe('DOCX export', () => {
  after(() => closeExtraction());

  it('reads back as meant, with Word headings and numbered list paragraphs, on A4 and Letter', async () => {
    const intended = parseCv(CVS.long);
    const bullets = (CVS.long.match(/^- /gm) ?? []).length;
    for (const [pageSize, size] of [
      ['A4', 'w:w="11906" w:h="16838"'],
      ['Letter', 'w:w="12240" w:h="15840"'],
    ] as const) {
      const docx = await renderCvDocx({ markdown: CVS.long, pageSize });
      const read = await readBack(docx, 'docx');
      const result = readBackScore(intended, read.structure);
      assert.ok(result.score >= 0.95, `score ${result.score.toFixed(3)}: ${result.missed.join('; ')}`);
      const parts = await readZipParts(docx, (name) => name === 'word/document.xml');
      const xml = parts.get('word/document.xml')?.toString('utf8') ?? '';
      assert.match(xml, new RegExp(`<w:pgSz ${size}`));
      // The name, every section and every entry are real headings, not bold paragraphs.
      const styles = (level: number) =>
        (xml.match(new RegExp(`<w:pStyle w:val="Heading${level}"/>`, 'g')) ?? []).length;
      assert.equal(styles(1), 1);
      assert.equal(styles(2), (CVS.long.match(/^## /gm) ?? []).length);
      assert.equal(styles(3), (CVS.long.match(/^### /gm) ?? []).length);
      // Every bullet is a list paragraph with Word numbering, not a "•" typed into the text.
      assert.equal((xml.match(/<w:numPr>/g) ?? []).length, bullets);
      assert.doesNotMatch(xml, /<w:t[^>]*>•/);
    }
  });
});
