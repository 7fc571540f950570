// One text shape for every source format, so the AI prompt, the character counts and the stored text
// do not depend on whether the CV arrived as PDF, DOCX, ODT or TXT.

// Invisible characters that only split words for search and prompts: soft hyphen, zero-width
// space, word joiner, byte-order mark. ZWJ/ZWNJ stay: some scripts and emoji need them.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
// The hyphen and the non-breaking hyphen LaTeX and Word set in "Évian‑les‑Bains", "part‐time": the
// hyphen-minus every reader of the text knows.
const HYPHENS = /[\u2010\u2011]/g;
const LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;
const CONTROL_EXCEPT_NEWLINE = /(?!\n)\p{Cc}/gu;
// Tabs and the Unicode spaces (NBSP, en/em spaces, thin space, ideographic space) read as one space.
const SPACE_RUN = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * NFC, Unix newlines, no control or invisible characters, plain hyphens, one space between words, no spaces at
 * line ends, at most one blank line in a row. Line breaks are kept: a CV is line-oriented.
 */
export function normalizeText(raw: string): string {
  return raw
    .toWellFormed()
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLE, '')
    .replace(HYPHENS, '-')
    .replace(SPACE_RUN, ' ')
    .replace(CONTROL_EXCEPT_NEWLINE, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Cuts text to at most `maxChars` UTF-16 units, preferring the end of a line (or else of a word)
 * when one is near, and never splitting a surrogate pair.
 */
export function truncateText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  let end = maxChars;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const nearby = Math.floor(maxChars * 0.9);
  const lineEnd = text.lastIndexOf('\n', end);
  if (lineEnd >= nearby) end = lineEnd;
  else {
    const wordEnd = text.lastIndexOf(' ', end);
    if (wordEnd >= nearby) end = wordEnd;
  }
  return { text: text.slice(0, end).trimEnd(), truncated: true };
}

/** Normalized, capped text with its length, as every extractor reports it. */
export function finishText(
  raw: string,
  maxChars: number,
): { text: string; chars: number; truncated: boolean } {
  const { text, truncated } = truncateText(normalizeText(raw), maxChars);
  return { text, chars: text.length, truncated };
}
