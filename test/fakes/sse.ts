// Shared machinery of the loopback AI fakes: a real HTTP server on 127.0.0.1, a script of replies
// consumed one per request, request recording, and Server-Sent Events writing. The protocol
// details (paths, JSON shapes, event names) live in openai-fake.ts and anthropic-fake.ts.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeUsage {
  input: number;
  output: number;
}

export type FakeErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'insufficient_quota'
  | 'billing'
  | 'server_error'
  | 'overloaded';

export type FakeReply =
  /** A streamed (or, for stream:false requests, whole) answer made of these chunks. */
  | {
      kind: 'text';
      chunks: string[];
      /** Pause before each chunk after the first. */
      delayMs?: number;
      /** The first chunk is sent, then the rest waits for this promise. */
      gate?: Promise<unknown>;
      usage?: FakeUsage;
      model?: string;
      finishReason?: string;
    }
  /** A well-formed answer with no text at all. */
  | { kind: 'empty'; usage?: FakeUsage }
  /** The provider's own error response for this kind (status, headers and JSON body). */
  | { kind: 'error'; error: FakeErrorKind; retryAfterSeconds?: number }
  /** Any status and body, for shapes the named errors do not cover. */
  | { kind: 'http'; status: number; body: string | Record<string, unknown>; headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Sends these chunks, then a data line that is not JSON, then ends the stream. */
  | { kind: 'malformed'; before?: string[] }
  /** Sends these chunks, then destroys the connection mid-stream. */
  | { kind: 'cut'; before?: string[] }
  /** Sends these chunks, then the protocol's in-stream error event. */
  | { kind: 'stream-error'; error: FakeErrorKind; before?: string[] };

export type ScriptEntry = FakeReply | ((request: RecordedRequest) => FakeReply);

export const reply = {
  text: (...chunks: string[]): FakeReply => ({ kind: 'text', chunks }),
  error: (error: FakeErrorKind, retryAfterSeconds?: number): FakeReply =>
    retryAfterSeconds === undefined ? { kind: 'error', error } : { kind: 'error', error, retryAfterSeconds },
  hang: (): FakeReply => ({ kind: 'hang' }),
  empty: (): FakeReply => ({ kind: 'empty' }),
  malformed: (...before: string[]): FakeReply => ({ kind: 'malformed', before }),
  cut: (...before: string[]): FakeReply => ({ kind: 'cut', before }),
};

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

/** A promise a test resolves when it wants the fake to go on. */
export function createGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; credentials replaced by "[redacted]". */
  headers: Record<string, string>;
  body: unknown;
  /** Which header carried a credential, if any. */
  auth: 'bearer' | 'api-key' | 'x-api-key' | null;
  /** Compares without keeping the key in a printable field. */
  keyMatches(key: string): boolean;
  /** performance.timeOrigin + performance.now() when the request arrived. */
  receivedAt: number;
  /** Same clock, when the first text chunk was written; null until then. */
  firstChunkAt: number | null;
  /** Resolves when the connection of this request has closed, whoever closed it. */
  closed: Promise<void>;
  /** True when the client went away before the fake finished its answer. */
  abortedByClient: boolean;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues replies; each request takes the next one, then the default one. */
  script(...entries: ScriptEntry[]): void;
  setDefault(entry: ScriptEntry): void;
  /** Resolves with the next request to arrive (or the one already waiting at that index). */
  nextRequest(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export interface ReplyContext {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  reply: FakeReply;
  /** Aborted when the fake closes or the client disconnects: every wait must end then. */
  signal: AbortSignal;
  markFirstChunk(): void;
  finished(): void;
  /** The credential as received; only the 401 bodies use it, to echo it back as a careless provider would. */
  rawKey: string | null;
}

export interface StartFakeOptions {
  defaultReply?: ScriptEntry;
  /** When set, requests must carry exactly this key, otherwise the provider's 401 is returned (the scripted reply is used up all the same). */
  apiKey?: string;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}

const CREDENTIAL_HEADERS: Record<string, 'bearer' | 'api-key' | 'x-api-key'> = {
  authorization: 'bearer',
  'api-key': 'api-key',
  'x-api-key': 'x-api-key',
};

export async function startFakeServer(
  options: StartFakeOptions,
  handle: (ctx: ReplyContext) => Promise<void>,
): Promise<FakeServer> {
  const queue: ScriptEntry[] = [];
  let defaultEntry: ScriptEntry = options.defaultReply ?? reply.text('Hello', ' from', ' the fake.');
  const requests: RecordedRequest[] = [];
  const waiters: Array<(r: RecordedRequest) => void> = [];
  let handedOut = 0;
  const sockets = new Set<Socket>();
  const lifetime = new AbortController();

  const server = createServer(async (req, res) => {
    const bodyText = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    let auth: RecordedRequest['auth'] = null;
    let keyHash: string | null = null;
    let rawKey: string | null = null;
    for (const [name, value] of Object.entries(req.headers)) {
      const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
      const credential = CREDENTIAL_HEADERS[name];
      if (credential) {
        auth = credential;
        rawKey = credential === 'bearer' ? text.replace(/^Bearer\s+/i, '') : text;
        keyHash = hash(rawKey);
        headers[name] = '[redacted]';
      } else {
        headers[name] = text;
      }
    }
    let closedResolve!: () => void;
    const closed = new Promise<void>((resolve) => {
      closedResolve = resolve;
    });
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseJson(bodyText),
      auth,
      keyMatches: (key) => keyHash !== null && keyHash === hash(key),
      receivedAt: now(),
      firstChunkAt: null,
      closed,
      abortedByClient: false,
    };
    requests.push(record);
    waiters.shift()?.(record);

    let finished = false;
    const requestAbort = new AbortController();
    const onLifetimeAbort = () => requestAbort.abort();
    lifetime.signal.addEventListener('abort', onLifetimeAbort, { once: true });
    res.on('close', () => {
      if (!finished) record.abortedByClient = true;
      requestAbort.abort();
      lifetime.signal.removeEventListener('abort', onLifetimeAbort);
      closedResolve();
    });

    const entry = queue.shift() ?? defaultEntry;
    let chosen = typeof entry === 'function' ? entry(record) : entry;
    if (options.apiKey !== undefined && !record.keyMatches(options.apiKey)) {
      chosen = { kind: 'error', error: 'unauthorized' };
    }
    try {
      await handle({
        req,
        res,
        record,
        reply: chosen,
        signal: requestAbort.signal,
        markFirstChunk: () => {
          record.firstChunkAt ??= now();
        },
        finished: () => {
          finished = true;
        },
        rawKey,
      });
    } catch (err) {
      if (!requestAbort.signal.aborted) {
        res.destroy(err instanceof Error ? err : new Error(String(err)));
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...entries) => {
      queue.push(...entries);
    },
    setDefault: (entry) => {
      defaultEntry = entry;
    },
    nextRequest: () => {
      const index = handedOut++;
      const existing = requests[index];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => {
        waiters.push(resolve);
      });
    },
    close: async () => {
      lifetime.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes one SSE event; `data` is sent as JSON unless it is already a string. */
export function writeEvent(res: ServerResponse, data: unknown, event?: string): void {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
}

export function startSse(res: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...extraHeaders,
  });
  res.flushHeaders();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Waits for `ms`, or less if the signal aborts; the fakes' own pacing, never a test's. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when the promise does or the signal aborts. */
export function until(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    promise.then(done, done);
  });
}

/** A hanging reply: headers never come, the request stays open until the client gives up. */
export function hang(signal: AbortSignal): Promise<void> {
  return until(new Promise(() => {}), signal);
}

export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
