import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeCv, checkFacts, improveCvOffline, parseCv } from '../analysis/index.ts';
import { endsBeforeStart, isResumeDate, ResumeStructureInputSchema } from './structure.schemas.ts';
import {
  analysisStructureOf,
  correctedStructureOf,
  readStoredStructure,
  resumeFromCorrection,
  resumeFromReading,
  structureAsMarkdown,
} from './structure.ts';

const TEXT = [
  'Ann Example',
  'Backend Engineer · ann@example.com',
  '',
  'EXPERIENCE',
  'Backend Engineer, Acme GmbH, Jan 2019 – Present',
  '- Built payment APIs in TypeScript and PostgreSQL, cutting latency by 30%.',
  'Developer, Globex AG, 2015 – 2018',
  '- Maintained the billing system.',
  '',
  'SKILLS',
  'TypeScript, PostgreSQL, Docker',
  '',
  'AWARDS',
  'Employee of the year 2020',
].join('\n');

const JOB = {
  position: 'Backend Engineer',
  industry: 'Software',
  experience_level: '6+' as const,
  job_description: 'You need 8+ years of experience in backend work with TypeScript and Kubernetes.',
  location: null,
};

/**
 * TEXT as its owner corrected it: the second employer, a role and a skill added. Written out in full
 * (not derived from the parser's reading) so that these tests hold whatever the parser reads.
 */
function corrected() {
  return ResumeStructureInputSchema.parse({
    basics: { name: 'Ann Example', label: 'Backend Engineer', email: 'ann@example.com', line: 1 },
    work: [
      {
        name: 'Acme GmbH',
        position: 'Backend Engineer',
        startDate: '2019-01',
        highlights: ['Built payment APIs in TypeScript and PostgreSQL, cutting latency by 30%.'],
        line: 5,
      },
      {
        name: 'Initech GmbH',
        position: 'Developer',
        startDate: '2015',
        endDate: '2018',
        highlights: ['Maintained the billing system.'],
        line: 7,
      },
      { name: 'Hooli', position: 'Intern', startDate: '2014-02-10', endDate: '2014-08' },
    ],
    skills: [{ name: null, keywords: ['TypeScript', 'PostgreSQL', 'Docker', 'Kubernetes'], line: 11 }],
  });
}

describe('the reading as JSON Resume', () => {
  it('points every part at its line of the text and gives confidences per field and entry', () => {
    const out = resumeFromReading(parseCv(TEXT), TEXT);
    const lines = TEXT.split('\n');
    assert.equal(out.basics.name, 'Ann Example');
    assert.equal(out.basics.line, 1);
    assert.deepEqual(
      out.work.map((w) => [w.name, lines[(w.line ?? 0) - 1]]),
      [
        ['Acme GmbH', 'Backend Engineer, Acme GmbH, Jan 2019 – Present'],
        ['Globex AG', 'Developer, Globex AG, 2015 – 2018'],
      ],
    );
    assert.equal(out.skills[0]?.line, 11);
    for (const key of ['basics.name', 'work', 'work.0', 'work.1']) {
      const c = out.confidence[key];
      assert.ok(c !== undefined && c >= 0 && c <= 1, key);
    }
  });

  it('a correction is certain throughout', () => {
    const view = resumeFromCorrection(corrected());
    assert.equal(view.confidence['basics.name'], 1);
    assert.equal(view.confidence['work.2'], 1);
    assert.equal(view.work[2]?.startDate, '2014-02-10');
  });
});

describe('the correction as the analysis reads it', () => {
  it('writes entries out as lines, keeping the text line of what did not change', () => {
    const cv = analysisStructureOf(corrected(), parseCv(TEXT), TEXT);
    const experience = cv.meta.sections.find((s) => s.key === 'experience');
    assert.deepEqual(
      experience?.lines.map((l) => [l.n, l.text]),
      [
        [5, 'Backend Engineer | Acme GmbH | 2019-01 – Present'],
        [6, '- Built payment APIs in TypeScript and PostgreSQL, cutting latency by 30%.'],
        [7, 'Developer | Initech GmbH | 2015 – 2018'],
        [8, '- Maintained the billing system.'],
        [0, 'Intern | Hooli | 2014-02 – 2014-08'],
      ],
    );
    assert.deepEqual(
      cv.work.map((w) => [w.name, w.startDate, w.endDate, w.current, w.line]),
      [
        ['Acme GmbH', '2019-01', null, true, 5],
        ['Initech GmbH', '2015', '2018', false, 7],
        ['Hooli', '2014-02', '2014-08', false, 0],
      ],
    );
    // A section JSON Resume has no place for is kept as read, in its place.
    assert.deepEqual(
      cv.meta.sections.find((s) => s.key === 'awards')?.lines.map((l) => l.n),
      [14],
    );
    assert.deepEqual(cv.meta.sectionOrder, ['experience', 'skills', 'awards']);
    assert.equal(
      cv.meta.sections.find((s) => s.key === 'skills')?.heading,
      'SKILLS',
      'the CV’s own headings',
    );
  });

  it('is what analysis, improvement and fact guard hold the CV to', () => {
    const structure = corrected();
    const cv = analysisStructureOf(structure, parseCv(TEXT), TEXT);
    const analysis = analyzeCv({ cvText: TEXT, structure: cv, job: JOB, referenceDate: '2026-06' });
    const kubernetes = analysis.requirements.find((r) => r.requirement === 'Kubernetes');
    assert.equal(kubernetes?.status, 'weak', 'listed in the corrected skills');
    assert.equal(
      analyzeCv({ cvText: TEXT, job: JOB }).requirements.find((r) => r.requirement === 'Kubernetes')?.status,
      'missing',
    );

    const improved = improveCvOffline({
      cvText: TEXT,
      structure: cv,
      job: JOB,
      referenceDate: '2026-06',
    }).markdown;
    assert.match(improved, /Initech GmbH/);
    assert.doesNotMatch(improved, /Globex/);
    const asOf = { referenceDate: '2026-06' };
    assert.equal(
      checkFacts(cv, improved, asOf).passed,
      true,
      JSON.stringify(checkFacts(cv, improved, asOf).invented),
    );
    // The reading's employer is now the invented one.
    const old = checkFacts(cv, improved.replace('Initech GmbH', 'Globex AG'), asOf);
    assert.equal(old.passed, false);
  });

  it('comes from a stored value only when that value is still a valid structure', () => {
    assert.equal(correctedStructureOf(null, TEXT), undefined);
    assert.equal(readStoredStructure({ basics: 'nonsense' }), null);
    assert.equal(correctedStructureOf(corrected(), TEXT)?.work[1]?.name, 'Initech GmbH');
  });

  it('is written out as markdown for a model', () => {
    const md = structureAsMarkdown(analysisStructureOf(corrected(), parseCv(TEXT), TEXT));
    assert.match(md, /^# Ann Example\n/);
    assert.match(md, /\n## EXPERIENCE\n\nBackend Engineer \| Acme GmbH \| 2019-01 – Present\n/);
    assert.match(md, /\n## AWARDS\n\nEmployee of the year 2020\n/);
  });
});

describe('corrected structure input', () => {
  it('knows dates and their order at the precision written', () => {
    for (const ok of ['2021', '2021-03', '2024-02-29']) assert.ok(isResumeDate(ok), ok);
    for (const bad of ['2021-13', '2023-02-29', '21', 'March 2021', '1850', '2021-3']) {
      assert.ok(!isResumeDate(bad), bad);
    }
    assert.equal(endsBeforeStart('2021', '2021-03'), false);
    assert.equal(endsBeforeStart('2021-03', '2021'), false);
    assert.equal(endsBeforeStart('2021-03-02', '2021-03-01'), true);
    assert.equal(endsBeforeStart('2021', '2020-12'), true);
    assert.equal(endsBeforeStart('2021', null), false);
  });

  it('puts text on one line, keeps paragraphs in summaries, drops blanks and unknown keys', () => {
    const parsed = ResumeStructureInputSchema.parse({
      basics: { name: ' Ann\n\tExample ', summary: 'First  line\r\n\r\n\r\nSecond', email: '', x: 1 },
      work: [{ name: 'Acme', highlights: ['Did it', ' '], endDate: '' }],
      skills: [{ keywords: ['Go', ''] }],
      extra: true,
    });
    assert.equal(parsed.basics.name, 'Ann Example');
    assert.equal(parsed.basics.summary, 'First line\n\nSecond');
    assert.equal(parsed.basics.email, null);
    assert.deepEqual(parsed.work[0]?.highlights, ['Did it']);
    assert.equal(parsed.work[0]?.endDate, null);
    assert.deepEqual(parsed.skills[0]?.keywords, ['Go']);
    assert.deepEqual(parsed.education, []);
    assert.equal('extra' in parsed, false);
    assert.equal('x' in parsed.basics, false);
  });
});
