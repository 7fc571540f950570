import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { droppedItems } from '../../bench/analysis-eval.ts';
import { loadCase, loadEvalCases, NURSE_CV, NURSE_JOB } from '../../test/helpers/analysis-fixtures.ts';
import { parseCv } from './cv-structure.ts';
import { checkFacts } from './fact-guard.ts';
import { analyzeJob } from './job.ts';
import { scoreMatch } from './match-score.ts';
import { improveCvOffline, suggestionsFor } from './offline-improve.ts';

const REF = '2025-06';

function improve(id: string) {
  const c = loadCase(id);
  return { ...c, ...improveCvOffline({ cvText: c.cvText, job: c.job, referenceDate: REF }) };
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  assert.notEqual(start, -1, `no section ${heading}`);
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next === -1 ? undefined : next);
}

/** The bullets of the role whose heading starts with `title`, in the order printed. */
function bulletsOf(markdown: string, title: string): string[] {
  const start = markdown.indexOf(`### ${title}`);
  assert.notEqual(start, -1, `no entry ${title}`);
  const end = markdown.slice(start + 4).search(/\n#{2,3} /);
  const block = end === -1 ? markdown.slice(start) : markdown.slice(start, start + 4 + end);
  return block
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2));
}

describe('improveCvOffline', () => {
  it('invents nothing and drops nothing on any fixture', () => {
    const cases = loadEvalCases();
    assert.ok(cases.length >= 8);
    for (const c of cases) {
      const { markdown } = improveCvOffline({ cvText: c.cvText, job: c.job, referenceDate: REF });
      // As the report checks it: the target position named as what the person seeks is no claim.
      const r = checkFacts(c.cvText, markdown, { referenceDate: REF, targetPosition: c.job.position });
      assert.equal(r.passed, true, `${c.id}: ${JSON.stringify([r.invented, r.changed])}`);
      assert.deepEqual(droppedItems(parseCv(c.cvText), markdown), [], c.id);
    }
  });

  it('keeps personal details that are no contact detail, a job without dates, a grade and a level whole', () => {
    const cvText = [
      '# Javier Ortega',
      '',
      '## DATOS PERSONALES',
      'Email: javier@example.es',
      'Teléfono: +34 654 219 873',
      'Carné de conducir B y C, vehículo propio',
      '',
      '## EXPERIENCIA',
      'Oficial de 2.ª electricista',
      'Electro Delicias, S.L. – Zaragoza',
      '2012 – 2015',
      '- Instalaciones y reformas eléctricas en viviendas.',
      '',
      'Electricista en prácticas (FCT, 380 h)',
      'Montajes Eléctricos Aragón, S.L. – Utebo',
      '- Apoyo en el montaje de cuadros de automatización.',
      '',
      '## CERTIFICADOS',
      '- Título de técnico, nota final 8,5 (sobresaliente), 2012',
      '',
      '## IDIOMAS',
      'Inglés: básico (A2)',
      '',
      '## OTROS DATOS',
      'Disponibilidad inmediata y para trabajar a turnos.',
    ].join('\n');
    const job = {
      position: 'Electricista',
      industry: 'Industria',
      experience_level: '6+' as const,
      job_description: 'Buscamos electricista de mantenimiento.',
    };
    const { markdown } = improveCvOffline({ cvText, job, referenceDate: REF });
    assert.match(markdown, /^- Carné de conducir B y C, vehículo propio$/m);
    assert.match(markdown, /^- Disponibilidad inmediata y para trabajar a turnos\.$/m);
    assert.match(markdown, /nota final 8,5 \(sobresaliente\)/);
    assert.match(markdown, /Inglés \(básico \(A2\)\)/);
    assert.deepEqual(droppedItems(parseCv(cvText), markdown), []);
    const r = checkFacts(cvText, markdown, { referenceDate: REF, targetPosition: job.position });
    assert.equal(r.passed, true, JSON.stringify([r.invented, r.changed]));
  });

  it('reads a memberships section as memberships, kept as written, not as a job', () => {
    const cvText = [
      'Oliver Grant',
      '',
      'EXPERIENCE',
      'Accountant, Acme Ltd',
      '2019 – 2022',
      '- Prepared the monthly accounts',
      '',
      'PROFESSIONAL MEMBERSHIPS',
      'Member, Association of Chartered Certified Accountants (ACCA), since 2021',
    ].join('\n');
    const cv = parseCv(cvText);
    assert.equal(cv.work.length, 1);
    assert.deepEqual(
      cv.meta.sections.map((x) => x.key),
      ['header', 'experience', 'memberships'],
    );
    const job = {
      position: 'Accountant',
      industry: 'Finance',
      experience_level: '3-5' as const,
      job_description: 'Accountant',
    };
    const { markdown } = improveCvOffline({ cvText, job, referenceDate: REF });
    assert.match(
      markdown,
      /## Memberships\n\nMember, Association of Chartered Certified Accountants \(ACCA\), since 2021/,
    );
  });

  it('notices a dropped bullet or job', () => {
    const { cvText, markdown } = improve('software-en');
    const source = parseCv(cvText);
    assert.deepEqual(
      droppedItems(source, markdown.replace('- Duties included writing documentation\n', '')),
      ['bullet: Duties included writing documentation'],
    );
    const withoutJob = markdown.replace(/### Junior Developer[\s\S]*?(?=\n## )/, '');
    assert.ok(droppedItems(source, withoutJob).some((d) => d.startsWith('job: Junior Developer')));
  });

  it('returns the CV alone: advice and notes come apart from the markdown', () => {
    const { markdown, notes, suggestions } = improve('software-en');
    assert.match(markdown, /^# Jane Doe\n/);
    assert.doesNotMatch(markdown, /^>/m);
    assert.doesNotMatch(markdown, /language model|Suggestions|Hinweise/);
    assert.match(markdown, /jane\.doe@example\.com · \+49 151 2345 6789/);
    assert.deepEqual(suggestions[0], {
      quote: 'Responsible for the CI/CD pipelines on GitHub Actions',
      advice:
        'starts with "Responsible for", which describes a duty. Say what you did and what changed because of it: start with a verb such as built, led, improved or automated.',
    });
    assert.ok(
      suggestions.some(
        (s) =>
          s.quote === 'Maintained internal tools written in PHP and MySQL' &&
          /^shows no result/.test(s.advice),
      ),
    );
    assert.ok(
      suggestions.some((s) => s.quote === 'Docker, Terraform' && /only in your skills list/.test(s.advice)),
    );
    assert.ok(
      suggestions.some((s) => /Monitoring/.test(s.quote) && /Add one only if it is true/.test(s.advice)),
    );
    // The weak bullet stays as written; only the advice is about it.
    assert.match(markdown, /^- Responsible for the CI\/CD pipelines on GitHub Actions$/m);
    assert.ok(notes.some((n) => n.startsWith('Add only if true: ')));
    assert.ok(notes.some((n) => /no fact was added/.test(n)));
  });

  it('gives the suggestion builder to any CV, with or without a job', () => {
    const cv = parseCv(loadCase('nursing-de').cvText);
    const own = suggestionsFor(cv);
    assert.ok(
      own.some(
        (s) =>
          s.quote === 'Zuständig für die Pflegedokumentation' &&
          /^beginnt mit „Zuständig für“/.test(s.advice),
      ),
    );
    const forJob = suggestionsFor(cv, loadCase('nursing-de').job, { referenceDate: REF });
    assert.ok(forJob.length > own.length);
    assert.deepEqual(forJob.slice(0, own.length), own);
  });

  it('orders sections for the level, and puts education and projects first for a new graduate', () => {
    const headings = [...improve('software-en').markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings.slice(0, 3), ['Summary', 'Experience', 'Skills']);
    const graduate = [...improve('graduate-en').markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.ok(graduate.indexOf('Education') < graduate.indexOf('Experience'));
    assert.ok(graduate.indexOf('Projects') < graduate.indexOf('Experience'));
  });

  it('leads each role with what the job asks for, keeping jobs newest first and every bullet', () => {
    const { markdown } = improve('nursing-de');
    assert.deepEqual(bulletsOf(markdown, 'Pflegefachkraft Intensivstation'), [
      'Medikamentengabe und Überwachung der Vitalparameter',
      'Zuständig für die Pflegedokumentation',
      'Versorgung von bis zu 3 beatmeten Patienten pro Schicht',
      'Praxisanleitung von 12 Auszubildenden pro Jahr',
      'Senkung der Dekubitusrate auf der Station um 15 % durch ein neues Lagerungskonzept',
    ]);
    // Equally relevant, a bullet with a result goes before one without.
    const cv = [
      'Alex Example',
      'Experience',
      'Engineer, Example Corp',
      'Jan 2019 – Dec 2023',
      '- Wrote the onboarding guide',
      '- Cut build times by 40%',
    ].join('\n');
    const md = improveCvOffline({ cvText: cv, job: NURSE_JOB, referenceDate: REF }).markdown;
    assert.deepEqual(bulletsOf(md, 'Engineer'), ['Cut build times by 40%', 'Wrote the onboarding guide']);
    const roles = [...markdown.matchAll(/^\*(\d{2})\/(\d{4}) – /gm)].map((m) => `${m[2]}-${m[1]}`);
    assert.deepEqual(roles, [...roles].sort().reverse());
    const graduate = improve('graduate-en').markdown;
    assert.ok(
      graduate.indexOf('### Teaching Assistant') < graduate.indexOf('### Software Engineering Intern'),
    );
  });

  it('puts forward the skills the job asks for that the bullets prove, and orders the rest by relevance', () => {
    const { markdown } = improve('software-en');
    const forward = /\*\*Relevant to this role:\*\* (.+)/.exec(markdown)?.[1] ?? '';
    assert.match(forward, /Node\.js/);
    assert.match(forward, /Kubernetes/);
    assert.match(forward, /REST APIs/);
    // Only listed, not proven by a bullet; or not in the CV at all.
    assert.doesNotMatch(forward, /Docker|Terraform|Monitoring|Mentoring|Data modeling/);
    const skills = section(markdown, 'Skills').split('\n');
    assert.equal(skills[4], '- **Infrastructure:** Docker, Terraform, GitHub Actions');
    // A requirement the vocabulary does not know is put forward in the bullet's own words.
    const nurse = improve('nursing-en').markdown;
    assert.match(nurse, /\*\*Relevant to this role:\*\* .*Level I trauma center/);
    assert.match(
      improve('marketing-fr').markdown,
      /^\*\*Pertinent pour ce poste :\*\* SEO, Réseaux sociaux/m,
    );
  });

  it('does not name again a skill the CV already names six times', () => {
    const { cvText, job, markdown } = improve('hr-manager-de');
    const forward = /\*\*Relevant für diese Stelle:\*\* (.+)/.exec(markdown)?.[1] ?? '';
    assert.match(forward, /Führung/);
    assert.doesNotMatch(forward, /\bHR\b/);
    const stuffing = (text: string) =>
      scoreMatch(text, job, { referenceDate: REF }).penalties.filter((p) => /Human resources/.test(p.reason));
    // One more mention than the CV's six is the headline's "Head of HR", the target position.
    assert.deepEqual(stuffing(cvText), []);
    assert.deepEqual(
      stuffing(markdown).map((p) => p.points),
      [1],
    );
  });

  it('puts forward a skill that only a line under a degree proves', () => {
    const cvText = [
      'Alex Example',
      'Education',
      'BSc Computer Science, University of Leeds',
      'Sep 2019 – Jul 2022',
      '- Thesis: a route planner for delivery vans written in Python',
      'Skills',
      'Teamwork, Excel',
    ].join('\n');
    const job = {
      position: 'Junior Data Analyst',
      industry: 'Logistics',
      experience_level: '0-2' as const,
      job_description: 'Requirements:\n- Python\n- SQL',
    };
    const { markdown } = improveCvOffline({ cvText, job, referenceDate: REF });
    assert.match(markdown, /^\*\*Relevant to this role:\*\* Python$/m);
    const python = (text: string) =>
      scoreMatch(text, job, { referenceDate: REF }).requirements.find((r) => r.requirement === 'Python')!;
    assert.equal(python(cvText).credit, 0.7);
    assert.equal(python(markdown).credit, 1);
  });

  it('writes a summary from the facts of a CV that has none, and keeps an author’s summary as it is', () => {
    const { cvText, job } = loadCase('software-en');
    const withSummary = improve('software-en').markdown;
    assert.match(
      section(withSummary, 'Summary'),
      /^## Summary\n\nBackend engineer with 8 years of experience building reliable APIs/,
    );
    const bare = cvText.replace(/SUMMARY\n[^\n]*\n\n/, '');
    const { markdown, notes } = improveCvOffline({ cvText: bare, job, referenceDate: REF });
    assert.equal(
      section(markdown, 'Summary').trim(),
      '## Summary\n\nSenior Backend Engineer with 11 years of professional experience. Key skills: Node.js, TypeScript, PostgreSQL and CI/CD pipelines.',
    );
    assert.ok(notes.some((n) => n.startsWith('Wrote a summary')));
    // Its years come from the dates and the same "Present" as the score's.
    assert.equal(Math.floor(scoreMatch(bare, job, { referenceDate: REF }).candidate_years), 11);
    assert.equal(checkFacts(bare, markdown, { referenceDate: REF }).passed, true);

    const de = loadCase('nursing-de');
    const german = improveCvOffline({
      cvText: de.cvText.replace(/Profil\n[^\n]*\n\n/, ''),
      job: de.job,
      referenceDate: REF,
    }).markdown;
    assert.match(
      section(german, 'Profil'),
      /Pflegefachkraft Intensivstation mit 8 Jahren Berufserfahrung\. Schwerpunkte: Medikamentengabe, /,
    );
    // The target position is never written as a title the person held: only the headline, which
    // says what the person seeks, names it.
    const nurse = improveCvOffline({ cvText: NURSE_CV, job: NURSE_JOB, referenceDate: REF }).markdown;
    assert.match(
      section(nurse, 'Summary'),
      /^## Summary\n\nStaff Nurse with 9 years of professional experience\./,
    );
    const target = new RegExp(analyzeJob(NURSE_JOB).position);
    assert.doesNotMatch(nurse.slice(nurse.indexOf('## ')), target);
    assert.match(nurse, /^\*\*Cardiology Staff Nurse \| Registered Nurse \| Leeds\*\*$/m);
  });

  it('writes dates, headings and bullets one way', () => {
    const { markdown } = improve('software-en');
    assert.match(markdown, /^\*06\/2014 – 02\/2016\*$/m);
    assert.match(markdown, /^### B\.Sc\. Computer Science \| University of Manchester$/m);
    assert.match(improve('marketing-fr').markdown, /^## Centres d'intérêt$/m);
    assert.match(
      improve('finance-es').markdown,
      /^### Grado en Administración y Dirección de Empresas \| Universidad de Valencia$/m,
    );
    // A bullet wrapped over two lines of a PDF is one line.
    assert.match(
      improve('data-twocolumn-en').markdown,
      /^- Automated weekly claims reporting with SQL and Tableau, saving 6 hours per week for the claims team$/m,
    );
    // Most bullets end bare, so all do; most end with a full stop, so all do.
    const mixed = [
      'Alex Example',
      'Experience',
      'Engineer, Example Corp',
      'Jan 2019 – Dec 2023',
      '- Built APIs in Python.',
      '- Ran the on-call rota for Acme Inc.',
      '- Cut costs by 10%',
      '- Wrote the docs;',
    ].join('\n');
    const bullets = (md: string) => md.split('\n').filter((l) => l.startsWith('- '));
    const bare = improveCvOffline({ cvText: mixed, job: NURSE_JOB, referenceDate: REF }).markdown;
    assert.deepEqual(bullets(bare).sort(), [
      '- Built APIs in Python',
      '- Cut costs by 10%',
      '- Ran the on-call rota for Acme Inc.',
      '- Wrote the docs',
    ]);
    const stops = mixed.replace('by 10%', 'by 10%.').replace('docs;', 'docs.');
    const full = improveCvOffline({ cvText: stops, job: NURSE_JOB, referenceDate: REF }).markdown;
    assert.ok(bullets(full).every((b) => b.endsWith('.')));
  });

  it('keeps the language of the CV for headings, "present", the forward line and the advice', () => {
    const { markdown, suggestions } = improve('nursing-de');
    assert.match(markdown, /^## Berufserfahrung$/m);
    assert.match(markdown, /^\*\*Relevant für diese Stelle:\*\* /m);
    assert.match(markdown, /\*03\/2019 – heute\*/);
    assert.match(suggestions[0]!.advice, /^zeigt kein Ergebnis|^beginnt mit/);
    const reparsed = parseCv(markdown);
    assert.equal(reparsed.work.length, 2);
    assert.equal(reparsed.work[0]!.current, true);
  });

  it('raises the match score by what it makes visible, never by anything new', () => {
    for (const id of ['software-en', 'nursing-de', 'operations-sidebar-en']) {
      const { cvText, job, markdown } = improve(id);
      const before = scoreMatch(cvText, job, { referenceDate: REF });
      const after = scoreMatch(markdown, job, { referenceDate: REF });
      assert.ok(after.score > before.score, `${id}: ${before.score} → ${after.score}`);
      for (const r of after.requirements) {
        const was = before.requirements.find((x) => x.id === r.id)!;
        assert.equal(r.status, was.status, `${id} ${r.requirement}: proof is what the CV had`);
      }
    }
  });

  it('names the target position in the headline when the person’s own titles are close to it', () => {
    const headline = (id: string) => /^\*\*(.+)\*\*$/m.exec(improve(id).markdown)?.[1] ?? null;
    // Before the CV's own headline, which stays; the ad's gender note is not part of the title.
    assert.equal(headline('nursing-en'), 'Emergency Room Nurse | Registered Nurse');
    assert.equal(headline('hr-manager-de'), 'Head of HR | Personalleiterin');
    // A graduate without a headline, whose internship was in software engineering.
    assert.equal(headline('graduate-en'), 'Junior Software Developer');
    // Both would not fit one headline; the CV's own is its current job title, printed in full below.
    assert.equal(headline('customer-support-es'), 'Agente de Soporte al Cliente');
    assert.match(improve('customer-support-es').markdown, /^### Agente de Atención al Cliente — /m);
    // Far from every title the person held: no headline claims a career they have not had.
    assert.equal(headline('devops-en'), 'DevOps Engineer');
    // The person holds the title already, in the feminine: nothing is said twice.
    assert.equal(headline('teacher-fr'), 'Professeure de mathématiques certifiée');
    for (const id of ['nursing-en', 'hr-manager-de', 'graduate-en', 'customer-support-es']) {
      const { cvText, job, markdown } = improve(id);
      const title = (text: string) =>
        scoreMatch(text, job, { referenceDate: REF }).requirements.find((r) => r.kind === 'title')!;
      assert.equal(title(cvText).credit, 0.5, id);
      assert.equal(title(markdown).credit, 1, id);
    }
  });

  it('loses no credit the CV had on any requirement of any fixture', () => {
    // "Diplôme d'État de Docteur en Pharmacie — Université Toulouse III" was read as one school, so
    // the doctorate the job asks for was no longer seen.
    for (const c of loadEvalCases()) {
      const { markdown } = improveCvOffline({ cvText: c.cvText, job: c.job, referenceDate: REF });
      const before = scoreMatch(c.cvText, c.job, { referenceDate: REF }).requirements;
      for (const r of scoreMatch(markdown, c.job, { referenceDate: REF }).requirements) {
        const was = before.find((x) => x.id === r.id)!;
        assert.ok(r.credit >= was.credit, `${c.id} ${r.requirement}: ${was.credit} → ${r.credit}`);
      }
    }
    const degree = parseCv(improve('pharmacist-fr').markdown).education[0]!;
    assert.equal(degree.area, "Diplôme d'État de Docteur en Pharmacie");
    assert.equal(degree.institution, 'Université Toulouse III');
  });

  it('is deterministic', () => {
    const { cvText, job } = loadCase('marketing-fr');
    assert.deepEqual(improveCvOffline({ cvText, job }), improveCvOffline({ cvText, job }));
  });
});
