/**
 * The space-time diagram's pan and zoom, written out rather than taken from d3-zoom: d3-zoom
 * brings d3-transition, d3-interpolate, d3-color, d3-drag, d3-dispatch, d3-timer and d3-ease
 * (about 10 kB gzip) for one vertical axis, and the embeddable element has a 160 kB budget.
 * Time runs down, so only y is transformed: screen y = content y × k + y, as with d3-zoom.
 */

/** A vertical zoom: scale `k`, then shift by `y` (SVG user units). */
export interface Zoom {
  readonly k: number;
  readonly y: number;
}

export const IDENTITY: Zoom = { k: 1, y: 0 };
/** The most the reader can zoom out and in. */
export const SCALE_EXTENT: readonly [number, number] = [0.01, 40];

const clampK = (k: number) => Math.min(SCALE_EXTENT[1], Math.max(SCALE_EXTENT[0], k));

/** Zoom by `factor` about screen y `at` (that point stays where it is); the scale is clamped. */
export function scaleBy(t: Zoom, factor: number, at: number): Zoom {
  const k = clampK(t.k * factor);
  return { k, y: at - ((at - t.y) / t.k) * k };
}

/** Move the content by `dy` content units (screen pixels × k), as d3-zoom's translateBy does. */
export function translateBy(t: Zoom, dy: number): Zoom {
  return { k: t.k, y: t.y + dy * t.k };
}

/** The zoom a pinch reaches: the two fingers went from `from` to `to`; the content under them follows. */
export function pinch(start: Zoom, from: readonly [Point, Point], to: readonly [Point, Point]): Zoom {
  const before = Math.hypot(from[1].x - from[0].x, from[1].y - from[0].y);
  const after = Math.hypot(to[1].x - to[0].x, to[1].y - to[0].y);
  const zoomed = before > 0 ? scaleBy(start, after / before, (from[0].y + from[1].y) / 2) : start;
  return { k: zoomed.k, y: zoomed.y + (to[0].y + to[1].y - from[0].y - from[1].y) / 2 };
}

/** How much a wheel turn zooms (d3-zoom's rule: 2^delta, a line counts 25× a pixel, Ctrl 10× faster). */
export function wheelFactor(event: Pick<WheelEvent, 'deltaY' | 'deltaMode' | 'ctrlKey'>): number {
  const unit = event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002;
  return 2 ** (-event.deltaY * unit * (event.ctrlKey ? 10 : 1));
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The controls the view keeps for its buttons and keys. */
export interface PanZoom {
  set(t: Zoom): void;
  scaleBy(factor: number, at: number): void;
  translateBy(dy: number): void;
  detach(): void;
}

/**
 * Let the reader pan and zoom `svg`: the wheel (when `wheelWanted` says so), a mouse drag, a
 * two-finger pinch (one finger still scrolls the page). Every change goes to `onZoom`.
 */
export function panZoom(
  svg: SVGSVGElement,
  onZoom: (t: Zoom) => void,
  wheelWanted: (e: WheelEvent) => boolean,
): PanZoom {
  let current = IDENTITY;
  const set = (t: Zoom) => {
    current = { k: clampK(t.k), y: t.y };
    onZoom(current);
  };
  // Client pixels to the SVG's own units (its viewBox scales it to the page's width).
  const at = (clientX: number, clientY: number): Point => {
    const m = svg.getScreenCTM();
    if (!m) return { x: clientX, y: clientY };
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };
  const view = svg.ownerDocument.defaultView ?? globalThis;
  const prevent = (e: Event) => {
    e.preventDefault();
  };

  const onWheel = (e: WheelEvent) => {
    if (!wheelWanted(e)) return;
    e.preventDefault();
    set(scaleBy(current, wheelFactor(e), at(e.clientX, e.clientY).y));
  };

  const onMouseDown = (down: MouseEvent) => {
    if (down.button) return;
    const start = current;
    const from = at(down.clientX, down.clientY).y;
    let moved = false;
    const move = (e: MouseEvent) => {
      e.preventDefault();
      moved ||= e.clientX !== down.clientX || e.clientY !== down.clientY;
      set({ k: start.k, y: start.y + at(e.clientX, e.clientY).y - from });
    };
    const up = (e: MouseEvent) => {
      e.preventDefault();
      view.removeEventListener('mousemove', move, true);
      view.removeEventListener('mouseup', up, true);
      view.removeEventListener('selectstart', prevent, true);
      if (!moved) return;
      // A drag is not a click on what it started over (a lane's name selects that leader).
      const swallow = (c: Event) => {
        c.preventDefault();
        c.stopImmediatePropagation();
      };
      view.addEventListener('click', swallow, true);
      setTimeout(() => {
        view.removeEventListener('click', swallow, true);
      }, 0);
    };
    view.addEventListener('mousemove', move, true);
    view.addEventListener('mouseup', up, true);
    view.addEventListener('selectstart', prevent, true);
  };

  let pinching: { start: Zoom; from: [Point, Point] } | null = null;
  const fingers = (e: TouchEvent): [Point, Point] | null => {
    const [a, b] = [e.touches[0], e.touches[1]];
    return a && b ? [at(a.clientX, a.clientY), at(b.clientX, b.clientY)] : null;
  };
  const onTouchStart = (e: TouchEvent) => {
    const both = fingers(e);
    pinching = both ? { start: current, from: both } : null;
  };
  const onTouchMove = (e: TouchEvent) => {
    const both = fingers(e);
    if (!pinching || !both) return;
    e.preventDefault();
    set(pinch(pinching.start, pinching.from, both));
  };
  const onTouchEnd = (e: TouchEvent) => {
    if (e.touches.length < 2) pinching = null;
  };

  svg.addEventListener('wheel', onWheel, { passive: false });
  svg.addEventListener('mousedown', onMouseDown);
  svg.addEventListener('touchstart', onTouchStart, { passive: true });
  svg.addEventListener('touchmove', onTouchMove, { passive: false });
  svg.addEventListener('touchend', onTouchEnd);
  svg.addEventListener('touchcancel', onTouchEnd);
  return {
    set,
    scaleBy: (factor, y) => {
      set(scaleBy(current, factor, y));
    },
    translateBy: (dy) => {
      set(translateBy(current, dy));
    },
    detach: () => {
      svg.removeEventListener('wheel', onWheel);
      svg.removeEventListener('mousedown', onMouseDown);
      svg.removeEventListener('touchstart', onTouchStart);
      svg.removeEventListener('touchmove', onTouchMove);
      svg.removeEventListener('touchend', onTouchEnd);
      svg.removeEventListener('touchcancel', onTouchEnd);
    },
  };
}
