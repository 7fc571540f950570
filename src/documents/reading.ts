// What reading a CV file yields, whatever its format: text in one shape, and the page layout the
// reader found. The PDF, DOCX and ODT readers all write the text this way, so the structure parser in
// analysis/ sees one convention:
// - `# Text`: the document's title line (usually the person's name);
// - `## Text`: a section heading (found from style, size, weight, capitals or spacing);
// - `- Text`: one list item, its wrapped lines joined into one;
// - any other line: a line or paragraph as printed, a sentence wrapped over lines joined;
// - ` | ` inside a line: a tab or a wide gap between parts printed on one line (title left, dates right);
// - a blank line between blocks; columns, sidebars and table cells are read one at a time.

export const LAYOUT_KINDS = ['one_column', 'sidebar', 'two_columns', 'table'] as const;
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

export interface DocumentReading {
  text: string;
  layout: LayoutKind;
}
