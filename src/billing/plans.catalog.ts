// The four plans of SPEC.md (the Free plan's short limits calibrated on an ordinary session). Seeded into the plans table, where an operator may change the limits.
export interface PlanDefinition {
  slug: string;
  name: string;
  description: string;
  order: number;
  aiResponsesPerDay: number;
  questionnairesPerDay: number;
  uploadsPerDay: number;
  apiCallsPerHour: number;
  burstPerMinute: number;
}

export const FREE_PLAN_SLUG = 'free';

export const PLAN_CATALOG: readonly PlanDefinition[] = [
  {
    slug: 'free',
    name: 'Free',
    description: 'Try CV Improver: a few improved CVs a day.',
    order: 1,
    aiResponsesPerDay: 3,
    questionnairesPerDay: 5,
    uploadsPerDay: 3,
    // An ordinary session charges about 12 requests in its busiest minute (README, "Plans and
    // limits"); these leave room for a reload and a retry, and still stop a script within a minute.
    apiCallsPerHour: 200,
    burstPerMinute: 20,
  },
  {
    slug: 'basic',
    name: 'Basic',
    description: 'For an active job search: twenty improvements a day.',
    order: 2,
    aiResponsesPerDay: 20,
    questionnairesPerDay: 50,
    uploadsPerDay: 20,
    apiCallsPerHour: 300,
    burstPerMinute: 30,
  },
  {
    slug: 'pro',
    name: 'Pro',
    description: 'For career coaches and frequent applicants.',
    order: 3,
    aiResponsesPerDay: 100,
    questionnairesPerDay: 200,
    uploadsPerDay: 100,
    apiCallsPerHour: 600,
    burstPerMinute: 50,
  },
  {
    slug: 'premium',
    name: 'Premium',
    description: 'For teams and agencies working on many CVs.',
    order: 4,
    aiResponsesPerDay: 1000,
    questionnairesPerDay: 1000,
    uploadsPerDay: 500,
    apiCallsPerHour: 1200,
    burstPerMinute: 100,
  },
];
