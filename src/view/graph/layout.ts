import type { NodeId, TopologyConfig } from '../../model';

/**
 * Where each leader sits: a circle (in ring order for a ring, so the ring reads round),
 * with a star's hub in the middle. Pure and stable: the same ids give the same places,
 * so nothing jitters between frames.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface View {
  readonly width: number;
  readonly height: number;
}

export const VIEW: View = { width: 600, height: 420 };
/** On a phone the graph is drawn in a smaller space, so its text stays readable (about 12 px). */
export const COMPACT_VIEW: View = { width: 360, height: 400 };

/** Space a leader needs above its centre (circle and badge) and below it (circle and values). */
const ABOVE = 48;
const BELOW = 106;

export function layoutNodes(
  ids: readonly NodeId[],
  topology: TopologyConfig,
  view: View = VIEW,
): Record<NodeId, Point> {
  // Room above a leader for its circle and badge, below it for up to four lines of values:
  // the circle sits a little above the middle, so the lowest leader's values are not cut off.
  const cx = view.width / 2;
  const cy = (view.height + ABOVE - BELOW) / 2;
  const radius = Math.min(view.width / 2 - 70, (view.height - ABOVE - BELOW) / 2);
  const hub = topology.kind === 'star' ? topology.hub : null;
  const order = topology.kind === 'ring' && topology.order ? topology.order : ids;
  const around = order.filter((id) => id !== hub);
  const out: Record<NodeId, Point> = {};
  if (hub !== null) out[hub] = { x: cx, y: cy };
  around.forEach((id, i) => {
    // Start at the top and go clockwise.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, around.length);
    out[id] = { x: Math.round(cx + radius * Math.cos(angle)), y: Math.round(cy + radius * Math.sin(angle)) };
  });
  return out;
}

/** A point `t` of the way from `a` to `b` (0 ≤ t ≤ 1). */
export function along(a: Point, b: Point, t: number): Point {
  const k = Math.min(1, Math.max(0, t));
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
}

/** A rectangle in the graph's coordinate space. */
export interface Box extends Point, View {}

/**
 * Where messages can be: leaders' centres and the links between them, plus room for a
 * message's shape. The canvas covers only this, a third of the graph or so: in software
 * compositing every canvas frame copies its bitmap, so fewer pixels make cheaper frames.
 *
 * @example
 * messageArea([{ x: 100, y: 100 }, { x: 300, y: 200 }], VIEW); // { x: 88, y: 88, width: 224, height: 124 }
 */
export function messageArea(points: readonly Point[], view: View = VIEW, margin = 12): Box {
  if (points.length === 0) return { x: 0, y: 0, width: view.width, height: view.height };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const y = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const right = Math.min(view.width, Math.ceil(Math.max(...xs) + margin));
  const bottom = Math.min(view.height, Math.ceil(Math.max(...ys) + margin));
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) };
}
