import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToSafeHtml } from './markdown.ts';

describe('markdownToSafeHtml', () => {
  it('renders the structure of a CV', () => {
    const html = markdownToSafeHtml(
      [
        '# Zoë Müller-Łukasiewicz',
        '',
        '## Experience',
        '',
        '**Ångström Logistics** — *Staff Engineer*',
        '',
        '- Cut p99 latency by 40 %',
        '- Led `pg` upgrade',
        '',
        '1. first',
        '2. second',
        '',
        '> quoted',
        '',
        '---',
        '',
        '| Skill | Years |',
        '| --- | --- |',
        '| Go | 5 |',
      ].join('\n'),
    );
    assert.match(html, /<h1>Zoë Müller-Łukasiewicz<\/h1>/);
    assert.match(html, /<h2>Experience<\/h2>/);
    assert.match(html, /<strong>Ångström Logistics<\/strong> — <em>Staff Engineer<\/em>/);
    assert.match(html, /<ul>\s*<li>Cut p99 latency by 40 %<\/li>\s*<li>Led <code>pg<\/code> upgrade<\/li>/);
    assert.match(html, /<ol>\s*<li>first<\/li>/);
    assert.match(html, /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
    assert.match(html, /<hr \/>|<hr>/);
    assert.match(html, /<table>[\s\S]*<th>Skill<\/th>[\s\S]*<td>Go<\/td>/);
  });

  it('keeps http, https and mailto links, marked nofollow', () => {
    const html = markdownToSafeHtml('[site](https://example.com/a?b=1) [mail](mailto:zoe@example.com)');
    assert.match(
      html,
      /<a href="https:\/\/example.com\/a\?b=1" rel="nofollow noopener noreferrer">site<\/a>/,
    );
    assert.match(html, /<a href="mailto:zoe@example.com" rel="nofollow noopener noreferrer">mail<\/a>/);
  });

  it('drops dangerous and local links but keeps their text', () => {
    const md = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](data:text/html;base64,PHNjcmlwdD4=)',
      '[d](file:///etc/passwd)',
      '[e](/etc/passwd)',
      '[f](//evil.example/x)',
      '[g](vbscript:msgbox)',
      '<a href="jav&#x09;ascript:alert(1)">h</a>',
    ].join(' ');
    const html = markdownToSafeHtml(md);
    for (const text of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
      assert.match(html, new RegExp(`>${text}<|\\b${text}\\b`));
    assert.doesNotMatch(html, /href/);
    assert.equal(html.match(/<a>/g)?.length, 8);
    assert.equal(html.match(/<\/a>/g)?.length, 8);
    assert.doesNotMatch(html, /javascript|data:|file:|vbscript|evil/i);
  });

  it('closes a safe link that follows an unsafe one with the right tag', () => {
    const html = markdownToSafeHtml('[bad](javascript:x) then [good](https://example.com) end');
    assert.equal(
      html,
      '<p><a>bad</a> then <a href="https://example.com" rel="nofollow noopener noreferrer">good</a> end</p>',
    );
  });

  it('removes images, frames, scripts, styles and event handlers', () => {
    const md = [
      '![me](https://tracker.example/pixel.png)',
      '<img src="x" onerror="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '<script>alert("x")</script>',
      '<style>body{background:url(https://evil.example)}</style>',
      '<p style="color:red" onclick="steal()">styled</p>',
      '<object data="x.swf"></object><embed src="x"><svg onload="alert(1)"><circle/></svg>',
      '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<form action="https://evil.example"><input name="q"></form>',
    ].join('\n\n');
    const html = markdownToSafeHtml(md);
    assert.doesNotMatch(html, /<(img|iframe|script|style|object|embed|svg|link|meta|form|input)\b/i);
    assert.doesNotMatch(html, /\s(on\w+|style|src)=/i);
    assert.doesNotMatch(html, /alert|evil|tracker/);
    assert.match(html, /<p>styled<\/p>/);
  });

  it('escapes text that looks like markup', () => {
    assert.equal(markdownToSafeHtml('a < b and c > d & e'), '<p>a &lt; b and c &gt; d &amp; e</p>');
  });
});
