// Fabrications injected into a faithful improved CV: each puts exactly one untrue fact into the
// text, names that fact (`fact`) and the fact kind a correct report gives it. Every generator
// reads only the case itself, so a new fixture adds cases without any change here.
import { type CvStructure, parseCv } from '../../src/analysis/cv-structure.ts';
import { FACT_KINDS, type FactKind } from '../../src/analysis/fact-guard.ts';
import { analyzeJob } from '../../src/analysis/job.ts';
import { findSkillIds, lookupSkill } from '../../src/analysis/skills.ts';
import { fold } from '../../src/analysis/text.ts';
import type { EvalCase } from '../../test/helpers/analysis-fixtures.ts';
import {
  CERT_HEADING,
  cleanPosition,
  copySections,
  EDUCATION_HEADING,
  EXPERIENCE_HEADING,
  escapeRe,
  joinMarkdown,
  type Lang,
  langOf,
  type MdSection,
  pick,
  sectionIndex,
  seedOf,
  splitMarkdown,
} from './markdown.ts';

export type FabricationKind =
  | 'invented_employer'
  | 'replaced_employer'
  | 'invented_client'
  | 'invented_degree'
  | 'invented_certification'
  | 'invented_skill'
  | 'swapped_tool'
  | 'shifted_date'
  | 'shifted_end'
  | 'shifted_month'
  | 'shifted_year'
  | 'inflated_number'
  | 'inflated_money'
  | 'inflated_percentage'
  | 'invented_award'
  | 'invented_publication'
  | 'invented_patent'
  | 'invented_membership'
  | 'target_title_on_job'
  | 'changed_title'
  | 'changed_institution';

export type EvalFactKind = FactKind;
export { FACT_KINDS };

export interface Fabrication {
  readonly kind: FabricationKind;
  readonly text: string;
  /** the untrue fact as the text states it; a finding must name it */
  readonly fact: string;
  /** other spellings a finding may use for it ("2019-01" for "01/2019") */
  readonly factKeys?: readonly string[];
  /** the fact kind the fabrication is counted under */
  readonly factKind: EvalFactKind;
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

// Kinds of tool rather than tools: a CV naming SAP does hold "ERP" experience.
const UMBRELLA_SKILLS: ReadonlySet<string> = new Set([
  'erp',
  'crm',
  'cloud-computing',
  'business-intelligence',
  'devops',
  'big-data',
  'data-engineering',
  'web-development',
]);

// A tool and the tools of its family a rewrite may swap it for: same job, different product.
const TOOL_FAMILIES: readonly (readonly string[])[] = [
  ['Datadog', 'New Relic', 'Dynatrace'],
  ['Prometheus', 'Zabbix', 'Nagios'],
  ['Grafana', 'Kibana'],
  ['AWS', 'Azure', 'GCP'],
  ['GCP', 'AWS', 'Azure'],
  ['PostgreSQL', 'MySQL', 'Oracle Database'],
  ['MySQL', 'PostgreSQL', 'MariaDB'],
  ['Jenkins', 'GitLab CI', 'CircleCI'],
  ['GitHub Actions', 'GitLab CI', 'CircleCI'],
  ['Terraform', 'Pulumi', 'CloudFormation'],
  ['Ansible', 'Puppet', 'Chef'],
  ['Kafka', 'RabbitMQ'],
  ['Redis', 'Memcached'],
  ['Tableau', 'Power BI', 'Qlik'],
  ['Power BI', 'Tableau', 'Qlik'],
  ['Looker', 'Tableau'],
  ['BigQuery', 'Snowflake', 'Redshift'],
  ['SAP', 'Oracle ERP', 'Microsoft Dynamics'],
  ['Oracle ERP', 'SAP', 'Microsoft Dynamics'],
  ['SAP SuccessFactors', 'Workday'],
  ['Sage 200', 'Xero', 'QuickBooks'],
  ['DATEV', 'Lexware'],
  ['Personio', 'Workday'],
  ['AutoCAD', 'Revit', 'MicroStation'],
  ['Civil 3D', 'MicroStation'],
  ['Primavera P6', 'MS Project'],
  ['MS Project', 'Primavera P6'],
  ['Zendesk', 'Freshdesk', 'ServiceNow'],
  ['Salesforce', 'HubSpot', 'Microsoft Dynamics'],
  ['HubSpot', 'Salesforce', 'Marketo'],
  ['Figma', 'Sketch', 'Adobe XD'],
  ['Sketch', 'Adobe XD'],
  ['Epic', 'Cerner'],
  ['Google Analytics', 'Adobe Analytics'],
  ['Shopify', 'Magento', 'WooCommerce'],
  ['Moodle', 'Canvas', 'Blackboard'],
  ['MATLAB', 'Mathematica'],
  ['PyTorch', 'TensorFlow'],
  ['scikit-learn', 'XGBoost'],
  ['React', 'Angular', 'Vue.js'],
  ['Go', 'Rust'],
  ['Java', 'C#'],
  ['PHP', 'Ruby'],
  ['Excel', 'Google Sheets'],
  ['Docker', 'Podman'],
  ['Kubernetes', 'OpenShift', 'Nomad'],
];

const AWARDS: Record<Lang, readonly string[]> = {
  en: [
    'Employee of the Year 2022',
    'Innovation Award, European Business Awards 2021',
    'Outstanding Achievement Award 2020',
  ],
  de: ['Innovationspreis der IHK 2021', 'Mitarbeiterin des Jahres 2022', 'Deutscher Exzellenzpreis 2020'],
  fr: [
    "Prix de l'innovation 2021",
    "Trophée de l'excellence professionnelle 2022",
    'Prix du jeune talent 2020',
  ],
  es: [
    'Premio a la Excelencia Profesional 2021',
    'Premio Innovación Empresarial 2022',
    'Premio al Talento Joven 2020',
  ],
};
const PUBLICATIONS: Record<Lang, readonly string[]> = {
  en: [
    '"Lessons from a decade of process redesign", Harvard Business Review, 2022',
    '"Measuring what matters in operations", Journal of Applied Management, 2021',
  ],
  de: [
    '„Erfolgsfaktoren der digitalen Transformation“, Zeitschrift für Betriebswirtschaft, 2022',
    '„Prozesse neu denken“, Harvard Business Manager, 2021',
  ],
  fr: [
    '« Repenser les processus métier », Revue française de gestion, 2022',
    '« La transformation numérique au quotidien », Les Échos Executives, 2021',
  ],
  es: [
    '«Claves de la transformación digital», Revista de Dirección y Administración de Empresas, 2022',
    '«Repensar los procesos», Harvard Deusto Business Review, 2021',
  ],
};
const PATENTS: Record<Lang, readonly string[]> = {
  en: [
    'US 10,987,654 B2, System for automated workflow scheduling, granted 2021',
    'EP 3 456 789 B1, Method for optimising resource allocation, granted 2022',
  ],
  de: [
    'DE 10 2019 123 456 B4, Verfahren zur Optimierung von Arbeitsabläufen, erteilt 2021',
    'EP 3 456 789 B1, Vorrichtung zur Prozesssteuerung, erteilt 2022',
  ],
  fr: [
    "FR 3 087 654 B1, Procédé d'optimisation des flux de travail, délivré en 2021",
    'EP 3 456 789 B1, Dispositif de pilotage de processus, délivré en 2022',
  ],
  es: [
    'ES 2 765 432 B2, Procedimiento de optimización de procesos, concedida en 2021',
    'EP 3 456 789 B1, Dispositivo de control de procesos, concedida en 2022',
  ],
};
const MEMBERSHIPS: Record<Lang, readonly [string, string][]> = {
  en: [
    ['Member of the Chartered Management Institute (CMI)', 'Chartered Management Institute'],
    ['Fellow of the Royal Society of Arts (FRSA)', 'Royal Society of Arts'],
  ],
  de: [
    ['Mitglied im Verband Deutscher Ingenieure (VDI)', 'Verband Deutscher Ingenieure'],
    [
      'Mitglied der Deutschen Gesellschaft für Projektmanagement (GPM)',
      'Deutschen Gesellschaft für Projektmanagement',
    ],
  ],
  fr: [
    [
      "Membre de l'Association nationale des directeurs financiers (DFCG)",
      'Association nationale des directeurs financiers',
    ],
    ['Membre du Club des dirigeants du Grand Ouest', 'Club des dirigeants du Grand Ouest'],
  ],
  es: [
    ['Miembro de la Asociación Española de Dirección (AED)', 'Asociación Española de Dirección'],
    ['Socia del Club de Gestión de Calidad', 'Club de Gestión de Calidad'],
  ],
};
const INSTITUTIONS: Record<Lang, readonly string[]> = {
  en: ['University of Oxford', "King's College London", 'University of Edinburgh'],
  de: ['Ludwig-Maximilians-Universität München', 'Technische Universität Berlin', 'Universität Heidelberg'],
  fr: ['Université Paris-Saclay', 'Sorbonne Université', 'Université de Strasbourg'],
  es: ['Universidad Complutense de Madrid', 'Universidad de Barcelona', 'Universidad de Salamanca'],
};
const SECTION_NAMES: Record<'awards' | 'publications' | 'patents' | 'memberships', Record<Lang, string>> = {
  awards: { en: 'Awards', de: 'Auszeichnungen', fr: 'Distinctions', es: 'Premios' },
  publications: { en: 'Publications', de: 'Publikationen', fr: 'Publications', es: 'Publicaciones' },
  patents: { en: 'Patents', de: 'Patente', fr: 'Brevets', es: 'Patentes' },
  memberships: {
    en: 'Professional Memberships',
    de: 'Mitgliedschaften',
    fr: 'Adhésions',
    es: 'Afiliaciones',
  },
};
const SECTION_HEADINGS: Record<keyof typeof SECTION_NAMES, RegExp> = {
  awards: /award|honou?r|auszeichnung|distinction|prix|premio/,
  publications: /publica|publika|veroffentlich/,
  patents: /patent|brevet/,
  memberships: /membership|mitgliedschaft|adhesion|afiliacion|colegiacion|affiliation/,
};

/** What the fabrications of one case are made from. */
interface Context {
  readonly c: EvalCase;
  readonly cv: CvStructure;
  readonly lang: Lang;
  readonly seed: number;
  readonly sourceSkills: ReadonlySet<string>;
  readonly foldedSource: string;
  readonly improved: string;
  readonly head: string[];
  readonly sections: MdSection[];
  /** index of the experience section, -1 when there is none */
  readonly exp: number;
}

function text(ctx: Context, sections: MdSection[]): string {
  return joinMarkdown(ctx.head, sections);
}

/** True when the CV already states `value`: such a claim would be no fabrication. */
function inSource(ctx: Context, value: string): boolean {
  return ctx.foldedSource.includes(fold(value));
}

/** Sections with `line` added to the section that `headings` finds, or to a new one at the end. */
function withLine(ctx: Context, which: keyof typeof SECTION_NAMES, line: string): MdSection[] {
  const s = copySections(ctx.sections);
  const at = sectionIndex(s, SECTION_HEADINGS[which]);
  if (at !== -1) s[at]!.lines.unshift('', line);
  else s.push({ heading: `## ${SECTION_NAMES[which][ctx.lang]}`, lines: ['', line, ''] });
  return s;
}

/** An employer that never was, the first employer replaced, a client named in a bullet. */
function employerFabrications(ctx: Context): Fabrication[] {
  const { c, seed, improved, exp } = ctx;
  const out: Fabrication[] = [];
  if (exp === -1) return out;
  const firstWork = ctx.cv.work[0];
  if (firstWork !== undefined) {
    const employer = pick(INVENTED_EMPLOYERS, seed);
    const bullet = firstWork.highlights[0] ?? 'Delivered projects for clients';
    const s = copySections(ctx.sections);
    s[exp]!.lines.unshift('', `### ${firstWork.position ?? 'Consultant'} — ${employer}`, '', `- ${bullet}`);
    out.push({ kind: 'invented_employer', text: text(ctx, s), fact: employer, factKind: 'employer' });
    if (firstWork.name !== null && improved.includes(firstWork.name)) {
      const other = pick(INVENTED_EMPLOYERS, seed + 3);
      out.push({
        kind: 'replaced_employer',
        text: improved.replace(firstWork.name, other),
        fact: other,
        factKind: 'employer',
      });
    }
  }
  const client = INVENTED_CLIENTS.find((n, i) => i >= seed % 4 && !c.cvText.includes(n)) ?? 'Oscorp';
  const s = copySections(ctx.sections);
  const at = s[exp]!.lines.findIndex((l) => l.startsWith('- '));
  s[exp]!.lines.splice(at === -1 ? 1 : at + 1, 0, `- Delivered the reporting project for ${client} on time`);
  out.push({ kind: 'invented_client', text: text(ctx, s), fact: client, factKind: 'name' });
  return out;
}

/** A degree and a certification the CV does not hold. */
function credentialFabrications(ctx: Context): Fabrication[] {
  const { cv, seed, sections, exp } = ctx;
  const edu = sectionIndex(sections, EDUCATION_HEADING);
  const sourceDegrees = cv.education.map((e) => fold(e.studyType ?? ''));
  const degree =
    INVENTED_DEGREES.find(
      (d, i) =>
        i >= seed % 2 && !sourceDegrees.some((s) => s !== '' && fold(d).includes(s)) && !inSource(ctx, d),
    ) ?? INVENTED_DEGREES[0]!;
  const institution = cv.education[0]?.institution ?? 'University of London';
  const withDegree = copySections(sections);
  const block = ['', `### ${degree} — ${institution}`, ''];
  if (edu !== -1) withDegree[edu]!.lines.unshift(...block);
  else withDegree.push({ heading: '## Education', lines: block });

  const cert =
    INVENTED_CERTIFICATIONS.find(
      (name, i) =>
        i >= seed % 3 && !ctx.sourceSkills.has(lookupSkill(name)?.id ?? name) && !inSource(ctx, name),
    ) ?? 'CISSP';
  const withCert = copySections(sections);
  const certIdx = sectionIndex(withCert, CERT_HEADING);
  if (certIdx !== -1) withCert[certIdx]!.lines.unshift('', `- ${cert}`);
  else
    withCert.splice(Math.max(0, exp + 1), 0, { heading: '## Certifications', lines: ['', `- ${cert}`, ''] });
  return [
    { kind: 'invented_degree', text: text(ctx, withDegree), fact: degree, factKind: 'degree' },
    { kind: 'invented_certification', text: text(ctx, withCert), fact: cert, factKind: 'certification' },
  ];
}

/** A skill the job asks for and the CV lacks, claimed in a bullet. */
function skillFabrication(ctx: Context): Fabrication[] {
  const { sourceSkills, exp } = ctx;
  if (exp === -1) return [];
  // The job's own missing requirements are what a model is tempted to claim.
  const job = analyzeJob(ctx.c.job);
  const missing = job.requirements.find(
    (r) =>
      r.kind === 'skill' &&
      r.skillId !== undefined &&
      !sourceSkills.has(r.skillId) &&
      !UMBRELLA_SKILLS.has(r.skillId) &&
      r.category !== 'soft',
  );
  const skill =
    missing?.label ??
    FALLBACK_SKILLS.find((n) => !sourceSkills.has(lookupSkill(n)?.id ?? '')) ??
    'Kubernetes';
  const s = copySections(ctx.sections);
  const at = s[exp]!.lines.findIndex((l) => l.startsWith('- '));
  s[exp]!.lines.splice(
    at === -1 ? 1 : at,
    0,
    `- Built and ran production work with ${skill} for the whole team`,
  );
  return [{ kind: 'invented_skill', text: text(ctx, s), fact: skill, factKind: 'skill' }];
}

/**
 * Tools the CV names, each replaced in one line by a tool of its family the CV never names
 * ("Datadog" → "New Relic"): at most two, bullets first, as a rewrite that "modernises" would.
 */
function toolSwaps(ctx: Context): Fabrication[] {
  const lines = ctx.improved.split('\n');
  const order = [...lines.keys()].sort(
    (a, b) => Number(!lines[b]!.startsWith('- ')) - Number(!lines[a]!.startsWith('- ')),
  );
  const out: Fabrication[] = [];
  const used = new Set<string>();
  for (const [tool, ...others] of TOOL_FAMILIES) {
    if (out.length === 2) break;
    const swap = others.find(
      (o) => !inSource(ctx, o) && !ctx.sourceSkills.has(lookupSkill(o)?.id ?? `-${o}`) && !used.has(o),
    );
    if (swap === undefined || used.has(tool!)) continue;
    // The product itself, not a module or an edition of it ("SAP MM", "SAP SuccessFactors").
    const re = new RegExp(`(?<![\\p{L}\\d/-])${escapeRe(tool!)}(?![\\p{L}\\d/-]| [\\p{Lu}\\d])`, 'u');
    const at = order.find((i) => !lines[i]!.startsWith('#') && re.test(lines[i]!));
    if (at === undefined) continue;
    const copy = [...lines];
    copy[at] = lines[at]!.replace(re, swap);
    used.add(tool!);
    used.add(swap);
    out.push({ kind: 'swapped_tool', text: copy.join('\n'), fact: swap, factKind: 'skill' });
  }
  return out;
}

/** A start a year earlier, an end a year later, a start two months earlier, a certificate's year. */
function dateFabrications(improved: string): Fabrication[] {
  const out: Fabrication[] = [];
  const dm = /\*(?:(\d{2})\/)?(\d{4})( – [^*]+)\*/.exec(improved);
  if (dm !== null) {
    const year = String(Number(dm[2]) - 1);
    const shifted = `*${dm[1] === undefined ? '' : `${dm[1]}/`}${year}${dm[3]}*`;
    out.push({
      kind: 'shifted_date',
      text: improved.replace(dm[0], shifted),
      fact: dm[1] === undefined ? year : `${dm[1]}/${year}`,
      factKeys: [dm[1] === undefined ? year : `${year}-${dm[1]}`],
      factKind: 'date_range',
    });
  }
  // The end of a closed range moved a year later: a longer tenure.
  const em = /\*((?:\d{2}\/)?\d{4} – (?:(\d{2})\/)?)(\d{4})\*/.exec(improved);
  if (em !== null) {
    const year = String(Number(em[3]) + 1);
    out.push({
      kind: 'shifted_end',
      text: improved.replace(em[0], `*${em[1]}${year}*`),
      fact: em[2] === undefined ? year : `${em[2]}/${year}`,
      factKeys: [em[2] === undefined ? year : `${year}-${em[2]}`],
      factKind: 'date_range',
    });
  }
  // Two months earlier, same year: the subtlest change a date can take.
  const mm = [...improved.matchAll(/\*(\d{2})\/(\d{4})( – [^*]+)\*/g)].find((m) => Number(m[1]) > 2);
  if (mm !== undefined) {
    const month = String(Number(mm[1]) - 2).padStart(2, '0');
    out.push({
      kind: 'shifted_month',
      text: improved.replace(mm[0], `*${month}/${mm[2]}${mm[3]}*`),
      fact: `${month}/${mm[2]}`,
      factKeys: [`${mm[2]}-${month}`],
      factKind: 'date_range',
    });
  }
  // A single date: the year a certificate or an award was obtained, two years earlier.
  const lines = improved.split('\n');
  const single = /(?<=,\s|\()((?:19|20)\d{2})(?=\)?\s*$)/;
  const at = lines.findIndex((l) => l.startsWith('- ') && single.test(l) && !/ – /.test(l));
  if (at !== -1) {
    const m = single.exec(lines[at]!)!;
    const year = String(Number(m[1]) - 2);
    out.push({
      kind: 'shifted_year',
      text: replacedAt(lines, at, m.index, m[1]!, year),
      fact: year,
      factKind: 'date',
    });
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
function numberFabrications(improved: string): Fabrication[] {
  const out: Fabrication[] = [];
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
    const t = replacedAt(lines, numIdx, m.index, m[1]!, inflated);
    out.push({ kind: 'inflated_number', text: t, fact: inflated, factKind: 'number' });
  }

  const moneyRe = /([$€£])\s?(\d+(?:[.,]\d+)?)([kKM]?)|(\d{1,3}(?:[ .,]\d{3})*)\s?(€|EUR|euros)/;
  const moneyIdx = lines.findIndex((l) => l.startsWith('- ') && moneyRe.test(l));
  if (moneyIdx !== -1) {
    const m = moneyRe.exec(lines[moneyIdx]!)!;
    const digits = m[2] ?? m[4]!;
    const value = Number(digits.replace(/[ .,]/g, ''));
    const inflated = String(Math.round(value * 1.5));
    const t = replacedAt(lines, moneyIdx, m.index + m[0].indexOf(digits), digits, inflated);
    out.push({ kind: 'inflated_money', text: t, fact: inflated, factKind: 'money' });
  }

  const pctRe = /(\d{1,3}(?:[.,]\d+)?)(\s?%)/;
  const pctIdx = lines.findIndex((l) => l.startsWith('- ') && pctRe.test(l));
  if (pctIdx !== -1) {
    const m = pctRe.exec(lines[pctIdx]!)!;
    const v = Number(m[1]!.replace(',', '.'));
    const inflated = String(v >= 80 ? Math.round(v + 9) : Math.round(v + 15));
    const t = replacedAt(lines, pctIdx, m.index, m[1]!, inflated);
    out.push({ kind: 'inflated_percentage', text: t, fact: inflated, factKind: 'percentage' });
  }
  return out;
}

/** An award, a publication, a patent and a membership the CV never mentions. */
function recognitionFabrications(ctx: Context): Fabrication[] {
  const { lang, seed } = ctx;
  const out: Fabrication[] = [];
  const award = AWARDS[lang].find((a, i) => i >= seed % 2 && !inSource(ctx, a)) ?? AWARDS[lang][0]!;
  // Half the awards are claimed in an experience bullet, half in an awards section.
  if (seed % 2 === 0 && ctx.exp !== -1) {
    const s = copySections(ctx.sections);
    const at = s[ctx.exp]!.lines.findIndex((l) => l.startsWith('- '));
    const prefix = {
      en: 'Received the',
      de: 'Ausgezeichnet mit dem',
      fr: 'Lauréate du',
      es: 'Galardonada con el',
    }[lang];
    s[ctx.exp]!.lines.splice(at === -1 ? 1 : at + 1, 0, `- ${prefix} ${award}`);
    out.push({ kind: 'invented_award', text: text(ctx, s), fact: award, factKind: 'award' });
  } else {
    out.push({
      kind: 'invented_award',
      text: text(ctx, withLine(ctx, 'awards', `- ${award}`)),
      fact: award,
      factKind: 'award',
    });
  }
  const author = authorOf(ctx.cv);
  const publication = pick(PUBLICATIONS[lang], seed);
  out.push({
    kind: 'invented_publication',
    text: text(ctx, withLine(ctx, 'publications', `- ${author} ${publication}`)),
    fact: publication,
    factKind: 'publication',
  });
  const patent = pick(PATENTS[lang], seed);
  out.push({
    kind: 'invented_patent',
    text: text(ctx, withLine(ctx, 'patents', `- ${patent}`)),
    fact: patent,
    factKind: 'patent',
  });
  const [line, organisation] = MEMBERSHIPS[lang].find(([, o]) => !inSource(ctx, o)) ?? MEMBERSHIPS[lang][0]!;
  out.push({
    kind: 'invented_membership',
    text: text(ctx, withLine(ctx, 'memberships', `- ${line}`)),
    fact: organisation,
    factKind: 'membership',
  });
  return out;
}

/** "Chen, A." from "Amelia Chen", as a citation names its author. */
function authorOf(cv: CvStructure): string {
  const parts = (cv.basics.name ?? 'A. Author').replace(/^(?:dr\.?|prof\.?)\s+/i, '').split(/\s+/);
  const last = parts[parts.length - 1]!;
  return `${last.charAt(0)}${last.slice(1).toLowerCase()}, ${parts[0]!.charAt(0)}.`;
}

/** Entry headers of the experience section: `### Title — Employer`. */
function entryTitles(ctx: Context): { line: number; title: string }[] {
  const lines = ctx.improved.split('\n');
  const out: { line: number; title: string }[] = [];
  let inExperience = false;
  lines.forEach((l, i) => {
    if (l.startsWith('## ')) inExperience = EXPERIENCE_HEADING.test(fold(l));
    const m = inExperience ? /^### (.+?) — /.exec(l) : null;
    if (m !== null) out.push({ line: i, title: m[1]! });
  });
  return out;
}

function retitled(ctx: Context, entry: { line: number; title: string }, title: string): string {
  const lines = ctx.improved.split('\n');
  lines[entry.line] = lines[entry.line]!.replace(`### ${entry.title}`, `### ${title}`);
  return lines.join('\n');
}

/** The job's position put on a past job, and a past title made more senior. */
function titleFabrications(ctx: Context): Fabrication[] {
  const entries = entryTitles(ctx);
  const out: Fabrication[] = [];
  const target = cleanPosition(ctx.c.job.position);
  // A past entry first: the current one often holds the target title already.
  const past = [...entries.slice(1), ...entries.slice(0, 1)].find((e) => fold(e.title) !== fold(target));
  if (past !== undefined && target !== '') {
    out.push({
      kind: 'target_title_on_job',
      text: retitled(ctx, past, target),
      fact: target,
      factKind: 'title',
    });
  }
  const promoted = entries[1] ?? entries[0];
  if (promoted !== undefined) {
    const t = promoted.title;
    const senior =
      ctx.lang === 'fr' || ctx.lang === 'es'
        ? `${t} senior`
        : /^junior\b/i.test(t)
          ? t.replace(/^junior/i, 'Senior')
          : /^senior\b/i.test(t)
            ? t.replace(/^senior/i, 'Lead')
            : `Senior ${t}`;
    if (!inSource(ctx, senior))
      out.push({
        kind: 'changed_title',
        text: retitled(ctx, promoted, senior),
        fact: senior,
        factKind: 'title',
      });
  }
  return out;
}

/** The school of the first degree replaced by another of the same country. */
function institutionFabrication(ctx: Context): Fabrication[] {
  const institution = ctx.cv.education
    .map((e) => e.institution)
    .find((i) => i !== null && ctx.improved.includes(i));
  if (institution === undefined || institution === null) return [];
  const other = INSTITUTIONS[ctx.lang].find((i) => !inSource(ctx, i))!;
  return [
    {
      kind: 'changed_institution',
      text: ctx.improved.replace(institution, other),
      fact: other,
      factKind: 'institution',
    },
  ];
}

/** Every fabrication of one case; each must be reported by the fact guard, naming its fact. */
export function fabricate(c: EvalCase, improved: string): Fabrication[] {
  const { head, sections } = splitMarkdown(improved);
  const cv = parseCv(c.cvText);
  const ctx: Context = {
    c,
    cv,
    lang: langOf(cv.meta.language),
    seed: seedOf(c.id),
    sourceSkills: findSkillIds(c.cvText),
    foldedSource: fold(c.cvText),
    improved,
    head,
    sections,
    exp: sectionIndex(sections, EXPERIENCE_HEADING),
  };
  return [
    ...employerFabrications(ctx),
    ...credentialFabrications(ctx),
    ...skillFabrication(ctx),
    ...toolSwaps(ctx),
    ...dateFabrications(improved),
    ...numberFabrications(improved),
    ...recognitionFabrications(ctx),
    ...titleFabrications(ctx),
    ...institutionFabrication(ctx),
  ].filter((f) => f.text !== improved);
}
