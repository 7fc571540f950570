import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanSummary } from './quota.service.ts';
import { percentageUsed, recommendUpgrade, usageLabel } from './status.ts';
import { createMemoryWindowCounter } from './windows.ts';

test('the memory window is a rolling log: a hit counts for exactly windowMs', async () => {
  const windows = createMemoryWindowCounter();
  const rule = { key: 'k', limit: 2, windowMs: 1000 };
  assert.equal((await windows.hit([rule], 0)).allowed, true);
  assert.equal((await windows.hit([rule], 500)).allowed, true);
  const refused = await windows.hit([rule], 999);
  assert.equal(refused.allowed, false);
  assert.deepEqual(refused.states[0], { limit: 2, used: 2, remaining: 0, resetAt: 1000 });
  assert.equal((await windows.hit([rule], 1000)).allowed, true, 'the first hit left at 1000');
  assert.equal((await windows.peek(rule, 1000)).used, 2);
});

test('a hit refused by one rule is recorded in none', async () => {
  const windows = createMemoryWindowCounter();
  const minute = { key: 'm', limit: 1, windowMs: 60_000 };
  const hour = { key: 'h', limit: 10, windowMs: 3_600_000 };
  await windows.hit([minute, hour], 0);
  assert.equal((await windows.hit([minute, hour], 1)).allowed, false);
  assert.equal((await windows.peek(hour, 2)).used, 1);
});

test('breaches count at most once per spacing', async () => {
  const windows = createMemoryWindowCounter();
  assert.equal(await windows.breach('b', 0, 60_000, 600_000), 1);
  assert.equal(await windows.breach('b', 30_000, 60_000, 600_000), 0);
  assert.equal(await windows.breach('b', 60_000, 60_000, 600_000), 2);
  assert.equal(await windows.breach('b', 700_000, 60_000, 600_000), 1, 'old breaches leave the window');
});

test('usage labels and percentages', () => {
  assert.equal(usageLabel(1, 3), 'healthy');
  assert.equal(usageLabel(2, 4), 'moderate');
  assert.equal(usageLabel(7, 10), 'warning');
  assert.equal(usageLabel(3, 4), 'warning');
  assert.equal(usageLabel(9, 10), 'critical');
  assert.equal(usageLabel(12, 10), 'critical');
  assert.equal(percentageUsed(2, 3), 66.67);
  assert.equal(percentageUsed(12, 10), 120);
});

test('upgrade advice: from 80% of a limit, the next plan; none on the highest', () => {
  const limits = { ai_responses: 3, questionnaires: 5, uploads: 3, api_calls: 100, burst: 10 };
  const free = { name: 'Free', limits } as PlanSummary;
  const basic = { name: 'Basic', limits: { ...limits, ai_responses: 10 } } as PlanSummary;
  const usage = (ai: number) => [
    { scope: 'ai_responses' as const, used: ai, limit: 3 },
    { scope: 'questionnaires' as const, used: 1, limit: 5 },
  ];
  assert.deepEqual(recommendUpgrade(free, basic, usage(1), '/core/plans/'), {
    should_upgrade: false,
    reason: 'Your usage is within comfortable limits',
    recommended_plan: null,
    upgrade_url: null,
    high_usage_scopes: [],
  });
  const pressed = recommendUpgrade(free, basic, usage(3), '/core/plans/');
  assert.equal(pressed.should_upgrade, true);
  assert.equal(pressed.recommended_plan, 'Basic');
  assert.equal(pressed.upgrade_url, '/core/plans/');
  assert.deepEqual(pressed.high_usage_scopes, ['ai_responses']);
  assert.match(pressed.reason, /approaching limits on: ai_responses .*Basic allows 10/);
  const top = recommendUpgrade(basic, null, usage(3), '/core/plans/');
  assert.equal(top.should_upgrade, false);
  assert.equal(top.recommended_plan, null);
});
