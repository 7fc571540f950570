// Every model provider through its loopback fake with the real SDK: the same scenarios, the same
// expected AppError codes, whatever the wire protocol.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { startAnthropicFake } from '../../../test/fakes/anthropic-fake.ts';
import { startOpenAiFake } from '../../../test/fakes/openai-fake.ts';
import { createGate, type FakeReply, type FakeServer, reply } from '../../../test/fakes/sse.ts';
import { type AppError, isAppError } from '../../platform/errors.ts';
import { isRetryableAiError } from '../errors.ts';
import { createAiProvider } from '../factory.ts';
import type { AiConfig, AiProviderName, GenerateInput } from '../provider.ts';

const KEY = 'sk-live-THIS-KEY-MUST-NEVER-LEAK-0123456789';

interface Case {
  title: string;
  provider: AiProviderName;
  fake: 'openai' | 'anthropic';
  config(url: string): Partial<AiConfig>;
  /** The request path the SDK must call. */
  path: RegExp;
  auth: 'bearer' | 'api-key' | 'x-api-key';
}

const CASES: Case[] = [
  {
    title: 'openai-compatible (Chat Completions)',
    provider: 'openai-compatible',
    fake: 'openai',
    config: (url) => ({ baseUrl: `${url}/v1`, model: 'llama3.1:8b' }),
    path: /^\/v1\/chat\/completions$/,
    auth: 'bearer',
  },
  {
    title: 'openai (Responses API)',
    provider: 'openai',
    fake: 'openai',
    config: (url) => ({ baseUrl: `${url}/v1`, model: 'gpt-4o-mini' }),
    path: /^\/v1\/responses$/,
    auth: 'bearer',
  },
  {
    title: 'azure (deployment URL, dated API version)',
    provider: 'azure',
    fake: 'openai',
    config: (url) => ({
      baseUrl: `${url}/openai`,
      azureDeployment: 'cv-gpt4o',
      azureApiVersion: '2024-10-21',
    }),
    path: /^\/openai\/deployments\/cv-gpt4o\/chat\/completions$/,
    auth: 'api-key',
  },
  {
    title: 'azure (v1 API)',
    provider: 'azure',
    fake: 'openai',
    config: (url) => ({ baseUrl: `${url}/openai/v1`, azureDeployment: 'cv-gpt4o' }),
    path: /^\/openai\/v1\/chat\/completions$/,
    auth: 'api-key',
  },
  {
    title: 'anthropic (Messages)',
    provider: 'anthropic',
    fake: 'anthropic',
    config: (url) => ({ baseUrl: `${url}/v1`, model: 'claude-sonnet-4-5' }),
    path: /^\/v1\/messages$/,
    auth: 'x-api-key',
  },
];

let openAiFake: FakeServer;
let anthropicFake: FakeServer;

before(async () => {
  openAiFake = await startOpenAiFake();
  anthropicFake = await startAnthropicFake();
});
after(async () => {
  await openAiFake.close();
  await anthropicFake.close();
});

function assertNoKey(err: unknown): void {
  const rendered = [
    inspect(err, { depth: 5 }),
    err instanceof Error ? err.message : '',
    JSON.stringify((err as AppError).extensions ?? {}),
    JSON.stringify((err as AppError).headers ?? {}),
  ].join('\n');
  assert.ok(!rendered.includes(KEY), 'the API key must not appear in the error');
  assert.ok(!rendered.includes('NEVER-LEAK'), 'no part of the API key may appear in the error');
}

for (const c of CASES) {
  describe(`${c.title} through its fake`, () => {
    const fake = () => (c.fake === 'openai' ? openAiFake : anthropicFake);
    const provider = (overrides: Partial<AiConfig> = {}) =>
      createAiProvider({
        provider: c.provider,
        apiKey: KEY,
        timeoutMs: 10_000,
        maxOutputTokens: 321,
        ...c.config(fake().url),
        ...overrides,
      });

    async function expectFailure(
      replyToScript: FakeReply,
      code: string,
      retryable: boolean,
      input: Partial<GenerateInput> = {},
      overrides: Partial<AiConfig> = {},
    ): Promise<AppError> {
      fake().script(replyToScript);
      const error = await provider(overrides)
        .generate({ system: 'sys', prompt: 'Improve this.', ...input })
        .then(
          () => assert.fail('expected a failure'),
          (err: unknown) => err,
        );
      assert.ok(isAppError(error), `an AppError, got ${inspect(error)}`);
      assert.equal(error.code, code, error.message);
      assert.equal(error.extensions?.retryable, retryable);
      assert.equal(isRetryableAiError(error), retryable);
      assertNoKey(error);
      return error;
    }

    it('streams the answer in order, reads usage and the model, and sends the prompt', async () => {
      fake().script({
        kind: 'text',
        chunks: ['# Ann Lee\n', '\n## Experience', '\n- Built ', 'dashboards'],
        usage: { input: 1234, output: 56 },
        model: 'reported-model-2025',
      });
      const deltas: string[] = [];
      const p = provider();
      assert.equal(p.name, c.provider);
      const result = await p.generate({
        system: 'SYSTEM RULES',
        prompt: '<cv>\nAnn Lee\n</cv>',
        onDelta: (d) => deltas.push(d),
      });
      assert.deepEqual(deltas, ['# Ann Lee\n', '\n## Experience', '\n- Built ', 'dashboards']);
      assert.equal(result.text, '# Ann Lee\n\n## Experience\n- Built dashboards');
      assert.deepEqual(result.usage, { prompt_tokens: 1234, completion_tokens: 56 });
      assert.equal(result.model, 'reported-model-2025');
      assert.ok(['stop', 'end_turn', 'completed'].includes(result.finishReason), result.finishReason);
      assert.equal(typeof result.firstTokenMs, 'number');
      assert.ok(result.totalMs >= (result.firstTokenMs ?? 0));

      const request = fake().requests.at(-1)!;
      assert.match(request.path, c.path);
      assert.equal(request.auth, c.auth);
      assert.ok(request.keyMatches(KEY), 'the configured key was sent');
      assert.ok(!JSON.stringify(request.headers).includes(KEY), 'the fake does not keep the key printable');
      if (c.path.source.includes('deployments')) assert.equal(request.query['api-version'], '2024-10-21');
      const body = JSON.stringify(request.body);
      assert.match(body, /SYSTEM RULES/);
      assert.match(body, /<cv>\\nAnn Lee\\n<\/cv>/);
      assert.match(body, /"stream":true/);
      assert.match(body, /321/, 'the output token limit is sent');
    });

    it('401 → ai_unavailable, not retryable, and the key echoed by the provider does not leak', async () => {
      const err = await expectFailure(reply.error('unauthorized'), 'ai_unavailable', false);
      assert.equal(err.extensions?.providerStatus, 401);
    });

    it('403 → ai_unavailable', async () => {
      await expectFailure(reply.error('forbidden'), 'ai_unavailable', false);
    });

    it('429 → ai_busy, retryable, with the provider’s retry-after', async () => {
      const err = await expectFailure(reply.error('rate_limited', 7), 'ai_busy', true);
      assert.equal(err.extensions?.retryAfterMs, 7000);
      assert.equal(err.headers?.['Retry-After'], '7');
    });

    if (c.provider !== 'azure') {
      it('exhausted quota or credit → ai_quota, not retryable', async () => {
        await expectFailure(reply.error('insufficient_quota'), 'ai_quota', false);
      });
    }

    if (c.fake === 'anthropic') {
      it('402 billing_error → ai_quota; 529 overloaded → ai_busy', async () => {
        await expectFailure(reply.error('billing'), 'ai_quota', false);
        await expectFailure(reply.error('overloaded'), 'ai_busy', true);
      });
    }

    it('500 → ai_unreachable, retryable', async () => {
      await expectFailure(reply.error('server_error'), 'ai_unreachable', true);
    });

    it('an error event inside the stream → the code of its kind', async () => {
      await expectFailure(
        { kind: 'stream-error', error: 'overloaded', before: ['partial'] },
        'ai_busy',
        true,
      );
    });

    it('an empty answer → ai_empty, not retryable', async () => {
      await expectFailure(reply.empty(), 'ai_empty', false);
    });

    it('a malformed stream → ai_invalid_output', async () => {
      await expectFailure(reply.malformed('good start'), 'ai_invalid_output', false);
    });

    it('a connection cut mid-stream → ai_unreachable, retryable', async () => {
      await expectFailure(reply.cut('good start'), 'ai_unreachable', true);
    });

    it('a provider that never answers → ai_timeout after the configured time, and the request is closed', async () => {
      const started = performance.now();
      await expectFailure(reply.hang(), 'ai_timeout', true, {}, { timeoutMs: 300 });
      assert.ok(performance.now() - started < 5000);
      const request = fake().requests.at(-1)!;
      await request.closed;
      assert.equal(request.abortedByClient, true);
    });

    it('a stream that stalls after the first chunk → ai_timeout', async () => {
      const gate = createGate();
      const deltas: string[] = [];
      await expectFailure(
        { kind: 'text', chunks: ['first', 'never'], gate: gate.promise },
        'ai_timeout',
        true,
        { onDelta: (d) => deltas.push(d) },
        { timeoutMs: 400 },
      );
      assert.deepEqual(deltas, ['first']);
      gate.open();
    });

    it('aborting the caller’s signal stops the HTTP stream at once → job_canceled', async () => {
      const gate = createGate();
      const controller = new AbortController();
      const deltas: string[] = [];
      let abortedAt = 0;
      const err = await expectFailure(
        { kind: 'text', chunks: ['first', 'second'], gate: gate.promise },
        'job_canceled',
        false,
        {
          signal: controller.signal,
          onDelta: (d) => {
            deltas.push(d);
            abortedAt = performance.now();
            controller.abort();
          },
        },
      );
      // The call budget is 10 s: an abort the SDK ignored would only end there.
      assert.ok(performance.now() - abortedAt < 2000, 'the call ended promptly after the abort');
      assert.deepEqual(deltas, ['first']);
      assert.ok(err.message.length > 0);
      // The server sees the connection go away while its answer is still held by the gate.
      const request = fake().requests.at(-1)!;
      await request.closed;
      assert.equal(request.abortedByClient, true);
      gate.open();
    });

    it('an unreachable server → ai_unreachable, retryable', async () => {
      const gone = c.fake === 'openai' ? await startOpenAiFake() : await startAnthropicFake();
      const url = gone.url;
      await gone.close();
      fake().script(); // nothing: the request never reaches a fake
      const p = createAiProvider({
        provider: c.provider,
        apiKey: KEY,
        timeoutMs: 5000,
        maxOutputTokens: 10,
        ...c.config(url),
      });
      const err = await p.generate({ system: 's', prompt: 'p' }).then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(isAppError(err));
      assert.equal(err.code, 'ai_unreachable');
      assert.equal(isRetryableAiError(err), true);
      assertNoKey(err);
    });
  });
}

describe('provider configuration', () => {
  it('a provider without its key fails its calls with ai_unavailable and says what is missing', async () => {
    const p = createAiProvider({ provider: 'openai', timeoutMs: 1000, maxOutputTokens: 10 });
    assert.equal(p.checkConfig().ok, false);
    await assert.rejects(
      p.generate({ system: 's', prompt: 'p' }),
      (err) => isAppError(err) && err.code === 'ai_unavailable' && /API key/.test(err.message),
    );
  });
});
