import { byKeyType } from '../dispatch';
import type { CrdtStrategyConfig, KeyType, NodeId } from '../../core/types';
import { createLww } from '../lww';
import { onReadFold } from '../custom';
import { siblingStrategy } from '../siblings';
import type { ConflictInfo, Strategy, StrategyContext } from '../types';
import { pnCounter } from './counter';
import { lwwElementSet, orSet, twoPhaseSet } from './sets';
import { fugueText } from './text';
import type { Crdt } from './types';

/**
 * CRDTs, one per key type: a counter is a PN-counter, a set is the chosen set CRDT, a
 * register an MV-register (concurrent values kept) or an LWW-register, and a text a
 * FugueMax sequence. Each write replicates the writer's whole CRDT state; a merge never
 * loses an update, so every strategy here converges in any delivery order.
 */
function fromCrdt<S>(crdt: Crdt<S>, ctx: StrategyContext): Strategy<S, S> {
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  return {
    kind: 'crdt',
    title: crdt.name,
    init: () => crdt.init(),
    local({ state, op, write }) {
      const { state: next, noEffect } = crdt.update(state, op, write);
      if (noEffect === undefined) return { state: next, payload: next };
      const conflict: ConflictInfo = {
        versions: [],
        result: crdt.value(next),
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
          { writeId: null, node, value: crdt.value(state), stamp: null, vv: {} },
          { writeId: write.writeId, node: write.origin, value: crdt.value(payload), stamp: write.stamp, vv: write.vv },
        ],
        result: crdt.value(merged),
        discarded: lost?.discarded ?? [],
        explanation: `Concurrent updates from ${label(node)} and ${label(write.origin)} are merged by the ${crdt.name}: ${lost?.explanation ?? 'no update is lost.'}`,
      };
      return { state: merged, conflict };
    },
    read: (state) => ({ value: crdt.value(state), conflicts: [] }),
    inspect: (state) => crdt.meta(state),
    contributors: () => null,
    refuses: (_type, op) =>
      op.type === 'replace'
        ? `the ${crdt.name} merges every update by itself: there are no siblings to resolve, so write operations instead`
        : null,
  };
}

export function createCrdt(config: CrdtStrategyConfig, ctx: StrategyContext): Strategy {
  const set =
    config.set === 'lww-element-set-add'
      ? lwwElementSet('add')
      : config.set === 'lww-element-set-remove'
        ? lwwElementSet('remove')
        : config.set === '2p-set'
          ? twoPhaseSet
          : orSet;
  // Table keys never get here: the registry routes them to the table strategy.
  const byType: Record<Exclude<KeyType, 'table'>, Strategy> = {
    counter: fromCrdt(pnCounter, ctx),
    set: fromCrdt<unknown>(set, ctx),
    text: fromCrdt(fugueText, ctx),
    register:
      config.register === 'lww'
        ? createLww({ kind: 'lww', clock: 'physical', tieBreak: 'larger-value' }, ctx)
        : siblingStrategy({ kind: 'crdt', title: 'MV-register', fold: onReadFold }, ctx),
  };
  const pick = (type: KeyType) => byType[type === 'table' ? 'register' : type];
  return byKeyType(
    'crdt',
    `CRDTs (${set.name}, ${config.register === 'lww' ? 'LWW-register' : 'MV-register'}, PN-counter, ${fugueText.name})`,
    pick,
  );
}
