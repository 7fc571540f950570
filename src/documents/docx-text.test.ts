import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Textbox,
  TextRun,
  WidthType,
} from 'docx';
import { buildZip, CONTENT_TYPES_XML } from '../../test/fixtures/documents/zip-builder.ts';
import { extractDocxText } from './docx-text.ts';
import { ExtractionFailure } from './extraction-failure.ts';

// Word's namespace declarations, so hand-written parts parse as Word's own do.
const NS = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
].join(' ');
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface WordParts {
  body: string;
  styles?: string;
  numbering?: string;
  headers?: Record<string, string>;
  footers?: Record<string, string>;
  /** imported parts (altChunk) by relationship id: [file name, content] */
  chunks?: Record<string, [string, string]>;
}

/** A DOCX from hand-written WordprocessingML: `body` is the inside of w:body. */
function wordDocx(parts: WordParts): Buffer {
  const rels: string[] = [];
  const entries = [
    { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${parts.body}</w:body></w:document>`,
    },
  ];
  if (parts.styles !== undefined) {
    rels.push(`<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>`);
    entries.push({ name: 'word/styles.xml', data: `<w:styles ${NS}>${parts.styles}</w:styles>` });
  }
  if (parts.numbering !== undefined) {
    rels.push(`<Relationship Id="rIdNumbering" Type="${REL}/numbering" Target="numbering.xml"/>`);
    entries.push({ name: 'word/numbering.xml', data: `<w:numbering ${NS}>${parts.numbering}</w:numbering>` });
  }
  for (const [kind, root, stories] of [
    ['header', 'hdr', parts.headers],
    ['footer', 'ftr', parts.footers],
  ] as const) {
    for (const [id, xml] of Object.entries(stories ?? {})) {
      rels.push(`<Relationship Id="${id}" Type="${REL}/${kind}" Target="${id}.xml"/>`);
      entries.push({ name: `word/${id}.xml`, data: `<w:${root} ${NS}>${xml}</w:${root}>` });
    }
  }
  for (const [id, [name, data]] of Object.entries(parts.chunks ?? {})) {
    rels.push(`<Relationship Id="${id}" Type="${REL}/aFChunk" Target="${name}"/>`);
    entries.push({ name: `word/${name}`, data });
  }
  entries.push({
    name: 'word/_rels/document.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  });
  return buildZip(entries);
}

const p = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const lines = async (docx: Buffer) => (await extractDocxText(docx)).text.split('\n');

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('extractDocxText', () => {
  it('reads the page header (the name) before the body and the footer after it, each once', async () => {
    const header = new Header({
      children: [
        new Paragraph({ children: [new TextRun({ text: 'Jana Nováková', bold: true, size: 40 })] }),
        new Paragraph('jana.novakova@example.com'),
      ],
    });
    const footer = new Footer({
      children: [
        new Paragraph({
          children: [
            new TextRun({
              children: ['References on request\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
            }),
          ],
        }),
      ],
    });
    const body = (heading: string) => [
      new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }),
      new Paragraph('Built the payment platform used by two million customers.'),
    ];
    // Two sections, both showing the same header and footer, as a two-page CV does.
    const doc = new Document({
      sections: [
        { headers: { default: header }, footers: { default: footer }, children: body('Experience') },
        { headers: { default: header }, footers: { default: footer }, children: body('Education') },
      ],
    });
    const { text, layout } = await extractDocxText(await Packer.toBuffer(doc));
    const read = text.split('\n');
    assert.equal(read[0], '# Jana Nováková');
    assert.equal(read[2], 'jana.novakova@example.com');
    assert.equal(count(text, 'Jana Nováková'), 1, text);
    assert.equal(count(text, 'jana.novakova@example.com'), 1, text);
    assert.equal(read.at(-1), 'References on request', 'the page number and its words are dropped');
    assert.ok(read.indexOf('## Experience') < read.indexOf('## Education'));
    assert.equal(layout, 'one_column');
  });

  it('reads the first-page header only when the section has a different first page', async () => {
    const docx = (titlePage: string) =>
      wordDocx({
        body: `${p('Body text')}<w:sectPr><w:headerReference w:type="first" r:id="hFirst"/><w:headerReference w:type="default" r:id="hDefault"/>${titlePage}</w:sectPr>`,
        headers: { hFirst: p('First page header'), hDefault: p('Every page header') },
      });
    assert.deepEqual(await lines(docx('<w:titlePg/>')), [
      'First page header',
      '',
      'Every page header',
      '',
      'Body text',
    ]);
    assert.deepEqual(await lines(docx('')), ['Every page header', '', 'Body text']);
  });

  it('reads a Word text box once (the Choice, not the Fallback) as its own block where it is anchored', async () => {
    const content = `<w:txbxContent>${p('Jana Nováková')}${p('Data Engineer')}</w:txbxContent>`;
    const anchor =
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="5400000" cy="900000"/>' +
      `<a:graphic><a:graphicData><wps:wsp><wps:txbx>${content}</wps:txbx></wps:wsp></a:graphicData></a:graphic>` +
      '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:425pt;height:71pt">' +
      `<v:textbox>${content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
      '<w:r><w:t>Profile</w:t></w:r></w:p>';
    const { text } = await extractDocxText(wordDocx({ body: `${anchor}${p('Builds data pipelines.')}` }));
    assert.equal(count(text, 'Jana Nováková'), 1, text);
    assert.equal(text, 'Jana Nováková\nData Engineer\n\nProfile\nBuilds data pipelines.');
  });

  it('reads a VML text box and calls a narrow one beside the main text a sidebar', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Textbox({
              style: { width: '150pt', height: '700pt', position: 'absolute' },
              children: [
                'Contact',
                'jana@example.com',
                '+420 601 234 567',
                'Skills',
                'Python, SQL, Airflow',
              ].map((t) => new Paragraph(t)),
            }),
            new Paragraph('Experience'),
            new Paragraph(
              'Data Engineer at Kiwi.com, Brno, 2019 – today. Built the pricing data platform on BigQuery and Airflow, and cut the cost of the nightly jobs by a third while doubling their number.',
            ),
            new Paragraph(
              'Analyst at Avast, Prague, 2016 – 2019. Wrote the churn models the retention team still uses.',
            ),
          ],
        },
      ],
    });
    const { text, layout } = await extractDocxText(await Packer.toBuffer(doc));
    assert.equal(count(text, 'jana@example.com'), 1, text);
    assert.match(
      text,
      /^Contact\njana@example\.com\n\+420 601 234 567\nSkills\nPython, SQL, Airflow\n\nExperience\n/,
    );
    assert.equal(layout, 'sidebar');
  });

  it('reads a name set large over two lines in a narrow sidebar cell first, as the title', async () => {
    const big = (text: string) => `<w:p><w:r><w:rPr><w:sz w:val="40"/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const cell = (width: number, xml: string) =>
      `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${xml}</w:tc>`;
    const side =
      big('Sophie') + big('LEFEBVRE') + p('Aide-soignante') + p('CONTACT') + p('sophie@example.fr');
    const main = ['PROFIL', 'Aide-soignante depuis huit ans.', 'EXPÉRIENCES', 'Aide-soignante – CHU de Lille']
      .map((t) => p(t))
      .join('');
    const body = `<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="7000"/></w:tblGrid><w:tr>${cell(3000, side)}${cell(7000, main)}</w:tr></w:tbl>`;
    const text = (await lines(wordDocx({ body }))).join('\n');
    assert.match(text, /^# Sophie LEFEBVRE\n/);
    assert.equal(count(text, 'LEFEBVRE'), 1);
  });

  it('reads a two-column layout table column by column, the wide main column first', async () => {
    const cell = (width: number, texts: string[]) =>
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        children: texts.map((t) => new Paragraph(t)),
      });
    const table = new Table({
      columnWidths: [3000, 7000],
      rows: [
        new TableRow({
          children: [
            cell(3000, ['CONTACT', 'jana@example.com', 'SKILLS', 'Python', 'SQL']),
            cell(7000, [
              'Jana Nováková',
              'EXPERIENCE',
              'Data Engineer, Kiwi.com',
              'Built the pricing data platform.',
              'Analyst, Avast',
            ]),
          ],
        }),
      ],
    });
    const { text, layout } = await extractDocxText(
      await Packer.toBuffer(new Document({ sections: [{ children: [table] }] })),
    );
    assert.equal(
      text,
      [
        'Jana Nováková',
        'EXPERIENCE',
        'Data Engineer, Kiwi.com',
        'Built the pricing data platform.',
        'Analyst, Avast',
        '',
        'CONTACT',
        'jana@example.com',
        'SKILLS',
        'Python',
        'SQL',
      ].join('\n'),
    );
    assert.equal(layout, 'sidebar');
  });

  it('keeps the dates of a row table on one line with their entry, then the entry’s other paragraphs', async () => {
    const row = (dates: string, title: string, bullets: string[]) =>
      new TableRow({
        children: [
          new TableCell({ width: { size: 2000, type: WidthType.DXA }, children: [new Paragraph(dates)] }),
          new TableCell({
            width: { size: 8000, type: WidthType.DXA },
            children: [
              new Paragraph(title),
              ...bullets.map((b) => new Paragraph({ text: b, numbering: { reference: 'dots', level: 0 } })),
            ],
          }),
        ],
      });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'dots',
            levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }],
          },
        ],
      },
      sections: [
        {
          children: [
            new Table({
              columnWidths: [2000, 8000],
              rows: [
                row('2019 – today', 'Data Engineer, Kiwi.com', [
                  'Built the pricing platform.',
                  'Cut job costs by a third.',
                ]),
                row('2016 – 2019', 'Analyst, Avast', ['Wrote the churn models.']),
                row('2014 – 2016', 'Intern, Seznam', []),
              ],
            }),
          ],
        },
      ],
    });
    const { text, layout } = await extractDocxText(await Packer.toBuffer(doc));
    assert.equal(
      text,
      [
        '2019 – today | Data Engineer, Kiwi.com',
        '- Built the pricing platform.',
        '- Cut job costs by a third.',
        '',
        '2016 – 2019 | Analyst, Avast',
        '- Wrote the churn models.',
        '',
        '2014 – 2016 | Intern, Seznam',
      ].join('\n'),
    );
    assert.equal(layout, 'table');
  });

  it('reads a period over several short lines beside each long entry row by row, not as columns', async () => {
    const cell = (width: number, lines: string[]) =>
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        children: lines.map((l) => new Paragraph(l)),
      });
    const row = (period: string[], entry: string[]) =>
      new TableRow({ children: [cell(2500, period), cell(7500, entry)] });
    const entry = (employer: string, title: string) => [
      employer,
      'Екатеринбург',
      title,
      'Управление складом класса А площадью 24 000 м² и персоналом 110 человек в три смены.',
      'Внедрение WMS-системы и адресного хранения; скорость отгрузки выросла на 35%.',
    ];
    const doc = new Document({
      sections: [
        {
          children: [
            new Table({
              columnWidths: [2500, 7500],
              rows: [
                row(
                  ['Март 2019 —', 'настоящее время', '6 лет 1 месяц'],
                  entry('ООО «Урал»', 'Руководитель склада'),
                ),
                row(
                  ['Июнь 2015 —', 'Февраль 2019', '3 года 9 месяцев'],
                  entry('АО «Исеть»', 'Начальник смены'),
                ),
              ],
            }),
          ],
        },
      ],
    });
    const { text } = await extractDocxText(await Packer.toBuffer(doc));
    const lines = text.split('\n');
    // Each period stays beside its own entry: the second period comes after the first entry.
    const firstEntry = lines.findIndex((l) => l.includes('ООО «Урал»'));
    const secondPeriod = lines.findIndex((l) => l.includes('Июнь 2015'));
    assert.ok(firstEntry >= 0 && secondPeriod > firstEntry, text);
    assert.ok(lines.findIndex((l) => l.includes('Март 2019')) <= firstEntry, text);
  });

  it('reads merged cells once', async () => {
    const tc = (text: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${p(text)}</w:tc>`;
    const body =
      '<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>' +
      `<w:tr>${tc('Skills', '<w:vMerge w:val="restart"/>')}${tc('Python', '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>${tc('SQL')}${tc('Airflow')}</w:tr></w:tbl>`;
    const { text } = await extractDocxText(wordDocx({ body }));
    assert.equal(count(text, 'Skills'), 1, text);
    assert.equal(text, 'Skills | Python\nSQL | Airflow');
  });

  it('writes Heading styles as ## and Title as #, by style name or outline level, not by style id', async () => {
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:sz w:val="22"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standard"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Standard"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="CVAbschnitt"><w:name w:val="CV Abschnitt"/><w:basedOn w:val="berschrift1"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Gliederung"><w:name w:val="Gliederung"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>';
    const body =
      p('Jana Nováková', '<w:pStyle w:val="Titel"/>') +
      p('Berufserfahrung', '<w:pStyle w:val="berschrift1"/>') +
      p('Data Engineer, Kiwi.com', '<w:pStyle w:val="berschrift2"/>') +
      p('Datenplattform aufgebaut.') +
      p('Ausbildung', '<w:pStyle w:val="CVAbschnitt"/>') +
      p('Kenntnisse', '<w:pStyle w:val="Gliederung"/>');
    // Heading 2 under repeated Heading 1 sections titles an entry: a plain line opening a block.
    assert.deepEqual(await lines(wordDocx({ body, styles })), [
      '# Jana Nováková',
      '',
      '## Berufserfahrung',
      '',
      'Data Engineer, Kiwi.com',
      'Datenplattform aufgebaut.',
      '',
      '## Ausbildung',
      '',
      '## Kenntnisse',
    ]);
    // With one heading level only, Heading 2 is the section heading.
    const flat =
      p('Profil', '<w:pStyle w:val="berschrift2"/>') +
      p('Text.') +
      p('Kenntnisse', '<w:pStyle w:val="berschrift2"/>');
    assert.deepEqual(await lines(wordDocx({ body: flat, styles })), [
      '## Profil',
      'Text.',
      '',
      '## Kenntnisse',
    ]);
  });

  it('finds a heading from its look only when it is ALL CAPS or a few larger, bold words', async () => {
    const run = (text: string, rPr: string) =>
      `<w:p><w:r><w:rPr>${rPr}</w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const body =
      run('Jana Nováková', '<w:b/><w:sz w:val="44"/>') +
      run('EXPERIENCE', '<w:b/>') +
      run('Senior Data Engineer', '<w:b/>') +
      run('Kiwi.com, Brno', '') +
      run('Built the pricing platform and cut the cost of the nightly jobs by a third.', '') +
      run('Education', '<w:b/><w:sz w:val="28"/>') +
      run('Senior Engineer in Test', '<w:sz w:val="28"/>') +
      run('The whole team moved to Kotlin.', '<w:b/><w:sz w:val="28"/>');
    assert.deepEqual(await lines(wordDocx({ body })), [
      '# Jana Nováková',
      '',
      '## EXPERIENCE',
      'Senior Data Engineer',
      'Kiwi.com, Brno',
      'Built the pricing platform and cut the cost of the nightly jobs by a third.',
      '',
      '## Education',
      'Senior Engineer in Test',
      'The whole team moved to Kotlin.',
    ]);
  });

  it('writes numbered paragraphs, directly or through their style, and typed bullets as list items', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>';
    const styles =
      '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    const numPr = (id: string) => `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${id}"/></w:numPr>`;
    const body =
      p('Led the migration to PostgreSQL.', numPr('1')) +
      p('Through the style.', '<w:pStyle w:val="ListBullet"/>') +
      p('Style list switched off.', `<w:pStyle w:val="ListBullet"/>${numPr('0')}`) +
      p('Format none prints no marker.', numPr('3')) +
      '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>' +
      p('• Typed bullet') +
      p('–\tTyped dash and tab') +
      `<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>Symbol bullet</w:t></w:r></w:p>`;
    assert.deepEqual(await lines(wordDocx({ body, numbering, styles })), [
      '- Led the migration to PostgreSQL.',
      '- Through the style.',
      'Style list switched off.',
      'Format none prints no marker.',
      '',
      '- Typed bullet',
      '- Typed dash and tab',
      '- Symbol bullet',
    ]);
  });

  it('numbers decimal lists as Word does: one count per list, restarted where an instance says', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>';
    const item = (text: string, numId: string, ilvl = 0) =>
      p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
    const body =
      item('Planned', '1') +
      item('Sub-step', '1', 1) +
      item('Built', '1') +
      p('Between the lists') +
      // Another instance of the same list continues its count...
      item('Shipped', '2') +
      // ...unless it overrides the start.
      item('Seventh', '3') +
      item('Eighth', '3');
    assert.deepEqual(await lines(wordDocx({ body, numbering })), [
      '1. Planned',
      '- Sub-step',
      '2. Built',
      'Between the lists',
      '3. Shipped',
      '7. Seventh',
      '8. Eighth',
    ]);
  });

  it('writes tabs as " | " between non-empty parts and keeps line breaks in the block', async () => {
    const body =
      '<w:p><w:r><w:tab/><w:t>Data Engineer</w:t><w:tab/><w:tab/><w:t>2019 – today</w:t><w:tab/></w:r></w:p>' +
      '<w:p><w:r><w:t>Kiwi.com</w:t><w:br/><w:t>Brno, Czechia</w:t><w:cr/><w:t>Remote</w:t></w:r></w:p>';
    assert.deepEqual(await lines(wordDocx({ body })), [
      'Data Engineer | 2019 – today',
      'Kiwi.com',
      'Brno, Czechia',
      'Remote',
    ]);
  });

  it('drops deleted text, field codes and page numbers; keeps inserted text and field results', async () => {
    const body =
      '<w:p><w:r><w:t xml:space="preserve">Led a team of </w:t></w:r>' +
      '<w:del w:id="1" w:author="J"><w:r><w:delText>four</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="J"><w:r><w:t>six</w:t></w:r></w:ins>' +
      '<w:r><w:t xml:space="preserve"> engineers</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">Portfolio: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://jana.dev" </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>jana.dev</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>' +
      '<w:p><w:r><w:t>co</w:t><w:softHyphen/><w:t>operate</w:t><w:noBreakHyphen/><w:t>well</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>';
    assert.deepEqual(await lines(wordDocx({ body })), [
      'Led a team of six engineers',
      'Portfolio: jana.dev',
      'cooperate-well',
    ]);
  });

  it('calls a document mostly in a two-column section two_columns', async () => {
    const body =
      p('Jana Nováková') +
      p('Built the pricing data platform at Kiwi.com and cut the cost of the nightly jobs by a third.') +
      '<w:sectPr><w:cols w:num="2" w:space="720"/></w:sectPr>';
    assert.equal((await extractDocxText(wordDocx({ body }))).layout, 'two_columns');
  });

  it('refuses a document part that is not XML, or no document part, as corrupt', async () => {
    const corrupt = (error: unknown) => error instanceof ExtractionFailure && error.reason === 'corrupt';
    const broken = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
      { name: 'word/document.xml', data: 'this is not <xml' },
    ]);
    await assert.rejects(extractDocxText(broken), corrupt);
    const missing = buildZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES_XML }]);
    await assert.rejects(extractDocxText(missing), corrupt);
    await assert.rejects(extractDocxText(Buffer.from('PK not a zip')), corrupt);
  });

  it('refuses XML built to exhaust the reader: declared entities as corrupt, absurd nesting as too_large', async () => {
    const failure = (reason: string) => (error: unknown) =>
      error instanceof ExtractionFailure && error.reason === reason;
    const document = (xml: string) =>
      buildZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES_XML },
        { name: 'word/document.xml', data: xml },
      ]);
    const laughs = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document ${NS}><w:body>${p('&b;')}</w:body></w:document>`;
    await assert.rejects(extractDocxText(document(laughs)), failure('corrupt'));
    const nested = `<w:document ${NS}><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(1000)}${'</w:tc></w:tr></w:tbl>'.repeat(1000)}</w:body></w:document>`;
    await assert.rejects(extractDocxText(document(nested)), failure('too_large'));
  });

  it('reads an empty body as no text', async () => {
    assert.deepEqual(await extractDocxText(wordDocx({ body: '<w:p/>' })), { text: '', layout: 'one_column' });
  });

  it('reads a CV imported as an HTML page in a web archive (altChunk) as its headings, items and rows', async () => {
    const html = [
      '<html><head><title>Resume</title><style>h1 { color: red; }</style></head><body>',
      '<h1>Danielle M. Okafor</h1><p>Columbus, OH &nbsp;|&nbsp; danielle@example.com</p>',
      '<h2>Work Experience</h2><p><b>Assistant Store Manager</b> &mdash; Buckeye Home &amp; Garden</p>',
      '<p>Mar 2021 &ndash; Current</p><ul><li>Cut inventory shrink from 2.4% to 1.1%</li><li>Hired 40+ associates</li></ul>',
      '<table><tr><td>English</td><td>native</td></tr></table></body></html>',
    ].join('');
    // Quoted-printable: "=3D" for "=", a soft break "=" at a line's end.
    const qp = html.replace(/=/g, '=3D').replace(/(.{70})/g, '$1=\n');
    const mht = `MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b1"\n\n--b1\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n${qp}\n--b1--\n`;
    const out = await lines(
      wordDocx({ body: '<w:altChunk r:id="chunk1"/>', chunks: { chunk1: ['afchunk.mht', mht] } }),
    );
    assert.equal(out[0], '# Danielle M. Okafor');
    assert.ok(out.includes('## Work Experience'), out.join('\n'));
    assert.ok(out.includes('Assistant Store Manager — Buckeye Home & Garden'), out.join('\n'));
    assert.ok(out.includes('- Cut inventory shrink from 2.4% to 1.1%'), out.join('\n'));
    assert.ok(out.includes('English | native'), out.join('\n'));
    assert.ok(!out.join('\n').includes('color: red'), 'no style sheet');
  });

  it('reads a given name set large over a larger surname as one title', async () => {
    const run = (text: string, size: number, bold = false) =>
      `<w:p><w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const out = await lines(
      wordDocx({
        body: [
          run('KARIM', 44),
          run('BENSAÏD', 52, true),
          run("Chef d'équipe logistique", 22),
          p('Encadrement de 22 préparateurs et caristes en 2 × 8.'),
          p('Productivité passée de 95 à 128 lignes par heure.'),
        ].join(''),
      }),
    );
    assert.equal(out[0], '# KARIM BENSAÏD');
    assert.ok(!out.slice(1).includes('KARIM'), out.join('\n'));
  });

  it('reads a given name over a larger surname in capitals as one title, never a document title over the name', async () => {
    const run = (text: string, size: number, bold = false) =>
      `<w:p><w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const read = (given: string) =>
      lines(
        wordDocx({
          body: [
            run(given, 44),
            run('DUBOIS', 48, true),
            run('Assistante sociale – Bachelier', 22),
            p('Suivi d’une cinquantaine de dossiers de revenu d’intégration sociale.'),
          ].join(''),
        }),
      );
    assert.equal((await read('Aurélie'))[0], '# Aurélie DUBOIS');
    assert.equal((await read('Lebenslauf'))[0], '# DUBOIS');
  });

  it('parts a line where a run of another look follows two spaces (a bold employer, then its plain description)', async () => {
    const run = (text: string, rPr: string) =>
      `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const out = await lines(
      wordDocx({
        body: [
          p('Jonathan Price-Wells'),
          `<w:p>${run('Harrowgate Retail Group plc', '<w:b/><w:sz w:val="24"/>')}${run('  FTSE 250 retailer, 9,000 staff', '<w:i/><w:sz w:val="19"/>')}</w:p>`,
          // One space between looks is a sentence going on: "Led the ERP rollout", in bold, "for 12 sites".
          `<w:p>${run('Led the ERP rollout', '<w:b/>')}${run(' for 12 sites.', '')}</w:p>`,
        ].join(''),
      }),
    );
    assert.ok(out.includes('Harrowgate Retail Group plc | FTSE 250 retailer, 9,000 staff'), out.join('\n'));
    assert.ok(out.includes('Led the ERP rollout for 12 sites.'), out.join('\n'));
  });

  it('reads an imported page with quoted-printable letters whole, and unclosed markup in linear time', async () => {
    // "Ibáñez" in quoted-printable UTF-8: each accented letter is two escaped bytes.
    const mht = (html: string) =>
      `MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b1"\n\n--b1\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n${html}\n--b1--\n`;
    const named = await lines(
      wordDocx({
        body: '<w:altChunk r:id="c1"/>',
        chunks: { c1: ['a.mht', mht('<h1>Luc=C3=ADa Ib=C3=A1=C3=B1ez</h1><p>Valencia</p>')] },
      }),
    );
    assert.equal(named[0], '# Lucía Ibáñez');
    // Openings never closed: read by lazy regexes, each would scan to the end (quadratic).
    const hostile = `<p>Intro</p>${'<style'.repeat(20_000)}${'<p x'.repeat(20_000)}${'<'.repeat(40_000)}`;
    for (const html of [
      hostile,
      `<p>Intro</p>${'<!--'.repeat(40_000)}`,
      `<p>Intro</p>${'<p x'.repeat(40_000)}`,
    ]) {
      const started = performance.now();
      const out = await lines(
        wordDocx({ body: '<w:altChunk r:id="c1"/>', chunks: { c1: ['a.html', html] } }),
      );
      assert.ok(out.includes('Intro'), out.slice(0, 3).join('\n'));
      assert.ok(performance.now() - started < 1000, `${html.slice(12, 20)} took too long`);
    }
  });
});
