// The API's objects as this app uses them (the OpenAPI document at /schema/ has them whole).

export interface Plan {
  id: number;
  name: string;
  description: string;
  order: number;
  limits: Record<string, number>;
  monthly_price: Price | null;
  yearly_price: Price | null;
  is_current: boolean;
}

export interface Price {
  amount: number;
  currency: string;
  interval: string;
}

export interface User {
  pk: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  email_verified: boolean;
  plan: { id: number; name: string } | null;
  stripe_customer_id: string | null;
  stripe_subscription_status: string | null;
  subscription_renewal_date: string | null;
}

export interface TokensAndUser {
  access: string;
  refresh: string;
  access_expiration: string;
  refresh_expiration: string;
  user: User;
}

export const EXPERIENCE_LEVELS = ['0-2', '3-5', '6+'] as const;
export const COMPANY_SIZES = ['startup', 'small', 'medium', 'enterprise'] as const;
export const TIMELINES = ['immediate', '1-3 months', '3-6 months', '6+ months'] as const;

export interface Questionnaire {
  id: number;
  position: string;
  industry: string;
  experience_level: (typeof EXPERIENCE_LEVELS)[number];
  company_size: (typeof COMPANY_SIZES)[number];
  location: string | null;
  application_timeline: (typeof TIMELINES)[number];
  job_description: string | null;
  resume_filename: string | null;
  resume_status: 'none' | 'processing' | 'ready' | 'failed';
  resume_error: string | null;
  submitted_at: string;
}

export interface Page<T> {
  count: number;
  next: string | null;
  results: T[];
}

export type SectionName =
  | 'experience'
  | 'projects'
  | 'certificates'
  | 'education'
  | 'summary'
  | 'skills'
  | 'languages'
  | 'header'
  | 'other';

export interface Evidence {
  section: SectionName;
  text: string;
  line: number;
}

export type MatchStatus = 'covered' | 'weak' | 'missing';

export interface Requirement {
  id: string;
  requirement: string;
  kind: string;
  importance: 'must' | 'nice';
  status: MatchStatus;
  status_before?: MatchStatus;
  evidence: Evidence[];
  note: string;
}

export interface Missing {
  requirement: string;
  importance: 'must' | 'nice';
  suggestion: string;
}

export interface Analysis {
  score: number;
  requirements: Requirement[];
  missing: Missing[];
  structure_corrected: boolean;
}

type Text = string | null;

export interface WorkEntry {
  name?: Text;
  organization?: Text;
  position: Text;
  location: Text;
  startDate: Text;
  endDate: Text;
  summary: Text;
  highlights: string[];
  line: number | null;
}

export interface Structure {
  basics: {
    name: Text;
    label: Text;
    email: Text;
    phone: Text;
    url: Text;
    location: { address: Text; city: Text; region: Text; countryCode: Text } | null;
    summary: Text;
    profiles: Array<{ network: Text; username: Text; url: Text }>;
    line: number | null;
  };
  work: WorkEntry[];
  education: Array<{
    institution: Text;
    area: Text;
    studyType: Text;
    startDate: Text;
    endDate: Text;
    highlights: string[];
    line: number | null;
  }>;
  skills: Array<{ name: Text; keywords: string[]; line: number | null }>;
  projects: Array<{
    name: string;
    description: Text;
    highlights: string[];
    startDate: Text;
    endDate: Text;
    line: number | null;
  }>;
  certificates: Array<{ name: string; date: Text; issuer: Text; line: number | null }>;
  languages: Array<{ language: string; fluency: Text; line: number | null }>;
  volunteer: WorkEntry[];
  confidence: Record<string, number>;
}

export interface StructureView {
  structure: Structure;
  layout: string | null;
  text: string;
  corrected: boolean;
}

export interface Fact {
  kind: string;
  value: string;
  context: string;
}

export interface Report {
  score_before: number;
  score_after: number;
  requirements: Requirement[];
  missing: Missing[];
  fact_guard: {
    passed: boolean;
    invented: Fact[];
    changed: Array<{ kind: string; from: string; to: string; context: string }>;
    dropped: Fact[];
  };
  changes: Array<{ change: string; reason: string }>;
  fact_fix: { removed: string[] } | null;
  preservation?: {
    passed: boolean;
    checked: number;
    kept: number;
    merged: Array<{ bullet: string; into: string }>;
    dropped: Array<{
      kind: string;
      value: string;
      context: string | null;
      intended: boolean;
      reason: string | null;
    }>;
  };
  provenance?: { ai_model_used: boolean; note: string };
  suggestions?: Array<{ quote: string; advice: string }>;
}

export type AiStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export interface AiResponse {
  id: number;
  questionnaire: number;
  prompt: string;
  created_at: string;
  status: AiStatus;
  progress: number;
  response_text: string | null;
  error: { code: string; message: string } | null;
  provider: string | null;
  report: Report | null;
  events_link?: { url: string; expires_at: string };
}

export interface VersionSummary {
  version: number;
  source: 'improver' | 'edit';
  created_at: string;
  score_after: number | null;
  fact_guard_passed: boolean | null;
  preservation_passed: boolean | null;
}

export interface Version extends VersionSummary {
  markdown: string;
  report: Report | null;
}

export interface RenderedDocument {
  id: string;
  link: { url: string; expires_at: string };
  format: 'pdf' | 'docx' | 'json' | 'markdown';
  pages: number | null;
  cut: Array<{ section: string; item: string | null; what: string }>;
  read_back: { score: number; checked: number; missed: string[] } | null;
  version: number;
}

export interface Scope {
  limit: number;
  used: number;
  remaining: number;
  reset_at: string | null;
  percentage_used: number;
  status: 'healthy' | 'moderate' | 'warning' | 'critical';
}

export interface LimitsStatus {
  user: { username: string; plan: string | null };
  rate_limits: Record<string, Scope>;
  upgrade_recommendation: { should_upgrade: boolean; reason: string; recommended_plan: string | null };
}
