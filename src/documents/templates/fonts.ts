// The fonts every PDF template uses, shipped in assets/fonts so nothing is fetched: DejaVu Sans
// covers Latin Extended, Greek and Cyrillic, so names such as "Zoë Müller-Łukasiewicz" and whole
// Greek or Russian CVs render as real glyphs.

import { fileURLToPath } from 'node:url';
import { Font } from '@react-pdf/renderer';

export const FONT = 'DejaVu Sans';
export const MONO = 'DejaVu Sans Mono';

// react-pdf breaks lines only at ASCII spaces and at hyphenation points (where it adds a "-", which
// would read as part of an address). A syllable that is only white space to String.prototype.trim
// becomes a break without a hyphen; U+FEFF is such a character, and has a zero-width glyph in DejaVu.
export const BREAK = '\ufeff';
const BREAK_SPLIT = /(\ufeff)/;

const font = (file: string) => fileURLToPath(new URL(`../../../assets/fonts/${file}`, import.meta.url));

const FALLBACK_STYLES = [
  { src: 'Helvetica', fontStyle: 'normal', fontWeight: 400 },
  { src: 'Helvetica-Bold', fontStyle: 'normal', fontWeight: 700 },
  { src: 'Helvetica-Oblique', fontStyle: 'italic', fontWeight: 400 },
  { src: 'Helvetica-BoldOblique', fontStyle: 'italic', fontWeight: 700 },
] as const;

function registerFonts(): void {
  Font.register({
    family: FONT,
    fonts: [
      { src: font('DejaVuSans.ttf') },
      { src: font('DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
      { src: font('DejaVuSans-Oblique.ttf'), fontStyle: 'italic' },
      { src: font('DejaVuSans-BoldOblique.ttf'), fontWeight: 'bold', fontStyle: 'italic' },
    ],
  });
  Font.register({ family: MONO, src: font('DejaVuSansMono.ttf') });
  // The default hyphenator splits names and technical terms ("Post-greSQL"): words stay whole,
  // except at the break points `printable` put into long URLs.
  Font.registerHyphenationCallback((word) => (word.includes(BREAK) ? word.split(BREAK_SPLIT) : [word]));
}

/** Drops every loaded font and registers ours again, to be loaded anew. */
async function reloadFonts(): Promise<void> {
  Font.clear();
  // The layout engine falls back to Helvetica for a character no registered font has, and loads
  // only the families a text names: the standard font is registered and loaded in all four styles,
  // as react-pdf does at start.
  Font.register({ family: 'Helvetica', fonts: [...FALLBACK_STYLES] });
  await Promise.all(
    FALLBACK_STYLES.map(({ fontStyle, fontWeight }) =>
      Font.load({ fontFamily: 'Helvetica', fontStyle, fontWeight }),
    ),
  );
  registerFonts();
}

/** fontkit's cache of glyph objects by id, on a loaded font. */
interface GlyphCache {
  _glyphs?: unknown;
}

/**
 * Empties the glyph caches of the loaded fonts; false if a loaded font does not have the cache
 * where fontkit keeps it (another fontkit version), so that the caller reloads the fonts instead.
 */
function forgetGlyphs(): boolean {
  const families = Font.getRegisteredFonts();
  for (const family of [FONT, MONO]) {
    for (const source of families[family]?.sources ?? []) {
      const data = source.data as GlyphCache | null;
      if (data === null) continue;
      if (typeof data._glyphs !== 'object' || data._glyphs === null) return false;
      data._glyphs = {};
    }
  }
  return true;
}

let registered = false;
const MEASURED_WEIGHTS = [400, 700] as const;

/**
 * Makes the fonts ready for the next document. fontkit caches a font's glyph objects by id.
 * Writing a PDF loads the parts of composite glyphs by id, without their characters (DejaVu draws
 * Cyrillic В, С, О and accented letters from Latin B, C, O, a), and a later layout with that font
 * gets those cached glyphs and drops their characters: after a Russian CV, "Backend" printed as
 * "ackend". Each document therefore starts with empty glyph caches: the parsed font tables are
 * kept (reloading them costs about 50 ms a document), the glyphs are not.
 */
export async function prepareFonts(): Promise<void> {
  if (!registered) {
    registerFonts();
    registered = true;
  } else if (!forgetGlyphs()) {
    await reloadFonts();
  }
  // Loaded ahead of layout so that templates can measure text with them.
  await Promise.all(MEASURED_WEIGHTS.map((fontWeight) => Font.load({ fontFamily: FONT, fontWeight })));
}

/**
 * Width in points of one line of text in the body font, as the layout engine will set it (same
 * font, same kerning). Only after `prepareFonts`.
 */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
  const font = Font.getFont({ fontFamily: FONT, fontWeight: bold ? 700 : 400 }).data;
  if (font === null) throw new Error('fonts are measured only after prepareFonts()');
  return (font.layout(text).advanceWidth * fontSize) / font.unitsPerEm;
}
