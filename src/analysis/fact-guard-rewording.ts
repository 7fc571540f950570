// Rewordings of a name that claim nothing new, which a bold editor or a language model writes as a
// matter of course: several abbreviations of one name spelled out at once ("Basic Life Support und
// Advanced Cardiac Life Support" for "BLS und ACLS"), and the words that only say a name is a
// certificate added, dropped or moved ("Zertifikat …", "… certification", "RN License" for
// "Registered Nurse"). What keeps them safe: only abbreviations the other text writes count, and
// only a certificate the other text states as one supports a certificate.
import { spells } from './fact-guard-abbreviations.ts';
import { fold, isStopword, stem, type Token, tokenize } from './text.ts';

/** Words that only mark a name as a certificate or licence, folded. */
export const CERT_WORD_RE =
  /\b(?:certified|certificate|certification|certifie|certifiee|zertifikat|zertifiziert|zertifizierung|certificat|certificado|certificacion|certificada|license|licence|licensed)\b/;

/** A word of a name as a key reads it, with how it is written. */
interface KeyWord {
  readonly norm: string;
  /** folded, unstemmed: what an abbreviation spells ("acls", not "acl") */
  readonly letters: string;
  /** written as an abbreviation ("BLS", "RN"): may stand for the words it spells */
  readonly acronym: boolean;
  /** capitalized or a small word: may be part of a name written out */
  readonly capitalized: boolean;
}

/** The content words of a name (its numbers already blanked out), as `nameKey` keeps them. */
export function keyWords(text: string, dropped: (norm: string) => boolean): KeyWord[] {
  return tokenize(text)
    .filter((t: Token) => t.norm.length > 1 && !isStopword(t.norm) && !dropped(t.norm) && !/\d/.test(t.norm))
    .map((t) => {
      const capitals = t.raw.match(/\p{Lu}/gu)?.length ?? 0;
      return {
        norm: t.norm,
        letters: fold(t.raw).toLowerCase(),
        acronym: /^\p{L}{2,8}$/u.test(t.raw) && capitals >= 2 && capitals * 2 >= t.raw.length,
        capitalized: /^\p{Lu}/u.test(t.raw),
      };
    });
}

/**
 * The words with each run of capitalized words that spells an abbreviation of `abbreviations`
 * written as that abbreviation, longest runs first: "Basic Life Support Advanced Cardiac Life
 * Support" → "bls acls".
 */
export function contracted(words: readonly KeyWord[], abbreviations: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    if (words[i]!.capitalized) {
      for (let j = Math.min(words.length, i + 6); j >= i + 2 && taken === 0; j--) {
        const run = words.slice(i, j);
        if (!run.every((w) => w.capitalized)) continue;
        const norms = run.map((w) => fold(w.norm));
        for (const abbr of abbreviations)
          if (abbr.length >= 2 && spells(abbr, norms, false)) {
            out.push(stem(abbr));
            taken = j - i;
            break;
          }
      }
    }
    if (taken === 0) {
      out.push(words[i]!.norm);
      taken = 1;
    }
    i += taken;
  }
  return out;
}

/** Whether `phrase` is a run of the words of `key` (` word word `). */
function inKey(key: string, phrase: readonly string[]): boolean {
  return phrase.length > 0 && key.includes(` ${phrase.join(' ')} `);
}

/**
 * A certificate claimed with its marking words added, dropped or moved, its abbreviations spelled
 * out or its words abbreviated, that is one of `certificates` (the other text's certificates, each
 * as ` word word ` without its marking words): "PIX, certification des compétences numériques"
 * for "PIX (compétences numériques)", "RN License No. 812345" for "Registered Nurse … License No.
 * 812345".
 */
export function restatesCertificate(
  value: string,
  certificates: readonly string[],
  abbreviations: ReadonlySet<string>,
): boolean {
  const all = keyWords(value, () => false);
  const words = all.filter((w) => !CERT_WORD_RE.test(w.norm));
  if (words.length === all.length || certificates.length === 0) return false;
  if (words.length === 0) return true;
  const plain = words.map((w) => w.norm);
  const short = contracted(words, abbreviations);
  const acronym = words.length === 1 && words[0]!.acronym ? words[0]!.letters : null;
  return certificates.some(
    (key) =>
      inKey(key, plain) ||
      inKey(key, short) ||
      (acronym !== null && spells(acronym, key.trim().split(' '), false)),
  );
}
