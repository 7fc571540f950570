import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES_DIR, loadCase } from '../../test/helpers/analysis-fixtures.ts';
import * as cvStructure from './cv-structure.ts';
import { checkFacts, extractFacts } from './fact-guard.ts';
import { findNumbers } from './numbers.ts';

const SOURCE = loadCase('software-en').cvText;

function guard(improved: string) {
  return checkFacts(SOURCE, improved);
}

describe('extractFacts', () => {
  it('reads employers, titles, ranges, degrees, schools, certifications, numbers and skills with their line', () => {
    const { facts } = extractFacts(SOURCE);
    const has = (kind: string, value: string) => facts.some((f) => f.kind === kind && f.value === value);
    assert.ok(has('employer', 'Acme Payments GmbH'));
    assert.ok(has('title', 'Backend Developer'));
    assert.ok(has('date_range', '2016-03 – 2019-12'));
    assert.ok(has('degree', 'B.Sc'));
    assert.ok(has('institution', 'University of Manchester'));
    assert.ok(has('certification', 'Certified Kubernetes Administrator'));
    assert.ok(has('percentage', '40%'));
    assert.ok(has('money', '€120k'));
    assert.ok(has('skill', 'Kafka'));
    const latency = facts.find((f) => f.value === '40%')!;
    assert.equal(latency.section, 'experience');
    assert.equal(latency.line, 13);
  });
});

describe('numbers', () => {
  it('normalizes digits, words, percentages and money', () => {
    const v = (text: string) => findNumbers(text).map((n) => [n.kind, n.value]);
    assert.deepEqual(v('a team of 5 engineers'), [['number', 5]]);
    assert.deepEqual(v('a five-person team'), [['number', 5]]);
    assert.deepEqual(v('grew revenue 20 percent'), [['percentage', 20]]);
    assert.deepEqual(v('um 15 % gesenkt'), [['percentage', 15]]);
    assert.deepEqual(v('saved €120k'), [['money', 120000]]);
    assert.deepEqual(v('budget de 450 000 € par an'), [['money', 450000]]);
    assert.deepEqual(v('$2.4M in new ARR'), [['money', 2400000]]);
    assert.deepEqual(v('two million requests'), [['number', 2000000]]);
    assert.deepEqual(v('1,5 Mio. €'), [['money', 1500000]]);
  });
});

describe('checkFacts', () => {
  it('accepts rephrasing, number words and other date formats', () => {
    const r = guard(
      SOURCE.replace(
        'Led a team of 5 engineers building',
        'Managed a five-person engineering team that built',
      )
        .replace('Reduced p95 API latency by 40%', 'Cut p95 API latency 40 percent')
        .replace('Jan 2020 – Present', '01/2020 – today')
        .replace('March 2016 – December 2019', '03/2016 - 12/2019'),
    );
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it('accepts markdown formatting and reordered sections', () => {
    const [head, ...rest] = SOURCE.split('\nSUMMARY\n');
    const body = `SUMMARY\n${rest.join('')}`;
    const sections = body.split(/\n(?=[A-Z]{5,}\n)/);
    const md = `# ${head!.trim().split('\n').join('\n\n')}\n\n${sections
      .reverse()
      .map((s) => s.replace(/^([A-Z]+)\n/, '## $1\n').replace(/^[•-] /gm, '* '))
      .join('\n\n')}`;
    const r = guard(md.replace('Senior Backend Engineer\nAcme', '**Senior Backend Engineer**\nAcme'));
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it('accepts a whole CV rewritten the way a model writes it', () => {
    const improved = readFileSync(join(FIXTURES_DIR, 'software-en.improved.md'), 'utf8');
    const r = guard(improved);
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
    const tampered = guard(
      improved
        .replace('Migrated thirty services', 'Migrated fifty services')
        .replace('(2010–2014)', '(2009–2014)'),
    );
    assert.deepEqual(
      tampered.changed.map((c) => [c.kind, c.to]),
      [
        ['number', 'fifty'],
        ['date_range', '2009 – 2014'],
      ],
    );
  });

  it('accepts a Spanish rewrite with other number, date and degree layouts', () => {
    const source = loadCase('finance-es').cvText;
    const improved = readFileSync(join(FIXTURES_DIR, 'finance-es.improved.md'), 'utf8');
    const r = checkFacts(source, improved);
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
    const inflated = checkFacts(
      source,
      improved.replace('85 M€', '95 M€').replace('Máster en Finanzas', 'MBA'),
    );
    assert.deepEqual(
      [...inflated.changed.map((c) => c.kind), ...inflated.invented.map((f) => f.kind)].sort(),
      ['degree', 'money'],
    );
  });

  it('accepts a skill that appears anywhere in the source', () => {
    const r = guard(SOURCE.replace('• Wrote unit tests', '• Wrote Terraform modules and unit tests'));
    assert.equal(r.passed, true);
  });

  it('catches a skill the source never mentions', () => {
    const r = guard(SOURCE.replace('• Wrote unit tests', '• Built Spark pipelines\n• Wrote unit tests'));
    assert.equal(r.passed, false);
    assert.deepEqual(
      r.invented.map((f) => [f.kind, f.value, f.section]),
      [['skill', 'Apache Spark', 'experience']],
    );
  });

  it('catches inflated numbers and percentages as changes, with both values', () => {
    const n = guard(SOURCE.replace('team of 5', 'team of 8'));
    assert.deepEqual(
      n.changed.map((c) => [c.kind, c.from, c.to]),
      [['number', '5', '8']],
    );
    const p = guard(SOURCE.replace('by 40%', 'by 55%'));
    assert.deepEqual(
      p.changed.map((c) => [c.kind, c.from, c.to]),
      [['percentage', '40%', '55%']],
    );
  });

  it('reads a number on the line after an item that stopped mid-phrase as part of that item', () => {
    const source =
      '# Sam Lee\n\nsam@example.com\n\nEXPERIENCE | Senior Mechanical Engineer at Buckeye Thermal Systems | Jun 2020 – Present\n' +
      'Columbus, OH\n- Lead mechanical engineer on $40M+ healthcare projects, supervising three engineers.\n' +
      '- Designed a 2,400-ton central chilled-water plant with heat recovery, cutting energy use by\n22%.\n' +
      '- Introduced Revit-based clash detection, reducing field RFIs by about 30%.\n';
    const joined = source.replace('by\n22%.', 'by 22%.');
    assert.deepEqual(checkFacts(source, joined).invented, []);
    assert.deepEqual(
      checkFacts(source, joined.replace('by 22%', 'by 35%')).invented.map((f) => [f.kind, f.value]),
      [['percentage', '35%']],
    );
  });

  it('catches a shifted date', () => {
    const r = guard(SOURCE.replace('March 2016', 'March 2015'));
    assert.deepEqual(
      r.changed.map((c) => [c.kind, c.from, c.to]),
      [['date_range', '2016-03 – 2019-12', '2015-03 – 2019-12']],
    );
  });

  it("holds a certificate's year to its own line when the year is written elsewhere too", () => {
    const source = [
      'Jordan Blake',
      '',
      'EXPERIENCE',
      'HVAC Installer | August 2015 – February 2018',
      'Cool Air Ltd',
      '',
      'EDUCATION',
      'Wayne High School | 2013',
      '',
      'CERTIFICATIONS',
      'EPA Section 608 Universal Certification | 2015',
    ].join('\n');
    const moved = source.replace('Certification | 2015', 'Certification, 2013');
    const r = checkFacts(source, moved);
    assert.ok([...r.invented.map((f) => f.value), ...r.changed.map((c) => c.to)].includes('2013'));
    assert.ok(checkFacts(source, source.replace('Certification | 2015', 'Certification, 2015')).passed);
  });

  it('holds a single year to the line that says the same, not to one sharing a word with it', () => {
    const source = [
      'Alex Moreau',
      '',
      'EXPERIENCE',
      'UX Designer, 07/2016 – 03/2019',
      'Studio Nord',
      '',
      'CERTIFICATIONS',
      'Google UX Design Professional Certificate – 2018',
    ].join('\n');
    const moved = source.replace('Certificate – 2018', 'Certificate, 2016');
    const r = checkFacts(source, moved);
    assert.ok([...r.invented.map((f) => f.value), ...r.changed.map((c) => c.to)].includes('2016'));
  });

  it('does not take a professional doctorate for a PhD', () => {
    const source = [
      'Mara Whitfield',
      '',
      'EDUCATION',
      'Doctor of Pharmacy (PharmD) | 2015',
      'Northshore University, Faculty of Pharmacy',
    ].join('\n');
    const phd = checkFacts(source, source.replace('Doctor of Pharmacy (PharmD)', 'PhD in Economics'));
    assert.ok(!phd.passed);
    assert.ok([...phd.invented.map((f) => f.value), ...phd.changed.map((c) => c.to)].includes('PhD'));
    assert.ok(checkFacts(source, source.replace('Doctor of Pharmacy (PharmD)', 'PharmD')).passed);
    const philosophy = source.replace('Doctor of Pharmacy (PharmD)', 'Doctor of Philosophy in Economics');
    assert.ok(checkFacts(philosophy, philosophy.replace('Doctor of Philosophy', 'PhD')).passed);
  });

  it("does not read a school from the end of another school's name and the town after it", () => {
    const source = [
      'Dana Fields',
      '',
      'EDUCATION',
      'M.Ed., Learning Technologies, The Ohio State University, Columbus, OH | 2019',
      'B.S. in Middle Childhood Education, Miami University, Oxford, OH | 2013',
    ].join('\n');
    const oxford = checkFacts(source, source.replace('The Ohio State University', 'University of Oxford'));
    assert.ok(!oxford.passed);
    assert.ok(
      [...oxford.invented.map((f) => f.value), ...oxford.changed.map((c) => c.to)].includes(
        'University of Oxford',
      ),
    );
    const texas = 'EDUCATION\nBSN, University of Texas Health Science Center | 2012';
    assert.ok(checkFacts(texas, 'EDUCATION\nBSN — University of Texas Health Science Center, 2012').passed);
  });

  it('catches a new employer, degree and certification', () => {
    const employer = guard(
      SOURCE.replace('Junior Developer\nInitech', 'Junior Developer\nNorthwind Traders'),
    );
    assert.ok(employer.invented.some((f) => f.kind === 'employer' && f.value === 'Northwind Traders'));
    const degree = guard(SOURCE.replace('B.Sc. Computer Science', 'M.Sc. Computer Science'));
    assert.deepEqual(
      degree.changed.map((c) => c.kind),
      ['degree'],
    );
    const cert = guard(SOURCE.replace('LANGUAGES', 'PMP Certification, 2020\n\nLANGUAGES'));
    assert.ok(cert.invented.some((f) => f.kind === 'certification'));
  });

  it('catches a client or employer named in running text', () => {
    const r = guard(
      SOURCE.replace(
        '• Wrote unit tests',
        '• Delivered the billing platform for Initrode\n• Wrote unit tests',
      ),
    );
    assert.deepEqual(
      r.invented.map((f) => [f.kind, f.value]),
      [['name', 'Initrode']],
    );
    // A capitalized word that starts a sentence, or that the source already has, is no claim.
    assert.equal(guard(SOURCE.replace('• Wrote unit tests', '• Globex APIs: wrote unit tests')).passed, true);
  });

  it('reads names in German text only where a name is introduced, as every noun is capitalized', () => {
    const source = loadCase('nursing-de').cvText;
    const reworded = source
      .replace(
        '- Versorgung von bis zu 3 beatmeten Patienten pro Schicht',
        '- Betreuung von bis zu drei Beatmungspatienten je Schicht',
      )
      .replace(
        '- Wundversorgung nach Expertenstandard',
        '- Wundversorgung gemäß Expertenstandard auf Station',
      );
    const r = checkFacts(source, reworded);
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
    const client = checkFacts(
      source,
      source.replace('- Wundversorgung nach Expertenstandard', '- Wundversorgung für Initrode Pflegedienste'),
    );
    assert.deepEqual(
      client.invented.map((f) => [f.kind, f.value]),
      [['name', 'Initrode Pflegedienste']],
    );
  });

  it('does not take the verb opening a bullet for part of an organization name', () => {
    const source =
      'Experience\nConsultant, Initech Ltd\n2019 – 2022\n- Led Acme Payments Group through a merger';
    const improved =
      '## Experience\n### Consultant — Initech Ltd\n*2019 – 2022*\n- Guided Acme Payments Group through a merger';
    assert.equal(checkFacts(source, improved).passed, true);
    assert.equal(
      checkFacts(source, improved.replace('Acme Payments Group', 'Globex Payments Group')).passed,
      false,
    );
  });

  it('accepts "grew revenue 20%" for "increased revenue by 20%"', () => {
    const source =
      'Experience\nSales Manager, Acme Inc.\n2019 – 2022\n- Increased revenue by 20% in two years';
    assert.equal(
      checkFacts(
        source,
        '## Experience\n### Sales Manager — Acme Inc.\n*2019 – 2022*\n- Grew revenue 20 percent in 2 years',
      ).passed,
      true,
    );
    assert.equal(
      checkFacts(
        source,
        '## Experience\n### Sales Manager — Acme Inc.\n*2019 – 2022*\n- Grew revenue 30% in two years',
      ).passed,
      false,
    );
  });

  it('lists dropped facts without failing', () => {
    const r = guard(SOURCE.replace('- Duties included writing documentation\n', ''));
    assert.equal(r.passed, true);
    assert.ok(r.dropped.some((f) => f.kind === 'skill' && f.value === 'Technical writing'));
  });

  it('accepts the years of experience the work history adds up to, and no more', () => {
    // 06/2014 – 02/2016, 03/2016 – 12/2019 and 01/2020 – present: 11 years by 06/2025.
    const withYears = (line: string) => SOURCE.replace('SUMMARY\n', `SUMMARY\n${line}\n`);
    const ref = { referenceDate: '2025-06' };
    for (const line of [
      'Senior Backend Engineer with 11 years of professional experience.',
      'Senior Backend Engineer with 10+ years of experience.',
      'Senior Backend Engineer with eleven years of experience.',
    ]) {
      const r = checkFacts(SOURCE, withYears(line), ref);
      assert.equal(r.passed, true, `${line}: ${JSON.stringify([r.invented, r.changed])}`);
    }
    const more = checkFacts(SOURCE, withYears('Senior Backend Engineer with 12 years of experience.'), ref);
    assert.equal(more.passed, false);
    // 10/2016 – 02/2019 and 03/2019 – heute: 8 years by 06/2025.
    const german = loadCase('nursing-de').cvText;
    const profile = (years: number) =>
      german.replace(
        'Profil\n',
        `Profil\nPflegefachkraft Intensivstation mit ${years} Jahren Berufserfahrung.\n`,
      );
    assert.equal(checkFacts(german, profile(8), ref).passed, true);
    assert.equal(checkFacts(german, profile(9), ref).passed, false);
    // Without a reference date "Present" ends at the CV's latest date (2022): 8 years, not 11.
    assert.equal(checkFacts(SOURCE, withYears('Engineer with 11 years of experience.')).passed, false);
    assert.equal(checkFacts(SOURCE, withYears('Engineer with 8 years of experience.')).passed, true);
    // Only a statement of years of experience: other counts stay held to the source's numbers.
    assert.equal(checkFacts(SOURCE, SOURCE.replace('team of 5', 'team of 11'), ref).passed, false);
    assert.equal(
      checkFacts(SOURCE, withYears('Ran 11 years of on-call rotations across the team.'), ref).passed,
      false,
    );
  });

  it('is deterministic', () => {
    const improved = SOURCE.replace('team of 5', 'team of 8');
    assert.deepEqual(guard(improved), guard(improved));
  });
});

it('numbers written as words are held to the source too: "forty" keeps 40, "sixty" inflates it', () => {
  const source = '- Trained 40 store managers\n- Led 15 engineers\n- Schulte 30 Mitarbeiter\n';
  assert.equal(
    checkFacts(
      source,
      '- Trained forty store managers\n- Led fifteen engineers\n- Schulte dreißig Mitarbeiter\n',
    ).passed,
    true,
  );
  assert.equal(
    checkFacts(source, '- Trained sixty store managers\n- Led 15 engineers\n- Schulte 30 Mitarbeiter\n')
      .passed,
    false,
  );
  assert.equal(
    checkFacts(source, '- Trained 40 store managers\n- Led nineteen engineers\n- Schulte 30 Mitarbeiter\n')
      .passed,
    false,
  );
});

it('German and French doctorates count as degrees: an invented "Dr. rer. nat." is caught', () => {
  const source = 'Ausbildung\nM.Sc. Informatik, TU Berlin, 2020\n';
  assert.equal(
    checkFacts(source, '## Ausbildung\nDr. rer. nat. Informatik, TU Berlin (2020)\n').passed,
    false,
  );
  assert.equal(checkFacts(source, '## Ausbildung\nM.Sc. Informatik, TU Berlin (2020)\n').passed, true);
  const doctor = 'Formation\nDoctorat en chimie, Université de Lyon, 2014\n';
  assert.equal(
    checkFacts(doctor, '## Formation\nDoctorat en chimie — Université de Lyon (2014)\n').passed,
    true,
  );
});

it('a headline read off the contact line is a fact of the CV: set apart, it invents nothing', () => {
  const source =
    'Zoë Müller\nSenior Backend Engineer · Kraków, Poland · zoe@example.com\n\nSKILLS\nTypeScript, Go\n';
  const improved =
    '# Zoë Müller\n\n**Senior Backend Engineer**\n\nzoe@example.com · Kraków, Poland\n\n## Skills\n\nTypeScript, Go\n';
  assert.equal(
    checkFacts(source, improved).passed,
    true,
    JSON.stringify(checkFacts(source, improved).invented),
  );
  assert.equal(checkFacts(source, improved.replace('Backend', 'Kubernetes')).passed, false);
});

it('the target position named as a headline or an objective is no invented fact; on a job it is', () => {
  const { cvText } = loadCase('software-en');
  const improved = readFileSync(join(FIXTURES_DIR, 'software-en.improved.md'), 'utf8');
  const options = { targetPosition: 'Staff Platform Engineer' };
  const objective = improved.replace(
    '## Professional Summary\n',
    '## Professional Summary\nSeeking a Staff Platform Engineer role. ',
  );
  assert.equal(checkFacts(cvText, objective).passed, false, 'without the target, a new name');
  assert.equal(
    checkFacts(cvText, objective, options).passed,
    true,
    JSON.stringify(checkFacts(cvText, objective, options).invented),
  );
  const onAJob = improved.replace('**Junior Developer** | Initech', '**Staff Platform Engineer** | Initech');
  assert.equal(checkFacts(cvText, onAJob, options).passed, false, 'the title put on a job entry is a claim');
});

describe('awards, publications, patents and memberships', () => {
  const source =
    'Jane Doe\n\nEXPERIENCE\nAccountant, Acme GmbH\n2019 – 2022\n- Closed the books every month\n\n' +
    'AWARDS\nFinance Team of the Year, Harrowfield Foods, 2023\n\n' +
    'PUBLICATIONS\nDoe, J. (2020). Automating month-end close. Journal of Accounting Practice.\n\n' +
    'MEMBERSHIPS\nMember, Association of Chartered Certified Accountants (ACCA), since 2021\n';
  const improved =
    '# Jane Doe\n\n## Experience\n### Accountant — Acme GmbH\n*2019 – 2022*\n- Closed the books every month\n\n' +
    '## Awards\n- Named Finance Team of the Year at Harrowfield Foods (2023)\n\n' +
    '## Publications\n- Doe, J. (2020). "Automating month-end close." Journal of Accounting Practice.\n\n' +
    '## Memberships\n- ACCA member (Association of Chartered Certified Accountants) since 2021\n';
  const invented = (text: string) =>
    checkFacts(source, text).invented.map((f) => [f.kind, f.value] as [string, string]);
  const withBullet = (bullet: string) =>
    improved.replace('- Closed the books every month', `- Closed the books every month\n- ${bullet}`);

  it('reads them from their sections and from the words that mark them', () => {
    const kinds = extractFacts(source)
      .facts.filter((f) => ['award', 'publication', 'membership'].includes(f.kind))
      .map((f) => f.kind);
    assert.deepEqual(kinds, ['award', 'publication', 'membership']);
  });

  it('accepts them reworded, reordered and reformatted', () => {
    const r = checkFacts(source, improved);
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it('names an invented one by its text, in its own section or in a bullet, in four languages', () => {
    const cases: [string, string, string][] = [
      [
        improved.replace('## Publications', '- Innovation Prize, Contoso Finance Awards\n\n## Publications'),
        'award',
        'Innovation Prize, Contoso Finance Awards',
      ],
      [
        withBullet('Won the CFO Excellence Award for the close automation'),
        'award',
        'Won the CFO Excellence Award for the close automation',
      ],
      [
        improved.replace(
          '## Memberships',
          '- Doe, J. Lean ledgers. Harvard Business Review.\n\n## Memberships',
        ),
        'publication',
        'Doe, J. Lean ledgers. Harvard Business Review.',
      ],
      [
        withBullet('Published a paper on lease accounting in the Journal of Finance'),
        'publication',
        'Published a paper on lease accounting in the Journal of Finance',
      ],
      [
        withBullet('Holds a patent for an automated invoice matching method'),
        'patent',
        'Holds a patent for an automated invoice matching method',
      ],
      [
        `${improved}- Fellow of the Institute of Chartered Accountants in England and Wales\n`,
        'membership',
        'Fellow of the Institute of Chartered Accountants in England and Wales',
      ],
      [
        withBullet('Auszeichnung: Innovationspreis der Stadt München'),
        'award',
        'Auszeichnung: Innovationspreis der Stadt München',
      ],
      [
        withBullet('Lauréat du Trophée national de la comptabilité'),
        'award',
        'Lauréat du Trophée national de la comptabilité',
      ],
      [
        withBullet('Galardón a la mejor contable joven de Madrid'),
        'award',
        'Galardón a la mejor contable joven de Madrid',
      ],
      [
        withBullet('Mitglied im Bundesverband Deutscher Controller'),
        'membership',
        'Mitglied im Bundesverband Deutscher Controller',
      ],
      [
        withBullet('Miembro del Colegio de Economistas de Madrid'),
        'membership',
        'Miembro del Colegio de Economistas de Madrid',
      ],
      [
        withBullet('Brevet déposé pour un outil de rapprochement'),
        'patent',
        'Brevet déposé pour un outil de rapprochement',
      ],
    ];
    for (const [text, kind, value] of cases) assert.deepEqual(invented(text), [[kind, value]], value);
  });
});

describe('tools within a family', () => {
  const source =
    'Jane Doe\n\nEXPERIENCE\nPlatform Engineer, Acme GmbH\n2019 – 2022\n' +
    '- Ran services on AWS with Datadog dashboards\n- Tuned PostgreSQL queries and Jenkins pipelines\n' +
    '- Built Tableau reports for finance\n\nSKILLS\nAWS, Datadog, PostgreSQL, Jenkins, Tableau\n';

  it('takes one product swapped for another of its kind for a changed skill', () => {
    for (const [from, to] of [
      ['Datadog', 'New Relic'],
      ['AWS', 'Azure'],
      ['PostgreSQL', 'MySQL'],
      ['Jenkins', 'GitLab CI'],
      ['Tableau', 'Power BI'],
      ['Datadog', 'Prometheus'],
    ]) {
      const r = checkFacts(source, source.replaceAll(from!, to!));
      assert.deepEqual(
        [...r.invented.map((f) => [f.kind, f.value]), ...r.changed.map((c) => [c.kind, c.to])],
        [['skill', to]],
        `${from} → ${to}`,
      );
    }
  });

  it('accepts a true synonym and the family a product belongs to', () => {
    const r = checkFacts(
      source,
      source
        .replace('on AWS with Datadog dashboards', 'on Amazon Web Services with Datadog monitoring')
        .replace('PostgreSQL queries', 'Postgres queries on the cloud platform')
        .replace('Tableau reports', 'business intelligence reports in Tableau'),
    );
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });
});

describe('paraphrases that state no new fact', () => {
  const line = (bullet: string, skills = 'SQL, Excel') =>
    `Jane Doe\n\nEXPERIENCE\nData Analyst, Acme GmbH\n2019 – 2022\n- ${bullet}\n\nSKILLS\n${skills}\n`;
  const same = (from: string, to: string, fromSkills?: string, toSkills?: string) => {
    const r = checkFacts(line(from, fromSkills), line(to, toSkills));
    assert.equal(r.passed, true, `${from} → ${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };

  it('an abbreviation from the source inside a hyphenated compound', () => {
    same('Ran SAP reporting for finance', 'Ran SAP-based reporting for finance');
    same('Ran services on AWS for clients', 'Ran AWS-hosted services for clients');
    same('Kept reports within GDPR rules', 'Kept reports GDPR-compliant');
  });

  it('an abbreviation and its expansion, either way', () => {
    same('Ran services on AWS for clients', 'Ran services on Amazon Web Services for clients');
    same('Defined key performance indicators for sales', 'Defined KPIs for sales');
    same('Defined KPI dashboards for sales', 'Defined key performance indicator dashboards for sales');
    same('Migrated the Electronic Health Record for the ward', 'Migrated the EHR for the ward');
  });

  it('number words and numerals, how often, and how long', () => {
    same('Reported to the board twice a week', 'Reported to the board 2 times per week');
    same('Reported to the board every month', 'Reported to the board monthly');
    same('Reported to the board weekly', 'Reported to the board once a week (1x per week)');
    same('Audited the stock every two weeks', 'Audited the stock fortnightly');
    same('Led a migration over a year and a half', 'Led a migration over 18 months');
    same('Led a migration over 18 months', 'Led a migration over 1.5 years');
    // A different length is still a different number.
    const longer = checkFacts(line('Led a migration over 18 months'), line('Led a migration over 2 years'));
    assert.equal(longer.passed, false);
  });

  it('dates in other formats', () => {
    for (const date of ['03/2021', 'Mar 2021', '2021-03', 'März 2021', 'mars 2021'])
      same('Launched the portal in March 2021', `Launched the portal in ${date}`);
  });

  it('a label over a list of skills claims no skill and names no one', () => {
    for (const label of [
      'Tools and methods:',
      'Languages:',
      'Frameworks & Libraries:',
      'Outils :',
      'Herramientas:',
      'Data Analysis:',
      'Business Intelligence:',
    ])
      same('Used SQL and Excel daily', 'Used SQL and Excel daily', 'SQL, Excel', `${label} SQL, Excel`);
    const summary = checkFacts(
      line('Used SQL and Excel daily'),
      line('Used SQL and Excel daily').replace(
        'EXPERIENCE',
        'SUMMARY\nAnalyst. Tools and Methods: SQL, Excel.\n\nEXPERIENCE',
      ),
    );
    assert.equal(summary.passed, true, JSON.stringify(summary.invented));
    // A skill claimed outside a label still is one.
    assert.equal(checkFacts(line('Used SQL'), line('Used SQL', 'Tools: SQL, Tableau')).passed, false);
  });
});

describe('a fact held to its own line or entry', () => {
  it('a certificate year moved earlier is caught, though the year is written on another entry', () => {
    assert.ok(SOURCE.includes('(CKA), 2022') && SOURCE.includes('2020'));
    const r = guard(SOURCE.replace('(CKA), 2022', '(CKA), 2020'));
    assert.equal(r.passed, false);
    assert.deepEqual(
      r.changed.map((c) => [c.kind, c.from, c.to]),
      [['date', '2022', '2020']],
    );
    // A line of one word and a year, as certificates are often listed.
    const cv = (year: string) =>
      `Jane Doe\n\nEXPERIENCE\nAnalyst, Acme GmbH\n2017 – 2022\n- Ran audits\n\nCERTIFICATIONS\nPMP, ${year}\nSix Sigma Green Belt, 2017\n`;
    assert.equal(checkFacts(cv('2019'), cv('2017')).passed, false);
    assert.equal(checkFacts(cv('2019'), cv('2019')).passed, true);
  });

  it('two dated lines merged into one keep both their dates', () => {
    const cv = `Ana Ruiz\n\nCERTIFICACIONES\nCurso de Prevención de Riesgos Laborales (60 horas), 2014\nPMP, 2020\n`;
    const merged = `Ana Ruiz\n\nCERTIFICACIONES\n- Curso de Prevención de Riesgos Laborales (60 horas), 2014; PMP, 2020\n`;
    const r = checkFacts(cv, merged);
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it("the current job's title put on an older job is caught; each job keeps its own", () => {
    const moved = SOURCE.replace(
      'Backend Developer\nGlobex Logistics Ltd',
      'Senior Backend Engineer\nGlobex Logistics Ltd',
    );
    assert.notEqual(moved, SOURCE);
    const r = guard(moved);
    assert.equal(r.passed, false);
    assert.ok(
      [...r.invented.map((f) => f.value), ...r.changed.map((c) => c.to)].includes('Senior Backend Engineer'),
      JSON.stringify([r.invented, r.changed]),
    );
    assert.equal(guard(SOURCE).passed, true);
  });

  it('reads the entries of a two-column page from their own column', () => {
    const cv = loadCase('data-twocolumn-en').cvText;
    assert.equal(checkFacts(cv, cv).passed, true);
    const moved = cv.replace('Data Analyst | Northbridge', 'Senior Data Scientist | Northbridge');
    assert.notEqual(moved, cv);
    assert.equal(checkFacts(cv, moved).passed, false);
  });
});

describe('tools the vocabulary tells apart', () => {
  it('"Canvas" is the learning platform, not Canva', async () => {
    const { findSkills } = await import('./skills.ts');
    assert.deepEqual(
      findSkills('Moodle, Canvas, Canva').map((h) => h.name),
      ['Moodle', 'Canvas LMS', 'Canva'],
    );
  });

  it('DATEV swapped for Lexware is caught', () => {
    const cv = loadCase('hr-manager-de').cvText;
    const r = checkFacts(
      cv,
      cv.replace('Lohn- und Gehaltsabrechnung mit DATEV', 'Lohn- und Gehaltsabrechnung mit Lexware'),
    );
    assert.equal(r.passed, false);
    assert.ok(
      r.invented.some((f) => f.value === 'Lexware'),
      JSON.stringify(r.invented),
    );
  });

  it('a tool in a skills list that the vocabulary does not know is still a claim', () => {
    const cv = loadCase('design-en').cvText;
    const r = checkFacts(cv, cv.replace('Figma, Sketch,', 'Figma, Sketch, Framer,'));
    assert.ok(
      r.invented.some((f) => f.value === 'Framer'),
      JSON.stringify(r.invented),
    );
    // A label over a single item names nothing; nor does the capital a list item starts with.
    const list = (line: string) => `Jeanne Roy\n\nCOMPÉTENCES\n${line}\n`;
    assert.equal(checkFacts(list('LGPI, pharmacovigilance'), list('Logiciel : LGPI')).passed, true);
    const p = checkFacts(
      list('Gestion de stock, Préparation de commandes'),
      list('Pilotage de stock, Préparation de commandes'),
    );
    assert.equal(p.passed, true, JSON.stringify(p.invented));
  });

  it('a product and its spelled-out family name, a role and its skill', () => {
    const cv = loadCase('cfo-en').cvText;
    const r = checkFacts(
      cv,
      cv.replace('one Oracle ERP', 'a single Oracle enterprise resource planning system'),
    );
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
    const grad = loadCase('graduate-en').cvText;
    const g = checkFacts(grad, `${grad}\nSeeking a first role in backend and web development.\n`);
    assert.deepEqual(
      g.invented.filter((f) => f.kind === 'skill').map((f) => f.value),
      [],
    );
  });
});

describe('more paraphrases that state no new fact', () => {
  const line = (bullet: string) =>
    `Jane Doe\n\nEXPERIENCE\nData Analyst, Acme GmbH\n2019 – 2022\n- ${bullet}\n`;
  const same = (from: string, to: string) => {
    const r = checkFacts(line(from), line(to));
    assert.equal(r.passed, true, `${from} → ${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };
  const differs = (from: string, to: string) =>
    assert.equal(checkFacts(line(from), line(to)).passed, false, `${from} → ${to}`);

  it('compound number words in four languages', () => {
    const v = (text: string) => findNumbers(text).map((n) => [n.kind, n.value]);
    assert.deepEqual(v('twenty-five A/B tests'), [['number', 25]]);
    assert.deepEqual(v('two hundred Linux servers'), [['number', 200]]);
    assert.deepEqual(v('two hundred and fifty users'), [['number', 250]]);
    assert.deepEqual(v('ochenta y cinco millones de euros'), [['number', 85000000]]);
    assert.deepEqual(v('del noventa y cuatro por ciento'), [['percentage', 94]]);
    assert.deepEqual(v('en dix-huit mois'), [['number', 18]]);
    assert.deepEqual(v('quatre-vingt-dix clients'), [['number', 90]]);
    assert.deepEqual(v('fünfundzwanzig Mitarbeiter'), [['number', 25]]);
    assert.deepEqual(v('veinticinco tiendas'), [['number', 25]]);
    // Two numbers side by side stay two; "one" and "hundreds" alone are no count.
    assert.deepEqual(v('two three-day workshops'), [
      ['number', 2],
      ['number', 3],
    ]);
    assert.deepEqual(v('one of hundreds of users'), []);
    same('Led teams of 25 associates per shift', 'Led teams of twenty-five associates per shift');
    differs('Led teams of 25 associates per shift', 'Led teams of twenty-six associates per shift');
  });

  it('days, weeks and hours', () => {
    same(
      'Cut environment setup from 2 days to 40 minutes',
      'Cut environment setup from 48 hours to 40 minutes',
    );
    same('Ran a 2-week onboarding for new staff', 'Ran a 14-day onboarding for new staff');
    differs(
      'Cut environment setup from 2 days to 40 minutes',
      'Cut environment setup from 3 days to 40 minutes',
    );
  });

  it('an abbreviation of the source spelled out, whole or in part', () => {
    const cv = (cert: string, title = 'Junior UI Designer') =>
      `Jane Doe\n\nEXPERIENCE\n${title} | Studio Kvet | 2016 – 2018\n- Ran services on Kubernetes (EKS) for clients\n\nCERTIFICATIONS\n${cert}\n`;
    const ok = (from: string, to: string) => {
      const r = checkFacts(from, to);
      assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
    };
    ok(cv('PMP, 2020'), cv('Project Management Professional (PMP), 2020'));
    ok(cv('PMP, 2020'), cv('Project Management Professional, 2020'));
    ok(
      cv('Systemischer Coach (DGfC), 2019'),
      cv('Systemischer Coach (Deutsche Gesellschaft für Coaching, DGfC), 2019'),
    );
    ok(cv('PMP, 2020'), cv('PMP, 2020', 'Junior User Interface Designer'));
    ok(
      cv('PMP, 2020'),
      cv('PMP, 2020').replace('Kubernetes (EKS)', 'Kubernetes (Amazon Elastic Kubernetes Service)'),
    );
    ok(cv('CHU de Toulouse, 2020'), cv('Centre hospitalier universitaire (CHU) de Toulouse, 2020'));
    // Words that spell no abbreviation of the source are new.
    assert.equal(checkFacts(cv('PMP, 2020'), cv('Certified Scrum Master, 2020')).passed, false);
    assert.equal(
      checkFacts(cv('PMP, 2020'), cv('PMP, 2020', 'Junior User Experience Designer')).passed,
      false,
    );
  });

  it('an abbreviation glossed beside its words, and a name shortened to its initials', () => {
    const cv = (entry: string, skills: string) =>
      `Jane Doe\n\nEXPERIENCE\n${entry} | 2002 – 2010\n- Ran audits\n\nSKILLS\n${skills}\n\nEDUCATION\nMSc Statistics, University College London, 2017 – 2018\n`;
    const from = cv('Audit Manager | PwC', 'SAP FI/CO, Transportmanagementsystem');
    for (const to of [
      cv('Audit Manager | PricewaterhouseCoopers (PwC)', 'SAP FI/CO, Transportmanagementsystem'),
      cv(
        'Audit Manager | PwC',
        'SAP Financial Accounting and Controlling (FI/CO), Transportmanagementsystem (TMS)',
      ),
      from.replace('University College London', 'UCL'),
    ]) {
      const r = checkFacts(from, to);
      assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
    }
  });

  it('the numbers in a name are facts of their own, and small linking words are not part of it', () => {
    const cv = (cert: string) => `Ana Ruiz\n\nCERTIFICACIONES\n${cert}\n`;
    const ok = (from: string, to: string) => {
      const r = checkFacts(cv(from), cv(to));
      assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
    };
    ok(
      'Curso de atención al cliente omnicanal (40 horas), 2023',
      'Curso de atención al cliente omnicanal (cuarenta horas), 2023',
    );
    ok('Gefahrgutbeauftragter (ADR), 2019', 'Gefahrgutbeauftragter nach ADR, 2019');
    ok('Level 2 Support Certificate, 2019', 'Level 2 Support Certificate, 2019');
    assert.equal(
      checkFacts(
        cv('Curso de atención al cliente (40 horas), 2023'),
        cv('Curso de atención al cliente (60 horas), 2023'),
      ).passed,
      false,
    );
  });

  it('a description in an education entry names no school', () => {
    const cv = (thesis: string) =>
      `Sofia Rossi\n\nEDUCATION\nBSc Computer Science, Politecnico di Milano, 2020 – 2023\n- Thesis: ${thesis}\n\nSKILLS\nPython, Java\n`;
    const r = checkFacts(
      cv('a recommendation engine for a university library in Python'),
      cv('a Python-based recommendation engine for a university library'),
    );
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });
});

describe('what a layout or the structure already says', () => {
  it('a range the structure read from dates written apart, and a range of one year', () => {
    const cv = `Marie Roy\n\nEXPÉRIENCE\nSept. 2019 | Premier maître d'hôtel, Le Grand Réfectoire, Lyon\nAoût 2019 | Chef de rang, Hôtel Royal, Évian\n\nFORMATION\nBTS Hôtellerie, Lycée Hôtelier de Lyon, 2015\n`;
    const source = checkFacts(cv, cv);
    assert.equal(source.passed, true);
    const { parseCv } = cvStructure;
    const work = parseCv(cv).work;
    assert.ok(work.length > 0);
    const w = work[0]!;
    const range = `*${w.startDate} – ${w.current ? 'Present' : w.endDate}*`;
    const improved = `${cv}\n### ${w.position ?? 'Role'} — ${w.name ?? ''}\n${range}\n`;
    const r = checkFacts(cv, improved);
    assert.deepEqual(
      r.invented.filter((f) => f.kind === 'date_range'),
      [],
    );
    const year = checkFacts(cv, cv.replace('Lyon, 2015', 'Lyon, 2015 – 2015'));
    assert.equal(year.passed, true, JSON.stringify([year.invented, year.changed]));
  });

  it('a skill the target position names, in a headline', () => {
    const cv = (headline: string) =>
      `Sabine Krüger\n${headline}\n\nBERUFSERFAHRUNG\nPersonalreferentin, Südmarkt Handels GmbH\n2009 – 2011\n- Betreuung von 400 Beschäftigten\n`;
    const r = checkFacts(
      cv('Personalreferentin'),
      cv('Personalreferentin – auf der Suche nach einer Position als Head of HR'),
      {
        targetPosition: 'Head of HR',
      },
    );
    assert.deepEqual(
      r.invented.filter((f) => f.kind === 'skill'),
      [],
    );
    // The same skill claimed on a job still is a claim, though the headline names it too.
    const job = (bullet: string) =>
      `Sam Lee\nSenior Backend Engineer\n\nEXPERIENCE\nDeveloper, Acme GmbH\n2019 – 2022\n- ${bullet}\n`;
    const onJob = checkFacts(
      `Sam Lee\n\nEXPERIENCE\nDeveloper, Acme GmbH\n2019 – 2022\n- Built tools in Go\n`,
      job('Built backend services in Go'),
      { targetPosition: 'Senior Backend Engineer' },
    );
    assert.ok(
      onJob.invented.some((f) => f.kind === 'skill' && f.section === 'experience'),
      JSON.stringify(onJob.invented),
    );
    // Without the target, the same words claim a skill.
    const claimed = checkFacts(
      cv('Personalreferentin'),
      cv('Personalreferentin – auf der Suche nach einer Position als Head of HR'),
    );
    assert.ok(claimed.invented.some((f) => f.kind === 'skill'));
  });

  it('a school joined on one line with the words of the line before it', () => {
    const cv = `Sam Lee\n\nEDUCATION\nB.S. Computer Science\nWestern Washington University, 2010 – 2014\n`;
    const r = checkFacts(
      cv,
      `Sam Lee\n\nEDUCATION\nB.S. Computer Science Western Washington University, 2010 – 2014\n`,
    );
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it('"Mio." and "Millionen" are numbers, not names', () => {
    const de = (summary: string) =>
      `Max Weber\n\nPROFIL\n${summary}\n\nBERUFSERFAHRUNG\nProjektleiter, Nordhafen GmbH\n2019 – 2022\n- Planung\n`;
    const m = checkFacts(
      de('Projektleiter für Schul- und Kulturbauten bis 25 Mio. € Baukosten.'),
      de('Projektleiter für Schul- und Kulturbauten bis 25 Millionen € Baukosten.'),
    );
    assert.equal(m.passed, true, JSON.stringify([m.invented, m.changed]));
  });
});

it('reads abbreviations and their glosses in linear time on pathological lines', async () => {
  const { glossesOf } = await import('./fact-guard-abbreviations.ts');
  for (const line of [
    'a'.repeat(20000),
    'A'.repeat(20000),
    'AB ('.repeat(5000),
    `${'Ab Cd '.repeat(4000)}(XY`,
  ]) {
    const started = performance.now();
    glossesOf(line);
    assert.ok(performance.now() - started < 500, `${line.slice(0, 8)} took too long`);
  }
  assert.deepEqual(
    glossesOf('SAP Financial Accounting and Controlling (FI/CO), Excel').map((g) => [g.parts, g.words]),
    [[['fi', 'co'], 'Financial Accounting and Controlling']],
  );
});

it('an invented certification is no expansion of an abbreviation its letters happen to start', () => {
  const cv = (cert: string) =>
    `Jin Park\n\nEDUCATION\nPh.D. in Economics, University of Michigan, 2019 – 2025\n- Presented at the CES conference\n\nCERTIFICATIONS\n${cert}\n`;
  const r = checkFacts(cv('First Aid, 2020'), cv('First Aid, 2020\nCertified ScrumMaster, 2021'));
  assert.equal(r.passed, false);
  // Beside the abbreviation, a word may give it several letters.
  const rest = (api: string) =>
    `Sam Lee\n\nEXPERIENCE\nDeveloper, Acme GmbH\n2019 – 2022\n- Built ${api} APIs in Go\n`;
  assert.equal(checkFacts(rest('REST'), rest('Representational State Transfer (REST)')).passed, true);
});

describe('short forms and turns of phrase of hand-written rewrites', () => {
  const passes = (from: string, to: string) => {
    const r = checkFacts(from, to);
    assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };
  const fails = (from: string, to: string) => assert.equal(checkFacts(from, to).passed, false, to);

  it('a word of a longer skill the source names claims no other product', () => {
    const cv = (bullet: string) =>
      `Ann Lee\n\nEXPERIENCE\nCFO, Acme Ltd\n2019 – 2022\n- ${bullet}\n\nSKILLS\nIFRS, Oracle ERP\n`;
    passes(
      cv('Replaced 5 legacy ledgers with one Oracle ERP'),
      cv('Consolidated 5 legacy ledgers into one Oracle-based ERP'),
    );
    fails(
      cv('Replaced 5 legacy ledgers with one Oracle ERP'),
      cv('Consolidated 5 legacy ledgers into one Oracle Database'),
    );
  });

  it('an abbreviation inside a name, for the words the source spells it with or glosses it by', () => {
    const cv = (certs: string) => `Ana Ruiz\n\nCERTIFICACIONES\n${certs}\n`;
    const from = cv(
      'Curso de Prevención de Riesgos Laborales, 2014\nMitglied im Bundesverband der Personalmanager (BPM)',
    );
    passes(from, cv('Curso de PRL, 2014\nMitglied im BPM'));
    fails(from, cv('Curso de PRL, 2014\nMitglied im DGfP'));
    fails(from, cv('Curso de PRA, 2014\nMitglied im BPM'));
    // A title and an employer written as initials, an acronym among them ("HR Business Partnerin").
    const job = (title: string) =>
      `Eva Roth\n\nEXPERIENCE\n${title} — Memorial Hospital, Houston\n2019 – 2022\n- Ran the ward\n`;
    passes(job('Emergency Department Nurse'), job('ED Nurse'));
    passes(job('HR Business Partnerin'), job('HRBP'));
    fails(job('Emergency Department Nurse'), job('ICU Nurse'));
  });

  it('words cut short: "Dept.", "Med-Surg", a journal abbreviated', () => {
    const cv = (entry: string, paper: string) =>
      `Ann Chen\n\nEXPERIENCE\n${entry}\n2019 – 2022\n- Ran the lab\n\nPUBLICATIONS\nChen, A. "Interface stability of solid-state cells", ${paper}, 2018\n`;
    const from = cv(
      'Medical-Surgical Nurse — University of Cambridge, Department of Materials Science',
      'Advanced Energy Materials',
    );
    passes(
      from,
      cv('Med-Surg Nurse — University of Cambridge, Dept. of Materials Science', 'Adv. Energy Mater.'),
    );
    fails(from, cv('Med-Surg Nurse — University of Cambridge, Dept. of Physics', 'Adv. Energy Mater.'));
    fails(
      from,
      cv('Medical-Surgical Nurse — University of Cambridge, Department of Materials Science', 'Nat. Chem.'),
    );
  });

  it('a length in years and months', () => {
    const months = (text: string) => findNumbers(text).map((n) => n.months);
    assert.deepEqual(months('in einem Jahr und zwei Monaten eingeführt'), [14]);
    assert.deepEqual(months('over 2 years and 3 months'), [27]);
    assert.deepEqual(months('en un año y seis meses'), [18]);
    const cv = (bullet: string) =>
      `Eva Roth\n\nBERUFSERFAHRUNG\nPersonalleiterin, Acme GmbH\n2019 – 2024\n- ${bullet}\n- Aufbau eines Teams von 4 Mitarbeitern\n`;
    passes(
      cv('Einführung von SAP SuccessFactors in 14 Monaten, Budget 450.000 €'),
      cv('SAP SuccessFactors in einem Jahr und zwei Monaten eingeführt, Budget 450.000 €'),
    );
    fails(
      cv('Einführung von SAP SuccessFactors in 14 Monaten, Budget 450.000 €'),
      cv('SAP SuccessFactors in einem Jahr und drei Monaten eingeführt, Budget 450.000 €'),
    );
  });

  it('a German turn of phrase is no name: "Tag für Tag"', () => {
    const cv = (bullet: string) =>
      `Jonas Weber\n\nBERUFSERFAHRUNG\nDisponent, Weserland Spedition GmbH\n2019 – 2024\n- ${bullet}\n`;
    passes(cv('Disposition von täglich 45 Lkw-Touren'), cv('Disponiere Tag für Tag 45 Lkw-Touren'));
    fails(cv('Disposition von täglich 45 Lkw-Touren'), cv('Disponiere 45 Lkw-Touren für Kühne'));
  });

  it('numbers of a merged line, read against the lines it was merged from', () => {
    const cv = (bullets: string) =>
      `Jonas Weber\n\nEXPERIENCE\nSite Manager, Acme Ltd\n2019 – 2024\n${bullets}\n`;
    const from = cv(
      '- Wöchentliche Abstimmung mit 8 Subunternehmern\n- Einarbeitung von 4 neuen Disponenten\n- Run a 40,000 m² distribution centre with 120 staff across three shifts\n- Owner of the €9M annual site budget',
    );
    passes(
      from,
      cv(
        '- Wöchentl. Abstimmung mit 8 Subunternehmern; Einarbeitung von 4 neuen Disponenten\n- 40,000 m² DC, 120 staff, 3 shifts; owner of the €9M annual site budget',
      ),
    );
    fails(
      from,
      cv(
        '- Wöchentl. Abstimmung mit 9 Subunternehmern; Einarbeitung von 4 neuen Disponenten\n- 40,000 m² DC, 120 staff, 3 shifts; owner of the €9M annual site budget',
      ),
    );
    fails(
      from,
      cv(
        '- Wöchentl. Abstimmung mit 8 Subunternehmern; Einarbeitung von 4 neuen Disponenten\n- 40,000 m² DC, 150 staff, 3 shifts; owner of the €9M annual site budget',
      ),
    );
  });

  it('a duration that is the length of a dated job', () => {
    const cv = (summary: string) =>
      `Inès Benali\n\nPROFIL\n${summary}\n\nEXPÉRIENCE\nInterne en pharmacie – CHU de Toulouse\n05/2020 – 10/2021\n• Validation des prescriptions\n`;
    const from = cv("Docteure en pharmacie avec 3 ans d'expérience en officine.");
    passes(from, cv("Docteure en pharmacie, 3 ans en officine après un an et demi d'internat."));
    fails(from, cv("Docteure en pharmacie, 3 ans en officine après deux ans et demi d'internat."));
  });

  it('a second-level heading the reader does not know, and a certification in another word form', () => {
    const cv = (heading: string, line: string) =>
      `Inès Benali\n\nCERTIFICATIONS\nPMP, 2020\n${heading}\n${line}\n`;
    const from = cv('', "Inscrite à l'Ordre national des pharmaciens, section D");
    passes(from, cv('## Colegiación', "Inscrite à l'Ordre national des pharmaciens, section D"));
    fails(from, cv('Colegiación', "Inscrite à l'Ordre national des pharmaciens, section D"));
    passes(from, cv('', "Inscription à l'Ordre national des pharmaciens, section D"));
    fails(from, cv('', "Inscription à l'Ordre national des médecins, section D"));
  });

  it('skills the vocabulary reads in context: SEA is paid search, "12-hr" is no HR', () => {
    const cv = (bullet: string, skills: string) =>
      `Eva Roth\n\nEXPERIENCE\nNurse, Memorial Hospital\n2019 – 2024\n- ${bullet}\n\nSKILLS\n${skills}\n`;
    passes(
      cv('Triage and care for 20 patients per 12-hour shift', 'SEO, SEA, Google Ads'),
      cv('Triage/care: 20 pts every 12-hr shift', 'SEO, SEA (référencement payant), Google Ads'),
    );
    passes(
      cv('Medikamentengabe und Überwachung der Vitalparameter', 'SEO'),
      cv('Medikamentengabe, Monitoring der Vitalparameter', 'SEO'),
    );
    passes(
      cv("Gestion des réseaux sociaux (Instagram) et des campagnes d'influence", 'SEO'),
      cv("Animation des réseaux sociaux (Instagram) et conduite des campagnes d'influence", 'SEO'),
    );
    fails(
      cv('Triage and care for 20 patients per 12-hour shift', 'SEO'),
      cv('Triage and care for 20 patients per 12-hour shift; HR liaison', 'SEO'),
    );
  });
});

describe('what real CVs of many layouts showed', () => {
  const passes = (from: string, to: string) => {
    const r = checkFacts(from, to);
    assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };
  const fails = (from: string, to: string) => assert.equal(checkFacts(from, to).passed, false, to);

  it('a thousands group split from its number by a list: "$38, 000"', () => {
    const v = (text: string) => findNumbers(text).map((n) => [n.kind, n.value]);
    assert.deepEqual(v('saving $38, 000 in the first year'), [['money', 38000]]);
    assert.deepEqual(v('migrated 9, 000 patient records'), [['number', 9000]]);
    const cv = (bullet: string) =>
      `Jordan Reyes\n\nEXPERIENCE\nOffice Manager, Brightline Dental\n2019 – 2024\n- ${bullet}\n`;
    passes(
      cv('Renegotiated contracts, saving $38,000 in the first year'),
      cv('Renegotiated contracts, saving $38, 000 in the first year'),
    );
    fails(
      cv('Renegotiated contracts, saving $38,000 in the first year'),
      cv('Renegotiated contracts, saving $48, 000 in the first year'),
    );
  });

  it('a length written beside the dates of a job, in a line merged with others', () => {
    const from =
      'Ana Gil\n\nEXPERIENCIA\nJefe de cocina | Arrocería La Marítima S.L.\ndesde junio 2019 hasta la actualidad (5 años y 6 meses)\nCategoría | Turismo y restauración – Cocina\nNivel | Mando intermedio\nPersonas a cargo | 6 - 10\n';
    const to = (length: string) =>
      `Ana Gil\n\nEXPERIENCIA\nJefe de cocina | Arrocería La Marítima S.L.\n06/2019 – actualidad\nhasta la actualidad ${length} Categoría | Turismo y restauración – Cocina Nivel | Mando intermedio Personas a cargo | 6 - 10\n`;
    passes(from, to('cinco años y seis meses'));
    fails(from, to('seis años y seis meses'));
  });

  it("a title the lexicon does not know is the reader's position, held to its own job", () => {
    const cv = (older: string) =>
      `Ruth Lane\n\nEXPERIENCE\n2019 – now | West Riding Heritage Trust | Senior Archivist\n- Led the trust's archive team\n2015–2019 | Northgate University | ${older}\n- Ran the records programme\n`;
    passes(cv('Records Manager'), cv('Records Manager'));
    fails(cv('Records Manager'), cv('Senior Archivist'));
    // Its initials, which the CV writes elsewhere, are still its own title.
    const fd = (title: string) => cv(title).replace('archive team', 'archive team, named FD of the Year');
    passes(fd('Finance Director'), fd('FD'));
  });

  it("a title a job's bullet mentions is not that job's title", () => {
    const cv = (title: string) =>
      `Sam Ortiz\n\nEXPERIENCE\nSous Chef — Harbor & Vine\n06/2021 – Present\n- Run the line six nights a week\n${title} — Atlantic House Hotel\n03/2018 – 05/2021\n- Covered the sous chef on days off\n`;
    passes(cv('Chef de Partie'), cv('Chef de Partie'));
    fails(cv('Chef de Partie'), cv('Sous Chef'));
  });

  it('the words of a degree written before a school are no part of its name', () => {
    const from =
      'Lee Park\n\nEDUCATION\nUniversity of Colorado Boulder - Leeds School of Business\nMaster of Business Administration - MBA, Operations · (2017 - 2019)\n';
    passes(
      from,
      'Lee Park\n\nEDUCATION\n### Master of Business Administration Leeds School of Business | University of Colorado Boulder\n2017 – 2019\n',
    );
    fails(
      from,
      'Lee Park\n\nEDUCATION\n### Master of Business Administration Daniels School of Business | University of Colorado Boulder\n2017 – 2019\n',
    );
  });
});

describe('bold rewrites of an editor or a language model', () => {
  const passes = (from: string, to: string, options = {}) => {
    const r = checkFacts(from, to, options);
    assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };
  const fails = (from: string, to: string) => assert.equal(checkFacts(from, to).passed, false, to);

  it('the label of a number goes with it: "n.º 31245"', () => {
    const from = loadCase('civil-engineer-es').cvText;
    const line = 'Colegiada en el Colegio de Ingenieros de Caminos, Canales y Puertos, n.º 31245';
    assert.ok(from.includes(line));
    passes(
      from,
      from.replace(line, 'Colegiada n.º 31245 en el Colegio de Ingenieros de Caminos, Canales y Puertos'),
    );
    fails(from, from.replace(line, 'Colegiada n.º 31245 en el Colegio de Arquitectos de Sevilla'));
  });

  it('a certificate with its marking words added or moved, its abbreviations spelled out', () => {
    const cv = (line: string) => `Anna Schmidt\n\nWEITERBILDUNGEN\n${line}\n`;
    const from = cv('BLS und ACLS Zertifikat, 2022\nPIX (compétences numériques), 2022');
    passes(
      from,
      cv(
        'Zertifikat Basic Life Support und Advanced Cardiac Life Support, 2022\nPIX, certification des compétences numériques, 2022',
      ),
    );
    fails(from, cv('Zertifikat Pediatric Advanced Life Support, 2022\nPIX (compétences numériques), 2022'));
    fails(from, cv('BLS und ACLS Zertifikat, 2022\nPIX, certification des compétences linguistiques, 2022'));
    // A licence named by the initials of the registration the source states.
    const lic = (line: string) => `Grace Okafor\n\nLICENSES & CERTIFICATIONS\n${line}\n`;
    const licence = lic('Registered Nurse, Texas Board of Nursing, License No. 812345');
    passes(licence, lic('RN License No. 812345, Texas Board of Nursing'));
    fails(licence, lic('NP License No. 812345, Texas Board of Nursing'));
  });

  it('a skill the source names is not made a certificate by a marking word', () => {
    const cv = (line: string) =>
      `Camille Durand\n\nCOMPÉTENCES\nGoogle Ads, SEO\n\nCERTIFICATIONS\n${line}\n`;
    fails(cv('PIX, 2022'), cv('PIX, 2022\nCertification Google Ads, 2022'));
  });

  it('a word that labels a grade, translated: "CFA nivel II" for "CFA Level II"', () => {
    const cv = (line: string) => `Javier Morales\n\nCERTIFICACIONES\n${line}\n`;
    passes(cv('CFA Level II (2020)'), cv('CFA nivel II, 2020'));
    fails(cv('CFA Level II (2020)'), cv('CFA nivel III, 2020'));
  });

  it('German nouns after a cued name are no part of it', () => {
    const from = loadCase('logistics-de').cvText;
    const line = 'Speditionskaufmann mit 6 Jahren Erfahrung in Disposition und Lagerlogistik.';
    assert.ok(from.includes(line));
    passes(
      from,
      from.replace(
        line,
        'Kaufmann für Spedition und Logistikdienstleistung mit sechs Jahren Berufserfahrung in Disposition und Lagerlogistik.',
      ),
    );
    fails(
      from,
      from.replace(line, 'Speditionskaufmann mit 6 Jahren Erfahrung bei Kühne Nagel in Disposition.'),
    );
  });

  it('the open end of a range the date reader leaves: "April 2021 to date"', () => {
    const cv = (entry: string) =>
      `Oliver Grant\n\nEXPERIENCE\n${entry}\n- Prepare the monthly management accounts\n`;
    passes(
      cv('Management Accountant, Harrowfield Foods Ltd, Leeds, Apr 2021 – Present'),
      cv('Management Accountant, Harrowfield Foods Ltd (Leeds) — April 2021 to date'),
    );
  });

  it('a seat on a board is no membership', () => {
    const from = loadCase('cfo-en').cvText;
    const line =
      'Chief financial officer with 22 years in finance, the last 9 on the board of private equity backed and listed companies. Led 2 exits, a London listing and 6 acquisitions.';
    assert.ok(from.includes(line));
    passes(
      from,
      from.replace(
        line,
        'Board-level CFO with twenty-two years in finance, nine of them as a board member of private-equity-backed and publicly listed companies. Track record: two exits, one London flotation and six acquisitions.',
      ),
    );
    fails(
      from,
      from.replace(
        'Member of the Association of Corporate Treasurers',
        'Member of the Chartered Institute of Taxation',
      ),
    );
  });

  it('one percent sign for both ends of a span: "from 52 to 71 percent"', () => {
    const v = (text: string) => findNumbers(text).map((n) => [n.kind, n.value]);
    assert.deepEqual(v('from 52 to 71 percent'), [
      ['percentage', 52],
      ['percentage', 71],
    ]);
    assert.deepEqual(v('von 14 auf 8 %'), [
      ['percentage', 14],
      ['percentage', 8],
    ]);
    assert.deepEqual(v('from 8 to 5 working days, 20%'), [
      ['number', 8],
      ['number', 5],
      ['percentage', 20],
    ]);
    const cv = (bullet: string) =>
      `Lukas Novak\n\nEXPERIENCE\nProduct Designer, Finlo\n2021 – 2024\n- ${bullet}\n`;
    passes(
      cv('Led the redesign of the onboarding flow; completion rate rose from 52% to 71%'),
      cv('Redesigned the onboarding flow, lifting the completion rate from 52 to 71 percent'),
    );
    fails(
      cv('Led the redesign of the onboarding flow; completion rate rose from 52% to 71%'),
      cv('Redesigned the onboarding flow, lifting the completion rate from 52 to 81 percent'),
    );
  });

  it('another form of a word the source writes in the same phrase is no skill: "month-end closing"', () => {
    const cv = (profile: string) => `Oliver Grant\n\nPROFILE\n${profile}\n`;
    passes(
      cv('Comfortable with month-end close, budgeting and variance analysis.'),
      cv('Hands-on with month-end closing, budgeting and variance analysis.'),
    );
    fails(
      cv('Comfortable with month-end close, budgeting and variance analysis.'),
      cv('Hands-on with month-end close, deal closing and variance analysis.'),
    );
  });

  it('a number matched to its line by its value, however written: "€9M", "€9 million"', () => {
    const cv = (bullets: string) =>
      `Tom Becker\n\nEXPERIENCE\nOperations Manager, Northsea B.V.\n2019 – 2024\n${bullets}\n`;
    const from = cv(
      '- Run a 40,000 m² distribution centre with 120 staff across three shifts\n- Responsible for the annual site budget of €9M',
    );
    passes(
      from,
      cv(
        '- Manage a 40,000-square-metre distribution centre: 120 staff across three shifts, owning the €9 million annual site budget',
      ),
    );
    fails(
      from,
      cv(
        '- Manage a 40,000-square-metre distribution centre: 120 staff across three shifts, owning the €12 million annual site budget',
      ),
    );
  });

  it('Amazon services spelled out are the cloud the source names', () => {
    const cv = (bullet: string) =>
      `Daniel Kim\n\nEXPERIENCE\nDevOps Engineer, Lumenpay Ltd\n2021 – 2024\n- ${bullet}\n`;
    passes(
      cv('Run 60 microservices on Kubernetes (EKS) across 3 AWS regions'),
      cv('Operate sixty microservices on Amazon Elastic Kubernetes Service across three AWS regions'),
    );
  });
});

describe('more of what bold rewrites write', () => {
  const passes = (from: string, to: string) => {
    const r = checkFacts(from, to);
    assert.equal(r.passed, true, `${to}: ${JSON.stringify([r.invented, r.changed])}`);
  };
  const fails = (from: string, to: string) => assert.equal(checkFacts(from, to).passed, false, to);
  const job = (bullet: string) =>
    `Oliver Grant\n\nEXPERIENCE\nManagement Accountant, Harrowfield Foods Ltd\n2021 – 2024\n- ${bullet}\n`;

  it('the digits of a code are no count: "A-49", "HX-2"', () => {
    const v = (text: string) => findNumbers(text).map((n) => n.value);
    assert.deepEqual(v('la autovía A-49 (12 km)'), [12]);
    assert.deepEqual(v('the HX-two pack'), []);
    assert.deepEqual(v('a five-person team'), [5]);
  });

  it('German thousands before the currency: "450 T€"', () => {
    assert.deepEqual(
      findNumbers('bei 450 T€ Budget').map((n) => [n.kind, n.value]),
      [['money', 450000]],
    );
  });

  it('a Master of Arts with its subject is an MA', () => {
    const cv = (line: string) => `Sabine Krüger\n\nAUSBILDUNG\n${line}\n`;
    passes(
      cv('Master of Arts Personalmanagement, Universität Augsburg, 2007 – 2009'),
      cv('Master of Arts (M.A.) Personalmanagement, Universität Augsburg, 2007 – 2009'),
    );
    fails(
      cv('Master of Arts Personalmanagement, Universität Augsburg, 2007 – 2009'),
      cv('Master of Science (M.Sc.) Personalmanagement, Universität Augsburg, 2007 – 2009'),
    );
  });

  it('a capitalized list item in another form of the words the source writes', () => {
    const cv = (skills: string) =>
      `Oliver Grant\n\nEXPERIENCE\nManagement Accountant, Harrowfield Foods Ltd\n2021 – 2024\n- Build the annual budget and the quarterly reforecast\n\nSKILLS\n${skills}\n`;
    passes(cv('Budgeting, Excel'), cv('Planning: Budgeting, Quarterly Reforecasting, Excel'));
    fails(cv('Budgeting, Excel'), cv('Planning: Budgeting, Anaplan Forecasting, Excel'));
  });

  it('the difference of two numbers both lines write', () => {
    const from = job('Cut the month-end close from 8 to 5 working days by automating journals');
    passes(
      from,
      job('Cut month-end close by three working days (from eight to five) by automating journals'),
    );
    fails(from, job('Cut month-end close by four working days (from eight to five) by automating journals'));
    const team = job('Built the growth team from 4 to 11 people');
    passes(team, job('Grew the growth team from four to eleven people'));
    fails(team, job('Built the growth team from 7 to 11 people'));
  });

  it('"Sr." and "Jr." for the words of a title', () => {
    const cv = (title: string) =>
      `Lukas Novak\n\nEXPERIENCE\n${title}, Finlo s.r.o.\n01/2021 - Present\n- Led the redesign\n`;
    passes(cv('Senior Product Designer'), cv('Sr. Product Designer'));
    passes(cv('Junior UI Designer'), cv('Jr. UI Designer'));
    fails(cv('Senior Product Designer'), cv('Sr. Product Manager'));
  });

  it('"net" is a word, ".NET" the framework', () => {
    const cv = (bullet: string) =>
      `Marcus White\n\nEXPERIENCE\nAccount Executive, CloudLedger Inc.\n2020 – 2024\n- ${bullet}\n\nSKILLS\nSalesforce, C#\n`;
    passes(cv('Closed $2.4M in new ARR in 2023'), cv('Closed $2.4M in net-new ARR in 2023'));
    fails(
      cv('Closed $2.4M in new ARR in 2023'),
      cv('Closed $2.4M in new ARR in 2023 with a .NET integration'),
    );
  });

  it('a generic "Bachelor\'s degree" for the BSc of the source', () => {
    const cv = (line: string) => `Daniel Kim\n\nEDUCATION\n${line}\n`;
    const from = cv('BSc Computer Science, University College Cork, 2014 – 2018');
    passes(from, cv("Bachelor's degree in Computer Science, UCC, 2014 – 2018"));
    fails(from, cv("Master's degree in Computer Science, UCC, 2014 – 2018"));
  });

  it('the length of a job beside its dates: "(1 yr 8 mos)"', () => {
    assert.deepEqual(
      findNumbers('Jun 2019 – Jan 2021 (1 yr 8 mos)').map((n) => n.months),
      [undefined, undefined, 20],
    );
    const cv = (dates: string) =>
      `Daniel Kim\n\nEXPERIENCE\nSystems Engineer — Greenfield Hosting, Cork\n${dates}\n- Maintained 200 Linux servers\n`;
    passes(cv('06/2019 – 01/2021'), cv('Jun 2019 – Jan 2021 (1 yr 8 mos)'));
    fails(cv('06/2019 – 01/2021'), cv('Jun 2019 – Jan 2021 (2 yrs 8 mos)'));
  });

  it('the initials of the target position in a headline: "SRE"', () => {
    const from = loadCase('devops-en').cvText;
    const options = { targetPosition: 'Site Reliability Engineer' };
    const check = (to: string) => checkFacts(from, to, options).passed;
    assert.ok(check(from.replace('DevOps engineer with 5 years', 'SRE-minded DevOps engineer with 5 years')));
    assert.ok(!check(from.replace('across 3 AWS regions', 'across 3 AWS regions as SRE')));
  });

  it('one of a thing the source names with an article: "1 London IPO"', () => {
    const from = loadCase('cfo-en').cvText;
    const line =
      'Chief financial officer with 22 years in finance, the last 9 on the board of private equity backed and listed companies. Led 2 exits, a London listing and 6 acquisitions.';
    const to = (phrase: string) =>
      from.replace(
        line,
        `Board-level finance leader with 22 years' experience, including 9 years on the boards of private-equity-backed and listed businesses. Delivered 2 exits, ${phrase} and 6 acquisitions.`,
      );
    passes(from, to('1 London IPO'));
    fails(from, to('3 London IPOs'));
  });

  it('a quality is no fact: "cross-functional", "mentored"; a tool still is', () => {
    const from = loadCase('data-twocolumn-en').cvText;
    const line = '• Designed 25 A/B tests a year with the growth team; one pricing';
    assert.ok(from.includes(line));
    passes(
      from,
      from.replace(
        line,
        '• Designed 25 A/B tests a year in cross-functional collaboration with the growth team; one pricing',
      ),
    );
    passes(
      from,
      from.replace('• Mentored 2 junior analysts', '• Coached and mentored 2 junior analysts as team lead'),
    );
    fails(from, from.replace('• Mentored 2 junior analysts', '• Mentored 2 junior analysts in Snowflake'));
  });

  it('"C-level" names no C', () => {
    const from = loadCase('sales-en').cvText;
    const line = '* Ran product demos and negotiated multi-year contracts with CFOs and procurement teams';
    passes(
      from,
      from.replace(
        line,
        '* Ran product demos and negotiated multi-year contracts with C-level buyers and procurement teams',
      ),
    );
    fails(
      from,
      from.replace(
        line,
        '* Ran product demos in C and negotiated multi-year contracts with CFOs and procurement teams',
      ),
    );
  });

  it('a method named by the words of the line it rewords: "pipeline management"', () => {
    const from = loadCase('sales-en').cvText;
    const line =
      '* Managed a pipeline of 45 enterprise accounts in manufacturing and logistics using Salesforce';
    passes(
      from,
      from.replace(
        line,
        '* Owned pipeline management for 45 enterprise accounts (manufacturing, logistics) in Salesforce CRM',
      ),
    );
    fails(
      from,
      from.replace(
        line,
        '* Owned pipeline management for 45 enterprise accounts (manufacturing, logistics) in Salesforce CPQ',
      ),
    );
  });

  it('"Cambridge University" for "University of Cambridge"', () => {
    const from = loadCase('researcher-en').cvText;
    const line = 'MSc Chemistry, University of Manchester, 2011 – 2012';
    passes(from, from.replace(line, 'MSc in Chemistry, Manchester University, 2011 – 2012'));
    fails(from, from.replace(line, 'MSc in Chemistry, Leeds University, 2011 – 2012'));
  });

  it('a floor the source clears, or a round figure near it: "over 1,000", "roughly 3,000"', () => {
    const from = loadCase('cfo-en').cvText;
    const line =
      '- Member of the board of a listed engineering group with revenue of £640M and 3,200 employees';
    const to = (text: string) =>
      from.replace(line, `- Sit on the board of a listed engineering group with ${text}`);
    passes(from, to('revenue of over £600M and more than 3,000 employees'));
    passes(from, to('revenue of around £650M and 3,200+ employees'));
    fails(from, to('revenue of over £700M and 3,200 employees'));
    fails(from, to('revenue of £640M and more than 6,000 employees'));
    fails(from, to('revenue of around £800M and 3,200 employees'));
  });

  it('two roles at one employer merged under one span, each title with its dates', () => {
    const from = loadCase('cfo-en').cvText;
    const merged = (span: string, controller: string) =>
      from
        .replace(
          'Finance Director | Castlegate Holdings Ltd | Coventry | 2014 – 2018\n',
          `Castlegate Holdings Ltd, Coventry (${span})\nFinance Director (2014–2018) · Financial Controller (${controller})\n`,
        )
        .replace('\nFinancial Controller | Castlegate Holdings Ltd | Coventry | 2010 – 2014', '');
    passes(from, merged('2010–2018', '2010–2014'));
    fails(from, merged('2009–2018', '2010–2014'));
    fails(from, merged('2010–2018', '2014–2018'));
    // Not over two employers: the end of one job moved to the end of the next is a change.
    fails(
      from,
      from.replace(
        'Audit Manager | PwC | Birmingham | 2002 – 2010',
        'Audit Manager | PwC | Birmingham | 2002 – 2014',
      ),
    );
  });

  it('a text restated as it is: a legal form "S.A.S.", a name written "Plus+"', () => {
    const cv = [
      'Léa Martin',
      '',
      'EXPÉRIENCE',
      'Responsable de magasin',
      'Maison Leroux & Fils S.A.S. – Lyon 2e',
      '2019 – 2024',
      '- Production de séries pour des plateformes (Movistar Plus+, Filmin)',
      '',
    ].join('\n');
    passes(
      cv,
      cv.replace(
        'Responsable de magasin\nMaison Leroux & Fils S.A.S. – Lyon 2e',
        '### Responsable de magasin — Maison Leroux & Fils S.A.S., Lyon 2e',
      ),
    );
    fails(cv, cv.replace('Maison Leroux & Fils S.A.S.', 'Maison Dupont & Fils S.A.S.'));
  });

  it('the thing a German compound is a kind of: "Dokumentation" for "Pflegedokumentation"', () => {
    const from = loadCase('nursing-de').cvText;
    const line = '- Zuständig für die Pflegedokumentation';
    passes(from, from.replace(line, '- Zuständig für Dokumentation und Qualitätssicherung in der Pflege'));
    fails(from, from.replace(line, '- Zuständig für die Pflegedokumentation in Jira'));
  });

  it('a title a narrow column wraps over two lines', () => {
    const cv = (title: string) =>
      `Anne Le Gall\n\nEXPÉRIENCE\n${title}\n2019 – 2024\n- Conseil aux exploitants\n`;
    const from = cv('Chambre d’agriculture de Bretagne – Conseillère agronomie et\nenvironnement');
    passes(from, cv('### Conseillère agronomie et environnement — Chambre d’agriculture de Bretagne'));
    fails(from, cv('### Conseillère agronomie et climat — Chambre d’agriculture de Bretagne'));
  });

  it('a skill read across a phrase the source writes: "user account management"', () => {
    const from = loadCase('devops-en').cvText;
    const line = '- Handled tickets for backups, DNS and user accounts';
    passes(from, from.replace(line, '- Resolved tickets covering backups, DNS and user account management'));
    fails(from, from.replace(line, '- Resolved tickets covering backups, DNS and key account management'));
  });

  it('a name a date column interrupts is still one name', () => {
    const cv = (entry: string) =>
      `Raúl Gil\n\nEXPERIENCIA\n${entry}\n- Coordinación de 12 operarios por turno\n`;
    const from = cv(
      'Supervisor de turno, Distribuciones Aragón sep. 2013 – feb. 2016 Hispania S.A., Zaragoza.',
    );
    passes(
      from,
      cv('### Supervisor de turno — Distribuciones Aragón Hispania S.A., Zaragoza\nsep. 2013 – feb. 2016'),
    );
    fails(
      from,
      cv('### Supervisor de turno — Distribuciones Ebro Hispania S.A., Zaragoza\nsep. 2013 – feb. 2016'),
    );
  });

  it('the word that opens a date, left behind by a comma, names nothing', () => {
    const cv = (line: string) => `Oliver Grant\n\nPROFESSIONAL MEMBERSHIPS\n${line}\n`;
    passes(
      cv('Member, Association of Chartered Certified Accountants (ACCA), since 2021'),
      cv('- Member – Association of Chartered Certified Accountants (ACCA) – since, 2021'),
    );
  });

  it('the role sought and its field in a headline are aspired to, a skill used in it is claimed', () => {
    const cv = (headline: string) =>
      `Priya Raman\n${headline}\n\nEXPERIENCE\nData Scientist, Monzo\n2020 – 2024\n- Built churn models in Python\n`;
    passes(cv('Data Scientist'), cv('Data Scientist | Seeking a senior role in e-commerce'));
    fails(cv('Data Scientist'), cv('Data Scientist | Seeking a senior role using my Kubernetes expertise'));
  });

  it('a long name glossed by the abbreviation the source writes: "… du second degré (CAPES)"', () => {
    const cv = (line: string) => `Claire Martin\n\nDIPLÔMES ET CERTIFICATIONS\n${line}\n`;
    passes(
      cv('CAPES de mathématiques, 2015'),
      cv(
        "- Certificat d'aptitude au professorat de l'enseignement du second degré (CAPES) de mathématiques, 2015",
      ),
    );
  });

  it('a count of the same thing inflected otherwise in a merged line: "400 Beschäftigte"', () => {
    const from = loadCase('hr-manager-de').cvText;
    const to = from
      .replace(
        '- Betreuung von 5 Filialen mit insgesamt 400 Beschäftigten',
        '- 5 Filialen, 400 Beschäftigte; 60 Stellenbesetzungen/Jahr, davon 15 Führungspositionen',
      )
      .replace('- Besetzung von 60 Stellen pro Jahr, davon 15 Führungspositionen\n', '');
    assert.notEqual(to, from);
    passes(from, to);
    fails(from, to.replace('400 Beschäftigte', '450 Beschäftigte'));
  });

  it('a value moved into a line of key facts keeps the word it stood beside', () => {
    const from = (extra: string) =>
      `Min-jun Park\n${extra}\n\nEXPERIENCE\nSRE, Finlo\n2019 – 2024\n- Ran the platform\n\nCERTIFICATIONS\nCKA, 2022\nAWS Certified SysOps Administrator, 2021\n`;
    passes(from(''), from('Key facts: AWS Certified SysOps Administrator (2021) · CKA (2022)'));
    fails(from(''), from('Key facts: AWS Certified SysOps Administrator (2021) · CKA (2020)'));
  });

  it('a thesis that mentions a university names no institution', () => {
    const cv = (line: string) =>
      `Sofia Rossi\n\nEDUCATION\nBSc Computer Science, Politecnico di Milano, 2023\n${line}\n`;
    passes(
      cv('- Thesis: a recommendation engine for a university library in Python'),
      cv('- Thesis: Python recommendation engine for a university library'),
    );
  });
});
