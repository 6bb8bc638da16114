/**
 * The text CRDT as it was before it was made linear (kept in the tests only, as the
 * reference the faster one must agree with): each character integrated one by one with a
 * fresh index of the whole document, and merges that integrate round by round.
 */
import type { NodeId } from '../../../src/core/types';
import type { TextDoc, TextItem } from '../../../src/strategies/crdt/text';
import type { Crdt } from '../../../src/strategies/crdt/types';

const itemId = (i: Pick<TextItem, 'agent' | 'seq'>) => `${i.agent}:${String(i.seq)}`;

function integrate(items: TextItem[], item: TextItem): void {
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
    if (otherLeft < left || (otherLeft === left && otherRight === right && item.agent < other.agent)) break;
    if (otherLeft === left) scanning = otherRight < right;
  }
  items.splice(dest, 0, item);
}

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

export const quadraticFugueText: Crdt<TextDoc> = {
  name: 'FugueMax text sequence (reference)',
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
