// The databases an integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL
// points at a server (CI sets it). Each suite gets a fresh database of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Opens a new, empty database (migrations not applied). */
  open(): Promise<Database>;
}

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;

const pglite: Backend = { name: 'pglite', open: () => openDatabase({ kind: 'pglite-memory' }) };

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const { url, drop } = await createScratchPostgresDatabase();
    const database = await openDatabase({ kind: 'postgres', url, poolMax: 10 });
    const close = database.close;
    database.close = async () => {
      await close();
      await drop();
    };
    return database;
  },
};

export function backends(): Backend[] {
  return POSTGRES_URL ? [pglite, postgres] : [pglite];
}

/** Why a PostgreSQL suite is skipped, for the test report. */
export const postgresSkipReason = POSTGRES_URL ? false : 'TEST_DATABASE_URL is not set';

/**
 * A new empty database on the test server (or on `serverUrl`, for the benches), and a function
 * that drops it.
 */
export async function createScratchPostgresDatabase(
  serverUrl: string | undefined = POSTGRES_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cvi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
