import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanitizeText } from './sanitize.ts';

describe('sanitizeText', () => {
  test('keeps comparison signs that are not tags', () => {
    assert.equal(sanitizeText('a < b and c > d'), 'a < b and c > d');
    assert.equal(sanitizeText('salary >= 50k, team <10 people'), 'salary >= 50k, team <10 people');
    assert.equal(sanitizeText('C++ & C# <3'), 'C++ & C# <3');
  });

  test('removes tags but keeps their text', () => {
    assert.equal(sanitizeText('<b>Senior</b> <i>Engineer</i>'), 'Senior Engineer');
    assert.equal(sanitizeText('<p>Build<br/>things</p>'), 'Build things');
    assert.equal(sanitizeText('<a href="https://x.test">link</a>'), 'link');
    assert.equal(sanitizeText('x<!-- hidden -->y'), 'x y');
    assert.equal(sanitizeText('<!DOCTYPE html>text'), 'text');
  });

  test('removes script and style elements with their content', () => {
    assert.equal(sanitizeText('Dev<script>alert(1)</script>Ops'), 'Dev Ops');
    assert.equal(sanitizeText('a<SCRIPT type="x">steal()</SCRIPT >b'), 'a b');
    assert.equal(sanitizeText('a<style>body{display:none}</style>b'), 'a b');
    assert.equal(sanitizeText('before<script>never closed'), 'before');
  });

  test('defeats nesting that would reassemble a tag', () => {
    const out = sanitizeText('<scr<script>x</script>ipt>alert(1)</script>');
    assert.doesNotMatch(out, /<script/i);
    assert.equal(sanitizeText('<<b>img src=x onerror=alert(1)>'), '');
  });

  test('removes javascript:, vbscript: and data:text/html URLs with their payload', () => {
    assert.equal(sanitizeText('javascript:alert(1)'), '');
    assert.equal(sanitizeText('JaVaScRiPt:alert(1)'), '');
    assert.equal(sanitizeText('java\tscript:alert(1)'), '');
    assert.equal(sanitizeText('Click javascript:alert( document.cookie ) now'), 'Click now');
    assert.equal(sanitizeText('javajavascript:script:x'), 'java');
    assert.equal(sanitizeText('vbscript:msgbox'), '');
    assert.equal(sanitizeText('see data:text/html;base64,PHNjcmlwdD4= now'), 'see now');
    assert.equal(sanitizeText(' javascript: alert(1)'), '');
    // A skills line is not a URL.
    assert.equal(sanitizeText('Skills: Java, JavaScript: React'), 'Skills: Java, JavaScript: React');
  });

  test('removes on...= event handlers', () => {
    assert.equal(sanitizeText('x onclick="steal()" y'), 'x y');
    assert.equal(sanitizeText("x onerror = 'a()' y"), 'x y');
    assert.equal(sanitizeText('x onload=run y'), 'x y');
    assert.doesNotMatch(sanitizeText('ONMOUSEOVER=alert(1)'), /onmouseover/i);
  });

  test('leaves ordinary words that start with "on" alone', () => {
    assert.equal(sanitizeText('Online marketing, on site, one team'), 'Online marketing, on site, one team');
  });

  test('collapses runs of white space into one space and trims', () => {
    assert.equal(sanitizeText('  Senior \n\n\t Engineer  '), 'Senior Engineer');
    assert.equal(sanitizeText('a\u00a0\u00a0b'), 'a b');
    assert.equal(sanitizeText('   '), '');
  });

  test('keeps non-Latin text and entities as written', () => {
    assert.equal(sanitizeText('Zoë Müller-Łukasiewicz — 東京'), 'Zoë Müller-Łukasiewicz — 東京');
    assert.equal(sanitizeText('R&amp;D'), 'R&amp;D');
  });
});

test('job descriptions keep their lines; spaces within a line and blank-line runs shrink', () => {
  const input =
    'Requirements:\r\n  - TypeScript   and <b>Node.js</b>\n\n\n\nNice to have:\n- Kubernetes<script>alert(1)</script>\n';
  assert.equal(
    sanitizeText(input, { keepLineBreaks: true }),
    'Requirements:\n- TypeScript and Node.js\n\nNice to have:\n- Kubernetes',
  );
  assert.equal(sanitizeText(input), 'Requirements: - TypeScript and Node.js Nice to have: - Kubernetes');
});
