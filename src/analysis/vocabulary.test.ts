import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readVocabulary, SKILL_CATEGORIES, VOCABULARY, VOCABULARY_BY_ID } from './vocabulary.ts';

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
});
