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
 * The keys of a tag record. A record of hundreds of tags is a dictionary to V8, and `for in`
 * over one allocates its key list on every walk; states never change, so each is listed once
 * (a merge walks the same records on every delivery).
 */
const keyLists = new WeakMap<object, readonly string[]>();
function keysOf(r: object): readonly string[] {
  let keys = keyLists.get(r);
  if (keys === undefined) {
    keys = Object.keys(r);
    keyLists.set(r, keys);
  }
  return keys;
}

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
  const ka = keysOf(a);
  const kb = keysOf(b);
  const out: Record<string, T> = {};
  const keys: string[] = [];
  let digits = false;
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
    keys.push(key);
    const c = key.charCodeAt(0);
    if ((c >= 48 && c <= 57) || key === '__proto__') digits = true;
    last = key;
  }
  // The walk listed the union's keys in order: the next merge reads them without Object.keys
  // (unless a key may be an integer, which objects list first, or is not an own key).
  if (!digits) keyLists.set(out, keys);
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
  // Fewer tags cannot hold them all: decided without a walk.
  if (keysOf(x.adds).length < keysOf(y.adds).length || keysOf(x.removed).length < keysOf(y.removed).length)
    return false;
  for (const tag of keysOf(y.adds)) if (!has(x.adds, tag)) return false;
  for (const tag of keysOf(y.removed))
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
    for (const tag of keysOf(b.adds))
      if (!has(a.adds, tag)) {
        newAdd = true;
        break;
      }
    let newRemove = false;
    for (const tag of keysOf(b.removed))
      if (!has(a.removed, tag) || (b.removed[tag] as string) < (a.removed[tag] as string)) {
        newRemove = true;
        break;
      }
    return {
      adds: newAdd ? unionSorted(a.adds, b.adds, (x) => x) : a.adds,
      removed: newRemove ? unionSorted(a.removed, b.removed, (x, y) => (y < x ? y : x)) : a.removed,
    };
  },
  value(s) {
    const items = new Set<string>();
    const tombstones = keysOf(s.removed).length > 0;
    for (const tag of keysOf(s.adds)) if (!tombstones || !has(s.removed, tag)) items.add(s.adds[tag] as string);
    return [...items].sort();
  },
  lost(local, incoming, merged) {
    // A remove deletes the tags it observed, and they stay deleted: its effect is in the
    // merged state, so it is never lost. When a concurrent add keeps the item through a tag
    // the remove never saw, say so (nothing is lost: semantics.md, "What counts as a lost write").
    const kept = new Set<string>();
    let live: [string, string][] | null = null;
    for (const [side, other] of [
      [local, incoming],
      [incoming, local],
    ] as const) {
      const otherKnows = new Set(Object.values(other.removed));
      for (const [tag, by] of Object.entries(side.removed)) {
        const item = has(side.adds, tag) ? side.adds[tag] : undefined;
        if (item === undefined || otherKnows.has(by)) continue;
        live ??= Object.entries(merged.adds).filter(([t]) => !has(merged.removed, t));
        if (live.some(([t, it]) => it === item && !has(side.adds, t))) kept.add(item);
      }
    }
    if (kept.size === 0) return null;
    const items = [...kept].sort().map((i) => `"${i}"`);
    return {
      discarded: [],
      explanation: `${items.join(', ')} stays: the remove deleted only the tags it had seen, and a concurrent add made a new tag (add-wins OR-set). Both writes took effect; nothing is lost.`,
    };
  },
  meta: (s) => ({ tags: Object.keys(s.adds).length, tombstones: Object.keys(s.removed).length }),
};

/** LWW-element-set: a timestamp per add and per remove of each item; the later wins. */
interface Mark {
  readonly ts: number;
  readonly writeId: string;
  /** Every write stamped `ts` for this item (re-adds on two leaders in one millisecond), when more than one. */
  readonly also?: readonly string[];
}
const idsOf = (m: Mark): readonly string[] => m.also ?? [m.writeId];
export interface LwwElementSet {
  readonly adds: Readonly<Record<string, Mark>>;
  readonly removes: Readonly<Record<string, Mark>>;
}

const later = (a: Mark | undefined, b: Mark | undefined): Mark | undefined => {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  const ids = [...new Set([...idsOf(a), ...idsOf(b)])].sort();
  const top = a.writeId > b.writeId ? a : b;
  if (ids.length === idsOf(top).length) return top;
  return { ts: a.ts, writeId: top.writeId, also: ids };
};
const mergeMarks = (a: Readonly<Record<string, Mark>>, b: Readonly<Record<string, Mark>>) => {
  const own = (item: string) => (has(a, item) ? a[item] : undefined);
  if (
    Object.entries(b).every(([item, m]) => {
      const mine = own(item);
      return mine !== undefined && later(mine, m) === mine;
    })
  )
    return a;
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
      if (op.type !== 'add' && op.type !== 'remove') return { state };
      const next =
        op.type === 'add'
          ? { ...state, adds: mergeMarks(state.adds, { [op.item]: mark }) }
          : { ...state, removes: mergeMarks(state.removes, { [op.item]: mark }) };
      // Timestamps decide even between one leader's own writes: a remove stamped no later
      // than the add it follows (same millisecond, add-biased; or a clock set back) changes
      // nothing, and an add older than the add already here leaves no mark of its own.
      const marks = op.type === 'add' ? next.adds : next.removes;
      const stored = has(marks, op.item) ? marks[op.item] : undefined;
      const kept = stored !== undefined && idsOf(stored).includes(write.writeId);
      if (!kept || present(next, op.item) !== (op.type === 'add')) {
        return {
          state: next,
          noEffect: `its timestamp (${String(mark.ts)} ms) does not beat the ${op.type === 'add' && kept ? 'remove' : op.type} of "${op.item}" already here (${bias === 'add' ? 'an equal timestamp keeps the item' : 'an equal timestamp removes the item'}), so the LWW-element-set ignores it`,
        };
      }
      return { state: next };
    },
    merge: (a, b) => ({ adds: mergeMarks(a.adds, b.adds), removes: mergeMarks(a.removes, b.removes) }),
    value: (s) => setValue(Object.keys(s.adds).filter((item) => present(s, item))),
    lost(local, incoming, merged) {
      const discarded: string[] = [];
      for (const item of new Set([...Object.keys(merged.adds), ...Object.keys(merged.removes)])) {
        const [l, i, m] = [present(local, item), present(incoming, item), present(merged, item)];
        if (l === i) continue;
        // The side that disagrees with the merged outcome had its latest op there beaten. It
        // is lost unless the winning side had seen it (undone on purpose), and a remove is
        // not lost to an add it never saw (it removed what it saw, as in an OR-set).
        const [loser, winner] = l !== m ? [local, incoming] : [incoming, local];
        const marks = m ? loser.removes : loser.adds;
        const op = has(marks, item) ? marks[item] : undefined;
        if (!op) continue;
        const winnerMarks = m ? winner.removes : winner.adds;
        const seenByWinner = new Set(has(winnerMarks, item) ? idsOf(winnerMarks[item] as Mark) : []);
        if (m) {
          const winningAdd = has(winner.adds, item) ? winner.adds[item] : undefined;
          const loserAdds = new Set(has(loser.adds, item) ? idsOf(loser.adds[item] as Mark) : []);
          if (winningAdd && !idsOf(winningAdd).every((id) => loserAdds.has(id))) continue;
        }
        for (const id of idsOf(op)) if (!seenByWinner.has(id)) discarded.push(id);
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

/**
 * 2P-set: an add-set and a remove-set (tombstones), both unioned; a removed item never
 * returns. Each item keeps the ids of the adds of it (not only the first), so a re-add the
 * remover never saw can be named when the tombstone swallows it.
 */
export interface TwoPhaseSet {
  /** item → the adds of it, sorted */
  readonly adds: Readonly<Record<string, readonly string[]>>;
  /** item → the first remove of it */
  readonly removes: Readonly<Record<string, string>>;
}
const firstEach = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  if (Object.entries(b).every(([k, w]) => has(a, k) && (a[k] as string) <= w)) return a;
  const out: Record<string, string> = { ...a };
  for (const [k, w] of Object.entries(b)) out[k] = !has(out, k) || w < (out[k] as string) ? w : (out[k] as string);
  return sortedKeys(out);
};
const unionEach = (
  a: Readonly<Record<string, readonly string[]>>,
  b: Readonly<Record<string, readonly string[]>>,
): Readonly<Record<string, readonly string[]>> => {
  const own = (k: string) => (has(a, k) ? (a[k] as readonly string[]) : []);
  if (Object.entries(b).every(([k, ws]) => ws.every((w) => own(k).includes(w)))) return a;
  const out: Record<string, readonly string[]> = { ...a };
  for (const [k, ws] of Object.entries(b)) out[k] = [...new Set([...own(k), ...ws])].sort();
  return sortedKeys(out);
};

export const twoPhaseSet: Crdt<TwoPhaseSet> = {
  name: '2P-set',
  init: () => ({ adds: {}, removes: {} }),
  update(state, op, write) {
    if (op.type === 'add') {
      if (has(state.removes, op.item))
        return { state, noEffect: `"${op.item}" was removed once, and a 2P-set never re-adds it` };
      return { state: { ...state, adds: unionEach(state.adds, { [op.item]: [write.writeId] }) } };
    }
    if (op.type === 'remove') {
      if (!has(state.adds, op.item) || has(state.removes, op.item))
        return { state, noEffect: `"${op.item}" is not in the set here` };
      return { state: { ...state, removes: firstEach(state.removes, { [op.item]: write.writeId }) } };
    }
    return { state };
  },
  merge: (a, b) => ({ adds: unionEach(a.adds, b.adds), removes: firstEach(a.removes, b.removes) }),
  value: (s) => setValue(Object.keys(s.adds).filter((item) => !has(s.removes, item))),
  lost(local, incoming) {
    // Adds the remover's side never saw, swallowed by its tombstone: lost (a 2P-set never re-adds).
    const discarded = new Set<string>();
    const items = new Set<string>();
    for (const [side, other] of [
      [local, incoming],
      [incoming, local],
    ] as const) {
      for (const item of Object.keys(other.removes)) {
        if (has(side.removes, item) || !has(side.adds, item)) continue;
        const seen = new Set(has(other.adds, item) ? other.adds[item] : []);
        for (const add of side.adds[item] ?? []) {
          if (seen.has(add)) continue;
          discarded.add(add);
          items.add(item);
        }
      }
    }
    if (discarded.size === 0) return null;
    return {
      discarded: [...discarded].sort(),
      explanation: `${[...items].map((i) => `"${i}"`).join(', ')} was removed on a leader that never saw this add: the tombstone wins for good (a 2P-set never re-adds), so the add is lost.`,
    };
  },
  meta: (s) => ({ adds: Object.keys(s.adds).length, tombstones: Object.keys(s.removes).length }),
};
