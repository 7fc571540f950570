import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('no settings at all: the embedded defaults', () => {
  const config = loadConfig({});
  assert.deepEqual(config.db, { kind: 'pglite', dataDir: './data' });
  assert.equal(config.port, 8000);
  assert.equal(config.auth.emailVerification, 'optional');
  assert.equal(config.redisUrl, undefined);
});

test('DATABASE_URL switches to PostgreSQL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/cv', DB_POOL_MAX: '20' });
  assert.deepEqual(config.db, { kind: 'postgres', url: 'postgres://u@db:5432/cv', poolMax: 20 });
});

test('every bad variable is listed, secrets are not echoed', () => {
  assert.throws(
    () =>
      loadConfig({
        PORT: '99999',
        DATABASE_URL: 'mysql://nope',
        EMAIL_VERIFICATION: 'maybe',
        JWT_SECRET: 'tooshort',
        PLAN_PRICES: '{not json',
        MIGRATE_ON_START: 'perhaps',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const names = error.problems.map((p) => p.split(':')[0]);
      assert.deepEqual(names.sort(), [
        'DATABASE_URL',
        'EMAIL_VERIFICATION',
        'JWT_SECRET',
        'MIGRATE_ON_START',
        'PLAN_PRICES',
        'PORT',
      ]);
      assert.doesNotMatch(error.message, /tooshort|mysql/);
      return true;
    },
  );
});

test('empty strings count as unset for optional URLs', () => {
  const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '', SMTP_URL: '' });
  assert.equal(config.db.kind, 'pglite');
  assert.equal(config.mail.smtpUrl, undefined);
});

test('TRUST_PROXY: hop counts, addresses and CIDRs, and a bad one listed with the others', () => {
  assert.equal(loadConfig({ TRUST_PROXY: '100' }).trustProxy, 100);
  assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy, [
    '10.0.0.0/8',
    '::1',
    'loopback',
  ]);
  for (const bad of ['999.1.1.1', '10.0.0.0/33', '1.2.3', 'proxy.local']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      (error: unknown) => error instanceof ConfigError && /TRUST_PROXY/.test(error.message),
      bad,
    );
  }
  assert.throws(
    () => loadConfig({ TRUST_PROXY: '999.1.1.1', PORT: 'x', QUEUE_DRIVER: 'bullmq' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.length === 3 &&
      error.problems.some((p) => p.startsWith('TRUST_PROXY')) &&
      error.problems.some((p) => p.startsWith('PORT')) &&
      error.problems.some((p) => p.startsWith('QUEUE_DRIVER')),
  );
});

test('WORKER_METRICS_PORT: unset or empty is none, a port number is read, anything else is listed', () => {
  assert.equal(loadConfig({}).metrics.workerPort, undefined);
  assert.equal(loadConfig({ WORKER_METRICS_PORT: '' }).metrics.workerPort, undefined);
  assert.equal(loadConfig({ WORKER_METRICS_PORT: '9464' }).metrics.workerPort, 9464);
  assert.equal(loadConfig({ WORKER_METRICS_PORT: '0' }).metrics.workerPort, 0);
  for (const bad of ['http', '70000', '-1', '94.5']) {
    assert.throws(
      () => loadConfig({ WORKER_METRICS_PORT: bad }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.some((p) => p.startsWith('WORKER_METRICS_PORT')),
      bad,
    );
  }
});
