import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { parseMessage, type SmtpFake, startSmtpFake } from '../../test/fakes/smtp-fake.ts';
import { AppError } from './errors.ts';
import { createMailer, type Mailer } from './mailer.ts';

const FROM = 'CV Improver <no-reply@cvimprover.test>';
// Distinctive enough that finding it anywhere in a log line can only mean a leak.
const USER = 'mailer@cvimprover.test';
const PASSWORD = 's3cret-Pässword/with:odd@chars';

interface LogLine {
  level: 'info' | 'warn';
  obj: object;
  msg: string | undefined;
}

function captureLogger() {
  const lines: LogLine[] = [];
  return {
    lines,
    logger: {
      info: (obj: object, msg?: string) => lines.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg?: string) => lines.push({ level: 'warn', obj, msg }),
    },
    /** Everything logged, as text, deep enough to reach nested causes. */
    text: () => lines.map((line) => `${line.msg ?? ''} ${inspect(line.obj, { depth: 20 })}`).join('\n'),
  };
}

function smtpUrl(port: number, pass = PASSWORD): string {
  return `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`;
}

async function rejectsUnavailable(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail('expected the send to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${inspect(error)}`);
  assert.equal(error.code, 'service_unavailable');
  assert.equal(error.status, 503);
  assert.equal(error.message, 'The email could not be sent; try again later.');
  return error;
}

function assertNoPassword(text: string): void {
  const forms = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('base64')];
  for (const form of forms) assert.ok(!text.includes(form), `a form of the password leaked: ${text}`);
}

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

describe('SMTP mailer', () => {
  let fake: SmtpFake;
  let mailer: Mailer;
  const log = captureLogger();

  before(async () => {
    fake = await startSmtpFake({ requireAuth: { user: USER, pass: PASSWORD } });
    mailer = createMailer({ smtpUrl: fake.url, from: FROM, logger: log.logger });
  });
  after(async () => {
    await mailer.close();
    await fake.close();
  });

  test('delivers a message over SMTP after logging in', async () => {
    assert.equal(mailer.kind, 'smtp');
    await mailer.send({
      to: 'zoe@example.com',
      subject: 'Reset your password',
      text: 'Open https://app.example.com/reset?uid=42&token=abc to choose a new password.',
    });
    const message = await fake.waitForMessage((m) => m.to.includes('zoe@example.com'));
    assert.equal(message.from, 'no-reply@cvimprover.test');
    assert.deepEqual(message.to, ['zoe@example.com']);
    assert.equal(message.subject, 'Reset your password');
    assert.equal(
      message.text,
      'Open https://app.example.com/reset?uid=42&token=abc to choose a new password.',
    );
    assert.equal(message.html, null);
    assert.match(message.headers.from ?? '', /CV Improver/);
    assert.equal(fake.failedLogins, 0);
  });

  test('non-ASCII subject and text survive quoted-printable, base64 and multipart/alternative', async () => {
    // Mostly Latin text is sent quoted-printable; mostly non-Latin text is sent base64.
    const latin = 'Hallo Zoë Müller-Łukasiewicz,\nyour CV is ready: https://app.example.com/cv/7?x=1&y=2';
    const cyrillic = 'Здравствуйте, Зоя!\nВаше резюме готово.';
    await mailer.send({ to: 'latin@example.com', subject: 'Grüße, Zoë', text: latin });
    await mailer.send({
      to: 'cyrillic@example.com',
      subject: 'Резюме готово',
      text: cyrillic,
      html: '<p>Ваше резюме <b>готово</b>.</p>',
    });

    const first = await fake.waitForMessage((m) => m.to.includes('latin@example.com'));
    assert.match(first.raw, /Content-Transfer-Encoding: quoted-printable/i);
    assert.equal(first.subject, 'Grüße, Zoë');
    assert.equal(first.text, latin);

    const second = await fake.waitForMessage((m) => m.to.includes('cyrillic@example.com'));
    assert.match(second.raw, /multipart\/alternative/i);
    assert.match(second.raw, /Content-Transfer-Encoding: base64/i);
    assert.equal(second.subject, 'Резюме готово');
    assert.equal(second.text, cyrillic);
    assert.equal(second.html, '<p>Ваше резюме <b>готово</b>.</p>');
  });

  test('the password never reached the log', () => {
    assertNoPassword(log.text());
  });
});

describe('SMTP mailer failures', () => {
  test('a wrong password gives service_unavailable and logs the cause without credentials', async () => {
    const fake = await startSmtpFake({ requireAuth: { user: USER, pass: 'the-right-one' } });
    const log = captureLogger();
    const mailer = createMailer({ smtpUrl: smtpUrl(fake.port), from: FROM, logger: log.logger });
    try {
      const error = await rejectsUnavailable(
        mailer.send({ to: 'zoe@example.com', subject: 'Hi', text: 'Hello' }),
      );
      assert.equal(fake.failedLogins, 1);
      assert.equal(fake.messages.length, 0);

      const warning = log.lines.find(
        (line) => line.level === 'warn' && line.msg === 'Email could not be sent.',
      );
      assert.ok(warning, 'the failure is logged');
      assert.match(inspect(warning.obj, { depth: 10 }), /EAUTH/);
      assertNoPassword(log.text());
      assertNoPassword(inspect(error, { depth: 20 }));
    } finally {
      await mailer.close();
      await fake.close();
    }
  });

  test('credentials a server echoes in its reply are redacted from the log and the error', async () => {
    const authPlain = Buffer.from(`\u0000${USER}\u0000${PASSWORD}`).toString('base64');
    const fake = await startSmtpFake({
      requireAuth: { user: USER, pass: PASSWORD },
      failWith: { stage: 'mail', code: 554, message: `Refused after AUTH PLAIN ${authPlain} (${PASSWORD})` },
    });
    const log = captureLogger();
    const mailer = createMailer({ smtpUrl: fake.url, from: FROM, logger: log.logger });
    try {
      const error = await rejectsUnavailable(
        mailer.send({ to: 'zoe@example.com', subject: 'Hi', text: 'Hello' }),
      );
      const cause = inspect(error.cause);
      assert.match(cause, /554 Refused after AUTH PLAIN \[redacted\] \(\[redacted\]\)/);
      assert.ok(!cause.includes(authPlain));
      assert.ok(!log.text().includes(authPlain));
      assertNoPassword(log.text());
      assertNoPassword(inspect(error, { depth: 20 }));
    } finally {
      await mailer.close();
      await fake.close();
    }
  });

  test('a server that is down gives service_unavailable', async () => {
    const log = captureLogger();
    const mailer = createMailer({ smtpUrl: smtpUrl(await closedPort()), from: FROM, logger: log.logger });
    try {
      const error = await rejectsUnavailable(
        mailer.send({ to: 'zoe@example.com', subject: 'Hi', text: 'Hello' }),
      );
      assert.match(inspect(error.cause), /ECONNECTION|ECONNREFUSED/);
      assertNoPassword(log.text());
      assertNoPassword(inspect(error, { depth: 20 }));
    } finally {
      await mailer.close();
    }
  });

  test('a server refusing the recipient gives service_unavailable', async () => {
    const fake = await startSmtpFake({
      failWith: { stage: 'rcpt', code: 550, message: 'No such user here' },
    });
    const log = captureLogger();
    const mailer = createMailer({ smtpUrl: fake.url, from: FROM, logger: log.logger });
    try {
      const error = await rejectsUnavailable(
        mailer.send({ to: 'nobody@example.com', subject: 'Hi', text: 'Hi' }),
      );
      assert.match(inspect(error.cause), /550/);
      assert.equal(fake.messages.length, 0);
    } finally {
      await mailer.close();
      await fake.close();
    }
  });

  test('a URL that is not SMTP is refused at start-up without echoing it', () => {
    const log = captureLogger();
    for (const bad of [`http://${USER}:${PASSWORD}@127.0.0.1:25`, `not a url ${PASSWORD}`]) {
      assert.throws(
        () => createMailer({ smtpUrl: bad, from: FROM, logger: log.logger }),
        (error: unknown) => error instanceof Error && !inspect(error, { depth: 20 }).includes(PASSWORD),
      );
    }
  });
});

describe('log mailer', () => {
  test('without an SMTP URL, the message with its link goes to the log at info level', async () => {
    const log = captureLogger();
    const mailer = createMailer({ smtpUrl: null, from: FROM, logger: log.logger });
    assert.equal(mailer.kind, 'log');
    const link = 'https://app.example.com/reset?uid=42&token=abc-def';
    await mailer.send({ to: 'zoe@example.com', subject: 'Reset your password', text: `Open ${link}` });
    await mailer.close();

    const line = log.lines.find((l) => l.level === 'info');
    assert.ok(line, 'an info line was written');
    assert.deepEqual(line.obj, {
      mailer: 'log',
      mail: { from: FROM, to: 'zoe@example.com', subject: 'Reset your password', text: `Open ${link}` },
    });
    assert.ok(log.lines.some((l) => l.level === 'warn' && /no SMTP server/i.test(l.msg ?? '')));
    assertNoPassword(log.text());
  });

  test('an empty SMTP URL also means the log mailer', () => {
    for (const smtpUrl of ['', '  ', undefined]) {
      assert.equal(createMailer({ smtpUrl, from: FROM, logger: captureLogger().logger }).kind, 'log');
    }
  });
});

describe('SMTP fake MIME parsing', () => {
  test('decodes a base64 text/plain part inside nested multiparts and skips attachments', () => {
    const raw = [
      'Subject: =?UTF-8?B?w4ljaGVj?= =?UTF-8?Q?_d=C3=A9j=C3=A0?=',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Première ligne\nSeconde ligne').toString('base64'),
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Premi=C3=A8re =',
      'ligne</p>',
      '--inner--',
      '--outer',
      'Content-Type: text/plain; name="cv.txt"',
      'Content-Disposition: attachment; filename="cv.txt"',
      '',
      'attached, not the body',
      '--outer--',
      '',
    ].join('\r\n');
    const parsed = parseMessage(raw);
    assert.equal(parsed.subject, 'Échec déjà');
    assert.equal(parsed.text, 'Première ligne\nSeconde ligne');
    assert.equal(parsed.html, '<p>Première ligne</p>');
  });

  test('reads a single-part 7bit message', () => {
    const parsed = parseMessage('Subject: Plain\r\n folded\r\n\r\nJust text.\r\nTwo lines.\r\n');
    assert.equal(parsed.subject, 'Plain folded');
    assert.equal(parsed.text, 'Just text.\nTwo lines.');
  });
});
