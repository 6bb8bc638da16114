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

/** Where the item `id` ("agent:seq") sits in `items`, found by a scan that builds no strings. */
function scanFor(items: readonly TextItem[], id: string): number {
  const cut = id.lastIndexOf(':');
  const agent = id.slice(0, cut);
  const seq = Number(id.slice(cut + 1));
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as TextItem;
    if (it.seq === seq && it.agent === agent) return i;
  }
  return -1;
}

/** Past this many origin look-ups in one integration, index every id once instead of scanning. */
const SCANS_BEFORE_INDEX = 8;

/** Place `item` among concurrent inserts between its origins (the FugueMax/YjsMod rule). */
function integrate(items: TextItem[], item: TextItem): void {
  // Origins are found by a scan; an integration that looks many up (a long run of
  // concurrent inserts at one place) indexes the ids once instead.
  let index: Map<string, number> | null = null;
  let scans = 0;
  const find = (id: string | null, none: number): number => {
    if (id === null) return none;
    if (index === null && ++scans > SCANS_BEFORE_INDEX) {
      index = new Map();
      for (let i = 0; i < items.length; i++) index.set(itemId(items[i] as TextItem), i);
    }
    const i = index === null ? scanFor(items, id) : (index.get(id) ?? -1);
    if (i === -1) throw new Error(`text CRDT: unknown item ${id}`);
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

/** Whether `version` holds the item `id` (an "agent:seq" origin; null is the document's edge). */
const knows = (version: Readonly<Record<NodeId, number>>, id: string | null) => {
  if (id === null) return true;
  const cut = id.lastIndexOf(':');
  return (version[id.slice(0, cut)] ?? 0) >= Number(id.slice(cut + 1));
};

/** Whether `version` holds the item itself. */
const holds = (version: Readonly<Record<NodeId, number>>, item: TextItem) => (version[item.agent] ?? 0) >= item.seq;

/** Every item `b` holds is in `a` (per agent, items are numbered without gaps). */
const covers = (a: Readonly<Record<NodeId, number>>, b: Readonly<Record<NodeId, number>>) => {
  for (const agent in b) if ((a[agent] ?? 0) < (b[agent] as number)) return false;
  return true;
};

/** How many items `b` holds that `a` does not. */
const lacking = (a: Readonly<Record<NodeId, number>>, b: Readonly<Record<NodeId, number>>) => {
  let n = 0;
  for (const agent in b) n += Math.max(0, (b[agent] as number) - (a[agent] ?? 0));
  return n;
};

const sortedVersion = (v: Readonly<Record<NodeId, number>>) =>
  Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, v[k] as number]),
  );

/** The version after `a` integrates what `b` holds beyond it. */
function joinVersion(a: Readonly<Record<NodeId, number>>, b: Readonly<Record<NodeId, number>>) {
  const v: Record<NodeId, number> = { ...a };
  for (const agent in b) if ((b[agent] as number) > (v[agent] ?? 0)) v[agent] = b[agent] as number;
  return sortedVersion(v);
}

/**
 * `base` with the tombstones of `other`, whose items are all in `base`. Both are orders of
 * one convergent list, so `other`'s items appear in `base` in the same order: one walk
 * finds them. Returns `base.items` itself when nothing changes, and null if an item is not
 * where the walk expects it (the caller then merges the general way).
 */
function withTombstones(base: readonly TextItem[], other: readonly TextItem[]): readonly TextItem[] | null {
  let items: TextItem[] | null = null;
  let j = 0;
  for (const o of other) {
    while (j < base.length && ((base[j] as TextItem).seq !== o.seq || (base[j] as TextItem).agent !== o.agent)) j++;
    if (j === base.length) return null;
    const mine = base[j] as TextItem;
    if (o.deleted && !mine.deleted) {
      items ??= [...base];
      items[j] = { ...mine, deleted: true };
    }
    j++;
  }
  return items ?? base;
}

/**
 * Integrate into `base` the items of `from` it lacks, each once its origins and its writer's
 * earlier items are in (any such order gives the same list: that is the CRDT's promise).
 */
function integrateMissing(
  base: readonly TextItem[],
  version: Readonly<Record<NodeId, number>>,
  from: readonly TextItem[],
) {
  const items = [...base];
  const have: Record<NodeId, number> = { ...version };
  const missing = from.filter((i) => !holds(have, i));
  const waiting = new Map<string, TextItem[]>();
  const wait = (id: string, item: TextItem) => {
    const list = waiting.get(id);
    if (list) list.push(item);
    else waiting.set(id, [item]);
  };
  /** The first origin (or earlier item of its writer) `item` still lacks, or null. */
  const blocker = (item: TextItem): string | null => {
    if ((have[item.agent] ?? 0) !== item.seq - 1) return `${item.agent}:${String(item.seq - 1)}`;
    if (!knows(have, item.left)) return item.left;
    if (!knows(have, item.right)) return item.right;
    return null;
  };
  const ready: TextItem[] = [];
  for (const item of missing) {
    const b = blocker(item);
    if (b === null) ready.push(item);
    else wait(b, item);
  }
  let done = 0;
  for (let next = 0; next < ready.length; next++) {
    const item = ready[next] as TextItem;
    if (holds(have, item)) continue;
    integrate(items, item.deleted ? { ...item, deleted: false } : item);
    have[item.agent] = item.seq;
    done += 1;
    const id = itemId(item);
    const woken = waiting.get(id);
    if (!woken) continue;
    waiting.delete(id);
    for (const w of woken) {
      const b = blocker(w);
      if (b === null) ready.push(w);
      else wait(b, w);
    }
  }
  if (done !== missing.length) throw new Error('text CRDT: merge found items whose origins are missing');
  return items;
}

/** `items` with every tombstone of `a` and `b`, matched by id (when a walk cannot match them). */
function tombstonesById(
  items: readonly TextItem[],
  a: readonly TextItem[],
  b: readonly TextItem[],
): readonly TextItem[] {
  const deleted = new Set<string>();
  for (const i of a) if (i.deleted) deleted.add(itemId(i));
  for (const i of b) if (i.deleted) deleted.add(itemId(i));
  return items.map((i) => (!i.deleted && deleted.has(itemId(i)) ? { ...i, deleted: true } : i));
}

/**
 * The string a state shows, kept per state (states are immutable): replicas read it after
 * every write they apply, and a local insert derives it from the text before.
 */
const texts = new WeakMap<TextDoc, string>();
const surrogate = /[\uD800-\uDFFF]/;

export const fugueText: Crdt<TextDoc> = {
  name: 'FugueMax text sequence',
  init: () => ({ items: [], version: {} }),
  update(state, op, write) {
    const agent = write.origin;
    if (op.type === 'insert') {
      // A local insert lands between two neighbours with nothing between them, where the
      // FugueMax rule puts it without a scan: the whole run goes in with one splice.
      let seq = state.version[agent] ?? 0;
      const at = rawIndex(state.items, op.index);
      const before = state.items[at - 1];
      const after = state.items[at];
      const right = after ? itemId(after) : null;
      let left = before ? itemId(before) : null;
      const run: TextItem[] = [];
      for (const char of Array.from(op.text)) {
        seq += 1;
        const item: TextItem = { agent, seq, char, left, right, deleted: false };
        run.push(item);
        left = itemId(item);
      }
      const items = state.items.slice(0, at);
      for (const item of run) items.push(item);
      for (let i = at; i < state.items.length; i++) items.push(state.items[i] as TextItem);
      const next: TextDoc = { items, version: sortedVersion({ ...state.version, [agent]: seq }) };
      // The text it shows follows from the old one, when indices count the same in both
      // (no surrogate pairs: items are code points, string indices UTF-16 units).
      const old = texts.get(state);
      if (old !== undefined && !surrogate.test(old) && !surrogate.test(op.text)) {
        const p = Math.min(op.index, old.length);
        texts.set(next, old.slice(0, p) + op.text + old.slice(p));
      }
      return { state: next };
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
    if (a === b) return a;
    // The common cases, in one walk: one side holds every item of the other (a replica that
    // saw everything the sender had, or the sender's state that is a step ahead).
    if (covers(a.version, b.version)) {
      const items = withTombstones(a.items, b.items);
      if (items === a.items) return a;
      if (items !== null) return { items, version: joinVersion(a.version, b.version) };
    } else if (covers(b.version, a.version)) {
      const items = withTombstones(b.items, a.items);
      // Nothing of `a` is news to `b`: the merge is `b` (its text is likely known already).
      if (items === b.items && Object.keys(a.version).every((agent) => agent in b.version)) return b;
      if (items !== null) return { items, version: joinVersion(a.version, b.version) };
    }
    // Concurrent inserts: integrate into one side what it lacks of the other (the side
    // that lacks less), then keep every tombstone of both.
    const aLacks = lacking(a.version, b.version);
    const bLacks = lacking(b.version, a.version);
    const intoB = bLacks < aLacks;
    const merged = intoB
      ? integrateMissing(b.items, b.version, a.items)
      : integrateMissing(a.items, a.version, b.items);
    // The side merged into keeps its tombstones; the other side's are laid on by a walk.
    const items = withTombstones(merged, intoB ? a.items : b.items) ?? tombstonesById(merged, a.items, b.items);
    return { items, version: joinVersion(a.version, b.version) };
  },
  value(s) {
    let text = texts.get(s);
    if (text === undefined) {
      const chars: string[] = [];
      for (const i of s.items) if (!i.deleted) chars.push(i.char);
      text = chars.join('');
      texts.set(s, text);
    }
    return text;
  },
  meta: (s) => ({ characters: s.items.length, tombstones: s.items.filter((i) => i.deleted).length }),
};
