// Opens the database the config names: PGlite in a data folder (embedded mode) or PostgreSQL
// through a pool (server mode). Both are driven through the same Drizzle schema.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireLock } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export { DatabaseLockedError } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** The PGlite instance in embedded mode (the queue runs on it too). */
  pglite: PGlite | undefined;
  /** The pg pool in server mode. */
  pool: pg.Pool | undefined;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DbTarget = Config['db'] | { kind: 'pglite-memory' };

export async function openDatabase(target: DbTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolMax);
  if (target.kind === 'pglite-memory') return openPglite(undefined);
  return openPglite(target.dataDir);
}

// PostgreSQL's defaults size its caches for a server of its own (128 MB of shared buffers), and
// inside PGlite they are WebAssembly memory that never shrinks: most of the embedded process's RSS.
// A CV service's working set is a few megabytes; the operating system caches the data files anyway.
const PGLITE_SETTINGS = [
  'shared_buffers=16MB',
  'work_mem=2MB',
  'maintenance_work_mem=8MB',
  'wal_buffers=1MB',
];

/**
 * PGlite and its Drizzle driver, imported when embedded mode opens: a server-mode process (API,
 * worker, CLI against PostgreSQL) never runs them and need not hold them.
 */
async function loadPglite() {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  return { PGlite, drizzlePglite: drizzle, migratePglite: migrate };
}

/**
 * PGlite copies its table of type parsers (over 300 entries: every type and array type) into a new
 * object on every query that brings parsers of its own, as each of Drizzle's queries does: measured
 * at about 0.2 ms, more than a small query's own cost. With the table behind a prototype, that copy
 * is empty and every lookup still finds its parser. Queries with parsers of their own (Drizzle's)
 * then use PGlite's built-in parsers plus their own, without the array types the table adds at
 * start; no query of this project reads an array column.
 */
function shareParsers(client: PGlite): void {
  const holder = client as unknown as { parsers: Record<number, unknown> };
  holder.parsers = Object.create(holder.parsers);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite, drizzlePglite, migratePglite } = await loadPglite();
  let releaseLock = () => {};
  let client: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    releaseLock = acquireLock(path.join(dir, 'cvimprover.lock'), dir);
    try {
      client = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), postgresqlconf: PGLITE_SETTINGS });
    } catch (error) {
      releaseLock();
      throw error;
    }
  } else {
    client = await PGlite.create({ postgresqlconf: PGLITE_SETTINGS });
  }
  shareParsers(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    pool: undefined,
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    // A database that does not answer is an outage to report within a second (503 with
    // Retry-After), not a request to hold open; waiting this long for a pooled client means overload.
    connectionTimeoutMillis: 1_000,
    idleTimeoutMillis: 30_000,
    application_name: 'cvimprover',
  });
  // An idle client that loses its connection emits 'error'; without a listener that kills the process.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    pool,
    migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
