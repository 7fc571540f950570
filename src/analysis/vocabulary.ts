// The skills, tools and soft skills the analysis recognizes, with their aliases and spelling
// variants in English, German, French and Spanish. The list itself is data, `vocabulary.json`
// (how to edit it: vocabulary.README.md), so that what the score counts can be reviewed without
// reading code; it is versioned with MATCH_SCORE_VERSION. It is checked here when the module
// loads: a malformed entry stops the process at start-up rather than skewing scores quietly.
import { z } from 'zod';
import data from './vocabulary.json' with { type: 'json' };

export const SKILL_CATEGORIES = [
  'software',
  'data',
  'cloud',
  'design',
  'marketing',
  'finance',
  'healthcare',
  'sales',
  'operations',
  'office',
  'soft',
  'certification',
] as const;

export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

const AliasSchema = z
  .string()
  .min(1)
  .refine((alias) => alias === alias.trim() && !alias.includes(','), 'no surrounding spaces, no commas');

const SkillSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .refine((name) => name === name.trim() && !name.startsWith('!'), 'a plain name'),
  category: z.enum(SKILL_CATEGORIES),
  /** `!` in front: matches with that exact case only, for names that are also ordinary words. */
  aliases: z.array(AliasSchema).optional(),
  /** false: the name is an ordinary word (`Go`, `R`, `Excel`), so only the aliases match. */
  matchName: z.boolean().optional(),
  /** the name of the broader skill this product is one of (Datadog: Monitoring; AWS: Cloud computing) */
  family: z.string().min(1).optional(),
});

const VocabularyFileSchema = z.strictObject({
  $comment: z.string().optional(),
  skills: z.array(SkillSchema).min(1),
});

export interface VocabularyEntry {
  readonly id: string;
  readonly name: string;
  readonly category: SkillCategory;
  readonly aliases: readonly string[];
  /** id of the broader skill this one is a kind of, or null */
  readonly family: string | null;
}

function toId(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The checked entries; throws naming the entry at fault, on two skills with one id, and on a
 * family that names no skill of the file or leads back to itself.
 */
export function readVocabulary(input: unknown): VocabularyEntry[] {
  const parsed = VocabularyFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`vocabulary.json: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const seen = new Set<string>();
  const entries = parsed.data.skills.map((skill): VocabularyEntry => {
    const id = toId(skill.name);
    if (id === '' || seen.has(id))
      throw new Error(`vocabulary.json: "${skill.name}" is empty or listed twice`);
    seen.add(id);
    const aliases = skill.aliases ?? [];
    return {
      id,
      name: skill.name,
      category: skill.category,
      aliases: skill.matchName === false ? aliases : [skill.name, ...aliases],
      family: skill.family === undefined ? null : toId(skill.family),
    };
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const entry of entries) {
    const chain = new Set([entry.id]);
    for (let f = entry.family; f !== null; f = byId.get(f)?.family ?? null) {
      if (!byId.has(f))
        throw new Error(`vocabulary.json: "${entry.name}": family "${f}" is no skill of the file`);
      if (chain.has(f)) throw new Error(`vocabulary.json: "${entry.name}": its family leads back to itself`);
      chain.add(f);
    }
  }
  return entries;
}

export const VOCABULARY: readonly VocabularyEntry[] = readVocabulary(data);

export const VOCABULARY_BY_ID: ReadonlyMap<string, VocabularyEntry> = new Map(
  VOCABULARY.map((e) => [e.id, e]),
);

/**
 * The broader skills a skill is a kind of, nearest first: Helm → Kubernetes. A
 * product is its own skill (Datadog is not New Relic), and naming it shows its family too.
 */
export function skillFamilies(id: string): string[] {
  const out: string[] = [];
  for (
    let f = VOCABULARY_BY_ID.get(id)?.family ?? null;
    f !== null;
    f = VOCABULARY_BY_ID.get(f)?.family ?? null
  )
    out.push(f);
  return out;
}

// Typical requirements by role, used when a questionnaire has no job description: the position
// alone still says what a reader of the CV will look for. Matched on the folded position title.
export const ROLE_PROFILES: readonly { readonly match: RegExp; readonly skills: readonly string[] }[] = [
  {
    match:
      /\b(?:backend|back-end|software|full.?stack|platform)\b.*\b(?:engineer|developer|entwickler|developpeur|desarrollador|ingenieur|ingeniero)/,
    skills: ['Git', 'REST APIs', 'SQL', 'Unit testing', 'CI/CD', 'Docker', 'Cloud computing', 'Code review'],
  },
  {
    match: /\b(?:frontend|front-end|web|ui)\b.*\b(?:engineer|developer|entwickler|developpeur|desarrollador)/,
    skills: ['JavaScript', 'TypeScript', 'React', 'HTML', 'CSS', 'Accessibility', 'Unit testing', 'Git'],
  },
  {
    match: /\b(?:data scientist|machine learning|ml engineer|data science)/,
    skills: [
      'Python',
      'SQL',
      'Machine learning',
      'Statistics',
      'pandas',
      'scikit-learn',
      'A/B testing',
      'Data visualization',
    ],
  },
  {
    match: /\b(?:data analyst|business analyst|bi analyst|analytics)/,
    skills: [
      'SQL',
      'Excel',
      'Data analysis',
      'Data visualization',
      'Tableau',
      'Power BI',
      'Statistics',
      'Stakeholder management',
    ],
  },
  {
    match: /\b(?:data engineer)/,
    skills: [
      'SQL',
      'Python',
      'ETL',
      'Airflow',
      'Apache Spark',
      'Data modeling',
      'Data warehousing',
      'Cloud computing',
    ],
  },
  {
    match: /\b(?:nurse|nursing|pflege|krankenpfleg|infirmi|enfermer)/,
    skills: [
      'Patient care',
      'Medication administration',
      'Vital signs monitoring',
      'Infection control',
      'Electronic health records',
      'BLS',
      'Care planning',
      'Communication',
    ],
  },
  {
    match: /\b(?:marketing|growth|seo|content)/,
    skills: [
      'Digital marketing',
      'SEO',
      'Social media marketing',
      'Content marketing',
      'Google Analytics',
      'Campaign management',
      'Email marketing',
      'Marketing analytics',
    ],
  },
  {
    match: /\b(?:account executive|sales|business development|vertrieb|commercial|ventas|comercial)/,
    skills: [
      'B2B sales',
      'Lead generation',
      'Negotiation',
      'CRM',
      'Salesforce',
      'Sales pipeline management',
      'Quota attainment',
      'Communication',
    ],
  },
  {
    match: /\b(?:financ|account|controller|controlling|analista financiero|comptable|contable|audit)/,
    skills: [
      'Financial analysis',
      'Financial reporting',
      'Excel',
      'Budgeting',
      'Accounting',
      'Financial modeling',
      'ERP',
      'Attention to detail',
    ],
  },
  {
    match: /\b(?:designer|design|ux|ui)/,
    skills: [
      'Figma',
      'UX design',
      'UI design',
      'User research',
      'Prototyping',
      'Wireframing',
      'Design systems',
      'Communication',
    ],
  },
  {
    match: /\b(?:project manager|program manager|operations|produkt|product manager|chef de projet)/,
    skills: [
      'Project management',
      'Stakeholder management',
      'Agile',
      'Jira',
      'Budgeting',
      'Communication',
      'Leadership',
      'Process improvement',
    ],
  },
];
