/**
 * A store of concurrent versions ("siblings") with dotted version vectors, as in Riak's
 * dvvset: each version carries its dot (node, counter) and the context its writer had
 * seen. A version is obsolete once another's context covers its dot, so a write made with
 * an old context supersedes only what that context saw: no false siblings, no lost ones.
 * Merge, custom-on-write and custom-on-read strategies are this store plus a fold that
 * turns the siblings into the value a reader sees.
 */

import { applyOp, formatValue, initialValue } from '../core/keyTypes';
import type { KeyType, NodeId, ReadResult, RecordValue, Stamp, Value, VersionVector } from '../core/types';
import { merge } from '../core/vv';
import type { ConflictInfo, Strategy, StrategyContext, WriteMeta } from './types';

/** One concurrent version: its value, its dot and the context its writer had seen. */
export interface Sibling {
  readonly value: Value;
  readonly deleted: boolean;
  readonly dot: readonly [NodeId, number];
  /** What the writer had seen, its own dot excluded. */
  readonly ctx: VersionVector;
  /**
   * Dots `ctx` reaches that the writer had not seen (CouchDB: the other leaves a write on the
   * winner leaves alone, which a version vector alone would name seen when their counters are lower).
   */
  readonly unseen?: readonly Dot[];
  readonly writeId: string;
  readonly origin: NodeId;
  readonly stamp: Stamp;
  readonly writtenAt: number;
  /** Merge bookkeeping for sets and records: items removed (fields cleared) in this lineage, still absent → the removing write. */
  readonly removals?: Readonly<Record<string, string>>;
  /** Merge bookkeeping for counters: the increments this value reflects. */
  readonly increments?: readonly string[];
  /** Texts, sets and records: the writes whose edits this value carries (a version lost loses them all). */
  readonly lineage?: readonly string[];
}

export interface SiblingState {
  readonly siblings: readonly Sibling[];
  /** Every dot seen, as a version vector. */
  readonly knowledge: VersionVector;
  /** Dots `knowledge` reaches that have not been seen here (see `Sibling.unseen`). */
  readonly unseen?: readonly Dot[];
}

export type Dot = readonly [NodeId, number];
const sameDot = (a: Dot) => (b: Dot) => a[0] === b[0] && a[1] === b[1];
/** Whether a context (a version vector less the dots it names unseen) has seen `dot`. */
const seenIn = (vv: VersionVector, unseen: readonly Dot[] | undefined, dot: Dot): boolean =>
  covers(vv, dot) && !(unseen ?? []).some(sameDot(dot));

/** What a fold makes of the siblings: the value read, and (when several) what was lost. */
export interface Folded {
  readonly value: Value;
  readonly conflicts: readonly Value[];
  readonly discarded: readonly string[];
  readonly explanation: string;
  /** Bookkeeping a new local write inherits. */
  readonly removals?: Readonly<Record<string, string>>;
  readonly increments?: readonly string[];
  /** Texts and sets: the writes whose edits the shown value carries. */
  readonly lineage?: readonly string[];
  /** The writes whose values the shown value (and its visible conflicts) carry. */
  readonly carried?: readonly string[];
}

export type Fold = (siblings: readonly Sibling[], type: KeyType, key: string) => Folded;

/** The writes the shown value carries: the fold's lineage, or that of the one version seen. */
function lineageOf(base: Folded | null, seen: readonly Sibling[]): readonly string[] {
  if (base === null) return [];
  if (base.lineage) return base.lineage;
  const only = seen.length === 1 ? seen[0] : undefined;
  return only ? (only.lineage ?? [only.writeId]) : seen.flatMap((s) => s.lineage ?? [s.writeId]);
}

export function covers(vv: VersionVector, dot: readonly [NodeId, number]): boolean {
  return (vv[dot[0]] ?? 0) >= dot[1];
}

/** Add a version: ignored when already seen or obsolete; otherwise it replaces what its context covers. */
export function addSibling(state: SiblingState, s: Sibling): { state: SiblingState; added: boolean } {
  if (seenIn(state.knowledge, state.unseen, s.dot)) return { state, added: false };
  const siblings = [...state.siblings.filter((x) => !seenIn(s.ctx, s.unseen, x.dot)), s].sort((a, b) =>
    a.writeId < b.writeId ? -1 : a.writeId > b.writeId ? 1 : 0,
  );
  const knowledge = merge(merge(state.knowledge, s.ctx), { [s.dot[0]]: s.dot[1] });
  // Still unseen here: what was, unless this version saw it; and what it had not seen, unless this replica had.
  const unseen = [
    ...(state.unseen ?? []).filter((d) => !seenIn(s.ctx, s.unseen, d) && !sameDot(s.dot)(d)),
    ...(s.unseen ?? []).filter((d) => !seenIn(state.knowledge, state.unseen, d)),
  ];
  return { state: { siblings, knowledge, ...(unseen.length > 0 ? { unseen } : {}) }, added: true };
}

export interface SiblingStrategyOptions {
  readonly kind: string;
  readonly title: string;
  readonly fold: Fold;
  /**
   * CouchDB: a plain write updates one leaf, the winner this returns, and supersedes only it;
   * the other siblings stay until a resolve (a replace) or a write with a context removes them.
   * Absent (Riak with a causal context): a write supersedes every sibling its writer saw.
   */
  readonly writeOnWinner?: (siblings: readonly Sibling[]) => Sibling;
  /** Words for a conflict record: how this strategy handled the concurrent versions. */
  readonly describe?: (f: Folded, siblings: readonly Sibling[], ctx: StrategyContext) => string;
}

/** Build a strategy from the sibling store and a fold. */
export function siblingStrategy(
  options: SiblingStrategyOptions,
  ctx: StrategyContext,
): Strategy<SiblingState, Sibling> & { fold: Fold } {
  // A fold is pure and the sibling lists are never changed in place, so one list's fold is
  // computed once: a delivery folds the same list for its conflict record and for the value
  // read, and later writes fold it again.
  const folds = new WeakMap<readonly Sibling[], { type: KeyType; key: string; folded: Folded }>();
  const fold: Fold = (siblings, type, key) => {
    const hit = folds.get(siblings);
    if (hit?.type === type && hit.key === key) return hit.folded;
    const folded = options.fold(siblings, type, key);
    folds.set(siblings, { type, key, folded });
    return folded;
  };
  const label = (n: NodeId) => ctx.labels[n] ?? n;

  function conflictOf(state: SiblingState, type: KeyType, key: string): ConflictInfo | undefined {
    if (state.siblings.length < 2) return undefined;
    const f = fold(state.siblings, type, key);
    const who = state.siblings.map((s) => `${label(s.origin)}'s ${formatValue(s.value)}`).join(' and ');
    return {
      versions: state.siblings.map((s) => ({
        writeId: s.writeId,
        node: s.origin,
        value: s.value,
        stamp: s.stamp,
        vv: { ...s.ctx, [s.dot[0]]: s.dot[1] },
      })),
      result: f.value,
      discarded: [...f.discarded],
      explanation: `${who} were written concurrently. ${f.explanation}`,
    };
  }

  /**
   * A plain write on top of visible siblings builds on the value shown (the winner) and
   * supersedes the others, which its writer saw (the read listed them): nothing is lost
   * (semantics.md, "What counts as a lost write"). A counter is the exception: an increment
   * on the shown value drops the increments only the other siblings carried, and no write
   * took them away on purpose, so they are named lost. A resolve (a replace) loses nothing.
   */
  function overwrittenSiblings(
    seen: readonly Sibling[],
    base: Folded | null,
    mine: Sibling,
    isResolve: boolean,
    type: KeyType,
  ): ConflictInfo | undefined {
    if (isResolve || base === null || base.conflicts.length === 0 || type !== 'counter') return undefined;
    const kept = new Set(mine.increments ?? []);
    const lost = [...new Set(seen.flatMap((s) => s.increments ?? []))].filter((w) => !kept.has(w));
    if (lost.length === 0) return undefined;
    return {
      versions: seen.map((s) => ({
        writeId: s.writeId,
        node: s.origin,
        value: s.value,
        stamp: s.stamp,
        vv: { ...s.ctx, [s.dot[0]]: s.dot[1] },
      })),
      result: mine.value,
      discarded: lost.sort(),
      explanation: `${label(mine.origin)}'s write built on the value shown, ${formatValue(base.value)}, and replaces the ${String(seen.length - 1)} other sibling(s) without adding their increments: those are lost. Resolve with the summed value to keep them.`,
    };
  }

  function sibling(
    write: WriteMeta,
    value: Value,
    deleted: boolean,
    context: VersionVector | undefined,
    extra: Pick<Sibling, 'removals' | 'increments' | 'lineage' | 'unseen'>,
  ): Sibling {
    const counter = write.vv[write.origin] ?? 1;
    const seen = context ?? { ...write.vv, [write.origin]: counter - 1 };
    return {
      value,
      deleted,
      dot: [write.origin, counter],
      ctx: seen,
      writeId: write.writeId,
      origin: write.origin,
      stamp: write.stamp,
      writtenAt: write.writtenAt,
      ...extra,
    };
  }

  return {
    kind: options.kind,
    title: options.title,
    fold,
    init: () => ({ siblings: [], knowledge: {} }),
    local({ state, type, key, op, write, context: given }) {
      // CouchDB: a plain write names the winner's revision, so its context is the winner's alone.
      const onWinner =
        options.writeOnWinner && !given && op.type !== 'replace' && state.siblings.length > 1
          ? options.writeOnWinner(state.siblings)
          : undefined;
      const context = onWinner ? { ...onWinner.ctx, [onWinner.dot[0]]: onWinner.dot[1] } : given;
      // The winner's context and dot reach the other leaves' dots when their counters are lower: name them unseen.
      const unseen = onWinner
        ? [
            ...(onWinner.unseen ?? []),
            ...state.siblings.filter((s) => s !== onWinner && covers(context ?? {}, s.dot)).map((s) => s.dot),
          ]
        : [];
      // A write with an explicit context builds on what that context saw; otherwise on what is here.
      const seen = context ? state.siblings.filter((s) => seenIn(context, unseen, s.dot)) : state.siblings;
      const base = seen.length === 0 ? null : fold(seen, type, key);
      const current = base?.value ?? initialValue(type);
      const value = applyOp(type, current, op);
      const extra: { removals?: Record<string, string>; increments?: string[]; lineage?: string[] } = {};
      if (type === 'set' || type === 'record') {
        // Items removed (fields cleared) in this lineage and still absent, with the write that did it.
        const removed =
          op.type === 'remove'
            ? { [op.item]: write.writeId }
            : op.type === 'set-field' && op.value === null
              ? { [op.field]: write.writeId }
              : {};
        const present = new Set(type === 'set' ? (value as readonly string[]) : Object.keys(value as RecordValue));
        extra.removals = Object.fromEntries(
          Object.entries({ ...(base?.removals ?? {}), ...removed }).filter(([item]) => !present.has(item)),
        );
      }
      if (type === 'counter') {
        extra.increments = op.type === 'increment' ? [...(base?.increments ?? []), write.writeId] : [write.writeId];
      }
      if (type === 'text' || type === 'set' || type === 'record') {
        // An edit builds on the value shown; a resolve (replace) starts a new lineage.
        extra.lineage = op.type === 'replace' ? [write.writeId] : [...lineageOf(base, seen), write.writeId].slice(-256);
      }
      const mine = sibling(write, value, type === 'register' && value === null, context, {
        ...extra,
        ...(unseen.length > 0 ? { unseen } : {}),
      });
      const { state: next } = addSibling(state, mine);
      const conflict =
        conflictOf(next, type, key) ?? overwrittenSiblings(seen, base, mine, op.type === 'replace', type);
      return { state: next, payload: mine, ...(conflict ? { conflict } : {}) };
    },
    remote({ state, type, key, payload }) {
      const { state: next, added } = addSibling(state, payload);
      if (!added) return { state };
      const conflict = conflictOf(next, type, key);
      return { state: next, ...(conflict ? { conflict } : {}) };
    },
    inspect: (state) => ({
      versions: state.siblings.length,
      'known leaders': Object.keys(state.knowledge).length,
    }),
    contributors(state, type, key) {
      if (state.siblings.length === 0) return [];
      if (type === 'counter') {
        if (state.siblings.length === 1) return state.siblings[0]?.increments ?? [];
        return fold(state.siblings, type, key).increments ?? [];
      }
      if (state.siblings.length === 1) return state.siblings.map((s) => s.writeId);
      return fold(state.siblings, type, key).carried ?? state.siblings.map((s) => s.writeId);
    },
    read(state, type, key): ReadResult {
      if (state.siblings.length === 0) return { value: initialValue(type), conflicts: [], context: state.knowledge };
      const f = fold(state.siblings, type, key);
      return { value: f.value, conflicts: f.conflicts, context: state.knowledge };
    },
  };
}
