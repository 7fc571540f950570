import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fabricate, faithfulRewrites, runEval } from '../bench/analysis-eval.ts';
import { improveCvOffline } from '../src/analysis/offline-improve.ts';
import { loadCase, loadEvalCases, parseJobFixture } from './helpers/analysis-fixtures.ts';

describe('analysis evaluation', () => {
  it('meets the targets: >= 95% of fabrications caught, <= 5% false alarms', () => {
    const cases = loadEvalCases();
    assert.ok(cases.length >= 8, 'at least 8 CV/job pairs');
    const report = runEval(cases);
    assert.ok(report.fabricationsTotal >= cases.length * 7, `${report.fabricationsTotal} fabrications`);
    assert.ok(report.catchRate >= 0.95, `catch rate ${report.catchRate}: ${report.missed.join(', ')}`);
    assert.ok(
      report.falseAlarmRate <= 0.05,
      `false alarms ${report.falseAlarmRate}: ${report.alarms.join(' | ')}`,
    );
    assert.equal(report.offlinePassRate, 1);
  });

  it('generates every kind of fabrication and rewrite, each one different from the base', () => {
    const c = loadCase('software-en');
    const md = improveCvOffline({ cvText: c.cvText, job: c.job }).markdown;
    const fabs = fabricate(c, md);
    assert.deepEqual(
      fabs.map((f) => f.kind),
      [
        'invented_employer',
        'replaced_employer',
        'invented_client',
        'invented_degree',
        'invented_certification',
        'invented_skill',
        'shifted_date',
        'shifted_end',
        'shifted_month',
        'inflated_number',
        'inflated_money',
        'inflated_percentage',
      ],
    );
    for (const v of [...fabs, ...faithfulRewrites(c, md)]) assert.notEqual(v.text, md, v.kind);
  });

  it('reads job fixtures with front matter', () => {
    const job = parseJobFixture(
      '---\nposition: Nurse\nindustry: Health\nexperience_level: 0-2\n---\nWe need a nurse.',
    );
    assert.deepEqual(job, {
      position: 'Nurse',
      industry: 'Health',
      experience_level: '0-2',
      job_description: 'We need a nurse.',
      location: null,
    });
  });
});
