import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentageUsed, usageLabel } from './status.ts';
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
  assert.equal(usageLabel(2, 4), 'ok');
  assert.equal(usageLabel(3, 4), 'warning');
  assert.equal(usageLabel(9, 10), 'critical');
  assert.equal(usageLabel(10, 10), 'exceeded');
  assert.equal(usageLabel(12, 10), 'exceeded');
  assert.equal(percentageUsed(1, 3), 33.3);
  assert.equal(percentageUsed(12, 10), 100);
});
