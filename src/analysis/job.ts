// Job understanding: which skills, experience, degree and languages a job asks for, and which of
// them are must-haves. Importance comes from the section a line sits in ("Requirements" vs
// "Nice to have") and is overridden by the wording of the line itself ("... is a plus").
import type { CvLanguageCode } from './cv-structure.ts';
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
  /**
   * folded content tokens, for title and industry matching; for years of experience, the field
   * the years are asked in ("in backend development"), empty when the line names none
   */
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
  /**
   * a must-have only because the job's duties name it ("What you will do"), not its requirements:
   * the work of the role, which a strong candidate need not all have done before
   */
  readonly duty?: boolean;
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
  /** the language the job is written in, which the match notes are written in too */
  readonly language: CvLanguageCode;
}

/**
 * What a heading says of the lines under it: must-haves, nice-to-haves, the job's duties (read as
 * must-haves), text to skip (pay, perks, the company), a heading of its own kind ('none'), or
 * 'asks': a category of requirements ("Experience", "Qualifications") that keeps the importance an
 * "Essential" or "Desirable" above it gave, as UK person specifications nest them.
 */
type SectionKind = 'must' | 'nice' | 'duties' | 'ignore' | 'asks' | 'none';

// Each pattern reads a whole folded heading, without its colon, markdown or a trailing "criteria".
const SECTION_PATTERNS: readonly [SectionKind, RegExp][] = [
  [
    'nice',
    /^(?:nice[ -]to[ -]haves?|bonus(?: points| skills)?|preferred(?: qualifications| skills| experience)?|pluses|plus|good to have|extra credit|it would be great if|even better if|(?:it'?s |it is )?a bonus if|desirable(?: skills| qualifications| experience)?|desired(?: skills| qualifications)?|advantageous|an advantage|optional|wunschenswert|von vorteil|pluspunkte|idealerweise|kann-kriterien|das ist ein plus|atouts?|un plus|les plus|serait un plus|apprecie|souhaite|competences souhaitees|qualifications souhaitees|profil souhaite|ce qui ferait la difference|se valorara|se valora|valorable|deseable|sera un plus|puntos extra|valoraremos|requisitos deseables)$/,
  ],
  [
    'must',
    /^(?:(?:key |job |minimum |basic |candidate |essential )?requirements?|(?:minimum |basic |required |essential )?qualifications?|essential(?: skills| experience)?|required(?: skills| qualifications| experience)?|person specification|candidate profile|what you(?:'ll| will)? (?:bring|need)|you(?:'ll| will) need|what we(?:'re| are) looking for|what we look for|we(?:'re| are) looking for|who you are|who we(?:'re| are) looking for|your profile|about you|must[ -]haves?|you have|your skills|(?:key |core |technical |soft |professional )?skills(?: and experience| and abilities| and qualifications)?|anforderungen|dein profil|ihr profil|profil|das bringst du mit|das bringen sie mit|was du mitbringst|was sie mitbringen|voraussetzungen|qualifikationen|ihre qualifikationen|deine qualifikationen|muss-kriterien|votre profil|profil recherche|le profil|profil du candidat|competences requises|requis|prerequis|ce que nous recherchons|qui etes-vous|requisitos|perfil|perfil buscado|tu perfil|lo que buscamos|que buscamos|que pedimos|requisitos minimos|imprescindible)$/,
  ],
  [
    'duties',
    /^(?:responsibilities|(?:key |main )?duties|what you(?:'ll| will) do|your role|the role|role|tasks|your tasks|key responsibilities|main responsibilities|deine aufgaben|ihre aufgaben|aufgaben|missions|vos missions|votre mission|responsabilites|responsabilidades|funciones|tus funciones|que haras)$/,
  ],
  [
    'ignore',
    /^(?:what we offer|what we can offer|we offer|in return(?: we offer)?|what you(?:'ll)? get|our offer|the package|benefits and perks|perks and benefits|rewards and benefits|benefits|perks|rewards|package|salary|compensation|remuneration|why join us|why work with us|why us|what'?s in it for you|about us|about the company|who we are|the company|our company|how to apply|equal opportunities|diversity(?: and inclusion)?|wir bieten|was wir bieten|was wir dir bieten|das bieten wir|unser angebot|deine vorteile|ihre vorteile|uber uns|nous offrons|ce que nous offrons|ce que nous proposons|avantages|qui sommes-nous|qui sommes nous|pourquoi nous rejoindre|l'entreprise|ofrecemos|que ofrecemos|te ofrecemos|beneficios|sobre nosotros|quienes somos|la empresa)$/,
  ],
  [
    'asks',
    /^(?:experience|knowledge|education|languages?|qualifications and experience|skills and knowledge|knowledge and skills|knowledge skills and experience|skills knowledge and experience|skills and abilities|abilities|personal qualities|attributes|competencies|competences|kompetenzen|erfahrung|kenntnisse|ausbildung|sprachen|formation|experience professionnelle|langues|formacion|experiencia|conocimientos|idiomas)$/,
  ],
];

const NICE_CUE_RE =
  /\b(?:preferred|preferably|bonus|nice[ -]to[ -]have|a plus|is a plus|are a plus|plus point|ideally|desirable|advantage|advantageous|beneficial|would be great|not required|optional|wunschenswert|von vorteil|idealerweise|ein plus|pluspunkt|un plus|idealement|apprecie|appreciee|souhaite|souhaitee|atout|se valorara|valorable|deseable|preferiblemente|idealmente|sera un plus)\b/;
const MUST_CUE_RE =
  /\b(?:required|requires|require|must|you have|you bring|you(?:'ll| will) (?:have|need|bring)|minimum|at least|essential|mandatory|proven|strong|solid|expert|zwingend|erforderlich|vorausgesetzt|setzen voraus|mindestens|fundierte|sehr gute|exige|obligatoire|requis|indispensable|imperatif|au moins|imprescindible|requerido|necesario|obligatorio|al menos|minimo)\b/;
const YEARS_RE =
  /(?:(?:at least|minimum(?: of)?|mindestens|au moins|al menos|minimo(?: de)?)\s+)?(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs|jahre|jahren|ans|anos|annees)\b/;
const LANGUAGE_REQ_RE =
  /\b(?:fluent|fluency|bilingual|native|excellent|proficient|proficiency|business[- ]level|professional|strong|good|fliessend|verhandlungssicher|sehr gute|gute|courant|bilingue|maitrise|excellent|fluido|nativo|dominio|alto nivel|buen nivel|bon niveau|good command|working knowledge)\b/;
const LANGUAGE_WORD_RE = new RegExp(LANGUAGE_RE.source.replace('^', '\\b'), 'g');
const LANGUAGE_COMPOUND_RE =
  /\b(englisch|deutsch|franzosisch|spanisch|italienisch|portugiesisch|niederlandisch)(?:kenntnisse|kenntnissen)\b/;
const DRIVING_LICENCE_RE = /\b(?:driving|driver'?s?|drivers)\s+licen[cs]e\b/;
const DEGREE_WORD_RE =
  /\b(?:degree|studium|abschluss|hochschulabschluss|diplome|docteur en|doctorat|titulo|titulacion|licenciatura|grado)\b/;

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
  if (/\b(?:ph\.?\s?d|doctorate|doctor of|doctorado|doctorat|docteur en|promotion|dr\.)/.test(folded))
    return 3;
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

/** A heading as the section patterns read it: folded, without markdown, colon or "criteria". */
function headingKey(text: string): string {
  return fold(text)
    .replace(/[’`]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ criteria$/, '');
}

interface Heading {
  /** 'sub' is a short line ending in a colon that no pattern knows ("Technical:") */
  readonly kind: SectionKind | 'sub';
  /** what follows the colon on the same line ("Requirements: Python, SQL") */
  readonly rest: string | null;
}

/**
 * A line as a heading, or null. A known heading is read whatever its shape ("Essential",
 * "**Desirable**", "## Ihr Profil", "REQUISITOS:"); an unknown one only when it is shaped as one
 * (a markdown heading, a bold line, a short line ending in a colon).
 */
function headingOf(line: string): Heading | null {
  const trimmed = line.trim();
  if (isBulletLine(trimmed)) return null;
  const marked = /^#{1,6}\s/.test(trimmed) || /^(\*\*|__)[^*_]+\1:?$/.test(trimmed);
  const plain = stripMarkdown(trimmed)
    .replace(/\*\*|__/g, '')
    .trim();
  const colon = plain.indexOf(':');
  const head = colon === -1 ? plain : plain.slice(0, colon);
  const rest = colon === -1 ? '' : plain.slice(colon + 1).trim();
  const key = headingKey(head);
  if (key === '' || key.length > 60 || key.split(' ').length > 7) return null;
  for (const [kind, re] of SECTION_PATTERNS)
    if (re.test(key)) return { kind, rest: rest === '' ? null : rest };
  if (rest !== '') return null;
  if (marked) return { kind: 'none', rest: null };
  return colon !== -1 && key.split(' ').length <= 4 ? { kind: 'sub', rest: null } : null;
}

const LISTING: ReadonlySet<SectionKind> = new Set(['must', 'nice', 'duties']);

/**
 * The description as lines with the section each sits in. A category heading ("Experience") or an
 * unknown sub-heading keeps the must or nice of the list it is part of; a sentence that follows a
 * bulleted list, not a bullet itself, has left the list ("We offer ...", "Acme is ...").
 */
function splitUnits(description: string): { text: string; section: SectionKind }[] {
  const units: { text: string; section: SectionKind }[] = [];
  let section: SectionKind = 'none';
  let listed = false;
  const push = (text: string, kind: SectionKind) => {
    for (const sentence of text.split(/(?<=[.;!?])\s+(?=\p{Lu})/u))
      units.push({ text: sentence, section: kind });
  };
  for (const raw of description.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') continue;
    const heading = headingOf(raw);
    if (heading !== null) {
      const inList: boolean = section === 'must' || section === 'nice';
      const kind: SectionKind =
        heading.kind === 'asks'
          ? inList
            ? section
            : 'must'
          : heading.kind === 'sub'
            ? LISTING.has(section)
              ? section
              : 'none'
            : heading.kind;
      if (heading.rest === null) {
        section = kind;
        listed = false;
      } else if (kind !== 'ignore') {
        // "Salary: £40k" or "Experience: 3 years" labels one line; "Requirements: ..." opens a list.
        if (LISTING.has(kind) && heading.kind !== 'asks') {
          section = kind;
          listed = false;
        }
        push(heading.rest, kind);
      }
      continue;
    }
    const bullet = isBulletLine(raw);
    if (bullet) listed = true;
    else if (listed && section !== 'none' && /^\p{Lu}\S*(?:\s+\S+){5,}/u.test(raw.trim())) {
      section = 'none';
      listed = false;
    }
    push(stripMarkdown(bullet ? stripBullet(raw) : raw.trim()), section);
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
  if (section === 'ignore') return null;
  if (NICE_CUE_RE.test(folded)) return 'nice';
  if (MUST_CUE_RE.test(folded)) return 'must';
  if (section === 'nice') return 'nice';
  if (section === 'must' || section === 'duties') return 'must';
  return 'nice';
}

// Lines that are no ask of the candidate wherever they sit, even when they name a skill ("a training
// budget and mentoring", "we build payments software in Go"): pay and perks, the equal-opportunity
// statement, the employer describing itself. A line that also asks something of the candidate
// ("Experience of pension administration", "Commitment to equality and diversity") stays.
const ASK_CUE_RE =
  /\b(?:experience[sd]?|experienced|knowledge|understanding|familiarity|background|track record|ability|able to|skills?|degree|qualified|qualifications?|certified|certification|licen[cs]e|registered|registration|proficien\w*|fluent|commitment to|you have|you bring|you(?:'ll| will) (?:have|need|bring|be)|you are|you're|candidates?|looking for|seeking|must|required|requires?|essential|desirable|should|ideally|preferred|erfahrung|kenntnisse|ausbildung|studium|abschluss|du bringst|sie bringen|sie haben|du hast|suchen|experience|connaissances?|maitrise|diplome|vous avez|vous etes|recherchons|experiencia|conocimientos?|titulacion|buscamos|imprescindible)\b/;
// Pay and perks that give the line away on their own.
const BENEFIT_RE =
  /\b(?:salary|salaries|pension|annual leave|holiday allowance|days(?: of)? (?:paid )?(?:holiday|annual leave|leave|vacation)|paid time off|parental leave|perks|benefits? (?:package|include|includes|such as)|we offer|we provide|we(?:'ll| will) (?:give|offer|provide)|you(?:'ll| will) (?:get|receive|enjoy)|cycle to work|share options|stock options|company car|free (?:lunch|breakfast|snacks|parking|fruit)|private (?:medical|health) ?\w*|gehalt|vergutung|urlaubstage|tage urlaub|altersvorsorge|jobrad|wir bieten|bieten wir|salaire|mutuelle|tickets? restaurants?|nous offrons|nous vous offrons|salario|sueldo|retribucion|ofrecemos|te ofrecemos)\b|[£$€]\s?\d|\d\s?(?:k|€|eur|usd|gbp)\b/;
// Words of perks that need company outside a requirements list: "Training and development opportunities, gym".
const PERK_WORD_RE =
  /\b(?:bonus|holidays?|vacation|insurance|healthcare|medical|dental|gym|wellbeing|well-being|discounts?|training|development|learning|career|progression|flexible|hybrid|remote|home office|homeoffice|teletravail|teletrabajo|budget|opportunit\w*|weiterbildung\w*|formation|formacion)\b/g;
// The equal-opportunity statement; its own words never ask anything ("we welcome candidates regardless of ...").
const EQUAL_OPPORTUNITY_RE =
  /\b(?:equal[ -]opportunit\w*|discriminat\w*|regardless of|irrespective of|disability confident|reasonable adjustments|chancengleich\w*|schwerbehindert\w*|diskriminier\w*|egalite des chances|igualdad de oportunidades)\b/;
// Words an equal-opportunity line shares with an ask ("Commitment to equality, diversity and inclusion").
const DIVERSITY_RE = /\b(?:diversity|inclusion|inclusive|diversite|handicap|diversidad|discapacidad)\b/;
// The employer as the subject of the line.
const COMPANY_RE =
  /^(?:we are|we're|we have|we've|we build|we help|we work|we serve|we were|founded|established|our (?:mission|vision|company|team|clients?|customers|culture|values|people|story|products?|platform|business)|at [\p{L}\p{N}&.' -]{2,40}, we|join (?:us|our|a)|wir sind|wir haben|wir entwickeln|unser (?:team|unternehmen)|unsere (?:mission|kunden)|nous sommes|notre (?:entreprise|societe|mission|equipe)|fondee?|somos|nuestra (?:empresa|mision)|nuestro equipo|fundada)\b/u;
const COMPANY_IS_RE =
  /^(?:[\p{Lu}][\p{L}\p{N}&.'-]*\s+){1,4}(?:is|are|ist|est|es)\s+(?:a|an|the|one of|ein|eine|einer|un|une|una|uno|l[ae]|el)\s/u;

/** A line that asks nothing of the candidate: pay and perks, equal opportunity, the company itself. */
function isNoAsk(text: string, folded: string, section: SectionKind): boolean {
  if (EQUAL_OPPORTUNITY_RE.test(folded)) return true;
  // "Dutch is a plus" states how much it is wanted: an ask.
  if (ASK_CUE_RE.test(folded) || NICE_CUE_RE.test(folded) || MUST_CUE_RE.test(folded)) return false;
  if (BENEFIT_RE.test(folded) || DIVERSITY_RE.test(folded)) return true;
  if (COMPANY_RE.test(folded) || COMPANY_IS_RE.test(text)) return true;
  // Outside a requirements list, two perk words make a perks line.
  return !LISTING.has(section) && (folded.match(PERK_WORD_RE)?.length ?? 0) >= 2;
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
  /^(?:(?:you (?:will )?(?:have|bring|hold|possess|are)|(?:a )?sense of|sens (?:de la|du|des|de l')|sentido (?:de la|del)|must (?:have|hold|be)|should (?:have|hold|be)|(?:the )?(?:ideal )?candidates? (?:must|should|will) (?:have|hold|be)|ideally(?: you have)?|preferably|a|an|the|some|good|very good|strong|solid|proven|excellent|demonstrable|demonstrated|previous|prior|relevant|hands-on|practical|working|sound|in-depth|deep|basic|extensive|significant|current|valid|full|minimum|at least|(?:sehr )?gute|fundierte|mehrjahrige|erste|einschlagige|abgeschlossene|bonne|bonnes|solide|solides|buena|buenas|solida)\s+)*(?:(?:experience|knowledge|understanding|background|familiarity|exposure|expertise|track record|proficiency|competence|erfahrung|berufserfahrung|kenntnisse|experience professionnelle|connaissance|connaissances|maitrise|experiencia|conocimientos?)\s+(?:(?:in|with|of|on|using|im|mit|in der|im bereich|en|de|du|des|dans|d'|con)\s+)(?:(?:the|a|an|der|dem|den|die|des|la|le|les|l'|el|los|las)\s+)?)?/;
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
  // "Outils numériques (Pronote, GeoGebra)": the examples in brackets prove it as well as its name.
  const examples = /^([^()]+?)\s*\(([^()]+)\)\s*$/.exec(label);
  const parts =
    examples === null
      ? label.split(ALTERNATIVE_SPLIT_RE)
      : [
          ...examples[1]!.split(ALTERNATIVE_SPLIT_RE),
          ...examples[2]!
            .replace(/^(?:e\.g\.|z\.b\.|p\. ?ex\.|por ejemplo|ex\.|such as|like)\s*/i, '')
            .split(/\s*,\s*|\s+(?:or|oder|ou|o|and|und|et|y)\s+|\s*\/\s*/),
        ];
  for (const part of parts) {
    const words = keyWords(part, credential);
    if (words.length > 0 && !alternatives.some((a) => a.join(' ') === words.join(' ')))
      alternatives.push(words);
  }
  const total = alternatives.reduce((n, a) => n + a.length, 0);
  if (total === 0 || total > MAX_KEY_WORDS) return null;
  return { label: label.charAt(0).toUpperCase() + label.slice(1), alternatives, credential };
}

class RequirementSet {
  private readonly byId = new Map<string, JobRequirement>();

  add(req: JobRequirement): void {
    const prior = this.byId.get(req.id);
    // A requirement named both as must and as nice counts as must; named as a requirement, not only a duty.
    if (
      prior === undefined ||
      (prior.importance === 'nice' && req.importance === 'must') ||
      (prior.duty === true && req.importance === 'must' && req.duty !== true)
    )
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
  /** the line being read is a duty, not a stated requirement */
  duty = false;

  /** A requirement of the description, marked as a duty when its line is one. */
  add(req: JobRequirement): void {
    this.reqs.add(this.duty && req.importance === 'must' ? { ...req, duty: true } : req);
  }

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
      into.add({
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
    into.add({
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

// Words of a years line that name no field: "5+ years of relevant professional experience".
const YEARS_FILLER = new Set(
  (
    'year years yrs experience experienced professional work working relevant proven previous prior ' +
    'similar comparable related equivalent minimum least plus total hands-on including ideally preferably ' +
    'jahre jahren berufserfahrung erfahrung mehrjahrige einschlagige mindestens ans annees experience ' +
    'professionnelle moins minimum anos experiencia profesional menos minimo'
  ).split(' '),
);

/** The field a years line asks the years in: its key words without the years and the filler. */
function yearsField(text: string): string[] {
  const words: string[] = [];
  for (const t of tokenize(text.replace(/\d+\s*\+?/g, ' '))) {
    if (t.norm.length < 3 || isStopword(t.norm) || YEARS_FILLER.has(t.norm) || GENERIC_WORDS.has(t.norm))
      continue;
    if (!words.includes(t.norm)) words.push(t.norm);
  }
  return words.slice(0, 8);
}

/** "5+ years of experience", in the languages the lexicon knows. */
function readYears(unit: Unit, into: JobReading): boolean {
  const years = YEARS_RE.exec(unit.folded);
  if (
    years === null ||
    !/\b(?:experience|erfahrung|berufserfahrung|experiencia|professional|in|im|en|de|at|as|als|level|post-qualification|pqe)\b/.test(
      unit.folded,
    )
  ) {
    return false;
  }
  const n = Number(years[1]);
  if (n < 1 || n > 25) return false;
  into.add({
    id: 'experience:years',
    kind: 'experience',
    label: `${n}+ years of experience`,
    importance: unit.importance,
    source: 'description',
    context: unit.text,
    years: n,
    tokens: yearsField(unit.text),
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
  into.add({
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
    into.add({
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
function readDescription(description: string, position: string, into: JobReading): JobRequirement[] {
  const freeText: JobRequirement[] = [];
  // The ad's title line ("Principal Scientist, Solid-State Electrolytes – Oxford") names the job, not an ask.
  const title = fold(position.replace(/\([^)]*\)/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  for (const { text, section } of splitUnits(description)) {
    const folded = fold(text);
    const importance = importanceOf(text, section);
    if (importance === null || isNoAsk(text, folded, section)) continue;
    if (
      title.length >= 4 &&
      folded
        .replace(/\([^)]*\)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .startsWith(title)
    )
      continue;
    const unit: Unit = { text, section, importance, folded };
    into.duty = section === 'duties' && !MUST_CUE_RE.test(folded);
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
  into.duty = false;
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

// Words that say which language a job ad is written in; the most hits wins, English on a tie.
const LANGUAGE_HINTS: readonly [CvLanguageCode, RegExp][] = [
  ['en', /\b(?:the|and|with|for|of|to|you|your|we|experience|skills)\b/g],
  [
    'de',
    /\b(?:und|der|die|das|mit|fur|von|bei|sie|ihre|ihr|wir|du|dein|deine|erfahrung|kenntnisse|m\/w\/d)\b/g,
  ],
  ['fr', /\b(?:et|les|des|du|pour|avec|une|vous|votre|vos|nous|competences|h\/f)\b/g],
  ['es', /\b(?:y|los|las|del|para|con|una|tu|tus|buscamos|experiencia|conocimientos|requisitos)\b/g],
];

export function jobLanguage(text: string): CvLanguageCode {
  const folded = fold(text);
  let best: CvLanguageCode = 'en';
  let bestCount = 0;
  for (const [code, re] of LANGUAGE_HINTS) {
    const count = folded.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
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
  const freeText = readDescription(description, position, into);
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
    language: jobLanguage(`${position}\n${description}`),
  };
}

export function skillName(id: string): string {
  return VOCABULARY_BY_ID.get(id)?.name ?? id;
}
