// Why a CV could not be read, and what to tell its owner. The worker reports a reason (an Error
// cannot cross postMessage with its class); the caller turns it into the one AppError callers see.

import { AppError } from '../platform/errors.ts';

export const UNREADABLE_REASONS = [
  'encrypted',
  'no_text_layer',
  'corrupt',
  'empty',
  'too_large',
  'unsupported',
  'timeout',
] as const;

export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

const USER_MESSAGES: Record<UnreadableReason, string> = {
  encrypted:
    'The file is protected by a password. Please remove the password (or print it to a new PDF) and upload it again.',
  no_text_layer:
    'The PDF contains only images of text (it looks scanned), so its text cannot be read. Please upload a PDF with selectable text or a DOCX.',
  corrupt: 'The file is damaged and cannot be read. Please export your CV again and upload the new file.',
  empty: 'The file contains no text. Please upload a CV that has text in it.',
  too_large:
    'The file is too large or too complex to read safely. Please upload a smaller PDF, DOCX, ODT or TXT version of your CV.',
  unsupported:
    'This kind of file is not supported. Please upload your CV as a PDF with selectable text, a DOCX, an ODT or a TXT file.',
  timeout:
    'Reading the file took too long; it may be damaged or unusually complex. Please export your CV again, or upload a DOCX or TXT.',
};

/** Internal failure with a reason; `detail` is for logs, never for the user. */
export class ExtractionFailure extends Error {
  readonly reason: UnreadableReason;
  constructor(reason: UnreadableReason, detail: string) {
    super(detail);
    this.name = 'ExtractionFailure';
    this.reason = reason;
  }
}

export function unreadable(reason: UnreadableReason, detail?: string, cause?: unknown): AppError {
  return new AppError('resume_unreadable', USER_MESSAGES[reason], {
    extensions: { reason },
    cause: cause ?? (detail === undefined ? undefined : new Error(detail)),
  });
}

export function isUnreadableReason(value: unknown): value is UnreadableReason {
  return typeof value === 'string' && (UNREADABLE_REASONS as readonly string[]).includes(value);
}
