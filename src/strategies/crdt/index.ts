import { byKeyType } from '../dispatch';
import type { KeyType, NodeId, Value } from '../../core/types';
import { type ChoiceInfo, defineStrategy } from '../define';
import { createLww } from '../lww';
import { memoRevisions, onReadFold } from '../custom';
import { cellStrategy } from '../cells';
import { type Folded, type Sibling, siblingStrategy } from '../siblings';
import type { ConflictInfo, Strategy, StrategyContext } from '../types';
import { pnCounter } from './counter';
import { lwwElementSet, orSet, twoPhaseSet } from './sets';
import { fugueText } from './text';
import type { Crdt } from './types';

/**
 * CRDTs, one per key type: a counter is a PN-counter, a set is the chosen set CRDT, a
 * register an MV-register (concurrent values kept) or an LWW-register, a record a map of
 * those registers (one per field), and a text a FugueMax sequence. Each write replicates the writer's whole CRDT state; a merge never
 * loses an update, so every strategy here converges in any delivery order.
 */
function fromCrdt<S>(crdt: Crdt<S>, ctx: StrategyContext): Strategy<S, S> {
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  // States are immutable and often shared (a merge that brings nothing new returns one of
  // its inputs), so each state's value is worked out once: every replica reads it per apply.
  const values = new WeakMap<object, Value>();
  const value = (state: S): Value => {
    if (typeof state !== 'object' || state === null) return crdt.value(state);
    let v = values.get(state);
    if (v === undefined) {
      v = crdt.value(state);
      values.set(state, v);
    }
    return v;
  };
  return {
    kind: 'crdt',
    title: crdt.name,
    init: () => crdt.init(),
    local({ state, op, write }) {
      const { state: next, noEffect } = crdt.update(state, op, write);
      if (noEffect === undefined) return { state: next, payload: next };
      const conflict: ConflictInfo = {
        versions: [],
        result: value(next),
        discarded: [write.writeId],
        explanation: `${label(write.origin)}'s write has no effect: ${noEffect}.`,
      };
      return { state: next, payload: next, conflict };
    },
    remote({ state, payload, write, relation, node }) {
      const merged = crdt.merge(state, payload);
      if (relation !== 'concurrent') return { state: merged };
      const lost = crdt.lost?.(state, payload, merged) ?? null;
      const conflict: ConflictInfo = {
        versions: [
          { writeId: null, node, value: value(state), stamp: null, vv: {} },
          { writeId: write.writeId, node: write.origin, value: value(payload), stamp: write.stamp, vv: write.vv },
        ],
        result: value(merged),
        discarded: lost?.discarded ?? [],
        explanation: `Concurrent updates from ${label(node)} and ${label(write.origin)} are merged by the ${crdt.name}: ${lost?.explanation ?? 'no update is lost.'}`,
      };
      return { state: merged, conflict };
    },
    read: (state) => ({ value: value(state), conflicts: [] }),
    inspect: (state) => crdt.meta(state),
    contributors: () => null,
    refuses: (_type, op) =>
      op.type === 'replace'
        ? `the ${crdt.name} merges every update by itself: there are no siblings to resolve, so write operations instead`
        : null,
  };
}

/**
 * An MV-register's read: every concurrent value, one shown first (CouchDB's order, so every
 * replica shows the same one) and the others beside it, until a write that saw them replaces them.
 * A concurrent delete (a cleared record field) is one of those values, ∅: unlike CouchDB, which
 * lists deleted leaves only in `_deleted_conflicts`, an MV-register's value is every entry no
 * other dominates (semantics.md), so a read shows it and a write made after that read replaces it.
 */
const mvFold = (siblings: readonly Sibling[], revision?: (s: Sibling) => string): Folded => {
  const folded = onReadFold(siblings, revision);
  // The winner is live whenever any sibling is (CouchDB's order): one ∅ beside it stands for the deletes.
  const cleared = folded.value !== null && siblings.some((s) => s.deleted) ? [null] : [];
  return {
    ...folded,
    conflicts: [...folded.conflicts, ...cleared],
    explanation: `The MV-register keeps all ${String(siblings.length)} concurrent values (Shapiro et al. 2011): a read returns every one, and the next write that has seen them replaces them. No value is lost.`,
  };
};

/** The set CRDTs, in the order the picker lists them. A new set CRDT is one more entry. */
const sets = {
  'or-set': {
    label: 'add wins (OR-set)',
    description: 'A remove takes away only the adds it has seen, so a concurrent add survives.',
    crdt: orSet,
  },
  'lww-element-set-add': {
    label: 'latest wins, ties add (LWW set)',
    description: 'Each item keeps its latest add and remove timestamps; the later wins, and a tie keeps the item.',
    crdt: lwwElementSet('add'),
  },
  'lww-element-set-remove': {
    label: 'latest wins, ties remove (LWW set)',
    description: 'Each item keeps its latest add and remove timestamps; the later wins, and a tie removes the item.',
    crdt: lwwElementSet('remove'),
  },
  '2p-set': {
    label: 'removed for good (2P-set)',
    description: 'An item once removed can never be added again: the remove is a tombstone forever.',
    crdt: twoPhaseSet,
  },
} satisfies Record<string, ChoiceInfo & { readonly crdt: Crdt<unknown> }>;

const registers = {
  mv: {
    label: 'keep every concurrent value (MV)',
    description: 'A multi-value register keeps every concurrent value until a write that saw them all replaces them.',
  },
  lww: {
    label: 'last write wins (LWW)',
    description: 'An LWW-register keeps the value with the latest timestamp (ties: a delete, then the larger value).',
  },
} satisfies Record<string, ChoiceInfo>;

/** CRDTs per key type: counter → PN-counter, set → the chosen set, register → the chosen register, text → FugueMax. */
export interface CrdtStrategyConfig {
  kind: 'crdt';
  set?: keyof typeof sets;
  register?: keyof typeof registers;
}

export function createCrdt(config: CrdtStrategyConfig, ctx: StrategyContext): Strategy {
  const set: Crdt<unknown> = sets[config.set ?? 'or-set'].crdt;
  const revision = memoRevisions();
  // Table keys never get here: the registry routes them to the table strategy.
  const register =
    config.register === 'lww'
      ? createLww({ kind: 'lww', clock: 'physical', tieBreak: 'larger-value' }, ctx)
      : (siblingStrategy(
          { kind: 'crdt', title: 'MV-register', fold: (siblings) => mvFold(siblings, revision) },
          ctx,
        ) as Strategy);
  const registerName = config.register === 'lww' ? 'LWW-register' : 'MV-register';
  const byType: Record<Exclude<KeyType, 'table'>, Strategy> = {
    counter: fromCrdt(pnCounter, ctx),
    set: fromCrdt<unknown>(set, ctx),
    text: fromCrdt(fugueText, ctx),
    register,
    record: cellStrategy(register, {
      kind: 'crdt',
      title: `map of ${registerName}s`,
      rule: `A record is a CRDT map with one ${registerName} per field (Shapiro et al. 2011), so writes to other fields are kept.`,
    }),
  };
  const pick = (type: KeyType) => byType[type === 'table' ? 'register' : type];
  return byKeyType('crdt', `CRDTs (${set.name}, ${registerName}, PN-counter, ${fugueText.name})`, pick);
}

/** CRDTs in the catalog: the set CRDT and the register CRDT are the options. */
export const crdtStrategy = defineStrategy<CrdtStrategyConfig>({
  kind: 'crdt',
  title: 'CRDTs',
  description:
    'Each key type is a data type whose merge never loses an update: PN-counter, a set CRDT, a register, a map of registers, a text sequence.',
  options: {
    set: {
      label: 'Sets',
      description: 'Which set CRDT a set key is.',
      choices: sets,
      default: 'or-set',
      keyTypes: ['set'],
    },
    register: {
      label: 'Registers',
      description: 'Which register CRDT a register key is (and each field of a record key).',
      choices: registers,
      default: 'mv',
      keyTypes: ['register', 'record'],
    },
  },
  create: createCrdt,
});
