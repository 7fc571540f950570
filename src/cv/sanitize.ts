// Questionnaire text is shown back to users (and in other people's admin tools), and it is pasted
// from job boards full of markup. Sanitizing keeps the words and drops anything a browser could
// run. It is not HTML escaping: "a < b and c > d" is ordinary text and stays as it is, because
// every consumer of the API escapes on output; what must go is markup that survives naive output.

import { type SanitizeOptions, sanitizeHtml } from '../platform/sanitize-html.ts';

// Markup goes through an HTML parser (sanitize-html over htmlparser2), which reads malformed and
// unclosed tags as a browser does; everything is discarded but the text, and the text of script
// and style elements goes too. Entities are not decoded: "R&amp;D" stays as written.
const STRIP_ALL: SanitizeOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style'],
  parser: { decodeEntities: false },
};
// A tag starts with "<" right before a letter, "/" + letter, "!" or "?": "a < b" is not a tag. A
// space goes before each, so "Build<br>things" stays two words, except right after "<", where it
// would stop "<<b>img onerror=...>" from collapsing into a tag that the next round removes, and
// after white space, where one is there already.
const TAG_START = /(?<![\s<])<(?=[a-z/!?])/gi;
// The parser returns HTML text, escaping "<", ">" and a bare "&". The text is wanted as written,
// so "&" is hidden from it behind a private-use character (itself doubled when the input has it),
// and what remains escaped afterwards was escaped by the parser.
const HIDE = '\ue000';
const HIDDEN = /\ue000([\ue000\ue001])/g;
const ESCAPED = /&(lt|gt);/g;
const NEEDS_PARSER = /[<&]/;

/** The text of `input` with every tag, comment and script or style element removed. */
function stripMarkup(input: string): string {
  // Text without a tag or an entity comes out of the parser as it went in; most fields are such.
  if (!NEEDS_PARSER.test(input)) return input;
  const hidden = input.replaceAll(HIDE, HIDE + HIDE).replaceAll('&', `${HIDE}\ue001`);
  return sanitizeHtml(hidden.replace(TAG_START, ' <'), STRIP_ALL)
    .replace(ESCAPED, (_escape, name: string) => (name === 'lt' ? '<' : '>'))
    .replace(HIDDEN, (_pair, which: string) => (which === HIDE ? HIDE : '&'));
}

// Schemes that run code when a sanitized value ends up in an href. Browsers ignore white space and
// control characters inside the scheme name ("java\tscript:"), so the pattern does too.
const GAP = '[\\s\\u0000-\\u001f]*';
const SCRIPT_URL = new RegExp(
  [
    ['j', 'a', 'v', 'a', 's', 'c', 'r', 'i', 'p', 't', ':'].join(GAP),
    ['v', 'b', 's', 'c', 'r', 'i', 'p', 't', ':'].join(GAP),
    'data\\s*:\\s*text\\/html',
  ].join('|'),
  'gi',
);
// Event handler attributes (onclick=, onerror = "..."), with their value.
const EVENT_HANDLER = /\bon[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|`[^`]*`|[^\s>]*)/gi;
const OPENING = '([{';
const CLOSING = ')]}';

/**
 * Removes a script URL with its payload: "javascript:alert(document.cookie)" goes whole, not just
 * its scheme. The payload runs to the first white space or quote outside brackets.
 */
function removeScriptUrls(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(SCRIPT_URL)) {
    const start = match.index ?? 0;
    if (start < from) continue;
    // "JavaScript: React" in a skills line is a word and a colon. A URL's payload follows its
    // scheme at once; only at the very start of a value could spaces come between them.
    const next = text[start + match[0].length] ?? '';
    if (/\s/.test(next) && text.slice(0, start).trim() !== '') continue;
    let end = start + match[0].length;
    while (/\s/.test(text[end] ?? '')) end++;
    let depth = 0;
    while (end < text.length && end - start < 4_000) {
      const char = text[end] ?? '';
      if (OPENING.includes(char)) depth++;
      else if (CLOSING.includes(char) && depth > 0) depth--;
      else if (depth === 0 && /[\s"'`<>]/.test(char)) break;
      end++;
    }
    out += `${text.slice(from, start)} `;
    from = end;
  }
  return out + text.slice(from);
}
const WHITE_SPACE = /\s+/g;
const HORIZONTAL_SPACE = /[^\S\n]+/g;
const BLANK_LINES = /\n{3,}/g;

function stripOnce(text: string): string {
  return removeScriptUrls(stripMarkup(text).replace(EVENT_HANDLER, ''));
}

/**
 * Removes markup and script vectors, then collapses runs of white space into one space. With
 * `keepLineBreaks` (job descriptions), line breaks stay: the lines are what tells a job's
 * requirements from its nice-to-haves, so only spaces within a line and runs of blank lines shrink.
 */
export function sanitizeText(input: string, options: { keepLineBreaks?: boolean } = {}): string {
  // Repeated until nothing changes, so that removing one piece cannot assemble another
  // ("<scr<script></script>ipt>", "javajavascript:script:").
  let previous = input;
  for (let round = 0; round < 10; round++) {
    const next = stripOnce(previous);
    if (next === previous) break;
    previous = next;
  }
  if (!options.keepLineBreaks) return previous.replace(WHITE_SPACE, ' ').trim();
  return previous
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(HORIZONTAL_SPACE, ' ').trim())
    .join('\n')
    .replace(BLANK_LINES, '\n\n')
    .trim();
}
