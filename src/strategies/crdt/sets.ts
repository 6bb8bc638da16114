import type { Crdt } from './types';

/**
 * Set CRDTs (Shapiro et al. 2011; riak_dt): the OR-set (add wins), the LWW-element-set
 * (add- or remove-biased on equal timestamps) and the 2P-set (a removed item never returns).
 */
/** Own keys only: set items are user strings, and "toString" must not find Object's. */
const has = (r: object, key: string) => Object.hasOwn(r, key);
const sortedKeys = <T>(r: Readonly<Record<string, T>>): Record<string, T> =>
  Object.fromEntries(
    Object.keys(r)
      .sort()
      .map((k) => [k, r[k] as T]),
  );
const setValue = (items: Iterable<string>) => [...new Set(items)].sort();

/**
 * The union of two records kept with sorted keys, `pick` deciding a key both hold: one walk
 * down both key lists, no sort. Keys that do not come out sorted (integer-like keys, which
 * objects list first) fall back to sorting.
 */
function unionSorted<T>(
  a: Readonly<Record<string, T>>,
  b: Readonly<Record<string, T>>,
  pick: (x: T, y: T) => T,
): Record<string, T> {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const out: Record<string, T> = {};
  let i = 0;
  let j = 0;
  let last = '';
  while (i < ka.length || j < kb.length) {
    const x = ka[i];
    const y = kb[j];
    let key: string;
    if (y === undefined || (x !== undefined && x < y)) {
      key = x as string;
      out[key] = a[key] as T;
      i++;
    } else if (x === undefined || y < x) {
      key = y;
      out[key] = b[key] as T;
      j++;
    } else {
      key = x;
      out[key] = pick(a[key] as T, b[key] as T);
      i++;
      j++;
    }
    if (key < last) {
      const all: Record<string, T> = { ...a };
      for (const k of kb) all[k] = has(a, k) ? pick(a[k] as T, b[k] as T) : (b[k] as T);
      return sortedKeys(all);
    }
    last = key;
  }
  return out;
}

/** OR-set: each add makes a unique tag (its write id); a remove deletes only the tags it observed. */
export interface OrSet {
  /** tag → item */
  readonly adds: Readonly<Record<string, string>>;
  /** tag → the remove that deleted it (tombstones) */
  readonly removed: Readonly<Record<string, string>>;
}

/** `x` holds every add tag of `y`, and every remove of `y` by the same or an earlier remover. */
function orSetHolds(x: OrSet, y: OrSet): boolean {
  for (const tag in y.adds) if (!has(x.adds, tag)) return false;
  for (const tag in y.removed)
    if (!has(x.removed, tag) || (y.removed[tag] as string) < (x.removed[tag] as string)) return false;
  return true;
}

export const orSet: Crdt<OrSet> = {
  name: 'OR-set (add wins)',
  init: () => ({ adds: {}, removed: {} }),
  update(state, op, write) {
    if (op.type === 'add')
      return { state: { ...state, adds: unionSorted(state.adds, { [write.writeId]: op.item }, (_, y) => y) } };
    if (op.type !== 'remove') return { state };
    const observed = Object.entries(state.adds).filter(([tag, item]) => item === op.item && !has(state.removed, tag));
    if (observed.length === 0) return { state, noEffect: `"${op.item}" is not in the set here` };
    const removed = { ...state.removed };
    for (const [tag] of observed) removed[tag] = write.writeId;
    return { state: { ...state, removed: sortedKeys(removed) } };
  },
  merge(a, b) {
    // Most merges bring nothing new (keep `a`), or come from a sender a step ahead that holds
    // all `a` does (then `b` is the merge): either way, nothing is copied.
    if (a === b || orSetHolds(a, b)) return a;
    if (orSetHolds(b, a)) return b;
    let newAdd = false;
    for (const tag in b.adds) if (!has(a.adds, tag)) newAdd = true;
    let newRemove = false;
    for (const tag in b.removed)
      if (!has(a.removed, tag) || (b.removed[tag] as string) < (a.removed[tag] as string)) newRemove = true;
    return {
      adds: newAdd ? unionSorted(a.adds, b.adds, (x) => x) : a.adds,
      removed: newRemove ? unionSorted(a.removed, b.removed, (x, y) => (y < x ? y : x)) : a.removed,
    };
  },
  value(s) {
    const items = new Set<string>();
    for (const tag in s.adds) if (!has(s.removed, tag)) items.add(s.adds[tag] as string);
    return [...items].sort();
  },
  lost(local, incoming, merged) {
    // A remove is undone when the item survives through an add its side never observed.
    // (An add the remover's side already holds untombstoned came after the remove: a
    // deliberate re-add, not a conflict.)
    const discarded = new Set<string>();
    let live: [string, string][] | null = null;
    for (const [side, other] of [
      [local, incoming],
      [incoming, local],
    ] as const) {
      const otherKnows = new Set(Object.values(other.removed));
      for (const [tag, by] of Object.entries(side.removed)) {
        const item = has(side.adds, tag) ? side.adds[tag] : undefined;
        // Lost only if the other side never saw this remove and still adds the item with a
        // tag the remover's side never saw.
        if (item === undefined || otherKnows.has(by)) continue;
        live ??= Object.entries(merged.adds).filter(([t]) => !has(merged.removed, t));
        const unseen = live.some(([t, it]) => it === item && !has(side.adds, t));
        if (unseen) discarded.add(by);
      }
    }
    if (discarded.size === 0) return null;
    return {
      discarded: [...discarded].sort(),
      explanation: 'A concurrent add wins over the remove: the item stays (add-wins OR-set).',
    };
  },
  meta: (s) => ({ tags: Object.keys(s.adds).length, tombstones: Object.keys(s.removed).length }),
};

/** LWW-element-set: a timestamp per add and per remove of each item; the later wins. */
interface Mark {
  readonly ts: number;
  readonly writeId: string;
}
export interface LwwElementSet {
  readonly adds: Readonly<Record<string, Mark>>;
  readonly removes: Readonly<Record<string, Mark>>;
}

const later = (a: Mark | undefined, b: Mark | undefined): Mark | undefined =>
  a === undefined ? b : b === undefined ? a : a.ts !== b.ts ? (a.ts > b.ts ? a : b) : a.writeId > b.writeId ? a : b;
const mergeMarks = (a: Readonly<Record<string, Mark>>, b: Readonly<Record<string, Mark>>) => {
  const own = (item: string) => (has(a, item) ? a[item] : undefined);
  if (Object.entries(b).every(([item, m]) => later(own(item), m) === own(item))) return a;
  const out: Record<string, Mark> = { ...a };
  for (const [item, m] of Object.entries(b)) out[item] = later(has(out, item) ? out[item] : undefined, m) as Mark;
  return sortedKeys(out);
};

export function lwwElementSet(bias: 'add' | 'remove'): Crdt<LwwElementSet> {
  const present = (s: LwwElementSet, item: string) => {
    const add = has(s.adds, item) ? s.adds[item] : undefined;
    const rm = has(s.removes, item) ? s.removes[item] : undefined;
    if (add === undefined) return false;
    if (rm === undefined) return true;
    return add.ts > rm.ts || (add.ts === rm.ts && bias === 'add');
  };
  const crdt: Crdt<LwwElementSet> = {
    name: `LWW-element-set (${bias}-biased)`,
    init: () => ({ adds: {}, removes: {} }),
    update(state, op, write) {
      const mark = { ts: write.stamp.physical, writeId: write.writeId };
      if (op.type === 'add') return { state: { ...state, adds: mergeMarks(state.adds, { [op.item]: mark }) } };
      if (op.type === 'remove') return { state: { ...state, removes: mergeMarks(state.removes, { [op.item]: mark }) } };
      return { state };
    },
    merge: (a, b) => ({ adds: mergeMarks(a.adds, b.adds), removes: mergeMarks(a.removes, b.removes) }),
    value: (s) => setValue(Object.keys(s.adds).filter((item) => present(s, item))),
    lost(local, incoming, merged) {
      const discarded: string[] = [];
      for (const item of new Set([...Object.keys(merged.adds), ...Object.keys(merged.removes)])) {
        const [l, i, m] = [present(local, item), present(incoming, item), present(merged, item)];
        if (l === i) continue;
        // The side that disagrees with the merged outcome had its latest op there beaten,
        // unless the winning side had already seen that op (then it was undone on purpose).
        const [loser, winner] = l !== m ? [local, incoming] : [incoming, local];
        const marks = m ? loser.removes : loser.adds;
        const op = has(marks, item) ? marks[item] : undefined;
        const winnerMarks = m ? winner.removes : winner.adds;
        const seen = has(winnerMarks, item) && winnerMarks[item]?.writeId === op?.writeId;
        if (op && !seen) discarded.push(op.writeId);
      }
      if (discarded.length === 0) return null;
      return {
        discarded: discarded.sort(),
        explanation: `Each item's latest add or remove wins by timestamp (equal timestamps: ${bias === 'add' ? 'the add' : 'the remove'} wins).`,
      };
    },
    meta: (s) => ({ 'add marks': Object.keys(s.adds).length, 'remove marks': Object.keys(s.removes).length }),
  };
  return crdt;
}

/** 2P-set: an add-set and a remove-set (tombstones), both unioned; a removed item never returns. */
export interface TwoPhaseSet {
  readonly adds: Readonly<Record<string, string>>;
  readonly removes: Readonly<Record<string, string>>;
}
const firstEach = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  if (Object.entries(b).every(([k, w]) => has(a, k) && (a[k] as string) <= w)) return a;
  const out: Record<string, string> = { ...a };
  for (const [k, w] of Object.entries(b)) out[k] = !has(out, k) || w < (out[k] as string) ? w : (out[k] as string);
  return sortedKeys(out);
};

export const twoPhaseSet: Crdt<TwoPhaseSet> = {
  name: '2P-set',
  init: () => ({ adds: {}, removes: {} }),
  update(state, op, write) {
    if (op.type === 'add') {
      if (has(state.removes, op.item))
        return { state, noEffect: `"${op.item}" was removed once, and a 2P-set never re-adds it` };
      return { state: { ...state, adds: firstEach(state.adds, { [op.item]: write.writeId }) } };
    }
    if (op.type === 'remove') {
      if (!has(state.adds, op.item) || has(state.removes, op.item))
        return { state, noEffect: `"${op.item}" is not in the set here` };
      return { state: { ...state, removes: firstEach(state.removes, { [op.item]: write.writeId }) } };
    }
    return { state };
  },
  merge: (a, b) => ({ adds: firstEach(a.adds, b.adds), removes: firstEach(a.removes, b.removes) }),
  value: (s) => setValue(Object.keys(s.adds).filter((item) => !has(s.removes, item))),
  meta: (s) => ({ adds: Object.keys(s.adds).length, tombstones: Object.keys(s.removes).length }),
};
