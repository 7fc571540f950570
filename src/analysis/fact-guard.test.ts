import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES_DIR, loadCase } from '../../test/helpers/analysis-fixtures.ts';
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

  it('catches a shifted date', () => {
    const r = guard(SOURCE.replace('March 2016', 'March 2015'));
    assert.deepEqual(
      r.changed.map((c) => [c.kind, c.from, c.to]),
      [['date_range', '2016-03 – 2019-12', '2015-03 – 2019-12']],
    );
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
