// The transactional outbox of the BullMQ driver. `writeOutbox` adds a row in the caller's
// transaction along with a NOTIFY, which PostgreSQL delivers only if and when that transaction
// commits: the relay in every process listening wakes up right after commit, claims rows with
// FOR UPDATE SKIP LOCKED (so two processes never send the same row at once), adds them to BullMQ
// and deletes them. A periodic sweep sends rows whose notification was missed (a crash between
// commit and relay, a dropped listener connection).
import { asc, inArray, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, Db } from '../db/database.ts';
import { jobOutbox } from '../db/schema.ts';
import type { Logger } from '../logger.ts';

const CHANNEL = 'cvimprover_job_outbox';
const BATCH = 100;

export interface OutboxEntry {
  id: string;
  name: string;
  payload: unknown;
  options: Record<string, unknown>;
  delayMs: number;
}

export async function writeOutbox(tx: Db, entry: OutboxEntry): Promise<void> {
  await tx.insert(jobOutbox).values({
    id: entry.id,
    name: entry.name,
    payload: entry.payload,
    options: entry.options,
    runAt: sql`now() + ${entry.delayMs} * interval '1 millisecond'`,
  });
  await tx.execute(sql`select pg_notify(${CHANNEL}, '')`);
}

export interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  options: unknown;
  runAt: Date;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Sends whatever is committed now; resolves when this pass is done. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createOutboxRelay(options: {
  database: Database;
  logger: Logger;
  sweepMs: number;
  add(row: OutboxRow): Promise<void>;
}): OutboxRelay {
  const { database, logger } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let sweep: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;

  /** One claimed batch, sent and deleted in one transaction; returns how many rows it moved. */
  async function relayBatch(): Promise<number> {
    return database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(jobOutbox)
        .orderBy(asc(jobOutbox.createdAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      // If Redis fails halfway, the transaction rolls back and every row stays for the next pass;
      // the ones already added are skipped then, since their id is the BullMQ job id.
      for (const row of rows) await options.add(row);
      await tx.delete(jobOutbox).where(
        inArray(
          jobOutbox.id,
          rows.map((row) => row.id),
        ),
      );
      return rows.length;
    });
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      // A commit landed during a pass: run once more after it, as its row may have been missed.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await relayBatch()) === BATCH) {}
        } while (again && !stopped);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox relay failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    async start() {
      unlisten = await listen(database, CHANNEL, () => void kick(), logger);
      sweep = setInterval(() => void kick(), options.sweepMs);
      sweep.unref();
      // Rows left by a process that died before relaying them.
      await kick();
    },
    flush: kick,
    async stop() {
      stopped = true;
      clearInterval(sweep);
      await unlisten?.();
      await running;
    },
  };
}

/** LISTEN on the database: in-process on PGlite, on a connection of its own on PostgreSQL. */
async function listen(
  database: Database,
  channel: string,
  onNotify: () => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  if (database.pglite) return database.pglite.listen(channel, onNotify);
  const pool = database.pool;
  if (!pool) throw new Error('The database has neither a PGlite instance nor a pool');
  let client: pg.PoolClient | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    try {
      const next = await pool.connect();
      next.on('notification', onNotify);
      next.on('error', (error) => {
        logger.warn({ err: error.message }, 'outbox listener connection lost; reconnecting');
        next.release(error);
        if (client === next) client = undefined;
        if (!closed) retry = setTimeout(() => void connect(), 1_000);
      });
      await next.query(`LISTEN ${channel}`);
      client = next;
      // Whatever was committed while the listener was down.
      onNotify();
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox listen failed');
      if (!closed) retry = setTimeout(() => void connect(), 1_000);
    }
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    const held = client;
    client = undefined;
    if (held) {
      await held.query(`UNLISTEN ${channel}`).catch(() => {});
      held.release();
    }
  };
}
