import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText, truncateText } from './normalize-text.ts';

describe('normalizeText', () => {
  it('composes accents (NFC)', () => {
    assert.equal(normalizeText('A\u030Angstro\u0308m'), 'Ångström');
  });

  it('unifies line breaks and keeps at most one blank line', () => {
    assert.equal(normalizeText('a\r\nb\rc\u2028d\n\n\n\n\ne'), 'a\nb\nc\nd\n\ne');
  });

  it('collapses spaces, tabs and Unicode spaces, trimming each line', () => {
    assert.equal(normalizeText('  Zoë \t\u00a0 Müller  \n\u3000 Kraków '), 'Zoë Müller\nKraków');
  });

  it('removes control and invisible characters but keeps ZWJ', () => {
    assert.equal(normalizeText('Dvo\u0000ř\u0007ák\u00ad \u200bPay\ufeffments'), 'Dvořák Payments');
    assert.equal(normalizeText('👩\u200d💻'), '👩\u200d💻');
  });

  it('writes the hyphen and the non-breaking hyphen as a plain hyphen', () => {
    assert.equal(
      normalizeText('HÔTEL ROYAL, Évian\u2011les\u2011Bains, part\u2010time'),
      'HÔTEL ROYAL, Évian-les-Bains, part-time',
    );
  });

  it('replaces lone surrogates', () => {
    assert.equal(normalizeText('a\ud800b'), 'a\ufffdb');
  });
});

describe('truncateText', () => {
  it('leaves short text alone', () => {
    assert.deepEqual(truncateText('abc', 3), { text: 'abc', truncated: false });
  });

  it('cuts at a line end near the limit', () => {
    const text = `${'a'.repeat(95)}\n${'b'.repeat(20)}`;
    assert.deepEqual(truncateText(text, 100), { text: 'a'.repeat(95), truncated: true });
  });

  it('cuts at a word end when no line end is near', () => {
    const text = `${'a'.repeat(50)}\n${'b'.repeat(45)} ccccccccccc`;
    assert.deepEqual(truncateText(text, 100), {
      text: `${'a'.repeat(50)}\n${'b'.repeat(45)}`,
      truncated: true,
    });
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀`;
    const { text: cut } = truncateText(text, 10);
    assert.equal(cut, 'a'.repeat(9));
  });
});
