// Text primitives shared by every analysis step. Everything here is pure and allocation-light:
// a two-page CV is folded, tokenized and scanned several times per analysis, within a 50 ms budget.

const foldCache = new Map<string, string>();

// Folding keeps the string length unchanged so that regex offsets found on the folded text can be
// applied to the original line (used to cut dates out of entry headers without losing accents).
// Letters Unicode does not decompose into a base letter and a mark.
const UNDECOMPOSED: Record<string, string> = {
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ı: 'i',
  ħ: 'h',
};

function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded !== undefined) return folded;
  const stripped = UNDECOMPOSED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  folded = stripped.length === 1 ? stripped : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  foldCache.set(ch, folded);
  return folded;
}

const ASCII_LOWER = /^[\x20-\x40\x5b-\x7e]*$/;

/** Lower-cases and strips diacritics, one character for one character. */
export function fold(text: string): string {
  if (ASCII_LOWER.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch) : foldChar(ch);
  }
  return out;
}

// `&` and `.` stay inside tokens so that `R&D`, `AT&T`, `Node.js` and `C++` are single tokens and do
// not produce false single-letter matches such as the `R` language inside `R&D`.
const TOKEN_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}+#.&]*[\p{L}\p{N}+#])?/gu;
// ".NET" in any case; the plain word "net" ("net revenue", "net-new") is no .NET.
const DOTNET_RE = /(^|[^\p{L}\p{N}])\.net\b/giu;

export interface Token {
  /** folded and stemmed, for matching */
  readonly norm: string;
  /** as written, for case-sensitive aliases such as `Go` or `R` */
  readonly raw: string;
  /** offsets in the text as given (after `.NET` became `dotnet`, which only shifts that line) */
  readonly start: number;
  readonly end: number;
}

/** Light, symmetric stemming: only plural endings, which is enough because aliases go through it too. */
export function stem(token: string): string {
  const n = token.length;
  if (n >= 5 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (n >= 4 && token.endsWith('s') && !/(?:ss|us|is|os|[^a-z]s)$/.test(token)) return token.slice(0, -1);
  return token;
}

export function tokenize(text: string): Token[] {
  const prepared = text.replace(DOTNET_RE, '$1dotnet');
  const folded = fold(prepared);
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(folded); m !== null; m = TOKEN_RE.exec(folded)) {
    tokens.push({
      norm: stem(m[0]),
      raw: prepared.slice(m.index, m.index + m[0].length),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return tokens;
}

export function normTokens(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

const STOPWORDS = new Set(
  (
    'a an the and or of in on at to for with by from as is are was were be been being this that these those ' +
    'it its their our your my we you i he she they them his her into over under about across within than then ' +
    'und oder der die das des dem den ein eine einer eines im in am zu zum zur mit von fur bei auf als ist sind ' +
    'le la les un une des du de et ou en au aux pour par avec sur dans est sont ' +
    'el los las un una unos unas y o en con por para del al es son su sus'
  ).split(' '),
);

export function isStopword(norm: string): boolean {
  return STOPWORDS.has(norm);
}

/** Tokens that carry meaning: no stopwords, no single characters. */
export function contentTokens(text: string): string[] {
  return normTokens(text).filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

export const BULLET_RE = /^\s*(?:[•\-*▪◦●‣►▸■□➢✓✔·–—o](?=\s)|\d{1,2}[.)](?=\s))\s*/u;

export function isBulletLine(line: string): boolean {
  return BULLET_RE.test(line);
}

export function stripBullet(line: string): string {
  return line.replace(BULLET_RE, '').trim();
}

/** Removes markdown decoration that carries no fact: headings, emphasis, links, code marks, rules. */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, href: string) =>
      label.trim() === '' ? href : label === href || href.startsWith('mailto:') ? label : `${label} ${href}`,
    )
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  return jaccardSets(new Set(a), new Set(b));
}

export function jaccardSets(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Lines that say the same thing: reworded (Jaccard), or one folded into a longer merged line. */
export function relatedSets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (jaccardSets(a, b) >= 0.5) return true;
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size < 2) return false;
  let inside = 0;
  // A word cut short ("Wöchentl." for "Wöchentliche") is still the word.
  const cut = (t: string) => {
    for (const u of large)
      if ((u.length >= 4 && t.startsWith(u)) || (t.length >= 4 && u.startsWith(t))) return true;
    return false;
  };
  for (const t of small) if (large.has(t) || cut(t)) inside++;
  // A short line must be contained whole; a longer one mostly.
  return inside / small.size >= (small.size < 4 ? 1 : 0.7);
}

// "Finlo s.r.o." or "Acme Inc." end with a period without ending a sentence.
const ABBREVIATION_END_RE =
  /(?:^|\s)(?:(?:\p{L}{1,3}\.){2,4}|\p{L}\.\s\p{L}\.|inc\.|ltd\.|corp\.|co\.|coop\.|no\.|jr\.|sr\.|dr\.|st\.|mbh\.|e\.v\.|s\.a\.|s\.l\.)$/iu;

// "Zapopan, Jal.", "Toronto, Ont.": a short line that ends in a state written short after a comma.
const REGION_END_RE = /,\s+\p{Lu}\p{Ll}{1,3}\.$/u;

/** True when a line reads as a sentence (a description), not a heading or an entry header. */
/**
 * A line that finishes a statement the line before it broke off mid-phrase (a comma, a small word):
 * "… cutting energy use by" over "22%.". The reader joins them into one item; the fact guard reads
 * them as one statement.
 */
export function finishesBrokenLine(previous: string, line: string): boolean {
  return /[\p{Ll},]$/u.test(previous.trim()) && endsSentence(line);
}

export function endsSentence(text: string): boolean {
  const t = text.trim();
  if (/[!?]$/.test(t)) return true;
  if (REGION_END_RE.test(t) && t.split(/\s+/).length <= 12) return false;
  return t.endsWith('.') && !ABBREVIATION_END_RE.test(t);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
