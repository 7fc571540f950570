import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCase } from '../../test/helpers/analysis-fixtures.ts';
import { parseCv } from './cv-structure.ts';

describe('parseCv', () => {
  it('reads a one-column English CV into JSON Resume', () => {
    const cv = parseCv(loadCase('software-en').cvText);
    assert.equal(cv.basics.name, 'Jane Doe');
    assert.equal(cv.basics.label, 'Senior Backend Engineer');
    assert.equal(cv.basics.email, 'jane.doe@example.com');
    assert.equal(cv.basics.phone, '+49 151 2345 6789');
    assert.deepEqual(cv.basics.location, {
      address: 'Berlin, Germany',
      city: 'Berlin',
      region: null,
      countryCode: 'DE',
    });
    assert.deepEqual(
      cv.basics.profiles.map((p) => [p.network, p.username]),
      [
        ['Linkedin', 'janedoe'],
        ['Github', 'janedoe'],
      ],
    );
    assert.equal(cv.work.length, 3);
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate, w.current]),
      [
        ['Senior Backend Engineer', 'Acme Payments GmbH', '2020-01', null, true],
        ['Backend Developer', 'Globex Logistics Ltd', '2016-03', '2019-12', false],
        ['Junior Developer', 'Initech', '2014-06', '2016-02', false],
      ],
    );
    assert.equal(cv.work[0]!.highlights.length, 4);
    assert.equal(cv.education[0]!.institution, 'University of Manchester');
    assert.equal(cv.education[0]!.area, 'Computer Science');
    assert.deepEqual(
      cv.skills.map((g) => g.name),
      ['Languages', 'Infrastructure', 'Data', 'Practices'],
    );
    assert.equal(cv.certificates.length, 2);
    assert.deepEqual(cv.languages[1], { language: 'German', fluency: 'B2' });
    assert.deepEqual(cv.meta.sectionOrder, [
      'summary',
      'experience',
      'education',
      'skills',
      'certificates',
      'languages',
    ]);
    assert.ok(cv.meta.confidence.work! >= 0.9);
  });

  it('separates the two columns of a PDF printed side by side', () => {
    const cv = parseCv(loadCase('data-twocolumn-en').cvText);
    assert.equal(cv.meta.twoColumn, true);
    assert.equal(cv.basics.label, 'Data Scientist');
    assert.equal(cv.basics.location?.countryCode, 'GB');
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Senior Data Scientist', 'Brightcart Ltd', '2021-04', null],
        ['Data Analyst', 'Northbridge Insurance plc', '2018-09', '2021-03'],
      ],
    );
    // A wrapped bullet is one highlight, and sidebar lines stay out of the experience.
    assert.match(cv.work[0]!.highlights[0]!, /flagged 70% of churners two months ahead$/);
    assert.ok(cv.skills[0]!.keywords.includes('scikit-learn'));
    assert.equal(cv.languages.length, 3);
    assert.equal(cv.certificates[0]!.name, 'Tableau Desktop Specialist');
    assert.deepEqual(
      cv.education.map((e) => e.studyType),
      ['MSc', 'BSc'],
    );
  });

  it('reads German, French and Spanish headings and dates', () => {
    const de = parseCv(loadCase('nursing-de').cvText);
    assert.equal(de.meta.language, 'de');
    assert.equal(de.basics.name, 'Anna Schmidt');
    assert.deepEqual(
      de.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Pflegefachkraft Intensivstation', 'Universitätsklinikum Köln', '2019-03', null],
        ['Gesundheits- und Krankenpflegerin', 'St. Marien-Hospital Bonn', '2016-10', '2019-02'],
      ],
    );
    assert.equal(de.certificates.length, 2);

    const fr = parseCv(loadCase('marketing-fr').cvText);
    assert.equal(fr.meta.language, 'fr');
    assert.deepEqual(
      fr.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Responsable Marketing Digital', 'Maison Lumière SAS', '2021-01', null],
        ['Chargée de marketing', 'Atelier Vert SARL', '2018-09', '2020-12'],
        ['Stagiaire marketing', 'Agence Pixel', '2018-02', '2018-08'],
      ],
    );
    assert.deepEqual(
      fr.education.map((e) => e.studyType),
      ['Master', 'Licence'],
    );

    const es = parseCv(loadCase('finance-es').cvText);
    assert.equal(es.meta.language, 'es');
    assert.deepEqual(
      es.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Analista Financiero Senior', 'Grupo Ibérica Industrial S.A.', '2019-01', null],
        ['Analista Financiero', 'Banco Meridiano', '2016-03', '2018-12'],
        ['Becario de Auditoría', 'Auditores Asociados S.L.', '2015-06', '2016-02'],
      ],
    );
    assert.equal(es.certificates[0]!.name, 'CFA Level II');
  });

  it('handles headings in an unusual order, markdown, and credentials after a name', () => {
    const grad = parseCv(loadCase('graduate-en').cvText);
    assert.deepEqual(grad.meta.sectionOrder.slice(0, 4), ['summary', 'education', 'projects', 'experience']);
    assert.deepEqual(
      grad.projects.map((p) => p.name),
      ['StudyBuddy', 'Library recommender'],
    );
    const design = parseCv(loadCase('design-en').cvText);
    assert.equal(design.basics.label, 'Product Designer');
    assert.equal(design.work[0]!.name, 'Finlo s.r.o.');
    const nurse = parseCv(loadCase('nursing-en').cvText);
    assert.equal(nurse.basics.name, 'Grace Okafor, RN');
    assert.equal(nurse.basics.phone, '713-555-0198');
    assert.deepEqual(nurse.basics.location, {
      address: 'Houston, TX',
      city: 'Houston',
      region: 'TX',
      countryCode: null,
    });
    assert.equal(nurse.work[0]!.location, 'Houston, TX');
  });

  it('reads a PDF printed column by column, sidebar first', () => {
    const cv = parseCv(loadCase('operations-sidebar-en').cvText);
    assert.equal(cv.basics.name, 'TOM BECKER');
    assert.equal(cv.basics.label, 'Operations Manager');
    assert.equal(cv.basics.location?.city, 'Rotterdam');
    assert.deepEqual(
      cv.certificates.map((c) => c.name),
      ['PMP', 'Six Sigma Green Belt'],
    );
    assert.equal(cv.languages.length, 3);
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Operations Manager', 'Northsea Distribution B.V.', '2019-04', null],
        ['Shift Supervisor', 'Van Dijk Logistics', '2014-09', '2019-03'],
      ],
    );
  });

  it('moves sidebar lines interleaved with the experience to skills and languages', () => {
    const cv = parseCv(
      [
        'Maria Lopez',
        'maria@example.com',
        'EXPERIENCE',
        'Data Engineer, Acme Analytics Ltd',
        'Python',
        '2020 – Present',
        'English (native)',
        '- Built Airflow pipelines for 40 sources',
        'Apache Spark',
        'SKILLS',
        'SQL',
      ].join('\n'),
    );
    assert.equal(cv.work.length, 1);
    assert.equal(cv.work[0]!.name, 'Acme Analytics Ltd');
    assert.deepEqual(cv.work[0]!.highlights, ['Built Airflow pipelines for 40 sources']);
    assert.deepEqual([...cv.skills[0]!.keywords].sort(), ['Apache Spark', 'Python', 'SQL']);
    assert.deepEqual(cv.languages, [{ language: 'English', fluency: 'native' }]);
  });

  it('finds work, education and skills in a CV without headings', () => {
    const cv = parseCv(
      [
        'John Smith',
        'Accountant',
        'john@example.com',
        '',
        'Senior Accountant, Bright & Co LLP',
        '2018 – Present',
        '- Closed the books monthly for 12 entities',
        '',
        'Accountant, Tax House Ltd',
        '2014 – 2018',
        '- Prepared VAT returns for 40 clients',
        '',
        'BSc Accounting, University of Bristol, 2010 – 2014',
        '',
        'Excel, SAP, Xero',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Senior Accountant', 'Bright & Co LLP', '2018', null],
        ['Accountant', 'Tax House Ltd', '2014', '2018'],
      ],
    );
    assert.equal(cv.education[0]?.institution, 'University of Bristol');
    assert.deepEqual(cv.skills[0]?.keywords, ['Excel', 'SAP', 'Xero']);
    assert.equal(cv.basics.summary, null);
  });

  it('reads volunteering with JSON Resume field names', () => {
    const cv = parseCv(
      'Jo Bloggs\nVolunteering\nMentor, Code Club\n2019 – 2021\n- Taught 12 children Python',
    );
    assert.deepEqual(
      cv.volunteer.map((v) => [v.position, v.organization, v.startDate, v.endDate, v.highlights]),
      [['Mentor', 'Code Club', '2019', '2021', ['Taught 12 children Python']]],
    );
  });

  it('reads entries in every common arrangement of title, employer, place and dates', () => {
    const cases: [string, [string | null, string | null, string | null, string | null, string | null]][] = [
      [
        'Senior Engineer at Acme Payments GmbH\nJan 2020 – Present',
        ['Senior Engineer', 'Acme Payments GmbH', null, '2020-01', null],
      ],
      [
        '2019 – 2021 | Charge Nurse, Surgical Unit, Riverbend Medical Center, Portland, OR',
        ['Charge Nurse, Surgical Unit', 'Riverbend Medical Center', 'Portland, OR', '2019', '2021'],
      ],
      [
        'Brabant Cargo B.V. | Tilburg\nTeamleider Planning | mrt. 2017 – heden',
        ['Teamleider Planning', 'Brabant Cargo B.V.', 'Tilburg', '2017-03', null],
      ],
      [
        'Abogada asociada, Climent & Roig Abogados, S.L.P. (Valencia)\nene. 2019 – actualidad',
        ['Abogada asociada', 'Climent & Roig Abogados, S.L.P.', 'Valencia', '2019-01', null],
      ],
      [
        'Graduate Research Assistant | Sep 2019 – May 2021\nUniversity of Texas at Austin',
        ['Graduate Research Assistant', 'University of Texas at Austin', null, '2019-09', '2021-05'],
      ],
      [
        '2020年7月 – 至今 | 高级产品经理\n上海云帆数据科技有限公司',
        ['高级产品经理', '上海云帆数据科技有限公司', null, '2020-07', null],
      ],
      [
        'сент. 2020 – настоящее время | Менеджер по подбору, ООО «Северный ветер», Москва',
        ['Менеджер по подбору', 'ООО «Северный ветер»', 'Москва', '2020-09', null],
      ],
      [
        'PwC UK | Director, Technology Consulting | Jan 2022 – Present',
        ['Director, Technology Consulting', 'PwC UK', null, '2022-01', null],
      ],
      // moderncv ends the line with a full stop; a city may stand before its country.
      [
        'Principal Program Manager, Microsoft, Redmond, WA. | Jan 2020–Present',
        ['Principal Program Manager', 'Microsoft', 'Redmond, WA', '2020-01', null],
      ],
      [
        'Project Manager, Infosys, Bengaluru, India. | Apr 2010–Feb 2013',
        ['Project Manager', 'Infosys', 'Bengaluru, India', '2010-04', '2013-02'],
      ],
      [
        'Front Office Managerin, Hotel Alpenrose Seefeld GmbH, Seefeld in Tirol. | seit 2020',
        ['Front Office Managerin', 'Hotel Alpenrose Seefeld GmbH', 'Seefeld in Tirol', '2020', null],
      ],
    ];
    for (const [entry, expected] of cases) {
      const [job] = parseCv(`Jo Bloggs\n\n## Experience\n${entry}\n- Did one thing.`).work;
      assert.deepEqual(
        [job?.position, job?.name, job?.location, job?.startDate, job?.endDate],
        expected,
        entry,
      );
    }
  });

  it('splits a title from its employer at Spanish "en" or Portuguese "na", not from its field', () => {
    const read = (entry: string) => {
      const [job] = parseCv(
        `Jo Bloggs\n\n## Experiencia\n${entry} | 2017-09 — 2020-03\n- Hice una cosa.`,
      ).work;
      return [job?.position, job?.name];
    };
    assert.deepEqual(read('Analista de Negocio en Telefónica España'), [
      'Analista de Negocio',
      'Telefónica España',
    ]);
    assert.deepEqual(read('Analista de Datos Senior en BBVA'), ['Analista de Datos Senior', 'BBVA']);
    assert.deepEqual(read('Gerente de Loja na Zara'), ['Gerente de Loja', 'Zara']);
    assert.equal(read('Analista en Marketing Digital')[0], 'Analista en Marketing Digital');
    assert.equal(read('Técnico en Farmacia y Parafarmacia')[0], 'Técnico en Farmacia y Parafarmacia');
    assert.equal(
      read('Técnico en Cuidados Auxiliares de Enfermería')[0],
      'Técnico en Cuidados Auxiliares de Enfermería',
    );
  });

  it('reads a Europass language grid as the languages, and the skills rows after it as skills', () => {
    const cv = parseCv(
      [
        '# Lucía Fernández',
        '## COMPETENCIAS PERSONALES',
        'Lengua materna | español',
        'Otros idiomas | COMPRENDER | HABLAR',
        'inglés | B2 | B2 | B1 | B1 | B1',
        '',
        'Competencias profesionales | – Gestión de equipos de cocina',
        '- Control de costes y escandallos',
        '',
        'Competências relacionadas com o | – Microbiologia alimentar',
        'trabalho | – Sistemas de gestão da qualidade',
      ].join('\n'),
    );
    assert.ok(cv.meta.sectionOrder.includes('languages'), cv.meta.sectionOrder.join());
    const keywords = cv.skills.flatMap((g) => g.keywords);
    for (const k of ['Control de costes y escandallos', 'Microbiologia alimentar'])
      assert.ok(keywords.includes(k), k);
  });

  it('joins a date range broken over two lines, also in a date column beside the entry', () => {
    const cv = parseCv(
      'Jo Bloggs\n\n## Experience\nSept. 2016 –\ndéc. 2020\nChargée d’études, Alpes Conseil SARL\n- Études d’impact.\n03/2021 – | Responsable qualité, Cítricos del Turia S.A.\nactualidad | - Auditorías IFS.',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.startDate, w.endDate]),
      [
        ['2016-09', '2020-12'],
        ['2021-03', null],
      ],
    );
  });

  it('gives a second role printed under its employer that employer', () => {
    const cv = parseCv(
      'Jo Bloggs\n\n## Experience\nSoftware Engineer II | Jul. 2022 – Present\nNorthwind Freight | Chicago, IL\n- Own the tracking service.\nSoftware Engineer I | Aug. 2020 – Jun. 2022\n- Built the portal.',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Software Engineer II', 'Northwind Freight'],
        ['Software Engineer I', 'Northwind Freight'],
      ],
    );
  });

  it('reads awards and publications as their own sections', () => {
    const cv = parseCv(
      [
        '# Margaret Whitfield',
        '',
        '## Awards and Honours',
        '- Pharmacist of the Year, Ontario Pharmacists Association, 2022',
        '## Publications',
        '- Antiemetic prescribing in oral chemotherapy, Journal of Oncology Pharmacy Practice, 2020',
      ].join('\n'),
    );
    assert.deepEqual(cv.awards, [
      { title: 'Pharmacist of the Year', date: '2022', awarder: 'Ontario Pharmacists Association', line: 4 },
    ]);
    assert.equal(cv.publications.length, 1);
    assert.equal(cv.publications[0]!.releaseDate, '2020');
    assert.match(cv.publications[0]!.name, /^Antiemetic prescribing in oral chemotherapy/);
    assert.deepEqual(cv.meta.sectionOrder, ['awards', 'publications']);
  });

  it('is deterministic', () => {
    const text = loadCase('data-twocolumn-en').cvText;
    assert.deepEqual(parseCv(text), parseCv(text));
  });

  it('reads roles grouped under an employer printed once above them (LinkedIn style)', () => {
    const cv = parseCv(
      [
        '# Aisha Bello',
        '',
        '## Experience',
        '',
        'Brightwell Software Ltd',
        'Full-time · 5 yrs 10 mos · London, UK',
        '',
        'Head of Customer Success',
        'Apr 2022 – Present · 2 yrs',
        '- Lead 14 customer success managers.',
        'Customer Success Manager',
        'Jun 2018 – Mar 2022',
        '- Owned a book of 40 accounts.',
        '',
        'Ledgerline',
        'Full-time · Manchester, UK',
        '',
        'Account Executive',
        'Sep 2016 – May 2018',
        '- Closed 120 new customers.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Head of Customer Success', 'Brightwell Software Ltd'],
        ['Customer Success Manager', 'Brightwell Software Ltd'],
        ['Account Executive', 'Ledgerline'],
      ],
    );
  });

  it('keeps an entry header set as a list item, and opens an entry with a single year', () => {
    const cv = parseCv(
      [
        '# Priya Raghunathan',
        '',
        '## Experience',
        '- Harborline Freight Analytics | Boston, MA',
        'Senior Data Engineer | Feb 2021 – Present',
        '- Designed the Kafka pipeline that ingests container events.',
        '- Quillmark Health | Cambridge, MA',
        'Data Analyst | Jun 2017 – Jun 2019',
        '- Owned the claims dashboards.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.location, w.highlights.length]),
      [
        ['Senior Data Engineer', 'Harborline Freight Analytics', 'Boston, MA', 1],
        ['Data Analyst', 'Quillmark Health', 'Cambridge, MA', 1],
      ],
    );
    const dated = parseCv(
      [
        '## Esperienza lavorativa',
        '09/2016 – 05/2018 Graphic Designer',
        'Officina Grafica Baraldi | Ferrara',
        '- Siti WordPress per piccole imprese.',
        '2016 Stagista grafica',
        'Agenzia Pixelfarm | Bologna',
        '- Impaginazione di cataloghi.',
      ].join('\n'),
    );
    assert.deepEqual(
      dated.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Graphic Designer', 'Officina Grafica Baraldi', '2016-09', '2018-05'],
        ['Stagista grafica', 'Agenzia Pixelfarm', '2016', '2016'],
      ],
    );
    // Entries that close with their dates: a season or a single year closes its line the same way.
    const closing = parseCv(
      [
        '## Experience',
        'Summer Analyst Intern | Summer 2024',
        'Northbridge Capital Partners LLP · London',
        '- Built comparable-company tables for two deals.',
        'Student Ambassador | Sep 2023 – Present',
        'University of Leeds',
        '- Lead campus tours on open days.',
        'Sales Assistant (Saturdays), 2021',
        "Hadley's Bookshop",
      ].join('\n'),
    );
    assert.deepEqual(
      closing.work.map((w) => [w.position, w.name, w.startDate, w.endDate, w.highlights.length]),
      [
        ['Summer Analyst Intern', 'Northbridge Capital Partners LLP', '2024', '2024', 1],
        ['Student Ambassador', 'University of Leeds', '2023-09', null, 1],
        ['Sales Assistant Saturdays', "Hadley's Bookshop", '2021', '2021', 0],
      ],
    );
  });

  it('opens an entry with a season after entries that open with their ranges, its city a district', () => {
    const cv = parseCv(
      [
        '## Expériences professionnelles',
        'Janv. – févr. 2024 | Carrefour Market, Lyon 3',
        'Stagiaire assistante manager de rayon',
        '- mise en rayon et gestion des ruptures',
        'Été 2023 | McDonald’s, Lyon Part-Dieu',
        'Équipière polyvalente (CDD saisonnier)',
        'Déc. 2022 – janv. 2023 | Fnac, Lyon Bellecour',
        'Vendeuse en renfort pour Noël (CDD)',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.location, w.startDate, w.endDate]),
      [
        ['Carrefour Market', 'Lyon 3', '2024-01', '2024-02'],
        ['McDonald’s', 'Lyon Part-Dieu', '2023', '2023'],
        ['Fnac', 'Lyon Bellecour', '2022-12', '2023-01'],
      ],
    );
  });

  it('keeps a title whole with the unit, field or shift it names', () => {
    const cv = parseCv(
      [
        '## Doświadczenie zawodowe',
        'Pielęgniarka odcinkowa – Oddział Chirurgii Ogólnej | 10.2015 – 03.2019',
        'Krakowski Szpital Specjalistyczny im. Jana Pawła II, Kraków',
        '- Opieka pooperacyjna.',
        'Enfermera de planta - Medicina Interna | jun. 2012 - abr. 2015',
        'Clínica Ribera del Manzanares',
        '- Atención a pacientes.',
        'Warehouse Supervisor, 2nd Shift | Jun 2010 – Feb 2012',
        'Northgate Freight & Logistics, Inc.',
        '- Supervised 30 associates.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        [
          'Pielęgniarka odcinkowa – Oddział Chirurgii Ogólnej',
          'Krakowski Szpital Specjalistyczny im. Jana Pawła II',
        ],
        ['Enfermera de planta - Medicina Interna', 'Clínica Ribera del Manzanares'],
        ['Warehouse Supervisor, 2nd Shift', 'Northgate Freight & Logistics, Inc.'],
      ],
    );
    // A workplace after the comma is no field of work, however much research it does.
    const academic = parseCv(
      '## Research Experience\n2016 – 2019 | Research Assistant, Centre for Marine Ecosystems Research, Edith Cowan University\n- Fieldwork.',
    );
    assert.deepEqual(
      academic.work.map((w) => [w.position, w.name]),
      [['Research Assistant', 'Centre for Marine Ecosystems Research, Edith Cowan University']],
    );
  });

  it('gives roles under an employer printed right after the items above them that employer', () => {
    const cv = parseCv(
      [
        '## Berufserfahrung',
        'Sachbearbeiterin Bürgerservice | seit 04/2021',
        'Stadt Freiburg im Breisgau',
        '- Meldewesen und Führungszeugnisse',
        '- Einarbeitung neuer Kolleginnen',
        'Gemeinde Merzhausen',
        'Verwaltungsfachangestellte | 09/2016 – 03/2021',
        '- Standesamt und Friedhofsverwaltung',
        'Auszubildende zur Verwaltungsfachangestellten | 09/2013 – 08/2016',
        '- Stationen: Hauptamt, Kämmerei',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.highlights.length]),
      [
        ['Sachbearbeiterin Bürgerservice', 'Stadt Freiburg im Breisgau', 2],
        ['Verwaltungsfachangestellte', 'Gemeinde Merzhausen', 1],
        ['Auszubildende zur Verwaltungsfachangestellten', 'Gemeinde Merzhausen', 1],
      ],
    );
  });

  it('reads an entry printed without dates among dated ones as its own job', () => {
    const cv = parseCv(
      [
        '## Experiencia profesional',
        'Oficial de 2.ª electricista',
        'Electro Delicias, S.L. – Zaragoza',
        '2012 – 2015',
        '- Instalaciones y reformas eléctricas en viviendas.',
        'Electricista en prácticas (FCT, 380 h)',
        'Montajes Eléctricos Aragón, S.L. – Utebo',
        '- Apoyo en el montaje de cuadros.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.highlights.length]),
      [
        ['Oficial de 2.ª electricista', 'Electro Delicias, S.L.', '2012', 1],
        ['Electricista en prácticas (FCT, 380 h)', 'Montajes Eléctricos Aragón, S.L.', null, 1],
      ],
    );
  });

  it('reads a form of label | value rows: Europass labels wrapped in their column, shorter table labels', () => {
    const cv = parseCv(
      [
        '## Angaben zur Person',
        'Nachname(n) / Vorname(n) | Brandt, Katharina',
        '## Berufserfahrung',
        'Zeitraum | Seit Januar 2020',
        'Beruf oder Funktion | Projektleiterin Netzanschluss',
        'Wichtigste Tätigkeiten und | - Technische Verantwortung für den Anschluss von Wind- und',
        'Zuständigkeiten | Solarparks an das Mittelspannungsnetz',
        '- Prüfung von Netzanschlussanfragen',
        'Name und Adresse des Arbeitgebers | Nordwest Netz GmbH, Donnerschweer Straße 90',
        '26123 Oldenburg (Deutschland)',
        'Tätigkeitsbereich oder Branche | Energieversorgung',
        '',
        'Periodo | 2016 – 2019',
        'Datore di lavoro | Lombardi Engineering S.r.l., Bergamo',
        'Ruolo | Architetta, BIM coordinator',
        'Attività | Coordinamento dei modelli BIM per tre nuove scuole.',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'Katharina Brandt');
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.highlights.length]),
      [
        ['Projektleiterin Netzanschluss', 'Nordwest Netz GmbH', '2020-01', 2],
        ['Architetta, BIM coordinator', 'Lombardi Engineering S.r.l.', '2016', 0],
      ],
    );
  });

  it('finds the name in a Chinese, Japanese or Korean form, and not in a monogram', () => {
    assert.equal(parseCv('# 个人简历\n\n基本信息\n姓 名 | 陈思远 | 性 别 | 男').basics.name, '陈思远');
    assert.equal(parseCv('# 職務経歴書\n\n氏名 高橋 由紀\nTEL：080-3391-2275').basics.name, '高橋 由紀');
    assert.equal(parseCv('# 職務経歴書\n\n氏名：山口 千尋（やまぐち ちひろ）').basics.name, '山口 千尋');
    assert.equal(parseCv('# MT\n\nMAYA THORNTON\n\nmaya@example.com').basics.name, 'MAYA THORNTON');
    // A Europass heading in Greek capitals (no final sigma) before the name on its line.
    assert.equal(parseCv('# ΠΡΟΣΩΠΙΚΕΣ ΠΛΗΡΟΦΟΡΙΕΣ Ελένη Παπαδοπούλου').basics.name, 'Ελένη Παπαδοπούλου');
  });

  it('reads headings that a word processor numbered as list items, but no item that names a section', () => {
    const cv = parseCv(
      [
        '# Camille Rousseau',
        '- Expérience professionnelle',
        'Juriste en droit social, Groupe Hexagone Distribution, Lyon (depuis septembre 2021)',
        '- Conseil quotidien aux DRH de 42 magasins.',
        '- Formation',
        '2018 | Certificat d’aptitude à la profession d’avocat — EDA Rhône-Alpes',
        '2011 – 2014 | BSc Accounting, University of Leeds',
        '- First Class Honours',
        'A-levels | 2009 – 2011',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.startDate]),
      [['Juriste en droit social', '2021-09']],
    );
    assert.equal(cv.education.length, 3);
    assert.equal(cv.awards.length, 0);
  });

  it("reads a job's length beside or under its dates as no part of the entry (hh.ru)", () => {
    const cv = parseCv(
      [
        '## Опыт работы',
        'Март 2019 — настоящее время (6 лет 2 месяца)',
        'ООО «ТрансЛогистик Групп», Москва',
        'Руководитель отдела логистики',
        '- Руковожу отделом из 22 человек.',
        'Июль 2012 — февраль 2019',
        '6 лет 8 месяцев',
        '',
        'АО «Меридиан Дистрибуция»',
        'Ведущий специалист по логистике',
        '- Планирование поставок от 40 поставщиков.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.highlights.length]),
      [
        ['Руководитель отдела логистики', 'ООО «ТрансЛогистик Групп»', '2019-03', 1],
        ['Ведущий специалист по логистике', 'АО «Меридиан Дистрибуция»', '2012-07', 1],
      ],
    );
  });

  it('skips a table header row, keeps Europass line of business out of the items, finds a name on a contact line', () => {
    const cv = parseCv(
      [
        'Mads Kjærgaard Nielsen | +45 28 74 19 03',
        '',
        '## Berufserfahrung',
        'Zeitraum | Tätigkeit',
        'seit 04/2021 | Stationsleitung Intensivstation',
        'St.-Lamberti-Klinikum, Münster',
        '- Personalverantwortung für 34 Pflegefachkräfte',
        'Business or sector Human health',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'Mads Kjærgaard Nielsen');
    assert.equal(cv.work.length, 1);
    assert.equal(cv.work[0]!.name, 'St.-Lamberti-Klinikum');
    assert.equal(cv.work[0]!.position, 'Stationsleitung Intensivstation');
    assert.deepEqual(cv.work[0]!.highlights, ['Personalverantwortung für 34 Pflegefachkräfte']);
  });

  it('names sections in more languages and does not take a skill for a heading', () => {
    const cv = parseCv(
      [
        '# Monika Zielińska',
        '',
        '## PODSUMOWANIE ZAWODOWE',
        'Specjalistka ds. kadr i płac.',
        '## WYKSZTAŁCENIE',
        '2008 – 2013 | Uniwersytet Ekonomiczny w Poznaniu',
        '## UMIEJĘTNOŚCI',
        'Patient & Family Education',
        'Płatnik',
        '## ZAINTERESOWANIA',
        'turystyka rowerowa',
      ].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['summary', 'education', 'skills', 'interests']);
    assert.deepEqual(cv.skills[0]!.keywords, ['Patient & Family Education', 'Płatnik']);
  });

  it('names Scandinavian headings that join two sections with "og" or "och", and reads "des." as December', () => {
    const cv = parseCv(
      [
        '# Silje Bakken',
        '',
        '## Arbeidserfaring',
        'Sykepleier, Akuttmottaket | Oslo universitetssykehus HF',
        'aug. 2017 – des. 2020',
        '- Triage etter RETTS.',
        '## Autorisasjon og kurs',
        '2021 – ALS, avansert hjerte-lunge-redning (NRR)',
        '## Kompetenser och språk',
        'DIPS Arena, Metavision',
      ].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['experience', 'certificates', 'skills']);
    assert.deepEqual([cv.work[0]?.startDate, cv.work[0]?.endDate], ['2017-08', '2020-12']);
  });

  it('splits a letter-spaced name that lost its word space where the address splits it', () => {
    const cv = parseCv(
      [
        '# KACPERWRÓBLEWSKI',
        '',
        'ul. Rakowicka 41/7, 31-510 Kraków | tel. 512 604 337 | kacper.wroblewski@example.pl',
        '',
        '## DOŚWIADCZENIE',
        '2019 – obecnie | Kelner, Hotel Wawel',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'KACPER WRÓBLEWSKI');
  });

  it('reads a name whose surname a sidebar set on a heading line of its own, not the headline under it', () => {
    const cv = parseCv(
      [
        '# NH',
        '',
        '## ARBETSLIVSERFARENHET',
        'aug 2019 – nu | Skolkurator, Göteborgs Stad',
        '- Kurator för cirka 650 elever',
        '',
        '## Nadia Haddad',
        '',
        '## Lindström',
        'Socionom · Skolkurator',
        '',
        '## KONTAKT',
        '070-384 22 91 nadia.haddad@example.se',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'Nadia Haddad Lindström');
  });

  it('reads a town no list knows between a firm and its dates as the place, the Czech title under them', () => {
    const cv = parseCv(
      [
        '# Jan Novák',
        '',
        '## Pracovní zkušenosti',
        'Kofola ČeskoSlovensko a.s. | Krnov | 01/2015 – 03/2019',
        'Obchodní zástupce pro region Praha-východ',
        '- Péče o 140 provozoven HoReCa a získávání nových odběratelů',
      ].join('\n'),
    );
    assert.deepEqual(
      [cv.work[0]?.name, cv.work[0]?.position, cv.work[0]?.location],
      ['Kofola ČeskoSlovensko a.s.', 'Obchodní zástupce pro region Praha-východ', 'Krnov'],
    );
  });

  it('reads a title after a firm and a dash as the title, not as the town of the firm', () => {
    const cv = parseCv(
      [
        '# Johan Nilsson',
        '',
        '## Arbetslivserfarenhet',
        'jan 2012 – feb 2017 | Värnamo',
        'Nilssons Åkeri i Värnamo AB – Distributionschaufför',
        '- Dagliga leveranser till dagligvaruhandeln i Småland',
      ].join('\n'),
    );
    assert.equal(cv.work[0]?.name, 'Nilssons Åkeri i Värnamo AB');
    assert.equal(cv.work[0]?.position, 'Distributionschaufför');
  });

  it('reads a Europass employer whose address follows a dash, its name ending in "Soc. Coop."', () => {
    const cv = parseCv(
      [
        '# Marco Brambilla',
        '',
        '## Esperienza lavorativa',
        'Date (da – a) | Marzo 2018 – oggi',
        'Nome e indirizzo del datore di lavoro | Trasporti Bertolini S.r.l. – Verona',
        'Tipo di impiego | Autista patente C+E – trasporti internazionali',
        'Principali mansioni e responsabilità | Trasporti a lungo raggio con bilico centinato',
        '',
        'Date (da – a) | Giugno 2011 – Febbraio 2018',
        'Nome e indirizzo del datore di lavoro | Cooperativa Logistica Adige Soc. Coop. – San Giovanni Lupatoto (VR)',
        'Tipo di impiego | Autista patente C – distribuzione regionale',
        'Principali mansioni e responsabilità | Consegne a supermercati con motrice frigo',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Trasporti Bertolini S.r.l.', 'Autista patente C+E – trasporti internazionali'],
        ['Cooperativa Logistica Adige Soc. Coop.', 'Autista patente C – distribuzione regionale'],
      ],
    );
  });

  it('reads a firm whose name holds a title word after a title and a dash as the employer', () => {
    const cv = parseCv(
      [
        '# Marco Rossi',
        '',
        '## Esperienze professionali',
        'Progettista strutturale senior – Studio Tecnico Ferrari & Bassi S.r.l., Reggio Emilia | settembre 2011 – febbraio 2016',
        '- Verifiche di vulnerabilità sismica di edifici scolastici',
      ].join('\n'),
    );
    assert.equal(cv.work[0]?.position, 'Progettista strutturale senior');
    assert.equal(cv.work[0]?.name, 'Studio Tecnico Ferrari & Bassi S.r.l.');
  });

  it('splits a title from its employer at Danish "ved" and Swedish "vid", not a school from its university', () => {
    const cv = parseCv(
      [
        '# Mette Kjær',
        '',
        '## Erhvervserfaring',
        'aug. 2016 – jul. 2019 | Barselsvikar ved Nyborg Private Realskole',
        '- Dansk og historie i 7.–9. klasse',
        'aug. 2013 – jul. 2016 | Pædagogmedhjælper ved SFO Fuglebakken',
        '- Lektiecafé og udeliv',
        '',
        '## Utbildning',
        'Handelshögskolan vid Göteborgs universitet | 2011 – 2014',
        'Ekonomie kandidatexamen',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Barselsvikar', 'Nyborg Private Realskole'],
        ['Pædagogmedhjælper', 'SFO Fuglebakken'],
      ],
    );
    assert.equal(cv.education[0]?.institution, 'Handelshögskolan vid Göteborgs universitet');
  });

  it('splits a title from a firm named with its country at "na"', () => {
    const cv = parseCv(
      [
        '# Ricardo Moutinho',
        '',
        '## Experiência profissional',
        'Eletricista Industrial na Sonae Arauco Portugal, Maia',
        'junho 2015 – fevereiro 2019',
        '- Montagem e reparação de quadros elétricos e motores',
      ].join('\n'),
    );
    assert.match(cv.work[0]?.name ?? '', /^Sonae Arauco Portugal\b/);
    assert.equal(cv.work[0]?.position, 'Eletricista Industrial');
  });

  it('reads a heading with a bracketed "selection" after it, and "Berufliche Tätigkeit", letter-spaced or not', () => {
    const cv = parseCv(
      [
        '# Johannes Ebersberger',
        '',
        'b e r u f l i c h e t ä t i g k e i t',
        'seit 10/2017 | Universitätsbibliothek Regensburg',
        'als Fachreferent für Geschichte',
        '- Bestandsaufbau für Geschichte',
        '',
        'v e r ö f f e n t l i c h u n g e n ( a u s w a h l )',
        'Ebersberger, J.: Reisen und Schreiben. Regensburg 2011.',
        '',
        'Selected Projects (selection)',
        'Kitodo rollout',
      ].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['experience', 'publications', 'projects']);
    assert.equal(cv.work[0]?.name, 'Universitätsbibliothek Regensburg');
  });

  it('reads a date column that sets each end above its start, but not a list of dated entries, as ranges', () => {
    const cv = parseCv(
      [
        '## Work Experience',
        'Current | Research Assistant at North Sea Benthic Survey Unit, Aberdeen',
        'Oct. 2023 | Sorting and counting macrofauna from grab samples collected on offshore wind farm sites.',
        '',
        'Sep. 2023 | Marine Mammal Observer at Hebridean Whale Watch Trust, Tobermory',
        '- Logged cetacean sightings on 62 survey trips.',
        'Jun. 2023',
        '- Gave on-board talks to groups of visitors.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.startDate, w.endDate, w.highlights.length]),
      [
        ['Research Assistant', '2023-10', null, 0],
        ['Marine Mammal Observer', '2023-06', '2023-09', 2],
      ],
    );
    const list = parseCv(
      [
        '## Experience',
        '2024 – Present | Café Nero | Manager',
        '2023 | Café Nero | Barista',
        '2022 | Hotel Royal | Waiter',
      ].join('\n'),
    );
    assert.deepEqual(
      list.work.map((w) => [w.position, w.startDate, w.endDate]),
      [
        ['Manager', '2024', null],
        ['Barista', '2023', '2023'],
        ['Waiter', '2022', '2022'],
      ],
    );
  });

  it('gives the roles under an employer printed with its own dates that employer, their titles whole', () => {
    const cv = parseCv(
      [
        '## Career history',
        'Marlowe Hotels Group | Manchester · 2014 – Present',
        'Operations Director, North | Apr 2021 – Present',
        '- Accountable for five hotels.',
        'General Manager, The Marlowe Manchester | Jan 2017 – Mar 2021',
        '- Ran a 280-room city-centre hotel.',
        'Deputy General Manager, Clyde & Co Hotels | Jun 2011 – Aug 2014',
        '- Deputy for a 190-room hotel.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Operations Director, North', 'Marlowe Hotels Group'],
        ['General Manager, The Marlowe Manchester', 'Marlowe Hotels Group'],
        ['Deputy General Manager', 'Clyde & Co Hotels'],
      ],
    );
  });

  it("takes dates printed beside an entry's first item (RenderCV) for the entry", () => {
    const cv = parseCv(
      [
        '## Experience',
        'Hydrolake Engineering, Senior Water Resources Engineer | Denver, CO',
        '- Lead hydrologic modelling for floodplain studies and drainage master | June 2021 – present',
        'plans for 12 municipal clients',
        '- Mentor three junior engineers',
        'Front Range Water Authority, Engineering Intern | Golden, CO',
        '- Digitized 40 years of reservoir records | May 2017 – Aug 2017',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.startDate, w.endDate, w.highlights.length]),
      [
        ['Hydrolake Engineering', 'Senior Water Resources Engineer', '2021-06', null, 2],
        ['Front Range Water Authority', 'Engineering Intern', '2017-05', '2017-08', 1],
      ],
    );
  });

  it('reads the rows of a Europass form (2004–2012) as entries', () => {
    const cv = parseCv(
      [
        '# Formato europeo per il curriculum vitae',
        'Nome | BIANCHI Giulia',
        '',
        'Esperienza lavorativa',
        '',
        '- Date (da – a) | Da marzo 2018 ad oggi',
        '- Nome e indirizzo del datore di lavoro | Comune di Reggio Emilia, Via Emilia San Pietro 12',
        '- Tipo di azienda o settore | Pubblica amministrazione',
        '- Tipo di impiego | Istruttore tecnico geometra (cat. C)',
        '- Principali mansioni e responsabilità | - istruttoria delle pratiche edilizie;',
        '- sopralluoghi di verifica con la Polizia Locale.',
        '',
        '- Date (da – a) | Settembre 2004 – agosto 2008',
        '- Nome e indirizzo del datore di lavoro | Costruzioni Bertolini S.r.l., Via dell’Industria 8',
        '- Tipo di impiego | Assistente di cantiere',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'BIANCHI Giulia');
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.startDate, w.endDate, w.highlights.length]),
      [
        ['Comune di Reggio Emilia', 'Istruttore tecnico geometra (cat. C)', '2018-03', null, 2],
        ['Costruzioni Bertolini S.r.l.', 'Assistente di cantiere', '2004-09', '2008-08', 0],
      ],
    );
  });

  it("reads the Italian form's own labels, the first activity in the value cell an item like those listed under it", () => {
    const cv = parseCv(
      [
        '# Chiara Bellandi',
        '',
        '## Esperienza professionale',
        'Date | Settembre 2018 – in corso',
        'Lavoro o posizione ricoperti | Docente di Matematica e Scienze',
        'Principali attività e responsabilità | Insegnamento in cinque classi della scuola secondaria.',
        '- Referente per le prove INVALSI di matematica.',
        '- Stesura di Piani Didattici Personalizzati.',
        'Nome e indirizzo del datore di lavoro | Istituto Comprensivo Statale Masaccio',
        'Via Fratelli Rosselli 22, 50144 Firenze',
        'Tipo di attività o settore | Istruzione – scuola secondaria di primo grado',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.startDate, w.endDate, w.highlights.length]),
      [['Istituto Comprensivo Statale Masaccio', 'Docente di Matematica e Scienze', '2018-09', null, 3]],
    );
  });

  it("reads the Portuguese form's name label, its employer with the legal form and a wrapped activity", () => {
    const cv = parseCv(
      [
        '# Curriculum Vitae',
        '',
        '## INFORMAÇÃO PESSOAL',
        'Apelido(s) / Nome(s) próprio(s) | Lopes, Ricardo Manuel Azevedo',
        '',
        '## EMPREGO PRETENDIDO',
        'Diretor de Obra',
        '',
        '## EXPERIÊNCIA PROFISSIONAL',
        'Datas | 03/2019 – presente',
        'Função ou cargo ocupado | Diretor de Obra',
        'Principais atividades e responsabilidades | – Direção de empreitadas rodoviárias até 38',
        'MC (Linha do Minho, variante de Braga).',
        '- Coordenação de equipas de produção.',
        'Nome e morada do empregador | Mota-Engil Engenharia e Construção, S.A., Porto',
        'Tipo de empresa ou sector | Construção e engenharia',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'Ricardo Manuel Azevedo Lopes');
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.startDate, w.highlights.length]),
      [['Mota-Engil Engenharia e Construção, S.A.', 'Diretor de Obra', '2019-03', 2]],
    );
  });

  it("reads no job from a table's header row whose cell names two columns ('Employer & Location')", () => {
    const cv = parseCv(
      '# Jo Kerr\n\njo@example.com.au\n\n## Experience\n\nDates | Employer & Location | Position\n' +
        'Feb 2020 – Present | Pilbara Iron Services Pty Ltd | Electrical Supervisor (FIFO 8/6)\nPort Hedland, WA\n- Supervise a crew of 14.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.summary]),
      [['Electrical Supervisor FIFO 8/6', 'Pilbara Iron Services Pty Ltd', 'Port Hedland, WA']],
    );
  });

  it("reads no school from a table's header row, under a heading that names school and further training", () => {
    const cv = parseCv(
      [
        '# Jonas Brückner',
        '',
        '## Schul- und Weiterbildung',
        '',
        'Zeitraum | Schule / Einrichtung | Abschluss',
        '',
        '08/2014 – 06/2017 | Robert-Bosch-Berufskolleg | Berufsschule (duale Ausbildung)',
        'Dortmund',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.education.map((e) => [e.institution, e.endDate]),
      [['Robert-Bosch-Berufskolleg', '2017-06']],
    );
  });

  it('knows Portuguese headings whose letter spacing lost its word gaps (EDUCAÇÃOEFORMAÇÃO), and French licences', () => {
    const keys = (heading: string) =>
      parseCv(`Ana Sousa\n\n## ${heading}\nSome line of this section\n`).meta.sections.map((x) => x.key);
    assert.deepEqual(keys('EDUCAÇÃOEFORMAÇÃO'), ['header', 'education']);
    assert.deepEqual(keys('Educação e formação'), ['header', 'education']);
    assert.deepEqual(keys('FORMAÇÃOCOMPLEMENTAR'), ['header', 'certificates']);
    assert.deepEqual(keys('PERMIS ET HABILITATIONS'), ['header', 'certificates']);
  });

  it('reads the title beside the dates, the employer over it with its town, when the title is a compound (Shiftleader, Orderpicker)', () => {
    const cv = parseCv(
      [
        '# Sander van der Veen',
        '',
        '## WERKERVARING',
        '',
        'Kuehne+Nagel | Oosterhout',
        'Shiftleader Inbound | mrt. 2017 – dec. 2020',
        '- Verantwoordelijk voor ontvangst, controle en opslag.',
        '',
        'Jumbo Supermarkten | Tilburg',
        'Orderpicker (bijbaan naast studie) | sep. 2011 – jul. 2014',
        '- Orderpicken met spraakgestuurde picking.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Kuehne+Nagel', 'Shiftleader Inbound'],
        ['Jumbo Supermarkten', 'Orderpicker bijbaan naast studie'],
      ],
    );
  });

  it('knows trades by their stem in Croatian, Slovak, Polish and Dutch (električar, kuchár, magazynier, vakkenvuller)', () => {
    const cv = parseCv(
      [
        '# Ivan Horvat',
        '',
        '## Radno iskustvo',
        '05/2012. – 02/2017. | Brodosplit d.d., Split',
        'Brodski električar',
        '- polaganje kabela i spajanje razvodnih ploča na novogradnjama',
      ].join('\n'),
    );
    // The dot the dates are written with ("02/2017.") names no employer either.
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [['Brodosplit d.d.', 'Brodski električar', 'Split']],
    );
  });

  it('knows the legal forms of the Balkans and Poland (d.o.o., d.d., sp. z o.o.): the employer, the line over it the title', () => {
    const cv = parseCv(
      [
        '# Marko Jovanović',
        '',
        '## Radno iskustvo',
        'jun 2015 – februar 2019',
        'Magacioner – viljuškarista',
        'Nelt Co. d.o.o., Dobanovci',
        '- Utovar i istovar kamiona.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Nelt Co. d.o.o.', 'Magacioner – viljuškarista']],
    );
  });

  it('knows a commis as a title: the town after the restaurant is its place', () => {
    const cv = parseCv(
      [
        '# Antoine Lefebvre',
        '',
        '## Expérience professionnelle',
        'sept. 2009 – avr. 2012 | Commis de cuisine, Restaurant Paul Bocuse – Collonges-au-Mont-d’Or',
        '- Rotation sur tous les postes de la brigade.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Restaurant Paul Bocuse', 'Commis de cuisine']],
    );
  });

  it("keeps a 'Leadership | …' row of skills in the skills, and reads 'Extracurricular' as volunteering", () => {
    const cv = parseCv(
      [
        '# Daniel Okafor',
        '',
        '## Skills',
        'Operations | Lean manufacturing, Six Sigma, TPM',
        'Leadership | P&L management, labor relations, turnarounds',
        'Systems | SAP S/4HANA, Plex MES, Power BI',
        '',
        '## Extracurricular',
        'Advisory board member, Colorado Outdoor Recreation Industry Office',
      ].join('\n'),
    );
    const skills = cv.skills.flatMap((g) => g.keywords);
    for (const s of ['P&L management', 'turnarounds', 'SAP S/4HANA', 'Power BI'])
      assert.ok(skills.includes(s), s);
    assert.deepEqual(
      cv.meta.sections.map((x) => x.key),
      ['header', 'skills', 'volunteer'],
    );
  });

  it("leaves a job board's rows (Categoría, Nivel, Ubicación) and its 'Descripción' label out of the job", () => {
    const cv = parseCv(
      [
        '# Carlos Ferrer',
        '',
        '## Experiencia',
        '',
        '## Ayudante de cocina (prácticas)',
        "Restaurante L'Olivera",
        'desde marzo 2010 hasta junio 2010 (4 meses)',
        'Categoría | Turismo y restauración – Cocina',
        'Nivel | Becario/a – Prácticas',
        'Ubicación | Valencia',
        'Descripción',
        '- Partida de arroces y fuegos.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.summary, w.highlights]),
      [["Restaurante L'Olivera", 'Ayudante de cocina (prácticas)', null, ['Partida de arroces y fuegos.']]],
    );
  });

  it("reads names with a surname's particles, an initial, and a headline beside them", () => {
    const nameOf = (text: string) => parseCv(text).basics.name;
    assert.equal(
      nameOf('# María José Gutiérrez de la Fuente\n\nResumen profesional\n\nEnfermera con diez años.\n'),
      'María José Gutiérrez de la Fuente',
    );
    assert.equal(
      nameOf('# Daniel R. Whitaker, P.E.\n\n## RÉSUMÉ\n\nMechanical Engineer — HVAC & Plant Systems\n'),
      'Daniel R. Whitaker, P.E.',
    );
    assert.equal(
      nameOf(
        '# Lebenslauf\n\nMaximilian von Stetten\nKfz-Techniker-Meister\nLindenstraße 14 · 74072 Heilbronn\n',
      ),
      'Maximilian von Stetten',
    );
    const cv = parseCv(
      '# Lebenslauf\n\nTobias von Hagen | Schreinermeister\n\n## Persönliche Daten\nTelefon | 0176 2841 5930\n',
    );
    assert.equal(cv.basics.name, 'Tobias von Hagen');
    assert.equal(cv.basics.label, 'Schreinermeister');
  });

  it("keeps a title's team or unit after a dash or a comma when the employer is named elsewhere", () => {
    const jobs = (body: string) =>
      parseCv(`# Jane Doe\n\njane@example.com\n\n## Experience\n\n${body}`).work.map((w) => [
        w.position,
        w.name,
      ]);
    // The firm beside it on the same line.
    assert.deepEqual(
      jobs(
        'Maintenance Electrician – Estates Team | Severn 24/7 Facilities Ltd, Bath | 2016 – 2019\n- Planned work.\n',
      ),
      [['Maintenance Electrician – Estates Team', 'Severn 24/7 Facilities Ltd']],
    );
    // The firm on the next line; a UK firm's "Audit Senior" is a title.
    assert.deepEqual(
      jobs(
        '2009–12 | Audit Senior – Manufacturing & Distribution\nHale Whitcombe LLP, Leeds\n- Audited firms.\n',
      ),
      [['Audit Senior – Manufacturing & Distribution', 'Hale Whitcombe LLP']],
    );
    // A country has no districts: "UK Operations" is a unit, not a place.
    assert.deepEqual(
      jobs(
        'Apr 2019 – present | Finance Director, UK Operations\nBramwell & Finch Group plc, Manchester\n- Led.\n',
      ),
      [['Finance Director, UK Operations', 'Bramwell & Finch Group plc']],
    );
    // A second role under an employer printed with the towns it covers.
    assert.deepEqual(
      jobs(
        'HARVEST MARKET LTD · Galway and Athlone\nAssistant Store Manager | 2016 – 2019\n- Deputised.\n' +
          'Department Supervisor – Fresh Food | 2014 – 2016\nSupervised the bakery.\n',
      ),
      [
        ['Assistant Store Manager', 'HARVEST MARKET LTD'],
        ['Department Supervisor, Fresh Food', 'HARVEST MARKET LTD'],
      ],
    );
    // "at" before a firm whose name starts with a digit.
    assert.deepEqual(
      jobs('2012 – 2016 | Financial Controller at 3D Freight Ltd, Warrington\n- Ran month-end.\n'),
      [['Financial Controller', '3D Freight Ltd']],
    );
  });

  it("joins an employer's name wrapped beside the end date, and keeps 'do' inside a firm's name", () => {
    const jobs = (body: string) =>
      parseCv(`# Jan Nowak\n\njan@example.pl\n\n## Experience\n${body}`).work.map((w) => [
        w.position,
        w.name,
      ]);
    assert.deepEqual(
      jobs(
        '06.2018 – | Starszy magazynier, Atlas Logistics\n02.2021 | Polska Sp. z o.o., Szczecin\n- obsługa wózka\n' +
          'APR. 2016 – | Junior-Disponent\nDEZ. 2017 | DB Schenker AG, Hamburg\n- Planung von Touren.\n',
      ),
      [
        ['Starszy magazynier', 'Atlas Logistics Polska Sp. z o.o.'],
        ['Junior-Disponent', 'DB Schenker AG'],
      ],
    );
    assert.deepEqual(
      jobs('2012–19 | Motorista de distribuição, Frescos do Oeste S.A., Torres Vedras\n- Entregas.\n'),
      [['Motorista de distribuição', 'Frescos do Oeste S.A.']],
    );
  });

  it('takes a business name on the line under a title and a town no list knows as the employer', () => {
    const cv = parseCv(
      '# Camille Lefebvre\n\ncamille@example.fr\n\nExpériences\n2017 – 2020 | Ingénieure conception | Villeurbanne\nAlstom Transport\n- Conception des caissons.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.location]),
      [['Ingénieure conception', 'Alstom Transport', 'Villeurbanne']],
    );
  });

  it("keeps a labelled title whole, a title's field after a comma, and a Portuguese E.P.E. as the employer", () => {
    const jobs = (body: string) =>
      parseCv(`# Asha Rao\n\nasha@example.com\n\n## Experience\n${body}`).work.map((w) => [
        w.position,
        w.name,
      ]);
    assert.deepEqual(
      jobs(
        'Company | Zen Softech Pvt. Ltd., Coimbatore\nDesignation | Trainee – Software Testing\nDuration | Jan 2016 – Jul 2016\n',
      ),
      [['Trainee – Software Testing', 'Zen Softech Pvt. Ltd.']],
    );
    assert.deepEqual(
      jobs('Pinewood LLP\nAssociate to Manager, Assurance | Sep 2003 – Jun 2008\n- Audited retail groups.\n'),
      [['Associate to Manager, Assurance', 'Pinewood LLP']],
    );
    assert.deepEqual(
      jobs(
        'Enfermeira Especialista – Responsável de Turno | mar. 2021 – atual\nCentro Hospitalar e Universitário de Coimbra, E.P.E. | Coimbra\n- Coordenação de equipas.\n',
      ),
      [
        [
          'Enfermeira Especialista – Responsável de Turno',
          'Centro Hospitalar e Universitário de Coimbra, E.P.E.',
        ],
      ],
    );
  });

  it('reads a lone title after the items of a role as a further role under an employer named in two parts', () => {
    const cv = parseCv(
      '# Léa Martin\n\nlea@example.fr\n\n## Expérience\n\nHARVEST – Bistronomie SAS, Lyon\nChef de cuisine | depuis 2018\n- direction de la brigade\n' +
        'Second de cuisine | 2015–2018\n- gestion des commandes\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Chef de cuisine', 'HARVEST – Bistronomie SAS'],
        ['Second de cuisine', 'HARVEST – Bistronomie SAS'],
      ],
    );
  });

  it("joins an employer's name that moderncv wraps under dates printed beside it", () => {
    const jobs = (body: string) =>
      parseCv(`# Ana Gil\n\nana@example.es\n\n## Experiencia laboral\n\n${body}`).work.map((w) => [
        w.position,
        w.name,
        w.location,
      ]);
    assert.deepEqual(
      jobs(
        'Coordinador de Logística, Transportes ene. 2019 – actualidad\nEbro Norte S.L., Zaragoza.\n- Planificación de rutas.\n',
      ),
      [['Coordinador de Logística', 'Transportes Ebro Norte S.L.', 'Zaragoza']],
    );
    // Dates on a line of their own, or before a mark: the next line is the employer, not a wrap.
    assert.deepEqual(
      jobs(
        'SEP 2018 – MAR 2021\nStaff Nurse (Band 5), Respiratory Ward\nUniversity Hospitals Birmingham NHS Foundation Trust, Birmingham\n- Cared for patients.\n',
      ),
      [
        [
          'Staff Nurse (Band 5), Respiratory Ward',
          'University Hospitals Birmingham NHS Foundation Trust',
          'Birmingham',
        ],
      ],
    );
  });

  it('joins an item that stopped mid-phrase with its next line, even when that starts with a capital or a digit', () => {
    const cv = parseCv(
      '# Sam Lee\n\nsam@example.com\n\n## Experience\n\nOvo Energy\nSept 2021 – Present | Bristol\n' +
        '- Lead the demand forecasting model.\n- Designed the uplift test behind the Power Move scheme, attributing\n' +
        '38 GWh of shifted peak load.\n- Mentor three junior data scientists.\n',
    );
    assert.equal(cv.work[0]?.highlights.length, 3);
    assert.equal(
      cv.work[0]?.highlights[1],
      'Designed the uplift test behind the Power Move scheme, attributing 38 GWh of shifted peak load.',
    );
  });

  it("reads a form's employer row before its title row as the next entry's employer", () => {
    const cv = parseCv(
      '# Priya Iyer\n\npriya@example.in\n\nProfessional Experience\nCompany | Infosys Ltd., Pune\nDesignation | Senior Test Engineer\n' +
        'Duration | Jul 2019 – Till date\n- Leading a team of 4 testers.\nCompany | Tata Consultancy Services, Chennai\n' +
        'Designation | Test Engineer\nDuration | Aug 2016 – Jun 2019\n- Functional testing.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Senior Test Engineer', 'Infosys Ltd.'],
        ['Test Engineer', 'Tata Consultancy Services'],
      ],
    );
  });

  it('reads a Czech Europass of 2013: its headings, the sector line, the country in brackets and the address', () => {
    const cv = parseCv(
      '# Lukáš Vondráček\n\nlukas@example.cz\n\nPracovní zkušenosti\n\n03/2018–dosud | Mistr svařovny\n' +
        'Kovo Bartoš s.r.o., Lipník nad Bečvou (Česká republika)\n- vedení směny\n- kontrola svarů\n' +
        'Typ podnikání nebo odvětví Výroba kovových konstrukcí\n\n09/2011–02/2018 | Laborantka\n' +
        'Vitapharm Moravia s.r.o., Rybníček 12, 664 91 Ivančice\n- rozbory\n\n' +
        'Vzdělání a odborná příprava\n\n2004–2007 | Výuční list – Strojní mechanik\nStřední škola technická, Olomouc (Česká republika)\n\n' +
        'Osobní dovednosti\nMateřský jazyk | čeština\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.location, w.highlights.length]),
      [
        ['Kovo Bartoš s.r.o.', 'Lipník nad Bečvou (Česká republika)', 2],
        ['Vitapharm Moravia s.r.o.', null, 1],
      ],
    );
    assert.equal(cv.education.length, 1);
  });

  it("leaves out a company logo's letters set beside the employer's name", () => {
    const cv = parseCv(
      '# Inès Benali\n\nines@example.fr\n\n## Expériences\n\nProfesseure des écoles – CM1/CM2\n' +
        'LT | École élémentaire Les Tilleuls (Éducation nationale)\nsept. 2019 - aujourd’hui · 4 ans 9 mois\nVilleurbanne, France\n\n' +
        '- Classe de 24 élèves\n\nAnimatrice périscolaire\nMB | Mairie de Bron\nsept. 2014 - juil. 2016 · 1 an 11 mois\nBron, France\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Professeure des écoles – CM1/CM2', 'École élémentaire Les Tilleuls (Éducation nationale)'],
        ['Animatrice périscolaire', 'Mairie de Bron'],
      ],
    );
  });

  it('takes a long header whose length is a note in brackets as a header', () => {
    const cv = parseCv(
      '# Giulia Ferraresi\n\ngiulia@example.it\n\nESPERIENZA\n\n' +
        'Istituto Comprensivo 21 di Bologna, Bologna — Docente di matematica e scienze (secondaria di I grado)\n' +
        'SETTEMBRE 2018 – OGGI\n- Insegno in tre classi per anno.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [['Docente di matematica e scienze (secondaria di I grado)', 'Istituto Comprensivo 21 di Bologna']],
    );
  });

  it("reads a place after a pin drawn as a dot beside the dates as the job's place, not an item", () => {
    const cv = parseCv(
      '# Joost ter Horst\n\njoost@example.nl\n\n## Werkervaring\n\nWerkvoorbereider\nHegeman Bouwgroep B.V.\n' +
        '09/2015 - 12/2017 | • Deventer\n- Inkoop van onderaannemers.\n- Planning in MS Project.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.highlights.length]),
      [['Werkvoorbereider', 'Hegeman Bouwgroep B.V.', 2]],
    );
  });

  it("reads a town after a firm's legal form and a dash as no part of the employer, a branch as part of it", () => {
    const jobs = (header: string) =>
      parseCv(
        `# Ana Ruiz\n\nana@example.es\n\n## Experience\n\nSous-chef | 2017 – 2021\n${header}\n- Cooking.\n`,
      ).work.map((w) => w.name);
    assert.deepEqual(jobs('RESTAURANT DE HOEFSLAG & CO. B.V. – BOSCH EN DUIN'), [
      'RESTAURANT DE HOEFSLAG & CO. B.V.',
    ]);
    assert.deepEqual(jobs('Canarias Aero Services S.L. – Las Palmas de Gran Canaria'), [
      'Canarias Aero Services S.L.',
    ]);
    assert.deepEqual(jobs('Meadowbank Care Homes Ltd – The Larches'), [
      'Meadowbank Care Homes Ltd – The Larches',
    ]);
  });

  it("takes an Italian partnership (S.n.c.) on the line under 'dates | title | town' as the employer", () => {
    const cv = parseCv(
      '# Luca Bedogni\n\nluca@example.it\n\n## Esperienza\n\nott. 2014 – feb. 2019 | Elettricista manutentore | Modena\n' +
        'Brevi Automazioni S.n.c.\n- Manutenzione di linee.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.location]),
      [['Elettricista manutentore', 'Brevi Automazioni S.n.c.', 'Modena']],
    );
  });

  it('joins a table row whose cells all wrap, cell by cell', () => {
    const cv = parseCv(
      '# Jan Nowak\n\njan@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\n' +
        '06.2017 – | Hurtownia | Starszy magazynier,\n02.2020 | Farmaceutyczna | operator wózka\nMedi-Pol S.A. | widłowego\nPoznań\n\n' +
        '09.2015 – | Kowalski & Syn s.c. | Magazynier\n05.2017 | |\n',
    );
    assert.deepEqual(cv.work[0] && [cv.work[0].position, cv.work[0].name], [
      'Starszy magazynier, operator wózka widłowego',
      'Hurtownia Farmaceutyczna Medi-Pol S.A.',
    ]);
  });

  it("knows a Greek teacher's title and a school as an employer", () => {
    const cv = parseCv(
      '# Δήμητρα Παπαδάκη\n\nd.papadaki@example.gr\n\n## ΕΠΑΓΓΕΛΜΑΤΙΚΗ ΕΜΠΕΙΡΙΑ\n' +
        'Εκπαιδευτικός τάξης (μόνιμη) — 5ο Δημοτικό Σχολείο Καλαμαριάς, Θεσσαλονίκη | Σεπτ. 2018 – σήμερα\n- Διδασκαλία σε τμήματα.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [['Εκπαιδευτικός τάξης μόνιμη', '5ο Δημοτικό Σχολείο Καλαμαριάς']],
    );
  });

  it("keeps a French Europass sector line, written with a typographic apostrophe, out of the job's items", () => {
    const cv = parseCv(
      '# Luc Morel\n\nluc@example.fr\n\n## Expérience professionnelle\n\n2016 – 2020 | Mécanicien aéronautique\nAtlantique Maintenance Aviation, Nantes\n' +
        '- Visites programmées sur ATR 72\n- Rédaction des comptes rendus\nSecteur d’activité Maintenance aéronautique\n',
    );
    assert.equal(cv.work[0]?.highlights.length, 2);
  });

  it('splits a title from its employer at "na" before a firm and a town no list knows', () => {
    const [job] = parseCv(
      '# Rui Costa\n\nrui@example.pt\n\n## Experiência\nTécnico de Manutenção Eletromecânica na Continental Mabor, Lousado\nmarço 2019 – atual\n- Manutenção preventiva.\n',
    ).work;
    assert.equal(job?.position, 'Técnico de Manutenção Eletromecânica');
    assert.match(job?.name ?? '', /^Continental Mabor/);
  });

  it("joins a range whose end month's year went to the next line of a narrow date cell", () => {
    const cv = parseCv(
      '# Eva de Vries\n\neva@example.nl\n\n## Werkervaring\n' +
        'aug. 2015–jul. | Docent aardrijkskunde (eerstegraads), Christelijk Lyceum Zeist, Zeist\n2021 | ○ lesgeven in havo 4–5\n' +
        '- opzet van een veldwerkweek\nsep. 2011–jul. | Docent aardrijkskunde, Het Amsterdams Lyceum, Amsterdam\n2015 | Lessen aan onderbouw.\n',
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.startDate, w.endDate]),
      [
        ['Christelijk Lyceum Zeist', '2015-08', '2021-07'],
        ['Het Amsterdams Lyceum', '2011-09', '2015-07'],
      ],
    );
  });

  it("reads a labelled note after a job's items ('Utstyr og systemer:' over a list) as no item", () => {
    const [job] = parseCv(
      '# Ole Berg\n\nole@example.no\n\n## Erfaring\n\nServiceelektriker | Nordlys Elektro AS | 2019 – nå\n' +
        '- Feilsøking på anlegg.\n- Installasjon av ladepunkter.\nUtstyr og systemer:\nEaton xComfort, Schneider KNX, Easee\n',
    ).work;
    assert.equal(job?.highlights.length, 2);
    assert.match(job?.summary ?? '', /Utstyr og systemer: Eaton xComfort/);
  });

  it('leaves post-nominal letters and a headline after a dash out of the name', () => {
    const nameOf = (text: string) => parseCv(text).basics.name;
    assert.equal(nameOf('# Harriet Okonkwo-Price ACA CTA\n\nharriet@example.com\n'), 'Harriet Okonkwo-Price');
    assert.equal(
      nameOf('# Rachel Onyango-Barker FCCA, MBA\n\nrachel@example.com\n'),
      'Rachel Onyango-Barker',
    );
    assert.equal(
      nameOf('Harriet Okonkwo-Blake ACA | Finance Director\nMilton Keynes | h@example.com\n'),
      'Harriet Okonkwo-Blake',
    );
    assert.equal(
      nameOf('# Aoife Gallagher — Store Manager\n\nSALTHILL, GALWAY · a@example.ie\n'),
      'Aoife Gallagher',
    );
  });

  it('completes a given name alone at the top with the surname line its email spells', () => {
    const cv = parseCv(
      '# RUBEN\n\nTeamleider magazijn\n\n## Werkervaring\n\nTeamleider | Kuijpers B.V. | 2019 – heden\n- Plannen.\n\n' +
        'HOEKSTRA\nruben.hoekstra@example.nl\n06 12345678\n',
    );
    assert.equal(cv.basics.name, 'RUBEN HOEKSTRA');
    // A surname's particles spell nothing of the address on their own ("van", "der").
    const lotte = parseCv(
      '# LOTTE\n\n## PROFIEL\n\nErvaren IC-verpleegkundige.\n\n## VAN DER MEULEN\n\nBSc\n\n## CONTACT\n+31 6 4187 2290 lotte.vandermeulen@example.nl\n',
    );
    assert.equal(lotte.basics.name, 'LOTTE VAN DER MEULEN');
  });

  it('reads a given name over a surname in capitals that carries the headline as one name', () => {
    const cv = parseCv(
      '# Joost\n\nVAN DER WAL | Eerste monteur elektrotechniek\nTelefoon | 06 - 48 27 19 53\n',
    );
    assert.equal(cv.basics.name, 'Joost VAN DER WAL');
  });

  it("takes the name-like line the person's email spells over a guess from the layout", () => {
    // A care home's name sits where a name would; the person's name is in the contact block.
    const cv = parseCv(
      'Rosewood Gardens\nPrivate Care Services\n\nProfile\nCarer with six years in home care.\n\n' +
        'Contact\nJonas Wölfel\njonas.woelfel@example.de\n+49 170 1234567\n\n' +
        'Experience\nCarer, Rosewood Gardens, 2019 – present\n- Cared for eight residents.\n',
    );
    assert.equal(cv.basics.name, 'Jonas Wölfel');
    // An address that spells nothing of any line leaves the layout's name alone.
    assert.equal(
      parseCv('# Mette Kjærgaard Nielsen\n\nMads Holm\nmkn@example.dk\n').basics.name,
      'Mette Kjærgaard Nielsen',
    );
  });

  it("takes a label over a job's list ('Zakres obowiązków:') for neither the employer nor the job's text", () => {
    const cv = parseCv(
      [
        '# Małgorzata Wiśniewska-Król',
        '',
        '## Doświadczenie zawodowe',
        'LPP S.A., Łódź',
        'Kierownik salonu | 03.2020 – obecnie',
        'Zakres obowiązków:',
        '1. Zarządzanie zespołem 18 sprzedawców.',
        '2. Realizacja budżetu sprzedaży.',
        'Zastępca kierownika salonu | 06.2017 – 02.2020',
        'Zakres obowiązków:',
        '1. Otwieranie i zamykanie sklepu.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.summary, w.highlights.length]),
      [
        ['LPP S.A.', 'Kierownik salonu', null, 2],
        ['LPP S.A.', 'Zastępca kierownika salonu', null, 1],
      ],
    );
  });

  it('keeps the kind of post in brackets after a title (Saisonstelle, Minijob) with the title, not as its place', () => {
    const cv = parseCv(
      [
        '# Lena Gruber',
        '',
        '## Berufserfahrung',
        'Rezeptionistin (Saisonstelle) bei Seehotel Velden am Wörthersee, Velden',
        'JUNI 2015 — SEPTEMBER 2016',
        '- Check-in und Check-out der Gäste',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Seehotel Velden am Wörthersee, Velden', 'Rezeptionistin (Saisonstelle)']],
    );
  });

  it('knows more section headings: Projekt, Nevenfuncties, Voluntariat, Parcours, Otros datos', () => {
    const keys = (heading: string) =>
      parseCv(`Anna Berg\n\n## ${heading}\nSome line of this section\n`).meta.sections.map((x) => x.key);
    assert.deepEqual(keys('PROJEKT'), ['header', 'projects']);
    assert.deepEqual(keys('NEVENFUNCTIES'), ['header', 'volunteer']);
    assert.deepEqual(keys('Voluntariat'), ['header', 'volunteer']);
    assert.deepEqual(keys('Parcours'), ['header', 'experience']);
    assert.deepEqual(keys('OTROS DATOS'), ['header', 'contact']);
    assert.deepEqual(keys('Radno iskustvo'), ['header', 'experience']);
    assert.deepEqual(keys('Darbo patirtis'), ['header', 'experience']);
    assert.deepEqual(keys('Izglītība'), ['header', 'education']);
    assert.deepEqual(keys('Pracovné skúsenosti'), ['header', 'experience']);
  });

  it('knows Ukrainian trades, Finnish assistants and Czech carers as titles', () => {
    const cv = parseCv(
      [
        '## Досвід роботи',
        '07/2013 – 02/2016 | Кременчук | Електрик-монтажник',
        'ФОП Ткаченко В. М. (електромонтажні роботи)',
        '- Електропроводка в житлових приміщеннях.',
        '',
        'Attendo Oy, Palvelukoti Kaislaranta, hoitoapulainen',
        '6/2014 – 7/2016, Espoo',
        'Avustaminen päivittäisissä toimissa.',
        '',
        '07/2014 – 08/2015',
        'Pečovatelka (brigáda)',
        'Domov pro seniory Kociánka | Brno',
        '- Pomoc klientům.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [
        ['ФОП Ткаченко В. М. (електромонтажні роботи)', 'Електрик-монтажник', 'Кременчук'],
        ['Attendo Oy, Palvelukoti Kaislaranta', 'hoitoapulainen', 'Espoo'],
        ['Domov pro seniory Kociánka', 'Pečovatelka (brigáda)', 'Brno'],
      ],
    );
  });

  it('leaves the address a Europass CV writes after the employer out of its name', () => {
    const cv = parseCv(
      [
        '## Experiencia profesional',
        '03/2016–actualidad | Auxiliar administrativa',
        'Ayuntamiento de Zaragoza – Servicio de Licencias Urbanísticas, Plaza del Pilar 18, 50003 Zaragoza (España)',
        'Registro, tramitación y archivo de expedientes de licencias de obra menor.',
        '',
        '09/2012–02/2016 | Auxiliar administrativa (interina)',
        'Instituto Aragonés de Empleo (INAEM) – Oficina de Empleo Zaragoza-Parque Roma, Zaragoza (España)',
        'Inscripción de demandantes de empleo.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => w.name),
      [
        'Ayuntamiento de Zaragoza – Servicio de Licencias Urbanísticas',
        'Instituto Aragonés de Empleo (INAEM) – Oficina de Empleo Zaragoza-Parque Roma',
      ],
    );
  });

  it("reads a job board's labelled rows, a colon in the value's cell, and a year ending in a dot", () => {
    const cv = parseCv(
      [
        '## Professional experience',
        'Organisation | : Kalyani Auto Components Pvt. Ltd., Pune',
        'Designation | : Senior Accountant',
        'Duration | : April 2019 – Till date',
        'Roles & Responsibilities | :',
        '- Finalisation of books of accounts.',
        '',
        '03/2017. – danas | Elektroinstalater',
        'Elektro Adria d.o.o., Split',
        '- Elektroinstalacije u stambenim zgradama.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.startDate, w.endDate]),
      [
        ['2019-04', null],
        ['2017-03', null],
      ],
    );
    assert.deepEqual(
      [cv.work[0]!.name, cv.work[0]!.position],
      ['Kalyani Auto Components Pvt. Ltd.', 'Senior Accountant'],
    );
  });

  it('knows Baltic and Balkan towns and countries: a title in lower case after the employer and its town', () => {
    const cv = parseCv(
      [
        'Ilze Bērziņa | +371 2914 7730',
        'Rīga, Latvija',
        '',
        '## Profesionālā pieredze',
        'AS „Latvijas Finieris“ (Rīga) – galvenā grāmatvede | 03/2019 – šobrīd',
        '- Vadu 6 cilvēku grāmatvedības nodaļu.',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'Ilze Bērziņa');
    assert.equal(cv.work[0]!.position, 'galvenā grāmatvede');
    assert.match(cv.work[0]!.name ?? '', /^AS „Latvijas Finieris“/);
  });

  it('reads the Romanian rows of a Europass form as entries', () => {
    const cv = parseCv(
      [
        '## Experienţa profesională',
        'Perioada | Martie 2019 – prezent',
        'Funcţia sau postul ocupat | Dispecer transport internaţional',
        'Activităţi şi responsabilităţi principale | • planificarea curselor pentru 46 de autotrenuri;',
        '- negocierea tarifelor pe bursele de transport.',
        'Numele şi adresa angajatorului | Dumagas Transport S.A., Str. Poienelor nr. 5, Braşov',
        'Perioada | Aprilie 2015 – Februarie 2019',
        'Funcţia sau postul ocupat | Dispecer transport intern',
        'Numele şi adresa angajatorului | Aquila Part Prod Com S.A., Ploieşti',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.startDate, w.endDate]),
      [
        ['Dumagas Transport S.A.', 'Dispecer transport internaţional', '2019-03', null],
        ['Aquila Part Prod Com S.A.', 'Dispecer transport intern', '2015-04', '2019-02'],
      ],
    );
  });

  it('opens an entry on a season and a year beside a place, and joins a range broken around a line', () => {
    const cv = parseCv(
      [
        '## Experience',
        'Data Scientist',
        'NHS Digital Innovation Hub',
        'Oct 2016 – Aug 2018 | Leeds',
        '- Forecast attendance for 14 hospital trusts',
        '',
        'Research Intern',
        'Bramblegate Labs',
        'Summer 2015 | Edinburgh',
        '- Prototyped a query-suggestion model',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.highlights.length]),
      [
        ['Data Scientist', 'NHS Digital Innovation Hub', '2016-10', 1],
        ['Research Intern', 'Bramblegate Labs', '2015', 1],
      ],
    );
    const broken = parseCv(
      ['## 工作经历', '2017.07—', '杭州云栈电子商务有限公司 | 数据分析师', '2020.06', '- 负责数据分析'].join(
        '\n',
      ),
    );
    assert.deepEqual([broken.work[0]?.startDate, broken.work[0]?.endDate], ['2017-07', '2020-06']);
  });

  it('reads degrees written as a list as entries, and a list of courses under a degree as its items', () => {
    const cv = parseCv(
      [
        '## Education',
        '- M.S. Oceanography and Coastal Sciences, Louisiana State University, 2014',
        '- B.S. Environmental Science, University of Maryland, College Park, 2011',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.education.map((e) => [e.institution, e.endDate]),
      [
        ['Louisiana State University', '2014'],
        ['University of Maryland, College Park', '2011'],
      ],
    );
    const courses = parseCv(
      ['## Education', 'BSc Computer Science, University of Leeds, 2019', '- Algorithms', '- Databases'].join(
        '\n',
      ),
    );
    assert.deepEqual(courses.education[0]?.highlights, ['Algorithms', 'Databases']);
  });

  it('splits a title from its employer at the word for "at" in Italian, Danish, Norwegian and Dutch', () => {
    const cv = parseCv(
      [
        '## Esperienza',
        'Praticante avvocato presso lo Studio Legale Benedetti | 2011 – 2013',
        '## Erhvervserfaring',
        'Sygeplejerske hos Region Midtjylland | 2014 – 2018',
        '## Werkervaring',
        'Stagiair bij Philips Lighting | 2019 – 2020',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Praticante avvocato', 'Studio Legale Benedetti'],
        ['Sygeplejerske', 'Region Midtjylland'],
        ['Stagiair', 'Philips Lighting'],
      ],
    );
  });

  it('puts a month wrapped alone in a narrow date column back before its year', () => {
    const cv = parseCv(
      [
        '## Employment',
        'Sep | Head of Geography, Harrogate Grammar School, Harrogate',
        '2019–Present | ○ Lead a department of six teachers delivering GCSE and A-level',
        'Geography.',
        '- Rewrote the KS3 curriculum around local fieldwork.',
        'Sep | Teacher of Geography, Ripon Grammar School, Ripon',
        '2015–Aug 2019 | ○ Taught Geography across KS3–KS5.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate, w.highlights.length]),
      [
        ['Head of Geography', 'Harrogate Grammar School', '2019-09', null, 2],
        ['Teacher of Geography', 'Ripon Grammar School', '2015-09', '2019-08', 1],
      ],
    );
    assert.equal(
      cv.work[0]?.highlights[0],
      'Lead a department of six teachers delivering GCSE and A-level Geography.',
    );
  });

  it('keeps a "Languages" row of programming languages in the skills, and a row of spoken ones out', () => {
    const cv = parseCv(
      [
        '# Ada Obi',
        '## Skills',
        'Languages | Python, SQL, Scala',
        'Data | Spark, Airflow, Kafka',
        '## Languages',
        'English | Fluent',
      ].join('\n'),
    );
    const keywords = cv.skills.flatMap((g) => g.keywords);
    for (const k of ['Python', 'SQL', 'Scala', 'Spark', 'Airflow', 'Kafka'])
      assert.ok(keywords.includes(k), k);
    assert.deepEqual(cv.meta.sectionOrder, ['skills', 'languages']);
    const spoken = parseCv(
      ['# Ada Obi', '## Skills', 'Excel, SAP', 'Languages | English, German'].join('\n'),
    );
    assert.ok(spoken.meta.sectionOrder.includes('languages'));
    assert.ok(!spoken.skills.flatMap((g) => g.keywords).includes('German'));
  });

  it('leaves a US ZIP code out of the phone number printed after it', () => {
    const cv = parseCv(
      ['# Margaret Brien', '48 Beacon Street, Boston, MA 02108 (617) 555-0163 mobrien@example.com'].join(
        '\n',
      ),
    );
    assert.equal(cv.basics.phone, '(617) 555-0163');
  });

  it('reads Dutch "Hobby\'s", with a straight or a curly apostrophe, as the interests', () => {
    for (const heading of ['Hobby’s', "HOBBY'S"]) {
      const cv = parseCv(
        ['# Sanne de Vries', `## ${heading}`, 'Wielrennen, zeilen op de Randmeren'].join('\n'),
      );
      assert.deepEqual(cv.meta.sectionOrder, ['interests'], heading);
    }
  });

  it('reads a Brazilian phone number written after its area code', () => {
    const cv = parseCv(
      ['# Juliana Prado', 'juliana.prado@example.com.br | (11) 98765-4321 | Campinas, SP'].join('\n'),
    );
    assert.equal(cv.basics.phone, '(11) 98765-4321');
  });

  it('reads a singular "Certification" heading as the certificates', () => {
    const cv = parseCv(
      ['## Certification', 'Certified Public Accountant (CPA), Massachusetts, 2018'].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['certificates']);
  });

  it('reads a capitalised employer that starts with a city name as the employer beside its own place', () => {
    const cv = parseCv(
      [
        '## Work Experience',
        'MIAMI VALLEY MECHANICAL | Springfield, OH',
        'HVAC Installer | August 2015 – February 2018',
        '- Installed complete systems in new construction.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [['MIAMI VALLEY MECHANICAL', 'HVAC Installer', 'Springfield, OH']],
    );
  });

  it('reads an employer and a long title with its units on one line under the dates', () => {
    const cv = parseCv(
      [
        '## Experience',
        'MAR 2021 — NOW',
        'Marsh & Quinn Events Ltd — Senior Event Manager, Corporate Conferences, Awards Dinners & Incentive Travel',
        'London',
        '- Lead a team of four on 25–30 events a year.',
        '',
        'JUN 2018 — FEB 2021',
        'Marsh & Quinn Events Ltd — Event Manager',
        'London',
        '- Ran awards dinners for up to 600 guests.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        [
          'Marsh & Quinn Events Ltd',
          'Senior Event Manager, Corporate Conferences, Awards Dinners & Incentive Travel',
        ],
        ['Marsh & Quinn Events Ltd', 'Event Manager'],
      ],
    );
  });

  it('reads a degree and the school it was taken at, joined by "en" or "at"', () => {
    const cv = parseCv(
      [
        '## Educación',
        'Máster en Big Data en Universidad Carlos III de Madrid | 2017 — 2018',
        '',
        'MBA at London Business School | 2015',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.education.map((e) => [e.institution, e.studyType, e.area, e.endDate]),
      [
        ['Universidad Carlos III de Madrid', 'Máster', 'Big Data', '2018'],
        ['London Business School', 'MBA', null, '2015'],
      ],
    );
  });

  it('reads a title, its unit and a medical center on one line, the city below', () => {
    const cv = parseCv(
      [
        '## Experience',
        'Charge Nurse, Surgical ICU, Riverside Mercy Medical Center | January 2022 – Present',
        'Columbus, OH',
        '- Coordinate staffing and bed flow for a 24-bed unit.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [['Riverside Mercy Medical Center', 'Charge Nurse, Surgical ICU', 'Columbus, OH']],
    );
  });
  it('keeps small words after a comma with the title, the employer being the named part', () => {
    const cv = parseCv(
      [
        '## Experience',
        'Sykepleier, medisinsk sengepost | Diakonhjemmet Sykehus',
        'aug. 2015 – juli 2017',
        '- Primærsykepleier og ansvarsvakter på en lungepost.',
        'Élève-avocate, stage final en cabinet, Barthélémy Avocats, Lyon (juillet – décembre 2018)',
        '- Recherches et notes sur le licenciement économique.',
        'Research Analyst, eBay | March 2019 – May 2021',
        '- Built weekly pricing reports.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Diakonhjemmet Sykehus', 'Sykepleier, medisinsk sengepost'],
        ['Barthélémy Avocats', 'Élève-avocate, stage final en cabinet'],
        ['eBay', 'Research Analyst'],
      ],
    );
  });
  it('reads a body and its unit after a dash as one employer beside a title printed apart', () => {
    const cv = parseCv(
      [
        '## Berufserfahrung',
        'Volkssolidarität Leipzig e.V. – Kita „Sonnenblume“ | seit 08/2020',
        'Gruppenleitung Krippe | Leipzig',
        '- Leitung einer Krippengruppe mit 12 Kindern.',
        '',
        'FARMACIST ȘEF | 2019 – PREZENT',
        'Catena – Farmacia nr. 214, Cluj-Napoca',
        '- Coordonarea activității farmaciei.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Volkssolidarität Leipzig e.V. – Kita „Sonnenblume“', 'Gruppenleitung Krippe'],
        ['Catena – Farmacia nr. 214', 'FARMACIST ȘEF'],
      ],
    );
    const oneLine = parseCv(
      [
        '## Esperienza professionale',
        'Tirocinante ex art. 73 D.L. 69/2013 | Tribunale di Milano – Sezione Lavoro',
        '01/2015 – 06/2015 · Milano',
      ].join('\n'),
    );
    assert.deepEqual(
      oneLine.work.map((w) => [w.name, w.position, w.location]),
      [['Tribunale di Milano – Sezione Lavoro', 'Tirocinante ex art. 73 D.L. 69/2013', 'Milano']],
    );
  });
  it('takes the employer line under the dates, its state written short, into the entry', () => {
    const cv = parseCv(
      [
        '## Experiencia',
        'Ejecutiva de Cuentas Clave – Hospitales Privados | Ene. 2021 – Actual',
        'Distribuidora Médica del Occidente, S.A. de C.V. | Guadalajara, Jal.',
        '- Responsable de 18 cuentas hospitalarias en Jalisco y Colima.',
        '',
        'Asesora Comercial | Jul. 2016 – May. 2018',
        'Conecta Móvil (distribuidor autorizado) | Zapopan, Jal.',
        '- Venta de planes empresariales a PyMEs.',
        '',
        'Becaria de Mercadotecnia | Ene. – Jun. 2015',
        'Tequilera Los Altos de Arandas | Arandas, Jal.',
        '- Apoyo en la organización de catas.',
        'Promotora (temporada navideña) | Nov. – Dic. 2014',
        'Liverpool Galerías | Zapopan, Jal.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => w.name),
      [
        'Distribuidora Médica del Occidente, S.A. de C.V.',
        'Conecta Móvil (distribuidor autorizado)',
        'Tequilera Los Altos de Arandas',
        'Liverpool Galerías',
      ],
    );
  });
  it('keeps a unit named after its body with the employer, not as the place', () => {
    const cv = parseCv(
      [
        '## Erfaring',
        'Helsefagarbeider (helgestilling) | Oslo kommune, Sykehjemsetaten',
        '2012 – 2015',
        '- Helgevakter på Lindern sykehjem.',
        'Studentermedhjælper, Justitsministeriet, Lovafdelingen (2008 – 2010)',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Oslo kommune, Sykehjemsetaten', 'Helsefagarbeider (helgestilling)'],
        ['Justitsministeriet, Lovafdelingen', 'Studentermedhjælper'],
      ],
    );
  });
  it('reads a title in two parts apart by a dash as one title when another line names the employer', () => {
    const cv = parseCv(
      [
        '## Esperienza professionale',
        'dal 2018 | Socia – Responsabile del dipartimento di diritto del lavoro',
        'Studio Legale Bianchi, Ferri & Associati, Napoli',
        '- Coordinamento di un gruppo di quattro avvocati.',
        '2014 – 2017 | Avvocato associato',
        'Studio Legale Esposito, Napoli',
        '- Contenzioso in materia di licenziamenti.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        [
          'Studio Legale Bianchi, Ferri & Associati',
          'Socia – Responsabile del dipartimento di diritto del lavoro',
        ],
        ['Studio Legale Esposito', 'Avvocato associato'],
      ],
    );
  });
  it('keeps "Title – Field" whole over a line that names only a workplace and its place', () => {
    const cv = parseCv(
      [
        '## Deneyim',
        'Chef de Partie – Sıcak Mutfak | Haziran 2016 – Şubat 2020',
        'Çırağan Palace Kempinski · İstanbul',
        '- Tuğra Restaurant’ın sıcak hattının sorumluluğu.',
        'SET 2021 – PRESENTE',
        'Tecnica di laboratorio senior – Biologia molecolare',
        'IRCCS Azienda Ospedaliero-Universitaria di Bologna, Bologna',
        '- Validazione di nuovi pannelli PCR.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Çırağan Palace Kempinski', 'Chef de Partie – Sıcak Mutfak'],
        [
          'IRCCS Azienda Ospedaliero-Universitaria di Bologna',
          'Tecnica di laboratorio senior – Biologia molecolare',
        ],
      ],
    );
  });
  it('reads years that close a sentence of clauses as part of it, not as a job', () => {
    const cv = parseCv(
      [
        '## Experiencia',
        'Mozo de almacén en Mercadona, S.A., Zaragoza',
        'JUL. 2009 — AGO. 2012',
        'Preparación de pedidos y carga de camiones mientras estudiaba; carretillero desde 2010.',
      ].join('\n'),
    );
    assert.equal(cv.work.length, 1);
    assert.equal(cv.work[0]!.position, 'Mozo de almacén');
  });
  it('takes the title from the line under an employer and its unit that hold none', () => {
    const cv = parseCv(
      [
        '## Experience',
        'University of Leeds, School of Molecular and Cellular Biology | Jun 2024 – Aug 2024',
        'Summer Research Intern | Leeds',
        '- Purified recombinant proteins.',
        'Pizza Hut Delivery | Jul 2021 – Aug 2022',
        'Team Member | Bradford',
        '- Served customers.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [
        ['University of Leeds, School of Molecular and Cellular Biology', 'Summer Research Intern', 'Leeds'],
        ['Pizza Hut Delivery', 'Team Member', 'Bradford'],
      ],
    );
  });
  it('joins a header line wrapped in a narrow cell back to the line it goes on from', () => {
    const cv = parseCv(
      [
        '## Experiencia',
        'INSTITUTO VALENCIANO DE INVESTIGACIONES ECONÓMICAS | Becario de',
        'Investigación',
        'Oct 2018 – Jun 2019 | Valencia',
        '- Construí la base de datos de precios de vivienda por municipio.',
        'MASARYKOVA UNIVERZITA | Studentský programátor, Ústav výpočetní',
        'techniky',
        '09/2015 – 06/2017 | Brno',
        '- Údržba interních aplikací.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['INSTITUTO VALENCIANO DE INVESTIGACIONES ECONÓMICAS', 'Becario de Investigación'],
        ['MASARYKOVA UNIVERZITA', 'Studentský programátor, Ústav výpočetní techniky'],
      ],
    );
    const dated = parseCv(
      [
        '## Expérience professionnelle',
        'Chambre d’agriculture de Bretagne – Conseillère agronomie et',
        'environnement | mars 2018 – aujourd’hui',
        'Rennes (35)',
        '- Suivi de 60 exploitations laitières et porcines.',
      ].join('\n'),
    );
    assert.deepEqual(
      dated.work.map((w) => [w.name, w.position]),
      [['Chambre d’agriculture de Bretagne', 'Conseillère agronomie et environnement']],
    );
  });
  it('keeps the kind of post in brackets after a title with the title, not as its place', () => {
    const cv = parseCv(
      [
        '## Expérience',
        'Déc. 2022 – janv. 2023 | Fnac, Lyon Bellecour',
        'Vendeuse en renfort pour Noël (CDD)',
        '- Conseil client au rayon livres jeunesse.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Fnac', 'Vendeuse en renfort pour Noël (CDD)']],
    );
  });
  it('takes the line that names the employer right before the items into an entry that opens with its dates', () => {
    const cv = parseCv(
      [
        '## Esperienza lavorativa',
        '01/03/2019 – ATTUALE | Torino, Italia',
        'Ingegnera ambientale senior – Project manager bonifiche',
        'Ecoterra Consulting S.r.l.',
        '- Coordinamento di 9 progetti di caratterizzazione e bonifica.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location]),
      [
        [
          'Ecoterra Consulting S.r.l.',
          'Ingegnera ambientale senior – Project manager bonifiche',
          'Torino, Italia',
        ],
      ],
    );
  });
  it('names activities, leadership, licences and computer skills headings', () => {
    const cv = parseCv(
      [
        '# Ana Ribeiro',
        '',
        '## Experiência profissional',
        '2019 – 2023 | Nutricionista | Hospital São Lucas',
        '## CONHECIMENTOS',
        'Pacote Office, Dietbox',
        '## ABILITAZIONI',
        'Abilitazione all’esercizio della professione di avvocato (2015)',
        '## Leadership',
        'Treasurer, Economics Society (2023 – 2024)',
      ].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['experience', 'skills', 'certificates', 'volunteer']);
    const other = parseCv(
      [
        '# Lars Nilsson',
        '',
        '## Informática',
        'ContaPlus, Sage 50',
        '## Förtroendeuppdrag',
        'Kassör, Uppsala studentkår',
        '## Activities',
        'Volunteer tax preparer with the IRS VITA program since 2019.',
      ].join('\n'),
    );
    assert.deepEqual(other.meta.sectionOrder, ['skills', 'volunteer']);
    assert.deepEqual(other.skills[0]!.keywords, ['ContaPlus', 'Sage 50']);
  });
  it('names headings numbered with a letter, and more headings for languages, skills, awards and referees', () => {
    const cv = parseCv(
      [
        '# Eleni Papadopoulou',
        '',
        '## Β. ΣΠΟΥΔΕΣ',
        '2008 – 2012 | Πτυχίο Φιλολογίας, Πανεπιστήμιο Αθηνών',
        '## Yabancı Dil',
        'İngilizce (B2)',
        '## Bilgisayar Becerileri',
        'GeoGebra, Microsoft Office',
        '## Accomplishments',
        'Teacher of the Year 2021',
        '## REFEREES',
        'Available on request',
      ].join('\n'),
    );
    assert.deepEqual(cv.meta.sectionOrder, ['education', 'languages', 'skills', 'awards', 'references']);
  });
  it('reads a "Languages" label over programming languages inside marked skills as a group of skills', () => {
    const cv = parseCv(
      [
        '# Tomáš Novák',
        '',
        '## DOVEDNOSTI',
        'Jazyky',
        'Java • Kotlin • SQL • TypeScript',
        'Technologie',
        'Spring Boot • Kafka • PostgreSQL',
        '',
        '## JAZYKY',
        'Čeština – rodilý mluvčí',
      ].join('\n'),
    );
    const keywords = cv.skills.flatMap((g) => g.keywords);
    for (const skill of ['Java', 'Kotlin', 'TypeScript', 'Spring Boot', 'PostgreSQL'])
      assert.ok(keywords.includes(skill), skill);
    assert.deepEqual(cv.meta.sectionOrder, ['skills', 'languages']);
  });
  it('skips a document title wrapped over lines and takes the name from the form', () => {
    const cv = parseCv(
      [
        '# FORMATO',
        '',
        '## EUROPEO PER IL',
        '',
        '## CURRICULUM VITAE',
        '',
        '## INFORMAZIONI PERSONALI',
        'Nome | BIANCHI Giulia',
        'E-mail | giulia.bianchi@example.it',
      ].join('\n'),
    );
    assert.equal(cv.basics.name, 'BIANCHI Giulia');
  });
  it('takes a name in its own script, not its spelling in Latin letters beside it', () => {
    const cv = parseCv(['# 박지현 Park Ji-hyun', '', '브랜드 마케터 · 8년차'].join('\n'));
    assert.equal(cv.basics.name, '박지현');
  });
  it('reads a phone number after its label, however its digits are grouped', () => {
    const numbers = [
      ['Mette Kjærgaard', 'mette@example.dk | Tlf. 28 41 67 03', '28 41 67 03'],
      ['Ruud van den Akker', 'Ruud van den Akker | telefoon: 06 – 41 87 22 93', '06 – 41 87 22 93'],
      ['山田 花子', 'TEL：080‑3391‑2275', '080‑3391‑2275'],
      ['Ayşe Demir', 'Telefon: 0 (532) 418 27 90', '0 (532) 418 27 90'],
    ] as const;
    for (const [name, line, phone] of numbers) {
      const cv = parseCv([`# ${name}`, '', line, '', '## Experience', 'Teacher | 2019 – 2023'].join('\n'));
      assert.equal(cv.basics.phone, phone);
    }
  });
  it('keeps a firm named after its partners whole across the commas between their names', () => {
    const cv = parseCv(
      [
        '## Expérience',
        'Avocate collaboratrice, Lefèvre, Morel & Associés, Lyon (janvier 2019 – août 2021)',
        '- Contentieux prud’homal et devant la cour d’appel.',
        'Projektleder, Hoffmann & Krogh A/S, Aarhus (marts 2020 – nu)',
        '- Projektleder på tre skoleudvidelser.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Lefèvre, Morel & Associés', 'Avocate collaboratrice'],
        ['Hoffmann & Krogh A/S', 'Projektleder'],
      ],
    );
  });
  it('reads a firm named with "+ Partner" as the employer', () => {
    const cv = parseCv(
      [
        '## Berufserfahrung',
        'Tragwerksplanerin | Ingenieurbüro Hartmann + Partner',
        'Stuttgart | 09/2016 – 02/2019',
        '- Bemessung von Stahlbetonbauteilen.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Ingenieurbüro Hartmann + Partner', 'Tragwerksplanerin']],
    );
  });
  it('keeps the university before a country written in two capitals', () => {
    const cv = parseCv(
      [
        '## Education',
        '2013–2017 | PhD, Marine Ecology, Bangor University, UK',
        '2009–2012 | BSc (Hons) Marine Biology, University of Aberdeen, UK',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.education.map((e) => e.institution),
      ['Bangor University', 'University of Aberdeen'],
    );
  });
  it('reads "Head of … Group" as the title, the institute under it as the employer', () => {
    const cv = parseCv(
      [
        '## Appointments',
        'since 2022 | Head of Benthic Ecology Group',
        'Atlantic Marine Research Institute, Galway',
        '- Lead a group of nine scientists.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [['Atlantic Marine Research Institute', 'Head of Benthic Ecology Group']],
    );
  });
  it('reads a Swedish title compounded with "-ansvarig" or "-chef" as the title', () => {
    const cv = parseCv(
      [
        '## Arbetslivserfarenhet',
        'Dagab Inköp & Logistik AB | 2016 – 2020',
        'Lagerchef | Göteborg',
        '- Ansvar för 40 medarbetare.',
        'ICA Maxi Stormarknad Högsbo | 2014 – 2016',
        'Avdelningsansvarig frukt & grönt | Göteborg',
        '- Beställningar och svinnkontroll.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['Dagab Inköp & Logistik AB', 'Lagerchef'],
        ['ICA Maxi Stormarknad Högsbo', 'Avdelningsansvarig frukt & grönt'],
      ],
    );
  });
  it('reads an entry without dates after the items of one, its own items a sentence', () => {
    const cv = parseCv(
      [
        '## İş Deneyimi',
        'Matematik Öğretmeni | Eylül 2016 – Haziran 2019',
        'Erciş Anadolu Lisesi – Erciş/Van',
        '- Ortaöğretim 9–11. sınıflarda matematik dersleri',
        '- Okul matematik kulübünün kurulması',
        'Dershane Öğretmeni (yarı zamanlı)',
        'Doruk Eğitim Kurumları – Buca/İzmir',
        'Üniversite son sınıfta hafta sonları 8. sınıf öğrencilerine matematik dersleri verdim.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.highlights.length]),
      [
        ['Erciş Anadolu Lisesi', 'Matematik Öğretmeni', 2],
        ['Doruk Eğitim Kurumları', 'Dershane Öğretmeni (yarı zamanlı)', 0],
      ],
    );
    assert.equal(cv.work[1]!.location, 'Buca/İzmir');
  });
  it('reads an employer in capitals as the employer where the CV sets its employers in capitals', () => {
    const cv = parseCv(
      [
        '## Expériences professionnelles',
        'Aujourd’hui | Directrice de salle, MAiSON VÉROT, Lyon',
        'Sept. 2019 | Direction d’une brigade de salle de 14 personnes.',
        '- Recrutement et formation des apprentis.',
        'Août 2019 | Premier maître d’hôtel, LE GRAND RÉFECTOiRE, Lyon',
        'Mars 2016 | Organisation du service pour 250 couverts.',
        '- Encadrement de 8 chefs de rang.',
        'Févr. 2016 | Chef de rang, HÔTEL ROYAL, Évian-les-Bains',
        'Avr. 2013 | Service gastronomique au restaurant étoilé.',
        '- Découpe et flambage en salle.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position]),
      [
        ['MAiSON VÉROT', 'Directrice de salle'],
        ['LE GRAND RÉFECTOiRE', 'Premier maître d’hôtel'],
        ['HÔTEL ROYAL', 'Chef de rang'],
      ],
    );
  });
  it('cuts a title run into its employer, and takes a header over dates wrapped under it', () => {
    const cv = parseCv(
      [
        '## Arbetslivserfarenhet',
        'Köksmästare Restaurang Sjöboden AB, Göteborg | 2019 – nu',
        '- Ansvarar för kök med 9 anställda.',
        '',
        'Souschef Hotell Kungsporten i Göteborg AB, Göteborg | aug 2015 – dec 2018',
        '- Schemaläggning för 14 kockar.',
        '',
        'Kock, senare tillförordnad souschef (vikariat) Wärdshuset Gamla Mölndal HB, Mölndal',
        '2012 – 2015',
        '',
        'Diskare och kallskänka (sommarjobb) Liseberg AB, Göteborg | somrarna 2009 – 2011',
        '',
        'Deutsche Bahn AG, Berlin | 2007 – 2009',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate]),
      [
        ['Köksmästare', 'Restaurang Sjöboden AB', '2019'],
        ['Souschef', 'Hotell Kungsporten i Göteborg AB', '2015-08'],
        ['Kock, senare tillförordnad souschef (vikariat)', 'Wärdshuset Gamla Mölndal HB', '2012'],
        ['Diskare och kallskänka sommarjobb', 'Liseberg AB', '2009'],
        [null, 'Deutsche Bahn AG', '2007'],
      ],
    );
  });
  it('reads a one-line header in two parts as title and employer, a title word in the name or not', () => {
    const cv = parseCv(
      [
        '## Experiência profissional',
        '',
        'Analista de Microbiologia Sênior — EMS Farmacêutica',
        '',
        'mar. 2020 – atual · Hortolândia, SP',
        '',
        '- Responsável pelo monitoramento ambiental das áreas limpas.',
        '',
        'Analista de Microbiologia — EMS Farmacêutica',
        '',
        'jan. 2017 – fev. 2020 · Hortolândia, SP',
        '',
        '- Análises de contagem microbiana.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Analista de Microbiologia Sênior', 'EMS Farmacêutica'],
        ['Analista de Microbiologia', 'EMS Farmacêutica'],
      ],
    );
  });
  it('reads the history rows of a Japanese résumé form, a job from joining to leaving', () => {
    const cv = parseCv(
      [
        '## 職歴',
        '2010 | 4 | 医療法人緑風会 千里中央病院 入職',
        '外科病棟にて看護師として勤務',
        '2016 | 3 | 一身上の都合により退職',
        '2016 | 4 | 社会医療法人 北摂総合医療センター 入職',
        '救命救急センター（ICU）にて看護師として勤務',
        '2023 | 6 | 一身上の都合により退職',
        '2023 7 株式会社ケアリンク 訪問看護ステーションすいた 入社',
        '訪問看護師として在宅療養者の看護・医療的ケアに従事',
        '現在に至る',
        '以上',
        '2010 | 5 | 看護師免許 取得',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['看護師', '医療法人緑風会 千里中央病院', '2010-04', '2016-03'],
        ['看護師', '社会医療法人 北摂総合医療センター', '2016-04', '2023-06'],
        ['訪問看護師', '株式会社ケアリンク 訪問看護ステーションすいた', '2023-07', null],
      ],
    );
  });
  it('reads a Hebrew municipality as the employer and a kindergarten teacher as the title', () => {
    const cv = parseCv(
      [
        '## ניסיון תעסוקתי',
        'ספטמבר 2018 – היום',
        'גננת אם גן "חצב"',
        'עיריית רעננה',
        '- ניהול גן חובה של 34 ילדים',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [['גננת אם גן "חצב"', 'עיריית רעננה']],
    );
  });
  it('reads a summer job dated by two seasons joined by "and" as a job from the first to the last', () => {
    const cv = parseCv(
      [
        '## Experiencia',
        'Clínica Ribera del Manzanares | may. 2019 - actualidad',
        'Enfermera de planta | Madrid',
        '- Atención a 14-16 pacientes por turno.',
        '',
        'Servicio Madrileño de Salud | Veranos 2014 y 2015',
        'Enfermera eventual - contratos de verano | Madrid',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.startDate, w.endDate]),
      [
        ['Clínica Ribera del Manzanares', '2019-05', null],
        ['Servicio Madrileño de Salud', '2014', '2015'],
      ],
    );
  });
  it('reads a town linked by small words, or two towns joined by "and", as the place, not the employer', () => {
    const cv = parseCv(
      [
        '## Experience',
        'Barnardo’s – Family Support Worker, Weston-super-Mare, 2012 – 2014',
        'I ran a weekly group for parents of toddlers.',
        '',
        'Graduate Management Trainee, Highfield Hotels | Sep 2004 – Jun 2006',
        'Leeds and Harrogate',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.location]),
      [
        ['Family Support Worker', 'Barnardo’s', 'Weston-super-Mare'],
        ['Graduate Management Trainee', 'Highfield Hotels', 'Leeds and Harrogate'],
      ],
    );
  });
  it('reads a place with its work mode in brackets after the dates as the place, not the employer', () => {
    const cv = parseCv(
      [
        '## Experiência',
        'Desenvolvedor Mobile Sênior',
        'Tinto Pagamentos',
        'mar 2021 – atual | Belo Horizonte, MG (remoto)',
        '- Lidero o squad de onboarding nos apps Android e iOS',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [['Desenvolvedor Mobile Sênior', 'Tinto Pagamentos']],
    );
  });
  it('reads a lone dated name after a job printed as employer over title as a further role there', () => {
    const cv = parseCv(
      [
        '## Work experience',
        'Corvane Robotics',
        'Mechanical Engineer | Jul 2022 - Present',
        '- Own the thermal design of the drive module',
        'Mechanical Engineering Co-op | Jan 2021 - Aug 2021',
        '- Designed fixtures for battery pack vibration testing',
        'Allegheny Thermal Systems',
        'Engineering Intern | May 2020 - Aug 2020',
        '- Measured heat-sink performance in the wind tunnel',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Mechanical Engineer', 'Corvane Robotics'],
        ['Mechanical Engineering Co-op', 'Corvane Robotics'],
        ['Engineering Intern', 'Allegheny Thermal Systems'],
      ],
    );
  });
  it('reads the roles under an employer dated as a whole, a line about the firm between them', () => {
    const cv = parseCv(
      [
        '## Career history',
        'MERIDIAN FOODS GROUP LTD, MANCHESTER | 2013 – 2019',
        'Private-equity-backed food manufacturer; revenue £620m, nine sites.',
        'Chief Financial Officer | 2015 – 2019',
        '- Led the refinancing of £450m of debt facilities',
        'Finance Director, UK & Ireland | 2013 – 2015',
        '- Rebuilt the monthly close around one ledger',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate]),
      [
        ['Chief Financial Officer', 'MERIDIAN FOODS GROUP LTD', '2015', '2019'],
        ['Finance Director, UK & Ireland', 'MERIDIAN FOODS GROUP LTD', '2013', '2015'],
      ],
    );
    assert.match(cv.work[0]!.summary ?? '', /Private-equity-backed/);
  });

  it('reads a heading in capitals after an icon read as a letter', () => {
    const cv = parseCv(
      [
        '## l EXPERIÊNCIA PROFISSIONAL',
        'Colégio da Paz, Lda. | set. 2018 – presente',
        'Professora · Porto',
      ].join('\n'),
    );
    assert.equal(cv.work.length, 1);
  });
  it('reads a name set over two lines at the top as one name, not a monogram or a wrapped title', () => {
    const name = (lines: string[]) =>
      parseCv([...lines, '## Experience', 'Acme Ltd | 2020 – 2022'].join('\n')).basics.name;
    assert.equal(name(['# Sanne', '## de Vries-Kuipers', 'Docent aardrijkskunde']), 'Sanne de Vries-Kuipers');
    assert.equal(name(['## LUCÍA', '## FERRER MARTÍ', 'JEFA DE RECEPCIÓN']), 'LUCÍA FERRER MARTÍ');
    assert.equal(name(['# MT', 'MAYA THORNTON', 'Office manager']), 'MAYA THORNTON');
  });
  it('cuts a Europass title and employer set in capitals with one space between', () => {
    const cv = parseCv(
      [
        '## EXPERIENCIA LABORAL',
        '01/09/2019 – ACTUAL | Madrid, España',
        'FISIOTERAPEUTA HOSPITAL UNIVERSITARIO LA PAZ',
        '- Tratamiento de 20 pacientes diarios',
        '',
        '01/07/2014 – 29/02/2016 | Getafe, España',
        'AUXILIAR DE FISIOTERAPIA SANITAS MAYORES, S.L.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['FISIOTERAPEUTA', 'HOSPITAL UNIVERSITARIO LA PAZ'],
        ['AUXILIAR DE FISIOTERAPIA', 'SANITAS MAYORES, S.L.'],
      ],
    );
  });
  it('joins a date cell of two lines with no dash into a range, not dates stacked newest first', () => {
    const cv = parseCv(
      [
        '## Expériences professionnelles',
        'janv. 2022',
        "aujourd'hui",
        'Rhône Log & Services SAS',
        "Chef d'équipe préparation de commandes",
        '- Encadrement de 22 préparateurs',
        '',
        'mars 2017',
        'déc. 2021',
        'Easydis',
        'Cariste',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.startDate, w.endDate]),
      [
        ['2022-01', null],
        ['2017-03', '2021-12'],
      ],
    );
  });
  it('keeps a firm and its branch after a dash as the employer when the title stands on its own line', () => {
    const cv = parseCv(
      [
        '## Experiencia',
        'Segunda Jefa de Recepción',
        'Iberostar Hotels & Resorts – Iberostar Cala Millor',
        'mar. 2016 – abr. 2020 | Cala Millor',
        '- Check-in y check-out de grupos',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name, w.location]),
      [['Segunda Jefa de Recepción', 'Iberostar Hotels & Resorts – Iberostar Cala Millor', 'Cala Millor']],
    );
  });
  it('reads "Title, Field" under a job printed as employer over title as a further role there', () => {
    const cv = parseCv(
      [
        '## Employment',
        'Department for Transport | London',
        'Senior Policy Adviser, Local Transport Funding | Apr 2021 – Present',
        '- Lead a team of four on the bus funding round',
        '',
        'Policy Adviser, Rail Reform | Sep 2018 – Mar 2021',
        '- Drafted consultation documents',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Senior Policy Adviser, Local Transport Funding', 'Department for Transport'],
        ['Policy Adviser, Rail Reform', 'Department for Transport'],
      ],
    );
  });
  it('knows job titles of Dutch, Italian, Portuguese, Polish, Spanish and French CVs', () => {
    const cv = parseCv(
      [
        '## Werkervaring',
        'Bol, Utrecht — Marketeer Content & SEO',
        'juni 2019 - februari 2021',
        '- Categoriepagina’s herschreven.',
        '',
        '## Experiencia',
        'Cuatrecasas | Madrid',
        'Asociada sénior, Mercantil | enero 2021 – actualidad',
        '- Asesoramiento en operaciones.',
        'Asociada, Mercantil | septiembre 2017 – diciembre 2020',
        '- Secretaría de consejos.',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.position, w.name]),
      [
        ['Marketeer Content & SEO', 'Bol'],
        ['Asociada sénior, Mercantil', 'Cuatrecasas'],
        ['Asociada, Mercantil', 'Cuatrecasas'],
      ],
    );
  });

  it("reads LinkedIn's Save to PDF: roles under their employer, its tenure and each role's length left out", () => {
    const cv = parseCv(
      [
        '## Experience',
        '',
        '## DHL Supply Chain',
        '6 years 4 months',
        'Operations Manager',
        'January 2022 - Present (3 years 6 months)',
        'Warrington, England, United Kingdom',
        '- Full P&L accountability for a 420k sq ft shared-user site.',
        'Shift Manager',
        'March 2019 - December 2021 (2 years 10 months)',
        'Warrington, England, United Kingdom',
        'Ran the night shift of 140 colleagues across inbound, pick and despatch.',
        '',
        '## Tesco',
        '1 year 11 months',
        '',
        'Graduate Management Trainee',
        'September 2014 - July 2016 (1 year 11 months) Stockport, England, United Kingdom',
      ].join('\n'),
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.position, w.location, w.startDate]),
      [
        ['DHL Supply Chain', 'Operations Manager', 'Warrington, England, United Kingdom', '2022-01'],
        ['DHL Supply Chain', 'Shift Manager', 'Warrington, England, United Kingdom', '2019-03'],
        ['Tesco', 'Graduate Management Trainee', 'Stockport, England, United Kingdom', '2014-09'],
      ],
    );
  });

  it('reads "Title – Area" over "Firm, Town" (a town no list knows) as the title, the firm on the line below', () => {
    const cv = parseCv(
      [
        '## Experiência',
        '02/2016 – 08/2019 | Gestora de Área – Zona Sul',
        'Sumol+Compal, Carnaxide',
        '- Coordenação de uma equipa de seis vendedores.',
      ].join('\n'),
    );
    assert.equal(cv.work[0]?.position, 'Gestora de Área – Zona Sul');
    assert.match(cv.work[0]?.name ?? '', /^Sumol\+Compal\b/);
  });

  it('reads a school on a line of its own after the dates as the school, not the end of the degree above', () => {
    const cv = parseCv(
      ['## Educación', 'Grado en Turismo', '2013 - 2017', 'Universitat de les Illes Balears'].join('\n'),
    );
    assert.deepEqual(
      cv.education.map((e) => [e.studyType, e.area, e.institution]),
      [['Grado', 'Turismo', 'Universitat de les Illes Balears']],
    );
  });
});
