// Stored files behind one small interface, so a bucket driver can replace the database later
// without touching the features. The default keeps files in the `documents` table: every API and
// worker process sees the same files, and a file is written or deleted in the same transaction as
// the row that points at it, so a failed request never leaves an orphan behind.
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/database.ts';
import { documents } from './db/schema.ts';

export interface NewStoredFile {
  userId: number;
  /** What the file is for, e.g. `resume` or `improved-pdf`. */
  kind: string;
  contentType: string;
  filename: string;
  data: Buffer;
}

export interface StoredFileInfo {
  id: string;
  userId: number;
  kind: string;
  contentType: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface StoredFile extends StoredFileInfo {
  data: Buffer;
}

export interface StorageOptions {
  /** The transaction of the row that points at the file. */
  tx?: Db;
}

export interface Storage {
  put(file: NewStoredFile, options?: StorageOptions): Promise<StoredFileInfo>;
  get(id: string, options?: StorageOptions): Promise<StoredFile | null>;
  delete(id: string, options?: StorageOptions): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an id `put` could have returned; anything else cannot name a stored file. */
export function isStorageId(id: string): boolean {
  return UUID.test(id);
}

export function createDatabaseStorage(db: Db): Storage {
  return {
    async put(file, options = {}) {
      const row = {
        // Random: download URLs carry the id and must not be guessable.
        id: randomUUID(),
        userId: file.userId,
        kind: file.kind,
        contentType: file.contentType,
        filename: file.filename.slice(0, 255),
        sizeBytes: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
      };
      const [inserted] = await (options.tx ?? db).insert(documents).values(row).returning({
        createdAt: documents.createdAt,
      });
      const { data: _data, ...info } = row;
      return { ...info, createdAt: inserted?.createdAt ?? new Date() };
    },
    async get(id, options = {}) {
      // PostgreSQL rejects a malformed uuid with an error; a malformed id simply names no file.
      if (!isStorageId(id)) return null;
      const [row] = await (options.tx ?? db).select().from(documents).where(eq(documents.id, id));
      return row ?? null;
    },
    async delete(id, options = {}) {
      if (!isStorageId(id)) return;
      await (options.tx ?? db).delete(documents).where(eq(documents.id, id));
    },
  };
}
