import { describe, expect, it } from 'vitest';
import { formatTime, timeTicks } from '../../src/view/spacetime/axis';
import { CHAR_WIDTH, laneLabels } from '../../src/view/spacetime/laneLabels';
import { DEFAULT_SPAN, ST_VIEW, spaceTimeView } from '../../src/view/spacetime/spaceTimeData';
import { zoomWindow } from '../../src/view/spacetime/SpaceTimeView';

const eight = ['Frankfurt', 'Virginia', 'Tokyo', 'São Paulo', 'Sydney', 'Mumbai', 'Cape Town', 'Singapore'];
/** Lanes placed as spaceTimeData places them. */
const lanesAt = (width: number, names: readonly string[]) =>
  names.map((label, i) => ({
    id: `n${String(i)}`,
    label,
    x: ST_VIEW.axis + ((width - ST_VIEW.axis - ST_VIEW.side) * i) / (names.length - 1),
  }));

describe('space-time lane labels', () => {
  for (const width of [ST_VIEW.width, spaceTimeView(336).width, 240]) {
    it(`never overlap with eight leaders at ${String(width)} px, and stay inside the drawing`, () => {
      const labels = laneLabels(lanesAt(width, eight), width);
      const boxes = labels.map((l) => ({ left: l.x - l.width / 2, right: l.x + l.width / 2, y: l.y }));
      boxes.forEach((a, i) => {
        expect(a.left).toBeGreaterThanOrEqual(0);
        expect(a.right).toBeLessThanOrEqual(width);
        boxes.forEach((b, j) => {
          if (i >= j || a.y !== b.y) return;
          expect(a.right <= b.left || b.right <= a.left, `${eight[i] ?? ''} and ${eight[j] ?? ''}`).toBe(true);
        });
      });
    });
  }

  it('keeps three names whole on one row, and staggers or shortens eight', () => {
    const three = laneLabels(lanesAt(ST_VIEW.width, eight.slice(0, 3)), ST_VIEW.width);
    expect(three.map((l) => l.text)).toEqual(['Frankfurt', 'Virginia', 'Tokyo']);
    expect(new Set(three.map((l) => l.y)).size).toBe(1);
    const all = laneLabels(lanesAt(ST_VIEW.width, eight), ST_VIEW.width);
    expect(new Set(all.map((l) => l.y)).size).toBe(2);
    // Stagger first: at 420 px every name stays whole, the last lane's "Singapore" too (it was
    // cut to "Singap…" to stay centred on a lane 28 px from the edge: it is nudged inward).
    expect(all.map((l) => l.text)).toEqual(eight);
    const last = all[all.length - 1];
    expect(last && last.x + last.width / 2).toBeLessThanOrEqual(ST_VIEW.width);
    expect(last && last.x).toBeLessThan(last?.lane ?? 0);
    for (const l of all) expect(l.text.length * CHAR_WIDTH).toBe(l.width);
  });
});

describe('space-time time axis', () => {
  it('labels ticks in human units', () => {
    expect(formatTime(0)).toBe('0');
    expect(formatTime(650.0339999999997)).toBe('650 ms');
    expect(formatTime(1200)).toBe('1.2 s');
    expect(formatTime(125_000)).toBe('2 min 5 s');
    const ticks = timeTicks(0, 8000, 44, 408);
    expect(ticks.map((t) => t.label)).toEqual(['0', '1 s', '2 s', '3 s', '4 s', '5 s', '6 s', '7 s', '8 s']);
    expect(timeTicks(1000, 1600, 44, 408).map((t) => t.label)).toContain('1.2 s');
    expect(timeTicks(0, 400, 44, 408).map((t) => t.label)).toContain('250 ms');
  });

  it('zooms about the present and pans back in time', () => {
    const h = ST_VIEW.height;
    expect(zoomWindow({ k: 1, y: 0 }, 10_000, h)).toEqual({ span: DEFAULT_SPAN, end: 10_000 });
    const zoomedIn = zoomWindow({ k: 2, y: -(h - ST_VIEW.bottom) }, 10_000, h);
    expect(zoomedIn.span).toBeCloseTo(DEFAULT_SPAN / 2);
    expect(zoomedIn.end).toBeCloseTo(10_000);
    // Dragging the content down (positive y) shows earlier times.
    expect(zoomWindow({ k: 1, y: 91 }, 10_000, h).end).toBeCloseTo(8000);
    expect(zoomWindow({ k: 0.5, y: 0 }, 10_000, h).span).toBeCloseTo(2 * DEFAULT_SPAN);
  });
});
