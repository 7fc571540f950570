// Downloads of stored files (uploaded CVs, rendered PDFs). Only the owner gets a file; for anyone
// else it does not exist.
import { DOCUMENT_TYPES, FILE_EXTENSIONS, MIME_TYPES } from '../documents/index.ts';
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

/**
 * RFC 6266 attachment header: an ASCII fallback name plus the exact name in UTF-8. The name gets
 * the extension of what the file really is when it says otherwise (a PDF uploaded as "cv.exe" is
 * saved as "cv.exe.pdf", so the saved file opens in a PDF viewer, never as a program).
 */
export function contentDisposition(uploadedName: string, contentType: string): string {
  const type = DOCUMENT_TYPES.find((t) => MIME_TYPES[t] === contentType);
  const extension = type ? FILE_EXTENSIONS[type] : '';
  const filename = uploadedName.toLowerCase().endsWith(extension)
    ? uploadedName
    : `${uploadedName}${extension}`;
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
