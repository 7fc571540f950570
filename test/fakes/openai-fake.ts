// A loopback OpenAI server speaking the real wire protocols, so tests exercise the real SDKs:
// - Chat Completions, `POST /v1/chat/completions` (also what openai-compatible servers speak),
//   SSE `data: {chunk}` lines, a usage chunk when `stream_options.include_usage`, `data: [DONE]`;
// - the Responses API, `POST /v1/responses` (what `openai(model)` uses by default), SSE events
//   `response.created` ... `response.output_text.delta` ... `response.completed` with usage;
// - Azure OpenAI: the same bodies under `/openai/deployments/{deployment}/chat/completions?api-version=`
//   or `/openai/v1/chat/completions`, with the `api-key` header and Azure's error shapes.
// Each request takes the next scripted reply (see sse.ts); requests are recorded with credentials
// redacted, so tests can assert what the model was sent.

import {
  approxTokens,
  type FakeErrorKind,
  type FakeReply,
  type FakeServer,
  type FakeUsage,
  hang,
  pause,
  type ReplyContext,
  type StartFakeOptions,
  sendJson,
  startFakeServer,
  startSse,
  until,
  writeEvent,
} from './sse.ts';

export { createGate, type FakeReply, type FakeServer, type RecordedRequest, reply } from './sse.ts';

export type OpenAiFake = FakeServer;

export function startOpenAiFake(options: StartFakeOptions = {}): Promise<OpenAiFake> {
  return startFakeServer(options, async (ctx) => {
    const { record, res } = ctx;
    const azure = record.path.startsWith('/openai/');
    if (record.method !== 'POST') {
      sendJson(res, 405, openAiErrorBody('Method not allowed.', 'invalid_request_error', null));
      return ctx.finished();
    }
    if (record.path.endsWith('/chat/completions')) return chatCompletions(ctx, azure);
    if (record.path.endsWith('/responses')) return responses(ctx, azure);
    sendJson(
      res,
      404,
      openAiErrorBody(`Unknown path ${record.path}.`, 'invalid_request_error', 'unknown_url'),
    );
    ctx.finished();
  });
}

interface RequestBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: unknown[];
  input?: unknown;
}

function bodyOf(ctx: ReplyContext): RequestBody {
  return ctx.record.body && typeof ctx.record.body === 'object' ? (ctx.record.body as RequestBody) : {};
}

function modelOf(ctx: ReplyContext, reply: FakeReply): string {
  if (reply.kind === 'text' && reply.model) return reply.model;
  const deployment = /\/openai\/deployments\/([^/]+)\//.exec(ctx.record.path)?.[1];
  return bodyOf(ctx).model ?? deployment ?? 'gpt-fake';
}

function usageOf(ctx: ReplyContext, reply: FakeReply): FakeUsage {
  if ((reply.kind === 'text' || reply.kind === 'empty') && reply.usage) return reply.usage;
  const input = approxTokens(JSON.stringify(bodyOf(ctx).messages ?? bodyOf(ctx).input ?? ''));
  return { input, output: reply.kind === 'text' ? reply.chunks.length : 0 };
}

/** Sends an error reply; returns true when the reply was one. */
function sendErrorReply(ctx: ReplyContext, azure: boolean): boolean {
  const { reply, res } = ctx;
  if (reply.kind === 'error') {
    const { status, body, headers } = errorResponse(reply.error, azure, ctx.rawKey, reply.retryAfterSeconds);
    sendJson(res, status, body, headers);
    ctx.finished();
    return true;
  }
  if (reply.kind === 'http') {
    sendJson(res, reply.status, reply.body, reply.headers ?? {});
    ctx.finished();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Chat Completions

async function chatCompletions(ctx: ReplyContext, azure: boolean): Promise<void> {
  const { reply, res, signal } = ctx;
  if (reply.kind === 'hang') return hang(signal);
  if (sendErrorReply(ctx, azure)) return;
  const body = bodyOf(ctx);
  const model = modelOf(ctx, reply);
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 12)}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = usageOf(ctx, reply);
  const usageJson = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };

  if (!body.stream) {
    const text = reply.kind === 'text' ? reply.chunks.join('') : '';
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: reply.kind === 'text' ? (reply.finishReason ?? 'stop') : 'stop',
        },
      ],
      usage: usageJson,
    });
    return ctx.finished();
  }

  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });

  startSse(res, azure ? { 'apim-request-id': id } : { 'x-request-id': id });
  writeEvent(res, chunk({ role: 'assistant', content: '', refusal: null }));

  const before = leadingChunks(reply);
  for (const [index, text] of before.entries()) {
    if (signal.aborted) return;
    if (index > 0 && reply.kind === 'text') {
      await pause(reply.delayMs ?? 0, signal);
      if (index === 1 && reply.gate) await until(reply.gate, signal);
      if (signal.aborted) return;
    }
    writeEvent(res, chunk({ content: text }));
    ctx.markFirstChunk();
  }
  if (reply.kind === 'text' && reply.chunks.length === 1 && reply.gate) await until(reply.gate, signal);
  if (signal.aborted) return;

  if (
    endWithFault(
      ctx,
      () => `{"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"`,
    )
  )
    return;
  if (reply.kind === 'stream-error') {
    const error = errorResponse(reply.error, azure, null);
    writeEvent(res, error.body);
    res.end();
    return ctx.finished();
  }

  const finishReason = reply.kind === 'text' ? (reply.finishReason ?? 'stop') : 'stop';
  writeEvent(res, chunk({}, finishReason));
  if (body.stream_options?.include_usage) {
    writeEvent(res, { id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageJson });
  }
  writeEvent(res, '[DONE]');
  res.end();
  ctx.finished();
}

// ---------------------------------------------------------------------------------------------
// Responses API

async function responses(ctx: ReplyContext, azure: boolean): Promise<void> {
  const { reply, res, signal } = ctx;
  if (reply.kind === 'hang') return hang(signal);
  if (sendErrorReply(ctx, azure)) return;
  const body = bodyOf(ctx);
  const model = modelOf(ctx, reply);
  const id = `resp_${Math.random().toString(36).slice(2, 14)}`;
  const itemId = `msg_${Math.random().toString(36).slice(2, 14)}`;
  const createdAt = Math.floor(Date.now() / 1000);
  const usage = usageOf(ctx, reply);
  const usageJson = {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.input + usage.output,
  };
  const fullText = reply.kind === 'text' ? reply.chunks.join('') : '';
  const messageItem = (text: string, status: string) => ({
    type: 'message',
    id: itemId,
    status,
    role: 'assistant',
    content:
      text === '' && status === 'in_progress'
        ? []
        : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  });
  const responseObject = (status: string, output: unknown[], withUsage: boolean) => ({
    id,
    object: 'response',
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: null,
    model,
    output,
    usage: withUsage ? usageJson : null,
    service_tier: 'default',
  });

  if (!body.stream) {
    const output = reply.kind === 'text' ? [messageItem(fullText, 'completed')] : [];
    sendJson(res, 200, responseObject('completed', output, true));
    return ctx.finished();
  }

  let sequence = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    writeEvent(res, { type, sequence_number: sequence++, ...data }, type);

  startSse(res, { 'x-request-id': id });
  send('response.created', { response: responseObject('in_progress', [], false) });
  send('response.in_progress', { response: responseObject('in_progress', [], false) });

  const before = leadingChunks(reply);
  const hasText = before.length > 0 || reply.kind === 'text';
  if (hasText) {
    send('response.output_item.added', { output_index: 0, item: messageItem('', 'in_progress') });
    send('response.content_part.added', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
    });
  }
  for (const [index, text] of before.entries()) {
    if (signal.aborted) return;
    if (index > 0 && reply.kind === 'text') {
      await pause(reply.delayMs ?? 0, signal);
      if (index === 1 && reply.gate) await until(reply.gate, signal);
      if (signal.aborted) return;
    }
    send('response.output_text.delta', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
    ctx.markFirstChunk();
  }
  if (reply.kind === 'text' && reply.chunks.length === 1 && reply.gate) await until(reply.gate, signal);
  if (signal.aborted) return;

  if (
    endWithFault(
      ctx,
      () => `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"`,
    )
  )
    return;
  if (reply.kind === 'stream-error') {
    const { code, message } = streamErrorOf(reply.error);
    send('error', { code, message, param: null });
    res.end();
    return ctx.finished();
  }

  if (hasText) {
    send('response.output_text.done', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      text: fullText,
      logprobs: [],
    });
    send('response.content_part.done', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: fullText, annotations: [], logprobs: [] },
    });
    send('response.output_item.done', { output_index: 0, item: messageItem(fullText, 'completed') });
  }
  const output = hasText ? [messageItem(fullText, 'completed')] : [];
  send('response.completed', { response: responseObject('completed', output, true) });
  res.end();
  ctx.finished();
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

function leadingChunks(reply: FakeReply): string[] {
  if (reply.kind === 'text') return reply.chunks;
  if (reply.kind === 'malformed' || reply.kind === 'cut' || reply.kind === 'stream-error')
    return reply.before ?? [];
  return [];
}

/** Ends the stream the broken way for 'malformed' and 'cut'; returns true when it did. */
function endWithFault(ctx: ReplyContext, brokenPrefix: () => string): boolean {
  const { reply, res } = ctx;
  if (reply.kind === 'malformed') {
    // A JSON object cut in the middle, as a proxy that truncates lines would deliver it.
    res.write(`${brokenPrefix().startsWith('event:') ? brokenPrefix() : `data: ${brokenPrefix()}`}oops\n\n`);
    res.end();
    ctx.finished();
    return true;
  }
  if (reply.kind === 'cut') {
    ctx.finished();
    (res.socket ?? res).destroy();
    return true;
  }
  return false;
}

function openAiErrorBody(message: string, type: string, code: string | null): Record<string, unknown> {
  return { error: { message, type, param: null, code } };
}

function streamErrorOf(kind: FakeErrorKind): { code: string; message: string } {
  switch (kind) {
    case 'rate_limited':
      return { code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again later.' };
    case 'insufficient_quota':
    case 'billing':
      return { code: 'insufficient_quota', message: 'You exceeded your current quota.' };
    case 'overloaded':
      return { code: 'server_is_overloaded', message: 'The server is overloaded. Please try again later.' };
    case 'unauthorized':
    case 'forbidden':
      return { code: 'invalid_api_key', message: 'Invalid authentication.' };
    default:
      return { code: 'server_error', message: 'The server had an error while processing your request.' };
  }
}

export function errorResponse(
  kind: FakeErrorKind,
  azure: boolean,
  rawKey: string | null,
  retryAfterSeconds = 1,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  if (azure) return azureErrorResponse(kind, retryAfterSeconds);
  switch (kind) {
    case 'unauthorized':
      return {
        status: 401,
        // Echoes the key in full, worse than OpenAI's masked echo, so tests prove it never leaks.
        body: openAiErrorBody(
          `Incorrect API key provided: ${rawKey ?? '(none)'}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
        headers: {},
      };
    case 'forbidden':
      return {
        status: 403,
        body: openAiErrorBody(
          'Country, region, or territory not supported',
          'request_forbidden',
          'unsupported_country_region_territory',
        ),
        headers: {},
      };
    case 'rate_limited':
      return {
        status: 429,
        body: openAiErrorBody(
          'Rate limit reached for gpt-fake in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1.',
          'requests',
          'rate_limit_exceeded',
        ),
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ratelimit-limit-requests': '3',
          'x-ratelimit-remaining-requests': '0',
        },
      };
    case 'insufficient_quota':
    case 'billing':
      return {
        status: 429,
        body: openAiErrorBody(
          'You exceeded your current quota, please check your plan and billing details.',
          'insufficient_quota',
          'insufficient_quota',
        ),
        headers: {},
      };
    case 'overloaded':
      return {
        status: 503,
        body: openAiErrorBody(
          'The engine is currently overloaded, please try again later',
          'server_error',
          null,
        ),
        headers: {},
      };
    case 'server_error':
      return {
        status: 500,
        body: openAiErrorBody(
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        ),
        headers: {},
      };
  }
}

function azureErrorResponse(
  kind: FakeErrorKind,
  retryAfterSeconds: number,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const body = (code: string, message: string) => ({ error: { code, message } });
  switch (kind) {
    case 'unauthorized':
      return {
        status: 401,
        body: body(
          '401',
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        ),
        headers: {},
      };
    case 'forbidden':
      return {
        status: 403,
        body: body('403', 'Traffic is not from an approved private endpoint.'),
        headers: {},
      };
    case 'rate_limited':
    case 'insufficient_quota':
    case 'billing':
      return {
        status: 429,
        body: body(
          '429',
          `Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded token rate limit of your current pricing tier. Please retry after ${retryAfterSeconds} second.`,
        ),
        headers: {
          'retry-after': String(retryAfterSeconds),
          'retry-after-ms': String(retryAfterSeconds * 1000),
        },
      };
    case 'overloaded':
      return {
        status: 503,
        body: body('ServiceUnavailable', 'The service is temporarily unable to process your request.'),
        headers: {},
      };
    case 'server_error':
      return {
        status: 500,
        body: body('InternalServerError', 'The server had an error processing your request.'),
        headers: {},
      };
  }
}
