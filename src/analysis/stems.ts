// Word stems, so that a requirement and a CV line that say the same thing in another word form
// agree: "managed a team" and "team management", "geleitet" and "Leitung", "gestionado proyectos"
// and "gestión de proyectos". One small suffix stripper serves English, German, French and
// Spanish. It is applied to both sides of every comparison, so a stem only has to be the same for
// the forms of one word, not a real root; what keeps it safe is that it never cuts a word below
// four letters and that a requirement needs all its words in one CV line.

// Forms no suffix rule reaches: irregular English verbs, and French "gérer" beside "gestion".
const IRREGULAR: Record<string, string> = {
  led: 'lead',
  built: 'build',
  ran: 'run',
  taught: 'teach',
  wrote: 'write',
  written: 'write',
  sold: 'sell',
  grew: 'grow',
  grown: 'grow',
  won: 'win',
  held: 'hold',
  brought: 'bring',
  made: 'make',
  drove: 'drive',
  driven: 'drive',
  spoke: 'speak',
  spoken: 'speak',
  began: 'begin',
  begun: 'begin',
  oversaw: 'oversee',
  overseen: 'oversee',
  undertook: 'undertake',
  undertaken: 'undertake',
  gere: 'gestion',
  geree: 'gestion',
  gerer: 'gestion',
  gerant: 'gestion',
  gerait: 'gestion',
};

// Endings of inflections and derivations, longest first within each length so the longest wins.
const SUFFIXES = [
  // English
  'izations',
  'isations',
  'ization',
  'isation',
  'ations',
  'ation',
  'itions',
  'ition',
  'ements',
  'ement',
  'ments',
  'ment',
  'ating',
  'izing',
  'ising',
  'ated',
  'ates',
  'ized',
  'ised',
  'ings',
  'ing',
  'ate',
  'ize',
  'ise',
  'ers',
  'er',
  'ed',
  'ship',
  'ities',
  'ity',
  'ive',
  'ly',
  'is',
  'ic',
  'y',
  // German
  'ungen',
  'ung',
  'heiten',
  'heit',
  'keiten',
  'keit',
  'ierung',
  'ierten',
  'ierte',
  'ieren',
  'iert',
  'lich',
  'isch',
  'ete',
  'ten',
  'en',
  'et',
  // French
  'atrices',
  'atrice',
  'ateurs',
  'ateur',
  'euses',
  'euse',
  'eurs',
  'eur',
  'aient',
  'ait',
  'ant',
  'age',
  'ions',
  'ion',
  'iques',
  'ique',
  'ite',
  'ie',
  'ees',
  'ee',
  'es',
  'e',
  // Spanish
  'aciones',
  'acion',
  'amientos',
  'amiento',
  'imientos',
  'imiento',
  'adores',
  'ador',
  'adas',
  'ados',
  'ada',
  'ado',
  'idas',
  'idos',
  'ida',
  'ido',
  'ando',
  'iendo',
  'mente',
  'idades',
  'idad',
  'ar',
  'ir',
  'os',
  'as',
  'o',
  'a',
].sort((a, b) => b.length - a.length);

const MIN_STEM = 4;
// German past participles: "geleitet", "geführt", "getestet" (folded).
const PARTICIPLE_RE = /^ge(\p{L}{4,}?)e?t$/u;

function stripOnce(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix))
      return word.slice(0, -suffix.length);
  }
  return word;
}

/** A final "e" dropped, a doubled last consonant made single, American "yz" spelt as British. */
function tidy(word: string): string {
  let w = word;
  if (w.length > MIN_STEM && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > MIN_STEM && /([^aeiou])\1$/.test(w)) w = w.slice(0, -1);
  return w.endsWith('yz') ? `${w.slice(0, -1)}s` : w;
}

const cache = new Map<string, string>();

/**
 * The stem of a folded, lower-case word (a token's `norm`): two rounds of suffix stripping, each
 * tidied ("gestionado" → "gestion" → "gest", "pharmacienne" → "pharmacien" → "pharmaci",
 * "engineering" → "engineer" → "engin" as "engineer" itself).
 */
export function wordStem(word: string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  // Own keys only: a CV's "constructor" or "__proto__" must not find Object's built-ins.
  let w = Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word]! : word;
  const participle = PARTICIPLE_RE.exec(w);
  if (participle !== null && !/(?:heit|keit|schaft)$/.test(w)) w = participle[1]!;
  w = tidy(stripOnce(w));
  w = tidy(stripOnce(w));
  if (cache.size > 50_000) cache.clear();
  cache.set(word, w);
  return w;
}

// Past forms: English "-ed" and irregular past tenses, German participles, French "-é(e)(s)",
// Spanish "-ado/-ido". What someone did, as a CV bullet tells it: "Monitored ...", "Geleitet ...".
const PAST_RE = /(?:[^e]ed|ado|ada|ados|adas|ido|ida|idos|idas)$|^ge\p{L}{4,}t$/u;
// Three letters before the ending, not three or more: the same words, and linear on a long token.
const PAST_RAW_RE = /\p{L}{3}(?:é|ée|és|ées)$/u;

/** True when a token (as written and as its `norm`) is a past form of a verb. */
export function isPastForm(raw: string, norm: string): boolean {
  return Object.hasOwn(IRREGULAR, norm) || PAST_RE.test(norm) || PAST_RAW_RE.test(raw.toLowerCase());
}
