// Job understanding: which skills, experience, degree and languages a job asks for, and which of
// them are must-haves. Importance comes from the section a line sits in ("Requirements" vs
// "Nice to have") and is overridden by the wording of the line itself ("... is a plus").
import { DEGREE_RE, LANGUAGE_RE } from './lexicon.ts';
import { findSkills, lookupSkill, type SkillHit } from './skills.ts';
import {
  contentTokens,
  fold,
  isBulletLine,
  isStopword,
  stripBullet,
  stripMarkdown,
  tokenize,
} from './text.ts';
import { ROLE_PROFILES, type SkillCategory, VOCABULARY_BY_ID } from './vocabulary.ts';

export type ExperienceLevel = '0-2' | '3-5' | '6+';

/** The questionnaire's view of the target job. */
export interface JobInput {
  position: string;
  industry: string;
  experience_level: ExperienceLevel;
  job_description?: string | null;
  location?: string | null;
}

export type RequirementKind = 'skill' | 'title' | 'experience' | 'degree' | 'language' | 'industry';
export type Importance = 'must' | 'nice';
export type RequirementSource = 'description' | 'position' | 'industry' | 'role_profile';

export interface JobRequirement {
  /** stable key, e.g. `skill:kubernetes`, `experience:years` */
  readonly id: string;
  readonly kind: RequirementKind;
  /** what a person reads: "Kubernetes", "6+ years of experience" */
  readonly label: string;
  readonly importance: Importance;
  readonly source: RequirementSource;
  /** the job text line the requirement comes from, when there is one */
  readonly context: string | null;
  readonly skillId?: string;
  /** for "Java, Python or Go": any one of these skills meets the requirement */
  readonly anyOf?: readonly string[];
  readonly category?: SkillCategory;
  readonly years?: number;
  /** 1 bachelor (or equivalent), 2 master, 3 doctorate; 0.5 for a vocational qualification */
  readonly degreeLevel?: number;
  /** folded language name */
  readonly language?: string;
  /** folded content tokens, for title and industry matching */
  readonly tokens?: readonly string[];
  /**
   * A free-text requirement (id `text:...`, a line the vocabulary does not know): its key words,
   * one list per alternative ("cardiology or coronary care" gives [cardiology], [coronary, care]).
   * A word written `!als` was an upper-case acronym that is also an ordinary word ("ALS" vs the
   * German "als") and matches only in upper case.
   */
  readonly alternatives?: readonly (readonly string[])[];
  /** a free-text licence, registration or certification: proof is naming it anywhere in the CV */
  readonly credential?: boolean;
}

export interface JobProfile {
  readonly position: string;
  readonly industry: string;
  readonly experienceLevel: ExperienceLevel;
  readonly location: string | null;
  readonly requirements: readonly JobRequirement[];
  /** canonical names of every skill the job mentions, in order of first mention */
  readonly keywords: readonly string[];
  readonly hasDescription: boolean;
}

type SectionKind = 'must' | 'nice' | 'duties' | 'ignore' | 'none';

const SECTION_PATTERNS: readonly [SectionKind, RegExp][] = [
  [
    'nice',
    /^(?:nice[ -]to[ -]haves?|bonus(?: points)?|preferred(?: qualifications| skills)?|pluses|plus|good to have|extra credit|it would be great if|even better if|wunschenswert|von vorteil|pluspunkte|idealerweise|atouts?|un plus|les plus|serait un plus|apprecie|souhaite|se valorara|valorable|deseable|sera un plus|puntos extra|se valora)\b/,
  ],
  [
    'must',
    /^(?:requirements?|qualifications?|minimum qualifications|basic qualifications|required(?: skills| qualifications)?|what you bring|what we(?:'re| are) looking for|what we look for|who you are|your profile|about you|must[ -]haves?|you have|your skills|skills|anforderungen|dein profil|ihr profil|das bringst du mit|das bringen sie mit|was du mitbringst|was sie mitbringen|voraussetzungen|qualifikationen|votre profil|profil recherche|competences requises|requis|prerequis|ce que nous recherchons|requisitos|perfil|perfil buscado|lo que buscamos|que buscamos|requisitos minimos|imprescindible)\b/,
  ],
  [
    'duties',
    /^(?:responsibilities|what you(?:'ll| will) do|your role|the role|role|tasks|your tasks|key responsibilities|deine aufgaben|ihre aufgaben|aufgaben|missions|vos missions|votre mission|responsabilites|responsabilidades|funciones|tus funciones|que haras)\b/,
  ],
  [
    'ignore',
    /^(?:what we offer|benefits|perks|why join us|why us|about us|who we are|the company|wir bieten|was wir bieten|unser angebot|uber uns|nous offrons|ce que nous offrons|avantages|qui sommes-nous|ofrecemos|beneficios|sobre nosotros|quienes somos)\b/,
  ],
];

const NICE_CUE_RE =
  /\b(?:preferred|preferably|bonus|nice[ -]to[ -]have|a plus|is a plus|are a plus|plus point|ideally|desirable|advantage|advantageous|beneficial|would be great|not required|optional|wunschenswert|von vorteil|idealerweise|ein plus|pluspunkt|un plus|idealement|apprecie|appreciee|souhaite|souhaitee|atout|se valorara|valorable|deseable|preferiblemente|idealmente|sera un plus)\b/;
const MUST_CUE_RE =
  /\b(?:required|requires|require|must|you have|you bring|minimum|at least|essential|mandatory|proven|strong|solid|expert|zwingend|erforderlich|vorausgesetzt|setzen voraus|mindestens|fundierte|sehr gute|exige|obligatoire|requis|indispensable|imperatif|au moins|imprescindible|requerido|necesario|obligatorio|al menos|minimo)\b/;
const YEARS_RE =
  /(?:(?:at least|minimum(?: of)?|mindestens|au moins|al menos|minimo(?: de)?)\s+)?(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs|jahre|jahren|ans|anos|annees)\b/;
const LANGUAGE_REQ_RE =
  /\b(?:fluent|fluency|bilingual|native|excellent|proficient|proficiency|business[- ]level|professional|strong|good|fliessend|verhandlungssicher|sehr gute|gute|courant|bilingue|maitrise|excellent|fluido|nativo|dominio|alto nivel)\b/;
const LANGUAGE_WORD_RE = new RegExp(LANGUAGE_RE.source.replace('^', '\\b'), 'g');
const LANGUAGE_COMPOUND_RE =
  /\b(englisch|deutsch|franzosisch|spanisch|italienisch|portugiesisch|niederlandisch)(?:kenntnisse|kenntnissen)\b/;
const DRIVING_LICENCE_RE = /\b(?:driving|driver'?s?|drivers)\s+licen[cs]e\b/;
const DEGREE_WORD_RE =
  /\b(?:degree|studium|abschluss|hochschulabschluss|diplome|titulo|titulacion|licenciatura|grado)\b/;

const LANGUAGE_CANON: Record<string, string> = {
  englisch: 'english',
  anglais: 'english',
  ingles: 'english',
  deutsch: 'german',
  allemand: 'german',
  aleman: 'german',
  franzosisch: 'french',
  francais: 'french',
  frances: 'french',
  spanisch: 'spanish',
  espagnol: 'spanish',
  espanol: 'spanish',
  castellano: 'spanish',
  italienisch: 'italian',
  italien: 'italian',
  italiano: 'italian',
  portugiesisch: 'portuguese',
  portugais: 'portuguese',
  portugues: 'portuguese',
  niederlandisch: 'dutch',
  neerlandais: 'dutch',
};

export function canonicalLanguage(folded: string): string {
  return LANGUAGE_CANON[folded] ?? folded;
}

/** The lowest degree level a text names: "MSc or PhD" asks for an MSc. */
function minDegreeLevel(folded: string): number {
  const levels = folded
    .split(/\s*(?:,|\bor\b|\boder\b|\bou\b|\bo\b|\/)\s*/)
    .map(degreeLevel)
    .filter((l) => l > 0);
  return levels.length === 0 ? 0 : Math.min(...levels);
}

export function degreeLevel(folded: string): number {
  if (/\b(?:ph\.?\s?d|doctorate|doctor of|doctorado|promotion|dr\.)/.test(folded)) return 3;
  if (
    /\b(?:master|m\.?\s?sc|msc|m\.\s?s\.|m\.\s?a\.|mba|maestria|meng|m\.eng|mphil|llm|msn|diplom|staatsexamen)/.test(
      folded,
    )
  )
    return 2;
  if (
    /\b(?:bachelor|b\.?\s?sc|bsc|b\.\s?s\.|b\.\s?a\.|licence|grado|licenciatura|beng|b\.eng|bsn|llb|degree|studium|hochschulabschluss|diplome|titulo universitario)/.test(
      folded,
    )
  )
    return 1;
  if (
    /\b(?:ausbildung|associate|bts|dut|hnd|examen|diploma|tecnico superior|ciclo formativo|certificate)/.test(
      folded,
    )
  )
    return 0.5;
  return 0;
}

const SENIORITY = new Set([
  'senior',
  'junior',
  'lead',
  'principal',
  'staff',
  'sr',
  'jr',
  'mid',
  'level',
  'iii',
  'ii',
  'i',
  'm',
  'f',
  'd',
  'w',
  'x',
  'h',
  'remote',
]);

/** The words of a title that say what the job is, without seniority or gender marks like (m/w/d). */
function titleTokens(title: string): string[] {
  return contentTokens(title.replace(/\([^)]*\)/g, ' ')).filter((t) => !SENIORITY.has(t));
}

function sectionOf(line: string): SectionKind | null {
  const t = fold(stripMarkdown(line))
    .replace(/[:*_#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const isHeadingShape =
    /^#{1,6}\s/.test(line.trim()) || /:\s*$/.test(line.trim()) || t.split(' ').length <= 5;
  if (!isHeadingShape || isBulletLine(line) || t.length > 60) return null;
  for (const [kind, re] of SECTION_PATTERNS) if (re.test(t)) return kind;
  return /^#{1,6}\s/.test(line.trim()) || /:\s*$/.test(line.trim()) ? 'none' : null;
}

function splitUnits(description: string): { text: string; section: SectionKind }[] {
  const units: { text: string; section: SectionKind }[] = [];
  let section: SectionKind = 'none';
  for (const raw of description.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') continue;
    const heading = sectionOf(raw);
    if (heading !== null) {
      section = heading;
      // "Requirements: Python, SQL" carries content after the colon.
      const after = /:\s*(.+)$/.exec(stripMarkdown(raw));
      if (after === null) continue;
      units.push({ text: after[1]!, section });
      continue;
    }
    const text = stripMarkdown(isBulletLine(raw) ? stripBullet(raw) : raw.trim());
    for (const sentence of text.split(/(?<=[.;!?])\s+(?=\p{Lu})/u)) units.push({ text: sentence, section });
  }
  return units;
}

// What may stand between two alternatives: "A, B or C", "A or any other B", "A/B", "A oder B".
const LIST_GAP_RE = /^\s*,\s*$/;
const OR_GAP_RE =
  /^[\s,]*(?:or|oder|ou|o|bzw\.?|\/)\s+(?:(?:any|other|another|a|an|similar|comparable|equivalent|related|andere|anderen|autre|autres|otro|otra|un|une|ein|eine)\s+)*$|^\/$/;

/**
 * The skills of a line, grouped: "JavaScript or TypeScript and one backend language (Java,
 * Python or Go)" gives [JavaScript|TypeScript], [Java|Python|Go]; any one of a group will do.
 * Only skills written next to each other in an "or" list are grouped.
 */
function skillGroups(text: string): SkillHit[][] {
  const hits: SkillHit[] = [];
  const seen = new Set<string>();
  for (const h of findSkills(text)) {
    if (seen.has(h.id)) continue;
    seen.add(h.id);
    hits.push(h);
  }
  const groups: SkillHit[][] = [];
  let run: SkillHit[] = [];
  let hasOr = false;
  const close = () => {
    if (run.length > 1 && hasOr) groups.push(run);
    else for (const h of run) groups.push([h]);
    run = [];
    hasOr = false;
  };
  for (const h of hits) {
    const prev = run[run.length - 1];
    if (prev !== undefined) {
      const gap = fold(text.slice(prev.end, h.start));
      if (OR_GAP_RE.test(gap)) hasOr = true;
      else if (!LIST_GAP_RE.test(gap)) close();
    }
    run.push(h);
  }
  close();
  return groups;
}

function importanceOf(text: string, section: SectionKind): Importance | null {
  const folded = fold(text);
  if (NICE_CUE_RE.test(folded)) return 'nice';
  if (section === 'ignore') return null;
  if (MUST_CUE_RE.test(folded)) return 'must';
  if (section === 'nice') return 'nice';
  if (section === 'must' || section === 'duties') return 'must';
  return 'nice';
}

// Free-text requirements: a requirement line with no vocabulary skill in it ("NMC registration",
// "Experience in cardiology or coronary care") would otherwise vanish from the score, and with it
// the most specific asks of jobs outside software. Lines that read as the employer talking about
// itself, pay, perks, place or how to apply are not requirements of the candidate.
const JUNK_RE =
  /\b(?:we are|we're|we offer|we value|we provide|we welcome|our (?:team|company|mission|values|clients?|culture|office|people|patients|customers|benefits)|about us|salary|salaries|per annum|per hour|p\.a|compensation|remuneration|pension|holidays?|vacation|annual leave|paid leave|insurance|perks?|benefits?|wellbeing|equal opportunit\w*|equal-opportunit\w*|diversity|inclusion|inclusive|discriminat\w*|regardless of|apply|applying|applications?|applicants?|send (?:your|us)|cv to|resume to|closing date|deadline|located|location|based in|offices? in|relocation|visa|sponsorship|remote|hybrid|flexible working|home office|gehalt|vergutung|urlaub|bewerb\w*|chancengleich\w*|wir bieten|unser team|salaire|remuneration|candidature|postuler|nous offrons|salario|sueldo|vacaciones|ofrecemos|contrato)\b|[£$€]\s?\d|\d\s?(?:k|€|eur|usd|gbp)\b/;

// Words that frame a requirement rather than name it, stripped from the front and the end of a line
// so that the label and the words matched against the CV are the requirement itself.
const LEAD_FILLER_RE =
  /^(?:(?:you (?:will )?(?:have|bring|hold|possess|are)|must (?:have|hold|be)|should (?:have|hold|be)|(?:the )?(?:ideal )?candidates? (?:must|should|will) (?:have|hold|be)|ideally(?: you have)?|preferably|a|an|the|some|good|very good|strong|solid|proven|excellent|demonstrable|demonstrated|previous|prior|relevant|hands-on|practical|working|sound|in-depth|deep|basic|extensive|significant|current|valid|full|minimum|at least|(?:sehr )?gute|fundierte|mehrjahrige|erste|einschlagige|abgeschlossene|bonne|bonnes|solide|solides|buena|buenas|solida)\s+)*(?:(?:experience|knowledge|understanding|background|familiarity|exposure|expertise|track record|proficiency|competence|erfahrung|berufserfahrung|kenntnisse|experience professionnelle|connaissance|connaissances|maitrise|experiencia|conocimientos?)\s+(?:(?:in|with|of|on|using|im|mit|in der|im bereich|en|de|du|des|dans|d'|con)\s+)(?:(?:the|a|an|der|dem|den|die|des|la|le|les|l'|el|los|las)\s+)?)?/;
const TRAIL_FILLER_RE =
  /\s*\(?(?:(?:is|are|would be|will be|ist|sind|est|es|sera)\s+)?(?:(?:an?|ein|une?)\s+)?(?:essential|required|a must|must|mandatory|desirable|preferred|a bonus|bonus|advantage|advantageous|beneficial|plus|necessary|needed|erforderlich|wunschenswert|von vorteil|zwingend|vorausgesetzt|requis|requise|souhaite|souhaitee|atout|indispensable|obligatoire|imprescindible|deseable|valorable|necesario)\)?\s*[.!;:,]*$/;
// Words that say a requirement is a credential; what names it is the rest ("ALS" in "ALS certification").
const CREDENTIAL_RE =
  /\b(?:certification|certificate|certified|registration|registered|licence|license|licensed|accreditation|accredited|zertifikat|zertifizierung|fuhrerschein|approbation|certificat|certifie|permis|carnet|titulo|licencia)\b/;
const CREDENTIAL_WORDS = new Set([
  'certification',
  'certificate',
  'certified',
  'registration',
  'registered',
  'licence',
  'license',
  'licensed',
  'accreditation',
  'accredited',
  'zertifikat',
  'zertifizierung',
  'certificat',
  'certifie',
]);
// Words too general to prove anything on their own in a CV line.
const GENERIC_WORDS = new Set([
  'experience',
  'knowledge',
  'understanding',
  'skill',
  'ability',
  'able',
  'proven',
  'strong',
  'good',
  'excellent',
  'relevant',
  'erfahrung',
  'kenntnisse',
  'experiencia',
]);
const ALTERNATIVE_SPLIT_RE = /\s+(?:or|oder|ou|o)\s+|\s*\/\s*/;
const MAX_FREE_TEXT = 12;
// A line with more key words than this is prose, not a requirement a CV line could be checked against.
const MAX_KEY_WORDS = 8;

interface FreeText {
  label: string;
  alternatives: string[][];
  credential: boolean;
}

/** The words of a phrase that must appear in the CV; acronyms that are also ordinary words keep case. */
function keyWords(phrase: string, credential: boolean): string[] {
  const words: string[] = [];
  for (const t of tokenize(phrase)) {
    const acronym = /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.raw);
    if (isStopword(t.norm)) {
      if (acronym) words.push(`!${t.norm}`);
      continue;
    }
    if (t.norm.length < 2 || GENERIC_WORDS.has(t.norm)) continue;
    if (credential && CREDENTIAL_WORDS.has(t.norm)) continue;
    if (!words.includes(t.norm)) words.push(t.norm);
  }
  // "Registration" alone is still the requirement; only strip the credential word next to a name.
  if (words.length === 0 && credential) return keyWords(phrase, false);
  return words;
}

const LANGUAGE_NAME_RE = new RegExp(`^(?:${LANGUAGE_RE.source.slice(1)})$`);

/** "Dutch is a plus", "German": a line that, without its filler, is only language names. */
function isLanguageOnly(folded: string): boolean {
  const found = freeTextRequirement(folded);
  if (found === null) return false;
  const words = fold(found.label)
    .split(/[\s,/]+|\band\b|\bor\b/)
    .filter((w) => w !== '');
  return words.length > 0 && words.every((w) => LANGUAGE_NAME_RE.test(w));
}

/** The key phrase of a requirement line, or null when the line is not one worth scoring. */
export function freeTextRequirement(text: string): FreeText | null {
  const folded = fold(text);
  if (JUNK_RE.test(folded)) return null;
  let start = 0;
  let end = text.length;
  // Folding keeps offsets, so the filler found on the folded text is cut from the original.
  for (let changed = true; changed; ) {
    changed = false;
    const slice = folded.slice(start, end);
    const lead = LEAD_FILLER_RE.exec(slice);
    if (lead !== null && lead[0].length > 0 && lead[0].length < slice.length) {
      start += lead[0].length;
      changed = true;
    }
    const trail = TRAIL_FILLER_RE.exec(folded.slice(start, end));
    if (trail !== null && trail[0].length > 0 && trail.index > 0) {
      end = start + trail.index;
      changed = true;
    }
  }
  const label = text
    .slice(start, end)
    .replace(/^[\s:,;.-]+|[\s:,;.]+$/g, '')
    .trim();
  if (label === '') return null;
  const credential = CREDENTIAL_RE.test(fold(label));
  const alternatives: string[][] = [];
  for (const part of label.split(ALTERNATIVE_SPLIT_RE)) {
    const words = keyWords(part, credential);
    if (words.length > 0) alternatives.push(words);
  }
  const total = alternatives.reduce((n, a) => n + a.length, 0);
  if (total === 0 || total > MAX_KEY_WORDS) return null;
  return { label: label.charAt(0).toUpperCase() + label.slice(1), alternatives, credential };
}

class RequirementSet {
  private readonly byId = new Map<string, JobRequirement>();

  add(req: JobRequirement): void {
    const prior = this.byId.get(req.id);
    // A requirement named both as must and as nice counts as must.
    if (prior === undefined || (prior.importance === 'nice' && req.importance === 'must'))
      this.byId.set(req.id, req);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): JobRequirement[] {
    return [...this.byId.values()];
  }
}

/** What the stages of analyzeJob collect: the requirements, and the skills in order of first mention. */
class JobReading {
  readonly reqs = new RequirementSet();
  readonly keywords: string[] = [];

  noteKeyword(name: string): void {
    if (!this.keywords.includes(name)) this.keywords.push(name);
  }
}

/** A job description line with the section it sits in, the importance it states and its folded text. */
interface Unit {
  text: string;
  section: SectionKind;
  importance: Importance;
  folded: string;
}

/** The position is a must-have title, and the skills it names are must-haves too. */
function readPosition(position: string, into: JobReading): void {
  const positionTokens = titleTokens(position);
  if (positionTokens.length > 0) {
    into.reqs.add({
      id: 'title',
      kind: 'title',
      label: position,
      importance: 'must',
      source: 'position',
      context: null,
      tokens: positionTokens,
    });
  }
  for (const hit of findSkills(position)) {
    into.reqs.add({
      id: `skill:${hit.id}`,
      kind: 'skill',
      label: hit.name,
      importance: 'must',
      source: 'position',
      context: position,
      skillId: hit.id,
      category: hit.category,
    });
    into.noteKeyword(hit.name);
  }
}

/** The vocabulary skills of a line: one requirement per skill, or one for "A, B or C". */
function readSkills(unit: Unit, into: JobReading): boolean {
  const groups = skillGroups(unit.text);
  const { importance } = unit;
  for (const group of groups) {
    for (const hit of group) into.noteKeyword(hit.name);
    const first = group[0]!;
    if (group.length === 1) {
      into.reqs.add({
        id: `skill:${first.id}`,
        kind: 'skill',
        label: first.name,
        importance,
        source: 'description',
        context: unit.text,
        skillId: first.id,
        category: first.category,
      });
      continue;
    }
    const names = group.map((h) => h.name);
    into.reqs.add({
      id: `any:${group.map((h) => h.id).join('|')}`,
      kind: 'skill',
      label: `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`,
      importance,
      source: 'description',
      context: unit.text,
      skillId: first.id,
      anyOf: group.map((h) => h.id),
      category: first.category,
    });
  }
  return groups.length > 0;
}

/** "5+ years of experience", in the languages the lexicon knows. */
function readYears(unit: Unit, into: JobReading): boolean {
  const years = YEARS_RE.exec(unit.folded);
  if (
    years === null ||
    !/\b(?:experience|erfahrung|berufserfahrung|experience|experiencia|professional|in|im|en|de)\b/.test(
      unit.folded,
    )
  ) {
    return false;
  }
  const n = Number(years[1]);
  if (n < 1 || n > 25) return false;
  into.reqs.add({
    id: 'experience:years',
    kind: 'experience',
    label: `${n}+ years of experience`,
    importance: unit.importance,
    source: 'description',
    context: unit.text,
    years: n,
  });
  return true;
}

function readDegree(unit: Unit, into: JobReading): boolean {
  const { folded } = unit;
  const degreeMatch = DEGREE_RE.exec(folded) ?? DEGREE_WORD_RE.exec(folded);
  // A driving licence is not the French "licence" (a bachelor's degree).
  if (degreeMatch === null || DRIVING_LICENCE_RE.test(folded)) return false;
  const level = minDegreeLevel(folded);
  if (level <= 0) return false;
  into.reqs.add({
    id: 'degree',
    kind: 'degree',
    label: unit.text.length > 90 ? `${unit.text.slice(0, 87)}...` : unit.text,
    importance: unit.importance,
    source: 'description',
    context: unit.text,
    degreeLevel: level,
  });
  return true;
}

function readLanguages(unit: Unit, into: JobReading): boolean {
  const { folded } = unit;
  let found = false;
  const addLanguage = (language: string) => {
    found = true;
    into.reqs.add({
      id: `language:${language}`,
      kind: 'language',
      label: language.charAt(0).toUpperCase() + language.slice(1),
      importance: unit.importance,
      source: 'description',
      context: unit.text,
      language,
    });
  };
  // "Sehr gute Deutschkenntnisse": German writes the language and the word for skill as one word.
  const compound = LANGUAGE_COMPOUND_RE.exec(folded);
  if (compound !== null) addLanguage(canonicalLanguage(compound[1]!));
  if (LANGUAGE_REQ_RE.test(folded) || isLanguageOnly(folded)) {
    LANGUAGE_WORD_RE.lastIndex = 0;
    for (let m = LANGUAGE_WORD_RE.exec(folded); m !== null; m = LANGUAGE_WORD_RE.exec(folded)) {
      addLanguage(canonicalLanguage(m[0]));
    }
  }
  return found;
}

/**
 * A line as a free-text requirement: only a line the vocabulary found nothing in, and only where
 * the job states what it asks of the candidate (a requirements section, or a sentence that says
 * "must" or "a plus" itself).
 */
function freeTextOf(unit: Unit): JobRequirement | null {
  const asks =
    unit.section === 'must' ||
    unit.section === 'nice' ||
    (unit.section === 'none' && (MUST_CUE_RE.test(unit.folded) || NICE_CUE_RE.test(unit.folded)));
  const found = asks ? freeTextRequirement(unit.text) : null;
  if (found === null) return null;
  const words = found.alternatives.map((a) => a.join(' '));
  return {
    id: `text:${words.join('|').replace(/!/g, '').replace(/\s+/g, '-')}`,
    kind: 'skill',
    label: found.label,
    importance: unit.importance,
    source: 'description',
    context: unit.text,
    alternatives: found.alternatives,
    credential: found.credential,
  };
}

/** The description, line by line; returns the free-text requirements, added later. */
function readDescription(description: string, into: JobReading): JobRequirement[] {
  const freeText: JobRequirement[] = [];
  for (const { text, section } of splitUnits(description)) {
    const importance = importanceOf(text, section);
    if (importance === null) continue;
    const unit: Unit = { text, section, importance, folded: fold(text) };
    // Every reader runs, in this order, whatever the others found.
    const fromSkills = readSkills(unit, into);
    const fromYears = readYears(unit, into);
    const fromDegree = readDegree(unit, into);
    const fromLanguages = readLanguages(unit, into);
    const yielded = fromSkills || fromYears || fromDegree || fromLanguages;
    if (yielded || freeText.length >= MAX_FREE_TEXT) continue;
    const requirement = freeTextOf(unit);
    if (requirement !== null) freeText.push(requirement);
  }
  return freeText;
}

/** A free-text line that only restates the position or a vocabulary requirement adds nothing. */
function addFreeText(freeText: readonly JobRequirement[], into: JobReading): void {
  const named = new Set(
    into.reqs
      .list()
      .flatMap((r) => [...(r.tokens ?? []), ...(r.kind === 'skill' ? contentTokens(r.label) : [])]),
  );
  for (const r of freeText) {
    if (r.alternatives!.every((a) => a.every((w) => named.has(w)))) continue;
    into.reqs.add(r);
  }
}

/**
 * Without a usable description the role's usual requirements stand in, as nice-to-haves only.
 * Free-text lines do not count: the role's usual skills still say more than none.
 */
function addRoleProfile(position: string, into: JobReading): void {
  const skillReqs = into.reqs.list().filter((r) => r.kind === 'skill' && r.alternatives === undefined).length;
  if (skillReqs >= 3) return;
  const folded = fold(position);
  const profile = ROLE_PROFILES.find((p) => p.match.test(folded));
  for (const name of profile?.skills ?? []) {
    const entry = lookupSkill(name);
    if (entry === undefined || into.reqs.has(`skill:${entry.id}`)) continue;
    into.reqs.add({
      id: `skill:${entry.id}`,
      kind: 'skill',
      label: entry.name,
      importance: 'nice',
      source: 'role_profile',
      context: null,
      skillId: entry.id,
      category: entry.category,
    });
    into.noteKeyword(entry.name);
  }
}

function addIndustry(industry: string, into: JobReading): void {
  const industryTokens = contentTokens(industry).filter(
    (t) => t.length > 2 && !['other', 'general', 'industry'].includes(t),
  );
  if (industryTokens.length === 0) return;
  into.reqs.add({
    id: 'industry',
    kind: 'industry',
    label: industry.trim(),
    importance: 'nice',
    source: 'industry',
    context: null,
    tokens: industryTokens,
  });
}

const KIND_ORDER: Record<RequirementKind, number> = {
  title: 0,
  experience: 1,
  skill: 2,
  degree: 3,
  language: 4,
  industry: 5,
};

/**
 * Must-haves first, then by kind; vocabulary skills in the order the job names them, free-text
 * requirements after them in the order they were read.
 */
function sortRequirements(into: JobReading): JobRequirement[] {
  const { keywords } = into;
  const listed = into.reqs.list();
  const added = new Map(listed.map((r, i) => [r.id, i]));
  const rank = (r: JobRequirement) =>
    r.alternatives === undefined ? keywords.indexOf(r.label) : keywords.length + added.get(r.id)!;
  return listed.sort(
    (a, b) =>
      (a.importance === b.importance ? 0 : a.importance === 'must' ? -1 : 1) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.kind === 'skill' ? rank(a) - rank(b) : 0) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Reads the questionnaire and job description into a list of explained requirements, in stages:
 * the position, the description line by line, the free-text lines that add something, the role's
 * usual skills when the description names few, the industry; then the order they are shown in.
 */
export function analyzeJob(job: JobInput): JobProfile {
  const into = new JobReading();
  const description = job.job_description?.trim() ?? '';
  const position = job.position.trim();
  readPosition(position, into);
  const freeText = readDescription(description, into);
  addFreeText(freeText, into);
  addRoleProfile(position, into);
  addIndustry(job.industry, into);
  return {
    position,
    industry: job.industry.trim(),
    experienceLevel: job.experience_level,
    location: job.location?.trim() || null,
    requirements: sortRequirements(into),
    keywords: into.keywords,
    hasDescription: description !== '',
  };
}

export function skillName(id: string): string {
  return VOCABULARY_BY_ID.get(id)?.name ?? id;
}
