import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCase, NURSE_JOB } from '../../test/helpers/analysis-fixtures.ts';
import { analyzeJob, type JobRequirement } from './job.ts';
import { findSkills, lookupSkill } from './skills.ts';
import { normTokens } from './text.ts';
import { ROLE_PROFILES, VOCABULARY } from './vocabulary.ts';

function byLabel(reqs: readonly JobRequirement[]): Map<string, JobRequirement> {
  return new Map(reqs.map((r) => [r.label, r]));
}

describe('analyzeJob', () => {
  it('tells must-haves from nice-to-haves by section heading and wording', () => {
    const job = analyzeJob(loadCase('software-en').job);
    const reqs = byLabel(job.requirements);
    for (const must of ['Node.js', 'TypeScript', 'PostgreSQL', 'Kubernetes', 'Docker', 'CI/CD']) {
      assert.equal(reqs.get(must)?.importance, 'must', must);
    }
    for (const nice of ['Kafka or Event-driven architecture', 'Go', 'Terraform', 'AWS'])
      assert.equal(reqs.get(nice)?.importance, 'nice', nice);
    assert.equal(reqs.get('6+ years of experience')?.years, 6);
    assert.equal(reqs.get('English')?.kind, 'language');
    assert.equal(job.requirements[0]!.kind, 'title');
  });

  it('lets the wording of a line override its section', () => {
    const job = analyzeJob({
      position: 'Data Engineer',
      industry: 'Retail',
      experience_level: '3-5',
      job_description: [
        'Requirements:',
        '- Python and SQL',
        '- Knowledge of Spark is a plus',
        'Nice to have:',
        '- Airflow',
        '- You must have hands-on experience with dbt',
      ].join('\n'),
    });
    const reqs = byLabel(job.requirements);
    assert.equal(reqs.get('Python')?.importance, 'must');
    assert.equal(reqs.get('Apache Spark')?.importance, 'nice');
    assert.equal(reqs.get('Airflow')?.importance, 'nice');
    assert.equal(reqs.get('dbt')?.importance, 'must');
  });

  it('reads German, French and Spanish job ads', () => {
    const de = byLabel(analyzeJob(loadCase('nursing-de').job).requirements);
    assert.equal(de.get('Medication administration')?.importance, 'must');
    assert.equal(de.get('Wound care')?.importance, 'nice');
    assert.equal(de.get('3+ years of experience')?.importance, 'must');
    const fr = byLabel(analyzeJob(loadCase('marketing-fr').job).requirements);
    assert.equal(fr.get('Google Ads')?.importance, 'must');
    assert.equal(fr.get('A/B testing')?.importance, 'nice');
    assert.equal(fr.get('5+ years of experience')?.years, 5);
    const es = byLabel(analyzeJob(loadCase('finance-es').job).requirements);
    assert.equal(es.get('SAP')?.importance, 'must');
    assert.equal(es.get('Power BI')?.importance, 'nice');
    assert.equal(es.get('IFRS')?.importance, 'must');
  });

  it('groups alternatives: any one of "Java, Python or Go" meets the requirement', () => {
    const job = analyzeJob(loadCase('graduate-en').job);
    const reqs = byLabel(job.requirements);
    assert.deepEqual(reqs.get('Java, Python or Go')?.anyOf, ['java', 'python', 'go']);
    assert.deepEqual(reqs.get('JavaScript or TypeScript')?.anyOf, ['javascript', 'typescript']);
    assert.equal(reqs.get('Java'), undefined);
    // Only skills listed next to each other around an "or" are alternatives.
    const data = byLabel(analyzeJob(loadCase('data-twocolumn-en').job).requirements);
    assert.deepEqual(data.get('BigQuery or Snowflake')?.anyOf, ['bigquery', 'snowflake']);
    assert.equal(data.get('Data warehousing')?.importance, 'must');
    assert.deepEqual(data.get('PyTorch or TensorFlow')?.anyOf, ['pytorch', 'tensorflow']);
    // "and" joins two requirements; only "or" makes alternatives.
    const both = byLabel(analyzeJob(loadCase('software-en').job).requirements);
    assert.ok(both.has('Docker') && both.has('Kubernetes'));
  });

  it('asks for the lowest degree a line names', () => {
    const job = analyzeJob(loadCase('data-twocolumn-en').job);
    assert.equal(job.requirements.find((r) => r.kind === 'degree')?.degreeLevel, 2);
  });

  it('falls back to the role profile without a description', () => {
    const job = analyzeJob({
      position: 'Registered Nurse',
      industry: 'Healthcare',
      experience_level: '3-5',
      job_description: null,
    });
    assert.equal(job.hasDescription, false);
    const labels = job.requirements.filter((r) => r.source === 'role_profile').map((r) => r.label);
    assert.ok(labels.includes('Patient care'));
    assert.ok(
      job.requirements.filter((r) => r.source === 'role_profile').every((r) => r.importance === 'nice'),
    );
  });

  it('keeps requirement lines the vocabulary does not know as free-text requirements', () => {
    const job = analyzeJob(NURSE_JOB);
    const reqs = byLabel(job.requirements);
    const nmc = reqs.get('NMC registration');
    assert.equal(nmc?.importance, 'must');
    assert.equal(nmc?.credential, true);
    assert.deepEqual(nmc?.alternatives, [['nmc']]);
    const cardio = reqs.get('Cardiology or coronary care');
    assert.equal(cardio?.importance, 'must');
    assert.deepEqual(cardio?.alternatives, [['cardiology'], ['coronary', 'care']]);
    // "ALS" is also the German word "als": it only matches in upper case.
    assert.deepEqual(reqs.get('ALS certification')?.alternatives, [['!als']]);
    // Lines the vocabulary reads keep their vocabulary requirement and make no free text.
    assert.equal(reqs.get('IV therapy')?.importance, 'must');
    assert.equal(reqs.get('Mentoring')?.importance, 'nice');
    assert.equal(job.requirements.find((r) => r.context === 'Experience with Cerner')?.importance, 'nice');
    assert.deepEqual(
      job.requirements.filter((r) => r.id.startsWith('text:')).map((r) => r.label),
      ['NMC registration', 'Cardiology or coronary care', 'ALS certification'],
    );
  });

  it('reads free-text requirements of a sales job and skips pay, perks and equal opportunity lines', () => {
    const job = analyzeJob({
      position: 'Account Executive',
      industry: 'Logistics',
      experience_level: '3-5',
      job_description: [
        'Requirements:',
        '- Experience selling to enterprise customers',
        '- Full UK driving licence',
        'Nice to have:',
        '- Experience in the freight forwarding sector is a plus',
        '- Competitive salary £35,000 + uncapped commission',
        '- Generous benefits package',
        'We are an equal opportunity employer and welcome applicants from all backgrounds.',
      ].join('\n'),
    });
    const text = job.requirements.filter((r) => r.id.startsWith('text:'));
    assert.deepEqual(
      text.map((r) => [r.label, r.importance]),
      [
        ['Experience selling to enterprise customers', 'must'],
        ['UK driving licence', 'must'],
        ['Freight forwarding sector', 'nice'],
      ],
    );
    // The French "licence" is a degree; a driving licence is not.
    assert.equal(
      job.requirements.find((r) => r.kind === 'degree'),
      undefined,
    );
    assert.ok(!job.requirements.some((r) => /salary|benefit|opportunity/i.test(r.label)));
  });

  it('reads free-text requirements of a German job ad', () => {
    const job = analyzeJob({
      position: 'Pflegefachkraft Intensivstation',
      industry: 'Gesundheitswesen',
      experience_level: '3-5',
      job_description: [
        'Anforderungen:',
        '- Erfahrung in der Intensivpflege',
        '- Führerschein Klasse B ist erforderlich',
        '- Sehr gute Deutschkenntnisse',
        'Wünschenswert:',
        '- Weiterbildung Praxisanleitung',
        'Wir bieten:',
        '- Attraktive Vergütung nach TVöD',
      ].join('\n'),
    });
    const reqs = byLabel(job.requirements);
    assert.equal(reqs.get('Führerschein Klasse B')?.importance, 'must');
    assert.equal(reqs.get('Weiterbildung Praxisanleitung')?.importance, 'nice');
    assert.equal(reqs.get('German')?.kind, 'language');
    assert.ok(!job.requirements.some((r) => /vergutung|tvod/i.test(r.label)));
  });

  it('reads UK "Essential" / "Desirable" lists: the headings set importance and are no requirements', () => {
    const job = analyzeJob({
      position: 'Data Analyst',
      industry: 'Public sector',
      experience_level: '3-5',
      job_description: [
        'Person specification',
        'Essential',
        '- Degree in statistics',
        '- Experience of SQL and Python',
        '- NHS data standards',
        'Desirable',
        '- Experience with Tableau',
        '- PRINCE2',
      ].join('\n'),
    });
    const reqs = byLabel(job.requirements);
    for (const must of ['SQL', 'Python', 'NHS data standards'])
      assert.equal(reqs.get(must)?.importance, 'must', must);
    assert.equal(job.requirements.find((r) => r.kind === 'degree')?.importance, 'must');
    for (const nice of ['Tableau', 'PRINCE2']) assert.equal(reqs.get(nice)?.importance, 'nice', nice);
    assert.ok(
      !job.requirements.some((r) => /essential|desirable|person/i.test(r.label)),
      JSON.stringify(job.requirements.map((r) => r.label)),
    );
  });

  it('reads a heading in any common shape and language, never as a requirement itself', () => {
    const shapes = (must: string, nice: string) => [
      `${must}\n- Kubernetes\n- Pallet racking inspections\n${nice}\n- Terraform\n- Vendor contracts`,
      `${must}:\n- Kubernetes\n- Pallet racking inspections\n${nice}:\n- Terraform\n- Vendor contracts`,
      `**${must}**\n- Kubernetes\n- Pallet racking inspections\n**${nice}**\n- Terraform\n- Vendor contracts`,
      `## ${must.toUpperCase()}\n- Kubernetes\n- Pallet racking inspections\n## ${nice.toUpperCase()}\n- Terraform\n- Vendor contracts`,
    ];
    const pairs: [string, string][] = [
      ['Essential criteria', 'Desirable criteria'],
      ['Must have', 'Nice to have'],
      ["What we're looking for", 'Bonus points'],
      ['Das bringen Sie mit', 'Wünschenswert'],
      ['Ihr Profil', 'Von Vorteil'],
      ['Profil', 'Pluspunkte'],
      ['Votre profil', 'Compétences souhaitées'],
      ['Requisitos', 'Se valorará'],
    ];
    for (const [must, nice] of pairs) {
      for (const description of shapes(must, nice)) {
        const job = analyzeJob({
          position: 'Platform Engineer',
          industry: 'Other',
          experience_level: '3-5',
          job_description: description,
        });
        const reqs = byLabel(job.requirements);
        const where = JSON.stringify(description);
        assert.equal(reqs.get('Kubernetes')?.importance, 'must', where);
        assert.equal(reqs.get('Pallet racking inspections')?.importance, 'must', where);
        assert.equal(reqs.get('Terraform')?.importance, 'nice', where);
        assert.equal(reqs.get('Vendor contracts')?.importance, 'nice', where);
        assert.deepEqual(
          job.requirements.filter((r) => r.id.startsWith('text:')).map((r) => r.label),
          ['Pallet racking inspections', 'Vendor contracts'],
          where,
        );
      }
    }
  });

  it('keeps a requirement line that starts with a heading word', () => {
    const job = analyzeJob({
      position: 'Analyst',
      industry: 'Other',
      experience_level: '3-5',
      job_description: 'Nice to have:\n- Looker\nMust have Python\nYou have SQL skills',
    });
    const reqs = byLabel(job.requirements);
    assert.equal(reqs.get('Python')?.importance, 'must');
    assert.equal(reqs.get('SQL')?.importance, 'must');
  });

  it('never reads pay, perks, an equal-opportunity line or the company describing itself as requirements', () => {
    const job = analyzeJob({
      position: 'Data Analyst',
      industry: 'Other',
      experience_level: '3-5',
      job_description: [
        'Acme is a leading provider of cloud and data services to the public sector, using AWS and Kubernetes.',
        'Founded in 2010, we are a team of 200 engineers building payments software in Go.',
        '',
        'Requirements',
        '- SQL',
        '- Experience of pension administration in SAP',
        'Competitive salary, 25 days holiday and a pension',
        'Benefits include a training budget, mentoring and private healthcare.',
        'Training and development opportunities, gym membership',
        'We welcome candidates regardless of background; we are an equal opportunities employer.',
      ].join('\n'),
    });
    assert.deepEqual(
      job.requirements.filter((r) => r.source === 'description').map((r) => r.label),
      ['SQL', 'SAP'],
    );
    // A line that says how much it is wanted is an ask, whatever its shape.
    const dutch = analyzeJob({
      position: 'Operations Manager',
      industry: 'Other',
      experience_level: '3-5',
      job_description: 'Acme is a leading logistics provider using SAP.\nDutch is a plus',
    });
    assert.deepEqual(
      dutch.requirements.filter((r) => r.source === 'description').map((r) => [r.label, r.importance]),
      [['Dutch', 'nice']],
    );
  });

  it('caps the number of free-text requirements', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `- Qualification number${i} in field${i}`);
    const job = analyzeJob({
      position: 'Technician',
      industry: 'Other',
      experience_level: '0-2',
      job_description: ['Requirements:', ...lines].join('\n'),
    });
    assert.equal(job.requirements.filter((r) => r.id.startsWith('text:')).length, 12);
  });

  it('is deterministic', () => {
    const input = loadCase('sales-en').job;
    assert.deepEqual(analyzeJob(input), analyzeJob(input));
  });
});

describe('vocabulary aliases', () => {
  it('folds aliases and spelling variants to one skill', () => {
    const ids = (text: string) => findSkills(text).map((h) => h.id);
    assert.deepEqual(ids('JS, JavaScript'), ['javascript', 'javascript']);
    assert.deepEqual(ids('k8s and Kubernetes'), ['kubernetes', 'kubernetes']);
    assert.deepEqual(ids('Postgres / PostgreSQL'), ['postgresql', 'postgresql']);
    assert.deepEqual(ids('TS, node, Node.js'), ['typescript', 'node-js', 'node-js']);
    assert.deepEqual(ids('Amazon Web Services'), ['aws']);
    assert.deepEqual(ids('CI/CD pipelines'), ['ci-cd']);
    assert.deepEqual(ids('ML and machine learning'), ['machine-learning', 'machine-learning']);
    assert.deepEqual(ids('REST APIs, microservices'), ['rest-apis', 'microservices']);
  });

  it('does not match ordinary words', () => {
    assert.deepEqual(findSkills('We go home and excel at R&D; the rest of the team'), []);
    assert.deepEqual(
      findSkills('Go-to-market plan written in Go').map((h) => h.id),
      ['product-marketing', 'go'],
    );
  });

  it('gives every alias to exactly one skill, across a few hundred skills', () => {
    assert.ok(VOCABULARY.length >= 300);
    const owner = new Map<string, string>();
    for (const entry of VOCABULARY) {
      for (const alias of entry.aliases) {
        const key = (alias.startsWith('!') ? '!' : '') + normTokens(alias.replace(/^!/, '')).join(' ');
        const prior = owner.get(key);
        assert.ok(
          prior === undefined || prior === entry.id,
          `"${alias}" belongs to ${prior} and ${entry.id}`,
        );
        owner.set(key, entry.id);
      }
    }
  });

  it('names only vocabulary skills in the role profiles', () => {
    for (const profile of ROLE_PROFILES) {
      for (const name of profile.skills) assert.ok(lookupSkill(name) !== undefined, name);
    }
  });

  it('looks a skill up by alias', () => {
    assert.equal(lookupSkill('k8s')?.name, 'Kubernetes');
    assert.equal(lookupSkill('Senior'), undefined);
  });
});
