import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APICallError, RetryError } from 'ai';
import { AppError } from '../platform/errors.ts';
import { aiError, isRetryableAiError, scrubSecrets, toAiError } from './errors.ts';

const ctx = { providerLabel: 'OpenAI', secrets: ['my-secret-key-123'], timedOut: false, canceled: false };

function apiError(statusCode: number | undefined, body?: object, headers?: Record<string, string>) {
  return new APICallError({
    message: 'failed',
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: { messages: [{ role: 'user', content: 'CV of Jane, jane@example.com' }] },
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(body ? { responseBody: JSON.stringify(body) } : {}),
    ...(headers ? { responseHeaders: headers } : {}),
  });
}

describe('toAiError', () => {
  it('maps statuses and provider codes to the closed list of ai_* codes', () => {
    const cases: Array<[APICallError, string, boolean]> = [
      [apiError(401), 'ai_unavailable', false],
      [apiError(403), 'ai_unavailable', false],
      [
        apiError(404, { error: { type: 'not_found_error', message: 'model: nope' } }),
        'ai_unavailable',
        false,
      ],
      [apiError(429), 'ai_busy', true],
      [
        apiError(429, { error: { type: 'insufficient_quota', code: 'insufficient_quota' } }),
        'ai_quota',
        false,
      ],
      [apiError(402), 'ai_quota', false],
      [
        apiError(400, {
          error: { type: 'invalid_request_error', message: 'Your credit balance is too low' },
        }),
        'ai_quota',
        false,
      ],
      [apiError(408), 'ai_timeout', true],
      [apiError(500), 'ai_unreachable', true],
      [apiError(502), 'ai_unreachable', true],
      [apiError(503), 'ai_busy', true],
      [apiError(529), 'ai_busy', true],
      [apiError(undefined), 'ai_unreachable', true],
    ];
    for (const [error, code, retryable] of cases) {
      const mapped = toAiError(error, ctx);
      assert.equal(mapped.code, code, `status ${error.statusCode}`);
      assert.equal(isRetryableAiError(mapped), retryable, `status ${error.statusCode}`);
    }
  });

  it('unwraps the SDK’s RetryError', () => {
    const retry = new RetryError({
      message: 'x',
      reason: 'maxRetriesExceeded',
      errors: [apiError(500), apiError(401)],
    });
    assert.equal(toAiError(retry, ctx).code, 'ai_unavailable');
  });

  it('prefers cancellation and timeout over whatever the abort surfaced as', () => {
    assert.equal(toAiError(new Error('anything'), { ...ctx, canceled: true }).code, 'job_canceled');
    assert.equal(toAiError(apiError(undefined), { ...ctx, timedOut: true }).code, 'ai_timeout');
  });

  it('keeps the CV and the key out of the error and its cause', () => {
    const mapped = toAiError(apiError(401, { error: { message: 'bad key my-secret-key-123' } }), ctx);
    const cause = mapped.cause instanceof Error ? mapped.cause.message : '';
    for (const text of [mapped.message, cause]) {
      assert.ok(!text.includes('my-secret-key-123'));
      assert.ok(!text.includes('jane@example.com'));
    }
    assert.match(cause, /\[redacted\]/);
  });

  it('carries retry-after into extensions and the Retry-After header', () => {
    const mapped = toAiError(apiError(429, undefined, { 'retry-after': '12' }), ctx);
    assert.equal(mapped.extensions?.retryAfterMs, 12_000);
    assert.equal(mapped.headers?.['Retry-After'], '12');
  });

  it('maps network errors by code, also when nested', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    assert.equal(toAiError(refused, ctx).code, 'ai_unreachable');
    const terminated = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    assert.equal(toAiError(terminated, ctx).code, 'ai_unreachable');
  });
});

describe('isRetryableAiError', () => {
  it('is true only for busy, unreachable and timeout, and false for anything that is not an AppError', () => {
    assert.equal(isRetryableAiError(aiError('ai_busy', 'x')), true);
    assert.equal(isRetryableAiError(aiError('ai_unreachable', 'x')), true);
    assert.equal(isRetryableAiError(aiError('ai_timeout', 'x')), true);
    for (const code of [
      'ai_unavailable',
      'ai_quota',
      'ai_empty',
      'ai_invalid_output',
      'job_canceled',
    ] as const) {
      assert.equal(isRetryableAiError(aiError(code, 'x')), false, code);
    }
    assert.equal(isRetryableAiError(new AppError('ai_busy', 'no extensions')), true);
    assert.equal(isRetryableAiError(new Error('plain')), false);
    assert.equal(isRetryableAiError('ai_busy'), false);
  });
});

describe('scrubSecrets', () => {
  it('removes the configured secrets and anything shaped like a key', () => {
    const text = scrubSecrets(
      'key abcdef123456 then sk-proj-AbC123xyz and Bearer tok_987654 and api-key: zzz999',
      ['abcdef123456'],
    );
    assert.ok(!text.includes('abcdef123456'));
    assert.ok(!text.includes('sk-proj-AbC123xyz'));
    assert.ok(!text.includes('tok_987654'));
    assert.ok(!text.includes('zzz999'));
  });
});
