import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LANGUAGES, pickLanguage, translate } from './i18n.ts';
import { catalogues } from './messages.ts';

describe('interface text', () => {
  test('the browser language decides, region or not; English otherwise', () => {
    assert.equal(pickLanguage(['de-AT', 'en']), 'de');
    assert.equal(pickLanguage(['fr-FR', 'de']), 'de');
    assert.equal(pickLanguage(['fr-FR']), 'en');
    assert.equal(pickLanguage([]), 'en');
  });

  test('parameters are filled in', () => {
    assert.equal(translate('en', 'new.uploading', { percent: 40 }), 'Uploading… 40%');
    assert.equal(translate('de', 'match.line', { line: 7 }), 'Zeile 7');
  });

  test('every language has every message, with the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(catalogues.en)) {
        const other = (catalogues[lang] as Record<string, string>)[key];
        assert.ok(other, `${lang} has ${key}`);
        assert.deepEqual(params(other), params(text), `${lang} ${key} has the same parameters`);
      }
    }
  });
});
