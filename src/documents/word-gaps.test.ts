import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphRun, mayMisreadWordGaps, respaceItems, type ShownGlyph } from './word-gaps.ts';

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
      mayMisreadWordGaps('[(\\000\\r) -180 (\\000\\016) -180 (\\000\\017) -180 (\\000\\020)] TJ'),
      true,
    );
    assert.equal(
      mayMisreadWordGaps('[<000c> -84.210526 <000d> -84.210526 <0005> -84.210526 <000e>] TJ'),
      true,
    );
    // A producer's rounding shifts (LibreOffice places every glyph) and plain text are no tracking.
    assert.equal(mayMisreadWordGaps('[<01>-2<03>-2<03>-2<04>4<05>]TJ'), false);
    assert.equal(mayMisreadWordGaps('[(Hello) -333 (world)] TJ'), false);
    assert.equal(mayMisreadWordGaps(null), false);
  });
});
