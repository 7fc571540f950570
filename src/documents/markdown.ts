// Markdown written by an AI model, shown as HTML. The model's output is untrusted (a CV or a job
// description may carry a prompt injection), so marked's HTML goes through a strict allow-list:
// only text structure survives, and nothing in the result can run script, load a resource or
// point at a local file.

import { Marked } from 'marked';
import { type SanitizeOptions, sanitizeHtml } from '../platform/sanitize-html.ts';

// A private instance: options set elsewhere on the global `marked` must not change this output.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

const SANITIZE_OPTIONS: SanitizeOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'strong',
    'b',
    'em',
    'i',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Unknown tags are dropped but their text kept; script, style and the like lose their content.
  disallowedTagsMode: 'discard',
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
  ],
  transformTags: {
    // Relative and fragment links would resolve against our own origin (or a file: base when saved
    // to disk): only absolute web and mail links keep their href.
    a: (tagName, attribs) => {
      const href = attribs.href?.trim() ?? '';
      // A link without a safe target keeps its text in an inert <a> with no attributes. (Renaming
      // the tag instead makes sanitize-html close a later link with the wrong tag.)
      if (!SAFE_URL.test(href)) return { tagName, attribs: {} };
      const kept: Record<string, string> = { href, rel: 'nofollow noopener noreferrer' };
      if (attribs.title) kept.title = attribs.title;
      return { tagName, attribs: kept };
    },
  },
};

/** Converts (untrusted) markdown to HTML that is safe to embed in a page. */
export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}
