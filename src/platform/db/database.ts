// Opens the database the config names: PGlite in a data folder (embedded mode) or PostgreSQL
// through a pool (server mode). Both are driven through the same Drizzle schema.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Config } from '../config.ts';
import * as schema from './schema.ts';

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

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by another CV Improver process (pid ${pid}). ` +
        'Stop that process first, or point DATA_DIR at another folder. ' +
        'To run several processes on one database, use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DatabaseLockedError';
  }
}

export type DbTarget = Config['db'] | { kind: 'pglite-memory' };

export async function openDatabase(target: DbTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolMax);
  if (target.kind === 'pglite-memory') return openPglite(undefined);
  return openPglite(target.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = () => {};
  let client: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    releaseLock = acquireLock(path.join(dir, 'cvimprover.lock'), dir);
    try {
      client = await PGlite.create(path.join(dir, 'pgdata'));
    } catch (error) {
      releaseLock();
      throw error;
    }
  } else {
    client = await PGlite.create();
  }
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
    connectionTimeoutMillis: 5_000,
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

/**
 * PGlite is one process's database: a second process on the same folder would corrupt it. The lock
 * file holds the owner's pid; a lock left by a process that no longer runs is taken over.
 */
function acquireLock(file: string, dir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseLockedError(dir, pid);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
