// `cvimprover create-test-data [--count N]`: users with questionnaires and AI responses for
// development. Users are spread over the plans; their rows are spread over the last 60 days, so
// that `cleanup` and the status route have something to show. A development aid, not part of any
// feature: src/dev/ holds such commands, and only src/cli.ts loads them.
import { randomBytes } from 'node:crypto';
import { insertUser } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/passwords.ts';
import { seedPlans } from '../billing/plans.repository.ts';
import { listPlanRows } from '../limits/quota.repository.ts';
import { DAY_MS } from '../limits/quota.service.ts';
import type { Db } from '../platform/db/database.ts';
import { aiResponses, questionnaires } from '../platform/db/schema.ts';

export const TEST_DATA_PASSWORD = 'Test-Harbor-42';

const POSITIONS = [
  'Backend Engineer',
  'Data Analyst',
  'Product Manager',
  'UX Designer',
  'Nurse',
  'Accountant',
];
const INDUSTRIES = ['Software', 'Finance', 'Healthcare', 'Retail', 'Education'];
const LEVELS = ['0-2', '3-5', '6+'];
const SIZES = ['startup', 'small', 'medium', 'enterprise'];
const TIMELINES = ['immediate', '1-3 months', '3-6 months', '6+ months'];

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;

export async function createTestData(
  db: Db,
  options: { count: number; now: Date; onProgress?: (usersDone: number) => void },
): Promise<Array<{ username: string; plan: string }>> {
  await seedPlans(db);
  const plans = await listPlanRows(db);
  const passwordHash = await hashPassword(TEST_DATA_PASSWORD);
  const tag = randomBytes(3).toString('hex');
  const created: Array<{ username: string; plan: string }> = [];
  for (let i = 0; i < options.count; i++) {
    const plan = pick(plans, i);
    const username = `demo_${tag}_${i + 1}`;
    const user = await insertUser(db, {
      username,
      email: `${username}@example.com`,
      passwordHash,
      firstName: 'Demo',
      lastName: `User ${i + 1}`,
      emailVerified: true,
      planId: plan?.id ?? null,
    });
    for (let q = 0; q < 2; q++) {
      const at = new Date(options.now.getTime() - ((i * 7 + q * 23) % 60) * DAY_MS);
      const [questionnaire] = await db
        .insert(questionnaires)
        .values({
          userId: user.id,
          position: pick(POSITIONS, i + q),
          industry: pick(INDUSTRIES, i),
          experienceLevel: pick(LEVELS, i + q),
          companySize: pick(SIZES, i),
          applicationTimeline: pick(TIMELINES, q),
          location: 'Remote',
          jobDescription: `Looking for a ${pick(POSITIONS, i + q)} with strong communication skills.`,
          submittedAt: at,
          updatedAt: at,
        })
        .returning({ id: questionnaires.id });
      if (!questionnaire) continue;
      await db.insert(aiResponses).values([
        {
          userId: user.id,
          questionnaireId: questionnaire.id,
          prompt: 'Tailor my CV to this role and keep every fact true.',
          status: 'succeeded',
          progress: 100,
          responseText: `# Demo User ${i + 1}\n\n## Summary\n\n${pick(POSITIONS, i + q)} with a record of delivering results.`,
          provider: 'offline',
          model: 'offline',
          usage: { prompt_tokens: 0, completion_tokens: 0 },
          createdAt: at,
          startedAt: at,
          finishedAt: at,
        },
        {
          userId: user.id,
          questionnaireId: questionnaire.id,
          prompt: 'Make it shorter and emphasise leadership.',
          status: 'failed',
          error: { code: 'ai_unavailable', message: 'Demo failure.' },
          provider: 'offline',
          model: 'offline',
          createdAt: at,
          finishedAt: at,
        },
      ]);
    }
    created.push({ username, plan: plan?.name ?? 'Free' });
    options.onProgress?.(created.length);
  }
  return created;
}
