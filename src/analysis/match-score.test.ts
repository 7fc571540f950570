import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  FIXTURES_DIR,
  loadCase,
  loadEvalCases,
  NURSE_CV,
  NURSE_JOB,
} from '../../test/helpers/analysis-fixtures.ts';
import { parseCv } from './cv-structure.ts';
import { analyzeJob, type JobInput } from './job.ts';
import { experienceYears, MATCH_SCORE_VERSION, scoreMatch } from './match-score.ts';
import { skillFamilies, VOCABULARY } from './vocabulary.ts';

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
      'Experience\nBackend Engineer, A Corp\n2015 – 2019\n- x\nEngineer, B Corp\n2018 – 2020\n- y\nLead, C Corp\nJan 2021 – Present\n- z',
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
    // Years asked in a field the CV shows nothing of count for little.
    const nursing = analyzeJob({
      ...JOB,
      job_description: 'Requirements: 6+ years of experience in intensive care nursing',
    });
    const outside = scoreMatch(cv, nursing, { referenceDate: '2025-01' }).requirements.find(
      (r) => r.kind === 'experience',
    );
    assert.equal(outside?.status, 'weak');
    assert.equal(outside?.credit, 0.25);
    assert.match(
      outside?.note ?? '',
      /adds up to 9\.2 years; the job asks for 6\. None of it shows the field/,
    );
  });

  it('counts "Present" to the current month when no reference date is given', () => {
    const cv = cvWith(['Built APIs'], 'Python').replace('Jan 2019 – Dec 2023', 'Jan 2014 – Present');
    const ten = analyzeJob({
      ...JOB,
      job_description: 'Requirements: 10+ years of experience in backend development',
    });
    // The CV prints no date after January 2014: counted to that date, it shows one month.
    const result = scoreMatch(cv, ten);
    assert.ok(result.candidate_years >= 10.9, String(result.candidate_years));
    assert.equal(result.requirements.find((r) => r.kind === 'experience')?.status, 'covered');
    assert.equal(scoreMatch(cv, ten, { referenceDate: '2019-01' }).candidate_years, 5.1);
  });

  it('matches a requirement in other word forms: verb and noun, English, German and Spanish', () => {
    const req = (description: string) =>
      analyzeJob({
        position: 'Engineer',
        industry: 'Other',
        experience_level: '3-5',
        job_description: description,
      });
    const statusOf = (cv: string, description: string, label: string) =>
      scoreMatch(cv, req(description), REF).requirements.find((r) => r.requirement === label)?.status;
    assert.equal(
      statusOf(
        cvWith(['Managed a team of 6 field engineers'], 'Excel'),
        'Requirements:\n- Team management',
        'Team management',
      ),
      'covered',
    );
    assert.equal(
      statusOf(
        cvWith(['Geleitet: Umbau der Fertigungsplanung im Werk Ulm'], 'Excel'),
        'Anforderungen:\n- Leitung der Fertigungsplanung',
        'Leitung der Fertigungsplanung',
      ),
      'covered',
    );
    assert.equal(
      statusOf(
        cvWith(['He gestionado proyectos de obra civil en Valencia'], 'Excel'),
        'Requisitos:\n- Gestión de proyectos de obra civil',
        'Project management',
      ),
      'covered',
    );
    // A vocabulary skill told with a verb: "Monitored" for "Monitoring", "managed stakeholders" for the phrase.
    assert.equal(
      statusOf(
        cvWith(['Monitored 40 services on call'], 'Excel'),
        'Requirements:\n- Monitoring',
        'Monitoring',
      ),
      'covered',
    );
    // One word of a different meaning is no proof: "accounts" is not "Accounting", "Led the IPO" is not leadership.
    assert.equal(
      statusOf(cvWith(['Managed 40 key accounts'], 'Excel'), 'Requirements:\n- Accounting', 'Accounting'),
      'missing',
    );
    assert.equal(
      statusOf(cvWith(['Led the IPO in 2021'], 'Excel'), 'Requirements:\n- Leadership', 'Leadership'),
      'missing',
    );
  });

  it('counts a kind of a skill as the skill: a product shows its family', () => {
    const product = VOCABULARY.find((e) => skillFamilies(e.id).length > 0 && !e.aliases[0]!.startsWith('!'));
    if (product === undefined) return;
    const family = VOCABULARY.find((e) => e.id === skillFamilies(product.id)[0])!;
    const job = analyzeJob({ ...JOB, job_description: `Requirements:\n- ${family.name}` });
    const cv = cvWith([`Rolled out ${product.aliases[0]} for 3 teams`], 'Excel');
    const found = scoreMatch(cv, job, REF).requirements.find((r) => r.id === `skill:${family.id}`);
    assert.equal(found?.status, 'covered', `${product.name} → ${family.name}`);
  });

  it("writes its notes in the job ad's language", () => {
    const cv = cvWith(['Built APIs in Python'], 'Docker');
    const de = analyzeJob({
      position: 'Backend-Entwickler',
      industry: 'Software',
      experience_level: '3-5',
      job_description:
        'Ihr Profil:\n- Mindestens 3 Jahre Berufserfahrung mit Python\n- Erfahrung mit Docker und Kubernetes',
    });
    assert.equal(de.language, 'de');
    const notes = new Map(scoreMatch(cv, de, REF).requirements.map((r) => [r.requirement, r.note]));
    assert.equal(notes.get('Kubernetes'), 'Kubernetes kommt im Lebenslauf nicht vor.');
    assert.equal(
      notes.get('Docker'),
      'Docker steht nur im Abschnitt Kenntnisse; keine Stelle und kein Projekt belegt es.',
    );
    assert.match(
      notes.get('3+ years of experience') ?? '',
      /^Der Werdegang ergibt 5 Jahre; die Stelle verlangt 3\.$/,
    );
    const fr = analyzeJob({
      ...JOB,
      job_description: 'Votre profil :\n- Maîtrise de Python et de Kafka pour nos équipes',
    });
    assert.equal(fr.language, 'fr');
    assert.equal(
      scoreMatch(cv, fr, REF).requirements.find((r) => r.requirement === 'Kafka')?.note,
      "Kafka n'apparaît pas dans le CV.",
    );
    const es = analyzeJob({
      ...JOB,
      job_description: 'Requisitos:\n- Experiencia con Python y con Kafka para los equipos',
    });
    assert.equal(
      scoreMatch(cv, es, REF).requirements.find((r) => r.requirement === 'Kafka')?.note,
      'Kafka no aparece en el CV.',
    );
    assert.equal(
      scoreMatch(cv, JOB, REF).requirements.find((r) => r.requirement === 'Kafka')?.note,
      'Kafka is not mentioned in the CV.',
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
    const part = scoreMatch(cvWith(['Sold to mid-market customers in the Nordics'], 'Excel'), sales, REF);
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
    // A CV the fixture marks as no strong match for its own job may rank anywhere among poor matches.
    const weakPair = (id: string) =>
      /^strong:\s*false\s*$/m.test(readFileSync(join(FIXTURES_DIR, `${id}.job.md`), 'utf8'));
    for (const [i, c] of cases.entries()) {
      if (weakPair(c.id)) continue;
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
