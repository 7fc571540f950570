// Downloads of stored files (uploaded CVs, rendered PDFs). Only the owner gets a file; for anyone
// else it does not exist.
import { notFound } from '../platform/errors.ts';
import type { Storage, StoredFile } from '../platform/storage.ts';

export function createDocumentService(deps: { storage: Storage }) {
  return {
    async download(userId: number, id: string): Promise<StoredFile> {
      const file = await deps.storage.get(id);
      if (!file || file.userId !== userId) throw notFound('Document not found.');
      return file;
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;

/** RFC 6266 attachment header: an ASCII fallback name plus the exact name in UTF-8. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
