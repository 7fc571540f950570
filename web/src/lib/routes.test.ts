import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchRoute, needsSignIn, safeNext } from './routes.ts';

describe('app routes', () => {
  test('the pages the API links to are pages of the app', () => {
    assert.deepEqual(matchRoute('/verify-email/abc.DEF-1'), { page: 'verifyEmail', key: 'abc.DEF-1' });
    assert.deepEqual(matchRoute('/password-reset/confirm/42/tok-en/'), {
      page: 'resetConfirm',
      uid: '42',
      token: 'tok-en',
    });
    assert.equal(matchRoute('/payments/success').page, 'paymentSuccess');
    assert.equal(matchRoute('/payments/cancelled').page, 'paymentCancelled');
    assert.equal(matchRoute('/profile').page, 'account');
    assert.equal(matchRoute('/auth/google/callback').page, 'googleCallback');
  });

  test('parameters, trailing slashes and unknown paths', () => {
    assert.deepEqual(matchRoute('/applications/7/match/'), { page: 'match', id: '7' });
    assert.deepEqual(matchRoute('/applications/new'), { page: 'newApplication' });
    assert.deepEqual(matchRoute('/improvements/3/edit'), { page: 'edit', id: '3' });
    assert.equal(matchRoute('/').page, 'home');
    assert.equal(matchRoute('/nope').page, 'notFound');
    assert.equal(matchRoute('/applications/%E0%A4%A').page, 'notFound');
  });

  test('which pages need a signed-in person', () => {
    assert.equal(needsSignIn({ page: 'history' }), true);
    assert.equal(needsSignIn({ page: 'verifyEmail', key: 'k' }), false);
    assert.equal(needsSignIn({ page: 'signin' }), false);
    assert.equal(needsSignIn({ page: 'googleCallback' }), false);
  });

  test('after signing in, only a path of this app', () => {
    assert.equal(safeNext('/history'), '/history');
    assert.equal(safeNext('//evil.example'), '/');
    assert.equal(safeNext('/\\evil.example'), '/');
    assert.equal(safeNext('https://evil.example'), '/');
    assert.equal(safeNext(null), '/');
  });
});
