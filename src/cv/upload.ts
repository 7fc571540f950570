// Multipart uploads of a CV. The file is read while it streams: the first bytes decide whether it
// can be a document at all (an executable is refused before the rest arrives), and reading stops
// as soon as it passes the size limit. What the route gets in `body.resume` is an UploadedResume.
import path from 'node:path';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import {
  type DocumentType,
  FILE_EXTENSIONS,
  MAX_UPLOAD_BYTES,
  MIME_TYPES,
  readUpload,
} from '../documents/index.ts';
import { AppError, validationError } from '../platform/errors.ts';

export const RESUME_FIELD = 'resume';

/** A CV that arrived whole, within the limit, and whose content is a PDF, DOCX, ODT or TXT. */
export class UploadedResume {
  readonly buffer: Buffer;
  readonly type: DocumentType;
  readonly filename: string;
  constructor(buffer: Buffer, type: DocumentType, clientFilename: string | undefined) {
    this.buffer = buffer;
    this.type = type;
    this.filename = safeFilename(clientFilename, type);
  }
  get contentType(): string {
    return MIME_TYPES[this.type];
  }
}

/**
 * The client's file name, kept as uploaded ("resume.bin" stays "resume.bin": what the file really
 * is has its own field) but made harmless for a header and a file system: no directories, no
 * control characters, at most the column's 255 characters.
 */
export function safeFilename(clientFilename: string | undefined, type: DocumentType): string {
  const base = path.posix
    .basename((clientFilename ?? '').replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  if (base === '' || base === '.' || base === '..') return `resume${FILE_EXTENSIONS[type]}`;
  if (base.length <= 255) return base;
  // Cut in the middle, keeping the extension the name ends with (".docx" whole).
  const extension = path.posix.extname(base).slice(0, 16);
  return `${base.slice(0, 254 - extension.length)}…${extension}`;
}

const BUSBOY_BODY_ERROR =
  /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Malformed part header|Malformed urlencoded form)/;

function tooLarge(): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Please upload a smaller PDF, DOCX, ODT or TXT version of your CV.`,
  );
}

async function readResumePart(part: MultipartFile): Promise<void> {
  if (part.fieldname !== RESUME_FIELD) {
    part.file.resume();
    throw validationError({
      [part.fieldname]: [`Unexpected file; the CV goes in the "${RESUME_FIELD}" field.`],
    });
  }
  // A browser form with no file chosen still sends the part, with no name and no bytes: no file.
  if (part.filename === '' || part.filename === undefined) {
    part.file.resume();
    return;
  }
  let upload: Awaited<ReturnType<typeof readUpload>>;
  try {
    upload = await readUpload(part.file, { maxBytes: MAX_UPLOAD_BYTES });
  } catch (error) {
    // Let busboy finish the rest of the request body; the answer is already decided.
    part.file.resume();
    if (error instanceof AppError && error.code === 'payload_too_large') throw tooLarge();
    if (error instanceof AppError && error.code === 'resume_unreadable') {
      throw validationError({ [RESUME_FIELD]: [error.message] }, error.message);
    }
    throw error;
  }
  // busboy stops at limits.fileSize and marks the stream truncated instead of failing it.
  if (part.file.truncated) throw tooLarge();
  part.value = new UploadedResume(upload.buffer, upload.type, part.filename);
}

/**
 * Accepts multipart/form-data on the routes of the calling plugin only. Fields arrive as strings
 * and the file as an UploadedResume in `request.body`, so one zod schema validates JSON and
 * multipart bodies alike.
 */
export async function registerResumeUploads(app: FastifyInstance): Promise<void> {
  // The multipart parser (busboy) reports a cut-off or malformed body with a plain Error, which
  // would otherwise become a 500. It is the client's body that is broken: say so, then let the
  // app's error handler render it.
  app.setErrorHandler((error) => {
    const plain = error instanceof Error && (error as { statusCode?: number }).statusCode === undefined;
    if (plain && BUSBOY_BODY_ERROR.test(error.message)) {
      throw new AppError(
        'bad_request',
        `The multipart/form-data body is malformed (${error.message}). Send the form again.`,
      );
    }
    throw error;
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: 1,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: 25,
      headerPairs: 100,
    },
    onFile: readResumePart,
  });
}
