import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCv } from './cv-structure.ts';
import { checkFacts } from './fact-guard.ts';
import { improveCvOffline } from './offline-improve.ts';
import { loadCase, loadEvalCases } from './testing/fixtures.ts';

describe('improveCvOffline', () => {
  it('passes the fact guard against its input on every fixture', () => {
    const cases = loadEvalCases();
    assert.ok(cases.length >= 8);
    for (const c of cases) {
      const { markdown } = improveCvOffline({ cvText: c.cvText, job: c.job });
      const r = checkFacts(c.cvText, markdown);
      assert.equal(r.passed, true, `${c.id}: ${JSON.stringify([r.invented, r.changed])}`);
    }
  });

  it('writes clean markdown with an honest header and the CV reordered for the level', () => {
    const { cvText, job } = loadCase('software-en');
    const { markdown, notes } = improveCvOffline({ cvText, job });
    assert.match(markdown, /^# Jane Doe\n/);
    assert.match(markdown, /without a language model/);
    assert.match(markdown, /jane\.doe@example\.com · \+49 151 2345 6789/);
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings.slice(0, 3), ['Summary', 'Experience', 'Skills']);
    assert.ok(notes.some((n) => n.startsWith('Add only if true: ')));
    assert.ok(notes.some((n) => /no fact was added/.test(n)));
  });

  it('puts education and projects before experience for a new graduate', () => {
    const { cvText, job } = loadCase('graduate-en');
    const headings = [...improveCvOffline({ cvText, job }).markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.ok(headings.indexOf('Education') < headings.indexOf('Experience'));
    assert.ok(headings.indexOf('Projects') < headings.indexOf('Experience'));
  });

  it('puts forward only the job requirements the CV proves', () => {
    const { cvText, job } = loadCase('software-en');
    const { markdown } = improveCvOffline({ cvText, job });
    const forward = /\*\*Relevant to this role:\*\* (.+)/.exec(markdown)?.[1] ?? '';
    assert.match(forward, /Node\.js/);
    assert.match(forward, /Kubernetes/);
    assert.doesNotMatch(forward, /Monitoring|Mentoring|Data modeling/);
  });

  it('points out weak phrasing and bullets without results as suggestions, without rewriting them', () => {
    const { cvText, job } = loadCase('software-en');
    const { markdown } = improveCvOffline({ cvText, job });
    const suggestions = markdown.slice(markdown.indexOf('## Suggestions'));
    assert.match(
      suggestions,
      /"Responsible for the CI\/CD pipelines on GitHub Actions" starts with "Responsible for"/,
    );
    assert.match(suggestions, /"Maintained internal tools written in PHP and MySQL" shows no result/);
    assert.match(markdown, /^- Responsible for the CI\/CD pipelines on GitHub Actions$/m);
  });

  it('keeps the language of the CV for headings, "present" and the advice', () => {
    const { cvText, job } = loadCase('nursing-de');
    const { markdown } = improveCvOffline({ cvText, job });
    assert.match(markdown, /^## Berufserfahrung$/m);
    assert.match(markdown, /^> Automatisch neu gegliedert, ohne Sprachmodell/m);
    assert.match(markdown, /"Zuständig für die Pflegedokumentation" beginnt mit „Zuständig für“/);
    assert.match(markdown, /\*03\/2019 – heute\*/);
    const reparsed = parseCv(markdown);
    assert.equal(reparsed.work.length, 2);
    assert.equal(reparsed.work[0]!.current, true);
  });

  it('is deterministic', () => {
    const { cvText, job } = loadCase('marketing-fr');
    assert.deepEqual(improveCvOffline({ cvText, job }), improveCvOffline({ cvText, job }));
  });
});
