/**
 * Which links exist, which directions carry traffic, and where each leader sends the
 * writes it originates or receives. Plain data plus one pure routing function.
 */

import type { NodeId, TopologyConfig } from './types';

/** A topology worked out for a set of leaders: its links and the routing of writes. */
export interface TopologyPlan {
  readonly links: readonly PlannedLink[];
  /** Where a leader sends its own writes. */
  readonly own: Readonly<Record<NodeId, readonly NodeId[]>>;
  /** Where a leader forwards a write it received from `from` that originated at `origin`. */
  relay(node: NodeId, from: NodeId, origin: NodeId): readonly NodeId[];
}

export interface PlannedLink {
  readonly id: string;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly directions: readonly (readonly [NodeId, NodeId])[];
}

/** No one to relay to: one shared list, not a new empty array per delivery. */
const NOBODY: readonly NodeId[] = Object.freeze([]);

export function linkId(a: NodeId, b: NodeId): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

function undirected(pairs: readonly (readonly [NodeId, NodeId])[], oneWay: boolean): PlannedLink[] {
  const byId = new Map<string, { a: NodeId; b: NodeId; dirs: [NodeId, NodeId][] }>();
  for (const [x, y] of pairs) {
    const id = linkId(x, y);
    const entry = byId.get(id) ?? { a: x < y ? x : y, b: x < y ? y : x, dirs: [] };
    const dirs: [NodeId, NodeId][] = oneWay
      ? [[x, y]]
      : [
          [x, y],
          [y, x],
        ];
    for (const d of dirs) if (!entry.dirs.some(([f, t]) => f === d[0] && t === d[1])) entry.dirs.push(d);
    byId.set(id, entry);
  }
  return [...byId.entries()].map(([id, e]) => ({ id, a: e.a, b: e.b, directions: e.dirs }));
}

/** Build the plan. `ids` are the node ids in config order; the config is already validated. */
export function planTopology(ids: readonly NodeId[], topology: TopologyConfig): TopologyPlan {
  switch (topology.kind) {
    case 'all-to-all': {
      const pairs: [NodeId, NodeId][] = [];
      ids.forEach((a, i) => {
        ids.slice(i + 1).forEach((b) => pairs.push([a, b]));
      });
      return {
        links: undirected(pairs, false),
        own: Object.fromEntries(ids.map((n) => [n, ids.filter((m) => m !== n)])),
        relay: () => NOBODY,
      };
    }
    case 'ring': {
      const order = topology.order ?? ids;
      const next = (n: NodeId): NodeId => order[(order.indexOf(n) + 1) % order.length] as NodeId;
      // A ring of one leader has no links (it would only talk to itself).
      const alone = order.length < 2;
      const pairs = alone ? [] : order.map((n) => [n, next(n)] as [NodeId, NodeId]);
      // Like MySQL circular replication: every leader re-logs and forwards what it applies;
      // the origin recognises its own server id when the write comes round, and drops it.
      return {
        links: undirected(pairs, true),
        own: Object.fromEntries(order.map((n) => [n, alone ? [] : [next(n)]])),
        relay: (node) => (alone ? NOBODY : [next(node)]),
      };
    }
    case 'star': {
      const hub = topology.hub;
      const leaves = ids.filter((n) => n !== hub);
      return {
        links: undirected(
          leaves.map((l) => [hub, l]),
          false,
        ),
        own: Object.fromEntries(ids.map((n) => [n, n === hub ? leaves : [hub]])),
        relay: (node, from, origin) => (node === hub ? leaves.filter((l) => l !== from && l !== origin) : NOBODY),
      };
    }
    case 'custom': {
      const links = undirected(topology.links, false);
      const neighbours: Record<NodeId, NodeId[]> = Object.fromEntries(ids.map((n) => [n, []]));
      for (const l of links) {
        neighbours[l.a]?.push(l.b);
        neighbours[l.b]?.push(l.a);
      }
      for (const n of ids) neighbours[n]?.sort();
      // Flooding: forward to every neighbour but the one it came from; a leader never
      // applies or forwards a write twice, so floods die out.
      return {
        links,
        own: neighbours,
        relay: (node, from, origin) => (neighbours[node] ?? []).filter((m) => m !== from && m !== origin),
      };
    }
  }
}
