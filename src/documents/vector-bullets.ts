// List markers drawn as shapes. Chromium prints an HTML list's discs, circles and squares as
// small filled or stroked paths, not as "•" characters, so the text alone cannot tell a new item
// from a wrapped line of the one before ("… inventory accuracy 99.7%" / "Built an Excel report …").
// This finds those shapes in a page's content stream and gives each a "•" text item at the start
// of the text it stands before, for the layout to read as the bullet glyph it is.
import type { PositionedText } from './layout/pdf-layout.ts';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];

// A year or a month and year at the start ("2019", "03/2021", "Mar 2021", "marts 2024").
const DATE_START_RE = /^(?:\d{1,2}[./])?(?:19|20)\d{2}\b|^\p{L}{3,9}\.?\s+(?:19|20)\d{2}\b/u;

const MAX_CONTENT_CHARS = 3_000_000;
const PATH_OPS = new Set(['m', 'l', 'c', 'v', 'y', 're', 'h']);
const PAINT_OPS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's']);

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Skips a literal string from its "(" at `i`; returns the index after its ")". */
function skipString(text: string, i: number): number {
  let depth = 0;
  for (let k = i; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\') k++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return k + 1;
  }
  return text.length;
}

/**
 * The small, roughly square shapes a page's content paints (filled or stroked), in page
 * coordinates. Text, images and everything else are passed over.
 */
export function smallShapes(content: string, maxSide = 14): Box[] {
  if (content.length > MAX_CONTENT_CHARS) return [];
  const shapes: Box[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let operands: number[] = [];
  // The bounds of the path being built, in page coordinates.
  const current: { path: Box | null } = { path: null };
  const add = (x: number, y: number) => {
    const px = ctm[0] * x + ctm[2] * y + ctm[4];
    const py = ctm[1] * x + ctm[3] * y + ctm[5];
    const path = current.path;
    if (path === null) current.path = { x0: px, y0: py, x1: px, y1: py };
    else {
      path.x0 = Math.min(path.x0, px);
      path.x1 = Math.max(path.x1, px);
      path.y0 = Math.min(path.y0, py);
      path.y1 = Math.max(path.y1, py);
    }
  };
  const token =
    /\s+|%[^\r\n]*|\(|<<|>>|<[0-9A-Fa-f\s]*>|[[\]{}]|\/[^\s/<>[\]{}()%]*|[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|./gy;
  let i = 0;
  while (i < content.length) {
    token.lastIndex = i;
    const m = token.exec(content);
    if (m === null) break;
    const t = m[0];
    i = token.lastIndex;
    const first = t[0]!;
    if (first === '(') {
      i = skipString(content, m.index);
      operands = [];
      continue;
    }
    if (/[\d.+-]/.test(first) && t !== '.' && !Number.isNaN(Number(t))) {
      operands.push(Number(t));
      continue;
    }
    if (!/^[A-Za-z'"*]+$/.test(t)) {
      if (!/^\s|^%/.test(t)) operands = [];
      continue;
    }
    const o = operands;
    operands = [];
    if (t === 'BT') {
      // Text objects paint no paths and may not change the matrix: most of a CV's content, skipped.
      const end = /\sET(?=\s|$)/g;
      end.lastIndex = i;
      i = end.exec(content) === null ? content.length : end.lastIndex;
    } else if (t === 'q') stack.push(ctm);
    else if (t === 'Q') ctm = stack.pop() ?? ctm;
    else if (t === 'cm' && o.length >= 6) ctm = multiply(o.slice(-6) as Matrix, ctm);
    else if (t === 'BI') {
      // An inline image: its data runs to "EI".
      const end = content.indexOf('EI', i);
      i = end === -1 ? content.length : end + 2;
    } else if (PATH_OPS.has(t)) {
      if (t === 're' && o.length >= 4) {
        const [x, y, w, h] = o.slice(-4) as [number, number, number, number];
        add(x, y);
        add(x + w, y + h);
      } else for (let k = 0; k + 1 < o.length; k += 2) add(o[k]!, o[k + 1]!);
    } else if (PAINT_OPS.has(t) || t === 'n') {
      const box = current.path;
      current.path = null;
      if (box === null || t === 'n') continue;
      const w = box.x1 - box.x0;
      const h = box.y1 - box.y0;
      if (w > 0.8 && h > 0.8 && w <= maxSide && h <= maxSide && w / h < 1.6 && h / w < 1.6) shapes.push(box);
    }
  }
  return shapes;
}

/**
 * "•" items for the shapes that stand where a list marker does: small beside the text (a third to
 * a half of its size), just before the start of a text item whose line runs through the shape's
 * middle. Rows of rating dots have no text right after them and stay out.
 */
export function bulletItems(shapes: readonly Box[], items: readonly PositionedText[]): PositionedText[] {
  const out: PositionedText[] = [];
  const taken: Box[] = [];
  for (const shape of shapes) {
    // A disc drawn as a fill and a ring over it, or painted twice, is one marker.
    const cx = (shape.x0 + shape.x1) / 2;
    const cy = (shape.y0 + shape.y1) / 2;
    if (taken.some((t) => cx >= t.x0 && cx <= t.x1 && cy >= t.y0 && cy <= t.y1)) continue;
    const side = Math.max(shape.x1 - shape.x0, shape.y1 - shape.y0);
    const middle = (shape.y0 + shape.y1) / 2;
    const next = items
      .filter(
        (item) =>
          item.str.trim() !== '' &&
          item.x >= shape.x1 &&
          item.x - shape.x1 <= item.size * 1.6 &&
          middle >= item.y - item.size * 0.1 &&
          middle <= item.y + item.size * 0.8 &&
          side >= item.size * 0.15 &&
          side <= item.size * 0.5,
      )
      .sort((a, b) => a.x - b.x)[0];
    // A marker starts its line: a dot with text just before it on the line (a date, then the
    // dot, then the title) is a timeline's, and so is a dot before a date.
    const before = items.some(
      (item) =>
        item.str.trim() !== '' &&
        Math.abs(item.y - (next?.y ?? Number.NaN)) < 1 &&
        item.x + item.width <= shape.x0 + 0.5 &&
        item.x + item.width >= shape.x0 - item.size * 2,
    );
    if (
      before ||
      next === undefined ||
      /^[•·▪◦●‣►▸■□➢✓✔–-]/u.test(next.str.trim()) ||
      DATE_START_RE.test(next.str.trim())
    )
      continue;
    taken.push(shape);
    // Set at the text's start, not where the shape hangs: a marker hanging into the gutter between
    // two columns must not close the gutter that tells them apart.
    out.push({ str: '• ', x: next.x - 0.5, y: next.y, width: 0.5, size: next.size, font: next.font });
  }
  return out;
}
