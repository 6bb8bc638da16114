import { formatValue, type Snapshot } from '../../model';
import { along, COMPACT_VIEW, layoutNodes, type Point, VIEW, type View } from './layout';

/**
 * Plain data the graph draws, derived from a snapshot at a virtual time. Pure, so it can be
 * tested without a DOM and the drawing code stays a dumb keyed join.
 */
export interface GraphNode extends Point {
  readonly id: string;
  readonly label: string;
  readonly status: 'online' | 'offline' | 'crashed';
  /** One line per key: "title = "Hello"". */
  readonly lines: readonly string[];
  readonly pendingConflicts: number;
  readonly selected: boolean;
  /** What a screen reader hears. */
  readonly description: string;
}

export interface GraphLink {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly from: Point;
  readonly to: Point;
  readonly cut: boolean;
  /** A ring runs one way: draw an arrow. */
  readonly oneWay: boolean;
  readonly selected: boolean;
  readonly description: string;
}

export interface GraphMessage extends Point {
  readonly id: number;
  readonly kind: 'replicate' | 'request' | 'ack';
  readonly held: boolean;
  readonly highlighted: boolean;
}

export interface GraphData {
  /** The coordinate space the graph is laid out in (the SVG's viewBox). */
  readonly view: View;
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
  readonly messages: readonly GraphMessage[];
}

export interface GraphOptions {
  readonly selected?: { kind: 'node' | 'link'; id: string } | null;
  /** Messages jump (sender half, receiver half) instead of gliding. */
  readonly reducedMotion?: boolean;
  readonly highlightMsg?: number | null;
  readonly highlightWrite?: string | null;
  /** Lay out for a narrow screen. */
  readonly compact?: boolean;
}

export function graphData(snapshot: Snapshot, options: GraphOptions = {}): GraphData {
  const view = options.compact ? COMPACT_VIEW : VIEW;
  const pos = layoutNodes(
    snapshot.nodes.map((n) => n.id),
    snapshot.topology,
    view,
  );
  const at = (id: string): Point => pos[id] ?? { x: 0, y: 0 };
  const cutLinks = new Map<string, string[]>();
  for (const l of snapshot.links) {
    if (l.status !== 'cut') continue;
    for (const end of [l.a, l.b]) cutLinks.set(end, [...(cutLinks.get(end) ?? []), end === l.a ? l.b : l.a]);
  }
  const label = (id: string) => snapshot.nodes.find((n) => n.id === id)?.label ?? id;
  const nodes = snapshot.nodes.map((n): GraphNode => {
    const entries = Object.entries(n.keys);
    const pendingConflicts = entries.reduce((sum, [, k]) => sum + k.conflicts.length, 0);
    const lines = entries.map(([key, k]) => `${key} = ${formatValue(k.value)}`);
    const cut = cutLinks.get(n.id) ?? [];
    const description = [
      `${n.label}: leader, ${n.status}`,
      ...lines,
      pendingConflicts > 0 ? `${String(pendingConflicts)} unresolved conflicts` : '',
      cut.length > 0 ? `link to ${cut.map(label).join(' and ')} cut` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      id: n.id,
      label: n.label,
      status: n.status,
      ...at(n.id),
      lines,
      pendingConflicts,
      selected: options.selected?.kind === 'node' && options.selected.id === n.id,
      description,
    };
  });
  const links = snapshot.links.map((l): GraphLink => ({
    id: l.id,
    a: l.a,
    b: l.b,
    from: at(l.directions[0]?.[0] ?? l.a),
    to: at(l.directions[0]?.[1] ?? l.b),
    cut: l.status === 'cut',
    oneWay: l.directions.length === 1,
    selected: options.selected?.kind === 'link' && options.selected.id === l.id,
    description: `Link ${label(l.a)}–${label(l.b)}, ${l.status === 'cut' ? 'cut' : 'up'}, ${String(l.latencyMs)} ms`,
  }));
  const messages = snapshot.messages.map((m): GraphMessage => {
    const held = m.deliverAt === null;
    const a = at(m.from);
    const b = at(m.to);
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    // A message travels between the circles (radius 40), never over a leader's name; a held
    // one waits just outside its sender's circle.
    const edge = Math.min(0.45, 48 / length);
    let t =
      m.deliverAt === null
        ? Math.min(0.45, 52 / length)
        : (snapshot.time - m.sentAt) / Math.max(1, m.deliverAt - m.sentAt);
    if (options.reducedMotion && !held) t = t < 0.5 ? 0.2 : 0.8;
    if (!held) t = edge + (1 - 2 * edge) * Math.min(1, Math.max(0, t));
    return {
      id: m.id,
      kind: m.kind,
      held,
      highlighted:
        options.highlightMsg === m.id ||
        (options.highlightWrite != null && (m.write?.writeId ?? m.request?.writeId) === options.highlightWrite),
      ...along(at(m.from), at(m.to), t),
    };
  });
  return { view, nodes, links, messages };
}
