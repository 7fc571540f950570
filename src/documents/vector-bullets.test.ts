import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PositionedText } from './layout/pdf-layout.ts';
import { bulletItems, smallShapes } from './vector-bullets.ts';

// A disc of radius 1.5 drawn with four curves, as Chromium draws an HTML list's marker.
const disc = (cx: number, cy: number) =>
  `${cx + 1.5} ${cy} m ${cx + 1.5} ${cy + 0.8} ${cx + 0.8} ${cy + 1.5} ${cx} ${cy + 1.5} c ${cx - 0.8} ${cy + 1.5} ${cx - 1.5} ${cy + 0.8} ${cx - 1.5} ${cy} c ${cx - 1.5} ${cy - 0.8} ${cx - 0.8} ${cy - 1.5} ${cx} ${cy - 1.5} c ${cx + 0.8} ${cy - 1.5} ${cx + 1.5} ${cy - 0.8} ${cx + 1.5} ${cy} c h f`;
const text = (str: string, x: number, y: number, width = 200): PositionedText => ({
  str,
  x,
  y,
  width,
  size: 10,
  font: 'f1',
});

describe('list markers drawn as shapes', () => {
  it('finds small shapes in page coordinates through cm, q and Q, past strings and text', () => {
    const content = [
      'q 1 0 0 -1 0 800 cm',
      `q ${disc(47, 300)} Q`,
      'BT /F1 10 Tf 56 496 Td (Lead \\) 6 supervisors) Tj ET',
      '0 0 500 1 re f',
      `2 0 0 2 0 0 cm ${disc(10, 10)}`,
      'Q',
    ].join('\n');
    const shapes = smallShapes(content);
    assert.equal(shapes.length, 2, JSON.stringify(shapes));
    const [first, second] = shapes;
    assert.ok(Math.abs(first!.x0 - 45.5) < 0.01 && Math.abs(first!.y0 - 498.5) < 0.01, JSON.stringify(first));
    assert.ok(Math.abs(second!.x1 - second!.x0 - 6) < 0.01, 'scaled by the cm before it');
  });

  it('makes a bullet of a marker before a line’s text, not of a timeline dot or a rating row', () => {
    const shapes = smallShapes(
      `${disc(47, 503)} ${disc(47, 473)} ${disc(290, 443)} ${disc(300, 413)} ${disc(310, 413)}`,
    );
    const items = [
      text('Lead 6 supervisors', 56, 500),
      text('Cut dock-to-stock time', 56, 470),
      text('04.2020 –', 240, 440, 46),
      text('Główna Księgowa', 298, 440),
      text('Python', 240, 410, 40),
    ];
    const bullets = bulletItems(shapes, items);
    assert.deepEqual(
      bullets.map((b) => [b.str, b.y]),
      [
        ['• ', 500],
        ['• ', 470],
      ],
    );
    assert.equal(bullets[0]!.x, 55.5, 'at the text’s start, not hanging into a gutter');
  });
});
