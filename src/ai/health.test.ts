import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAiHealth } from './health.ts';

const base = { timeoutMs: 60_000, maxOutputTokens: 4000 };

describe('checkAiHealth', () => {
  it('offline is healthy, and no configuration at all is skipped', () => {
    assert.equal(checkAiHealth({ provider: 'offline', ...base }).status, 'healthy');
    assert.equal(checkAiHealth(null).status, 'skipped');
  });

  it('a provider missing what it needs is unhealthy, with the reason', () => {
    const cases = [
      [{ provider: 'openai' as const }, /API key/],
      [{ provider: 'anthropic' as const }, /API key/],
      [{ provider: 'azure' as const, apiKey: 'k-123456', azureDeployment: 'd' }, /resource name/],
      [{ provider: 'azure' as const, apiKey: 'k-123456', azureResourceName: 'r' }, /deployment/],
      [{ provider: 'openai-compatible' as const, model: 'llama3' }, /base URL/],
      [{ provider: 'openai-compatible' as const, baseUrl: 'http://localhost:11434/v1' }, /model/],
    ] as const;
    for (const [config, reason] of cases) {
      const health = checkAiHealth({ ...base, ...config });
      assert.equal(health.status, 'unhealthy', JSON.stringify(config));
      assert.match(health.detail, reason);
    }
  });

  it('a configured provider is healthy and its detail shows no key or URL path', () => {
    const health = checkAiHealth({
      ...base,
      provider: 'openai-compatible',
      model: 'llama3',
      apiKey: 'secret-key-abcdef',
      baseUrl: 'http://user:pw@localhost:11434/v1?token=abc',
    });
    assert.equal(health.status, 'healthy');
    assert.equal(health.model, 'llama3');
    assert.ok(!health.detail.includes('secret-key-abcdef'));
    assert.ok(!health.detail.includes('pw'));
    assert.ok(!health.detail.includes('token=abc'));
    assert.equal(checkAiHealth({ ...base, provider: 'openai', apiKey: 'sk-123456789' }).status, 'healthy');
  });
});
