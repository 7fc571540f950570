// Characters as PDF producers print them, turned into the characters a reader sees: ligatures
// split, icon-font glyphs (private use area) dropped, soft hyphens removed, odd spaces made plain.

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};
const LIGATURE_RE = /[\ufb00-\ufb06]/g;
// Icon fonts (Font Awesome, Material icons, LaTeX's fontawesome) put their glyphs in the private
// use areas; the text layer then carries characters no reader sees as text.
const PRIVATE_USE_RE = /[\ue000-\uf8ff]|[\u{f0000}-\u{ffffd}]|[\u{100000}-\u{10fffd}]/gu;
const INVISIBLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const ODD_SPACE_RE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

// Word's bullets in the Symbol and Wingdings fonts land in the private use area too; they are
// bullets, not icons: • (Symbol F0B7), ▪ and ■ (Wingdings F0A7, F06E), ❖ (F076), ➢ (F0D8), ✓ (F0FC).
const SYMBOL_BULLET_RE = /[\uf0b7\uf0a7\uf06e\uf076\uf0d8\uf0fc\uf0a8\uf0b2]/g;

// Some PDF fonts map CJK glyphs to the Kangxi radical code points (⼯ U+2F2F for 工 U+5DE5): the
// same shape, another character to every search. Compatibility normalization maps them back.
const RADICAL_RE = /[\u2e80-\u2fdf]/g;

// Arabic presentation forms (a letter's initial, medial, final or isolated shape, U+FB50–U+FDFF,
// U+FE70–U+FEFC) are the same letters to a reader and to every search.
const ARABIC_FORM_RE = /[\ufb50-\ufdff\ufe70-\ufefc]/g;

export function cleanGlyphs(text: string): string {
  return text
    .replace(RADICAL_RE, (ch) => ch.normalize('NFKC'))
    .replace(ARABIC_FORM_RE, (ch) => ch.normalize('NFKC'))
    .replace(SYMBOL_BULLET_RE, '•')
    .replace(LIGATURE_RE, (ch) => LIGATURES[ch] ?? ch)
    .replace(PRIVATE_USE_RE, ' ')
    .replace(INVISIBLE_RE, '')
    .replace(ODD_SPACE_RE, ' ');
}

/** Glyphs that open a list item when they start a line. */
export const BULLET_GLYPH_RE = /^[•·▪▫◦●○■□◆◇♦►▸▹▶➢➤✓✔❖⁃∙⦁‣*–—-](?=\s|$)|^[•·▪▫◦●○■□◆◇♦►▸▹▶➢➤✓✔❖⁃∙⦁‣]/u;

/**
 * "C O N T A C T" or "W O R K  E X P E R I E N C E" (letters spaced by the producer, words by a
 * wider gap) back into "CONTACT" and "WORK EXPERIENCE". Only a run of mostly single letters
 * qualifies (a ligature or a kerned pair may join two or three: "E D U CAT I O N"), so "A B
 * testing" stays as it is. Where the word gaps were lost, a small letter followed by a capital
 * still marks one ("MarcusWhitfield").
 */
export function joinLetterSpaced(text: string): string {
  const trimmed = text.trim();
  const tokens = trimmed.split(/ +/);
  if (tokens.length < 4 || tokens.some((t) => !/^(?:[\p{L}\p{N}]{1,3}[.&]?|[.&'’–—-])$/u.test(t)))
    return joinSpacedPieces(text);
  if (tokens.filter((t) => /^[\p{L}\p{N}][.&]?$/u.test(t)).length < tokens.length * 0.75) return text;
  if (!tokens.some((t) => /\p{L}/u.test(t))) return joinSpacedPieces(text);
  return (
    trimmed
      .split(/ {2,}/)
      .map((w) => w.replace(/ /g, '').replace(/(\p{Ll}|\.)(\p{Lu})/gu, '$1 $2'))
      .join(' ')
      // Spaced dates ("M A R 2 0 2 1 — N OW"): a month and its year, and a dash, are words apart.
      .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_, a, b, c, d) => `${a ?? c} ${b ?? d}`)
      .replace(/\s*([–—])\s*/g, ' $1 ')
      .trim()
  );
}

/**
 * Letter spacing on part of a line only ("S E T. 2017 — JAN. 2021", "2 0 1 4 — 2 0 1 6"): a run
 * of three or more capitals one space apart, and a year's digits, joined back.
 */
function joinSpacedPieces(text: string): string {
  return (
    text
      // A kerned pair or three may close the run ("I N T E R ESTS").
      .replace(/(?<!\S)(?:\p{Lu} ){2,}\p{Lu}(?: \p{Lu}{2,4}(?!\p{L}))?(?=[.,]?(?!\S))/gu, (run) =>
        run.replace(/ /g, ''),
      )
      .replace(/(?<!\S)([12]) ([09]) (\d) (\d)(?!\S)/g, '$1$2$3$4')
  );
}
