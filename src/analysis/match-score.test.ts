import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCase, loadEvalCases, NURSE_CV, NURSE_JOB } from '../../test/helpers/analysis-fixtures.ts';
import { parseCv } from './cv-structure.ts';
import { analyzeJob, type JobInput } from './job.ts';
import { experienceYears, MATCH_SCORE_VERSION, scoreMatch } from './match-score.ts';

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

  it('gives full credit to proof that a skim also finds: in the skills list, the summary or a heading', () => {
    const bullet = 'Built APIs in Python on PostgreSQL, shipped with Docker';
    const python = (cv: string) =>
      scoreMatch(cv, JOB, REF).requirements.find((r) => r.requirement === 'Python')!;
    const buried = python(cvWith([bullet], 'Kafka'));
    assert.equal(buried.status, 'covered');
    assert.equal(buried.credit, 0.7);
    assert.match(buried.note, /only inside a role's or project's text/);
    assert.equal(python(cvWith([bullet], 'Python, PostgreSQL, Docker, Kafka')).credit, 1);
    assert.equal(
      python(
        cvWith([bullet], 'Kafka').replace(
          'alex@example.com',
          'alex@example.com\n\nSummary\nPython developer.',
        ),
      ).credit,
      1,
    );
    assert.equal(
      python(cvWith([bullet], 'Kafka').replace('Backend Engineer, Example', 'Python Developer, Example'))
        .credit,
      1,
    );
    // A line written for a parser, repeating a term, makes nothing visible.
    assert.equal(python(cvWith([bullet], 'Python, Python, Python, Kafka')).credit, 0.7);

    const score = (experience: string, skills: string) =>
      scoreMatch(cvWith([experience], skills), JOB, REF).score;
    const seen = score(bullet, 'Python, PostgreSQL, Docker, Kafka');
    const hidden = score(bullet, 'Kafka');
    const listedOnly = score('Built internal APIs', 'Python, PostgreSQL, Docker, Kafka');
    assert.ok(seen > hidden && hidden > listedOnly, `${seen} > ${hidden} > ${listedOnly}`);
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

  it('scores free-text requirements by their key words in one CV line', () => {
    const result = scoreMatch(NURSE_CV, NURSE_JOB, REF);
    const by = new Map(result.requirements.map((r) => [r.requirement, r]));
    const nmc = by.get('NMC registration')!;
    assert.equal(nmc.status, 'missing');
    assert.equal(nmc.weight, 3);
    const cardio = by.get('Cardiology or coronary care')!;
    assert.equal(cardio.status, 'covered');
    assert.equal(
      cardio.evidence[0]!.text,
      '- Delivered care on a 28-bed cardiology ward, including telemetry monitoring',
    );
    assert.equal(cardio.evidence[0]!.line, 5);
    // BLS is not ALS, and "certification" alone proves nothing.
    assert.equal(by.get('ALS certification')!.status, 'missing');
    const iv = by.get('IV therapy')!;
    assert.equal(iv.status, 'weak');
    assert.deepEqual(iv.found_in, ['skills']);
    assert.equal(by.get('Electronic health records')!.status, 'covered');
    assert.ok(cardio.weight > by.get('Mentoring')!.weight, 'a must-have weighs more than a nice-to-have');
  });

  it('finds a licence anywhere in the CV, and a named field only where it was used', () => {
    const licensed = NURSE_CV.replace(
      'Registered Nurse | Leeds',
      'Registered Nurse | Leeds | NMC PIN 12A3456E',
    ).replace('wound care, BLS', 'wound care, BLS, ALS (Resuscitation Council UK)');
    const by = new Map(scoreMatch(licensed, NURSE_JOB, REF).requirements.map((r) => [r.requirement, r]));
    assert.equal(by.get('NMC registration')!.status, 'covered');
    assert.equal(by.get('ALS certification')!.status, 'covered');
    assert.deepEqual(by.get('ALS certification')!.found_in, ['skills']);
    // The German word "als" is not the ALS certificate.
    const german = scoreMatch(
      NURSE_CV.replace('wound care, BLS', 'wound care, BLS, tätig als Praxisanleiterin'),
      NURSE_JOB,
      REF,
    );
    assert.equal(german.requirements.find((r) => r.requirement === 'ALS certification')!.status, 'missing');
    // Only listed in skills, a field of work is weak; only part of a phrase is weak too.
    const listed = scoreMatch(
      NURSE_CV.replace('28-bed cardiology ward', '28-bed medical ward').replace('wound care', 'cardiology'),
      NURSE_JOB,
      REF,
    );
    const cardio = listed.requirements.find((r) => r.requirement === 'Cardiology or coronary care')!;
    assert.equal(cardio.status, 'weak');
    assert.deepEqual(cardio.found_in, ['skills']);
    const sales = analyzeJob({
      position: 'Account Executive',
      industry: 'Logistics',
      experience_level: '3-5',
      job_description: 'Requirements:\n- Experience selling to enterprise customers',
    });
    const part = scoreMatch(cvWith(['Sold to enterprise customers in the Nordics'], 'Excel'), sales, REF);
    assert.equal(part.requirements.find((r) => r.id.startsWith('text:'))!.status, 'weak');
    const none = scoreMatch(cvWith(['Built internal APIs'], 'Excel'), sales, REF);
    assert.equal(none.requirements.find((r) => r.id.startsWith('text:'))!.status, 'missing');
  });

  it('is deterministic on every fixture', () => {
    for (const c of loadEvalCases()) {
      const a = scoreMatch(c.cvText, c.job, REF);
      const b = scoreMatch(c.cvText, c.job, REF);
      assert.deepEqual(a, b, c.id);
    }
  });

  it('ranks each fixture CV highest against its own job', () => {
    const cases = loadEvalCases();
    const jobs = cases.map((c) => analyzeJob(c.job));
    for (const [i, c] of cases.entries()) {
      const scores = jobs.map((j) => scoreMatch(c.cvText, j, REF).score);
      const others = Math.max(...scores.filter((_, k) => k !== i));
      assert.ok(scores[i]! > others, `${c.id}: ${scores.join(' ')}`);
      assert.ok(scores.every((s) => s >= 0 && s <= 100));
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
