import { formatValue, type SimEvent, type Snapshot } from '../../model';
import { along, type LabelSide, placeAll, type Point, type View, viewFor } from './layout';
import { rankRule } from '../ranks';
import { formatWholeMs, plural } from '../format';

/**
 * Plain data the graph draws, derived from a snapshot at a virtual time. Pure, so it can be
 * tested without a DOM and the drawing code stays a dumb keyed join.
 */
export interface GraphNode extends Point {
  readonly id: string;
  readonly label: string;
  readonly status: 'online' | 'offline' | 'crashed' | 'destroyed';
  /** One line per key: "title = "Hello"". */
  readonly lines: readonly string[];
  readonly pendingConflicts: number;
  /** Conflicts this leader detected and resolved so far (any strategy, LWW included). */
  readonly resolvedConflicts: number;
  /** Where its values are written, away from links and neighbours. */
  readonly side: LabelSide;
  /** The line drawn under its name: its id, and its rank where the rule uses one ("eu · p3 #1"). */
  readonly idLine: string;
  /** Its tie-break rank or priority where the current rule uses one ("priority 3, rank 1 of 3"), else null. */
  readonly rank: string | null;
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
  /** Conflicts each leader detected and resolved so far (see conflictCounts). */
  readonly conflicts?: Readonly<Record<string, number>>;
  /** Leaders' datacenter priorities (the run's config), for a rule that uses them. */
  readonly priorities?: Readonly<Record<string, number>>;
  /** Lay out for a narrow screen. */
  readonly compact?: boolean;
}

export function graphData(snapshot: Snapshot, options: GraphOptions = {}): GraphData {
  const view = viewFor(snapshot.nodes.length, options.compact);
  const at = placeNodes(snapshot, view);
  return {
    view,
    nodes: graphNodes(snapshot, at, options),
    links: graphLinks(snapshot, at, options),
    messages: graphMessages(snapshot, at, options),
  };
}

/** Where each leader sits in `view` and where its values go (the origin for an unknown id). */
export function placeNodes(snapshot: Snapshot, view: View): (id: string) => Point & { side: LabelSide } {
  const pos = placeAll(
    snapshot.nodes.map((n) => n.id),
    snapshot.topology,
    view,
  );
  return (id: string) => pos[id] ?? { x: 0, y: 0, side: 'below' };
}

/** Conflict records per leader up to the snapshot's time (what a badge counts, in every strategy). */
export function conflictCounts(history: readonly SimEvent[], time: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of history) if (e.type === 'conflict' && e.at <= time) out[e.node] = (out[e.node] ?? 0) + 1;
  return out;
}

const labelOf = (snapshot: Snapshot) => (id: string) => snapshot.nodes.find((n) => n.id === id)?.label ?? id;

/** The leaders as the SVG draws them (what changes only when values, status or selection do). */
export function graphNodes(
  snapshot: Snapshot,
  at: (id: string) => Point & { side?: LabelSide },
  options: GraphOptions = {},
): GraphNode[] {
  const cutLinks = new Map<string, string[]>();
  for (const l of snapshot.links) {
    if (l.status !== 'cut') continue;
    for (const end of [l.a, l.b]) cutLinks.set(end, [...(cutLinks.get(end) ?? []), end === l.a ? l.b : l.a]);
  }
  const label = labelOf(snapshot);
  // One leader orders every write in single-leader mode: no conflict, so no rank decides anything.
  const ranks =
    snapshot.mode === 'single-leader'
      ? {}
      : (rankRule(
          snapshot.strategy,
          snapshot.nodes.map((n) => n.id),
          options.priorities,
        )?.ranks ?? {});
  return snapshot.nodes.map((n): GraphNode => {
    const resolvedConflicts = options.conflicts?.[n.id] ?? 0;
    const rank = ranks[n.id]?.words ?? null;
    const short = ranks[n.id]?.short;
    const entries = Object.entries(n.keys);
    const pendingConflicts = entries.reduce((sum, [, k]) => sum + k.conflicts.length, 0);
    const lines = entries.map(([key, k]) => `${key} = ${formatValue(k.value)}`);
    const cut = cutLinks.get(n.id) ?? [];
    // Drawn short under the name ("eu · #2", "eu · p3 #1"; the legend explains both); said in words.
    // Single-leader mode: which leader takes writes now (failover moves it).
    const leads = snapshot.mode === 'single-leader' && snapshot.leader === n.id;
    const idLine = `${n.id}${leads ? ' · leader' : ''}${short ? ` · ${short}` : ''}`;
    const description = [
      `${n.label} (${n.id}${rank ? `, ${rank}` : ''}): ${leads ? 'the leader, taking every write' : 'leader'}, ${n.status}`,
      ...lines,
      pendingConflicts > 0 ? plural(pendingConflicts, 'unresolved conflict') : '',
      resolvedConflicts > 0 ? `${plural(resolvedConflicts, 'conflict')} detected and resolved here` : '',
      cut.length > 0 ? `link to ${cut.map(label).join(' and ')} cut` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      id: n.id,
      label: n.label,
      idLine,
      status: n.status,
      x: at(n.id).x,
      y: at(n.id).y,
      side: at(n.id).side ?? 'below',
      lines,
      pendingConflicts,
      resolvedConflicts,
      rank,
      selected: options.selected?.kind === 'node' && options.selected.id === n.id,
      description,
    };
  });
}

/** The links as the SVG draws them. */
export function graphLinks(snapshot: Snapshot, at: (id: string) => Point, options: GraphOptions = {}): GraphLink[] {
  const label = labelOf(snapshot);
  return snapshot.links.map((l): GraphLink => ({
    id: l.id,
    a: l.a,
    b: l.b,
    from: at(l.directions[0]?.[0] ?? l.a),
    to: at(l.directions[0]?.[1] ?? l.b),
    cut: l.status === 'cut',
    oneWay: l.directions.length === 1,
    selected: options.selected?.kind === 'link' && options.selected.id === l.id,
    description: `Link ${label(l.a)}–${label(l.b)}, ${l.status === 'cut' ? 'cut' : 'up'}, ${formatWholeMs(l.latencyMs)}`,
  }));
}

/** The messages in flight, placed along their links by virtual time (what moves every frame). */
export function graphMessages(
  snapshot: Snapshot,
  at: (id: string) => Point,
  options: GraphOptions = {},
): GraphMessage[] {
  return snapshot.messages.map((m): GraphMessage => {
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
      ...along(a, b, t),
    };
  });
}

/** Whether two drawings of the leaders and links would look and read the same. */
export function sameStructure(
  a: { nodes: readonly GraphNode[]; links: readonly GraphLink[] },
  b: { nodes: readonly GraphNode[]; links: readonly GraphLink[] },
): boolean {
  const sameNode = (x: GraphNode, y: GraphNode) =>
    x.id === y.id &&
    x.label === y.label &&
    x.status === y.status &&
    x.x === y.x &&
    x.y === y.y &&
    x.pendingConflicts === y.pendingConflicts &&
    x.resolvedConflicts === y.resolvedConflicts &&
    x.side === y.side &&
    x.rank === y.rank &&
    x.selected === y.selected &&
    x.description === y.description &&
    x.lines.length === y.lines.length &&
    x.lines.every((line, i) => line === y.lines[i]);
  const sameLink = (x: GraphLink, y: GraphLink) =>
    x.id === y.id &&
    x.from.x === y.from.x &&
    x.from.y === y.from.y &&
    x.to.x === y.to.x &&
    x.to.y === y.to.y &&
    x.cut === y.cut &&
    x.oneWay === y.oneWay &&
    x.selected === y.selected &&
    x.description === y.description;
  return (
    a.nodes.length === b.nodes.length &&
    a.links.length === b.links.length &&
    a.nodes.every((n, i) => sameNode(n, b.nodes[i] as GraphNode)) &&
    a.links.every((l, i) => sameLink(l, b.links[i] as GraphLink))
  );
}
