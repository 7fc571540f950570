import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinLetterSpaced } from './glyphs.ts';
import { type PageText, type PositionedText, readPdfLayout } from './pdf-layout.ts';

// Pages built item by item, the way pdf.js reports them: x from the left, y the baseline from the
// bottom, widths from a fixed advance of half the font size a character.
const ADVANCE = 0.5;

function text(x: number, y: number, str: string, size = 10, font = 'body'): PositionedText {
  return { str, x, y, width: str.length * size * ADVANCE, size, font };
}

/** One line as a producer writes it: one fragment a word, spaces as gaps. */
function words(x: number, y: number, line: string, size = 10, font = 'body'): PositionedText[] {
  const out: PositionedText[] = [];
  let at = x;
  for (const word of line.split(' ')) {
    out.push(text(at, y, word, size, font));
    at += (word.length + 1) * size * ADVANCE;
  }
  return out;
}

function page(items: PositionedText[], width = 595, height = 842): PageText {
  return { width, height, items };
}

/** Body text to give the page a body size and a column width, below everything else. */
function filler(x: number, y: number, lines: number, width = 90): PositionedText[] {
  const out: PositionedText[] = [];
  for (let k = 0; k < lines; k++)
    out.push(...words(x, y - k * 12, `Filler line ${k} ${'x'.repeat(width - 16)}.`));
  return out;
}

describe('readPdfLayout', () => {
  it('makes the largest text at the top the title, a name over two lines one title', () => {
    const { text: out } = readPdfLayout([
      page([text(50, 780, 'Hannah', 24, 'bold'), text(50, 752, 'Brooks', 24, 'bold'), ...filler(50, 700, 3)]),
    ]);
    assert.match(out, /^# Hannah Brooks\n/);
  });

  it('never joins the title to small text printed on its baseline', () => {
    const { text: out } = readPdfLayout([
      page([
        text(50, 780, 'Katharina Brenner', 26),
        text(400, 781, 'Tel.: +49 711 2345678', 8.5),
        ...filler(50, 700, 3),
      ]),
    ]);
    assert.match(out, /^# Katharina Brenner\n/);
    assert.match(out, /\nTel\.: \+49 711 2345678\n/);
  });

  it('joins a bullet wrapped over lines into one list item, keeping the next bullet apart', () => {
    const right = 50 + 95 * 5;
    const items = [
      text(50, 700, '•'),
      ...words(60, 700, 'Led the migration of the order service to PostgreSQL 15 across three regions while'),
      ...words(60, 688, 'keeping every release on schedule.'),
      text(50, 676, '•'),
      ...words(60, 676, 'Mentored four engineers.'),
      // A full-width paragraph fixes the column's right edge.
      ...words(50, 640, `Summary ${'y'.repeat(80)} end.`),
    ];
    assert.ok(items.every((i) => i.x + i.width <= right + 10));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(
      out,
      /^- Led the migration of the order service to PostgreSQL 15 across three regions while keeping every release on schedule\.\n- Mentored four engineers\.$/m,
    );
  });

  it('joins the wrap of a list item set under its text in a font of another name, though it opens with a capital', () => {
    // TeX names the font anew for lines that hold a bullet: "• Verantwortlich …" in one font,
    // "OEM-Plattformen, …" under its text in the other.
    const line = '• Verantwortlich für die Konstruktion von Bremssattelhalterungen für drei';
    const items = [
      { str: line, x: 50, y: 700, width: 380, size: 9, font: 'f6' },
      // Under the text after "• ": two of the line's characters in.
      ...words(
        50 + (380 * 2) / line.length,
        689,
        'OEM-Plattformen, Gewichtsreduktion um 14 % gegenüber dem Vorgänger',
        9,
        'f3',
      ),
      {
        str: '• Leitung eines Teams von vier Konstrukteuren',
        x: 50,
        y: 678,
        width: 45 * 4.5,
        size: 9,
        font: 'f6',
      },
      ...words(50, 640, `Summary ${'y'.repeat(80)} end.`, 9, 'f3'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^- Verantwortlich .* für drei OEM-Plattformen, Gewichtsreduktion .*Vorgänger$/m, out);
  });

  it('reads list items marked only by an indent, each sentence its own item', () => {
    const items = [
      ...words(50, 700, 'Acme Logistics — Staff Engineer'),
      ...words(65, 686, 'Built the card-settlement pipeline processing 2 million transactions a day for'),
      ...words(65, 674, 'twelve banks.'),
      ...words(65, 662, 'Introduced contract tests for twelve public endpoints of the platform team.'),
      ...words(50, 640, 'Dvořák Payments — Software Engineer'),
      ...words(65, 626, 'Cut p99 latency by 40 %.'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    const lines = out.split('\n');
    assert.ok(lines.includes('Acme Logistics — Staff Engineer'), out);
    assert.ok(
      lines.includes(
        '- Built the card-settlement pipeline processing 2 million transactions a day for twelve banks.',
      ),
      out,
    );
    assert.ok(
      lines.includes('- Introduced contract tests for twelve public endpoints of the platform team.'),
      out,
    );
    assert.ok(lines.includes('- Cut p99 latency by 40 %.'), out);
  });

  it('reads a sidebar after the main column, and the header above them first', () => {
    const items = [
      text(40, 790, 'Rebecca Hollis', 22),
      ...words(210, 740, 'EXPERIENCE', 12, 'bold'),
      ...words(40, 740, 'CONTACT', 12, 'bold'),
      ...words(40, 724, 'rebecca@example.com'),
      ...words(40, 712, 'Boston, MA'),
      ...words(40, 690, 'SKILLS', 12, 'bold'),
      ...words(40, 674, 'Telemetry'),
      ...words(40, 662, 'Wound care'),
    ];
    for (let k = 0; k < 12; k++)
      items.push(
        ...words(210, 724 - k * 12, `Main column line ${k} with enough words to fill the wide column`),
      );
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'sidebar');
    const at = (s: string) => out.indexOf(s);
    assert.ok(at('# Rebecca Hollis') === 0, out);
    assert.ok(at('## EXPERIENCE') < at('Main column line 11'), out);
    assert.ok(at('Main column line 11') < at('## CONTACT'), out);
    assert.ok(at('## CONTACT') < at('Wound care'), out);
  });

  it("reads a sidebar set in the main column's leading as a sidebar, not as labels of its lines", () => {
    // Every sidebar line shares a baseline with a line of the main column (at twice its leading).
    const side = [
      'KONTAKT',
      '+48 604 219 773',
      'grazyna@example.pl',
      'Krapkowice',
      '',
      'UMIEJĘTNOŚCI',
      'Opieka nad seniorami',
      'Pierwsza pomoc',
      'Pomiar ciśnienia',
      '',
      'JĘZYKI',
      'Polski',
      'Niemiecki B1',
    ];
    const items = [text(40, 800, 'Grażyna Sołtysik', 22)];
    side.forEach((line, k) => {
      if (line !== '')
        items.push(...words(40, 740 - k * 24, line, 10, /^\p{Lu}+$/u.test(line) ? 'bold' : 'body'));
    });
    for (let k = 0; k < 28; k++)
      items.push(
        ...words(250, 740 - k * 12, `Opiekunka line ${k} with enough words to fill the wide column`),
      );
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'sidebar');
    const at = (t: string) => out.indexOf(t);
    assert.ok(at('Opiekunka line 27') < at('KONTAKT'), out);
    assert.ok(!/\|/.test(out), out);
  });

  it("reads a timeline's entry headers and their indented items in turn, not as two columns", () => {
    const items = [text(40, 800, 'Rocío Benítez', 22)];
    let y = 740;
    for (let job = 0; job < 3; job++) {
      items.push(
        ...words(40, y, `Job title ${job}`, 11, 'bold'),
        ...words(40, y - 13, `Employer ${job} · Granada`),
      );
      y -= 30;
      for (let k = 0; k < 3; k++) {
        items.push(...words(260, y, `- Item ${job}.${k} with enough words to fill the wide column`));
        y -= 12;
      }
      y -= 14;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    const at = (t: string) => out.indexOf(t);
    assert.ok(at('Employer 0') < at('Item 0.0') && at('Item 0.2') < at('Job title 1'), out);
  });

  it('reads a header band apart, then the two columns below it, even when the band crosses their gutter', () => {
    const items = [
      text(32, 800, 'Anaïs Rocher', 20),
      ...words(387, 800, 'Nantes, France'),
      ...words(32, 770, 'Huit ans d’expérience en études d’impact, gestion de l’eau et de projets'),
      ...words(387, 770, 'anais@example.com'),
    ];
    for (let k = 0; k < 10; k++) {
      items.push(...words(32, 700 - k * 12, `Expérience ligne ${k} du côté gauche`));
      items.push(...words(333, 700 - k * 12, `Formation ligne ${k} à droite`));
    }
    const { text: out, layout } = readPdfLayout([page(items, 612, 842)]);
    assert.equal(layout, 'two_columns');
    const at = (t: string) => out.indexOf(t);
    assert.ok(at('anais@example.com') < at('Expérience ligne 0'), out);
    assert.ok(at('Expérience ligne 9') < at('Formation ligne 0'), out);
  });

  it('keeps a sidebar heading with its list, and drops skill-level dots', () => {
    const items = [text(40, 790, 'Mathilde Garnier', 22), ...words(420, 792, 'Compétences', 11, 'head')];
    for (let k = 0; k < 4; k++) {
      items.push(
        ...words(420, 772 - k * 24, `Skill ${k}`, 8.8),
        ...words(420, 761 - k * 24, '● ● ● ○ ○', 6.5, 'dots'),
      );
    }
    for (let k = 0; k < 12; k++)
      items.push(...words(40, 740 - k * 12, `Main column line ${k} with words enough to fill it`));
    const { text: out } = readPdfLayout([page(items)]);
    assert.doesNotMatch(out, /●/);
    assert.match(out, /Compétences\n+(?:- )?Skill 0\n(?:- )?Skill 1/);
  });

  it('keeps dates printed in a narrow column beside their entries on the entry line', () => {
    const items: PositionedText[] = [];
    let y = 700;
    for (const [dates, title] of [
      ['2021 – present', 'Charge Nurse, Riverbend Medical Center'],
      ['2018 – 2021', 'Staff Nurse, Riverbend Medical Center'],
    ]) {
      items.push(...words(40, y, dates!), ...words(140, y, title!, 10, 'bold'));
      for (let k = 1; k <= 3; k++)
        items.push(...words(140, y - k * 12, `Bullet ${k} of the job, written out over a line of its own.`));
      y -= 60;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    assert.match(out, /^2021 – present \| Charge Nurse, Riverbend Medical Center$/m);
    assert.match(out, /^2018 – 2021 \| Staff Nurse, Riverbend Medical Center$/m);
  });

  it('reads section headings alone in a margin column before their sections, not as a sidebar', () => {
    // A headline's last word wrapped to the margin stands in the column too, beside nothing.
    const items: PositionedText[] = [...words(40, 740, 'analysis')];
    let y = 700;
    for (const [heading, first, rest] of [
      ['EDUCATION', 'BSc Economics | Sep 2022 – Jun 2025', 'University of Leeds'],
      ['EXPERIENCE', 'Summer Analyst Intern | Summer 2024', 'Northbridge Capital Partners LLP'],
      ['SKILLS', 'Excel, Stata, Python, Bloomberg Terminal', 'Financial modelling'],
    ]) {
      items.push(...words(40, y, heading!, 10, 'bold'), ...words(150, y, first!));
      for (let k = 1; k <= 4; k++)
        items.push(...words(150, y - k * 12, `${rest} line ${k} of this section.`));
      y -= 80;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    assert.match(out, /EDUCATION\nBSc Economics \| Sep 2022 – Jun 2025\n/);
    assert.match(out, /EXPERIENCE\nSummer Analyst Intern \| Summer 2024\n/);
    assert.ok(out.indexOf('SKILLS') > out.indexOf('Northbridge'), 'each heading before its own section');
  });

  it('reads headings set larger in a margin beside a contact block as sections of one column', () => {
    // moderncv's fancy style: the margin holds the address beside the name, then each section's
    // heading, right-aligned against the gutter, one of them wrapped over two lines.
    const right = (y: number, str: string, size = 10, font = 'body') =>
      text(150 - str.length * size * ADVANCE, y, str, size, font);
    const items: PositionedText[] = [
      text(170, 760, 'Rajesh Narayanan', 30, 'name'),
      ...words(170, 730, 'Principal Program Manager', 14, 'label'),
      right(760, '15820 NE 85th St'),
      right(748, 'Redmond, WA 98052'),
      right(736, '+1 425 555 0199'),
      right(724, 'r.narayanan@example.com'),
    ];
    let y = 680;
    for (const [heading, first] of [
      ['Summary', 'Program manager with nineteen years in cloud platforms and IT services.'],
      ['Professional', 'Principal Program Manager, Microsoft, Redmond, WA.'],
      ['Education', 'MBA (Evening Program), University of Washington'],
    ]) {
      items.push(right(y, heading!, 14, 'heading'), ...words(170, y, first!));
      if (heading === 'Professional') items.push(right(y - 16, 'Experience', 14, 'heading'));
      for (let k = 1; k <= 4; k++)
        items.push(...words(170, y - k * 12, `Line ${k} of the ${heading} section goes here.`));
      y -= 90;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    assert.match(out, /Principal Program Manager\n+15820 NE 85th St\nRedmond, WA 98052\n/);
    assert.match(out, /Summary\nProgram manager with/);
    assert.match(out, /Professional Experience\nPrincipal Program Manager, Microsoft, Redmond, WA\./);
    assert.match(out, /Education\nMBA \(Evening Program\)/);
    assert.doesNotMatch(out, /\| Line|Experience \|/);
  });

  it('keeps a margin heading apart from a line beside it that is set in another size', () => {
    // Three parts at even gaps would read as one justified line; a heading is larger than its text.
    const items: PositionedText[] = [
      ...words(90, 700, 'Education', 14),
      ...words(170, 700, 'MBA, University of Washington'),
      ...words(335, 700, '2013–2016'),
      ...filler(170, 680, 10, 60),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.doesNotMatch(out, /Education MBA/);
  });

  it('keeps the dash of a range whose end wrapped onto a line of its own', () => {
    // LaTeX's \\hfill dates after a long header: the end of the range starts the next line.
    const items: PositionedText[] = [
      ...words(
        60,
        700,
        'Progettista strutturale senior – Studio Tecnico Ferrari & Bassi S.r.l., Reggio Emilia',
      ),
      ...words(480, 700, 'settembre 2011'),
      ...words(60, 688, '– febbraio 2016'),
      ...words(60, 676, '• Progettazione di interventi di adeguamento sismico'),
      ...filler(60, 640, 4),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /settembre 2011\W+– febbraio 2016/);
  });

  it('reads a table whose left cells hold form labels, section names and dates as labels, not a sidebar', () => {
    // A word processor's bordered table (German Lebenslauf): personal data labelled row by row,
    // then each job's dates beside its employer, title and bullets; fewer than a third of the
    // left cells hold dates.
    const items: PositionedText[] = [...words(60, 800, 'Jonas Hinterberger', 16, 'bold')];
    let y = 770;
    const row = (label: string, ...values: string[]) => {
      items.push(...words(60, y, label));
      for (const [k, v] of values.entries()) items.push(...words(200, y - k * 12, v));
      y -= Math.max(1, values.length) * 12 + 8;
    };
    row('Persönliche Daten');
    row('Geburtsdatum', '03.11.2001 in Rosenheim');
    row('Staatsangehörigkeit', 'deutsch');
    row('Familienstand', 'ledig');
    row('Führerschein', 'Klasse B und BE');
    row('Berufserfahrung');
    row(
      '09/2021 – heute',
      'Schreinerei Aigner & Söhne GmbH, Bad Aibling',
      'Tischlergeselle im Innenausbau',
      '- Fertigung von Einbauschränken und Küchenfronten',
      '- Programmierung der CNC-Anlage',
      '- Montage beim Kunden',
    );
    row(
      '09/2018 – 07/2021',
      'Möbelwerkstatt Kollmannsberger, Kolbermoor',
      'Ausbildung zum Tischler',
      '- Massivholzmöbel nach Kundenwunsch',
      '- Gesellenstück: Sideboard aus Nussbaum',
    );
    row('08/2017 – 08/2017', 'Holzbau Stangl, Großkarolinenfeld', 'Ferienarbeit in der Abbundhalle');
    row('Schulbildung');
    row('2018 – 2021', 'Staatliche Berufsschule I Rosenheim', 'Gesellenprüfung Tischler');
    row('2012 – 2018', 'Mittelschule Bad Aibling', 'Qualifizierender Mittelschulabschluss');
    row('Kenntnisse');
    row('Fachlich', 'CNC-Bearbeitung, Furnierarbeiten, Oberflächenbehandlung');
    row('EDV', 'MS Office Grundkenntnisse');
    row('Sprachen', 'Deutsch (Muttersprache), Englisch');
    row('Hobbys', 'Freiwillige Feuerwehr, Bergsteigen');
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    assert.match(out, /Familienstand \| ledig\n/);
    assert.match(
      out,
      /09\/2021 – heute \| Schreinerei Aigner & Söhne GmbH, Bad Aibling\nTischlergeselle im Innenausbau\n- Fertigung/,
    );
  });

  it('reads a date column beside its entries as labels though short section headings stand in it', () => {
    // Kickresume: each section's heading, set larger, alone on its row at the page's left; short
    // ones ("Profil") fall entirely left of the gutter between the dates and the entries.
    const items: PositionedText[] = [...words(68, 780, 'Profil', 12.5, 'heading')];
    items.push(...words(40, 760, 'Architekt mit zehn Jahren Erfahrung in Wettbewerb, Entwurf und Planung.'));
    items.push(...words(68, 730, 'Berufserfahrung', 12.5, 'heading'));
    let y = 700;
    const entry = (dates: string, title: string, employer: string, bullets: number) => {
      items.push(...words(40, y, dates, 9.5), ...words(157, y, title, 11));
      items.push(...words(40, y - 11, 'Stuttgart', 9), ...words(157, y - 12, employer));
      for (let k = 1; k <= bullets; k++)
        items.push(...words(168, y - 12 - k * 13, `Aufgabe ${k} in diesem Projekt erledigt.`));
      y -= 40 + bullets * 13;
    };
    entry('04/2018 – heute', 'Projektarchitekt', 'Hild und K Architekten', 3);
    entry('10/2014 – 03/2018', 'Architekt', 'Auer Weber Assoziierte GmbH', 3);
    entry('2012 – 2014', 'Werkstudent', 'Behnisch Architekten', 2);
    items.push(...words(68, y, 'Ausbildung', 12.5, 'heading'));
    y -= 24;
    entry('2008 – 2012', 'Bachelor of Science Architektur', 'Universität Stuttgart', 0);
    items.push(...words(68, y, 'Kenntnisse', 12.5, 'heading'));
    for (const [k, [a, b]] of [
      ['• ArchiCAD', '• HOAI LPH 1–8'],
      ['• Revit', '• Ausschreibung'],
      ['• AutoCAD', '• BIM-Koordination'],
      ['• Rhino', '• Vergabe'],
    ].entries()) {
      items.push(...words(50, y - 20 - k * 11, a!), ...words(168, y - 20 - k * 11, b!));
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column');
    assert.match(out, /04\/2018 – heute \| Projektarchitekt\nStuttgart \| Hild und K Architekten\n/);
    assert.match(out, /Berufserfahrung\n+04\/2018 – heute \| Projektarchitekt\n/);
  });

  it("keeps a letter-spaced name whole across its word space though a sidebar's smaller line shares its baseline", () => {
    const items: PositionedText[] = [
      text(22, 774, 'Surry Hills NSW 2010', 9.5),
      { str: 'L I A M', x: 226.8, y: 774.4, width: 78.2, size: 24, font: 'name' },
      { str: ' ', x: 305, y: 774.4, width: 28.2, size: 24, font: 'name' },
      { str: "O ' C O N N E L L", x: 326.2, y: 774.4, width: 195.4, size: 24, font: 'name' },
      ...filler(226, 700, 4, 60),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^# LIAM O'CONNELL\n/);
  });

  it('reads small capitals made by setting letters smaller as one word', () => {
    // Chromium's synthesised small caps: each capital at 22 pt, the other letters at 15.7 pt, one
    // glyph a fragment, letter-spaced.
    const items: PositionedText[] = [];
    let x = 168;
    for (const [str, size] of [
      ['R', 22],
      ['e', 15.7],
      ['b', 15.7],
      ['e', 15.7],
      ['c', 15.7],
      ['c', 15.7],
      ['a', 15.7],
      [' ', 15.7],
      ['H', 22],
      ['a', 15.7],
      ['r', 15.7],
      ['t', 15.7],
      ['l', 15.7],
      ['e', 15.7],
      ['y', 15.7],
      ['-S', 22],
      ['i', 15.7],
      ['n', 15.7],
      ['g', 15.7],
      ['h', 15.7],
    ] as const) {
      const width = str.length * size * 0.6;
      items.push({ str, x, y: 776, width, size, font: 'name' });
      // The word space's fragment runs a little past where the next word starts, as Chromium's does.
      x += str === ' ' ? width - 2.7 : width + 1.3;
    }
    const { text: out } = readPdfLayout([page([...items, ...filler(168, 700, 4, 60)])]);
    assert.match(out, /^# Rebecca Hartley-Singh\n/);
  });

  it('joins a letter-spaced heading whose letters come from two fonts', () => {
    // A Polish letter from a fallback font cuts the spaced word into fragments: "D O" "Ś" "W I …".
    const items: PositionedText[] = [
      { str: 'D O', x: 218.9, y: 628.2, width: 18.5, size: 9.7, font: 'a' },
      { str: ' ', x: 237.5, y: 628.2, width: 3, size: 9.7, font: 'a' },
      { str: 'Ś', x: 239.7, y: 628.2, width: 6.2, size: 9.7, font: 'b' },
      { str: ' ', x: 245.9, y: 628.2, width: 3, size: 9.7, font: 'b' },
      { str: 'W I A D C Z E N I E', x: 248.2, y: 628.2, width: 87.9, size: 9.7, font: 'a' },
      { str: ' ', x: 336.1, y: 628.2, width: 9.7, size: 9.7, font: 'a' },
      { str: 'Z A W O D O W E', x: 343.4, y: 628.2, width: 82.5, size: 9.7, font: 'a' },
      ...filler(218.9, 600, 4, 60),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /DOŚWIADCZENIE ZAWODOWE\n/);
  });

  it('splits two columns of text set only a little apart when no line crosses between them', () => {
    const items: PositionedText[] = [];
    for (let k = 0; k < 14; k++) {
      // Left lines end at x = 300, right lines start at x = 308: an 8 pt gutter beside 10 pt text.
      items.push(text(40, 700 - k * 12, `Main column line ${String(k).padStart(2, '0')} ${'m'.repeat(32)}`));
      items.push(text(308, 700 - k * 12, `Side line ${String(k).padStart(2, '0')} ${'s'.repeat(15)}`));
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.notEqual(layout, 'one_column');
    assert.ok(out.indexOf('Main column line 13') < out.indexOf('Side line 00'), out);
  });

  it('reads Arabic placed glyph by glyph from the left back in reading order, numbers and Latin kept', () => {
    // Each glyph its own fragment, in visual order: the words' letters (and the words) reversed.
    const visual = (x: number, y: number, word: string) =>
      [...word].reverse().map((ch, k) => text(x + k * 5, y, ch));
    const items = [
      ...words(40, 700, 'SAP'),
      ...visual(62, 700, 'على'),
      ...visual(84, 700, 'التسويات'),
      ...words(40, 688, '2019'),
      ...visual(67, 688, 'مارس'),
      ...visual(40, 676, 'محاسب'),
      ...filler(300, 640, 1).map((i) => ({ ...i, str: 'ممممم' })),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /التسويات على SAP/);
    assert.match(out, /مارس 2019/);
    assert.match(out, /محاسب/);
  });

  it('keeps a superscript on the line of the word it follows ("1re année")', () => {
    const items = [
      ...words(40, 700, 'BTS Management Commercial, 1'),
      text(40 + 28 * 5, 703.5, 're', 7),
      ...words(40 + 28 * 5 + 7 + 5, 700, 'année'),
      ...filler(40, 680, 3),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^BTS Management Commercial, 1re année$/m);
  });

  it('puts a comma set under an s or t back as ș and ț (pdfTeX without the glyph)', () => {
    // "Mureșan, Direcția": the letter ends its fragment, the lowered comma and a kern follow.
    const items = [
      text(40, 760, 'Ioana Mures', 18),
      { str: ',', x: 40 + 11 * 9 - 5, y: 757.5, width: 3, size: 10, font: 'body' },
      { str: ' ', x: 40 + 11 * 9 - 2, y: 757.5, width: 2, size: 10, font: 'body' },
      text(40 + 11 * 9, 760, 'an', 18),
      text(40, 700, 'Asistent social, Direct'),
      { str: ',', x: 40 + 23 * 5 - 3, y: 698.4, width: 1.7, size: 6, font: 'body' },
      { str: ' ', x: 40 + 23 * 5 - 1.3, y: 698.4, width: 1.1, size: 6, font: 'body' },
      text(40 + 23 * 5, 700, 'ia, 2014 – 2017'),
      ...filler(40, 680, 3),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^# Ioana Mureșan$/m);
    assert.match(out, /^Asistent social, Direcția, 2014 – 2017$/m);
    assert.doesNotMatch(out, /^[, |]+$/m);
  });

  it('drops icons whose font gives them no meaning ("z" before a date), keeping a symbol-font bullet', () => {
    const items: PositionedText[] = [text(40, 790, 'Eleanor Whitcombe', 22)];
    let y = 740;
    for (const [title, dates, city] of [
      ['Senior Data Scientist', 'Sept 2021 – Present', 'Bristol'],
      ['Data Scientist', 'Jan 2019 – Aug 2021', 'Bath'],
    ]) {
      items.push(...words(40, y, title!, 12, 'bold'));
      items.push(text(40, y - 14, 'z', 9, 'icons'), ...words(50, y - 14, dates!, 9));
      items.push(text(160, y - 14, '+', 9, 'icons'), ...words(170, y - 14, city!, 9));
      items.push(text(40, y - 28, '{', 10, 'symbols'), ...words(48, y - 28, 'Built the demand forecast.'));
      y -= 50;
    }
    items.push(...filler(40, y, 3));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^Sept 2021 – Present \| Bristol$/m);
    assert.match(out, /^Jan 2019 – Aug 2021 \| Bath$/m);
    // The bracket is how a symbol font's bullet reads: it stays for the bullet finder.
    assert.match(out, /^\{ Built the demand forecast\.$/m);
  });

  it("drops FontAwesome's glyphs as pdfTeX sets them: envelope '#', phone U+0084, a calendar '{' before a date or 'seit'", () => {
    const items: PositionedText[] = [text(40, 790, 'Giulia Ferraresi', 22)];
    items.push(text(40, 770, '#', 9, 'fa'), ...words(50, 770, 'giulia@example.it', 9));
    items.push(text(150, 770, '\u0084', 9, 'fa'), ...words(160, 770, '+39 347 218 6650', 9));
    let y = 740;
    for (const [title, dates, city] of [
      ['Architetta senior', 'seit 03/2020', 'Bologna'],
      ['Architetta', '09/2016 – 02/2020', 'Modena'],
    ]) {
      items.push(...words(40, y, title!, 12, 'bold'));
      items.push(text(40, y - 14, '{', 9, 'fa-solid'), ...words(50, y - 14, dates!, 9));
      items.push(text(160, y - 14, '+', 9, 'fa'), ...words(170, y - 14, city!, 9));
      // Rating dots in the icon font are no icon.
      items.push(...words(40, y - 28, 'Built the energy models.'));
      y -= 50;
    }
    items.push(...filler(40, y, 3));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /giulia@example\.it \| \+39 347 218 6650$/m);
    assert.match(out, /^seit 03\/2020 \| Bologna$/m);
    assert.match(out, /^09\/2016 – 02\/2020 \| Modena$/m);
    assert.doesNotMatch(out, /[{+] |# giulia|\u0084/);
  });

  it("keeps a symbol font's bracket bullets when the same font's other glyphs are icons", () => {
    const items: PositionedText[] = [text(40, 790, 'Friederike Albrecht', 22)];
    items.push(text(40, 770, 'H', 9, 'symbols'), ...words(50, 770, '+49 151 2345 6789', 9));
    items.push(text(160, 770, 'B', 9, 'symbols'), ...words(170, 770, 'friederike@example.com', 9));
    items.push(...words(40, 740, 'seit 01/2020 Salary Partnerin, Hartmann Vogel', 10, 'bold'));
    let y = 726;
    for (const item of ['Beratung mittelständischer Arbeitgeber.', 'Prozessführung vor Arbeitsgerichten.']) {
      items.push(text(40, y, '{', 10, 'symbols'), ...words(48, y, item));
      y -= 14;
    }
    items.push(...filler(40, y - 10, 3));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^\+49 151 2345 6789 \| friederike@example\.com$/m);
    assert.match(out, /^\{ Beratung mittelständischer Arbeitgeber\.$/m);
    assert.match(out, /^\{ Prozessführung vor Arbeitsgerichten\.$/m);
  });

  it('splits two columns whose gutter one overfull line of a justified column runs into', () => {
    const items: PositionedText[] = [text(40, 790, 'Eleanor Whitcombe', 22)];
    for (let k = 0; k < 14; k++) {
      const y = 740 - k * 12;
      // Justified: every line ends at 300; one runs on to 317, three points before the right column.
      const line =
        k === 6 ? 'Overfull line that runs into the gutter of the page' : `Left column line ${k} text`;
      items.push({ str: line, x: 40, y, width: k === 6 ? 277 : 260, size: 10, font: 'body' });
      if (k !== 6) items.push(...words(320, y, `Skill ${k}`));
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.notEqual(layout, 'one_column', out);
    assert.ok(out.indexOf('Left column line 13') < out.indexOf('Skill 0'), out);
    assert.match(out, /^Skill 7$/m);
  });

  it('reads two boxes side by side under their capital headings one after the other', () => {
    const items: PositionedText[] = [text(40, 790, 'Szabó Gergely', 22)];
    items.push(...words(40, 750, 'EXPERIENCE', 12, 'bold'), ...filler(40, 734, 4));
    items.push(...words(40, 670, 'SKILLS', 12, 'bold'), ...words(300, 670, 'LANGUAGES', 12, 'bold'));
    const skills = ['Catia V5', 'Siemens NX', 'GD&T, ISO GPS', 'Six Sigma'];
    const languages = ['Hungarian – native', 'German – C1', 'English – B2'];
    skills.forEach((skill, k) => {
      items.push(...words(40, 654 - k * 12, skill));
    });
    languages.forEach((language, k) => {
      items.push(...words(300, 654 - k * 12, language));
    });
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^## SKILLS\n+Catia V5\nSiemens NX\nGD&T, ISO GPS\nSix Sigma$/m);
    assert.match(out, /^## LANGUAGES\n+Hungarian – native\nGerman – C1\nEnglish – B2$/m);
  });

  it('reads a date column between a sidebar and the entries with the entries (friggeri-cv)', () => {
    const items: PositionedText[] = [text(40, 800, 'Camille Lefebvre', 22)];
    const side = ['Contact', '12 rue Paul Bert', '69003 Lyon', '06 81 47 22 90', 'camille@example.fr'];
    side.push(
      'Langues',
      'Français',
      'Anglais',
      'Allemand',
      'Compétences',
      'CATIA V5',
      'SolidWorks',
      'Python',
    );
    side.forEach((line, k) => {
      items.push(text(40, 740 - k * 14, line, 9));
    });
    let y = 740;
    for (const [first, second, title, employer] of [
      ['depuis sept.', '2020', 'Ingénieure études senior', 'Safran Landing Systems'],
      ['2017 – 2020', '', 'Ingénieure conception', 'Alstom Transport'],
      ['févr. – août', '2016', 'Stage de fin d’études', 'Plastic Omnium'],
    ]) {
      items.push(text(190, y - 6, first!, 9));
      if (second) items.push(text(190, y - 17, second, 9));
      items.push(text(255, y, title!, 10, 'bold'), text(255, y - 12, employer!));
      for (let k = 0; k < 3; k++)
        items.push(text(256, y - 24 - k * 11, `• Point ${k} of this job, written as a long line here.`, 9));
      y -= 70;
    }
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^depuis sept\. 2020 \| Ingénieure études senior$/m);
    assert.match(out, /^2017 – 2020 \| Ingénieure conception$/m);
    assert.match(out, /^févr\. – août 2016 \| Stage de fin d’études$/m);
    assert.ok(out.indexOf('Plastic Omnium') < out.indexOf('12 rue Paul Bert'), out);
  });

  it('reads places and dates set flush right beside entries as labels under a right-aligned contact block', () => {
    const items: PositionedText[] = [text(48, 780, 'Lukas Gruber', 28)];
    const right = (y: number, str: string) => text(547 - str.length * 4.5, y, str, 9);
    items.push(right(770, 'Linzer Straße 112/3, 4020 Linz'), right(757, '+43 664 218 57 09'));
    items.push(right(744, 'lukas@example.at'), right(731, 'Führerschein B, C'));
    items.push(...words(48, 709, 'Berufserfahrung', 14.3, 'bold'));
    let y = 693;
    for (const [employer, title, place, dates] of [
      ['Kältetechnik Danner GmbH', 'SERVICETECHNIKER', 'Linz', 'Jänner 2020 – dato'],
      ['Kältetechnik Danner GmbH', 'MONTEUR', 'Linz', 'September 2016 – Dezember 2019'],
      ['Klima Huber KG', 'LEHRLING', 'Wels', 'September 2012 – August 2016'],
    ]) {
      items.push(text(48, y, employer!, 12, 'bold'), right(y, place!));
      items.push(text(48, y - 12, title!, 10, 'caps'), right(y - 12, dates!));
      // Items run the width of the page, across the places' and dates' column.
      for (let k = 0; k < 2; k++) {
        const str = `• Item ${k} of the job, written out over the whole width of the page as Awesome-CV sets it.`;
        items.push({ str, x: 52, y: y - 30 - k * 17, width: 495, size: 10, font: 'body' });
      }
      y -= 80;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'one_column', out);
    assert.match(out, /^MONTEUR \| September 2016 – Dezember 2019$/m);
    assert.match(out, /^Klima Huber KG \| Wels$/m);
  });

  it('joins a date label that wraps in its narrow column', () => {
    const items: PositionedText[] = [];
    let y = 700;
    for (const [first, second, title] of [
      ['сент. 2020 –', 'настоящее время', 'HR бизнес-партнёр, ООО «Северный ветер»'],
      ['янв. 2017 –', 'авг. 2020', 'Менеджер по подбору, АО «ТехноПарк»'],
    ]) {
      items.push(...words(60, y, first!), ...words(150, y, title!));
      items.push(
        ...words(60, y - 12, second!),
        ...words(150, y - 12, 'Первая строка описания работы, довольно длинная.'),
      );
      items.push(...words(150, y - 24, 'Вторая строка описания работы, тоже длинная.'));
      y -= 50;
    }
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^сент\. 2020 – настоящее время \| HR бизнес-партнёр, ООО «Северный ветер»$/m);
    assert.match(out, /^янв\. 2017 – авг\. 2020 \| Менеджер по подбору, АО «ТехноПарк»$/m);
  });

  it('finds headings from a shared style, spacing and capitals, not from one large headline', () => {
    const items = [
      text(50, 790, 'Marcus Whitfield', 22),
      ...words(50, 770, 'Construction Project Manager', 13),
      // Letter-spaced, a glyph a fragment.
      ...[...'EXPERIENCE'].map((ch, k) => text(50 + k * 9, 740, ch, 11, 'head')),
      ...filler(50, 724, 3),
      ...words(50, 680, 'EDUCATION', 11, 'head'),
      ...filler(50, 664, 2),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^## EXPERIENCE$/m);
    assert.match(out, /^## EDUCATION$/m);
    assert.match(out, /^Construction Project Manager$/m);
  });

  it('joins a job header set in the heading style to its wrapped line, never a heading', () => {
    const items = [
      text(50, 790, 'Chloe Brennan', 22),
      ...words(50, 750, 'Employment History', 13, 'head'),
      ...words(50, 726, 'Graduate Registered Nurse at Parramatta Community Hospital,', 13, 'head'),
      ...words(50, 710, 'Parramatta', 13, 'head'),
      ...filler(50, 694, 3),
      ...words(50, 640, 'Education', 13, 'head'),
      ...words(50, 616, 'Graduate Certificate in Critical Care Nursing, Australian Catholic', 13, 'head'),
      ...words(50, 600, 'University, North Sydney', 13, 'head'),
      ...filler(50, 584, 2),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^## Employment History$/m);
    assert.match(out, /^## Education$/m);
    assert.match(out, /^Graduate Registered Nurse at Parramatta Community Hospital, Parramatta$/m);
    assert.match(
      out,
      /^Graduate Certificate in Critical Care Nursing, Australian Catholic University, North Sydney$/m,
    );
  });

  it('drops page numbers and repeated running headers, keeping the header once on page one', () => {
    const pageOf = (n: number) =>
      page([
        ...words(50, 815, 'Eleanor Whitfield — Chartered Accountant'),
        ...filler(50, 700, 4),
        ...words(280, 30, `Page ${n} of 2`),
      ]);
    const { text: out } = readPdfLayout([pageOf(1), pageOf(2)]);
    assert.equal(out.match(/Eleanor Whitfield/g)?.length, 1);
    assert.doesNotMatch(out, /Page \d of 2/);
  });

  it("keeps a heading atop page two that a web page's menu on page one also names", () => {
    const menu = ['Eleanor Whitcombe', 'Home', 'Experience', 'Publications', 'Contact'];
    const { text: out } = readPdfLayout([
      page([...menu.map((m, k) => text(50 + k * 100, 815, m)), ...filler(50, 700, 4)]),
      page([text(50, 815, 'Experience', 14, 'bold'), ...filler(50, 790, 4)]),
    ]);
    assert.match(out, /\nExperience\n|## Experience/);
  });

  it("keeps a form's label at the foot of page one and again atop page two: it runs no header", () => {
    const { text: out } = readPdfLayout([
      page([...filler(50, 700, 4), ...words(50, 40, 'Titolo della qualifica rilasciata')]),
      page([...words(50, 800, 'Titolo della qualifica rilasciata'), ...filler(50, 700, 4)]),
    ]);
    assert.equal(out.match(/Titolo della qualifica rilasciata/g)?.length, 2, out);
  });

  it('drops from page one too a footer line standing alone that every page repeats', () => {
    const pageOf = () =>
      page([...filler(50, 700, 4), ...words(100, 18, 'Ricardo Manuel Azevedo Lopes', 6.6)]);
    const { text: out } = readPdfLayout([pageOf(), pageOf()]);
    assert.doesNotMatch(out, /Ricardo Manuel/, out);
  });

  it('drops a footer that counts the pages, whatever else it says', () => {
    const { text: out } = readPdfLayout([
      page([...filler(50, 700, 4), ...words(50, 30, 'Seite 1 / 2 - Lebenslauf von Brandt, Katharina')]),
      page([...filler(50, 700, 4), ...words(50, 30, 'Seite 2 / 2 - Lebenslauf von Brandt, Katharina')]),
    ]);
    assert.doesNotMatch(out, /Seite/);
  });

  it('reads a form whose labels stand flush right beside their values as label | value rows', () => {
    const rows = [
      ['Zeitraum', 'Seit Januar 2020'],
      ['Beruf oder Funktion', 'Projektleiterin Netzanschluss Erneuerbare Energien'],
      ['Wichtigste Tätigkeiten und', '- Technische Verantwortung für den Anschluss von Windparks'],
      ['Zuständigkeiten', 'mit zusammen über 600 MW an das Mittelspannungsnetz'],
      ['', '- Prüfung von Netzanschlussanfragen und Netzverträglichkeit'],
      ['', '- Steuerung externer Planungsbüros und Baufirmen im Projekt'],
      ['Name und Adresse des Arbeitgebers', 'Nordwest Netz GmbH, Donnerschweer Straße 90'],
      ['Tätigkeitsbereich oder Branche', 'Energieversorgung, Verteilnetzbetrieb'],
      ['Zeitraum', '04/2015 – 12/2019'],
      ['Beruf oder Funktion', 'Projektingenieurin Elektrotechnik'],
    ];
    // Labels end at x = 186 (right-aligned), values start at x = 200.
    const items = rows.flatMap(([label, value], k) => [
      ...(label ? [text(186 - label!.length * 5, 700 - k * 12, label!)] : []),
      ...words(200, 700 - k * 12, value!),
    ]);
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^Zeitraum \| Seit Januar 2020$/m);
    assert.match(out, /^Name und Adresse des Arbeitgebers \| Nordwest Netz GmbH, Donnerschweer Straße 90$/m);
  });

  it('undoes hyphenation at a line end, but keeps a compound hyphen', () => {
    const items = [
      ...words(50, 700, 'Built tooling for the automated assessment and develop-'),
      ...words(50, 688, 'ment of models with scikit-'),
      ...words(50, 676, 'learn and pandas.'),
      ...words(50, 640, `Closing ${'z'.repeat(48)} end.`),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /assessment and development of models with scikit-learn and pandas\./);
  });

  it('undoes every line-end hyphen of a producer that hyphenates by itself', () => {
    const items = [
      ...words(50, 700, 'Built named-entity recognition pipelines for le-'),
      ...words(50, 688, 'gal contracts and court records.'),
      ...words(50, 660, `Closing ${'z'.repeat(40)} end.`),
    ];
    assert.match(readPdfLayout([page(items)], 'pdfTeX-1.40.24').text, /for legal contracts/);
    assert.match(readPdfLayout([page(items)], 'Chromium').text, /for le-gal contracts/);
  });

  it("reads an icon before an entry's dates as no bullet", () => {
    const items: PositionedText[] = [];
    for (let k = 0; k < 3; k++) {
      const y = 700 - k * 50;
      items.push(
        ...words(50, y, `Engineer ${k}`, 12, 'bold'),
        text(50, y - 14, '◷'),
        ...words(60, y - 14, `Mar 201${k} – Ongoing`),
      );
      items.push(text(50, y - 28, '•'), ...words(60, y - 28, `Led squad ${k}.`));
    }
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^Mar 2010 – Ongoing$/m);
    assert.match(out, /^- Led squad 0\.$/m);
  });

  it('reads symbol-font bullets that come out as another character', () => {
    const items: PositionedText[] = [];
    for (let k = 0; k < 3; k++)
      items.push(text(50, 700 - k * 12, '{'), ...words(58, 700 - k * 12, `Achievement number ${k}`));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^- Achievement number 0\n- Achievement number 1\n- Achievement number 2$/m);
  });

  it('keeps a justified line with stretched word gaps as one line, but skills in a grid apart', () => {
    const stretched: PositionedText[] = [];
    let x = 50;
    for (const word of ['Auxiliar', 'de', 'operaciones', 'logísticas,']) {
      stretched.push(text(x, 700, word));
      x += word.length * 5 + 16;
    }
    const grid = [text(50, 680, 'Python'), text(150, 680, 'SQL'), text(250, 680, 'Tableau')];
    const { text: out } = readPdfLayout([page([...stretched, ...grid])]);
    assert.match(out, /^Auxiliar de operaciones logísticas,$/m);
    assert.match(out, /^Python \| SQL \| Tableau$/m);
  });

  it("reads Word's Symbol-font bullets (private use area) as bullets, and drops icon glyphs", () => {
    const items = [
      text(50, 700, '\uf0b7'),
      ...words(62, 700, 'Designed the gearbox.'),
      text(50, 688, '\uf0b7'),
      ...words(62, 688, 'Ran the tests.'),
      text(50, 660, '\uf095'),
      ...words(62, 660, '+49 171 4829331'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^- Designed the gearbox\.\n- Ran the tests\.$/m);
    assert.match(out, /^\+49 171 4829331$/m);
  });

  it('reads columns that flow within each section band by band, the heading over both first', () => {
    // CSS column-count with headings spanning the page: each section's lines balanced over two
    // columns that start on one baseline under their heading.
    const items = [text(200, 800, 'Silje Bakken', 22)];
    let y = 760;
    for (const section of ['EXPERIENCE', 'EDUCATION', 'LANGUAGES']) {
      items.push(...words(40, y, section, 12, 'bold'));
      y -= 24;
      for (let k = 0; k < 4; k++) {
        items.push(...words(40, y - k * 12, `${section} left line ${k} of this band`));
        items.push(...words(310, y - k * 12, `${section} right line ${k} of this band`));
      }
      y -= 4 * 12 + 24;
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'two_columns');
    const at = (t: string) => out.indexOf(t);
    for (const [section, next] of [
      ['EXPERIENCE', 'EDUCATION'],
      ['EDUCATION', 'LANGUAGES'],
    ] as const) {
      assert.ok(at(`## ${section}`) < at(`${section} left line 3`), out);
      assert.ok(at(`${section} left line 3`) < at(`${section} right line 0`), out);
      assert.ok(at(`${section} right line 3`) < at(`## ${next}`), out);
    }
  });

  it('reads columns that run down the page on their own as whole columns, though gaps line up', () => {
    // The right column is empty beside each heading on the left, but its blocks do not start on
    // the baselines of the left column's: two columns, each read whole.
    const items = [text(200, 800, 'Silje Bakken', 22)];
    let y = 760;
    for (const section of ['EXPERIENCE', 'EDUCATION', 'PROJECTS']) {
      items.push(...words(40, y, section, 12, 'bold'));
      for (let k = 0; k < 4; k++)
        items.push(...words(40, y - 24 - k * 12, `${section} line ${k} on the left`));
      for (let k = 0; k < 3; k++)
        items.push(...words(310, y - 15 - k * 12, `${section} side ${k} on the right`));
      y -= 96;
    }
    const { text: out } = readPdfLayout([page(items)]);
    const at = (t: string) => out.indexOf(t);
    assert.ok(at('PROJECTS line 3') < at('EXPERIENCE side 0'), out);
  });

  it('splits a label cell filled to its width by a space from the column beside it, not a spaced name', () => {
    const items: PositionedText[] = [
      { ...text(40, 800, 'P R I Y A', 22, 'name'), width: 85 },
      { ...text(125, 800, ' ', 22, 'name'), width: 20 },
      text(145, 800, 'N A I R', 22, 'name'),
      // The heading's cell ends where the entries' column starts; a space fills the last points.
      text(34, 700, 'Arbetslivserfarenhet', 10, 'heading'),
      { ...text(134, 700, ' ', 10, 'heading'), width: 6 },
      text(140, 700, 'Martin & Servera AB', 9.3),
    ];
    for (let k = 1; k <= 8; k++) items.push(text(140, 700 - k * 13, `Entry line ${k} of the column`, 9.3));
    for (let k = 0; k < 6; k++) items.push(text(145, 780 - k * 12, `Contact ${k}`, 9.3));
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /^# PRIYA NAIR$/m);
    assert.match(out, /^Arbetslivserfarenhet \| Martin & Servera AB$/m);
  });

  it('joins a value that wraps beside its label to the value, not to the label', () => {
    const { text: out } = readPdfLayout([
      page([
        text(40, 700, 'Planning'),
        text(140, 700, 'S&OP, demand forecasting, MRP'),
        text(40, 688, 'Systems'),
        text(140, 688, 'SAP ECC, Oracle Demand Management, Power BI, Excel'),
        text(140, 676, '(advanced)'),
        text(40, 664, 'People'),
        text(140, 664, 'Team leadership, supplier negotiation'),
      ]),
    ]);
    assert.match(out, /^Systems \| SAP ECC, Oracle Demand Management, Power BI, Excel \(advanced\)$/m);
    assert.match(out, /^People \| Team leadership, supplier negotiation$/m);
  });

  it('splits two columns that a producer bridged with one wide space', () => {
    const items: PositionedText[] = [];
    for (let k = 0; k < 3; k++) {
      items.push(
        text(50, 700 - k * 12, `Skill ${k}`),
        { ...text(80, 700 - k * 12, ' '), width: 200 },
        text(300, 700 - k * 12, `Other ${k}`),
      );
    }
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /Skill 0 \| Other 0/);
  });

  it('joins a phone number broken over two lines of a flush-right contact column', () => {
    // moderncv sets the contact details flush right beside an icon; a long number breaks.
    const flushRight = (y: number, str: string) => text(151 - str.length * 5, y, str);
    const items = [
      flushRight(692, 'Redmond, WA 98052'),
      flushRight(680, 'I +1 (425)'),
      flushRight(668, '555-0199'),
      flushRight(656, 'ð narayanan'),
      ...filler(50, 600, 5),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /\nI \+1 \(425\) 555-0199\n/);
    // A postcode over a number is no broken phone number.
    const { text: other } = readPdfLayout([
      page([flushRight(692, 'Redmond, WA 98052'), flushRight(680, '555-0199'), ...filler(50, 600, 5)]),
    ]);
    assert.match(other, /Redmond, WA 98052\n555-0199/);
  });

  it('joins a wrapped line in another font name when the file splits one font into many', () => {
    // Chromium gives every run of one face its own font name: the small-letter continuations below
    // change name, so a name change is no change of style, and a capital after a full line goes on.
    const full = (start: string) => `${start} ${'w'.repeat(86 - start.length)}`;
    const items = [
      ...words(50, 760, full('Managed the venue teams of four hotels'), 10, 'f1'),
      ...words(50, 748, 'and their suppliers.', 10, 'f2'),
      ...words(50, 724, full('Ran the awards dinners for clients in'), 10, 'f6'),
      ...words(50, 712, 'finance and pharma.', 10, 'f5'),
      ...words(50, 688, full('Wrote the briefs used by the agency on'), 10, 'f2'),
      ...words(50, 676, 'every event since.', 10, 'f1'),
      ...words(50, 640, full('Marsh Events Ltd — Senior Event Manager, Corporate'), 10, 'f18'),
      ...words(50, 628, 'Conferences & Incentive Travel', 10, 'f16'),
      ...words(50, 592, full('Hotel Group — Conference & Banqueting Coordinator, 2019'), 10, 'f15'),
      ...words(50, 580, 'Apr 2016 – Feb 2019', 10, 'f16'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /Senior Event Manager, Corporate w+ Conferences & Incentive Travel\n/);
    // Dates still start a line of their own.
    assert.match(out, /\nApr 2016 – Feb 2019$/);
    // With one font name a style, the same capital line in another font stays apart.
    const styled = items.map((item) => ({ ...item, font: item.y === 628 ? 'f16' : 'f1' }));
    assert.match(readPdfLayout([page(styled)]).text, /w+\nConferences & Incentive Travel\n/);
  });
});

describe('joinLetterSpaced', () => {
  it('joins spaced letters into words, with word breaks where the gaps are wider', () => {
    assert.equal(joinLetterSpaced('C O N T A C T'), 'CONTACT');
    assert.equal(joinLetterSpaced('W O R K  E X P E R I E N C E'), 'WORK EXPERIENCE');
    assert.equal(joinLetterSpaced('M a r c u s W h i t fi e l d'), 'Marcus Whitfield');
    assert.equal(joinLetterSpaced('M a r g a r e t A . W h i t f i e l d'), 'Margaret A. Whitfield');
    assert.equal(joinLetterSpaced('A B testing'), 'A B testing');
    // A kerned pair kept together by the producer.
    assert.equal(joinLetterSpaced('E D U CAT I O N'), 'EDUCATION');
    // Spaced dates: the month, the year and the dash stay words of their own.
    assert.equal(joinLetterSpaced('M A R 2 0 2 1 — N OW'), 'MAR 2021 — NOW');
    assert.equal(joinLetterSpaced('1 2 3 4'), '1 2 3 4');
    // Spacing on part of a line only: the spaced capitals and a year's digits join back.
    assert.equal(joinLetterSpaced('S E T. 2017 — JAN. 2021'), 'SET. 2017 — JAN. 2021');
    assert.equal(joinLetterSpaced('2 0 1 4 — 2 0 1 6'), '2014 — 2016');
    assert.equal(joinLetterSpaced('I N T E R ESTS'), 'INTERESTS');
  });
});

describe('readPdfLayout on hostile input', () => {
  // Column finding is skipped past a bound, so the work stays linear (quadratic, this page would
  // take minutes and meet the extraction deadline).
  it('reads a page of tens of thousands of fragments', () => {
    const items: PositionedText[] = [];
    for (let k = 0; k < 40_000; k++)
      items.push(text(40 + (k % 100) * 5, 800 - Math.floor(k / 100) * 2, 'x', 2));
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.ok(out.length > 0);
    assert.equal(layout, 'one_column');
  });

  it('ends an item where its line ends short of the column edge, even before a small letter', () => {
    // Items drawn without markers, indented under their entry; the edge is set by a long line.
    const items = [
      ...words(50, 760, 'Starsza specjalistka ds. kadr i płac, Grupa Meblowa Warta', 10, 'bold'),
      ...words(
        64,
        746,
        'naliczanie wynagrodzeń dla 640 pracowników w trzech zakładach, z systemem akordowym',
      ),
      ...words(64, 732, 'i zmianowym,'),
      ...words(64, 718, 'rozliczenia z ZUS, US, PFRON oraz obsługa PPK,'),
      ...words(64, 704, 'przygotowywanie raportów kosztów osobowych dla zarządu.'),
      ...words(50, 680, 'Specjalistka ds. płac, Biuro Rachunkowe Bilans', 10, 'bold'),
      ...words(64, 666, 'kompleksowa obsługa 45 klientów z sektora MŚP,'),
      ...words(64, 652, 'sporządzanie deklaracji PIT-4R i PIT-11.'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /- naliczanie wynagrodzeń .* akordowym i zmianowym,\n- rozliczenia z ZUS/);
    assert.match(out, /\n- przygotowywanie raportów/);
    assert.match(out, /\n- sporządzanie deklaracji/);
  });

  it('keeps a place under its dates in the date column beside its entry', () => {
    const entry = (y: number, dates: string, place: string, title: string, employer: string) => [
      text(50, y, dates, 8),
      text(50, y - 10, place, 8),
      ...words(160, y, title, 10, 'bold'),
      ...words(160, y - 13, employer),
      ...words(160, y - 26, 'Built things that mattered to the people who used them every day.'),
      ...words(160, y - 39, 'Ran the team and kept the promises made to the customers.'),
    ];
    const { text: out } = readPdfLayout([
      page([
        ...entry(760, '04/2019 – 2023', 'Ηράκλειο', 'Front Office Manager', 'Knossos Bay Resort'),
        ...entry(690, '03/2016 – 03/2019', 'Χερσόνησος', 'Receptionist', 'Ariadne Hotels'),
        ...entry(620, '2011 – 2013', 'Ρέθυμνο', 'Reservations Clerk', 'Blue Dolphin Travel'),
      ]),
    ]);
    assert.match(out, /04\/2019 – 2023 \| Front Office Manager\n/);
    assert.match(out, /2011 – 2013 \| Reservations Clerk\n/);
    assert.doesNotMatch(out, /\nΡέθυμνο\n/, 'the place stays with its entry');
  });

  it('finds a sidebar beside a column whose entries carry right-aligned dates', () => {
    const items: PositionedText[] = [];
    const skills = [
      'Vaardigheden',
      'Arbeidsrecht',
      'Gevorderd',
      'Verzuim',
      'Expert',
      'Planning',
      'Basis',
      'Talen',
      'Nederlands',
      'Moedertaal',
      'Engels',
      'Vloeiend',
    ];
    for (const [k, word] of skills.entries()) items.push(text(30, 760 - k * 14, word));
    for (const [k, [employer, dates]] of [
      ['Zorggroep De Linde', 'mrt. 2020 - heden'],
      ['Bouwbedrijf Heijmerink', 'sep. 2016 - feb. 2020'],
      ['Flexpoint Uitzendbureau', 'jun. 2014 - aug. 2016'],
    ].entries()) {
      const y = 760 - k * 60;
      items.push(...words(200, y, employer!, 10, 'bold'), text(480, y, dates!, 9));
      items.push(...words(200, y - 14, 'Strategisch sparringpartner voor de directie en de teams.'));
      items.push(...words(200, y - 28, 'Begeleid de reorganisatie van de thuiszorg naar wijkteams.'));
    }
    const { text: out, layout } = readPdfLayout([page(items)]);
    assert.equal(layout, 'sidebar');
    assert.match(out, /Zorggroep De Linde \| mrt\. 2020 - heden/);
    // The sidebar is read after the main column, its words together.
    assert.ok(out.indexOf('Arbeidsrecht') > out.indexOf('Flexpoint'), out);
  });

  it('puts a space between the two words of a name set in two fonts with only kerning between', () => {
    const first = text(160, 780, 'Priya', 30, 'light');
    const last = { ...text(0, 780, 'Raghunathan', 30, 'bold') };
    last.x = first.x + first.width + 1.9;
    const { text: out } = readPdfLayout([page([first, last, ...filler(50, 700, 3)])]);
    assert.match(out, /^# Priya Raghunathan\n/);
  });
  it('reads an employer, its dates and its city stacked beside the entry as one line before it', () => {
    // VisualCV's rows: the employer wrapped in a narrow column, dates and city under it, the title
    // and items beside. Read by baseline, the stacked lines would fall between the items.
    const entry = (y: number, employer: string[], dates: string, city: string, title: string) => [
      ...employer.flatMap((e, k) => words(50, y - k * 10, e, 8, 'bold')),
      text(50, y - employer.length * 10, dates, 8),
      text(50, y - (employer.length + 1) * 10, city, 8),
      ...words(170, y, title, 10, 'bold'),
      ...words(170, y - 14, '• Ran the pass five nights a week and covered for the head chef.'),
      ...words(170, y - 28, '• Set up the takeaway offer for two sites during the closures.'),
      ...words(170, y - 42, '• Ordering, stock takes and supplier invoices for two sites.'),
      ...words(170, y - 56, '• Trained the young cooks of the brigade in the larder section.'),
    ];
    const { text: out } = readPdfLayout([
      page([
        ...entry(760, ['Fenwick & Rowe', 'Restaurant Group'], 'Feb 2022 – Present', 'Dublin 2', 'Head Chef'),
        ...entry(680, ['The Cliff House'], 'Apr 2016 – Feb 2019', 'Ardmore', 'Chef de Partie'),
        ...entry(600, ["Gleeson's Bistro"], 'Sep 2013 – Mar 2016', 'Cork', 'Commis Chef'),
      ]),
    ]);
    assert.match(
      out,
      /^Fenwick & Rowe Restaurant Group \| Feb 2022 – Present \| Dublin 2 \| Head Chef\n- Ran the pass/,
    );
    assert.match(out, /\nGleeson's Bistro \| Sep 2013 – Mar 2016 \| Cork \| Commis Chef\n/);
  });
  it('joins a name in letter-spaced small capitals, its capitals larger than the rest', () => {
    // LibreOffice's small capitals: "I" at 26 pt, "N Ê S" at 20.8 pt, a kerned "RVA" inside.
    const { text: out } = readPdfLayout([
      page([
        text(131.2, 773, 'I', 26),
        { str: 'N Ê S', x: 142.7, y: 773, width: 44.9, size: 20.8, font: 'body' },
        text(199.8, 773, 'C', 26),
        { str: 'A RVA L H O', x: 220.1, y: 773, width: 114.3, size: 20.8, font: 'body' },
        ...filler(50, 700, 3),
      ]),
    ]);
    assert.match(out, /^# INÊS CARVALHO\n/);
  });

  it("keeps a browser's small capitals on one line though a larger heading of another column sits a point higher", () => {
    // Chromium's synthesised small capitals: "D" at 10 pt, "elsol" at 6.7 pt, beside a sidebar
    // heading at 13 pt whose baseline is 1.5 pt higher.
    const glyphs = [...'elsol'].map((c, k) => ({
      str: c,
      x: 227.8 + k * 3.7,
      y: 651.4,
      width: 3.3,
      size: 6.7,
      font: 'body',
    }));
    const { text: out } = readPdfLayout([
      page([
        text(31, 780, 'Camille Roux', 27),
        text(31, 652.9, 'Contact', 13, 'head'),
        { str: 'D', x: 221.1, y: 651.4, width: 6.2, size: 10, font: 'body' },
        ...glyphs,
        { str: ' ', x: 246.8, y: 651.4, width: 4.6, size: 6.7, font: 'body' },
        text(250.2, 651.4, 'Avocats, Lyon'),
        ...filler(221, 600, 3, 60),
      ]),
    ]);
    assert.match(out, /\bDelsol Avocats, Lyon\n/, out);
  });

  it('reads no word break in a space pdf.js puts where only the letter spacing is', () => {
    // "Exp" "é" " " "rience": the space 1.6 pt wide at 15 pt, the next letters starting inside it;
    // "Giulia" " " "Ferraresi" has a thin but real space.
    const { text: out } = readPdfLayout([
      page([
        text(50, 780, 'Giulia', 30),
        { str: ' ', x: 140, y: 780, width: 2.6, size: 30, font: 'body' },
        text(142.6, 780, 'Ferraresi', 30),
        text(50, 740, 'Exp', 15),
        { str: 'é', x: 73.7, y: 740, width: 6.6, size: 15, font: 'body' },
        { str: ' ', x: 80.3, y: 740, width: 1.6, size: 15, font: 'body' },
        text(81.5, 740, 'rience professionnelle', 15),
        ...filler(50, 700, 3),
      ]),
    ]);
    assert.match(out, /^# Giulia Ferraresi\n/, out);
    assert.match(out, /\nExpérience professionnelle\n/, out);
  });

  it('reads a surname set smaller in capitals under a given name that is the largest text as part of the title', () => {
    const { text: out } = readPdfLayout([
      page([
        text(25, 777, 'Mariana', 25.9),
        text(25, 757.7, 'SOUZA LIMA', 19.9),
        text(25, 739.8, 'Contadora – CRC-SP'),
        ...filler(50, 680, 3),
      ]),
    ]);
    assert.match(out, /^# Mariana SOUZA LIMA\n/, out);
  });

  it('joins a double name broken at its hyphen over two lines without a space', () => {
    const { text: out } = readPdfLayout([
      page([
        text(50, 780, 'Camille', 27),
        text(50, 752, 'Dufresne-', 27),
        text(50, 724, 'Roux', 27),
        ...filler(50, 680, 3),
      ]),
    ]);
    assert.match(out, /^# Camille Dufresne-Roux\n/, out);
  });

  it('reads a heading between two dashes as the heading, not as a list item', () => {
    const { text: out } = readPdfLayout([
      page([...words(250, 760, '— PERFIL —', 12, 'bold'), ...filler(50, 740, 3), ...filler(50, 600, 3)]),
    ]);
    assert.match(out, /(?:^|\n)(?:## )?PERFIL\n/);
    assert.doesNotMatch(out, /- PERFIL/);
  });

  it('reads a given name set smaller above the surname as part of the title, not a document title', () => {
    const read = (top: string) =>
      readPdfLayout([
        page([text(50, 790, top, 22), text(50, 760, 'BENSAÏD', 26, 'bold'), ...filler(50, 700, 3)]),
      ]).text;
    assert.match(read('KARIM'), /^# KARIM BENSAÏD\n/);
    assert.match(read('LEBENSLAUF'), /^# BENSAÏD\n/);
    // Given names that end in the surname's particle; a job title above the name is no part of it.
    assert.match(read('Marieke Johanna van'), /^# Marieke Johanna van BENSAÏD\n/);
    assert.match(read('Senior Data Engineer'), /^# BENSAÏD\n/);
  });

  it('reads a card indented as a whole under its heading as lines, not list items', () => {
    const items = [
      text(50, 810, 'Sanne de Wit', 24),
      ...words(50, 780, 'Profiel', 12, 'bold'),
      ...words(50, 765, 'Sous-chef met tien jaar ervaring in fine dining en brasserie, rustig op zaterdag.'),
      ...words(50, 753, 'Ik werk graag met lokale boeren en vissers en houd mijn foodcost scherp.'),
      ...words(50, 730, 'Werkervaring', 12, 'bold'),
      ...words(62, 715, 'Sous-chef bij het restaurant'),
      ...words(62, 703, 'Restaurant De Hoefslag, Bosch en Duin'),
      ...words(62, 691, 'Ik stuur een brigade van negen koks aan.'),
      ...words(50, 668, 'Opleiding', 12, 'bold'),
      ...words(62, 653, 'Kok niveau vier, gespecialiseerd kok'),
      ...words(62, 641, 'ROC Midden Nederland, Utrecht'),
    ];
    const { text: out } = readPdfLayout([page(items)]);
    assert.doesNotMatch(out, /^- /m, out);
  });

  it('keeps right-aligned dates with their entries though two boxes stand side by side at the foot', () => {
    const items: PositionedText[] = [];
    for (const [k, [employer, dates]] of [
      ['Makedonia Palace Hotel', '04/2020 – Present'],
      ['Ikaros Resort and Spa', '05/2016 – 10/2019'],
      ['Taverna Ladadika', '09/2013 – 04/2016'],
    ].entries()) {
      const y = 760 - k * 70;
      items.push(...words(50, y, employer!, 10, 'bold'), text(450, y, dates!, 9));
      items.push(...words(50, y - 13, 'Sous Chef'), text(470, y - 13, 'Thessaloniki', 9));
      items.push(...words(60, y - 26, 'Led a team of fourteen cooks across two restaurants and banquets.'));
      items.push(...words(60, y - 39, 'Cut the cost of raw materials from 34% to 29% with new recipes.'));
    }
    for (const [k, [left, right]] of [
      ['Education', 'Languages'],
      ['Le Monde Thessaloniki', 'Greek native'],
      ['Culinary Arts Diploma', 'English B2'],
      ['Vocational Lyceum Kalamaria', 'Italian A2'],
      ['Tourism and Hospitality', 'French A1'],
    ].entries()) {
      items.push(...words(50, 520 - k * 14, left!), ...words(320, 520 - k * 14, right!));
    }
    const { text: out } = readPdfLayout([page(items)]);
    assert.match(out, /Makedonia Palace Hotel \| 04\/2020 – Present/, out);
    assert.match(out, /Taverna Ladadika \| 09\/2013 – 04\/2016/, out);
  });
});
