import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toReadingOrder } from './bidi.ts';

const words = (visual: string, rtl: boolean) => toReadingOrder(visual.split(' '), (w) => w, rtl).join(' ');

test('a line of an Arabic page reads right to left, its numbers and Latin words kept in theirs', () => {
  // Visual order, as on the page: "الآن حتى – 2019 مارس" reads "مارس 2019 – حتى الآن".
  assert.equal(words('الآن حتى – 2019 مارس', true), 'مارس 2019 – حتى الآن');
  assert.equal(words('المتقدم Microsoft Excel', true), 'Microsoft Excel المتقدم');
});

test('in a Latin text a line keeps its order; an Arabic name inside it is turned around alone', () => {
  assert.equal(words('Senior Accountant at Acme', false), 'Senior Accountant at Acme');
  assert.equal(words('Name: الزعبي خالد أحمد (CPA)', false), 'Name: أحمد خالد الزعبي (CPA)');
});
