// Every migration applies cleanly to an empty PGlite and an empty PostgreSQL (the server in CI is
// version 15, the oldest we support), and applying them again changes nothing.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from '../src/platform/db/database.ts';
import { backends } from './helpers/backends.ts';

const EXPECTED_TABLES = [
  'users',
  'plans',
  'sessions',
  'refresh_tokens',
  'email_tokens',
  'login_throttle',
  'app_settings',
  'questionnaires',
  'documents',
  'ai_responses',
];

for (const backend of backends()) {
  describe(`migrations on ${backend.name}`, () => {
    test('apply to an empty database, twice', async () => {
      const database = await backend.open();
      try {
        await database.migrate();
        await database.migrate();
        const rows = (await database.db.execute(
          sql`select table_name from information_schema.tables where table_schema = 'public'`,
        )) as unknown as { rows: Array<{ table_name: string }> };
        const tables = rows.rows.map((r) => r.table_name);
        for (const table of EXPECTED_TABLES) assert.ok(tables.includes(table), `${table} exists`);
        const applied = (await database.db.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )) as unknown as {
          rows: Array<{ n: number }>;
        };
        const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql'));
        assert.equal(applied.rows[0]?.n, files.length, 'each migration recorded once');
        if (backend.name === 'postgres') {
          const version = (await database.db.execute(sql`show server_version_num`)) as unknown as {
            rows: Array<{ server_version_num: string }>;
          };
          assert.ok(Number(version.rows[0]?.server_version_num) >= 150000);
        }
      } finally {
        await database.close();
      }
    });
  });
}
