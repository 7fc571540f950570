// The operator commands, run as processes against an embedded data folder and, in CI, PostgreSQL.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { createScratchPostgresDatabase, POSTGRES_URL } from './helpers/backends.ts';
import { run } from './helpers/process.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cvimprover commands (embedded)', () => {
  const env = { DATA_DIR: dataDir };

  test('migrate, seed-plans, create-superuser', async () => {
    const migrate = await run('bin/cvimprover.js', ['migrate'], env);
    assert.equal(migrate.code, 0, migrate.output);
    assert.match(migrate.output, /Migrations applied \(pglite\)/);

    const seed = await run('bin/cvimprover.js', ['seed-plans'], env);
    assert.equal(seed.code, 0, seed.output);
    assert.match(seed.output, /created: Free, Basic, Pro, Premium/);
    const again = await run('bin/cvimprover.js', ['seed-plans'], env);
    assert.match(again.output, /created: none; updated: none; unchanged: Free, Basic, Pro, Premium/);
    const update = await run('bin/cvimprover.js', ['seed-plans', '--update'], env);
    assert.match(update.output, /updated: Free, Basic, Pro, Premium/);

    const create = await run(
      'bin/cvimprover.js',
      ['create-superuser', '--username', 'admin', '--email', 'Admin@Example.com', '--no-input'],
      { ...env, CVIMPROVER_SUPERUSER_PASSWORD: 'Staff-Harbor-42' },
    );
    assert.equal(create.code, 0, create.output);
    assert.match(create.output, /Superuser "admin" created/);
    assert.doesNotMatch(create.output, /Staff-Harbor-42/);

    const duplicate = await run(
      'bin/cvimprover.js',
      [
        'create-superuser',
        '--username',
        'ADMIN',
        '--email',
        'other@example.com',
        '--password',
        'Staff-Harbor-42',
      ],
      env,
    );
    assert.equal(duplicate.code, 2);
    assert.match(duplicate.output, /already exists/);
  });

  test('clear errors for bad input', async () => {
    const weak = await run(
      'bin/cvimprover.js',
      [
        'create-superuser',
        '--username',
        'x',
        '--email',
        'x@example.com',
        '--password',
        '12345678',
        '--no-input',
      ],
      env,
    );
    assert.equal(weak.code, 2);
    assert.match(weak.output, /entirely numeric/);
    const missing = await run('bin/cvimprover.js', ['create-superuser', '--no-input'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.output, /--username is required/);
    const unknown = await run('bin/cvimprover.js', ['frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.output, /Unknown command "frobnicate"/);
    const badFlag = await run('bin/cvimprover.js', ['seed-plans', '--force'], env);
    assert.equal(badFlag.code, 2);
  });

  test('help and wrong arguments leave the data folder alone', async () => {
    // A folder that does not exist yet: opening the database would create it.
    const untouched = path.join(dataDir, 'not-created');
    const env = { DATA_DIR: untouched };
    const help = await run('bin/cvimprover.js', ['help'], env);
    assert.equal(help.code, 0);
    assert.match(help.output, /Usage: cvimprover <command>/);
    const count = await run('bin/cvimprover.js', ['create-test-data', '--count', '0'], env);
    assert.equal(count.code, 2);
    assert.match(count.output, /--count must be a whole number/);
    const flag = await run('bin/cvimprover.js', ['cleanup', '--dayz', '30'], env);
    assert.equal(flag.code, 2, flag.output);
    const days = await run('bin/cvimprover.js', ['cleanup', '--days', 'thirty'], env);
    assert.equal(days.code, 2, days.output);
    assert.match(days.output, /--days/);
    const missing = await run('bin/cvimprover.js', ['cleanup', '--dry-run'], env);
    assert.equal(missing.code, 2, missing.output);
    assert.match(missing.output, /--days is required/);
    assert.equal(existsSync(untouched), false);
  });
});

describe('cvimprover commands (PostgreSQL)', {
  skip: POSTGRES_URL ? false : 'TEST_DATABASE_URL is not set',
}, () => {
  test('migrate and seed-plans on an empty database', async () => {
    const scratch = await createScratchPostgresDatabase();
    try {
      const env = { DATABASE_URL: scratch.url };
      const migrate = await run('bin/cvimprover.js', ['migrate'], env);
      assert.equal(migrate.code, 0, migrate.output);
      assert.match(migrate.output, /postgres/);
      assert.equal((await run('bin/cvimprover.js', ['seed-plans'], env)).code, 0);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const { rows } = await client.query('select name from plans order by "order"');
        assert.deepEqual(
          rows.map((r) => r.name),
          ['Free', 'Basic', 'Pro', 'Premium'],
        );
      } finally {
        await client.end();
      }
    } finally {
      await scratch.drop();
    }
  });
});
