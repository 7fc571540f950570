import { createRequire } from 'node:module';
import type sanitize from 'sanitize-html';

export type SanitizeOptions = sanitize.IOptions;

let loaded: typeof sanitize | undefined;

/**
 * sanitize-html (with htmlparser2 under it), required at its first use: an API nobody has sent
 * text to yet need not hold it. Required, not imported, so that sanitizing stays synchronous.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  loaded ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitize;
  return loaded(html, options);
}
