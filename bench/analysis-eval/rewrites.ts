// Faithful rewrites of an improved CV: each changes wording, order or layout the way a model or
// a person improving a CV does, and keeps every fact. The fact guard must pass them all. A kind
// that finds nothing to change in a CV gives no rewrite for it.
import { parseCv } from '../../src/analysis/cv-structure.ts';
import { findSkills } from '../../src/analysis/skills.ts';
import { fold } from '../../src/analysis/text.ts';
import type { EvalCase } from '../../test/helpers/analysis-fixtures.ts';
import {
  cleanPosition,
  EXPERIENCE_HEADING,
  escapeRe,
  joinMarkdown,
  LANGUAGES_HEADING,
  type Lang,
  langOf,
  mapProse,
  SKILLS_HEADING,
  sectionIndex,
  splitMarkdown,
} from './markdown.ts';

export type RewriteKind =
  | 'reorder_sections'
  | 'synonyms'
  | 'formatting'
  | 'drop_fillers'
  | 'number_words'
  | 'month_names'
  | 'entry_layout'
  | 'merge_bullets'
  | 'abbreviation'
  | 'hyphenated_compound'
  | 'frequency'
  | 'duration'
  | 'date_format'
  | 'reordered_clauses'
  | 'group_labels'
  | 'headline_target'
  | 'all_at_once';

export const REWRITE_KINDS: readonly RewriteKind[] = [
  'reorder_sections',
  'synonyms',
  'formatting',
  'drop_fillers',
  'number_words',
  'month_names',
  'entry_layout',
  'merge_bullets',
  'abbreviation',
  'hyphenated_compound',
  'frequency',
  'duration',
  'date_format',
  'reordered_clauses',
  'group_labels',
  'headline_target',
  'all_at_once',
];

export interface Rewrite {
  readonly kind: RewriteKind;
  readonly text: string;
}

const SYNONYMS: readonly [RegExp, string][] = [
  [/^- Led\b/m, '- Headed'],
  [/^- Built\b/gm, '- Developed'],
  [/^- Managed\b/gm, '- Oversaw'],
  [/^- Designed\b/gm, '- Created'],
  [/^- Reduced\b/gm, '- Cut'],
  [/^- Wrote\b/gm, '- Authored'],
  [/^- Migrated\b/gm, '- Moved'],
  [/^- Ran\b/gm, '- Conducted'],
  [/^- Maintained\b/gm, '- Looked after'],
  [/^- Closed\b/gm, '- Won'],
  [/^- Created\b/gm, '- Produced'],
  [/^- Prepare\b/gm, '- Produce'],
  [/^- Present\b/gm, '- Report'],
  [/\bmonitor\b/g, 'track'],
  [/\bcustomers\b/g, 'clients'],
  [/\bimprovements\b/g, 'enhancements'],
  [/^- Versorgung\b/gm, '- Betreuung'],
  [/^- Planung\b/gm, '- Konzeption'],
  [/^- Erstellung\b/gm, '- Ausarbeitung'],
  [/^- Gestion\b/gm, '- Pilotage'],
  [/^- Analyse\b/gm, '- Étude'],
  [/^- Enseignement\b/gm, '- Cours'],
  [/^- Elaboración\b/gm, '- Preparación'],
  [/^- Apoyo\b/gm, '- Ayuda'],
  [/^- Gestión\b/gm, '- Administración'],
];

// Whole words only, in Unicode: an ASCII \b would cut the "a" off "Guía".
const FILLERS = /(?<![\p{L}\p{N}])(?:the|a|an|successfully|also|very|die|der|das|le|la|les|el|los|las)\s/gu;

const NUMBER_NAMES: Record<Lang, readonly string[]> = {
  en: [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
  ],
  de: [
    'null',
    'eins',
    'zwei',
    'drei',
    'vier',
    'fünf',
    'sechs',
    'sieben',
    'acht',
    'neun',
    'zehn',
    'elf',
    'zwölf',
  ],
  fr: [
    'zéro',
    'un',
    'deux',
    'trois',
    'quatre',
    'cinq',
    'six',
    'sept',
    'huit',
    'neuf',
    'dix',
    'onze',
    'douze',
  ],
  es: [
    'cero',
    'uno',
    'dos',
    'tres',
    'cuatro',
    'cinco',
    'seis',
    'siete',
    'ocho',
    'nueve',
    'diez',
    'once',
    'doce',
  ],
};

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
};
const FULL_MONTHS: Record<Lang, readonly string[]> = {
  ...MONTHS,
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};
const SINCE: Record<Lang, string> = { en: 'since', de: 'seit', fr: 'depuis', es: 'desde' };

const PRESENT_SYNONYM: Record<string, string> = {
  Present: 'Current',
  heute: 'aktuell',
  "aujourd'hui": 'en cours',
  actualidad: 'presente',
};

// A short form and its long form; a rewrite may write either for the other.
const ABBREVIATIONS: Record<Lang, readonly [string, string][]> = {
  en: [
    ['AWS', 'Amazon Web Services'],
    ['GCP', 'Google Cloud Platform'],
    ['KPI', 'key performance indicator'],
    ['APM', 'application performance monitoring'],
    ['IPO', 'initial public offering'],
    ['M&A', 'mergers and acquisitions'],
    ['PE-backed', 'private-equity-backed'],
    ['DFT', 'density functional theory'],
    ['SEM', 'scanning electron microscopy'],
    ['CI/CD', 'continuous integration and delivery'],
    ['IV', 'intravenous'],
    ['B2B', 'business-to-business'],
    ['UK', 'United Kingdom'],
  ],
  de: [
    ['Lkw', 'Lastkraftwagen'],
    ['z. B.', 'zum Beispiel'],
    ['IHK', 'Industrie- und Handelskammer'],
    ['Mio.', 'Millionen'],
    ['HR-Reporting', 'Personal-Reporting'],
    ['Betriebswirtschaftslehre', 'BWL'],
    ['MS Office', 'Microsoft Office'],
  ],
  fr: [
    ['CHU', 'centre hospitalier universitaire'],
    ['SEO', 'référencement naturel'],
    ['baccalauréat', 'bac'],
    ['6e', 'sixième'],
    ['3e', 'troisième'],
  ],
  es: [
    ['CSAT', 'índice de satisfacción del cliente'],
    ['BIM', 'modelado de información de construcción'],
    ['NIIF', 'Normas Internacionales de Información Financiera'],
    ['DCF', 'descuento de flujos de caja'],
    ['aprox.', 'aproximadamente'],
  ],
};

// Two ways to say how often; either may stand for the other.
const FREQUENCIES: Record<Lang, readonly [RegExp, string][]> = {
  en: [
    [/\bweekly(?=[,.;]|$)/g, 'every week'],
    [/\bmonthly(?=[,.;]|$)/g, 'every month'],
    [/\bdaily(?=[,.;]|$)/g, 'every day'],
    [/\bevery week\b/g, 'weekly'],
    [/\bevery month\b/g, 'monthly'],
    [/\bevery quarter\b/g, 'quarterly'],
    [/\bper day\b/g, 'a day'],
    [/\bper week\b/g, 'a week'],
    [/\bper year\b/g, 'a year'],
    [/\bper quarter\b/g, 'a quarter'],
    [/\btwice a (week|month|year)\b/g, 'two times per $1'],
  ],
  de: [
    [/\bpro Jahr\b/g, 'im Jahr'],
    [/\bpro Woche\b/g, 'in der Woche'],
    [/\bpro Monat\b/g, 'im Monat'],
    [/\bpro Tag\b/g, 'am Tag'],
    [/\bpro Schicht\b/g, 'je Schicht'],
    [/^- Monatliches ([\p{L}-]+) an (.+)$/gmu, '- $1 an $2, jeden Monat'],
    [/^- Wöchentliche ([\p{L}-]+) mit (.+)$/gmu, '- $1 mit $2 jede Woche'],
  ],
  fr: [
    [/\bpar an\b/g, 'chaque année'],
    [/\bpar jour\b/g, 'chaque jour'],
    [/\bpar semaine\b/g, 'chaque semaine'],
    [/\bpar mois\b/g, 'chaque mois'],
    [/\bpar saison\b/g, 'chaque saison'],
    [/\bchaque année\b/g, 'tous les ans'],
    [/\bun tutorat hebdomadaire\b/g, 'un tutorat chaque semaine'],
  ],
  es: [
    [/\bal día\b/g, 'por día'],
    [/\bal mes\b/g, 'por mes'],
    [/\bal año\b/g, 'por año'],
    [/\bsemanal\b/g, 'cada semana'],
    [/\bmensual\b/g, 'de cada mes'],
  ],
};

// Durations said another way: a unit converted, or the count written in words or digits.
const DURATIONS: Record<Lang, readonly [RegExp, string][]> = {
  en: [
    [/\b18 months\b/g, 'a year and a half'],
    [/\ba year and a half\b/g, '18 months'],
    [/\b24 months\b/g, 'two years'],
    [/\b12 months\b/g, 'one year'],
    [/\b6 months\b/g, 'half a year'],
    [/\b14 months\b/g, 'fourteen months'],
  ],
  de: [
    [/\b18 Monaten\b/g, 'anderthalb Jahren'],
    [/\b14 Monaten\b/g, 'vierzehn Monaten'],
    [/\b6 Monaten\b/g, 'einem halben Jahr'],
  ],
  fr: [
    [/\b18 mois\b/g, 'un an et demi'],
    [/\b6 mois\b/g, 'six mois'],
  ],
  es: [
    [/\bun año y medio\b/g, '18 meses'],
    [/\b18 meses\b/g, 'un año y medio'],
    [/\b4 meses\b/g, 'cuatro meses'],
  ],
};
const DURATION_UNITS: Record<Lang, string> = {
  en: 'years?|months?|weeks?|days?|hours?|minutes',
  de: 'Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|Stunden',
  fr: 'ans|années|mois|semaines|jours|heures',
  es: 'años|meses|semanas|días|horas',
};

// A faithful way to say "X in SAP" as one compound.
const COMPOUND_SUFFIX: Record<Lang, string> = { en: '-based', de: '-gestützte', fr: '', es: '' };

const GROUP_LABELS: Record<Lang, [string, string]> = {
  en: ['Tools and methods', 'Languages'],
  de: ['Werkzeuge und Methoden', 'Sprachen'],
  fr: ['Outils et méthodes', 'Langues'],
  es: ['Herramientas y métodos', 'Idiomas'],
};
const SEEKING: Record<Lang, string> = {
  en: 'seeking my next role as',
  de: 'auf der Suche nach einer Stelle als',
  fr: 'à la recherche d’un poste de',
  es: 'en busca de un puesto de',
};

function bullets(md: string, fn: (line: string) => string): string {
  return md
    .split('\n')
    .map((l) => (l.startsWith('- ') ? fn(l) : l))
    .join('\n');
}

/** Bullets of the experience sections only: a thesis or a certificate keeps its wording. */
function experienceBullets(md: string, fn: (line: string) => string): string {
  let inExperience = false;
  return md
    .split('\n')
    .map((l) => {
      if (l.startsWith('## ')) inExperience = EXPERIENCE_HEADING.test(fold(l));
      return inExperience && l.startsWith('- ') ? fn(l) : l;
    })
    .join('\n');
}

function reorder(md: string): string {
  const { head, sections } = splitMarkdown(md);
  return joinMarkdown(
    head,
    [...sections].reverse().map((s) => ({ ...s, lines: [...s.lines, ''] })),
  );
}

function synonyms(md: string): string {
  let out = md;
  for (const [re, to] of SYNONYMS) out = out.replace(re, to);
  return out;
}

function formatting(md: string): string {
  return md
    .split('\n')
    .map((l) => {
      if (l.startsWith('### ')) return `**${l.slice(4)}**`;
      if (l.startsWith('## ')) return l.slice(3).toUpperCase();
      if (l.startsWith('- ')) return `• ${l.slice(2).replace(/\*\*/g, '')}`;
      if (/^\*[^*]+\*$/.test(l)) return l.slice(1, -1);
      return l;
    })
    .join('\n');
}

function dropFillers(md: string): string {
  return bullets(md, (l) => l.replace(FILLERS, ''));
}

/** Digits to words in one bullet, words to digits in the next: both directions in one text. */
function numberWords(md: string, lang: Lang): string {
  const names = NUMBER_NAMES[lang];
  // Whole words, not parts of a compound number ("dix-huit" is not "dix" and "huit").
  const toDigit = new RegExp(`(?<![\\p{L}\\p{N}-])(${names.slice(2).join('|')})(?![\\p{L}\\p{N}-])`, 'gu');
  let n = 0;
  return bullets(md, (l) =>
    n++ % 2 === 0
      ? l.replace(
          /(?<![\d.,/€$£])\b([2-9]|1[0-2])\b(?![\d.,/%]|\s?%|-\d)/g,
          (_m, d: string) => names[Number(d)]!,
        )
      : l.replace(toDigit, (w) => String(names.indexOf(w))),
  );
}

function monthNames(md: string, lang: Lang): string {
  const names = MONTHS[lang];
  return md
    .replace(
      /\b(0[1-9]|1[0-2])\/((?:19|20)\d{2})\b/g,
      (_m, mm: string, yyyy: string) => `${names[Number(mm) - 1]} ${yyyy}`,
    )
    .replace(
      /– (Present|heute|aujourd'hui|actualidad)\*/g,
      (_m, word: string) => `– ${PRESENT_SYNONYM[word] ?? word}*`,
    );
}

/** "### Title — Employer" over "*dates*" becomes one line "**Title** | Employer | dates", as models often write it. */
function entryLayout(md: string): string {
  return md.replace(
    /^### (.+?)(?: — (.+))?\n\*([^*\n]+)\*$/gm,
    (_m, title: string, rest: string | undefined, dates: string) =>
      rest === undefined ? `**${title}** | ${dates}` : `**${title}** | ${rest} | ${dates}`,
  );
}

/** Consecutive bullets joined two by two, as a condensing rewrite does. */
function mergeBullets(md: string): string {
  const out: string[] = [];
  for (const line of md.split('\n')) {
    const prev = out[out.length - 1];
    if (line.startsWith('- ') && prev?.startsWith('- ') && !prev.includes('; ')) {
      out[out.length - 1] =
        `${prev.replace(/[.;]$/, '')}; ${line.slice(2).charAt(0).toLowerCase()}${line.slice(3)}`;
    } else out.push(line);
  }
  return out.join('\n');
}

/** The first short or long form the text uses in its prose, written the other way. */
function abbreviation(md: string, lang: Lang): string {
  for (const [short, long] of ABBREVIATIONS[lang]) {
    for (const [from, to] of [
      [short, long],
      [long, short],
    ] as const) {
      const re = new RegExp(`(?<![\\p{L}\\d])${escapeRe(from)}(?![\\p{L}\\d])`, 'gu');
      // An official name stays as issued: "AWS Certified …" is not reworded.
      const out = mapProse(md, (l) => (/certifi|zertifi/i.test(l) ? l : l.replace(re, to)));
      if (out !== md) return out;
    }
  }
  return md;
}

/** "journals in SAP" → "SAP-based journals": the CV's own tool made part of a compound. */
function hyphenatedCompound(md: string, lang: Lang): string {
  const suffix = COMPOUND_SUFFIX[lang];
  if (suffix === '') return md;
  const prepositions = lang === 'de' ? 'in|mit' : 'in|using|with|on';
  const re = new RegExp(
    `(?<=\\s)([\\p{L}]{3,}) (?:${prepositions}) ([A-Z][\\w.+#]*(?: [A-Z0-9][\\w.+#]*)?)(?=[\\s,.;]|$)`,
    'gu',
  );
  return experienceBullets(md, (l) =>
    l.replace(re, (m, noun: string, tool: string) => {
      const hit = findSkills(tool);
      // Only a known tool named whole, after a noun (not "written in PHP" nor "working with").
      if (hit.length !== 1 || /(?:ed|ing|en)$/.test(noun) || /^(?:and|und|the|der|die|das)$/i.test(noun))
        return m;
      return `${tool}${suffix} ${noun}`;
    }),
  );
}

function frequency(md: string, lang: Lang): string {
  let out = md;
  for (const [re, to] of FREQUENCIES[lang]) {
    const next = mapProse(out, (l) => l.replace(re, to));
    // One direction per phrase: "weekly" → "every week" must not turn back.
    if (next !== out) out = next;
  }
  return out;
}

function duration(md: string, lang: Lang): string {
  let out = mapProse(md, (l) => {
    let line = l;
    for (const [re, to] of DURATIONS[lang]) {
      const next = line.replace(re, to);
      if (next !== line) return next;
      line = next;
    }
    return line;
  });
  if (out !== md) return out;
  // No conversion applies: a count of a duration written in words ("5 years" → "five years").
  const names = NUMBER_NAMES[lang];
  const re = new RegExp(`(?<![\\d.,])\\b([2-9]|1[0-2]) (${DURATION_UNITS[lang]})\\b`, 'g');
  out = mapProse(md, (l) => l.replace(re, (_m, d: string, unit: string) => `${names[Number(d)]} ${unit}`));
  return out;
}

/** Entry dates in other notations: ISO in one entry, the full month name in the next. */
function dateFormat(md: string, lang: Lang): string {
  let n = 0;
  const months = FULL_MONTHS[lang];
  const out = md.replace(/^\*((?:\d{2}\/)?\d{4}) – ([^*]+)\*$/gm, (m, start: string, end: string) => {
    const iso = n++ % 2 === 0;
    const one = (d: string) => {
      const dm = /^(\d{2})\/(\d{4})$/.exec(d);
      if (dm === null) return d;
      return iso ? `${dm[2]}-${dm[1]}` : `${months[Number(dm[1]) - 1]} ${dm[2]}`;
    };
    const result = `*${one(start)} – ${one(end)}*`;
    return result === m ? m : result;
  });
  if (out !== md) return out;
  // Years only: the open range said as "since 2018".
  return md.replace(
    /^\*(\d{4}) – (?:Present|heute|aujourd'hui|actualidad)\*$/m,
    (_m, start: string) => `*${SINCE[lang]} ${start}*`,
  );
}

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Cut X by doing Y" → "By doing Y, cut X": the parts of a sentence in another order. */
function reorderedClauses(md: string, lang: Lang): string {
  const patterns: Record<Lang, [RegExp, (m: RegExpExecArray) => string][]> = {
    en: [
      [/^- (.{12,}?),? by (\p{Ll}+ing\b.{6,})$/u, (m) => `- By ${m[2]}, ${lowerFirst(m[1]!)}`],
      [
        /^- (.{12,}?), (cutting|raising|reducing|saving|bringing|clearing|raising) (.{6,})$/u,
        (m) => `- ${upperFirst(m[2]!)} ${m[3]}: ${lowerFirst(m[1]!)}`,
      ],
    ],
    de: [[/^- (.{12,}?) durch (.{6,})$/u, (m) => `- Durch ${m[2]}: ${m[1]}`]],
    fr: [[/^- (.{12,}?) grâce à (.{6,})$/u, (m) => `- Grâce à ${m[2]} : ${lowerFirst(m[1]!)}`]],
    es: [[/^- (.{12,}?) mediante (.{6,})$/u, (m) => `- Mediante ${m[2]}: ${lowerFirst(m[1]!)}`]],
  };
  return bullets(md, (l) => {
    for (const [re, fn] of patterns[lang]) {
      const m = re.exec(l);
      if (m !== null) return fn(m);
    }
    return l;
  });
}

/** Skills put under two labels, "Tools and methods: …" and "Languages: …", in one section. */
function groupLabels(md: string, lang: Lang): string {
  const { head, sections } = splitMarkdown(md);
  const skills = sectionIndex(sections, SKILLS_HEADING);
  if (skills === -1) return md;
  const items = sections[skills]!.lines.map((l) =>
    l
      .replace(/^- /, '')
      .replace(/^\*\*[^*]+:\*\*\s*/, '')
      .replace(/ · /g, ', ')
      .trim(),
  ).filter((l) => l !== '');
  const [tools, languages] = GROUP_LABELS[lang];
  const lines = ['', `- ${tools}: ${items.join(', ')}`];
  const lang_ = sectionIndex(sections, LANGUAGES_HEADING);
  const kept = sections.filter((_, i) => i !== lang_);
  if (lang_ !== -1) {
    const spoken = sections[lang_]!.lines.map((l) => l.replace(/ · /g, ', ').trim()).filter((l) => l !== '');
    lines.push(`- ${languages}: ${spoken.join(', ')}`);
  }
  lines.push('');
  return joinMarkdown(
    head,
    kept.map((s) => (s === sections[skills] ? { ...s, lines } : s)),
  );
}

/** A headline naming the job's position as what the person seeks. */
function headlineTarget(md: string, lang: Lang, position: string): string {
  const target = cleanPosition(position);
  if (target === '') return md;
  const lines = md.split('\n');
  const name = lines.findIndex((l) => l.startsWith('# '));
  lines.splice(name + 1, 0, '', `**${target}** — ${SEEKING[lang]} ${target}`);
  return lines.join('\n');
}

/** Rewrites that keep every fact; the fact guard must pass them. */
export function faithfulRewrites(c: EvalCase, improved: string): Rewrite[] {
  const lang = langOf(parseCv(c.cvText).meta.language);
  const all: Rewrite[] = [
    { kind: 'reorder_sections', text: reorder(improved) },
    { kind: 'synonyms', text: synonyms(improved) },
    { kind: 'formatting', text: formatting(improved) },
    { kind: 'drop_fillers', text: dropFillers(improved) },
    { kind: 'number_words', text: numberWords(improved, lang) },
    { kind: 'month_names', text: monthNames(improved, lang) },
    { kind: 'entry_layout', text: entryLayout(improved) },
    { kind: 'merge_bullets', text: mergeBullets(improved) },
    { kind: 'abbreviation', text: abbreviation(improved, lang) },
    { kind: 'hyphenated_compound', text: hyphenatedCompound(improved, lang) },
    { kind: 'frequency', text: frequency(improved, lang) },
    { kind: 'duration', text: duration(improved, lang) },
    { kind: 'date_format', text: dateFormat(improved, lang) },
    { kind: 'reordered_clauses', text: reorderedClauses(improved, lang) },
    { kind: 'group_labels', text: groupLabels(improved, lang) },
    { kind: 'headline_target', text: headlineTarget(improved, lang, c.job.position) },
    {
      kind: 'all_at_once',
      text: formatting(monthNames(numberWords(dropFillers(synonyms(reorder(improved))), lang), lang)),
    },
  ];
  return all.filter((r) => r.text !== improved);
}
