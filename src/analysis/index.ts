// Public API of the analysis module: pure functions, no I/O, deterministic.
export type {
  CvAward,
  CvBasics,
  CvCertificate,
  CvEducation,
  CvLanguage,
  CvLanguageCode,
  CvLine,
  CvLocation,
  CvProfile,
  CvProject,
  CvPublication,
  CvSection,
  CvSkillGroup,
  CvStructure,
  CvVolunteer,
  CvWork,
  SectionKey,
} from './cv-structure.ts';
export { parseCv } from './cv-structure.ts';
export type { FoundDate, FoundRange } from './dates.ts';
export { findDateRanges, findDates, parseDate } from './dates.ts';
export type { Fact, FactChange, FactExtraction, FactGuardResult, FactKind } from './fact-guard.ts';
export { checkFacts, extractFacts, FACT_KINDS } from './fact-guard.ts';
export type {
  ExperienceLevel,
  Importance,
  JobInput,
  JobProfile,
  JobRequirement,
  RequirementKind,
  RequirementSource,
} from './job.ts';
export { analyzeJob } from './job.ts';
export type {
  Evidence,
  EvidenceSection,
  MatchOptions,
  MatchResult,
  Penalty,
  RequirementMatch,
  RequirementStatus,
} from './match-score.ts';
export { experienceYears, MATCH_SCORE_VERSION, scoreMatch } from './match-score.ts';
export type { OfflineImprovement } from './offline-improve.ts';
export { improveCvOffline, SECTION_ORDER } from './offline-improve.ts';
export type { DeclaredRemoval, DroppedItem, MergedBullet, PreservationResult } from './preservation.ts';
export { checkPreservation, describeLosses, splitDeclaredRemovals } from './preservation.ts';
export type { ReadBackResult } from './read-back.ts';
export { readBackScore } from './read-back.ts';
export type {
  CvAnalysis,
  ExplainedRequirement,
  ImprovementReport,
  MissingRequirement,
  ReportChange,
} from './report.ts';
export { analyzeCv, buildImprovementReport, SECTION_NAMES } from './report.ts';
export type { SkillHit } from './skills.ts';
export { findSkills, lookupSkill } from './skills.ts';
export type { SkillCategory, VocabularyEntry } from './vocabulary.ts';
export { VOCABULARY } from './vocabulary.ts';
export { warmUpAnalysis } from './warm-up.ts';
