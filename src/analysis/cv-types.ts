// The JSON Resume shape the CV parser produces, and the working shapes it reads lines into.

import type { SectionKey } from './lexicon.ts';

export interface CvProfile {
  network: string;
  username: string;
  url: string;
}

/** JSON Resume's location: the text as written, and what could be read from it. */
export interface CvLocation {
  address: string;
  city: string | null;
  region: string | null;
  countryCode: string | null;
}

export interface CvBasics {
  name: string | null;
  label: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
  location: CvLocation | null;
  summary: string | null;
  profiles: CvProfile[];
}

export interface CvWork {
  name: string | null;
  position: string | null;
  location: string | null;
  startDate: string | null;
  /** null with `current: true` when the role is ongoing */
  endDate: string | null;
  current: boolean;
  summary: string | null;
  highlights: string[];
  /** 0–1: how sure the parser is of the employer, title and dates */
  confidence: number;
  /** 1-based line of the entry's first line in the source text */
  line: number;
}

/** JSON Resume calls the employer of a volunteer role its organization. */
export type CvVolunteer = Omit<CvWork, 'name'> & { organization: string | null };

export interface CvEducation {
  institution: string | null;
  area: string | null;
  studyType: string | null;
  startDate: string | null;
  endDate: string | null;
  highlights: string[];
  confidence: number;
  line: number;
}

export interface CvSkillGroup {
  name: string;
  keywords: string[];
}

export interface CvProject {
  name: string;
  description: string | null;
  highlights: string[];
  startDate: string | null;
  endDate: string | null;
  line: number;
}

export interface CvCertificate {
  name: string;
  date: string | null;
  issuer: string | null;
  line: number;
}

/** JSON Resume's award: what, when, from whom. */
export interface CvAward {
  title: string;
  date: string | null;
  awarder: string | null;
  line: number;
}

/** JSON Resume's publication: what, when, where. */
export interface CvPublication {
  name: string;
  releaseDate: string | null;
  publisher: string | null;
  line: number;
}

export interface CvLanguage {
  language: string;
  fluency: string | null;
}

export interface CvLine {
  /** 1-based line number in the text as given */
  readonly n: number;
  readonly text: string;
}

export interface CvSection {
  readonly key: SectionKey | 'header';
  readonly heading: string | null;
  readonly lines: readonly CvLine[];
}

export type CvLanguageCode = 'en' | 'de' | 'fr' | 'es';

export interface CvStructure {
  basics: CvBasics;
  work: CvWork[];
  education: CvEducation[];
  skills: CvSkillGroup[];
  projects: CvProject[];
  certificates: CvCertificate[];
  awards: CvAward[];
  publications: CvPublication[];
  languages: CvLanguage[];
  volunteer: CvVolunteer[];
  meta: {
    /** main language of the CV text */
    language: CvLanguageCode;
    /** sections in the order the CV presents them */
    sectionOrder: SectionKey[];
    sections: CvSection[];
    twoColumn: boolean;
    /** 0–1 per field of basics and per section */
    confidence: Record<string, number>;
  };
}

/** A line of the text as extracted, numbered from 1. */
export interface RawLine {
  n: number;
  text: string;
}

/** A section as it is cut: its kind (or the header before any heading), its heading as written, its lines. */
export interface WorkingSection {
  key: SectionKey | 'header';
  heading: string | null;
  lines: CvLine[];
}
