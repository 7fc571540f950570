import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCv } from './cv-structure.ts';
import { analyzeJob, type JobInput } from './job.ts';
import { experienceYears, MATCH_SCORE_VERSION, scoreMatch } from './match-score.ts';
import { loadCase, loadEvalCases } from './testing/fixtures.ts';

const REF = { referenceDate: '2025-06' };

const JOB: JobInput = {
  position: 'Backend Engineer',
  industry: 'Software',
  experience_level: '3-5',
  job_description: 'Requirements:\n- Python\n- PostgreSQL\n- Docker\nNice to have:\n- Kafka',
};

function cvWith(experience: string[], skills: string): string {
  return [
    'Alex Example',
    'Backend Engineer',
    'alex@example.com',
    '',
    'Experience',
    'Backend Engineer, Example Corp',
    'Jan 2019 – Dec 2023',
    ...experience.map((l) => `- ${l}`),
    '',
    'Skills',
    skills,
  ].join('\n');
}

describe('scoreMatch', () => {
  it('explains each requirement: status, section, evidence line and weight', () => {
    const { cvText, job } = loadCase('software-en');
    const result = scoreMatch(cvText, job, REF);
    assert.equal(result.version, MATCH_SCORE_VERSION);
    const node = result.requirements.find((r) => r.requirement === 'Node.js')!;
    assert.equal(node.status, 'covered');
    assert.equal(node.found_in[0], 'experience');
    assert.match(node.evidence[0]!.text, /Node\.js and TypeScript/);
    assert.equal(node.evidence[0]!.line, 12);
    const docker = result.requirements.find((r) => r.requirement === 'Docker')!;
    assert.equal(docker.status, 'weak');
    assert.deepEqual(docker.found_in, ['skills']);
    const kafka = result.requirements.find((r) => r.requirement.startsWith('Kafka'))!;
    assert.ok(node.weight > kafka.weight, 'a must-have weighs more than a nice-to-have');
    assert.ok(result.score > 0 && result.score <= 100);
  });

  it('counts evidence in experience more than a bare skills list', () => {
    const proven = scoreMatch(
      cvWith(['Built APIs in Python on PostgreSQL, shipped with Docker'], 'Kafka'),
      JOB,
      REF,
    );
    const listed = scoreMatch(cvWith(['Built internal APIs'], 'Python, PostgreSQL, Docker, Kafka'), JOB, REF);
    const absent = scoreMatch(cvWith(['Built internal APIs'], 'Java'), JOB, REF);
    assert.ok(proven.score > listed.score, `${proven.score} > ${listed.score}`);
    assert.ok(listed.score > absent.score, `${listed.score} > ${absent.score}`);
  });

  it('penalizes keyword stuffing', () => {
    const honest = scoreMatch(
      cvWith(['Built APIs in Python on PostgreSQL, shipped with Docker'], 'Kafka'),
      JOB,
      REF,
    );
    const stuffed = scoreMatch(
      cvWith(
        [
          'Built APIs in Python on PostgreSQL, shipped with Docker',
          'Python Python Python PostgreSQL Docker Kafka Python',
        ],
        'Python, Python, PostgreSQL, Docker, Kafka, Python, Python, Python, Python',
      ),
      JOB,
      REF,
    );
    assert.ok(stuffed.penalties.length > 0);
    assert.ok(stuffed.score < honest.score, `${stuffed.score} < ${honest.score}`);
  });

  it('reads years of experience from the work history, overlaps counted once', () => {
    const cv = parseCv(
      'Experience\nEngineer, A Corp\n2015 – 2019\n- x\nEngineer, B Corp\n2018 – 2020\n- y\nLead, C Corp\nJan 2021 – Present\n- z',
    );
    // Year-only dates count from mid-year: 2015-06..2020-06 and 2021-01..2025-01.
    assert.equal(experienceYears(cv, '2025-01'), 9.2);
    const six = analyzeJob({
      ...JOB,
      job_description: 'Requirements: 6+ years of experience in backend development',
    });
    assert.equal(
      scoreMatch(cv, six, { referenceDate: '2025-01' }).requirements.find((r) => r.kind === 'experience')
        ?.status,
      'covered',
    );
    assert.equal(
      scoreMatch(cv, six, { referenceDate: '2021-06' }).requirements.find((r) => r.kind === 'experience')
        ?.status,
      'weak',
    );
  });

  it('is deterministic on every fixture', () => {
    for (const c of loadEvalCases()) {
      const a = scoreMatch(c.cvText, c.job, REF);
      const b = scoreMatch(c.cvText, c.job, REF);
      assert.deepEqual(a, b, c.id);
    }
  });

  it('scores a well-matched CV above a mismatched one', () => {
    const nurse = loadCase('nursing-en');
    const dev = loadCase('software-en');
    assert.ok(
      scoreMatch(nurse.cvText, nurse.job, REF).score > scoreMatch(dev.cvText, nurse.job, REF).score + 30,
    );
    assert.ok(scoreMatch(dev.cvText, dev.job, REF).score > scoreMatch(nurse.cvText, dev.job, REF).score + 30);
  });
});
