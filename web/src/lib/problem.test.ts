import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { otherFieldMessages, readProblem } from './problem.ts';

describe('API errors as sentences', () => {
  test('a problem document gives its detail and each field its messages', () => {
    const problem = readProblem(400, {
      type: 'https://cvimprover.dev/problems/validation-error',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has invalid fields.',
      code: 'validation_error',
      errors: { password1: ['This password is too short.'], non_field_errors: ['Passwords differ.'] },
    });
    assert.equal(problem.detail, 'The request has invalid fields.');
    assert.equal(problem.code, 'validation_error');
    assert.deepEqual(problem.fields.password1, ['This password is too short.']);
    assert.deepEqual(otherFieldMessages(problem, ['password1']), ['Passwords differ.']);
  });

  test('a plan limit (429) gives its message', () => {
    const problem = readProblem(429, {
      error: 'rate_limit_exceeded',
      message: 'You have used your 3 AI responses for today.',
    });
    assert.equal(problem.detail, 'You have used your 3 AI responses for today.');
    assert.equal(problem.code, 'rate_limit_exceeded');
  });

  test('no sentence from a 500 or a page that is not JSON: the app says it in its own words', () => {
    assert.equal(readProblem(500, { detail: 'stack trace' }).detail, null);
    assert.equal(readProblem(500, {}).local, 'server');
    assert.equal(readProblem(502, '<html>Bad gateway</html>').local, 'server');
    assert.equal(
      readProblem(503, { detail: 'Billing is not configured on this server.' }).detail,
      'Billing is not configured on this server.',
    );
  });

  test('a message equal to the sentence is not said twice', () => {
    const problem = readProblem(400, {
      detail: 'Unable to log in with provided credentials.',
      errors: { non_field_errors: ['Unable to log in with provided credentials.'] },
    });
    assert.deepEqual(otherFieldMessages(problem, []), []);
  });
});
