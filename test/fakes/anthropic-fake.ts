// A loopback Anthropic server speaking the Messages API (`POST /v1/messages`), so tests exercise the
// real @ai-sdk/anthropic: SSE events message_start, content_block_start, ping, content_block_delta
// (text_delta), content_block_stop, message_delta (stop_reason, usage), message_stop; Anthropic's
// error bodies `{type: "error", error: {type, message}}` with their statuses (401, 403, 429 with
// retry-after, 500, 529 overloaded, billing); and the in-stream `event: error`. Scripting and
// recording are shared with the OpenAI fake (see sse.ts).

import {
  approxTokens,
  type FakeErrorKind,
  type FakeServer,
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

export type AnthropicFake = FakeServer;

export function startAnthropicFake(options: StartFakeOptions = {}): Promise<AnthropicFake> {
  return startFakeServer(options, async (ctx) => {
    const { record, res } = ctx;
    if (record.method !== 'POST' || !record.path.endsWith('/v1/messages')) {
      sendJson(res, 404, errorBody('not_found_error', `Not found: ${record.method} ${record.path}`));
      return ctx.finished();
    }
    if (!record.headers['anthropic-version']) {
      sendJson(res, 400, errorBody('invalid_request_error', 'anthropic-version: header is required'));
      return ctx.finished();
    }
    return messages(ctx);
  });
}

interface MessagesBody {
  model?: string;
  stream?: boolean;
  system?: unknown;
  messages?: unknown[];
  max_tokens?: number;
}

async function messages(ctx: ReplyContext): Promise<void> {
  const { reply, res, signal } = ctx;
  if (reply.kind === 'hang') return hang(signal);
  if (reply.kind === 'error') {
    const error = errorResponse(reply.error, ctx.rawKey, reply.retryAfterSeconds);
    sendJson(res, error.status, error.body, error.headers);
    return ctx.finished();
  }
  if (reply.kind === 'http') {
    sendJson(res, reply.status, reply.body, reply.headers ?? {});
    return ctx.finished();
  }

  const body = (
    ctx.record.body && typeof ctx.record.body === 'object' ? ctx.record.body : {}
  ) as MessagesBody;
  const model = (reply.kind === 'text' ? reply.model : undefined) ?? body.model ?? 'claude-fake';
  const id = `msg_${Math.random().toString(36).slice(2, 14)}`;
  const inputTokens =
    (reply.kind === 'text' || reply.kind === 'empty') && reply.usage
      ? reply.usage.input
      : approxTokens(JSON.stringify([body.system ?? '', body.messages ?? []]));
  const outputTokens =
    (reply.kind === 'text' || reply.kind === 'empty') && reply.usage
      ? reply.usage.output
      : reply.kind === 'text'
        ? reply.chunks.length
        : 0;
  const stopReason = reply.kind === 'text' ? (reply.finishReason ?? 'end_turn') : 'end_turn';
  const chunks =
    reply.kind === 'text'
      ? reply.chunks
      : reply.kind === 'malformed' || reply.kind === 'cut' || reply.kind === 'stream-error'
        ? (reply.before ?? [])
        : [];

  if (!body.stream) {
    const text = chunks.join('');
    sendJson(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: text ? [{ type: 'text', text }] : [],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: outputTokens },
    });
    return ctx.finished();
  }

  startSse(res, { 'request-id': `req_${id.slice(4)}` });
  const send = (type: string, data: Record<string, unknown>) => writeEvent(res, { type, ...data }, type);
  send('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      content: [],
      model,
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      },
    },
  });
  const hasBlock = chunks.length > 0 || reply.kind === 'text';
  if (hasBlock) send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  send('ping', {});

  for (const [index, text] of chunks.entries()) {
    if (signal.aborted) return;
    if (index > 0 && reply.kind === 'text') {
      await pause(reply.delayMs ?? 0, signal);
      if (index === 1 && reply.gate) await until(reply.gate, signal);
      if (signal.aborted) return;
    }
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
    ctx.markFirstChunk();
  }
  if (reply.kind === 'text' && reply.chunks.length === 1 && reply.gate) await until(reply.gate, signal);
  if (signal.aborted) return;

  if (reply.kind === 'malformed') {
    res.write(
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n',
    );
    res.end();
    return ctx.finished();
  }
  if (reply.kind === 'cut') {
    ctx.finished();
    (res.socket ?? res).destroy();
    return;
  }
  if (reply.kind === 'stream-error') {
    writeEvent(res, errorResponse(reply.error, null).body, 'error');
    res.end();
    return ctx.finished();
  }

  if (hasBlock) send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
  send('message_stop', {});
  res.end();
  ctx.finished();
}

function errorBody(type: string, message: string): Record<string, unknown> {
  return {
    type: 'error',
    error: { type, message },
    request_id: `req_${Math.random().toString(36).slice(2, 14)}`,
  };
}

export function errorResponse(
  kind: FakeErrorKind,
  rawKey: string | null,
  retryAfterSeconds = 1,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  switch (kind) {
    case 'unauthorized':
      // Anthropic does not echo keys; this fake does, so tests prove that a careless provider's echo never leaks.
      return {
        status: 401,
        body: errorBody('authentication_error', `invalid x-api-key: ${rawKey ?? '(none)'}`),
        headers: {},
      };
    case 'forbidden':
      return {
        status: 403,
        body: errorBody(
          'permission_error',
          'Your API key does not have permission to use the specified resource.',
        ),
        headers: {},
      };
    case 'rate_limited':
      return {
        status: 429,
        body: errorBody(
          'rate_limit_error',
          'This request would exceed the rate limit for your organization of 50 requests per minute.',
        ),
        headers: {
          'retry-after': String(retryAfterSeconds),
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
        },
      };
    case 'insufficient_quota':
      return {
        status: 400,
        body: errorBody(
          'invalid_request_error',
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        ),
        headers: {},
      };
    case 'billing':
      return {
        status: 402,
        body: errorBody('billing_error', 'There is an issue with your account billing.'),
        headers: {},
      };
    case 'overloaded':
      return { status: 529, body: errorBody('overloaded_error', 'Overloaded'), headers: {} };
    case 'server_error':
      return { status: 500, body: errorBody('api_error', 'Internal server error'), headers: {} };
  }
}
