import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findSkillIds } from './skills.ts';
import {
  readVocabulary,
  SKILL_CATEGORIES,
  skillFamilies,
  VOCABULARY,
  VOCABULARY_BY_ID,
} from './vocabulary.ts';

const skill = (fields: Record<string, unknown>) => ({
  skills: [{ name: 'Rust', category: 'software', ...fields }],
});

describe('vocabulary', () => {
  it('reads every skill of the data file, each with a unique id', () => {
    assert.ok(VOCABULARY.length > 300);
    assert.equal(VOCABULARY_BY_ID.size, VOCABULARY.length);
  });

  it('keeps the file sorted by category, then name, for reviewers', () => {
    const { skills } = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8')) as {
      skills: { name: string; category: (typeof SKILL_CATEGORIES)[number] }[];
    };
    const sorted = [...skills].sort(
      (a, b) =>
        SKILL_CATEGORIES.indexOf(a.category) - SKILL_CATEGORIES.indexOf(b.category) ||
        a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }),
    );
    assert.deepEqual(
      skills.map((s) => s.name),
      sorted.map((s) => s.name),
    );
  });

  it('matches a name that is an ordinary word only through its aliases', () => {
    assert.deepEqual(VOCABULARY_BY_ID.get('go')?.aliases, ['golang', '!Go']);
    assert.deepEqual(VOCABULARY_BY_ID.get('typescript')?.aliases, ['TypeScript', 'ts']);
  });

  it('refuses a malformed entry, naming where it is', () => {
    assert.throws(() => readVocabulary(skill({ category: 'cooking' })), /skills\.0\.category/);
    assert.throws(() => readVocabulary(skill({ aliases: ['rustlang', ''] })), /skills\.0\.aliases\.1/);
    assert.throws(() => readVocabulary(skill({ aliases: ['a, b'] })), /skills\.0\.aliases\.0/);
    assert.throws(() => readVocabulary(skill({ alias: ['typo'] })), /skills\.0/);
    assert.throws(() => readVocabulary({ skills: [] }), /skills/);
  });

  it('refuses a skill listed twice', () => {
    const twice = { skills: [...skill({}).skills, { name: 'rust', category: 'software' }] };
    assert.throws(() => readVocabulary(twice), /"rust" is empty or listed twice/);
  });

  it('keeps distinct products apart, each knowing its family; aliases are true synonyms only', () => {
    for (const [a, b] of [
      ['Datadog', 'New Relic'],
      ['Prometheus', 'Grafana'],
      ['AWS', 'Azure'],
      ['PostgreSQL', 'MySQL'],
      ['MySQL', 'MariaDB'],
      ['Jenkins', 'GitLab CI'],
      ['Tableau', 'Power BI'],
      ['SAP', 'NetSuite'],
      ['AutoCAD', 'SolidWorks'],
      ['GitHub', 'GitLab'],
      ['Terraform', 'Pulumi'],
      ['KPI', 'OKR'],
    ]) {
      const [x, y] = [findSkillIds(a!), findSkillIds(b!)];
      assert.equal(x.size, 1, a);
      assert.notDeepEqual(x, y, `${a} and ${b} are one skill`);
    }
    assert.deepEqual(skillFamilies('datadog'), ['monitoring']);
    assert.deepEqual(skillFamilies('aws'), ['cloud-computing']);
    assert.deepEqual(skillFamilies('tableau'), ['business-intelligence']);
    assert.deepEqual(skillFamilies('python'), []);
    for (const [alias, id] of [
      ['k8s', 'kubernetes'],
      ['Postgres', 'postgresql'],
      ['GCP', 'google-cloud'],
      ['Amazon Web Services', 'aws'],
      ['key performance indicators', 'kpis'],
    ])
      assert.deepEqual([...findSkillIds(alias!)], [id], alias);
  });

  it('refuses a family that names no skill, or leads back to itself', () => {
    assert.throws(() => readVocabulary(skill({ family: 'Oxidation' })), /"Rust": family "oxidation"/);
    const loop = {
      skills: [
        { name: 'Rust', category: 'software', family: 'Cargo' },
        { name: 'Cargo', category: 'software', family: 'Rust' },
      ],
    };
    assert.throws(() => readVocabulary(loop), /leads back to itself/);
  });
});
