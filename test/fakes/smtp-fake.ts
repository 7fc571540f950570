// A loopback SMTP server for tests: a real SMTP dialogue (smtp-server), so the real nodemailer
// transport is what gets exercised, and just enough MIME parsing to assert on what a person would
// read in the message (subject, plain text, html).

import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

export interface ReceivedMessage {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  /** The decoded text/plain body; '' when the message has none. */
  text: string;
  /** The decoded text/html body, when there is one. */
  html: string | null;
  headers: Record<string, string>;
  raw: string;
}

/** Makes the server refuse a step of the dialogue with that SMTP reply. */
export interface SmtpFailure {
  stage: 'mail' | 'rcpt' | 'data';
  code: number;
  message: string;
}

export interface SmtpFakeOptions {
  requireAuth?: { user: string; pass: string };
  failWith?: SmtpFailure;
}

export interface SmtpFake {
  /** `smtp://[user:pass@]127.0.0.1:port`, ready for the mailer. */
  url: string;
  port: number;
  messages: ReceivedMessage[];
  /** Failed AUTH attempts seen, to tell a refused login from a transport failure. */
  failedLogins: number;
  /** Resolves with the first message, already received or coming, that matches. */
  waitForMessage(
    predicate?: (message: ReceivedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMessage>;
  close(): Promise<void>;
}

export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<SmtpFake> {
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<(message: ReceivedMessage) => void>();
  const { requireAuth, failWith } = options;
  const state = { failedLogins: 0 };

  const refuse = (stage: SmtpFailure['stage']): SMTPServerError | null => {
    if (failWith?.stage !== stage) return null;
    const error: SMTPServerError = new Error(failWith.message);
    error.responseCode = failWith.code;
    return error;
  };

  const server = new SMTPServer({
    // No TLS on loopback: hiding STARTTLS keeps nodemailer from upgrading to the built-in
    // self-signed certificate, and insecure auth lets it log in over plain text.
    disabledCommands: requireAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !requireAuth,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (requireAuth && auth.username === requireAuth.user && auth.password === requireAuth.pass) {
        callback(null, { user: auth.username });
        return;
      }
      state.failedLogins++;
      const error: SMTPServerError = new Error('5.7.8 Authentication credentials invalid');
      error.responseCode = 535;
      callback(error);
    },
    onMailFrom(_address, _session, callback) {
      callback(refuse('mail'));
    },
    onRcptTo(_address, _session, callback) {
      callback(refuse('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const failure = refuse('data');
        if (failure) {
          callback(failure);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        const message: ReceivedMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
          raw,
        };
        messages.push(message);
        for (const waiter of [...waiters]) waiter(message);
        callback(null);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = requireAuth
    ? `${encodeURIComponent(requireAuth.user)}:${encodeURIComponent(requireAuth.pass)}@`
    : '';

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    get failedLogins() {
      return state.failedLogins;
    },
    waitForMessage(predicate = () => true, timeoutMs = 5000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = (message: ReceivedMessage) => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(message);
        };
        // A bound on waiting, not a pause: it only fires when the message never comes.
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message within ${timeoutMs} ms (${messages.length} received).`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // smtp-server otherwise waits 30 s for idle (pooled) clients to leave before it closes.
        for (const connection of server.connections) {
          connection.send(421, 'Server shutting down');
          connection.close();
        }
      }),
  };
}

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

/** Splits a message or part into lower-cased, unfolded headers and its body. */
function splitPart(raw: string): MimePart {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins, as for Subject; repeated trace headers do not matter here.
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function headerParam(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const charset = headerParam(part.headers['content-type'] ?? '', 'charset') ?? 'utf-8';
  let bytes: Buffer;
  if (encoding === 'base64') {
    bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  } else if (encoding === 'quoted-printable') {
    bytes = decodeQuotedPrintable(part.body);
  } else {
    bytes = Buffer.from(part.body, 'utf8');
  }
  const text = new TextDecoder(charset).decode(bytes);
  // The body ends with the line break before the boundary or the end of DATA; it is not content.
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function decodeQuotedPrintable(body: string): Buffer {
  const softBreaksRemoved = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const char = softBreaksRemoved[i];
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(char ?? '', 'utf8')) bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_word, charset: string, kind: string, text: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}

/** Walks multipart bodies depth first and keeps the first text/plain and text/html parts. */
function collectBodies(part: MimePart, found: { text: string | null; html: string | null }): void {
  const contentType = part.headers['content-type'] ?? 'text/plain';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(contentType, 'boundary');
    if (!boundary) return;
    const sections = part.body.split(`--${boundary}`);
    // Before the first delimiter is the preamble; from `--boundary--` on is the epilogue.
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      collectBodies(splitPart(section.replace(/^[ \t]*\r?\n/, '')), found);
    }
    return;
  }
  if (/^attachment/i.test(part.headers['content-disposition'] ?? '')) return;
  if (type === 'text/plain' && found.text === null) found.text = decodeBody(part);
  if (type === 'text/html' && found.html === null) found.html = decodeBody(part);
}

export function parseMessage(raw: string): Omit<ReceivedMessage, 'from' | 'to' | 'raw'> {
  const root = splitPart(raw);
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  collectBodies(root, found);
  return {
    subject: decodeHeader(root.headers.subject ?? ''),
    text: found.text ?? '',
    html: found.html,
    headers: root.headers,
  };
}
