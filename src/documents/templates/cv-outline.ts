// The block model of a CV grouped the way a reader sees it: the name, the lines under it (title,
// contact), sections, and in a section its entries (a job, a degree: a heading, the dates under it,
// bullets). Templates arrange this outline on the page; the page budget cuts from it. Grouping
// loses nothing: every block of the markdown is in exactly one place, in its order.

import { classifyHeading, type SectionKey } from '../../analysis/lexicon.ts';
import { type Block, type Run, runsText } from '../cv-markdown.ts';

export type HeadingBlock = Extract<Block, { kind: 'heading' }>;

export interface OutlineEntry {
  /** A level 3+ heading, or a paragraph that opens in bold ("**Nurse** | St Mary's | 2019 – 2022"). */
  heading: Block;
  /** A line right under the heading that opens in italics: dates, place. */
  meta: Block[];
  body: Block[];
}

export interface OutlineSection {
  heading: HeadingBlock;
  title: string;
  key: SectionKey | null;
  /** What comes before the first entry: a summary's text, a skills list. */
  lead: Block[];
  entries: OutlineEntry[];
}

export interface CvOutline {
  /** The first level-1 heading before any section: the person's name. */
  name: HeadingBlock | null;
  /** Blocks before the first section other than the name: title line, contact line. */
  header: Block[];
  sections: OutlineSection[];
}

// Sections whose bold-led paragraphs are entries. Elsewhere a bold start is a label
// ("**Languages:** TypeScript, Go" in skills), not the heading of an entry.
const ENTRY_SECTIONS: ReadonlySet<SectionKey | null> = new Set([
  'experience',
  'education',
  'projects',
  'volunteer',
  'awards',
  'publications',
  null,
]);

const isBlank = (run: Run) => run.text.trim() === '';

function opensWith(block: Block, style: 'bold' | 'italic'): boolean {
  if (block.kind !== 'paragraph') return false;
  const first = block.runs.find((run) => !isBlank(run));
  return first !== undefined && first[style] === true;
}

function isEntryParagraph(block: Block, key: SectionKey | null): boolean {
  if (!ENTRY_SECTIONS.has(key) || !opensWith(block, 'bold') || block.kind !== 'paragraph') return false;
  const first = block.runs.find((run) => !isBlank(run));
  // "**Tools:** Excel, SAP" is a label with its value, even in an experience section.
  return first !== undefined && !first.text.trim().endsWith(':') && runsText(block.runs).length <= 200;
}

/** Whether a paragraph is italic throughout: a line of dates and place, nothing else. */
export function isItalicLine(block: Block): boolean {
  return block.kind === 'paragraph' && block.runs.every((run) => isBlank(run) || run.italic === true);
}

function groupSection(heading: HeadingBlock, blocks: readonly Block[]): OutlineSection {
  const title = runsText(heading.runs).trim();
  const key = classifyHeading(title);
  const section: OutlineSection = { heading, title, key, lead: [], entries: [] };
  let entry: OutlineEntry | null = null;
  for (const block of blocks) {
    const opensEntry =
      (block.kind === 'heading' && block.level >= 3) ||
      (block.kind === 'paragraph' && isEntryParagraph(block, key));
    if (opensEntry) {
      entry = { heading: block, meta: [], body: [] };
      section.entries.push(entry);
    } else if (entry === null) {
      section.lead.push(block);
    } else if (entry.meta.length === 0 && entry.body.length === 0 && opensWith(block, 'italic')) {
      entry.meta.push(block);
    } else {
      entry.body.push(block);
    }
  }
  return section;
}

/** Groups the blocks of a CV into name, header and sections. */
export function outlineCv(blocks: readonly Block[]): CvOutline {
  const outline: CvOutline = { name: null, header: [], sections: [] };
  let current: { heading: HeadingBlock; blocks: Block[] } | null = null;
  const pending: { heading: HeadingBlock; blocks: Block[] }[] = [];
  for (const block of blocks) {
    const isSectionHeading = block.kind === 'heading' && block.level <= 2;
    if (isSectionHeading && block.level === 1 && outline.name === null && current === null) {
      outline.name = block;
    } else if (isSectionHeading) {
      current = { heading: block, blocks: [] };
      pending.push(current);
    } else if (current === null) {
      outline.header.push(block);
    } else {
      current.blocks.push(block);
    }
  }
  outline.sections = pending.map((part) => groupSection(part.heading, part.blocks));
  return outline;
}

/** The plain text of an entry's heading, as the user would name the entry. */
export function entryLabel(entry: OutlineEntry): string {
  const runs =
    entry.heading.kind === 'heading' || entry.heading.kind === 'paragraph' ? entry.heading.runs : [];
  return runsText(runs).replace(/\s+/g, ' ').trim();
}
