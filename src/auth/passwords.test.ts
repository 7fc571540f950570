import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPasswordRules, hashPassword, similarity, verifyPassword } from './passwords.ts';

test('argon2id hashes verify, and wrong passwords do not', async () => {
  const hash = await hashPassword('Blue-Harbor-42');
  assert.match(hash, /^\$argon2id\$/);
  assert.equal(await verifyPassword(hash, 'Blue-Harbor-42'), true);
  assert.equal(await verifyPassword(hash, 'blue-harbor-42'), false);
  assert.equal(await verifyPassword(null, 'anything'), false);
  assert.equal(await verifyPassword('not-a-hash', 'anything'), false);
});

test('password rules', () => {
  const user = { username: 'zoe.muller', email: 'zoe@example.com' };
  assert.deepEqual(checkPasswordRules('Blue-Harbor-42', user), []);
  assert.match(checkPasswordRules('Ab1!', user).join(), /too short/);
  assert.match(checkPasswordRules('12345678901', user).join(), /entirely numeric/);
  assert.match(checkPasswordRules('Password123', user).join(), /too common/);
  assert.match(checkPasswordRules('zoe.muller1', user).join(), /similar to the username/);
  assert.match(checkPasswordRules('zoe@example.co', user).join(), /similar to the email/);
});

test('similarity is a ratio between 0 and 1', () => {
  assert.equal(similarity('abc', 'abc'), 1);
  assert.equal(similarity('abc', 'xyz'), 0);
  assert.ok(similarity('margaret1', 'margaret') > 0.9);
});

test('a password from deep in the leaked-password list is refused as common', () => {
  // Near the end of zxcvbn-ts's list of about 49,000, far past any short hand-kept list.
  assert.deepEqual(checkPasswordRules('sasha1998', {}), ['This password is too common.']);
  assert.deepEqual(checkPasswordRules('Chinchilla', {}), ['This password is too common.']);
});

test('a short piece typed over and over is refused as common, a long one is not', () => {
  assert.deepEqual(checkPasswordRules('aaaaaaaa', {}), ['This password is too common.']);
  assert.deepEqual(checkPasswordRules('QwerQwer', {}), ['This password is too common.']);
  assert.deepEqual(checkPasswordRules('passwordpassword', {}), ['This password is too common.']);
  assert.deepEqual(checkPasswordRules('Blue-Harbor-42Blue-Harbor-42', {}), []);
});

test('a strong password passes every rule', () => {
  assert.deepEqual(
    checkPasswordRules('Quarry-tangerine-907', { username: 'zoe.muller', email: 'zoe@example.com' }),
    [],
  );
});
