import type { Transporter } from 'nodemailer';
import { AppError } from './errors.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
  kind: 'smtp' | 'log';
}

export interface MailerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://...`; without it mail goes to the log. */
  smtpUrl?: string | null;
  from: string;
  logger: MailerLogger;
}

// A mail server that stops answering must not hold a request (a password reset) for minutes:
// nodemailer's own defaults are 2 minutes to connect and 10 minutes of socket silence.
const CONNECTION_TIMEOUT_MS = 5000;
const GREETING_TIMEOUT_MS = 5000;
const SOCKET_TIMEOUT_MS = 15000;

export function createMailer(options: MailerOptions): Mailer {
  const smtpUrl = options.smtpUrl?.trim();
  return smtpUrl ? createSmtpMailer(smtpUrl, options) : createLogMailer(options);
}

/**
 * Without an SMTP server, a person running the service locally still needs the verification and
 * reset links, so the message goes to the log; there are no SMTP credentials to leak in this mode.
 */
function createLogMailer({ from, logger }: MailerOptions): Mailer {
  logger.warn({ mailer: 'log' }, 'No SMTP server is configured: emails are written to the log, not sent.');
  return {
    kind: 'log',
    async send(message) {
      logger.info(
        { mailer: 'log', mail: { from, to: message.to, subject: message.subject, text: message.text } },
        'Email not sent (no SMTP server configured); its content follows.',
      );
    },
    async close() {},
  };
}

function createSmtpMailer(smtpUrl: string, { from, logger }: MailerOptions): Mailer {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // URL's own error carries the input, password included, so it is not passed on.
    throw new Error('The SMTP URL is not a valid URL (expected smtp://user:pass@host:port or smtps://...).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`The SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  const redact = redactorFor(url);
  const server = { host: url.hostname, port: url.port || (url.protocol === 'smtps:' ? '465' : '587') };

  const { open: openTransport, close: closeTransport } = lazyTransport(smtpUrl, from, (error) => {
    logger.warn(
      { mailer: 'smtp', smtp: server, err: describeFailure(error, redact) },
      'SMTP transport error.',
    );
  });

  return {
    kind: 'smtp',
    async send(message) {
      try {
        await (await openTransport()).sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
        });
      } catch (error) {
        const reason = describeFailure(error, redact);
        logger.warn({ mailer: 'smtp', smtp: server, err: reason }, 'Email could not be sent.');
        // The cause is the redacted summary, not nodemailer's error, so whoever logs this AppError
        // later cannot print the credentials either.
        throw new AppError('service_unavailable', 'The email could not be sent; try again later.', {
          cause: Object.assign(new Error(reason.message), reason),
        });
      }
    },
    close: closeTransport,
  };
}

/** Loads nodemailer ahead of the first message (see warm-up.ts): 0.1–0.2 s the message need not wait. */
export async function preloadSmtpLibrary(): Promise<void> {
  await import('nodemailer');
}

/**
 * nodemailer, and its pool, from the first message on: about 40 modules and 5 MB of heap that an
 * API sending no mail (most hours of most days) need not hold. The SMTP URL is still checked at
 * start, by the caller.
 */
function lazyTransport(smtpUrl: string, from: string, onError: (error: unknown) => void) {
  let transport: Promise<Transporter> | undefined;
  return {
    open(): Promise<Transporter> {
      transport ??= import('nodemailer').then(({ createTransport }) => {
        const opened = createTransport(
          {
            url: smtpUrl,
            // One pooled connection is reused across messages instead of a TCP + TLS + AUTH handshake each.
            pool: true,
            connectionTimeout: CONNECTION_TIMEOUT_MS,
            greetingTimeout: GREETING_TIMEOUT_MS,
            socketTimeout: SOCKET_TIMEOUT_MS,
          },
          { from },
        );
        // The pool reports some connection failures as events; an 'error' event nobody listens to
        // would end the process.
        opened.on('error', onError);
        return opened;
      });
      return transport;
    },
    async close(): Promise<void> {
      (await transport)?.close();
    },
  };
}

interface FailureSummary {
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
}

function describeFailure(error: unknown, redact: (text: string) => string): FailureSummary {
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const details = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  const summary: FailureSummary = { message: redact(error.message) };
  if (typeof details.code === 'string') summary.code = details.code;
  if (typeof details.responseCode === 'number') summary.responseCode = details.responseCode;
  // The command is only the verb ("AUTH PLAIN", "RCPT TO"), but it goes through the redactor too.
  if (typeof details.command === 'string') summary.command = redact(details.command);
  return summary;
}

/** Removes the SMTP credentials from a text, in every form they travel in on the wire. */
function redactorFor(url: URL): (text: string) => string {
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  if (pass === '') return (text) => text;
  const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
  const secrets = [
    pass,
    url.password,
    b64(pass),
    b64(`\u0000${user}\u0000${pass}`),
    b64(`${user}\u0000${pass}`),
  ]
    .filter((secret) => secret.length > 0)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}
