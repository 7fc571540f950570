import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { spanTexts, withActualText } from './actual-text.ts';
import { closeExtraction, extractText } from './extract-text.ts';

describe('ActualText spans', () => {
  after(() => closeExtraction());

  it('reads literal, escaped, octal, UTF-16 and hex strings, in order, and named property lists', () => {
    const content = [
      '/Span<</ActualText (tt) >> BDC /F8 16 Tf <4F> Tj EMC',
      '/P <</MCID 3>> BDC (x) Tj EMC',
      '/Span <</ActualText (\\(fi\\)\\051) /Lang (de)>> BDC <01> Tj EMC',
      '/Span<</ActualText <FEFF00DF> >>BDC <02> Tj EMC',
      '/Span<</ActualText (\\376\\377\\000f\\000l) >> BDC <03> Tj EMC',
      '/Span /MC0 BDC <04> Tj EMC',
      '/Span<</Alt (a picture)>> BDC EMC',
    ].join('\n');
    assert.deepEqual(spanTexts(content), ['tt', '(fi))', 'ß', 'fl', null, null]);
  });

  it('puts each span’s text on its first glyph, keeps spaces, and leaves the rest when spans do not pair', () => {
    const glyph = (str: string, width = 8) => ({ str, width });
    const items = [
      glyph('Diri', 20),
      { type: 'beginMarkedContentProps', tag: 'Span' },
      glyph('', 0),
      glyph('', 8),
      { type: 'endMarkedContent' },
      glyph('o', 6),
      { type: 'beginMarkedContentProps', tag: 'Span' },
      glyph(' ', 4),
      glyph('', 7),
      { type: 'endMarkedContent' },
    ];
    const read = withActualText<{ str: string }>(items, () => ['tt', 'p']);
    assert.deepEqual(
      read.map((i) => i.str),
      ['Diri', '', 'tt', 'o', ' ', 'p'],
    );
    assert.deepEqual(
      withActualText<{ str: string }>(items, () => ['tt']).map((i) => i.str),
      ['Diri', '', '', 'o', ' ', ''],
      'a count that does not match changes nothing',
    );
    assert.deepEqual(
      withActualText<{ str: string }>(items, () => null).map((i) => i.str),
      ['Diri', '', '', 'o', ' ', ''],
    );
  });

  it('reads a Chromium CV whose ligatures and small capitals carry their letters that way', async () => {
    const file = readFileSync(
      new URL('../../test/fixtures/reading/dev/chromium-b11-avvocato-twopage-it.pdf', import.meta.url),
    );
    const { text } = await extractText(new Uint8Array(file), 'pdf');
    assert.match(text, /Avvocato – Diritto del lavoro/);
    assert.match(text, /## Esperienza professionale/);
    assert.match(text, /Coordinamento di un gruppo di quattro avvocati/);
  });
});
