import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { redrawInterval, ST_VIEW, spaceTimeData, spaceTimeView } from '../../src/view/spacetime/spaceTimeData';

describe('space-time data', () => {
  it('draws one lane per leader, delivered messages to the receiver, held ones waiting at the sender', () => {
    const s = createSimulation({
      seed: 1,
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      latencyMs: 100,
      keys: { x: 'register' },
    });
    s.cutLink('a', 'b');
    s.write('a', 'x', { type: 'set', value: '1' });
    s.advance(200);
    const d = spaceTimeData(s.history(), s.snapshot());
    expect(d.lanes.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    const [toB, toC] = d.arrows;
    expect(toB?.open).toBe(true);
    expect(toB?.x2).toBeCloseTo((toB?.x1 ?? 0) + ((d.lanes[1]?.x ?? 0) - (d.lanes[0]?.x ?? 0)) * 0.04);
    expect(toC).toMatchObject({ open: false, x2: d.lanes[2]?.x });
    expect(d.marks.map((m) => m.kind)).toEqual(['write']);
    const lit = spaceTimeData(s.history(), s.snapshot(), { highlight: { writeId: 'a:1' } });
    expect(lit.arrows.every((a) => a.highlighted)).toBe(true);
  });

  it('is drawn 1:1 and shorter than square when narrower than its full view, so labels keep their size on a phone', () => {
    expect(spaceTimeView(336)).toEqual({ width: 336, height: 235 });
    expect(spaceTimeView(1200)).toEqual({ width: ST_VIEW.width, height: ST_VIEW.height });
    expect(spaceTimeView(100).width).toBe(240);
    const s = createSimulation({ seed: 1, nodes: [{ id: 'a' }, { id: 'b' }], latencyMs: 100, keys: { x: 'register' } });
    const d = spaceTimeData(s.history(), s.snapshot(), { view: spaceTimeView(336) });
    expect(d.view.width).toBe(336);
    expect(d.lanes.map((l) => l.x)).toEqual([ST_VIEW.axis, 336 - ST_VIEW.side]);
  });
});

describe('space-time redraw pacing', () => {
  it('redraws ten times a second when drawing is cheap, and backs off on a slow machine', () => {
    expect(redrawInterval(0)).toBe(100);
    expect(redrawInterval(8)).toBe(100);
    expect(redrawInterval(30)).toBe(300);
    expect(redrawInterval(500)).toBe(1000);
  });
});
