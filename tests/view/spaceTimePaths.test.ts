// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../../src/model';
import { diagramMark } from '../../src/view/graph/marks';
import { arrowPaths, hitAt, markPaths, segmentDistance } from '../../src/view/spacetime/paths';
import { renderSpaceTime } from '../../src/view/spacetime/renderSpaceTime';
import { type Arrow, type Mark, spaceTimeData, ST_VIEW } from '../../src/view/spacetime/spaceTimeData';

const arrow = (over: Partial<Arrow>): Arrow => ({
  id: 1,
  writeId: 'a:1',
  x1: 66,
  y1: 50,
  x2: 200,
  y2: 150,
  open: false,
  highlighted: false,
  ...over,
});
const mark = (over: Partial<Mark>): Mark => ({
  key: 'write-0',
  kind: 'write',
  x: 66,
  y: 50,
  writeId: 'a:1',
  title: 'a:1 at 0 ms',
  highlighted: false,
  ...over,
});

describe('space-time paths', () => {
  it('gathers arrows into one path per look, a subpath each, so dashes start at each sender', () => {
    const d = arrowPaths([
      arrow({ id: 1 }),
      arrow({ id: 2, open: true, x2: 100.04, y2: 80.26 }),
      arrow({ id: 3, highlighted: true }),
      arrow({ id: 4, open: true, highlighted: true }),
      arrow({ id: 5, y1: 60 }),
    ]);
    expect(d).toEqual({
      closed: 'M66 50L200 150M66 60L200 150',
      open: 'M66 50L100 80.3',
      closedHighlighted: 'M66 50L200 150',
      openHighlighted: 'M66 50L200 150',
    });
    expect(arrowPaths([])).toEqual({ closed: '', open: '', closedHighlighted: '', openHighlighted: '' });
  });

  it('gathers marks by kind with the very shapes the legend draws, highlighted ones apart', () => {
    const d = markPaths([
      mark({}),
      mark({ key: 'conflict-1', kind: 'conflict', y: 70 }),
      mark({ key: 'write-2', y: 90, highlighted: true }),
      mark({ key: 'reject-3', kind: 'reject', y: 110 }),
    ]);
    expect(d.write).toBe(diagramMark('write', 66, 50));
    expect(d.writeHighlighted).toBe(diagramMark('write', 66, 90));
    expect(d.conflict).toBe(diagramMark('conflict', 66, 70));
    expect(d.reject).toBe(diagramMark('reject', 66, 110));
    expect(d.conflictHighlighted).toBe('');
  });

  it('finds the mark under the pointer before an arrow, the nearest arrow within reach, and nothing above the window', () => {
    const data = {
      arrows: [arrow({ id: 1 }), arrow({ id: 2, x2: 66, y2: 200 })],
      marks: [mark({ y: 100 })],
      shift: 0,
    };
    expect(hitAt(data, 67, 101)).toMatchObject({ kind: 'mark', mark: { key: 'write-0' } });
    // On the sloping arrow, halfway: (133, 100).
    expect(hitAt(data, 133, 102)).toMatchObject({ kind: 'arrow', arrow: { id: 1 } });
    expect(hitAt(data, 68, 150)).toMatchObject({ kind: 'arrow', arrow: { id: 2 } });
    expect(hitAt(data, 133, 120)).toBeNull();
    expect(hitAt(data, 66, ST_VIEW.top - 10)).toBeNull();
    // The window slid up by 40: what is drawn at y 60 sits at 100.
    expect(hitAt({ ...data, shift: 40 }, 66, 60)).toMatchObject({ kind: 'mark' });
  });

  it('measures the distance to a segment, its ends included', () => {
    expect(segmentDistance(5, 3, 0, 0, 10, 0)).toBe(3);
    expect(segmentDistance(13, 4, 0, 0, 10, 0)).toBe(5);
    expect(segmentDistance(1, 1, 0, 0, 0, 0)).toBeCloseTo(Math.SQRT2);
  });
});

describe('renderSpaceTime', () => {
  const setup = () => {
    const s = createSimulation({
      seed: 1,
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      latencyMs: 1000,
      keys: { x: 'register' },
    });
    s.write('a', 'x', { type: 'set', value: '1' });
    s.advance(50);
    s.write('b', 'x', { type: 'set', value: '2' });
    s.advance(2000);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(svg);
    return { s, svg };
  };

  it('draws every arrow and mark in a fixed handful of paths, however many there are', () => {
    const { s, svg } = setup();
    const data = spaceTimeData(s.history(), s.snapshot());
    expect(data.arrows.length).toBe(4);
    renderSpaceTime(svg, data);
    const arrows = svg.querySelectorAll('g.arrows path');
    expect(arrows).toHaveLength(4);
    expect(svg.querySelector('path.arrow:not(.open):not(.highlighted)')?.getAttribute('d')).toBe(
      arrowPaths(data.arrows).closed,
    );
    expect(svg.querySelectorAll('g.marks path')).toHaveLength(6);
    expect(svg.querySelector('path.mark.write:not(.highlighted)')?.getAttribute('d')).toBe(markPaths(data.marks).write);
    for (let i = 0; i < 5; i += 1) {
      s.write('c', 'x', { type: 'set', value: String(i) });
      s.advance(30);
    }
    const more = spaceTimeData(s.history(), s.snapshot());
    renderSpaceTime(svg, more);
    expect(more.arrows.length).toBeGreaterThan(data.arrows.length);
    expect(svg.querySelectorAll('g.arrows path')).toHaveLength(4);
    expect(svg.querySelector('g.arrows path')).toBe(arrows[0]);
  });

  it('highlights what the pointer is over, once per change, names a mark in its tooltip, and clears on leaving', () => {
    const { s, svg } = setup();
    const data = spaceTimeData(s.history(), s.snapshot());
    const onHighlight = vi.fn();
    renderSpaceTime(svg, data, { onHighlight });
    // jsdom lays nothing out: client pixels are the SVG's units.
    svg.getScreenCTM = () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }) as SVGMatrix;
    const first = data.marks[0] as Mark;
    const move = (type: string, x: number, y: number, pointerType = 'mouse') => {
      const e = new MouseEvent(type, { clientX: x, clientY: y });
      Object.defineProperty(e, 'pointerType', { value: pointerType });
      svg.dispatchEvent(e);
    };
    move('pointermove', first.x, first.y - data.shift);
    move('pointermove', first.x + 1, first.y - data.shift);
    expect(onHighlight).toHaveBeenCalledTimes(1);
    expect(onHighlight).toHaveBeenLastCalledWith({ writeId: first.writeId });
    expect(svg.querySelector('g.marks > title')?.textContent).toBe(first.title);
    const a = data.arrows.find((x) => Math.abs(x.y2 - x.y1) > 20) as Arrow;
    move('pointermove', (a.x1 + a.x2) / 2, (a.y1 + a.y2) / 2 - data.shift);
    expect(onHighlight).toHaveBeenLastCalledWith({ msgId: a.id, writeId: a.writeId });
    expect(svg.querySelector('g.marks > title')?.textContent).toBe('');
    move('pointerleave', 0, 0, 'touch');
    expect(onHighlight).toHaveBeenCalledTimes(2);
    move('pointerleave', 0, 0);
    expect(onHighlight).toHaveBeenLastCalledWith(null);
  });
});
