import type { NodeId } from '../../core/types';
import type { Crdt } from './types';

/**
 * A text sequence CRDT: FugueMax, in the list form Joseph Gentle calls YjsMod (Weidner and
 * Kleppmann, "The Art of the Fugue", arXiv 2305.00583). Each character is an item with a
 * unique id and the ids of its neighbours when it was typed (origin left and right).
 * Concurrent inserts at one place are ordered so that runs typed by one writer stay
 * together, even runs typed backwards, where RGA would interleave them.
 * Deleted characters stay as tombstones: metadata grows with every edit.
 */
export interface TextItem {
  readonly agent: NodeId;
  readonly seq: number;
  readonly char: string;
  readonly left: string | null;
  readonly right: string | null;
  readonly deleted: boolean;
}

export interface TextDoc {
  /** Items in document order, tombstones included. */
  readonly items: readonly TextItem[];
  /** Per agent, the last sequence number integrated. */
  readonly version: Readonly<Record<NodeId, number>>;
}

export const itemId = (i: Pick<TextItem, 'agent' | 'seq'>) => `${i.agent}:${String(i.seq)}`;

/** Place `item` among concurrent inserts between its origins (the FugueMax/YjsMod rule). */
function integrate(items: TextItem[], item: TextItem): void {
  // One pass to index the ids: the scan below looks origins up many times.
  const at = new Map<string, number>();
  items.forEach((it, i) => at.set(itemId(it), i));
  const find = (id: string | null, none: number): number => {
    if (id === null) return none;
    const i = at.get(id);
    if (i === undefined) throw new Error(`text CRDT: unknown item ${id}`);
    return i;
  };
  const left = find(item.left, -1);
  const right = find(item.right, items.length);
  let dest = left + 1;
  let scanning = false;
  for (let i = dest; ; i++) {
    if (!scanning) dest = i;
    if (i === items.length || i === right) break;
    const other = items[i] as TextItem;
    const otherLeft = find(other.left, -1);
    const otherRight = find(other.right, items.length);
    // An item anchored further left ends the run we may join; on the same anchors, the
    // lower agent id goes first; an item whose right anchor is nearer may still be ours.
    if (otherLeft < left || (otherLeft === left && otherRight === right && item.agent < other.agent)) break;
    if (otherLeft === left) scanning = otherRight < right;
  }
  items.splice(dest, 0, item);
}

/** Raw index of the visible position `pos` (the next visible item, or the end). */
function rawIndex(items: readonly TextItem[], pos: number): number {
  let left = pos;
  for (let i = 0; i < items.length; i++) {
    if ((items[i] as TextItem).deleted) continue;
    if (left === 0) return i;
    left -= 1;
  }
  return items.length;
}

const known = (version: Readonly<Record<NodeId, number>>, id: string | null) => {
  if (id === null) return true;
  const cut = id.lastIndexOf(':');
  return (version[id.slice(0, cut)] ?? 0) >= Number(id.slice(cut + 1));
};

const sortedVersion = (v: Readonly<Record<NodeId, number>>) =>
  Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, v[k] as number]),
  );

export const fugueText: Crdt<TextDoc> = {
  name: 'FugueMax text sequence',
  init: () => ({ items: [], version: {} }),
  update(state, op, write) {
    const agent = write.origin;
    if (op.type === 'insert') {
      const items = [...state.items];
      let seq = state.version[agent] ?? 0;
      let at = rawIndex(items, op.index);
      for (const char of Array.from(op.text)) {
        seq += 1;
        const before = items[at - 1];
        const after = items[at];
        const item = {
          agent,
          seq,
          char,
          left: before ? itemId(before) : null,
          right: after ? itemId(after) : null,
          deleted: false,
        };
        integrate(items, item);
        at = items.indexOf(item) + 1;
      }
      return { state: { items, version: sortedVersion({ ...state.version, [agent]: seq }) } };
    }
    if (op.type === 'delete' && 'index' in op) {
      let remaining = op.length;
      const items = state.items.map((item) => item);
      for (let i = rawIndex(items, op.index); remaining > 0 && i < items.length; i++) {
        const item = items[i] as TextItem;
        if (item.deleted) continue;
        items[i] = { ...item, deleted: true };
        remaining -= 1;
      }
      return { state: { ...state, items } };
    }
    return { state };
  },
  merge(a, b) {
    // Nothing new (a common case): keep `a` without copying.
    const aDeleted = new Set(a.items.filter((i) => i.deleted).map(itemId));
    if (
      b.items.every((i) => known(a.version, itemId(i))) &&
      b.items.every((i) => !i.deleted || aDeleted.has(itemId(i)))
    ) {
      return a;
    }
    const items = [...a.items];
    const version: Record<NodeId, number> = { ...a.version };
    let missing = b.items.filter((i) => !known(version, itemId(i)));
    // Integrate in causal order: an item once its origins and its writer's earlier items are in.
    while (missing.length > 0) {
      const ready = missing.filter(
        (i) => (version[i.agent] ?? 0) === i.seq - 1 && known(version, i.left) && known(version, i.right),
      );
      if (ready.length === 0) throw new Error('text CRDT: merge found items whose origins are missing');
      for (const item of ready.sort((x, y) => x.seq - y.seq)) {
        if ((version[item.agent] ?? 0) !== item.seq - 1) continue;
        integrate(items, { ...item, deleted: false });
        version[item.agent] = item.seq;
      }
      missing = missing.filter((i) => !known(version, itemId(i)));
    }
    const deleted = new Set(b.items.filter((i) => i.deleted).map(itemId));
    for (const id of aDeleted) deleted.add(id);
    return {
      items: items.map((i) => (deleted.has(itemId(i)) && !i.deleted ? { ...i, deleted: true } : i)),
      version: sortedVersion(version),
    };
  },
  value: (s) =>
    s.items
      .filter((i) => !i.deleted)
      .map((i) => i.char)
      .join(''),
  meta: (s) => ({ characters: s.items.length, tombstones: s.items.filter((i) => i.deleted).length }),
};
