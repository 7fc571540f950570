// Cutting runs of text where their joined text would be cut, each piece keeping its emphasis and
// links: how a template pulls the dates off a heading line or the pieces off a contact line.

import type { Run } from '../cv-markdown.ts';

/** Runs before and after a character offset of their joined text. */
export function splitRuns(runs: readonly Run[], at: number): [Run[], Run[]] {
  const before: Run[] = [];
  const after: Run[] = [];
  let offset = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    if (end <= at) before.push(run);
    else if (offset >= at) after.push(run);
    else {
      before.push({ ...run, text: run.text.slice(0, at - offset) });
      after.push({ ...run, text: run.text.slice(at - offset) });
    }
    offset = end;
  }
  return [before, after];
}

/** Runs between a character range of their joined text. */
export function sliceRuns(runs: readonly Run[], from: number, to: number): Run[] {
  return splitRuns(splitRuns(runs, to)[0], from)[1];
}

/** The pieces of runs between the matches of a separator (a global regular expression). */
export function splitRunsBy(runs: readonly Run[], separator: RegExp): Run[][] {
  const text = runs.map((run) => run.text).join('');
  const pieces: Run[][] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    pieces.push(sliceRuns(runs, start, match.index));
    start = match.index + match[0].length;
  }
  pieces.push(sliceRuns(runs, start, text.length));
  return pieces;
}
