import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPastForm, wordStem } from './stems.ts';
import { normTokens } from './text.ts';

const stemOf = (word: string) => normTokens(word).map(wordStem).join(' ');

function sameStem(words: string[]): void {
  const stems = words.map(stemOf);
  assert.equal(new Set(stems).size, 1, words.map((w, i) => `${w} → ${stems[i]}`).join(', '));
}

describe('wordStem', () => {
  it('gives the forms of one word one stem, in English, German, French and Spanish', () => {
    sameStem(['managed', 'managing', 'management', 'manage', 'manager', 'manages']);
    sameStem(['geleitet', 'leiten', 'Leitung', 'leitet', 'leitete']);
    sameStem(['géré', 'gérer', 'gérée', 'gestion']);
    sameStem(['gestionado', 'gestionar', 'gestión', 'gestiona']);
    sameStem(['communication', 'communicated', 'communicating', 'communicate']);
    sameStem(['controlling', 'controlled', 'control']);
    sameStem(['leadership', 'led', 'leading', 'leader', 'lead']);
    sameStem(['engineering', 'engineer', 'engineers']);
    sameStem(['présenté', 'présenter', 'présentation', 'presentation', 'presented']);
    sameStem(['piloté', 'piloter', 'pilotage']);
    sameStem(['proyectos', 'proyecto']);
    sameStem(['analysis', 'analysed', 'analyzed', 'Analyse', 'analysiert']);
    sameStem(['geführt', 'Führung', 'führen']);
  });

  it("takes a CV's words that are names of Object's built-ins as words", () => {
    for (const word of ['constructor', '__proto__', 'tostring', 'hasownproperty', 'valueof']) {
      assert.equal(typeof wordStem(word), 'string', word);
      assert.equal(isPastForm(word, word), false, word);
    }
  });

  it('never cuts a word below four letters', () => {
    for (const word of ['data', 'team', 'plan', 'used', 'sales', 'lean', 'art']) {
      assert.ok(wordStem(word).length >= Math.min(4, word.length), `${word} → ${wordStem(word)}`);
    }
    assert.equal(wordStem('data'), 'data');
  });

  it('keeps different words apart', () => {
    assert.notEqual(stemOf('nursing'), stemOf('number'));
    assert.notEqual(stemOf('marketing'), stemOf('market research').split(' ')[1]);
    assert.notEqual(stemOf('training'), stemOf('trade'));
  });
});
