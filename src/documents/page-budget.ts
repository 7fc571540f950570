// Fitting a CV into a number of pages. First the layout condenses (tighter spacing, then slightly
// smaller type, never below what stays readable); only then is content cut, least relevant first.
// The markdown comes ordered by relevance (newest entry first, strongest bullet first), so the least
// relevant content is the last bullets of the last entries, then whole optional sections, then the
// remaining bullets, then sections such as certificates. The name, the contact lines, entry
// headings with their dates (jobs, degrees), the summary and the skills are never cut.

import type { SectionKey } from '../analysis/lexicon.ts';
import type { Block } from './cv-markdown.ts';
import type { CvOutline, OutlineSection } from './templates/cv-outline.ts';
import { entryLabel } from './templates/cv-outline.ts';
import { CONDENSED_DENSITIES, type Density, NORMAL_DENSITY } from './templates/theme.ts';

/** Something the page budget left out, in words the person can check against their CV. */
export interface CutItem {
  /** The section's heading as the CV writes it. */
  section: string;
  /** The entry it was cut from (its heading line); null when the whole section went. */
  item: string | null;
  /** "2 bullets", "1 paragraph", "whole section". */
  what: string;
}

export const MIN_PAGE_BUDGET = 1;
export const MAX_PAGE_BUDGET = 10;

type CutUnit =
  | { kind: 'item'; section: number; entry: number; block: number; item: number }
  | { kind: 'block'; section: number; entry: number; block: number }
  | { kind: 'section'; section: number };

// Whole sections a CV can do without when space runs out. Projects are here because a CV that
// must shrink keeps its jobs and degrees first; a graduate's projects still lose only bullets
// before the optional sections after them go.
const OPTIONAL_SECTIONS: ReadonlySet<SectionKey> = new Set([
  'interests',
  'references',
  'volunteer',
  'projects',
]);
// What stays whatever the budget: the summary, the jobs and degrees (their headings and dates; their
// bullets may go) and the skills. Other sections (certificates, languages, awards) go whole, last,
// when even the bare jobs do not fit.
const CORE_SECTIONS: ReadonlySet<SectionKey> = new Set(['summary', 'experience', 'education', 'skills']);
// Lists in these sections are the keywords themselves (skills, languages): a search reads them all.
const KEPT_LISTS: ReadonlySet<SectionKey> = new Set(['summary', 'skills', 'languages', 'certificates']);

const bulletCuttable = (section: OutlineSection) => section.key === null || !KEPT_LISTS.has(section.key);

interface Ranked {
  unit: CutUnit;
  /** Position of the entry from the end of its section: 0 is the oldest. */
  age: number;
  section: number;
  /** Position inside the entry from its end: the last bullet first. */
  place: number;
}

const byRank = (a: Ranked, b: Ranked) => a.age - b.age || b.section - a.section || a.place - b.place;

/** Every cut the budget may make, least relevant first. */
export function cutOrder(outline: CvOutline): CutUnit[] {
  const extraBullets: Ranked[] = [];
  const lastContent: Ranked[] = [];
  outline.sections.forEach((section, s) => {
    if (!bulletCuttable(section)) return;
    const optional = section.key !== null && OPTIONAL_SECTIONS.has(section.key);
    section.entries.forEach((entry, e) => {
      const age = section.entries.length - 1 - e;
      const units: { unit: CutUnit; first: boolean }[] = [];
      let bullets = 0;
      entry.body.forEach((block, b) => {
        if (block.kind === 'list') {
          block.items.forEach((_, item) => {
            units.push({
              unit: { kind: 'item', section: s, entry: e, block: b, item },
              first: bullets === 0,
            });
            bullets++;
          });
        } else {
          units.push({ unit: { kind: 'block', section: s, entry: e, block: b }, first: false });
        }
      });
      units.forEach(({ unit, first }, index) => {
        const ranked = { unit, age, section: s, place: units.length - 1 - index };
        // Bullets past an entry's first go first; its first bullet and its text only when little is left,
        // and never from an optional section, which goes whole before that.
        if (unit.kind === 'item' && !first) extraBullets.push(ranked);
        else if (!optional) lastContent.push(ranked);
      });
    });
  });
  const wholeSections = (keep: (key: SectionKey | null) => boolean): CutUnit[] =>
    outline.sections
      .map((section, s) => ({ section, s }))
      .filter(({ section }) => !keep(section.key))
      .reverse()
      .map(({ s }) => ({ kind: 'section', section: s }));
  const isOptional = (key: SectionKey | null) => key !== null && OPTIONAL_SECTIONS.has(key);
  return [
    ...extraBullets.sort(byRank).map((r) => r.unit),
    ...wholeSections((key) => !isOptional(key)),
    ...lastContent.sort(byRank).map((r) => r.unit),
    ...wholeSections((key) => isOptional(key) || (key !== null && CORE_SECTIONS.has(key))),
  ];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The outline without the given cuts, and the cuts in words. */
export function applyCuts(
  outline: CvOutline,
  units: readonly CutUnit[],
): { outline: CvOutline; cut: CutItem[] } {
  const goneSections = new Set<number>();
  const goneItems = new Set<string>();
  const goneBlocks = new Set<string>();
  for (const unit of units) {
    if (unit.kind === 'section') goneSections.add(unit.section);
    else if (unit.kind === 'item') goneItems.add(`${unit.section}/${unit.entry}/${unit.block}/${unit.item}`);
    else goneBlocks.add(`${unit.section}/${unit.entry}/${unit.block}`);
  }
  const cut: CutItem[] = [];
  const sections: OutlineSection[] = [];
  outline.sections.forEach((section, s) => {
    if (goneSections.has(s)) {
      cut.push({ section: section.title, item: null, what: 'whole section' });
      return;
    }
    const entries = section.entries.map((entry, e) => {
      let bullets = 0;
      let others = 0;
      const body: Block[] = [];
      entry.body.forEach((block, b) => {
        if (goneBlocks.has(`${s}/${e}/${b}`)) {
          others++;
          return;
        }
        if (block.kind !== 'list') {
          body.push(block);
          return;
        }
        const items = block.items.filter((_, item) => !goneItems.has(`${s}/${e}/${b}/${item}`));
        bullets += block.items.length - items.length;
        if (items.length > 0) body.push({ ...block, items });
      });
      const what = [
        ...(bullets > 0 ? [plural(bullets, 'bullet')] : []),
        ...(others > 0 ? [plural(others, 'paragraph')] : []),
      ];
      if (what.length > 0)
        cut.push({ section: section.title, item: entryLabel(entry), what: what.join(', ') });
      return { ...entry, body };
    });
    sections.push({ ...section, entries });
  });
  return { outline: { ...outline, sections }, cut };
}

export interface Rendering<T> {
  pages: number;
  output: T;
}

export interface Fitted<T> extends Rendering<T> {
  cut: CutItem[];
  density: Density;
}

/**
 * Renders the outline within `maxPages`: condensing first, then cutting the shortest prefix of
 * `cutOrder` that fits (found by bisection: a page count only falls as content goes). When even
 * every allowed cut does not fit, the result keeps all of them and says how many pages it has.
 */
export async function fitToPages<T>(
  outline: CvOutline,
  maxPages: number,
  render: (outline: CvOutline, density: Density) => Promise<Rendering<T>>,
): Promise<Fitted<T>> {
  let rendered = await render(outline, NORMAL_DENSITY);
  if (rendered.pages <= maxPages) return { ...rendered, cut: [], density: NORMAL_DENSITY };
  let density = NORMAL_DENSITY;
  for (const condensed of CONDENSED_DENSITIES) {
    density = condensed;
    rendered = await render(outline, density);
    if (rendered.pages <= maxPages) return { ...rendered, cut: [], density };
  }
  const units = cutOrder(outline);
  if (units.length === 0) return { ...rendered, cut: [], density };
  const attempt = async (count: number) => {
    const trimmed = applyCuts(outline, units.slice(0, count));
    return { ...(await render(trimmed.outline, density)), cut: trimmed.cut, density };
  };
  let best = await attempt(units.length);
  if (best.pages > maxPages) return best;
  // Invariant: `count = high` fits (best), `count = low` does not.
  let low = 0;
  let high = units.length;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const tried = await attempt(middle);
    if (tried.pages <= maxPages) {
      high = middle;
      best = tried;
    } else {
      low = middle;
    }
  }
  return best;
}
