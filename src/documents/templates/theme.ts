// Sizes, gaps and colours of a PDF template, and how they shrink when a CV must fit fewer pages.
// A template states its own base (classic: today's look; compact: denser); a density scales it.

export interface Density {
  /** Factor on vertical gaps, line height and page margins. */
  spacing: number;
  /** Factor on font sizes. */
  type: number;
}

export const NORMAL_DENSITY: Density = { spacing: 1, type: 1 };

/** What a CV goes through, in order, before anything is cut: tighter spacing, then smaller type. */
export const CONDENSED_DENSITIES: readonly Density[] = [
  { spacing: 0.75, type: 1 },
  { spacing: 0.6, type: 0.95 },
  { spacing: 0.5, type: 0.9 },
];

// Below 8 pt, body text on paper is hard to read; condensing never goes further.
const MIN_BODY_SIZE = 8;
// Lines closer than 1.25 × the font size crowd accents and descenders (Ł, ў, ς) into the next line.
const MIN_LEADING = 1.25;

export interface ThemeBase {
  body: number;
  /** Font sizes of heading levels 1–6. */
  headings: readonly [number, number, number, number, number, number];
  /** Line height as a factor of the font size. */
  leading: number;
  /** Factor on the gaps of the classic look (1 is classic). */
  gaps: number;
  margins: { top: number; bottom: number; horizontal: number };
}

export interface Theme {
  body: number;
  headings: readonly [number, number, number, number, number, number];
  leadingFactor: number;
  margins: { top: number; bottom: number; horizontal: number };
  /** A vertical gap of the classic look (in points) at this template and density. */
  gap: (points: number) => number;
  /** A font size of the classic look at this template's scale and density. */
  size: (points: number) => number;
  /** Line height in points for a font size. */
  leading: (fontSize: number, factor?: number) => string;
}

export const COLORS = {
  ink: '#1f2328',
  accent: '#1d4e89',
  muted: '#5c6670',
  rule: '#c9d1d9',
  shade: '#f3f5f7',
  sidebar: '#edf2f8',
} as const;

const round1 = (value: number) => Math.round(value * 10) / 10;

// A reader takes text in the top 15% or the bottom 10% of a page that repeats on another page for a
// running header or footer: a date range such as "06/2002 – 06/2003" near the foot of page one
// would make the same-shaped dates atop page two vanish. Body text stays out of the bottom band
// and out of the top margin (7%) of every page; only the page number sits there.
const TOP_MARGIN_SHARE = 0.07;
const BOTTOM_MARGIN_SHARE = 0.1;

export function buildTheme(base: ThemeBase, density: Density, pageHeight: number): Theme {
  const typeScale = Math.max(density.type, MIN_BODY_SIZE / base.body);
  const size = (points: number) => round1(points * typeScale * (base.body / 10));
  const leadingFactor = Math.max(MIN_LEADING, base.leading - (1 - density.spacing) * 0.2);
  // Margins shrink less than the gaps between blocks: a page needs some white around it.
  const marginScale = 0.7 + 0.3 * density.spacing;
  return {
    body: round1(base.body * typeScale),
    headings: base.headings.map((points) => round1(points * typeScale)) as unknown as Theme['headings'],
    leadingFactor,
    margins: {
      top: Math.max(Math.round(base.margins.top * marginScale), Math.ceil(pageHeight * TOP_MARGIN_SHARE)),
      bottom: Math.max(
        Math.round(base.margins.bottom * marginScale),
        Math.ceil(pageHeight * BOTTOM_MARGIN_SHARE) + 2,
      ),
      horizontal: Math.round(base.margins.horizontal * marginScale),
    },
    gap: (points: number) => round1(points * base.gaps * density.spacing),
    size,
    // Line heights are given in points: a unitless factor on a Text is not applied to its own font
    // size by this version of react-pdf (1.45 came out as about 2.6 lines).
    leading: (fontSize: number, factor = leadingFactor) => `${round1(fontSize * factor)}pt`,
  };
}
