// Side-by-side differences between the CV as read and the improved CV: lines are matched (longest
// common subsequence), a removed line and an added line that say nearly the same thing are shown
// as one changed line with the changed words marked. Pure, so it is unit-tested in Node.

export interface Part {
  text: string;
  changed: boolean;
}

export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left: Part[] | null;
  right: Part[] | null;
}

/** What a line says, without the markdown that only dresses it (`## `, `- `, `**`) or its spacing. */
export function lineKey(line: string): string {
  return line
    .replace(/^\s*(#{1,6}\s+|[-*•·]\s+|\d+[.)]\s+)/, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Index pairs of a longest common subsequence of two sequences. */
function commonSubsequence<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => table[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = same(a[i] as T, b[j] as T)
        ? at(i + 1, j + 1) + 1
        : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (same(a[i] as T, b[j] as T)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return pairs;
}

function words(line: string): string[] {
  return line.split(/(\s+)/).filter((w) => w !== '');
}

/** Share of words two lines have in common (0–1). */
export function similarity(a: string, b: string): number {
  const wa = lineKey(a).split(' ').filter(Boolean);
  const wb = lineKey(b).split(' ').filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return 0;
  const common = commonSubsequence(wa, wb, (x, y) => x === y).length;
  return (2 * common) / (wa.length + wb.length);
}

/** Both lines split into parts, the words the other line lacks marked as changed. */
export function wordDiff(a: string, b: string): [Part[], Part[]] {
  const wa = words(a);
  const wb = words(b);
  const pairs = commonSubsequence(wa, wb, (x, y) => x.toLowerCase() === y.toLowerCase());
  const inA = new Set(pairs.map(([i]) => i));
  const inB = new Set(pairs.map(([, j]) => j));
  const parts = (list: string[], kept: Set<number>) => {
    const out: Part[] = [];
    list.forEach((text, i) => {
      const changed = !kept.has(i) && text.trim() !== '';
      const last = out[out.length - 1];
      if (last && (last.changed === changed || text.trim() === '')) last.text += text;
      else out.push({ text, changed });
    });
    return out;
  };
  return [parts(wa, inA), parts(wb, inB)];
}

const PAIR_THRESHOLD = 0.35;

/** Removed and added lines between two matches: similar ones paired (in order), the rest alone. */
function pairBlock(removed: string[], added: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let j = 0;
  for (const line of removed) {
    let best = -1;
    let bestScore = PAIR_THRESHOLD;
    for (let k = j; k < added.length; k++) {
      const score = similarity(line, added[k] ?? '');
      if (score >= bestScore) {
        best = k;
        bestScore = score;
      }
    }
    if (best < 0) {
      rows.push({ kind: 'removed', left: [{ text: line, changed: true }], right: null });
      continue;
    }
    for (; j < best; j++)
      rows.push({ kind: 'added', left: null, right: [{ text: added[j] ?? '', changed: true }] });
    const [left, right] = wordDiff(line, added[best] ?? '');
    rows.push({ kind: 'changed', left, right });
    j = best + 1;
  }
  for (; j < added.length; j++)
    rows.push({ kind: 'added', left: null, right: [{ text: added[j] ?? '', changed: true }] });
  return rows;
}

/**
 * Markdown as a person reads it: headings without their `#`, bold without its `**`, bullets as
 * "•". The CV as read and the improved CV then differ only where their words do.
 */
export function plainText(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^(\s*)[-*]\s+/, '$1• ')
        .replace(
          /\*\*([^*]+)\*\*|__([^_]+)__/g,
          (_, a: string | undefined, b: string | undefined) => a ?? b ?? '',
        ),
    )
    .join('\n');
}

/** The rows of a side-by-side view; blank lines are left out on both sides. */
export function diffLines(original: string, improved: string): DiffRow[] {
  const a = original.split(/\r?\n/).filter((l) => l.trim() !== '');
  const b = improved.split(/\r?\n/).filter((l) => l.trim() !== '');
  const ka = a.map(lineKey);
  const kb = b.map(lineKey);
  const pairs = commonSubsequence(ka, kb, (x, y) => x === y);
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    rows.push(...pairBlock(a.slice(i, pi), b.slice(j, pj)));
    if (pi < a.length && pj < b.length) {
      // Same words; markdown dressing (`## `, `**`) may differ, which is no change of content.
      rows.push({
        kind: 'same',
        left: [{ text: a[pi] ?? '', changed: false }],
        right: [{ text: b[pj] ?? '', changed: false }],
      });
    }
    i = pi + 1;
    j = pj + 1;
  }
  return rows;
}
