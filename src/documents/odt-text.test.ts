import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildOdfPackage, buildZip, deflatedZeros } from '../../test/fixtures/documents/zip-builder.ts';
import { ExtractionFailure } from './extraction-failure.ts';
import { extractOdtText } from './odt-text.ts';

// LibreOffice's namespace declarations, so hand-written parts parse as Writer's own do.
const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');
const ODT = 'application/vnd.oasis.opendocument.text';

// Writer's own defaults: 12 pt text, and the heading and title styles with their outline levels.
const WRITER_STYLES =
  '<style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style>' +
  '<style:style style:name="Standard" style:family="paragraph"/>' +
  '<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt"/></style:style>' +
  '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1"><style:text-properties fo:font-size="130%" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2"><style:text-properties fo:font-size="115%" fo:font-weight="bold"/></style:style>' +
  '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"><style:text-properties fo:font-size="28pt" fo:font-weight="bold"/></style:style>' +
  '<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/><text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>' +
  '<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>' +
  '<text:list-style style:name="Plain"><text:list-level-style-number text:level="1" style:num-format=""/></text:list-style>';

interface WriterParts {
  /** the inside of office:text */
  body: string;
  /** more common styles, in styles.xml */
  styles?: string;
  /** automatic styles of content.xml (P1, T1, Sect1, Table1.A ...) */
  automatic?: string;
  /** the inside of office:master-styles */
  masterStyles?: string;
  /** automatic styles of styles.xml (page layouts, styles of headers and footers) */
  pageAutomatic?: string;
  mimeType?: string;
}

/** An ODT from hand-written OpenDocument XML. */
function writerOdt(parts: WriterParts): Buffer {
  return buildOdfPackage(parts.mimeType ?? ODT, {
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:automatic-styles>${parts.automatic ?? ''}</office:automatic-styles><office:body><office:text>${parts.body}</office:text></office:body></office:document-content>`,
    'styles.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3"><office:styles>${WRITER_STYLES}${parts.styles ?? ''}</office:styles><office:automatic-styles>${parts.pageAutomatic ?? ''}</office:automatic-styles><office:master-styles>${parts.masterStyles ?? '<style:master-page style:name="Standard"/>'}</office:master-styles></office:document-styles>`,
  });
}

const p = (text: string, style = 'Standard') => `<text:p text:style-name="${style}">${text}</text:p>`;
const h = (text: string, level = 1) =>
  `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${text}</text:h>`;
const list = (style: string, items: string[]) =>
  `<text:list text:style-name="${style}">${items.map((i) => `<text:list-item>${p(i)}</text:list-item>`).join('')}</text:list>`;
const lines = async (odt: Buffer) => (await extractOdtText(odt)).text.split('\n');

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('extractOdtText', () => {
  it('writes the Title style as #, Heading paragraphs as ##, and a job title in Heading 2 as its own block', async () => {
    const body =
      p('Jana Nováková', 'Title') +
      p('Data Engineer · Brno') +
      h('Experience') +
      h('Data Engineer, Kiwi.com', 2) +
      p('Built the pricing data platform.') +
      h('Senior Analyst, Avast', 2) +
      p('Ran the churn models.') +
      h('Education');
    assert.deepEqual(await lines(writerOdt({ body })), [
      '# Jana Nováková',
      '',
      'Data Engineer · Brno',
      '',
      '## Experience',
      '',
      'Data Engineer, Kiwi.com',
      'Built the pricing data platform.',
      '',
      'Senior Analyst, Avast',
      'Ran the churn models.',
      '',
      '## Education',
    ]);
  });

  it('reads a heading style as Writer does: text:p in an outlined style is body text, a converted Word style is a heading by name', async () => {
    // Writer writes a paragraph the author set to "Text Body" level as text:p; Word's headings
    // converted without an outline level keep only their name.
    const styles =
      '<style:style style:name="Word_20_Heading" style:display-name="Heading 1" style:family="paragraph"/>';
    const body =
      p('Jana Nováková', 'Title') +
      p('Projects', 'Heading_20_1') +
      p('Skills', 'Word_20_Heading') +
      p('SQL') +
      p('Languages', 'Word_20_Heading') +
      p('Czech');
    const read = await lines(writerOdt({ body, styles }));
    assert.ok(read.includes('Projects') && !read.includes('## Projects'), read.join('\n'));
    assert.ok(read.includes('## Skills') && read.includes('## Languages'), read.join('\n'));
  });

  it('finds the title from its size, and a heading from its look, as the DOCX reader does', async () => {
    const automatic =
      '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="24pt"/></style:style>' +
      '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold" fo:text-transform="uppercase"/></style:style>' +
      '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>';
    const body =
      p('Ola Nordmann', 'P1') +
      p('Work experience', 'P2') +
      p('<text:span text:style-name="T1">Store manager</text:span>, Rema 1000') +
      p('Led a team of twelve.');
    assert.deepEqual(await lines(writerOdt({ body, automatic })), [
      '# Ola Nordmann',
      '',
      '## Work experience',
      'Store manager, Rema 1000',
      'Led a team of twelve.',
    ]);
  });

  it('writes list items with "- ", numbered lists with their numbers, and nothing for an unmarked list', async () => {
    const nested =
      '<text:list text:style-name="Bullets"><text:list-item>' +
      p('Python') +
      `<text:list>${'<text:list-item>'}${p('pandas')}</text:list-item></text:list>` +
      '</text:list-item><text:list-header>' +
      p('(and more)') +
      '</text:list-header></text:list>';
    const continued =
      '<text:list text:style-name="Numbers" text:continue-numbering="true"><text:list-item>' +
      p('Third') +
      '</text:list-item></text:list>';
    const body =
      nested +
      list('Numbers', ['First', 'Second']) +
      p('Between the lists') +
      continued +
      list('Numbers', ['Again one']) +
      list('Plain', ['No marker']);
    assert.deepEqual(await lines(writerOdt({ body })), [
      '- Python',
      '- pandas',
      '(and more)',
      '1. First',
      '2. Second',
      'Between the lists',
      '3. Third',
      '1. Again one',
      'No marker',
    ]);
  });

  it('writes tabs as " | ", keeps line breaks in the block and honours typed spaces', async () => {
    const body =
      p('<text:tab/>Data Engineer<text:tab/><text:tab/>2019 – today<text:tab/>') +
      p('Kiwi.com<text:line-break/>Brno,<text:s/>Czechia<text:line-break/>Remote') +
      p('Python,<text:s text:c="3"/>SQL<text:s/>and\n   Go');
    assert.deepEqual(await lines(writerOdt({ body })), [
      'Data Engineer | 2019 – today',
      'Kiwi.com',
      'Brno, Czechia',
      'Remote',
      'Python, SQL and Go',
    ]);
  });

  it('drops tracked deletions, notes, comments, page numbers and soft page breaks; keeps links and fields', async () => {
    const tracked =
      '<text:tracked-changes><text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info><dc:creator>J</dc:creator></office:change-info>' +
      p('Deleted paragraph') +
      '</text:deletion></text:changed-region></text:tracked-changes>';
    const body =
      tracked +
      p('Led a team of <text:change text:change-id="ct1"/>six engineers') +
      p(
        'Portfolio: <text:a xlink:href="https://jana.dev">jana.dev</text:a><text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>' +
          p('A footnote') +
          '</text:note-body></text:note>',
      ) +
      p('<office:annotation><dc:creator>J</dc:creator>' + p('A comment') + '</office:annotation>Kraków') +
      p('<text:soft-page-break/>Since <text:date>2019</text:date>') +
      p('Page <text:page-number text:select-page="current">1</text:page-number>');
    assert.deepEqual(await lines(writerOdt({ body })), [
      'Led a team of six engineers',
      'Portfolio: jana.dev',
      'Kraków',
      'Since 2019',
    ]);
  });

  it('reads the page header (the name) before the body and the footer after it, each once', async () => {
    const masterStyles =
      '<style:master-page style:name="First_20_Page" style:display-name="First Page" style:next-style-name="Standard">' +
      '<style:header>' +
      p('Jana Nováková', 'P1') +
      p('jana.novakova@example.com') +
      '</style:header>' +
      '<style:footer>' +
      p(
        'References on request<text:tab/>Page <text:page-number>1</text:page-number> of <text:page-count>2</text:page-count>',
      ) +
      '</style:footer></style:master-page>' +
      '<style:master-page style:name="Standard"><style:header>' +
      p('Jana Nováková', 'P1') +
      p('jana.novakova@example.com') +
      '</style:header><style:header-left>' +
      p('Left pages only') +
      '</style:header-left><style:footer style:display="false">' +
      p('Hidden footer') +
      '</style:footer></style:master-page>';
    // The header's own automatic style lives in styles.xml; content.xml has another P1.
    const pageAutomatic =
      '<style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>';
    const automatic =
      '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="First_20_Page"/>';
    const body =
      p('Built the payment platform used by two million customers.', 'P1') + h('Experience') + h('Education');
    const { text, layout } = await extractOdtText(
      writerOdt({ body, automatic, masterStyles, pageAutomatic }),
    );
    const read = text.split('\n');
    assert.equal(read[0], '# Jana Nováková');
    assert.equal(read[2], 'jana.novakova@example.com');
    assert.equal(count(text, 'Jana Nováková'), 1, text);
    assert.equal(read.at(-1), 'References on request', 'the page number and its words are dropped');
    assert.ok(read.indexOf('## Experience') < read.indexOf('## Education'));
    assert.ok(!text.includes('Left pages only') && !text.includes('Hidden footer'), text);
    assert.equal(layout, 'one_column');
  });

  it('reads a text box once, as its own block where it is anchored; page frames first, from the top', async () => {
    const box = (name: string, y: string, content: string, width = '17cm') =>
      `<draw:frame draw:name="${name}" text:anchor-type="page" svg:x="0cm" svg:y="${y}" svg:width="${width}" svg:height="3cm"><draw:text-box>${content}</draw:text-box><draw:image xlink:href="Pictures/fallback.png"/></draw:frame>`;
    const anchored =
      '<text:p text:style-name="Standard"><draw:frame text:anchor-type="paragraph" svg:width="8cm"><draw:text-box>' +
      p('Kiwi.com, Brno') +
      '</draw:text-box></draw:frame>Data Engineer</text:p>';
    // LibreOffice writes page-anchored frames first, in their stacking order, not their place.
    const body =
      box('Contact', '5cm', p('jana@example.com')) +
      box('Name', '0cm', p('Jana Nováková', 'Title')) +
      h('Experience') +
      anchored +
      '<text:p text:style-name="Standard"><draw:custom-shape text:anchor-type="char" svg:width="17cm">' +
      p('Shape text') +
      '<draw:enhanced-geometry draw:type="rectangle"/></draw:custom-shape></text:p>';
    const { text } = await extractOdtText(writerOdt({ body }));
    assert.deepEqual(text.split('\n'), [
      '# Jana Nováková',
      '',
      'jana@example.com',
      '',
      '## Experience',
      '',
      'Kiwi.com, Brno',
      '',
      'Data Engineer',
      '',
      'Shape text',
    ]);
  });

  it('calls a narrow frame of some text beside the main text a sidebar', async () => {
    const sidebar =
      '<draw:frame text:anchor-type="page" svg:x="0cm" svg:y="0cm" svg:width="6cm" svg:height="27cm"><draw:text-box>' +
      ['Contact', 'jana@example.com', '+420 777 123 456', 'Brno, Czechia'].map((t) => p(t)).join('') +
      '</draw:text-box></draw:frame>';
    const main = p(
      'Built the pricing data platform at Kiwi.com and cut the cost of the nightly jobs by a third. '.repeat(
        4,
      ),
    );
    const { text, layout } = await extractOdtText(writerOdt({ body: sidebar + main }));
    assert.equal(layout, 'sidebar');
    assert.equal(count(text, 'jana@example.com'), 1);
  });

  it('reads a two-column layout table column by column, the wide main column first', async () => {
    const automatic =
      '<style:style style:name="T.A" style:family="table-column"><style:table-column-properties style:column-width="5cm"/></style:style>' +
      '<style:style style:name="T.B" style:family="table-column"><style:table-column-properties style:column-width="12cm"/></style:style>';
    const cell = (...paras: string[]) => `<table:table-cell>${paras.join('')}</table:table-cell>`;
    const body =
      '<table:table><table:table-column table:style-name="T.A"/><table:table-column table:style-name="T.B"/>' +
      `<table:table-row>${cell(p('Jana Nováková', 'Title'))}<table:covered-table-cell/></table:table-row>`.replace(
        '<table:table-cell>',
        '<table:table-cell table:number-columns-spanned="2">',
      ) +
      `<table:table-row>${cell(p('Contact'), p('jana@example.com'), p('+420 777 123 456'))}${cell(
        h('Experience'),
        p('Data Engineer, Kiwi.com'),
        p('Built the pricing data platform.'),
      )}</table:table-row></table:table>`;
    const { text, layout } = await extractOdtText(writerOdt({ body, automatic }));
    const read = text.split('\n');
    assert.equal(read[0], '# Jana Nováková');
    assert.ok(read.indexOf('## Experience') < read.indexOf('Contact'), text);
    assert.equal(layout, 'sidebar');
  });

  it('keeps the dates of a row table on one line with their entry; a merged cell is read once, with what it covers', async () => {
    const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
    const cell = (text: string, attrs = '') => `<table:table-cell${attrs}>${p(text)}</table:table-cell>`;
    const covered = (text: string) => `<table:covered-table-cell>${p(text)}</table:covered-table-cell>`;
    const body =
      '<table:table><table:table-column table:number-columns-repeated="3"/>' +
      row(cell('2019 – today'), cell('Data Engineer, Kiwi.com'), cell('Brno')) +
      row(
        cell('2016 – 2019'),
        cell('Analyst, Avast', ' table:number-columns-spanned="2"'),
        covered('Prague'),
      ) +
      row(cell('Languages', ' table:number-rows-spanned="2"'), cell('Czech'), cell('native')) +
      row(covered('and writing'), cell('German'), cell('B2')) +
      '</table:table>';
    const { text, layout } = await extractOdtText(writerOdt({ body }));
    assert.deepEqual(text.split('\n'), [
      '2019 – today | Data Engineer, Kiwi.com | Brno',
      '',
      '2016 – 2019 | Analyst, Avast',
      'Prague',
      '',
      'Languages | Czech | native',
      'and writing',
      'German | B2',
    ]);
    assert.equal(layout, 'table');
  });

  it('calls a document mostly in a two-column section two_columns', async () => {
    const automatic =
      '<style:style style:name="Sect1" style:family="section"><style:section-properties><style:columns fo:column-count="2"/></style:section-properties></style:style>';
    const body =
      p('Jana Nováková') +
      `<text:section text:style-name="Sect1" text:name="Columns">${p(
        'Built the pricing data platform at Kiwi.com and cut the cost of the nightly jobs by a third.',
      )}</text:section>`;
    assert.equal((await extractOdtText(writerOdt({ body, automatic }))).layout, 'two_columns');
  });

  it('reads Writer’s own file: the name from its frame, the headings, a job and the sidebar once', async () => {
    const odt = readFileSync(new URL('../../test/fixtures/documents/cv-writer.odt', import.meta.url));
    const { text, layout } = await extractOdtText(odt);
    const read = text.split('\n');
    assert.equal(read[0], '# Giulia Bernardi');
    assert.ok(read.includes('## Esperienza professionale'), text);
    const job = read.indexOf('Project Architect');
    assert.equal(read[job + 1], 'Studio Ferrario Associati, Milano · apr. 2019 – oggi');
    assert.match(read[job + 2] ?? '', /^- Responsabile di progetto per tre scuole primarie/);
    assert.equal(count(text, 'giulia.bernardi@example.com'), 1);
    assert.equal(layout, 'sidebar');
  });

  describe('refused files', () => {
    const failure = (reason: string) => (error: unknown) =>
      error instanceof ExtractionFailure && error.reason === reason;

    it('refuses a password-protected ODT as encrypted', async () => {
      const manifest =
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry>' +
        '</manifest:manifest>';
      const encrypted = buildZip([
        { name: 'mimetype', data: ODT, stored: true },
        { name: 'META-INF/manifest.xml', data: manifest },
        { name: 'content.xml', data: Buffer.from([0x8f, 0x12, 0x00, 0xfe]) },
      ]);
      await assert.rejects(extractOdtText(encrypted), failure('encrypted'));
    });

    it('refuses a content part that is not XML, or none, or no text body, as corrupt', async () => {
      const broken = buildOdfPackage(ODT, { 'content.xml': 'this is not <xml' });
      await assert.rejects(extractOdtText(broken), failure('corrupt'));
      await assert.rejects(extractOdtText(buildOdfPackage(ODT, {})), failure('corrupt'));
      const spreadsheet = buildOdfPackage(ODT, {
        'content.xml': `<office:document-content ${NS}><office:body><office:spreadsheet/></office:body></office:document-content>`,
      });
      await assert.rejects(extractOdtText(spreadsheet), failure('corrupt'));
    });

    it('refuses XML built to exhaust the reader: declared entities as corrupt, absurd nesting as too_large', async () => {
      const content = (inside: string, doctype = '') =>
        buildOdfPackage(ODT, {
          'content.xml': `<?xml version="1.0"?>${doctype}<office:document-content ${NS}><office:body><office:text>${inside}</office:text></office:body></office:document-content>`,
        });
      const laughs = content(
        p('&b;'),
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
      );
      await assert.rejects(extractOdtText(laughs), failure('corrupt'));
      const nested = content(`${'<text:section>'.repeat(1000)}${'</text:section>'.repeat(1000)}`);
      await assert.rejects(extractOdtText(nested), failure('too_large'));
    });

    it('refuses a zip bomb posing as an ODT before inflating it', async () => {
      const bomb = buildZip([
        { name: 'mimetype', data: ODT, stored: true },
        { name: 'content.xml', deflated: deflatedZeros(300) },
      ]);
      await assert.rejects(extractOdtText(bomb), failure('too_large'));
    });
  });

  it('reads an empty body as no text', async () => {
    assert.deepEqual(await extractOdtText(writerOdt({ body: p('') })), { text: '', layout: 'one_column' });
  });
});
