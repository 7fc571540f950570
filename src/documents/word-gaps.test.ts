import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphRun, glyphRuns, mayMisreadWordGaps, respaceItems, type ShownGlyph } from './word-gaps.ts';

/** A showText operation: each character a glyph, `shift` (thousandths of an em) after each. */
function shown(text: string, shift: number, kerns: Record<number, number> = {}): ShownGlyph[] {
  const out: ShownGlyph[] = [];
  [...text].forEach((ch, k) => {
    if (k > 0) out.push(kerns[k] ?? shift);
    out.push({ unicode: ch, isSpace: ch === ' ' });
  });
  return out;
}

describe('word gaps from the glyphs shown', () => {
  it('gives letter-spaced words back their breaks where the space glyphs are', () => {
    const run = glyphRun(shown('NIAMH Ó SÚILLEABHÁIN', -180))!;
    const [item] = respaceItems([{ str: 'N I A M H Ó S Ú I L L E A B H Á I N', x: 1 }], [run]);
    assert.deepEqual(item, { str: 'N I A M H  Ó  S Ú I L L E A B H Á I N', x: 1 });
  });

  it('drops a space pdf.js read into a kerned pair of tracked capitals', () => {
    // "TT" kerned 0.02 em wider than the tracking: past pdf.js's space threshold, far from a word gap.
    const run = glyphRun(shown('STRATTON PHARMA DISTRIBUTION', -84, { 4: -7, 5: -107 }))!;
    const items = respaceItems([{ str: 'STRAT TON PHARMA DISTRIBUTION' }, { str: 'Boston, MA ' }], [run]);
    assert.deepEqual(
      items.map((i) => i.str),
      ['STRATTON PHARMA DISTRIBUTION', 'Boston, MA '],
    );
  });

  it('keeps a wide gap as a word break, and leaves runs without space glyphs to pdf.js', () => {
    const run = glyphRun([
      ...shown('AB', 0),
      -500,
      ...shown('CD', 0),
      { unicode: ' ', isSpace: true },
      { unicode: 'E' },
    ]);
    assert.deepEqual(run, { letters: 'ABCDE', breaks: [false, false, true, false, true] });
    assert.equal(glyphRun([{ unicode: 'A' }, -333, { unicode: 'B' }]), null);
  });

  it('reads the operator list only for pages whose content tracks letters', () => {
    assert.equal(
      mayMisreadWordGaps('[(\\000\\r) -180 (\\000\\016) -180 (\\000\\017) -180 (\\000\\020)] TJ', []),
      true,
    );
    assert.equal(
      mayMisreadWordGaps('[<000c> -84.210526 <000d> -84.210526 <0005> -84.210526 <000e>] TJ', []),
      true,
    );
    // A producer's rounding shifts (LibreOffice places every glyph) and plain text are no tracking.
    assert.equal(mayMisreadWordGaps('[<01>-2<03>-2<03>-2<04>4<05>]TJ', []), false);
    assert.equal(mayMisreadWordGaps('[(Hello) -333 (world)] TJ', []), false);
    assert.equal(mayMisreadWordGaps(null, []), false);
  });

  it("reads Chromium's letter spacing, a glyph per operation, with the space glyph among them", () => {
    // Only where pdf.js spread the letters apart: Chromium places every glyph of such a page one by
    // one, and reading the operator list costs as much again as the text.
    const placed =
      '<0026> Tj\n26.69 0 Td <0024> Tj\n26.75 0 Td <0030> Tj\n32.12 0 Td <002C> Tj\n19.19 0 Td <002F> Tj';
    assert.equal(mayMisreadWordGaps(placed, [{ str: 'C A M I L L E R O U S S E A U' }]), true);
    assert.equal(mayMisreadWordGaps(placed, [{ str: 'Camille Rousseau' }, { str: 'A' }]), false);
    const OPS = { showText: 44, moveText: 40, beginText: 31, setTextMatrix: 42 };
    const fnArray: number[] = [OPS.beginText, OPS.setTextMatrix];
    const argsArray: unknown[] = [null, [1, 0, 0, -1, 204, 80]];
    const op = (fn: number, args: unknown) => {
      fnArray.push(fn);
      argsArray.push(args);
    };
    [...'CAMILLE ROUSSEAU'].forEach((ch, k) => {
      if (k > 0) op(OPS.moveText, [26.7, 0]);
      op(OPS.showText, [[{ unicode: ch, isSpace: ch === ' ' }]]);
    });
    // The next line: a new text matrix ends the run.
    op(OPS.setTextMatrix, [1, 0, 0, -1, 204, 109]);
    op(OPS.showText, [shown('Designer', -10)]);
    const runs = glyphRuns({ fnArray, argsArray }, OPS);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.letters, 'CAMILLEROUSSEAU');
    const [name, date] = respaceItems(
      [{ str: 'C A M I L L E R O U S S E A U' }, { str: '— A G O .' }],
      [...runs, { ...glyphRun([...shown('JUL. 2016 — AGO. 2017', 0)])!, placed: true }],
    );
    assert.equal(name!.str, 'C A M I L L E  R O U S S E A U');
    // Dates and punctuation placed glyph by glyph are left as pdf.js read them.
    assert.equal(date!.str, '— A G O .');
  });
});
