import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntities } from './html-entities.ts';

describe('decodeEntities', () => {
  it('decodes named and numeric references', () => {
    assert.equal(decodeEntities('&amp; &#x141; &#322; &ndash; &hellip; &nbsp;'), '& Ł ł – … \u00a0');
  });

  it('knows every name HTML defines, not only a hand-picked few', () => {
    assert.equal(decodeEntities('&Zcaron;&eacute;&frac12;&rarr;'), 'Žé½→');
  });

  it('leaves text that only looks like a reference as written', () => {
    assert.equal(
      decodeEntities('R&D, Smith&Sons, &copy2024, &unknown;'),
      'R&D, Smith&Sons, &copy2024, &unknown;',
    );
  });

  it('turns impossible code points into the replacement character', () => {
    assert.equal(decodeEntities('&#0;&#xD800;&#x110000;'), '\ufffd\ufffd\ufffd');
  });
});
