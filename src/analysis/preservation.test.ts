import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES_DIR } from '../../test/helpers/analysis-fixtures.ts';
import { parseCv } from './cv-structure.ts';
import { checkPreservation, describeLosses, splitDeclaredRemovals } from './preservation.ts';

const read = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8');
const SOURCE = parseCv(read('software-en.cv.txt'));
const FAITHFUL = read('software-en.improved.md');

describe('preservation', () => {
  it('passes a faithful rewrite: reworded bullets, other date formats, links as markdown', () => {
    for (const id of ['software-en', 'finance-es']) {
      const result = checkPreservation(parseCv(read(`${id}.cv.txt`)), read(`${id}.improved.md`));
      assert.equal(result.passed, true, `${id}: ${JSON.stringify(result.dropped)}`);
      assert.equal(result.kept, result.checked);
    }
  });

  it('names a whole job that went missing: employer, title and dates', () => {
    const without = FAITHFUL.replace(/\*\*Junior Developer\*\*[\s\S]*?(?=## Education)/, '');
    const result = checkPreservation(SOURCE, without);
    assert.equal(result.passed, false);
    const lost = result.dropped.map((d) => `${d.kind}:${d.value}`);
    assert.ok(lost.includes('employer:Initech'), lost.join(' | '));
    assert.ok(lost.includes('title:Junior Developer'));
    assert.ok(lost.includes('dates:2014-06 – 2016-02'));
    assert.ok(result.dropped.filter((d) => d.kind === 'bullet').length === 2);
    assert.ok(result.dropped.every((d) => !d.intended));
  });

  it('counts a link shortened to its domain, a changed email and a lost name as losses', () => {
    const damaged = FAITHFUL.replace('# Jane Doe', '# Curriculum Vitae')
      .replace('https://github.com/janedoe', 'https://github.com')
      .replace('jane.doe@example.com', 'jane@example.com');
    const kinds = checkPreservation(SOURCE, damaged).dropped.map((d) => d.kind);
    assert.deepEqual(kinds.sort(), ['email', 'link', 'name']);
  });

  it('tells a declared removal (with its reason) from a silent one', () => {
    const answer = FAITHFUL.replace('- Wrote technical documentation\n', '').replace(
      '- Maintained internal PHP/MySQL tools\n',
      '',
    );
    const declared = `${answer}\n<!-- removed: Duties included writing documentation | not relevant to a backend role -->\n`;
    const { text, removed } = splitDeclaredRemovals(declared);
    assert.equal(text.includes('<!--'), false);
    assert.deepEqual(removed, [
      { text: 'Duties included writing documentation', reason: 'not relevant to a backend role' },
    ]);
    const result = checkPreservation(SOURCE, text, removed);
    const bullets = result.dropped.filter((d) => d.kind === 'bullet');
    assert.equal(bullets.length, 2);
    const intended = bullets.find((d) => d.intended);
    assert.equal(intended?.reason, 'not relevant to a backend role');
    assert.equal(intended?.context, 'Junior Developer — Initech');
    assert.equal(result.passed, false, 'the PHP bullet went without a word');
    assert.deepEqual(describeLosses(result), [
      'Maintained internal tools written in PHP and MySQL (bullet, in "Junior Developer — Initech")',
    ]);
  });

  it('says which line two merged bullets went into', () => {
    const answer = FAITHFUL.replace(
      '- Contributed to the Kafka-based event pipeline\n- Supported code reviews and onboarded new developers\n',
      '- Worked on the Kafka event pipeline and helped with code reviews and onboarding new developers\n',
    );
    const result = checkPreservation(SOURCE, answer);
    assert.equal(result.passed, true);
    assert.deepEqual(
      result.merged.map((m) => m.bullet),
      [
        'Worked on the event pipeline with Kafka',
        'Helped with code reviews and onboarding of new developers',
      ],
    );
    assert.match(result.merged[0]!.into, /Kafka event pipeline and helped/);
  });
});
