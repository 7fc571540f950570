import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES_DIR, loadCase } from '../../test/helpers/analysis-fixtures.ts';
import { MATCH_SCORE_VERSION } from './match-score.ts';
import { improveCvOffline } from './offline-improve.ts';
import { analyzeCv, buildImprovementReport } from './report.ts';

describe('buildImprovementReport', () => {
  it('reports scores, explained requirements, missing items and a passing fact guard for a faithful improvement', () => {
    const { cvText, job } = loadCase('software-en');
    const improvedMarkdown = improveCvOffline({ cvText, job }).markdown;
    const report = buildImprovementReport({
      sourceCvText: cvText,
      improvedMarkdown,
      job,
      referenceDate: '2025-06',
    });
    assert.equal(report.version, MATCH_SCORE_VERSION);
    assert.equal(report.fact_guard.passed, true);
    // The proven skills it names in the skills list are seen at a skim.
    assert.ok(report.score_after > report.score_before, `${report.score_before} → ${report.score_after}`);
    assert.ok(report.covered.includes('Node.js'));
    const mentoring = report.missing.find((m) => m.requirement === 'Mentoring');
    assert.equal(mentoring?.importance, 'must');
    assert.match(mentoring!.suggestion, /^Add only if true: /);
    assert.ok(report.requirements.every((r) => r.status_before !== undefined));
    assert.ok(
      report.changes.some(
        (c) => c.change === 'Moved Experience above Summary' || c.change.startsWith('Moved'),
      ),
      JSON.stringify(report.changes),
    );
  });

  it('explains the section order for a new graduate and flags invented content', () => {
    const { cvText, job } = loadCase('graduate-en');
    const improved = improveCvOffline({ cvText, job }).markdown;
    const tampered = improved.replace(
      '## Experience',
      '## Experience\n\n### Software Engineer — Google\n*01/2021 – 12/2021*\n\n- Led Kubernetes migrations',
    );
    const report = buildImprovementReport({ sourceCvText: cvText, improvedMarkdown: tampered, job });
    assert.equal(report.fact_guard.passed, false);
    const kinds = new Set(report.fact_guard.invented.map((f) => f.kind));
    assert.ok(
      kinds.has('employer') && kinds.has('skill') && kinds.has('date_range'),
      JSON.stringify([...kinds]),
    );
    const honest = buildImprovementReport({ sourceCvText: cvText, improvedMarkdown: improved, job });
    assert.ok(
      honest.changes.some((c) => /^Moved Skills above/.test(c.change) && /0-2/.test(c.reason)),
      JSON.stringify(honest.changes),
    );
  });

  it('never credits an invented fact: score after and covered leave it out, and the report says so', () => {
    const { cvText, job } = loadCase('software-en');
    const improved = improveCvOffline({ cvText, job, referenceDate: '2025-06' }).markdown;
    const lines = improved.split('\n');
    lines.splice(
      lines.findIndex((l) => /reconciliation service/.test(l)) + 1,
      0,
      '- Owned production monitoring with Datadog and Grafana for 30 services',
    );
    const tampered = lines.join('\n');
    const honest = buildImprovementReport({
      sourceCvText: cvText,
      improvedMarkdown: improved,
      job,
      referenceDate: '2025-06',
    });
    const report = buildImprovementReport({
      sourceCvText: cvText,
      improvedMarkdown: tampered,
      job,
      referenceDate: '2025-06',
    });
    assert.deepEqual(honest.not_credited, []);
    assert.equal(report.fact_guard.passed, false);
    assert.ok(report.fact_guard.invented.some((f) => f.value === 'Datadog'));
    // The invented line would cover the must-have "Monitoring"; it is neither scored nor listed as covered.
    assert.equal(report.score_after, honest.score_after);
    assert.ok(!report.covered.includes('Monitoring'));
    assert.equal(report.requirements.find((r) => r.requirement === 'Monitoring')?.status, 'missing');
    const monitoring = report.not_credited.find((n) => n.requirement === 'Monitoring');
    assert.match(
      monitoring?.because ?? '',
      /^Covered only through facts the CV does not support: .*"Datadog" \(skill\) is not in the CV/,
    );
    // The true skills of a list line with an invented one keep their credit.
    const listed = improved.replace(/^(.*\bDocker\b.*)$/m, '$1, Datadog');
    const withList = buildImprovementReport({
      sourceCvText: cvText,
      improvedMarkdown: listed,
      job,
      referenceDate: '2025-06',
    });
    assert.ok(withList.fact_guard.invented.some((f) => f.value === 'Datadog'));
    assert.equal(withList.score_after, honest.score_after);
    const status = (r: typeof honest, name: string) =>
      r.requirements.find((x) => x.requirement === name)?.status;
    assert.equal(status(withList, 'Docker'), status(honest, 'Docker'));
    assert.deepEqual(
      withList.not_credited.map((n) => n.requirement),
      ['Monitoring'],
    );
  });

  it('describes rewritten weak bullets', () => {
    const { cvText, job } = loadCase('software-en');
    const improved = improveCvOffline({ cvText, job }).markdown.replace(
      '- Responsible for the CI/CD pipelines on GitHub Actions',
      '- Ran the CI/CD pipelines on GitHub Actions',
    );
    const report = buildImprovementReport({ sourceCvText: cvText, improvedMarkdown: improved, job });
    assert.ok(report.changes.some((c) => c.change.startsWith("Rewrote 'Responsible for the CI/CD")));
    assert.equal(report.fact_guard.passed, true);
  });
});

describe('report on a model-style rewrite', () => {
  it('lists reorders with reasons that fit the move, skills left out, and rewritten duties', () => {
    const { cvText, job } = loadCase('software-en');
    const improvedMarkdown = readFileSync(join(FIXTURES_DIR, 'software-en.improved.md'), 'utf8');
    const report = buildImprovementReport({
      sourceCvText: cvText,
      improvedMarkdown,
      job,
      referenceDate: '2025-06',
    });
    const byChange = new Map(report.changes.map((c) => [c.change, c.reason]));
    assert.equal(byChange.get('Moved Skills above Experience'), 'the skills the job asks for are seen first');
    assert.equal(byChange.get('Left out Unit testing, Agile, Scrum'), 'not asked for by this job');
    assert.ok(
      report.changes.some((c) => c.change.startsWith("Rewrote 'Worked on the event pipeline with Kafka'")),
    );
    assert.equal(report.fact_guard.passed, true);
  });
});

describe('analyzeCv', () => {
  it('returns the structure and the explained score without any AI', () => {
    const { cvText, job } = loadCase('nursing-en');
    const a = analyzeCv({ cvText, job, referenceDate: '2025-06' });
    assert.equal(a.structure.basics.email, 'grace.okafor@example.com');
    assert.ok(a.score >= 60, String(a.score));
    assert.ok(a.requirements.some((r) => r.requirement === 'BLS' && r.status === 'covered'));
    assert.deepEqual(analyzeCv({ cvText, job, referenceDate: '2025-06' }), a);
  });
});

describe('robustness', () => {
  it('handles empty and pathological text, in linear time', () => {
    const job = { position: '', industry: '', experience_level: '3-5' as const, job_description: '' };
    for (const text of [
      '',
      '   \n\n',
      '•\n-\n*',
      'EXPERIENCE\nEDUCATION\nSKILLS',
      'a'.repeat(20000),
      'a@b'.repeat(5000),
    ]) {
      const started = performance.now();
      const improved = improveCvOffline({ cvText: text, job }).markdown;
      const report = buildImprovementReport({ sourceCvText: text, improvedMarkdown: improved, job });
      assert.equal(report.fact_guard.passed, true);
      assert.ok(report.score_before >= 0 && report.score_before <= 100);
      // A regex that retries at every position takes seconds on 20,000 letters; linear code takes milliseconds.
      assert.ok(performance.now() - started < 2000, `${text.slice(0, 10)} took too long`);
    }
  });
});
