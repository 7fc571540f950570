// Match score: how well a CV proves what a job asks for, 0–100, deterministic and explained.
// Each requirement gets a status (covered / weak / missing), the places in the CV where it was
// found, and a weight. Proof in experience counts more than a bare mention in a skills list; proof
// that the skills list, the summary or an entry's heading also names counts more than proof a
// reader has to dig out of a role's text; keyword stuffing costs points. The algorithm is
// described in docs/match-score.md.
import { type CvLanguageCode, type CvStructure, parseCv } from './cv-structure.ts';
import { currentMonth, monthIndex } from './dates.ts';
import {
  analyzeJob,
  canonicalLanguage,
  degreeLevel,
  type JobInput,
  type JobProfile,
  type JobRequirement,
  skillName,
} from './job.ts';
import { findDegree, LANGUAGE_RE } from './lexicon.ts';
import { findSkillsInTokens } from './skills.ts';
import { isPastForm, wordStem } from './stems.ts';
import { contentTokens, fold, isBulletLine, isStopword, round, tokenize } from './text.ts';
import { skillFamilies, VOCABULARY_BY_ID } from './vocabulary.ts';

/** Bumped whenever a change to the algorithm or the vocabulary can move a score. */
export const MATCH_SCORE_VERSION = '1.3.1';

export type EvidenceSection =
  | 'experience'
  | 'projects'
  | 'certificates'
  | 'education'
  | 'summary'
  | 'skills'
  | 'languages'
  | 'header'
  | 'other';

export type RequirementStatus = 'covered' | 'weak' | 'missing';

export interface Evidence {
  readonly section: EvidenceSection;
  /** the CV line, trimmed to 160 characters */
  readonly text: string;
  /** 1-based line in the CV text */
  readonly line: number;
}

export interface RequirementMatch {
  readonly id: string;
  readonly requirement: string;
  readonly kind: JobRequirement['kind'];
  readonly importance: JobRequirement['importance'];
  readonly source: JobRequirement['source'];
  readonly weight: number;
  readonly status: RequirementStatus;
  /**
   * share of the weight earned: 1 covered, 0.7 covered where only a role's or project's text names
   * it, 0.5 weak (0.25–0.75 for partial years), 0 missing
   */
  readonly credit: number;
  readonly found_in: EvidenceSection[];
  readonly evidence: Evidence[];
  /** why the status, in one sentence */
  readonly note: string;
}

export interface Penalty {
  readonly reason: string;
  readonly points: number;
}

export interface MatchResult {
  readonly version: string;
  readonly score: number;
  /** the score before penalties */
  readonly raw_score: number;
  readonly requirements: RequirementMatch[];
  readonly penalties: Penalty[];
  readonly counts: { covered: number; weak: number; missing: number };
  /** years of professional experience read from the work history's date ranges */
  readonly candidate_years: number;
}

export interface MatchOptions {
  /**
   * `YYYY-MM` that "Present" stands for. Default: the current month (see currentMonth); the API
   * passes the month of its own clock, tests a fixed one so that results never drift.
   */
  readonly referenceDate?: string;
}

const SECTION_STRENGTH: Record<EvidenceSection, number> = {
  experience: 1,
  projects: 0.9,
  certificates: 0.9,
  education: 0.75,
  summary: 0.55,
  header: 0.5,
  skills: 0.5,
  languages: 0.5,
  other: 0.6,
};
const COVERED_AT = 0.7;
// Proof that only a role's or project's text holds, not the skills list, the summary or a heading:
// a skimming reader, or a recruiter's search of the skills field, easily misses it. Still well
// above a bare listing (0.5): once found, it is believed.
const UNSEEN_PROOF_CREDIT = 0.7;
// Where a reader skimming the CV, and a keyword scan of its profile fields, look first.
const SKIMMED_SECTIONS: ReadonlySet<EvidenceSection> = new Set([
  'header',
  'summary',
  'skills',
  'certificates',
  'languages',
]);
const IMPORTANCE_WEIGHT = { must: 3, nice: 1 } as const;
// A must-have only the job's duties name: the work of the role, between a requirement and a wish.
const DUTY_WEIGHT = 2;
const KIND_FACTOR: Record<JobRequirement['kind'], number> = {
  title: 0.7,
  experience: 1,
  skill: 1,
  degree: 0.7,
  language: 0.8,
  industry: 0.5,
};
// A soft skill ("communication", "teamwork") is claimed more than proven by a CV; a reader judges
// it at interview, so a CV that does not name it loses less than one without a hard skill.
const SOFT_SKILL_FACTOR = 0.5;
const MAX_PENALTY = 25;
// Years of work that show nothing of the field the job asks them in.
const OUTSIDE_FIELD_CREDIT = 0.25;

// The notes that explain each status, in the language of the job ad (a German ad gets German
// notes), section names included.
interface Notes {
  readonly section: Record<EvidenceSection, string>;
  /** a spoken language's name, from its folded English name */
  readonly language: (english: string) => string;
  readonly number: (n: number) => string;
  readonly shownIn: (what: string, section: string) => string;
  readonly namedIn: (what: string, section: string) => string;
  readonly seenAtSkim: (shown: string) => string;
  readonly onlyInText: (shown: string) => string;
  readonly notMentioned: (what: string) => string;
  readonly onlyListed: (what: string, section: string) => string;
  readonly partly: (what: string) => string;
  readonly title: (title: string) => string;
  readonly relatedTitle: (title: string) => string;
  readonly noTitle: (title: string) => string;
  readonly years: (have: string, want: number) => string;
  readonly outsideField: string;
  readonly degree: string;
  readonly degreeUnclear: string;
  readonly noDegree: string;
  readonly languageListed: (language: string) => string;
  readonly writtenIn: (language: string) => string;
  readonly languageMissing: (language: string) => string;
  readonly industry: (industry: string) => string;
  readonly noIndustry: (industry: string) => string;
}

const LANGUAGE_NAMES: Record<string, Record<'de' | 'fr' | 'es', string>> = {
  english: { de: 'Englisch', fr: 'anglais', es: 'inglés' },
  german: { de: 'Deutsch', fr: 'allemand', es: 'alemán' },
  french: { de: 'Französisch', fr: 'français', es: 'francés' },
  spanish: { de: 'Spanisch', fr: 'espagnol', es: 'español' },
  italian: { de: 'Italienisch', fr: 'italien', es: 'italiano' },
  portuguese: { de: 'Portugiesisch', fr: 'portugais', es: 'portugués' },
  dutch: { de: 'Niederländisch', fr: 'néerlandais', es: 'neerlandés' },
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const decimalComma = (n: number) => String(n).replace('.', ',');

const NOTES: Record<CvLanguageCode, Notes> = {
  en: {
    section: {
      experience: 'experience',
      projects: 'projects',
      certificates: 'certificates',
      education: 'education',
      summary: 'summary',
      skills: 'skills',
      languages: 'languages',
      header: 'header',
      other: 'other',
    },
    language: capitalized,
    number: String,
    shownIn: (what, section) => `${what} is shown in ${section}`,
    namedIn: (what, section) => `The CV names ${what} in ${section}`,
    seenAtSkim: (shown) => `${shown}.`,
    onlyInText: (shown) =>
      `${shown}, but only inside a role's or project's text: neither the skills list, the summary nor a heading names it.`,
    notMentioned: (what) => `${what} is not mentioned in the CV.`,
    onlyListed: (what, section) =>
      `${what} is only listed in ${section}, with no experience or project that shows it.`,
    partly: (what) => `Only part of "${what}" appears in the CV.`,
    title: (title) => `The CV shows the title "${title}".`,
    relatedTitle: (title) => `The CV shows a related title, not "${title}".`,
    noTitle: (title) => `No role in the CV has a title like "${title}".`,
    years: (have, want) => `The work history adds up to ${have} years; the job asks for ${want}.`,
    outsideField: 'None of it shows the field the job asks them in.',
    degree: 'The education section shows the degree asked for.',
    degreeUnclear: 'The CV shows education, not clearly at the level asked for.',
    noDegree: 'No degree found in the CV.',
    languageListed: (language) => `The CV lists ${language}.`,
    writtenIn: (language) => `The CV is written in ${language} but does not state the level.`,
    languageMissing: (language) => `${language} is not listed among the CV's languages.`,
    industry: (industry) => `The CV mentions ${industry}.`,
    noIndustry: (industry) => `No mention of the ${industry} industry.`,
  },
  de: {
    section: {
      experience: 'Berufserfahrung',
      projects: 'Projekte',
      certificates: 'Zertifikate',
      education: 'Ausbildung',
      summary: 'Profil',
      skills: 'Kenntnisse',
      languages: 'Sprachen',
      header: 'Kopfzeile',
      other: 'Sonstiges',
    },
    language: (english) => LANGUAGE_NAMES[english]?.de ?? capitalized(english),
    number: decimalComma,
    shownIn: (what, section) => `${what} ist im Abschnitt ${section} belegt`,
    namedIn: (what, section) => `Der Lebenslauf nennt ${what} im Abschnitt ${section}`,
    seenAtSkim: (shown) => `${shown}.`,
    onlyInText: (shown) =>
      `${shown}, aber nur im Text einer Stelle oder eines Projekts: weder die Kenntnisse noch das Profil noch eine Überschrift nennen es.`,
    notMentioned: (what) => `${what} kommt im Lebenslauf nicht vor.`,
    onlyListed: (what, section) =>
      `${what} steht nur im Abschnitt ${section}; keine Stelle und kein Projekt belegt es.`,
    partly: (what) => `Nur ein Teil von „${what}“ kommt im Lebenslauf vor.`,
    title: (title) => `Der Lebenslauf zeigt die Stelle „${title}“.`,
    relatedTitle: (title) => `Der Lebenslauf zeigt eine verwandte Stelle, nicht „${title}“.`,
    noTitle: (title) => `Keine Stelle im Lebenslauf heißt ähnlich wie „${title}“.`,
    years: (have, want) => `Der Werdegang ergibt ${have} Jahre; die Stelle verlangt ${want}.`,
    outsideField: 'Keine davon zeigt das verlangte Fachgebiet.',
    degree: 'Die Ausbildung zeigt den verlangten Abschluss.',
    degreeUnclear: 'Der Lebenslauf zeigt eine Ausbildung, aber nicht klar auf der verlangten Stufe.',
    noDegree: 'Im Lebenslauf steht kein Abschluss.',
    languageListed: (language) => `Der Lebenslauf nennt ${language}.`,
    writtenIn: (language) => `Der Lebenslauf ist auf ${language} geschrieben, nennt aber kein Niveau.`,
    languageMissing: (language) => `${language} steht nicht unter den Sprachen des Lebenslaufs.`,
    industry: (industry) => `Der Lebenslauf nennt ${industry}.`,
    noIndustry: (industry) => `Die Branche ${industry} kommt im Lebenslauf nicht vor.`,
  },
  fr: {
    section: {
      experience: 'Expérience',
      projects: 'Projets',
      certificates: 'Certifications',
      education: 'Formation',
      summary: 'Profil',
      skills: 'Compétences',
      languages: 'Langues',
      header: 'En-tête',
      other: 'Autres',
    },
    language: (english) => LANGUAGE_NAMES[english]?.fr ?? english,
    number: decimalComma,
    shownIn: (what, section) => `${what} est démontré dans la section ${section}`,
    namedIn: (what, section) => `Le CV cite ${what} dans la section ${section}`,
    seenAtSkim: (shown) => `${shown}.`,
    onlyInText: (shown) =>
      `${shown}, mais seulement dans le texte d'un poste ou d'un projet : ni les compétences, ni le profil, ni un titre ne le citent.`,
    notMentioned: (what) => `${what} n'apparaît pas dans le CV.`,
    onlyListed: (what, section) =>
      `${what} est seulement cité dans la section ${section}, sans poste ni projet qui le démontre.`,
    partly: (what) => `Une partie seulement de « ${what} » apparaît dans le CV.`,
    title: (title) => `Le CV montre le poste « ${title} ».`,
    relatedTitle: (title) => `Le CV montre un poste proche, pas « ${title} ».`,
    noTitle: (title) => `Aucun poste du CV ne ressemble à « ${title} ».`,
    years: (have, want) => `Le parcours totalise ${have} ans ; le poste en demande ${want}.`,
    outsideField: 'Aucune ne montre le domaine demandé.',
    degree: 'La formation montre le diplôme demandé.',
    degreeUnclear: 'Le CV montre une formation, mais pas clairement au niveau demandé.',
    noDegree: 'Aucun diplôme dans le CV.',
    languageListed: (language) => `Le CV cite ${language}.`,
    writtenIn: (language) => `Le CV est rédigé en ${language} mais n'en précise pas le niveau.`,
    languageMissing: (language) => `${capitalized(language)} ne figure pas parmi les langues du CV.`,
    industry: (industry) => `Le CV mentionne ${industry}.`,
    noIndustry: (industry) => `Aucune mention du secteur ${industry}.`,
  },
  es: {
    section: {
      experience: 'Experiencia',
      projects: 'Proyectos',
      certificates: 'Certificaciones',
      education: 'Formación',
      summary: 'Perfil',
      skills: 'Habilidades',
      languages: 'Idiomas',
      header: 'Encabezado',
      other: 'Otros',
    },
    language: (english) => LANGUAGE_NAMES[english]?.es ?? english,
    number: decimalComma,
    shownIn: (what, section) => `${what} se demuestra en la sección ${section}`,
    namedIn: (what, section) => `El CV cita ${what} en la sección ${section}`,
    seenAtSkim: (shown) => `${shown}.`,
    onlyInText: (shown) =>
      `${shown}, pero solo dentro del texto de un puesto o proyecto: ni las habilidades, ni el perfil, ni un título lo citan.`,
    notMentioned: (what) => `${what} no aparece en el CV.`,
    onlyListed: (what, section) =>
      `${what} solo figura en la sección ${section}, sin ningún puesto ni proyecto que lo demuestre.`,
    partly: (what) => `Solo una parte de «${what}» aparece en el CV.`,
    title: (title) => `El CV muestra el puesto «${title}».`,
    relatedTitle: (title) => `El CV muestra un puesto afín, no «${title}».`,
    noTitle: (title) => `Ningún puesto del CV se parece a «${title}».`,
    years: (have, want) => `La trayectoria suma ${have} años; el puesto pide ${want}.`,
    outsideField: 'Ninguno muestra el ámbito pedido.',
    degree: 'La formación muestra la titulación pedida.',
    degreeUnclear: 'El CV muestra formación, pero no claramente al nivel pedido.',
    noDegree: 'No hay ninguna titulación en el CV.',
    languageListed: (language) => `El CV cita el ${language}.`,
    writtenIn: (language) => `El CV está escrito en ${language}, pero no indica el nivel.`,
    languageMissing: (language) => `El ${language} no figura entre los idiomas del CV.`,
    industry: (industry) => `El CV menciona ${industry}.`,
    noIndustry: (industry) => `No se menciona el sector ${industry}.`,
  },
};

interface IndexedLine {
  readonly section: EvidenceSection;
  readonly text: string;
  readonly line: number;
  readonly skills: ReadonlyMap<string, number>;
  /** the broader skills the line's skills belong to: "Oracle ERP" shows ERP */
  readonly families: ReadonlySet<string>;
  /** how often the same words (not just the same skill) repeat in the line */
  readonly maxRepeat: number;
  readonly tokens: ReadonlySet<string>;
  /** tokens written in upper case ("ALS", "NMC"), for acronyms that are also ordinary words */
  readonly caps: ReadonlySet<string>;
  /** word stems (see stems.ts), so "managed a team" meets "team management" */
  readonly stems: ReadonlySet<string>;
  /** stems of the past forms in the line ("Monitored", "geleitet", "géré") */
  readonly pastStems: ReadonlySet<string>;
  /** read at a skim: a line of the header, summary, skills, certificates or languages, or an entry's heading */
  readonly skimmed: boolean;
}

interface CvIndex {
  readonly lines: IndexedLine[];
  readonly skillTotals: Map<string, number>;
  readonly tokenCount: number;
}

function evidenceSection(key: string): EvidenceSection {
  switch (key) {
    case 'experience':
    case 'volunteer':
      return 'experience';
    case 'projects':
    case 'publications':
      return 'projects';
    case 'certificates':
    case 'education':
    case 'summary':
    case 'skills':
    case 'languages':
    case 'header':
      return key;
    default:
      return 'other';
  }
}

/** Folded names that open an entry: titles, employers, schools, degrees, project names. */
function entryNames(cv: CvStructure): string[] {
  return [
    ...cv.work.flatMap((w) => [w.position, w.name]),
    ...cv.volunteer.flatMap((w) => [w.position, w.organization]),
    ...cv.education.flatMap((e) => [e.studyType, e.institution]),
    ...cv.projects.map((p) => p.name),
  ]
    .filter((x): x is string => x !== null && x.trim().length >= 3)
    .map((x) => fold(x.trim()));
}

/** A short line that is not a bullet and holds an entry's name reads as its heading ("Staff Nurse, Leeds General Infirmary"). */
function isEntryHeading(text: string, names: readonly string[]): boolean {
  if (isBulletLine(text) || text.trim().split(/\s+/).length > 14) return false;
  const folded = fold(text);
  return names.some((n) => folded.includes(n));
}

function indexCv(cv: CvStructure): CvIndex {
  const lines: IndexedLine[] = [];
  const skillTotals = new Map<string, number>();
  const names = entryNames(cv);
  let tokenCount = 0;
  for (const section of cv.meta.sections) {
    // Advice written for the author (a "Suggestions" section) is not evidence of anything.
    if (section.key === 'notes') continue;
    const kind = evidenceSection(section.key);
    for (const l of section.lines) {
      const tokens = tokenize(l.text);
      tokenCount += tokens.length;
      const skills = new Map<string, number>();
      const families = new Set<string>();
      const phrases = new Map<string, number>();
      let maxRepeat = 0;
      for (const h of findSkillsInTokens(tokens)) {
        skills.set(h.id, (skills.get(h.id) ?? 0) + 1);
        for (const f of skillFamilies(h.id)) families.add(f);
        skillTotals.set(h.id, (skillTotals.get(h.id) ?? 0) + 1);
        const phrase = h.text.toLowerCase();
        const n = (phrases.get(phrase) ?? 0) + 1;
        phrases.set(phrase, n);
        if (n > maxRepeat) maxRepeat = n;
      }
      lines.push({
        section: kind,
        text: l.text,
        line: l.n,
        skills,
        families,
        maxRepeat,
        tokens: new Set(tokens.map((t) => t.norm)),
        caps: new Set(tokens.filter((t) => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(t.raw)).map((t) => t.norm)),
        stems: new Set(tokens.map((t) => wordStem(t.norm))),
        pastStems: new Set(tokens.filter((t) => isPastForm(t.raw, t.norm)).map((t) => wordStem(t.norm))),
        // A line that repeats a term is written for a parser, not a reader: it makes nothing visible.
        skimmed: (SKIMMED_SECTIONS.has(kind) || isEntryHeading(l.text, names)) && maxRepeat < 3,
      });
    }
  }
  return { lines, skillTotals, tokenCount };
}

function evidenceOf(l: IndexedLine): Evidence {
  return {
    section: l.section,
    text: l.text.length > 160 ? `${l.text.slice(0, 157)}...` : l.text,
    line: l.line,
  };
}

/** Months of work, overlapping roles counted once. */
export function experienceYears(cv: CvStructure, referenceDate: string | null): number {
  const ref = referenceDate === null ? null : monthIndex(referenceDate);
  const spans: [number, number][] = [];
  for (const w of cv.work) {
    if (w.startDate === null) continue;
    const start = monthIndex(w.startDate);
    const end = w.endDate !== null ? monthIndex(w.endDate) : (ref ?? start);
    if (end >= start) spans.push([start, end + 1]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let months = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const [s, e] of spans) {
    if (s > curEnd) {
      if (curEnd > curStart) months += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
  }
  if (curEnd > curStart) months += curEnd - curStart;
  return round(months / 12, 1);
}

interface Judgement {
  status: RequirementStatus;
  credit: number;
  evidence: Evidence[];
  note: string;
}

/** Proven; full credit when a line read at a skim also names it. */
function covered(matching: readonly IndexedLine[], evidence: Evidence[], shown: string, t: Notes): Judgement {
  if (matching.some((l) => l.skimmed))
    return { status: 'covered', credit: 1, evidence, note: t.seenAtSkim(shown) };
  return { status: 'covered', credit: UNSEEN_PROOF_CREDIT, evidence, note: t.onlyInText(shown) };
}

function judgeByLines(matching: IndexedLine[], what: string, t: Notes): Judgement {
  if (matching.length === 0)
    return { status: 'missing', credit: 0, evidence: [], note: t.notMentioned(what) };
  const ranked = [...matching].sort(
    (a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line,
  );
  const best = SECTION_STRENGTH[ranked[0]!.section];
  const evidence = ranked.slice(0, 3).map(evidenceOf);
  const section = t.section[ranked[0]!.section];
  if (best >= COVERED_AT) return covered(matching, evidence, t.shownIn(what, section), t);
  return { status: 'weak', credit: 0.5, evidence, note: t.onlyListed(what, section) };
}

/** A key word of a free-text requirement in a line: in any of its forms, an acronym only in capitals. */
function hasWord(l: IndexedLine, word: string): boolean {
  return word.startsWith('!') ? l.caps.has(word.slice(1)) : l.tokens.has(word) || l.stems.has(wordStem(word));
}

const STATUS_RANK: Record<RequirementStatus, number> = { covered: 2, weak: 1, missing: 0 };

/**
 * A free-text requirement is proven by a CV line that holds all its key words (any one
 * alternative's). A licence or certification is proven by naming it anywhere; anything else needs
 * a line where it was used, and is weak when only listed, or when only most of its words appear.
 */
function judgeFreeText(req: JobRequirement, index: CvIndex, t: Notes): Judgement {
  const label = req.label;
  let best: Judgement = { status: 'missing', credit: 0, evidence: [], note: t.notMentioned(label) };
  for (const words of req.alternatives ?? []) {
    const full = index.lines.filter((l) => words.every((w) => hasWord(l, w)));
    let j: Judgement;
    if (full.length > 0 && req.credential === true) {
      const ranked = [...full].sort(
        (a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line,
      );
      j = covered(
        full,
        ranked.slice(0, 3).map(evidenceOf),
        t.namedIn(label, t.section[ranked[0]!.section]),
        t,
      );
    } else if (full.length > 0) {
      j = judgeByLines(full, label, t);
    } else {
      // Most of a phrase in one line ("cardiac care" for "coronary care unit") hints at it; one word
      // of two ("care") does not.
      const need = Math.floor(words.length / 2) + 1;
      const partial =
        words.length < 2
          ? []
          : index.lines
              .filter((l) => l.section !== 'header' && words.filter((w) => hasWord(l, w)).length >= need)
              .sort((a, b) => SECTION_STRENGTH[b.section] - SECTION_STRENGTH[a.section] || a.line - b.line);
      j =
        partial.length === 0
          ? best
          : {
              status: 'weak',
              credit: 0.5,
              evidence: partial.slice(0, 3).map(evidenceOf),
              note: t.partly(label),
            };
    }
    if (
      STATUS_RANK[j.status] > STATUS_RANK[best.status] ||
      (j.status === best.status && j.credit > best.credit)
    )
      best = j;
    if (best.status === 'covered' && best.credit === 1) break;
  }
  return best;
}

function judge(req: JobRequirement, cv: CvStructure, index: CvIndex, years: number, t: Notes): Judgement {
  switch (req.kind) {
    case 'skill':
      return judgeSkill(req, index, t);
    case 'title':
      return judgeTitle(req, cv, index, t);
    case 'experience':
      return judgeExperience(req, cv, index, years, t);
    case 'degree':
      return judgeDegree(req, cv, index, t);
    case 'language':
      return judgeLanguage(req, cv, index, t);
    case 'industry':
      return judgeIndustry(req, index, t);
  }
}

/**
 * A vocabulary skill in other word forms: the stems of its name or of an alias of two words or
 * more, all in one line ("managed stakeholders" for "stakeholder management"); a one-word name
 * only as the past form of an achievement ("Monitored ..." for "Monitoring"), since a one-word
 * stem alone reaches too far ("accounts" is not "Accounting").
 */
interface StemPhrases {
  readonly phrases: readonly (readonly string[])[];
  readonly pastStem: string | null;
}

const stemPhrasesCache = new Map<string, StemPhrases>();

function stemPhrases(skillId: string): StemPhrases {
  const known = stemPhrasesCache.get(skillId);
  if (known !== undefined) return known;
  const entry = VOCABULARY_BY_ID.get(skillId);
  const phrases: string[][] = [];
  const seen = new Set<string>();
  for (const alias of entry?.aliases ?? []) {
    if (alias.startsWith('!')) continue;
    const stems = tokenize(alias)
      .filter((t) => t.norm.length > 1 && !isStopword(t.norm))
      .map((t) => wordStem(t.norm));
    const key = [...stems].sort().join(' ');
    if (stems.length < 2 || seen.has(key)) continue;
    seen.add(key);
    phrases.push(stems);
  }
  const nameWords = entry === undefined ? [] : contentTokens(entry.name);
  // Not for stems under five letters: "Led the IPO" is no proof of "Leadership".
  const pastStem =
    nameWords.length === 1 && wordStem(nameWords[0]!).length >= 5 ? wordStem(nameWords[0]!) : null;
  const found = { phrases, pastStem };
  stemPhrasesCache.set(skillId, found);
  return found;
}

function saysInOtherWords(l: IndexedLine, ids: readonly string[]): boolean {
  if (l.section === 'header') return false;
  return ids.some((id) => {
    const { phrases, pastStem } = stemPhrases(id);
    return (
      (pastStem !== null && l.pastStems.has(pastStem)) || phrases.some((p) => p.every((s) => l.stems.has(s)))
    );
  });
}

/** Skills: the CV lines that name the skill, one of its alternatives or a kind of it, in any word form. */
function judgeSkill(req: JobRequirement, index: CvIndex, t: Notes): Judgement {
  if (req.alternatives !== undefined) return judgeFreeText(req, index, t);
  const ids = req.anyOf ?? [req.skillId!];
  return judgeByLines(
    index.lines.filter(
      (l) => ids.some((id) => l.skills.has(id) || l.families.has(id)) || saysInOtherWords(l, ids),
    ),
    req.label,
    t,
  );
}

/** A job title: how many of its words the CV headline or a held position shares. */
function judgeTitle(req: JobRequirement, cv: CvStructure, index: CvIndex, t: Notes): Judgement {
  const want = req.tokens ?? [];
  let best = 0;
  let bestLine: IndexedLine | null = null;
  const candidates = [cv.basics.label ?? '', ...cv.work.map((w) => w.position ?? '')].filter((t) => t !== '');
  const wanted = want.map(wordStem);
  for (const title of candidates) {
    // In any word form: "Pharmacienne" holds the title "Pharmacien".
    const have = new Set(contentTokens(title).map(wordStem));
    const overlap = wanted.filter((t) => have.has(t)).length / Math.max(1, want.length);
    if (overlap > best) {
      best = overlap;
      const folded = fold(title);
      // The role in the work history is the evidence; the same words in the summary are not.
      const holding = index.lines.filter((l) => fold(l.text).includes(folded));
      bestLine = holding.find((l) => l.section === 'experience') ?? holding[0] ?? null;
    }
  }
  const evidence = bestLine === null ? [] : [evidenceOf(bestLine)];
  if (best >= 0.99) return { status: 'covered', credit: 1, evidence, note: t.title(req.label) };
  if (best >= 0.5) return { status: 'weak', credit: 0.5, evidence, note: t.relatedTitle(req.label) };
  // One word of a long title ("Pharmacien" of "Pharmacien hospitalier, responsable stérilisation").
  if (best >= 0.25) return { status: 'weak', credit: 0.25, evidence, note: t.relatedTitle(req.label) };
  return { status: 'missing', credit: 0, evidence: [], note: t.noTitle(req.label) };
}

/**
 * Years of experience: the work history's total against the years asked for. Years asked in a
 * field ("5 years in sterile services") count in full only when the CV shows the field somewhere:
 * twenty years in finance are not five in a hospital pharmacy.
 */
function judgeExperience(
  req: JobRequirement,
  cv: CvStructure,
  index: CvIndex,
  years: number,
  t: Notes,
): Judgement {
  const want = req.years ?? 0;
  const evidence = cv.work.slice(0, 1).flatMap((w) => {
    const l = index.lines.find((x) => x.line === w.line && x.section === 'experience');
    return l === undefined ? [] : [evidenceOf(l)];
  });
  const field = (req.tokens ?? []).map(wordStem);
  const inField = field.length === 0 || index.lines.some((l) => field.some((w) => l.stems.has(w)));
  const note = t.years(t.number(years), want) + (inField ? '' : ` ${t.outsideField}`);
  let j: Judgement;
  if (years >= want) j = { status: 'covered', credit: 1, evidence, note };
  else if (years >= want * 0.6)
    j = {
      status: 'weak',
      credit: round(0.25 + (0.5 * (years - want * 0.6)) / (want * 0.4), 2),
      evidence,
      note,
    };
  else j = { status: 'missing', credit: 0, evidence, note };
  if (inField || j.status === 'missing') return j;
  return { ...j, status: 'weak', credit: Math.min(j.credit, OUTSIDE_FIELD_CREDIT) };
}

/** A degree: the highest level in the education section against the level asked for. */
function judgeDegree(req: JobRequirement, cv: CvStructure, index: CvIndex, t: Notes): Judgement {
  const want = req.degreeLevel ?? 1;
  let have = 0;
  let line: number | null = null;
  for (const e of cv.education) {
    // The degree may be read into the area: "Diplôme d'État de Docteur en Pharmacie".
    const level = Math.max(
      degreeLevel(fold(`${e.studyType ?? ''} ${findDegree(e.area ?? '') ?? ''}`)),
      degreeLevel(fold(e.area ?? '')),
    );
    if (level > have) {
      have = level;
      line = e.line;
    }
  }
  const l = line === null ? undefined : index.lines.find((x) => x.line === line);
  const evidence = l === undefined ? [] : [evidenceOf(l)];
  if (have >= want) return { status: 'covered', credit: 1, evidence, note: t.degree };
  if (have > 0 || cv.education.length > 0)
    return { status: 'weak', credit: 0.5, evidence, note: t.degreeUnclear };
  return { status: 'missing', credit: 0, evidence: [], note: t.noDegree };
}

/** A spoken language: listed, mentioned on a line, or the language the CV is written in. */
function judgeLanguage(req: JobRequirement, cv: CvStructure, index: CvIndex, t: Notes): Judgement {
  const lang = req.language ?? '';
  const listed = cv.languages.some(
    (x) => canonicalLanguage(fold(x.language.trim().split(/\s+/)[0] ?? '')) === lang,
  );
  const lines = index.lines.filter((l) => {
    const f = fold(l.text);
    return (
      new RegExp(LANGUAGE_RE.source.replace('^', '\\b'), 'g').test(f) &&
      [...f.matchAll(/\p{L}+/gu)].some((m) => canonicalLanguage(m[0]) === lang)
    );
  });
  const evidence = lines.slice(0, 2).map(evidenceOf);
  const name = t.language(lang);
  if (listed || lines.length > 0)
    return { status: 'covered', credit: 1, evidence, note: t.languageListed(name) };
  // A CV written in the language shows it as well as a line in a languages section.
  if (lang === { en: 'english', de: 'german', fr: 'french', es: 'spanish' }[cv.meta.language])
    return { status: 'weak', credit: 0.5, evidence: [], note: t.writtenIn(name) };
  return { status: 'missing', credit: 0, evidence: [], note: t.languageMissing(name) };
}

/** An industry: any line outside the skills section that names it. */
function judgeIndustry(req: JobRequirement, index: CvIndex, t: Notes): Judgement {
  const want = req.tokens ?? [];
  const lines = index.lines.filter((l) => l.section !== 'skills' && want.some((w) => l.tokens.has(w)));
  if (lines.length === 0)
    return { status: 'missing', credit: 0, evidence: [], note: t.noIndustry(req.label) };
  return {
    status: 'covered',
    credit: 1,
    evidence: lines.slice(0, 2).map(evidenceOf),
    note: t.industry(req.label),
  };
}

function stuffingPenalties(index: CvIndex, cv: CvStructure): Penalty[] {
  const penalties: Penalty[] = [];
  const words = Math.max(1, index.tokenCount);
  for (const [id, count] of [...index.skillTotals].sort((a, b) => a[0].localeCompare(b[0]))) {
    // A real two-page CV names its core skill a handful of times; far more is written for a parser.
    const allowed = Math.max(6, Math.round(words / 120));
    if (count > allowed) {
      penalties.push({
        reason: `"${skillName(id)}" is repeated ${count} times`,
        points: Math.min(6, count - allowed),
      });
    }
  }
  for (const l of index.lines) {
    if (l.maxRepeat >= 3)
      penalties.push({ reason: `line ${l.line} repeats the same term ${l.maxRepeat} times`, points: 2 });
    if (l.section !== 'skills' && l.skills.size >= 8 && l.text.split(/\s+/).length <= l.skills.size * 2.2) {
      penalties.push({ reason: `line ${l.line} is a keyword list outside the skills section`, points: 4 });
    }
  }
  const listed = new Set(
    index.lines.filter((l) => l.section === 'skills').flatMap((l) => [...l.skills.keys()]),
  );
  const shown = new Set(
    index.lines.filter((l) => SECTION_STRENGTH[l.section] >= COVERED_AT).flatMap((l) => [...l.skills.keys()]),
  );
  const unproven = [...listed].filter((id) => !shown.has(id)).length;
  const keywordCount = cv.skills.reduce((n, g) => n + g.keywords.length, 0);
  if (keywordCount > 40 || (listed.size >= 20 && unproven / listed.size > 0.8)) {
    penalties.push({
      reason: `the skills section lists ${keywordCount} items, ${unproven} of them shown nowhere else`,
      points: 5,
    });
  }
  return penalties;
}

function asProfile(job: JobProfile | JobInput): JobProfile {
  return 'requirements' in job ? job : analyzeJob(job);
}

/** Scores a CV (text or parsed) against a job (questionnaire or analyzed profile). */
export function scoreMatch(
  cvInput: CvStructure | string,
  jobInput: JobProfile | JobInput,
  options: MatchOptions = {},
): MatchResult {
  const cv = typeof cvInput === 'string' ? parseCv(cvInput) : cvInput;
  const job = asProfile(jobInput);
  const index = indexCv(cv);
  const years = experienceYears(cv, options.referenceDate ?? currentMonth());

  let earned = 0;
  let possible = 0;
  const notes = NOTES[job.language];
  const requirements: RequirementMatch[] = job.requirements.map((req) => {
    const j = judge(req, cv, index, years, notes);
    const importanceWeight = req.duty === true ? DUTY_WEIGHT : IMPORTANCE_WEIGHT[req.importance];
    const kindFactor = req.category === 'soft' ? SOFT_SKILL_FACTOR : KIND_FACTOR[req.kind];
    const weight = round(importanceWeight * kindFactor, 2);
    earned += weight * j.credit;
    possible += weight;
    return {
      id: req.id,
      requirement: req.label,
      kind: req.kind,
      importance: req.importance,
      source: req.source,
      weight,
      status: j.status,
      credit: j.credit,
      found_in: [...new Set(j.evidence.map((e) => e.section))],
      evidence: j.evidence,
      note: j.note,
    };
  });
  const raw = possible === 0 ? 0 : (earned / possible) * 100;
  const penalties = stuffingPenalties(index, cv);
  const penalty = Math.min(
    MAX_PENALTY,
    penalties.reduce((n, p) => n + p.points, 0),
  );
  const counts = { covered: 0, weak: 0, missing: 0 };
  for (const r of requirements) counts[r.status]++;
  return {
    version: MATCH_SCORE_VERSION,
    score: Math.max(0, Math.round(raw - penalty)),
    raw_score: round(raw, 1),
    requirements,
    penalties,
    counts,
    candidate_years: years,
  };
}
