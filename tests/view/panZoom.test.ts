import { describe, expect, it } from 'vitest';
import {
  IDENTITY,
  pinch,
  SCALE_EXTENT,
  scaleBy,
  translateBy,
  wheelFactor,
  type Zoom,
} from '../../src/view/spacetime/panZoom';
import { timeScale } from '../../src/view/spacetime/axis';
import { DEFAULT_SPAN, ST_VIEW } from '../../src/view/spacetime/spaceTimeData';
import { zoomWindow } from '../../src/view/spacetime/SpaceTimeView';

/** Where content y lands on screen under a zoom. */
const screen = (t: Zoom, y: number) => y * t.k + t.y;
/** The content y under a screen y. */
const content = (t: Zoom, y: number) => (y - t.y) / t.k;

describe('space-time pan and zoom', () => {
  it('zooms about the point it is given, which stays where it is', () => {
    const t = scaleBy(translateBy(IDENTITY, -40), 1.5, 200);
    const under = content(translateBy(IDENTITY, -40), 200);
    expect(t.k).toBeCloseTo(1.5);
    expect(screen(t, under)).toBeCloseTo(200);
    // Zooming in then out about the same point comes back.
    const back = scaleBy(t, 1 / 1.5, 200);
    expect(back.k).toBeCloseTo(1);
    expect(back.y).toBeCloseTo(-40);
  });

  it('keeps the scale inside its extent, still about the point', () => {
    const far = scaleBy(IDENTITY, 1e6, 300);
    expect(far.k).toBe(SCALE_EXTENT[1]);
    expect(screen(far, 300)).toBeCloseTo(300);
    expect(scaleBy(IDENTITY, 1e-6, 300).k).toBe(SCALE_EXTENT[0]);
  });

  it('moves by content units, so a step covers the same time at any zoom', () => {
    expect(translateBy(IDENTITY, 50)).toEqual({ k: 1, y: 50 });
    const zoomed = scaleBy(IDENTITY, 2, 0);
    expect(translateBy(zoomed, 50).y - zoomed.y).toBeCloseTo(100);
  });

  it('zooming in at the bottom keeps the present at the bottom of the window', () => {
    const h = ST_VIEW.height;
    const t = scaleBy(IDENTITY, 2, h - ST_VIEW.bottom);
    const shown = zoomWindow(t, 10_000, h);
    expect(shown.span).toBeCloseTo(DEFAULT_SPAN / 2);
    expect(shown.end).toBeCloseTo(10_000);
  });

  it('a pinch scales by how far the fingers spread, and what was under them follows them', () => {
    const start = translateBy(IDENTITY, -30);
    const from = [
      { x: 100, y: 100 },
      { x: 100, y: 200 },
    ] as const;
    const to = [
      { x: 100, y: 50 },
      { x: 100, y: 250 },
    ] as const;
    const t = pinch(start, from, to);
    expect(t.k).toBeCloseTo(2);
    expect(screen(t, content(start, 150))).toBeCloseTo(150);
    // Two fingers moving together pan without zooming.
    const moved = pinch(start, from, [
      { x: 120, y: 130 },
      { x: 120, y: 230 },
    ]);
    expect(moved.k).toBeCloseTo(1);
    expect(moved.y).toBeCloseTo(start.y + 30);
  });

  it('turns a wheel notch into a zoom factor, up zooming in', () => {
    expect(wheelFactor({ deltaY: -100, deltaMode: 0, ctrlKey: false })).toBeCloseTo(2 ** 0.2);
    expect(wheelFactor({ deltaY: 100, deltaMode: 0, ctrlKey: false })).toBeLessThan(1);
    // A line is worth 25 pixels; Ctrl (a trackpad pinch) is ten times faster.
    expect(wheelFactor({ deltaY: -4, deltaMode: 1, ctrlKey: false })).toBeCloseTo(2 ** 0.2);
    expect(wheelFactor({ deltaY: -10, deltaMode: 0, ctrlKey: true })).toBeCloseTo(2 ** 0.2);
  });
});

describe('space-time time scale', () => {
  it('maps the window onto its pixels linearly and picks round ticks', () => {
    const scale = timeScale(1000, 3000, 44, 408);
    expect(scale(1000)).toBe(44);
    expect(scale(3000)).toBe(408);
    expect(scale(2000)).toBeCloseTo(226);
    expect(scale.domain()).toEqual([1000, 3000]);
    expect(scale.range()).toEqual([44, 408]);
    expect(scale.copy()(2500)).toBe(scale(2500));
    expect(scale.ticks(4)).toEqual([1000, 1500, 2000, 2500, 3000]);
    // An empty window still spans a millisecond.
    expect(timeScale(0, 0, 44, 408).domain()).toEqual([0, 1]);
  });
});
