// The limits and maintenance commands, run as processes against an embedded data folder and, with
// TEST_DATABASE_URL, PostgreSQL. A dry run must change nothing; a real run removes what it said.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { createScratchPostgresDatabase, POSTGRES_URL } from './helpers/backends.ts';
import { run } from './helpers/process.ts';

interface Target {
  name: string;
  env: () => Promise<Record<string, string>>;
  open: (env: Record<string, string>) => Promise<Database>;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'cvi-limits-cli-'));
const drops: Array<() => Promise<void>> = [];
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

const targets: Target[] = [
  {
    name: 'embedded',
    env: async () => ({ DATA_DIR: dataDir }),
    open: () => openDatabase({ kind: 'pglite', dataDir }),
  },
];
if (POSTGRES_URL) {
  targets.push({
    name: 'postgres',
    env: async () => {
      const { url, drop } = await createScratchPostgresDatabase();
      drops.push(drop);
      return { DATABASE_URL: url };
    },
    open: (env) => openDatabase({ kind: 'postgres', url: env.DATABASE_URL as string, poolMax: 2 }),
  });
}

/** Row counts, read with the commands' processes gone (PGlite allows one process at a time). */
async function counts(target: Target, env: Record<string, string>) {
  const database = await target.open(env);
  try {
    const one = async (table: string) =>
      Number(
        (
          (await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as {
            rows: Array<{ n: number }>;
          }
        ).rows[0]?.n,
      );
    return {
      users: await one('users'),
      aiResponses: await one('ai_responses'),
      questionnaires: await one('questionnaires'),
      documents: await one('documents'),
      blocks: await one('ip_blocks'),
    };
  } finally {
    await database.close();
  }
}

for (const target of targets) {
  describe(`limits commands (${target.name})`, () => {
    // About ten command processes, each opening the embedded database: slower than one request.
    test('create-test-data, rate-limits, cleanup', { timeout: 300_000 }, async () => {
      const env = await target.env();
      const cli = (...args: string[]) => run('bin/cvimprover.js', args, env);

      assert.equal((await cli('migrate')).code, 0);
      const created = await cli('create-test-data', '--count', '3');
      assert.equal(created.code, 0, created.output);
      assert.match(created.output, /3 users created/);
      const username = /^(demo_\w+_1) \(/m.exec(created.output)?.[1];
      assert.ok(username, created.output);
      const start = await counts(target, env);
      assert.deepEqual([start.users, start.questionnaires, start.aiResponses], [3, 6, 12]);

      const status = await cli('rate-limits', 'status', '--user', username);
      assert.equal(status.code, 0, status.output);
      assert.match(status.output, new RegExp(`User ${username} \\(id \\d+\\), plan Free`));
      assert.match(status.output, /ai_responses\s+0 \/ 3/);
      const one = await cli('rate-limits', 'status', '--user', username, '--scope', 'uploads');
      assert.match(one.output, /uploads/);
      assert.doesNotMatch(one.output, /ai_responses/);
      assert.equal((await cli('rate-limits', 'status', '--user', 'nobody-here')).code, 2);
      assert.equal((await cli('rate-limits', 'status', '--user', username, '--scope', 'everything')).code, 2);
      const reset = await cli('rate-limits', 'reset', '--user', username, '--scope', 'ai_responses');
      assert.equal(reset.code, 0, reset.output);
      assert.match(reset.output, /Reset ai_responses/);

      const block = await cli('rate-limits', 'block-ip', '--ip', '203.0.113.7', '--duration', '30');
      assert.equal(block.code, 0, block.output);
      assert.match(block.output, /Blocked 203\.0\.113\.7 until/);
      assert.match((await cli('rate-limits', 'list-blocked')).output, /203\.0\.113\.7 .* operator/);
      assert.equal((await cli('rate-limits', 'block-ip', '--ip', 'not-an-ip')).code, 2);
      assert.match((await cli('rate-limits', 'unblock-ip', '--ip', '203.0.113.7')).output, /Unblocked/);
      assert.match((await cli('rate-limits', 'list-blocked')).output, /No blocked addresses/);
      assert.equal((await cli('rate-limits', 'frobnicate')).code, 2);

      // Test data spreads rows over 60 days: 30 days keeps some and removes others.
      const dry = await cli('cleanup', '--days', '30', '--files', '--dry-run');
      assert.equal(dry.code, 0, dry.output);
      const wouldRemove = Number(/would remove (\d+) AI responses/.exec(dry.output)?.[1]);
      assert.ok(wouldRemove > 0 && wouldRemove < 12, dry.output);
      assert.match(dry.output, /Nothing was changed/);
      assert.deepEqual(await counts(target, env), start, 'a dry run changes nothing');

      const unconfirmed = await cli('cleanup', '--days', '30');
      assert.equal(unconfirmed.code, 2, 'not a terminal and no --force: refuses');
      assert.match(unconfirmed.output, /add --force/);
      assert.deepEqual(await counts(target, env), start);
      assert.equal((await cli('cleanup')).code, 2, '--days is required');

      const real = await cli('cleanup', '--days', '30', '--files', '--force');
      assert.equal(real.code, 0, real.output);
      assert.match(real.output, new RegExp(`Removed ${wouldRemove} AI responses`));
      const end = await counts(target, env);
      assert.equal(end.aiResponses, 12 - wouldRemove);
      assert.equal(end.questionnaires, 6, 'questionnaires stay');
      assert.match((await cli('cleanup', '--days', '30', '--force')).output, /Nothing to remove|Removed 0/);
    });
  });
}
