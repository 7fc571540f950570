// The loopback fakes are shared with other integration tests and the bench, so the parts the
// provider tests do not reach (non-streamed answers, scripting by function, key checks, timing
// fields) are checked here with plain fetch.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAnthropicFake } from '../../test/fakes/anthropic-fake.ts';
import { startOpenAiFake } from '../../test/fakes/openai-fake.ts';
import { type FakeServer, reply } from '../../test/fakes/sse.ts';

let openai: FakeServer;
let anthropic: FakeServer;

before(async () => {
  openai = await startOpenAiFake({ apiKey: 'sk-fake-key-0001' });
  anthropic = await startAnthropicFake();
});
after(async () => {
  await openai.close();
  await anthropic.close();
});

const post = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('loopback AI fakes', () => {
  it('answers non-streamed Chat Completions and Responses requests with the whole text and usage', async () => {
    openai.script(reply.text('Hello', ' world'), {
      kind: 'text',
      chunks: ['Hi'],
      usage: { input: 9, output: 1 },
    });
    const chat = await post(
      `${openai.url}/v1/chat/completions`,
      { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] },
      { authorization: 'Bearer sk-fake-key-0001' },
    );
    assert.equal(chat.status, 200);
    const chatBody = (await chat.json()) as {
      model: string;
      choices: Array<{ message: { content: string } }>;
    };
    assert.equal(chatBody.model, 'gpt-x');
    assert.equal(chatBody.choices[0]?.message.content, 'Hello world');

    const responses = await post(
      `${openai.url}/v1/responses`,
      { model: 'gpt-y', input: 'hi' },
      { authorization: 'Bearer sk-fake-key-0001' },
    );
    const responsesBody = (await responses.json()) as {
      output: Array<{ content: Array<{ text: string }> }>;
      usage: { input_tokens: number; output_tokens: number };
    };
    assert.equal(responsesBody.output[0]?.content[0]?.text, 'Hi');
    assert.deepEqual([responsesBody.usage.input_tokens, responsesBody.usage.output_tokens], [9, 1]);
  });

  it('refuses a wrong key with the provider’s 401 when a key is required', async () => {
    const res = await post(
      `${openai.url}/v1/chat/completions`,
      { model: 'm', messages: [] },
      { authorization: 'Bearer nope' },
    );
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'invalid_api_key');
    assert.equal(openai.requests.at(-1)?.headers.authorization, '[redacted]');
  });

  it('takes scripted functions and a default reply, records timing, and hands requests out in order', async () => {
    anthropic.setDefault((request) => reply.text(`you sent ${(request.body as { model: string }).model}`));
    const next = anthropic.nextRequest();
    anthropic.script(reply.error('overloaded'));
    const overloaded = await post(
      `${anthropic.url}/v1/messages`,
      { model: 'claude-a', max_tokens: 5, messages: [] },
      { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    );
    assert.equal(overloaded.status, 529);
    assert.equal((await next).path, '/v1/messages');

    const streamed = await post(
      `${anthropic.url}/v1/messages`,
      { model: 'claude-b', max_tokens: 5, stream: true, messages: [] },
      { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    );
    const events = await streamed.text();
    assert.match(events, /event: message_start/);
    assert.match(events, /"text_delta","text":"you sent claude-b"/);
    assert.match(events, /event: message_stop/);
    const record = anthropic.requests.at(-1)!;
    assert.ok(record.firstChunkAt !== null && record.firstChunkAt >= record.receivedAt);
    assert.ok(record.keyMatches('k'));
  });

  it('requires the anthropic-version header, as the real API does', async () => {
    const res = await post(
      `${anthropic.url}/v1/messages`,
      { model: 'c', max_tokens: 5, messages: [] },
      { 'x-api-key': 'k' },
    );
    assert.equal(res.status, 400);
  });
});
