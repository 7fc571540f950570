// Evaluation of the analysis on CV/job pairs: how the offline improvement moves the match score,
// whether it invents or drops anything, how many injected fabrications the fact guard catches, and
// how often it raises a false alarm on a faithful rewrite. Both the fabrications and the rewrites are generated from each CV, so adding
// a fixture adds cases. `npm run eval` (bench/eval.ts) prints the result; test/analysis-eval.test.ts
// holds the targets. Evaluation code, not part of the service: nothing in src/ imports it.
import { type CvStructure, parseCv } from '../src/analysis/cv-structure.ts';
import { checkFacts, type FactGuardResult, type FactKind } from '../src/analysis/fact-guard.ts';
import { analyzeJob } from '../src/analysis/job.ts';
import { scoreMatch } from '../src/analysis/match-score.ts';
import { improveCvOffline } from '../src/analysis/offline-improve.ts';
import { findSkillIds, lookupSkill } from '../src/analysis/skills.ts';
import { fold, stripBullet, stripMarkdown } from '../src/analysis/text.ts';
import type { EvalCase } from '../test/helpers/analysis-fixtures.ts';

export type { EvalCase } from '../test/helpers/analysis-fixtures.ts';

export type FabricationKind =
  | 'invented_employer'
  | 'replaced_employer'
  | 'invented_client'
  | 'invented_degree'
  | 'invented_certification'
  | 'invented_skill'
  | 'shifted_date'
  | 'shifted_end'
  | 'shifted_month'
  | 'inflated_number'
  | 'inflated_money'
  | 'inflated_percentage';

export type RewriteKind =
  | 'reorder_sections'
  | 'synonyms'
  | 'formatting'
  | 'drop_fillers'
  | 'number_words'
  | 'month_names'
  | 'entry_layout'
  | 'merge_bullets'
  | 'all_at_once';

export interface Variant<K extends string> {
  readonly kind: K;
  readonly text: string;
  /** fact kinds a correct report names, for fabrications */
  readonly expect?: readonly FactKind[];
}

export interface CaseResult {
  readonly id: string;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  readonly offlinePassed: boolean;
  /** facts of the offline improvement that the CV does not state: invented or changed */
  readonly offlineInvented: number;
  /** items of the CV the offline improvement left out (see `droppedItems`) */
  readonly offlineDropped: string[];
  readonly fabrications: { kind: FabricationKind; caught: boolean; rightKind: boolean }[];
  readonly rewrites: { kind: RewriteKind; falseAlarm: boolean; alarms: string[] }[];
}

export interface EvalReport {
  readonly cases: CaseResult[];
  readonly averageScoreChange: number;
  readonly fabricationsTotal: number;
  readonly caught: number;
  readonly catchRate: number;
  /** caught and reported under the expected fact kind */
  readonly rightKindRate: number;
  readonly rewritesTotal: number;
  readonly falseAlarms: number;
  readonly falseAlarmRate: number;
  readonly offlinePassRate: number;
  /** share of offline improvements with no invented fact */
  readonly offlineNoInventionRate: number;
  /** share of offline improvements that keep every job, degree, certificate, language, contact detail, skill and bullet */
  readonly offlineNoDropRate: number;
  readonly missed: string[];
  readonly alarms: string[];
}

const INVENTED_EMPLOYERS = [
  'Northwind Traders Ltd',
  'Contoso Consulting GmbH',
  'Fabrikam Inc.',
  'Umbrella Analytics SAS',
  'Wayne Enterprises S.L.',
  'Stark Industries',
  'Tyrell Systems',
  'Cyberdyne AG',
  'Hooli',
  'Initrode Group',
];
// Names with no legal form, so only the proper-name check can see them.
const INVENTED_CLIENTS = [
  'Initrode',
  'Vandelay',
  'Soylent',
  'Massive Dynamic',
  'Pied Piper',
  'Oscorp',
  'Gringotts',
];
const INVENTED_DEGREES = [
  'Master of Business Administration (MBA)',
  'PhD in Economics',
  'MSc Artificial Intelligence',
  'Bachelor of Laws (LLB)',
];
const INVENTED_CERTIFICATIONS = [
  'PMP',
  'CISSP',
  'Certified ScrumMaster',
  'ITIL Foundation',
  'Six Sigma Green Belt',
  'PRINCE2',
];
const FALLBACK_SKILLS = [
  'Kubernetes',
  'Salesforce',
  'Tableau',
  'Terraform',
  'SAP',
  'Figma',
  'Apache Spark',
  'HubSpot',
];

interface MdSection {
  heading: string;
  lines: string[];
}

function splitMarkdown(md: string): { head: string[]; sections: MdSection[] } {
  const head: string[] = [];
  const sections: MdSection[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line, lines: [] });
    else if (sections.length === 0) head.push(line);
    else sections[sections.length - 1]!.lines.push(line);
  }
  return { head, sections };
}

function joinMarkdown(head: string[], sections: MdSection[]): string {
  return [...head, ...sections.flatMap((s) => [s.heading, ...s.lines])].join('\n');
}

function sectionIndex(sections: MdSection[], headings: RegExp): number {
  return sections.findIndex((s) => headings.test(s.heading.toLowerCase()));
}

const EXPERIENCE_HEADING = /experience|berufserfahrung|expérience|experiencia/;
const EDUCATION_HEADING = /education|ausbildung|formation|educación/;
const CERT_HEADING = /certific|zertifikat/;

function pick<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length]!;
}

function seedOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** What the fabrications of one case are made from. */
interface FabricationContext {
  readonly c: EvalCase;
  readonly cv: CvStructure;
  readonly seed: number;
  readonly sourceSkills: ReadonlySet<string>;
  readonly improved: string;
  readonly head: string[];
  readonly sections: MdSection[];
  /** index of the experience section, -1 when there is none */
  readonly exp: number;
}

/** A copy of the sections that a fabrication may change. */
function copySections(ctx: FabricationContext): MdSection[] {
  return ctx.sections.map((x) => ({ ...x, lines: [...x.lines] }));
}

/** An employer that never was, the first employer replaced, a client named in a bullet. */
function employerFabrications(ctx: FabricationContext): Variant<FabricationKind>[] {
  const { c, seed, improved, head, exp } = ctx;
  const out: Variant<FabricationKind>[] = [];
  if (exp === -1) return out;
  const firstWork = ctx.cv.work[0];
  if (firstWork !== undefined) {
    const employer = pick(INVENTED_EMPLOYERS, seed);
    const bullet = firstWork.highlights[0] ?? 'Delivered projects for clients';
    const s = copySections(ctx);
    s[exp]!.lines.unshift('', `### ${firstWork.position ?? 'Consultant'} — ${employer}`, '', `- ${bullet}`);
    out.push({ kind: 'invented_employer', text: joinMarkdown(head, s), expect: ['employer'] });
    if (firstWork.name !== null && improved.includes(firstWork.name)) {
      out.push({
        kind: 'replaced_employer',
        text: improved.replace(firstWork.name, pick(INVENTED_EMPLOYERS, seed + 3)),
        expect: ['employer'],
      });
    }
  }
  const client = INVENTED_CLIENTS.find((n, i) => i >= seed % 4 && !c.cvText.includes(n)) ?? 'Oscorp';
  const s = copySections(ctx);
  const at = s[exp]!.lines.findIndex((l) => l.startsWith('- '));
  s[exp]!.lines.splice(at === -1 ? 1 : at + 1, 0, `- Delivered the reporting project for ${client} on time`);
  out.push({ kind: 'invented_client', text: joinMarkdown(head, s), expect: ['name', 'employer'] });
  return out;
}

/** A degree and a certification the CV does not hold. */
function credentialFabrications(ctx: FabricationContext): Variant<FabricationKind>[] {
  const { cv, seed, head, sections, exp } = ctx;
  const edu = sectionIndex(sections, EDUCATION_HEADING);
  const sourceDegrees = cv.education.map((e) => (e.studyType ?? '').toLowerCase());
  const degree =
    INVENTED_DEGREES.find(
      (d, i) => i >= seed % 2 && !sourceDegrees.some((s) => s !== '' && d.toLowerCase().includes(s)),
    ) ?? INVENTED_DEGREES[0]!;
  const institution = cv.education[0]?.institution ?? 'University of London';
  const withDegree = copySections(ctx);
  const block = ['', `### ${degree} — ${institution}`, ''];
  if (edu !== -1) withDegree[edu]!.lines.unshift(...block);
  else withDegree.push({ heading: '## Education', lines: block });

  const cert =
    INVENTED_CERTIFICATIONS.find(
      (name, i) => i >= seed % 3 && !ctx.sourceSkills.has(lookupSkill(name)?.id ?? name),
    ) ?? 'PMP';
  const withCert = copySections(ctx);
  const certIdx = sectionIndex(withCert, CERT_HEADING);
  if (certIdx !== -1) withCert[certIdx]!.lines.unshift('', `- ${cert}`);
  else
    withCert.splice(Math.max(0, exp + 1), 0, { heading: '## Certifications', lines: ['', `- ${cert}`, ''] });
  return [
    { kind: 'invented_degree', text: joinMarkdown(head, withDegree), expect: ['degree'] },
    { kind: 'invented_certification', text: joinMarkdown(head, withCert), expect: ['certification'] },
  ];
}

/** A skill the job asks for and the CV lacks, claimed in a bullet. */
function skillFabrication(ctx: FabricationContext): Variant<FabricationKind>[] {
  const { sourceSkills, exp } = ctx;
  if (exp === -1) return [];
  // The job's own missing requirements are what a model is tempted to claim.
  const job = analyzeJob(ctx.c.job);
  const missing = job.requirements.find(
    (r) =>
      r.kind === 'skill' && r.skillId !== undefined && !sourceSkills.has(r.skillId) && r.category !== 'soft',
  );
  const skill =
    missing?.label ??
    FALLBACK_SKILLS.find((n) => !sourceSkills.has(lookupSkill(n)?.id ?? '')) ??
    'Kubernetes';
  const s = copySections(ctx);
  const at = s[exp]!.lines.findIndex((l) => l.startsWith('- '));
  s[exp]!.lines.splice(
    at === -1 ? 1 : at,
    0,
    `- Built and ran production work with ${skill} for the whole team`,
  );
  return [{ kind: 'invented_skill', text: joinMarkdown(ctx.head, s), expect: ['skill', 'certification'] }];
}

/** A start a year earlier, an end a year later, a start two months earlier. */
function dateFabrications(improved: string): Variant<FabricationKind>[] {
  const out: Variant<FabricationKind>[] = [];
  const expect: FactKind[] = ['date_range', 'date'];
  const dm = /\*(\d{2}\/)?(\d{4})( – [^*]+)\*/.exec(improved);
  if (dm !== null) {
    const shifted = `*${dm[1] ?? ''}${Number(dm[2]) - 1}${dm[3]}*`;
    out.push({ kind: 'shifted_date', text: improved.replace(dm[0], shifted), expect });
  }
  // The end of a closed range moved a year later: a longer tenure.
  const em = /\*((?:\d{2}\/)?\d{4} – (?:\d{2}\/)?)(\d{4})\*/.exec(improved);
  if (em !== null) {
    out.push({
      kind: 'shifted_end',
      text: improved.replace(em[0], `*${em[1]}${Number(em[2]) + 1}*`),
      expect,
    });
  }
  // Two months earlier, same year: the subtlest change a date can take.
  const mm = [...improved.matchAll(/\*(\d{2})\/(\d{4})( – [^*]+)\*/g)].find((m) => Number(m[1]) > 2);
  if (mm !== undefined) {
    const month = String(Number(mm[1]) - 2).padStart(2, '0');
    out.push({ kind: 'shifted_month', text: improved.replace(mm[0], `*${month}/${mm[2]}${mm[3]}*`), expect });
  }
  return out;
}

/** `lines` with `value` (found at `at` in line `index`) replaced by `by`. */
function replacedAt(lines: readonly string[], index: number, at: number, value: string, by: string): string {
  const copy = [...lines];
  const line = lines[index]!;
  copy[index] = line.slice(0, at) + by + line.slice(at + value.length);
  return copy.join('\n');
}

/** A count, an amount of money and a percentage made larger, each in the first bullet that has one. */
function numberFabrications(improved: string): Variant<FabricationKind>[] {
  const out: Variant<FabricationKind>[] = [];
  const lines = improved.split('\n');
  const bulletNumber = /(?<![\d.,/%€$£-])\b(\d{1,3})\b(?![\d.,/%]|\s?%|\s?(?:€|k\b|M\b))/;
  const numIdx = lines.findIndex(
    (l) =>
      l.startsWith('- ') &&
      bulletNumber.test(l) &&
      !/\b(?:19|20)\d{2}\b/.test(l.match(bulletNumber)?.[0] ?? ''),
  );
  if (numIdx !== -1) {
    const m = bulletNumber.exec(lines[numIdx]!)!;
    const v = Number(m[1]);
    const inflated = String(v + Math.max(3, Math.round(v * 0.6)));
    const text = replacedAt(lines, numIdx, m.index, m[1]!, inflated);
    out.push({ kind: 'inflated_number', text, expect: ['number', 'money'] });
  }

  const moneyRe = /([$€£])\s?(\d+(?:[.,]\d+)?)([kKM]?)|(\d{1,3}(?:[ .,]\d{3})*)\s?(€|EUR|euros)/;
  const moneyIdx = lines.findIndex((l) => l.startsWith('- ') && moneyRe.test(l));
  if (moneyIdx !== -1) {
    const m = moneyRe.exec(lines[moneyIdx]!)!;
    const digits = m[2] ?? m[4]!;
    const value = Number(digits.replace(/[ .,]/g, ''));
    const text = replacedAt(
      lines,
      moneyIdx,
      m.index + m[0].indexOf(digits),
      digits,
      String(Math.round(value * 1.5)),
    );
    out.push({ kind: 'inflated_money', text, expect: ['money', 'number'] });
  }

  const pctRe = /(\d{1,3}(?:[.,]\d+)?)(\s?%)/;
  const pctIdx = lines.findIndex((l) => l.startsWith('- ') && pctRe.test(l));
  if (pctIdx !== -1) {
    const m = pctRe.exec(lines[pctIdx]!)!;
    const v = Number(m[1]!.replace(',', '.'));
    const inflated = v >= 80 ? Math.round(v + 9) : Math.round(v + 15);
    const text = replacedAt(lines, pctIdx, m.index, m[1]!, String(inflated));
    out.push({ kind: 'inflated_percentage', text, expect: ['percentage'] });
  }
  return out;
}

/** Fabrications injected into a faithful improved CV; each must be reported by the fact guard. */
export function fabricate(c: EvalCase, improved: string): Variant<FabricationKind>[] {
  const { head, sections } = splitMarkdown(improved);
  const ctx: FabricationContext = {
    c,
    cv: parseCv(c.cvText),
    seed: seedOf(c.id),
    sourceSkills: findSkillIds(c.cvText),
    improved,
    head,
    sections,
    exp: sectionIndex(sections, EXPERIENCE_HEADING),
  };
  return [
    ...employerFabrications(ctx),
    ...credentialFabrications(ctx),
    ...skillFabrication(ctx),
    ...dateFabrications(improved),
    ...numberFabrications(improved),
  ];
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
  [/\bmonitor\b/g, 'track'],
  [/\bcustomers\b/g, 'clients'],
  [/\bimprovements\b/g, 'enhancements'],
  [/^- Versorgung\b/gm, '- Betreuung'],
  [/^- Gestion\b/gm, '- Pilotage'],
  [/^- Analyse\b/gm, '- Étude'],
  [/^- Elaboración\b/gm, '- Preparación'],
  [/^- Apoyo\b/gm, '- Ayuda'],
];

const FILLERS = /\b(?:the|a|an|successfully|also|very|die|der|das|le|la|les|el|los|las)\s/g;

const NUMBER_NAMES = [
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
];

const MONTHS: Record<string, readonly string[]> = {
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

function bullets(md: string, fn: (line: string) => string): string {
  return md
    .split('\n')
    .map((l) => (l.startsWith('- ') ? fn(l) : l))
    .join('\n');
}

function reorder(md: string): string {
  const { head, sections } = splitMarkdown(md);
  const keep = sections.filter((s) => !/suggestions/i.test(s.heading));
  const tail = sections.filter((s) => /suggestions/i.test(s.heading));
  return joinMarkdown(head, [
    ...[...keep].reverse().map((s) => ({ ...s, lines: [...s.lines, ''] })),
    ...tail,
  ]);
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

const WORD_TO_DIGIT = new RegExp(`\\b(${NUMBER_NAMES.slice(2).join('|')})\\b`, 'g');

/** Digits to words in one bullet, words to digits in the next: both directions in one text. */
function numberWords(md: string): string {
  let n = 0;
  return bullets(md, (l) =>
    n++ % 2 === 0
      ? l.replace(
          /(?<![\d.,/€$£])\b([2-9]|1[0-2])\b(?![\d.,/%]|\s?%|-\d)/g,
          (_m, d: string) => NUMBER_NAMES[Number(d)]!,
        )
      : l.replace(WORD_TO_DIGIT, (w) => String(NUMBER_NAMES.indexOf(w))),
  );
}

function monthNames(md: string, lang: string): string {
  const names = MONTHS[lang] ?? MONTHS.en!;
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

const PRESENT_SYNONYM: Record<string, string> = {
  Present: 'Current',
  heute: 'aktuell',
  "aujourd'hui": 'en cours',
  actualidad: 'presente',
};

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

/** Rewrites that keep every fact; the fact guard must pass them. */
export function faithfulRewrites(c: EvalCase, improved: string): Variant<RewriteKind>[] {
  const lang = parseCv(c.cvText).meta.language;
  return [
    { kind: 'reorder_sections', text: reorder(improved) },
    { kind: 'synonyms', text: synonyms(improved) },
    { kind: 'formatting', text: formatting(improved) },
    { kind: 'drop_fillers', text: dropFillers(improved) },
    { kind: 'number_words', text: numberWords(improved) },
    { kind: 'month_names', text: monthNames(improved, lang) },
    { kind: 'entry_layout', text: entryLayout(improved) },
    { kind: 'merge_bullets', text: mergeBullets(improved) },
    {
      kind: 'all_at_once',
      text: formatting(monthNames(numberWords(dropFillers(synonyms(reorder(improved)))), lang)),
    },
  ];
}

/** Words only: case, accents, markdown, punctuation and spacing aside ("Nursing (BSN)" = "Nursing BSN"). */
function comparable(text: string): string {
  return fold(stripMarkdown(stripBullet(text)))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * What the output no longer holds of the CV: every job (title, employer and dates), degree,
 * certificate, language, contact detail, skills-list item and bullet must still be there. Read
 * on the structure of both, and on the output's words, so a new layout is no drop.
 */
export function droppedItems(source: CvStructure, outputText: string): string[] {
  const output = parseCv(outputText);
  const text = ` ${outputText
    .split('\n')
    .map((l) => comparable(l))
    .join(' | ')} `;
  const has = (value: string | null) =>
    value === null || value.trim() === '' || text.includes(comparable(value));
  const dropped: string[] = [];
  for (const w of [
    ...source.work,
    ...source.volunteer.map(({ organization, ...v }) => ({ ...v, name: organization })),
  ]) {
    const dated =
      output.work.some(
        (o) => o.startDate === w.startDate && o.endDate === w.endDate && o.current === w.current,
      ) ||
      output.volunteer.some(
        (o) => o.startDate === w.startDate && o.endDate === w.endDate && o.current === w.current,
      );
    if (!dated || !has(w.position) || !has(w.name))
      dropped.push(`job: ${w.position ?? ''} — ${w.name ?? ''}`);
  }
  for (const e of source.education) {
    if (!has(e.studyType) || !has(e.area) || !has(e.institution))
      dropped.push(`degree: ${[e.studyType, e.area, e.institution].filter((x) => x !== null).join(' ')}`);
  }
  for (const c of source.certificates) if (!has(c.name)) dropped.push(`certificate: ${c.name}`);
  for (const l of source.languages) if (!has(l.language)) dropped.push(`language: ${l.language}`);
  const b = source.basics;
  for (const contact of [
    b.name,
    b.email,
    b.phone,
    b.url,
    b.location?.address ?? null,
    ...b.profiles.map((p) => p.url),
  ]) {
    if (!has(contact)) dropped.push(`contact: ${contact}`);
  }
  for (const k of source.skills.flatMap((g) => g.keywords)) if (!has(k)) dropped.push(`skill: ${k}`);
  const bullets = [
    ...source.work.flatMap((w) => w.highlights),
    ...source.volunteer.flatMap((w) => w.highlights),
    ...source.projects.flatMap((p) => p.highlights),
    ...source.education.flatMap((e) => e.highlights),
  ];
  for (const h of bullets) if (!has(h)) dropped.push(`bullet: ${h}`);
  return dropped;
}

function describe(r: FactGuardResult): string[] {
  return [
    ...r.invented.map((f) => `invented ${f.kind} "${f.value}" (line ${f.line})`),
    ...r.changed.map((f) => `changed ${f.kind} "${f.from}" → "${f.to}" (line ${f.line})`),
  ];
}

/** Runs the whole evaluation; `referenceDate` fixes what "Present" means so results never drift. */
export function runEval(cases: readonly EvalCase[], referenceDate = '2025-06'): EvalReport {
  const results: CaseResult[] = [];
  const missed: string[] = [];
  const alarms: string[] = [];
  for (const c of cases) {
    const job = analyzeJob(c.job);
    const improved = improveCvOffline({ cvText: c.cvText, job, referenceDate }).markdown;
    const scoreBefore = scoreMatch(c.cvText, job, { referenceDate }).score;
    const scoreAfter = scoreMatch(improved, job, { referenceDate }).score;
    // The improvement counts "Present" to the reference date; so does the guard that checks it.
    const offline = checkFacts(c.cvText, improved, { referenceDate });
    if (!offline.passed) alarms.push(`${c.id} offline improvement: ${describe(offline).join('; ')}`);
    const offlineDropped = droppedItems(parseCv(c.cvText), improved);

    const fabrications = fabricate(c, improved).map((v) => {
      const r = checkFacts(c.cvText, v.text, { referenceDate });
      const kinds = new Set<FactKind>([...r.invented.map((f) => f.kind), ...r.changed.map((f) => f.kind)]);
      const caught = !r.passed;
      const rightKind = (v.expect ?? []).some((k) => kinds.has(k));
      if (!caught) missed.push(`${c.id} ${v.kind}`);
      return { kind: v.kind, caught, rightKind };
    });
    const rewrites = faithfulRewrites(c, improved).map((v) => {
      const r = checkFacts(c.cvText, v.text, { referenceDate });
      const found = describe(r);
      if (!r.passed) alarms.push(`${c.id} ${v.kind}: ${found.join('; ')}`);
      return { kind: v.kind, falseAlarm: !r.passed, alarms: found };
    });
    results.push({
      id: c.id,
      scoreBefore,
      scoreAfter,
      offlinePassed: offline.passed,
      offlineInvented: offline.invented.length + offline.changed.length,
      offlineDropped,
      fabrications,
      rewrites,
    });
  }
  const fab = results.flatMap((r) => r.fabrications);
  const rew = results.flatMap((r) => r.rewrites);
  const caught = fab.filter((f) => f.caught).length;
  const falseAlarms = rew.filter((r) => r.falseAlarm).length;
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    cases: results,
    averageScoreChange: ratio(
      results.reduce((n, r) => n + (r.scoreAfter - r.scoreBefore), 0),
      results.length,
    ),
    fabricationsTotal: fab.length,
    caught,
    catchRate: ratio(caught, fab.length),
    rightKindRate: ratio(fab.filter((f) => f.caught && f.rightKind).length, fab.length),
    rewritesTotal: rew.length,
    falseAlarms,
    falseAlarmRate: ratio(falseAlarms, rew.length),
    offlinePassRate: ratio(results.filter((r) => r.offlinePassed).length, results.length),
    offlineNoInventionRate: ratio(results.filter((r) => r.offlineInvented === 0).length, results.length),
    offlineNoDropRate: ratio(results.filter((r) => r.offlineDropped.length === 0).length, results.length),
    missed,
    alarms,
  };
}
