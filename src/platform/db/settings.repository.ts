import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { appSettings } from './schema.ts';

/**
 * Returns a random secret stored under `key`, creating it on first use. Every process on the same
 * database agrees on it, and it survives restarts, so sessions do too. Concurrent first calls are
 * settled by the primary key: whoever inserts first wins, the others read that value.
 */
export async function getOrCreateSecret(db: Db, key: string, bytes = 48): Promise<string> {
  const generated = randomBytes(bytes).toString('base64url');
  await db.insert(appSettings).values({ key, value: generated }).onConflictDoNothing();
  const [row] = await db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, key));
  if (!row || typeof row.value !== 'string') throw new Error(`Setting ${key} is missing or malformed`);
  return row.value;
}
