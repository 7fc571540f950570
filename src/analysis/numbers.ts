// Numbers as CVs write them: digits in English or European notation, number words in four
// languages, percentages, money with currency and multipliers. Values are normalized so that
// "5 engineers" and "a five-person team", or "€120k" and "120,000 EUR", compare equal.
import { fold } from './text.ts';

export type NumberKind = 'number' | 'percentage' | 'money';

export interface FoundNumber {
  readonly kind: NumberKind;
  readonly value: number;
  /** as written */
  readonly text: string;
  readonly index: number;
}

// "one"/"eins"/"un"/"uno" are left out: they are articles and pronouns far more often than counts.
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwolf: 12,
  zwanzig: 20,
  dreissig: 30,
  vierzig: 40,
  funfzig: 50,
  sechzig: 60,
  hundert: 100,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  douze: 12,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  veinte: 20,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  cien: 100,
};

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  tausend: 1e3,
  mille: 1e3,
  mil: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  millions: 1e6,
  mio: 1e6,
  millionen: 1e6,
  millones: 1e6,
  millon: 1e6,
  bn: 1e9,
  b: 1e9,
  billion: 1e9,
  billions: 1e9,
  mrd: 1e9,
  milliarde: 1e9,
  milliarden: 1e9,
  milliard: 1e9,
};

const CURRENCY = '[$€£¥]|usd|eur|gbp|chf|euros?|dollars?|pounds?';
const MULT =
  'k|mm|m|bn|b|thousand|tausend|mille|millions?|millionen|millones|millon|mio\\.?|mrd\\.?|milliarden?|milliards?|billions?|mil';
const PERCENT = '%|percent|per cent|prozent|pour cent|por ciento|percentage points|pp';
const DIGITS = '\\d{1,3}(?:[,.\\u202f\\u00a0 ]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';

const NUMBER_RE = new RegExp(
  `(?<![\\p{L}\\d.,])(?:(?<c1>${CURRENCY})\\s?)?(?<num>${DIGITS})(?:\\s?(?<mul>${MULT})(?![\\p{L}]))?` +
    `(?:\\s?(?<pct>${PERCENT})(?![\\p{L}])|\\s?(?<c2>${CURRENCY})(?![\\p{L}]))?(?=$|[^\\p{L}\\d]|x\\b)`,
  'gu',
);
const WORD_MULT =
  'thousand|tausend|mille|millions?|millionen|millones|millon|mio\\.?|billions?|milliarden?|mil';
const WORD_RE = new RegExp(
  `(?<![\\p{L}])(?<word>${Object.keys(NUMBER_WORDS).join('|')})(?![\\p{L}])(?:\\s(?<mul>${WORD_MULT})(?![\\p{L}]))?(?:\\s?(?<pct>${PERCENT})(?![\\p{L}]))?`,
  'gu',
);

function parseDigits(raw: string): number {
  const s = raw.replace(/[\u202f\u00a0 ]/g, '');
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (lastSep === -1) return Number(s);
  const decimals = s.length - lastSep - 1;
  const seps = s.match(/[.,]/g)!.length;
  // One separator followed by exactly three digits is a thousands separator ("1,500", "1.500").
  if (decimals === 3 && (seps > 1 || s.length - decimals - 1 <= 3)) {
    if (seps === 1 || s[lastSep] === s[s.search(/[.,]/)]) return Number(s.replace(/[.,]/g, ''));
  }
  const intPart = s.slice(0, lastSep).replace(/[.,]/g, '');
  return Number(`${intPart}.${s.slice(lastSep + 1)}`);
}

/** Numbers in a line whose dates, emails and links have already been masked. */
export function findNumbers(line: string): FoundNumber[] {
  const folded = fold(line);
  const found: FoundNumber[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(folded); m !== null; m = NUMBER_RE.exec(folded)) {
    const g = m.groups!;
    let value = parseDigits(g.num!);
    if (!Number.isFinite(value)) continue;
    const mul = g.mul?.replace(/\.$/, '');
    const currency = g.c1 ?? g.c2;
    // A bare "m" or "b" is a multiplier for money ("$2m") or written in capitals against the
    // number ("2M requests"), not "5 m" of cable.
    const capitalAgainst = /\d[MB](?!\p{L})/u.test(line.slice(m.index, m.index + m[0].length));
    if (mul !== undefined && (currency !== undefined || mul.length > 1 || mul === 'k' || capitalAgainst))
      value *= MULTIPLIERS[mul] ?? 1;
    const kind: NumberKind = g.pct !== undefined ? 'percentage' : currency !== undefined ? 'money' : 'number';
    found.push({
      kind,
      value: Math.round(value * 1000) / 1000,
      text: line.slice(m.index, m.index + m[0].length).trim(),
      index: m.index,
    });
  }
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(folded); m !== null; m = WORD_RE.exec(folded)) {
    const g = m.groups!;
    found.push({
      kind: g.pct !== undefined ? 'percentage' : 'number',
      value:
        NUMBER_WORDS[g.word!]! * (g.mul === undefined ? 1 : (MULTIPLIERS[g.mul.replace(/\.$/, '')] ?? 1)),
      text: line.slice(m.index, m.index + m[0].length),
      index: m.index,
    });
  }
  return found.sort((a, b) => a.index - b.index);
}
