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
