/**
 * Version vectors as in riak_core's vclock: counters per node, merge = per-node max.
 * @example relation({ a: 1 }, { b: 1 }) === 'concurrent'
 */

import type { NodeId, VersionVector } from './types';

/** The vector of a replica that has seen nothing. */
export const emptyVv: VersionVector = Object.freeze({});

/** Every counter in `b` is ≤ its counter in `a`. */
export function descends(a: VersionVector, b: VersionVector): boolean {
  for (const node in b) {
    if ((b[node] ?? 0) > (a[node] ?? 0)) return false;
  }
  return true;
}

export type Relation = 'equal' | 'before' | 'after' | 'concurrent';

/** How `a` relates to `b`: 'after' means a descends b and differs. */
export function relation(a: VersionVector, b: VersionVector): Relation {
  const ab = descends(a, b);
  const ba = descends(b, a);
  if (ab && ba) return 'equal';
  if (ab) return 'after';
  if (ba) return 'before';
  return 'concurrent';
}

export function merge(a: VersionVector, b: VersionVector): VersionVector {
  let out: Record<NodeId, number> | null = null;
  for (const node in b) {
    const bv = b[node] ?? 0;
    if (bv > (a[node] ?? 0)) {
      out ??= { ...a };
      out[node] = bv;
    }
  }
  return out ?? a;
}

export function increment(vv: VersionVector, node: NodeId): VersionVector {
  return { ...vv, [node]: (vv[node] ?? 0) + 1 };
}

/** A stable, readable form such as "[eu:2, us:1]" (zero entries left out). */
export function formatVv(vv: VersionVector): string {
  const parts = Object.keys(vv)
    .filter((n) => (vv[n] ?? 0) > 0)
    .sort()
    .map((n) => `${n}:${String(vv[n])}`);
  return `[${parts.join(', ')}]`;
}
