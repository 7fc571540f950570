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

  test('reads tags as a browser does: a quoted ">" does not end one, attributes go with their tag', () => {
    assert.equal(sanitizeText('<a title="x>y" href="javascript:alert(1)">link</a>'), 'link');
    assert.equal(sanitizeText('<img src=x onerror="alert(1)">Ada'), 'Ada');
    assert.equal(sanitizeText('<b onmouseover=alert(1)>x</b>'), 'x');
    assert.equal(sanitizeText('<div\nclass="a">Multi\nline</div>'), 'Multi line');
    assert.equal(sanitizeText('\'"><svg/onload=alert(1)>'), `'">`);
  });

  test('drops what a browser drops: unclosed comments and tags at the end, script inside svg', () => {
    assert.equal(sanitizeText('a<!-- b'), 'a');
    assert.equal(sanitizeText('<style>a{}</style'), '');
    assert.equal(sanitizeText('<svg><script>alert(1)</script></svg>Ada'), 'Ada');
    assert.equal(sanitizeText('<noscript><img src=x onerror=alert(1)></noscript>ok'), 'ok');
    assert.equal(sanitizeText('<<script>script>alert(1)<</script>/script>'), '');
    assert.equal(sanitizeText('<![CDATA[x]]>y'), 'y');
    assert.equal(sanitizeText('<?xml version="1.0"?>text'), 'text');
  });

  test('keeps the text of elements that are not code', () => {
    assert.equal(sanitizeText('<textarea>Senior</textarea> dev'), 'Senior dev');
    assert.equal(sanitizeText('<ul><li>Go</li><li>Rust</li></ul>'), 'Go Rust');
    assert.equal(sanitizeText('<3 <b>bold</b>'), '<3 bold');
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
    assert.equal(sanitizeText('x &amp; y & z &#60;b&#62;'), 'x &amp; y & z &#60;b&#62;');
    assert.equal(
      sanitizeText('&lt;script&gt;alert(1)&lt;/script&gt;'),
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    assert.equal(sanitizeText('<a href="x">A</a>&nbsp;B'), 'A &nbsp;B');
    // A private-use character is text too, even beside an ampersand.
    assert.equal(sanitizeText('a\ue000b & c\ue000&'), 'a\ue000b & c\ue000&');
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
