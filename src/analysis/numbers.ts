// Numbers as CVs write them: digits in English or European notation, number words in four
// languages, percentages, money with currency and multipliers. Values are normalized so that
// "5 engineers" and "a five-person team", or "€120k" and "120,000 EUR", compare equal; a duration
// also carries its length in months, so "18 months" and "a year and a half" compare equal too.
import { fold } from './text.ts';

export type NumberKind = 'number' | 'percentage' | 'money';

export interface FoundNumber {
  readonly kind: NumberKind;
  readonly value: number;
  /** as written */
  readonly text: string;
  readonly index: number;
  /** for a duration ("18 months", "1.5 years", "a year and a half"): its length in months */
  readonly months?: number;
  /** for a short duration ("2 days", "48 hours", "3 weeks"): its length in hours */
  readonly hours?: number;
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
  dreizehn: 13,
  vierzehn: 14,
  funfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  doscientos: 200,
  trescientos: 300,
  cuatrocientos: 400,
  quinientos: 500,
  seiscientos: 600,
  setecientos: 700,
  ochocientos: 800,
  novecientos: 900,
  // How often: "twice a week" is "2 times per week"; "fortnightly" is "every 2 weeks".
  twice: 2,
  thrice: 3,
  zweimal: 2,
  dreimal: 3,
  fortnightly: 2,
  biweekly: 2,
};

// German and Spanish write some compounds as one word: "fünfundzwanzig", "zweihundert", "veinticinco".
const GERMAN_UNITS: [string, number][] = [
  ['ein', 1],
  ['zwei', 2],
  ['drei', 3],
  ['vier', 4],
  ['funf', 5],
  ['sechs', 6],
  ['sieben', 7],
  ['acht', 8],
  ['neun', 9],
];
const GERMAN_TENS: [string, number][] = [
  ['zwanzig', 20],
  ['dreissig', 30],
  ['vierzig', 40],
  ['funfzig', 50],
  ['sechzig', 60],
  ['siebzig', 70],
  ['achtzig', 80],
  ['neunzig', 90],
];
for (const [unit, u] of GERMAN_UNITS) {
  for (const [ten, t] of GERMAN_TENS) NUMBER_WORDS[`${unit}und${ten}`] = t + u;
  if (u > 1) NUMBER_WORDS[`${unit}hundert`] = u * 100;
}
for (const [word, u] of [
  ['uno', 1],
  ['un', 1],
  ['dos', 2],
  ['tres', 3],
  ['cuatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['siete', 7],
  ['ocho', 8],
  ['nueve', 9],
] as const)
  NUMBER_WORDS[`veinti${word}`] = 20 + u;

// Words that count only inside a compound ("twenty-one", "vingt et un", "deux cents", "ciento
// veinte"): alone they are articles, pronouns or "hundreds of" far more often than counts.
const COMPOUND_ONLY: Record<string, number> = {
  one: 1,
  un: 1,
  une: 1,
  uno: 1,
  eins: 1,
  cent: 100,
  cents: 100,
  ciento: 100,
  hundreds: 100,
  vingts: 20,
};
// How often, or a dozen: never part of a compound.
const NOT_COMPOUNDED = new Set(['twice', 'thrice', 'zweimal', 'dreimal', 'fortnightly', 'biweekly', 'dozen']);

/**
 * The value of `acc` followed by the number word `v` as one compound ("twenty" "five", "two"
 * "hundred", "quatre" "vingt", "soixante" "dix"), or null when the two are two numbers.
 */
function compound(acc: number, v: number): number | null {
  if (v === 100) return acc >= 1 && acc < 10 ? acc * 100 : null;
  if (v === 20 && acc === 4) return 80;
  if (v >= 100) return null;
  const low = acc % 100;
  if (acc >= 100 && low === 0) return acc + v;
  if (low >= 20 && low % 10 === 0 && v < 10) return acc + v;
  if ((low === 60 || low === 80) && v >= 10 && v < 20) return acc + v;
  if (low === 10 && v >= 7 && v <= 9) return acc + v;
  return null;
}

// A unit after a number makes it a duration: its length in months.
const DURATION_UNIT_RE =
  /^[\s-]*(?:(?<years>years?|yrs?|jahre?n?|ans?|annees?|anos?)|(?<months>months?|mos?|mths?|monate?n?|mois|mes|meses)|(?<weeks>weeks?|wochen?|semaines?|semanas?)|(?<days>days?|tage?n?|jours?|dias?)|(?<hours>hours?|hrs?|h|stunden|std|heures?|horas?))(?![\p{L}])/u;
const HOURS_PER: Record<string, number> = { weeks: 168, days: 24, hours: 1 };
// Durations written without a numeral, with their length in months.
const HALF_RE =
  /(?<![\p{L}])(?<phrase>(?:a|one) year and a half|(?:one|1) and a half years|eineinhalb jahre|anderthalb jahre|un an et demi|(?:un )?ano y medio|half a year|ein halbes jahr|six mois|medio ano)(?![\p{L}])/gu;
const HALF_MONTHS: Record<string, number> = {
  'half a year': 6,
  'ein halbes jahr': 6,
  'six mois': 6,
  'medio ano': 6,
};
// Years and months written as one length: "a year and two months", "1 yr 8 mos", "einem Jahr und zwei
// Monaten", "deux ans et trois mois", "un año y dos meses". Its counts are digits, number words or
// the article that means one.
const YEARS_AND_MONTHS_RE =
  /(?<![\p{L}\d])(?<years>\d{1,2}|\p{L}+)\s+(?:years?|yrs?|jahre?n?|ans?|annees?|anos?)(?:\s+(?:and|und|et|y)\s+|,?\s+)(?<months>\d{1,2}|\p{L}+)\s+(?:months?|mos?|mths?|monate?n?|mois|meses|mes)(?![\p{L}])/gu;
const ONE_WORDS = new Set('a an one ein eine einem einen einer eins un une uno una'.split(' '));

/** A count of a years-and-months length: digits, a number word, or an article meaning one. */
function durationCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (ONE_WORDS.has(text)) return 1;
  return NUMBER_WORDS[text] ?? null;
}

// "1x per week", "one time a month": how often, not a count of anything.
const ONCE_RE = /^\s?(?:x|times?|mal|fois|vez)\b/;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  tausend: 1e3,
  mille: 1e3,
  mil: 1e3,
  t: 1e3,
  tsd: 1e3,
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
// "T€", "TEUR", "Tsd. €": German thousands, written before the currency.
const MULT =
  'k|mm|m|bn|b|t(?=\\s?(?:€|eur))|tsd\\.?|thousand|tausend|mille|millions?|millionen|millones|millon|mio\\.?|mrd\\.?|milliarden?|milliards?|billions?|mil';
const PERCENT = '%|percent|per cent|prozent|pour cent|por ciento|percentage points|pp';
// "9, 000": a list split at a thousands separator and joined again. No count starts with a zero,
// so a group of three digits led by one after ", " still belongs to the number before it.
const DIGITS =
  '\\d{1,3}(?:, 0\\d{2}(?!\\d))+|\\d{1,3}(?:[,.\\u202f\\u00a0 ]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';

// Not the digits of a name's code: the road "A-49", "COVID-19".
const NUMBER_RE = new RegExp(
  `(?<![\\p{L}\\d.,])(?<!\\p{L}-)(?:(?<c1>${CURRENCY})\\s?)?(?<num>${DIGITS})(?:\\s?(?<mul>${MULT})(?![\\p{L}]))?` +
    `(?:\\s?(?<pct>${PERCENT})(?![\\p{L}])|\\s?(?<c2>${CURRENCY})(?![\\p{L}]))?(?=$|[^\\p{L}\\d]|x\\b)`,
  'gu',
);
const WORD_MULT =
  'thousand|tausend|mille|millions?|millionen|millones|millon|mio\\.?|billions?|milliarden?|mil';
// Longest first, so "veinticinco" is not read as "veinti…" nothing and "dieciocho" not as "ocho".
const ALL_WORDS = [...Object.keys(NUMBER_WORDS), ...Object.keys(COMPOUND_ONLY)].sort(
  (a, b) => b.length - a.length,
);
const WORD_RE = new RegExp(`(?<![\\p{L}])(?<!\\p{L}-)(?<word>${ALL_WORDS.join('|')})(?![\\p{L}])`, 'gu');
// The next word of a compound: "twenty-five", "two hundred and ten", "ochenta y cinco", "vingt et un".
const NEXT_WORD_RE = new RegExp(
  `(?:\\s*-\\s*|\\s+(?:and|y|et|und)\\s+|\\s+)(?<word>${ALL_WORDS.join('|')})(?![\\p{L}])`,
  'uy',
);
const AFTER_WORDS_RE = new RegExp(
  `(?:\\s(?<mul>${WORD_MULT})(?![\\p{L}]))?(?:\\s?(?<pct>${PERCENT})(?![\\p{L}]))?`,
  'uy',
);

function wordValue(word: string): number {
  return NUMBER_WORDS[word] ?? COMPOUND_ONLY[word] ?? 0;
}

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
  HALF_RE.lastIndex = 0;
  for (let m = HALF_RE.exec(folded); m !== null; m = HALF_RE.exec(folded)) {
    const months = HALF_MONTHS[m.groups!.phrase!] ?? 18;
    found.push({
      kind: 'number',
      value: months / 12,
      text: line.slice(m.index, m.index + m[0].length),
      index: m.index,
      months,
    });
  }
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(folded); m !== null; m = NUMBER_RE.exec(folded)) {
    const g = m.groups!;
    if (found.some((n) => n.index <= m.index && m.index < n.index + n.text.length)) continue;
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
    const after = folded.slice(m.index + m[0].length);
    if (kind === 'number' && value === 1 && ONCE_RE.test(after)) continue;
    found.push({
      kind,
      value: Math.round(value * 1000) / 1000,
      text: line.slice(m.index, m.index + m[0].length).trim(),
      index: m.index,
      ...durationOf(kind, value, after),
    });
  }
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(folded); m !== null; m = WORD_RE.exec(folded)) {
    if (found.some((n) => n.index <= m.index && m.index < n.index + n.text.length)) continue;
    const first = m.groups!.word!;
    let value = wordValue(first);
    let end = m.index + m[0].length;
    let parts = 1;
    if (!NOT_COMPOUNDED.has(first)) {
      for (;;) {
        NEXT_WORD_RE.lastIndex = end;
        const next = NEXT_WORD_RE.exec(folded);
        const word = next?.groups?.word;
        if (next === null || word === undefined || NOT_COMPOUNDED.has(word)) break;
        const joined = compound(value, wordValue(word));
        if (joined === null) break;
        value = joined;
        end = NEXT_WORD_RE.lastIndex;
        parts++;
      }
    }
    WORD_RE.lastIndex = end;
    if (parts === 1 && COMPOUND_ONLY[first] !== undefined) continue;
    AFTER_WORDS_RE.lastIndex = end;
    const g = AFTER_WORDS_RE.exec(folded)?.groups ?? {};
    end = AFTER_WORDS_RE.lastIndex || end;
    const kind: NumberKind = g.pct !== undefined ? 'percentage' : 'number';
    if (g.mul !== undefined) value *= MULTIPLIERS[g.mul.replace(/\.$/, '')] ?? 1;
    found.push({
      kind,
      value,
      text: line.slice(m.index, end),
      index: m.index,
      ...durationOf(kind, value, folded.slice(end)),
    });
  }
  return withSharedPercent(
    folded,
    withYearsAndMonths(line, folded, found).sort((a, b) => a.index - b.index),
  );
}

// Words that join the two ends of a span: "from 52 to 71 percent", "von 14 auf 8 %", "de 78 à 91 %".
const SPAN_JOIN_RE = /^\s*(?:-|–|—|to|and|or|auf|bis|und|oder|zu|a|à|et|ou|y|o|hasta)\s*$/u;

/** A span's first number takes the percent sign written once after its second: "52 to 71%". */
function withSharedPercent(folded: string, found: FoundNumber[]): FoundNumber[] {
  return found.map((n, i) => {
    const next = found[i + 1];
    if (n.kind !== 'number' || n.months !== undefined || n.hours !== undefined || next?.kind !== 'percentage')
      return n;
    const between = folded.slice(n.index + n.text.length, next.index);
    return SPAN_JOIN_RE.test(between) ? { ...n, kind: 'percentage' } : n;
  });
}

/** The numbers of a years-and-months length joined into one duration of its months in all. */
function withYearsAndMonths(line: string, folded: string, found: FoundNumber[]): FoundNumber[] {
  let out = found;
  YEARS_AND_MONTHS_RE.lastIndex = 0;
  for (let m = YEARS_AND_MONTHS_RE.exec(folded); m !== null; m = YEARS_AND_MONTHS_RE.exec(folded)) {
    const years = durationCount(m.groups!.years!);
    const months = durationCount(m.groups!.months!);
    if (years === null || months === null || months >= 12) continue;
    const end = m.index + m[0].length;
    const total = years * 12 + months;
    out = out.filter((n) => n.index + n.text.length <= m.index || n.index >= end);
    out.push({ kind: 'number', value: total, text: line.slice(m.index, end), index: m.index, months: total });
  }
  return out;
}

function durationOf(kind: NumberKind, value: number, after: string): { months?: number; hours?: number } {
  if (kind !== 'number') return {};
  const unit = DURATION_UNIT_RE.exec(after)?.groups;
  if (unit === undefined) return {};
  // Days, weeks and hours compare in hours: "2 days" is "48 hours".
  const short = Object.keys(HOURS_PER).find((u) => unit[u] !== undefined);
  if (short !== undefined) return { hours: Math.round(value * HOURS_PER[short]! * 100) / 100 };
  return { months: Math.round(value * (unit.years !== undefined ? 12 : 1) * 100) / 100 };
}
