import { describe, expect, it } from 'vitest';
import { drawMessages, type Pen } from '../../src/view/graph/drawMessages';
import type { GraphMessage } from '../../src/view/graph/graphData';
import { messageArea, VIEW } from '../../src/view/graph/layout';

/** A pen that records what would be drawn. */
function recorder() {
  const calls: string[] = [];
  const pen = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: (...a: number[]) => calls.push(`transform ${a.join(' ')}`),
    clearRect: () => calls.push('clear'),
    beginPath: () => calls.push('begin'),
    moveTo: () => undefined,
    arc: (x: number, y: number, r: number) => calls.push(`circle ${String(x)} ${String(y)} ${String(r)}`),
    rect: (x: number, y: number, w: number) => calls.push(`square ${String(x)} ${String(y)} ${String(w)}`),
    fill() {
      calls.push(`fill ${this.fillStyle}`);
    },
    stroke() {
      calls.push(`stroke ${this.strokeStyle} ${String(this.lineWidth)}`);
    },
  };
  return { pen: pen as unknown as Pen, calls };
}

const colours = { fill: 'gold', held: 'red', outline: 'black', highlight: 'pink', background: 'white' };
const msg = (over: Partial<GraphMessage>): GraphMessage => ({
  id: 1,
  kind: 'replicate',
  held: false,
  highlighted: false,
  x: 10,
  y: 20,
  ...over,
});

describe('drawMessages', () => {
  it('draws replication as a circle, requests as a square, held messages hollow, in the SVG’s scale', () => {
    const { pen, calls } = recorder();
    drawMessages(
      pen,
      [msg({}), msg({ id: 2, kind: 'request', x: 50, y: 60 }), msg({ id: 3, held: true })],
      1200,
      840,
      colours,
    );
    expect(calls).toEqual([
      'transform 1 0 0 1 0 0',
      'clear',
      'transform 2 0 0 2 0 0',
      'begin',
      'circle 10 20 6',
      'square 45 55 10',
      'fill gold',
      'stroke black 1',
      'begin',
      'circle 10 20 6',
      'fill white',
      'stroke red 2',
    ]);
  });

  it('fills and strokes each look once however many messages there are, highlighted ones last', () => {
    const { pen, calls } = recorder();
    const many = Array.from({ length: 300 }, (_, i) => msg({ id: i, x: i, held: i % 100 === 0 }));
    drawMessages(pen, [msg({ id: 999, highlighted: true }), ...many], 1200, 840, colours);
    expect(calls.filter((c) => c.startsWith('circle'))).toHaveLength(301);
    expect(calls.filter((c) => c.startsWith('fill') || c.startsWith('stroke'))).toEqual([
      'fill gold',
      'stroke black 1',
      'fill white',
      'stroke red 2',
      'fill gold',
      'stroke pink 3',
    ]);
  });

  it('draws on a canvas that covers only where messages travel, at the same places', () => {
    const area = messageArea(
      [
        { x: 100, y: 100 },
        { x: 300, y: 200 },
      ],
      VIEW,
    );
    expect(area).toEqual({ x: 88, y: 88, width: 224, height: 124 });
    const { pen, calls } = recorder();
    drawMessages(pen, [msg({ x: 100, y: 100 })], 448, 248, colours, area, area);
    // Scale 2, and the area's corner at the canvas's: (100, 100) lands at 2 × (12, 12).
    expect(calls.slice(0, 4)).toEqual(['transform 1 0 0 1 0 0', 'clear', 'transform 2 0 0 2 -176 -176', 'begin']);
  });
});
