import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffLines, lineKey, plainText, similarity, wordDiff } from './diff.ts';

describe('side-by-side differences', () => {
  test('markdown dressing is no change: a heading and a bullet match their plain lines', () => {
    assert.equal(lineKey('## Experience'), lineKey('Experience'));
    assert.equal(lineKey('- Led the **migration**'), lineKey('Led the migration'));
    const rows = diffLines('Experience\nLed the migration', '## Experience\n\n- Led the migration');
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['same', 'same'],
    );
  });

  test('a reworded line is one changed row, its changed words marked on both sides', () => {
    const rows = diffLines(
      'Zoë Müller\nLed the migration of the order service.',
      'Zoë Müller\nLed the migration of the order service to PostgreSQL.',
    );
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['same', 'changed'],
    );
    const changed = rows[1];
    assert.ok(changed?.right?.some((p) => p.changed && p.text.includes('PostgreSQL')));
    assert.ok(changed?.left?.some((p) => p.changed && p.text.includes('service.')));
  });

  test('a new line and a dropped line stand alone, with nothing on the other side', () => {
    const rows = diffLines('Name\nHobbies: chess', 'Name\n## Summary\nBackend engineer.');
    const kinds = rows.map((r) => r.kind);
    assert.deepEqual(
      kinds.filter((k) => k === 'same'),
      ['same'],
    );
    assert.ok(rows.some((r) => r.kind === 'removed' && r.right === null));
    assert.ok(rows.some((r) => r.kind === 'added' && r.left === null));
  });

  test('every line of both texts appears once, in order', () => {
    const original = 'a b\nc d\ne f\ng h';
    const improved = 'c d\nx y\na b\ne f g';
    const rows = diffLines(original, improved);
    const join = (side: 'left' | 'right') =>
      rows.flatMap((r) => (r[side] ? [r[side].map((p) => p.text).join('')] : []));
    assert.deepEqual(join('left'), original.split('\n'));
    assert.deepEqual(join('right'), improved.split('\n'));
  });

  test('similarity and word differences', () => {
    assert.equal(similarity('Go and Rust', 'go and rust'), 1);
    assert.equal(similarity('', 'x'), 0);
    const [left, right] = wordDiff('Built the API', 'Built the public API');
    assert.deepEqual(left, [{ text: 'Built the API', changed: false }]);
    assert.deepEqual(
      right.map((p) => p.changed),
      [false, true, false],
    );
  });
});

describe('markdown as read', () => {
  test('headings, bold and bullets lose their markup', () => {
    assert.equal(
      plainText('# Zoë\n**Senior Engineer**\n## Skills\n- Go, __Rust__\n  * nested'),
      'Zoë\nSenior Engineer\nSkills\n• Go, Rust\n  • nested',
    );
  });
});
