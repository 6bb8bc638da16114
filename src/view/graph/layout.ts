import type { NodeId, TopologyConfig } from '../../model';

/**
 * Where each leader sits and where its values go. Leaders sit on an ellipse (in ring order for
 * a ring, so the ring reads round); a star's hub sits in the middle with its spokes around it,
 * leaving the hub's values below it clear of links. Each leader's values are written outward,
 * away from the middle, so they never lie on a link or under a neighbour. Pure and stable:
 * the same ids give the same places, so nothing jitters between frames.
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

/**
 * The space to lay `count` leaders out in: seven or eight need a taller graph (the SVG keeps
 * its width and grows down), and a phone's, whose values go only above and below, more so.
 */
export function viewFor(count: number, compact = false): View {
  if (compact) return { width: COMPACT_VIEW.width, height: count <= 3 ? 400 : count <= 5 ? 520 : 640 };
  return count <= 6 ? VIEW : { width: 760, height: 600 };
}

/** A leader's circle. */
export const NODE_RADIUS = 40;
/** The values' line height, and the room a line of values is given (about 18 characters at 12 px). */
export const LINE_HEIGHT = 14;
export const LABEL_WIDTH = 120;
/** Lines of values drawn per leader (the rest are in the leader's panel). */
export const LABEL_LINES = 2;
const GAP = 6;

/** Where a leader's values go, relative to its centre. */
export type LabelSide = 'above' | 'below' | 'left' | 'right';

export interface Placement extends Point {
  readonly side: LabelSide;
}

/** Which way from a leader its values are written, given the direction it lies from the middle. */
function sideOf(angle: number, narrow: boolean): LabelSide {
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  if (narrow) return s < -0.05 ? 'above' : 'below';
  if (s < -0.75) return 'above';
  if (s > 0.75) return 'below';
  return c >= 0 ? 'right' : 'left';
}

/**
 * Each leader's place and the side its values are written on.
 *
 * @example
 * placeAll(['a', 'b', 'c'], { kind: 'star', hub: 'a' }).a; // { x: 300, y: …, side: 'below' }
 */
export function placeAll(
  ids: readonly NodeId[],
  topology: TopologyConfig,
  view: View = VIEW,
): Record<NodeId, Placement> {
  // Too narrow for values beside a leader (a phone): they go above and below.
  const narrow = view.width < 2 * (NODE_RADIUS + GAP + LABEL_WIDTH) + 4 * NODE_RADIUS;
  const side = narrow ? LABEL_WIDTH / 2 : NODE_RADIUS + GAP + LABEL_WIDTH;
  const vertical = NODE_RADIUS + GAP + LABEL_LINES * LINE_HEIGHT;
  const cx = view.width / 2;
  const cy = view.height / 2;
  const hub = topology.kind === 'star' && ids.includes(topology.hub) ? topology.hub : null;
  const order = topology.kind === 'ring' && topology.order ? topology.order : ids;
  const around = order.filter((id) => id !== hub);
  if (narrow && ids.length >= 4) return narrowPlaces(around, hub, view);
  const k = Math.max(1, around.length);
  // A star leaves a gap below its hub for the hub's values: spokes fan over the rest.
  const angleOf = (i: number) =>
    hub !== null
      ? (140 / 180) * Math.PI + ((260 / 180) * Math.PI * (i + 0.5)) / k
      : -Math.PI / 2 + (2 * Math.PI * i) / k;
  const rx = Math.max(NODE_RADIUS * 2, view.width / 2 - side - 4);
  const ry = Math.max(NODE_RADIUS * 2, view.height / 2 - vertical - 4);
  const out: Record<NodeId, Placement> = {};
  if (hub !== null)
    out[hub] = { x: Math.round(cx), y: Math.round(cy - (LABEL_LINES * LINE_HEIGHT) / 2), side: 'below' };
  around.forEach((id, i) => {
    const angle = angleOf(i);
    out[id] = {
      x: Math.round(cx + rx * Math.cos(angle)),
      y: Math.round(cy + ry * Math.sin(angle)),
      side: around.length === 1 && hub === null ? 'below' : sideOf(angle, narrow),
    };
  });
  return out;
}

/** Rows of a phone's two columns are this far apart (a circle, a message and a line of values). */
const ROW = 120;

/**
 * A phone's layout for four leaders or more: too narrow for an ellipse (values above and below
 * its leaders land on their neighbours), so the leaders stand in two columns at the edges,
 * their values written inward, between the columns. See `narrowRing` and `narrowStar`.
 */
function narrowPlaces(around: readonly NodeId[], hub: NodeId | null, view: View): Record<NodeId, Placement> {
  return hub === null ? narrowRing(around, view) : narrowStar(hub, around, view);
}

const columnX = (view: View, right: boolean) => (right ? view.width - NODE_RADIUS - 30 : NODE_RADIUS + 30);

/**
 * A ring (or all-to-all) on a phone reads round: the first leader on top, its values above;
 * down the right column; one leader at the bottom, its values below; up the left column, half
 * a row lower so the two columns' values, which share the middle, never sit side by side. No
 * ring link runs through the middle, so none crosses a leader's values (the one exception, the
 * link down to the bottom leader, passes where the lowest left leader's values would be: with
 * even columns those go below it).
 */
function narrowRing(order: readonly NodeId[], view: View): Record<NodeId, Placement> {
  const out: Record<NodeId, Placement> = {};
  const [head, ...rest] = order;
  if (head === undefined) return out;
  const columns = rest.length - 1;
  const down = Math.ceil(columns / 2);
  const values = NODE_RADIUS + GAP + LABEL_LINES * LINE_HEIGHT;
  // Centred in the height the view gives.
  const extent = 2 * values + (down + 1) * ROW;
  const top = values + Math.floor(Math.max(0, view.height - extent) / 2);
  out[head] = { x: Math.round(view.width / 2), y: top, side: 'above' };
  rest.forEach((id, i) => {
    if (i < down) out[id] = { x: columnX(view, true), y: top + (i + 1) * ROW, side: 'left' };
    else if (i === down) out[id] = { x: Math.round(view.width / 2), y: top + (down + 1) * ROW, side: 'below' };
    else {
      // With as many on the left as on the right, the lowest left leader sits beside the link
      // down to the bottom one: its values go below it instead.
      const lowest = i === down + 1 && columns % 2 === 0;
      out[id] = {
        x: columnX(view, false),
        y: Math.round(top + (columns - i + 1.5) * ROW),
        side: lowest ? 'below' : 'right',
      };
    }
  });
  return out;
}

/**
 * A star on a phone: the hub in the middle, its values below it, and the other leaders in the
 * two columns, alternately right and left, half above and half below the hub with a gap around
 * its row for its values. Spokes leave the hub at distinct angles, so none runs through a
 * leader (they do cross the values in the middle, whose text has a halo).
 */
function narrowStar(hub: NodeId, leaves: readonly NodeId[], view: View): Record<NodeId, Placement> {
  const step = leaves.length >= 7 ? ROW / 2 : (ROW * 3) / 4;
  const above = Math.ceil(leaves.length / 2);
  const below = leaves.length - above;
  const cy = Math.round(view.height / 2 - ((above - below) * step) / 4);
  const out: Record<NodeId, Placement> = { [hub]: { x: Math.round(view.width / 2), y: cy, side: 'below' } };
  leaves.forEach((id, i) => {
    const up = i < above;
    const j = up ? i : i - above;
    const right = up ? j % 2 === 0 : j % 2 === 1;
    out[id] = {
      x: columnX(view, right),
      y: up ? cy - 60 - j * step : cy + 90 + j * step,
      side: right ? 'left' : 'right',
    };
  });
  return out;
}

/** Where each leader sits (see placeAll). */
export function layoutNodes(
  ids: readonly NodeId[],
  topology: TopologyConfig,
  view: View = VIEW,
): Record<NodeId, Point> {
  const all = placeAll(ids, topology, view);
  return Object.fromEntries(Object.entries(all).map(([id, p]) => [id, { x: p.x, y: p.y }]));
}

/** The box a leader's values take (up to `lines` lines), in the graph's coordinates. */
export function labelBox(p: Placement, lines = LABEL_LINES): Box {
  const height = lines * LINE_HEIGHT;
  const r = NODE_RADIUS + GAP;
  switch (p.side) {
    case 'below':
      return { x: p.x - LABEL_WIDTH / 2, y: p.y + r, width: LABEL_WIDTH, height };
    case 'above':
      return { x: p.x - LABEL_WIDTH / 2, y: p.y - r - height, width: LABEL_WIDTH, height };
    case 'right':
      return { x: p.x + r, y: p.y - height / 2, width: LABEL_WIDTH, height };
    case 'left':
      return { x: p.x - r - LABEL_WIDTH, y: p.y - height / 2, width: LABEL_WIDTH, height };
  }
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
