import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, isDisposableEmail, suggestEmailCorrection } from './email-rules.ts';

test('suggests a correction for common domain typos only', () => {
  assert.equal(suggestEmailCorrection('ann@gmial.com'), 'ann@gmail.com');
  assert.equal(suggestEmailCorrection('ann@hotmial.com'), 'ann@hotmail.com');
  assert.equal(suggestEmailCorrection('ann@yaho.com'), 'ann@yahoo.com');
  assert.equal(suggestEmailCorrection('ann@outlok.com'), 'ann@outlook.com');
  assert.equal(suggestEmailCorrection('ann@gmail.com'), null);
  assert.equal(suggestEmailCorrection('ann@acme-corp.de'), null);
  assert.equal(suggestEmailCorrection('ann@uni-koeln.de'), null);
});

test('refuses disposable domains and their sub-domains', () => {
  assert.equal(isDisposableEmail('x@mailinator.com'), true);
  assert.equal(isDisposableEmail('x@eu.yopmail.com'), true);
  assert.equal(isDisposableEmail('x@example.com'), false);
});

test('edit distance counts a swap as one edit', () => {
  assert.equal(editDistance('gmial', 'gmail'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});
