import { compareHlc, formatHlc } from '../model/clocks';
import { applyOp, formatValue } from '../model/keyTypes';
import { merge as mergeVv } from '../model/vv';
import type { LwwStrategyConfig, LwwTieBreak, NodeId, Stamp, Value, VersionVector } from '../model/types';
import type { ConflictInfo, Strategy, StrategyContext, WriteMeta } from './types';

/**
 * Last write wins, as Cassandra does it: every replica keeps the version with the highest
 * timestamp and ignores causality (so a fast clock can make a write that had *seen* another
 * lose to it). The merge is a max over a total order, hence commutative and convergent.
 * Every key type is treated as one whole value: a concurrent cart update or counter
 * increment is simply lost, which is the lesson.
 */
export interface LwwVersion {
  readonly value: Value;
  readonly deleted: boolean;
  readonly stamp: Stamp | null;
  readonly writeId: string | null;
  readonly origin: NodeId | null;
  readonly seq: number;
  readonly writtenAt: number | null;
  readonly vv: VersionVector;
}

export interface LwwPayload {
  readonly value: Value;
  readonly deleted: boolean;
}

const tieRuleText: Record<LwwTieBreak, string> = {
  'higher-node-id': 'the higher node id wins',
  'lower-node-id': 'the lower node id wins (pgEdge Spock)',
  'larger-value': 'a delete beats a live value, then the larger value wins (Cassandra)',
  'live-value': 'a live value beats a delete, then the smaller value wins (Riak)',
  'apply-remote': 'each side applies the remote row (pglogical), so the two sides swap values and stay different',
};

/** Compare values as bytes would (code point order), like Cassandra's cell comparison. */
function compareValues(a: Value, b: Value): number {
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  const ca = Array.from(sa);
  const cb = Array.from(sb);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

export function createLww(config: LwwStrategyConfig, ctx: StrategyContext): Strategy<LwwVersion, LwwPayload> {
  const clock = config.clock ?? 'physical';
  const tieBreak = config.tieBreak ?? 'higher-node-id';
  const label = (n: NodeId | null): string => (n === null ? 'nobody' : (ctx.labels[n] ?? n));
  const stampText = (s: Stamp): string => (clock === 'hlc' ? formatHlc(s.hlc) : `${String(s.physical)} ms`);

  function compareStamps(a: Stamp, b: Stamp): number {
    return clock === 'hlc' ? compareHlc(a.hlc, b.hlc) : a.physical - b.physical;
  }

  /** > 0 when `a` wins. A total order over writes, so every replica picks the same winner. */
  function compare(a: LwwVersion, b: LwwVersion): number {
    if (a.stamp === null || b.stamp === null) return a.stamp === null ? (b.stamp === null ? 0 : -1) : 1;
    const byStamp = compareStamps(a.stamp, b.stamp);
    if (byStamp !== 0) return byStamp;
    if (tieBreak === 'larger-value') {
      if (a.deleted !== b.deleted) return a.deleted ? 1 : -1;
      const byValue = compareValues(a.value, b.value);
      if (byValue !== 0) return byValue;
    }
    if (tieBreak === 'live-value') {
      if (a.deleted !== b.deleted) return a.deleted ? -1 : 1;
      const byValue = compareValues(a.value, b.value);
      if (byValue !== 0) return -byValue;
    }
    if (a.origin !== b.origin) {
      const higher = (a.origin ?? '') > (b.origin ?? '') ? 1 : -1;
      return tieBreak === 'lower-node-id' ? -higher : higher;
    }
    return a.seq - b.seq;
  }

  function describeWin(winner: LwwVersion, loser: LwwVersion): string {
    if (winner.stamp === null || loser.stamp === null) return '';
    const w = `${label(winner.origin)}'s ${formatValue(winner.value)}`;
    const l = `${label(loser.origin)}'s ${formatValue(loser.value)}`;
    if (compareStamps(winner.stamp, loser.stamp) === 0) {
      return `${w} and ${l} carry the same timestamp (${stampText(winner.stamp)}); on a tie ${tieRuleText[tieBreak]}, so ${w} is kept and ${l} is discarded.`;
    }
    let sentence = `${w} (timestamp ${stampText(winner.stamp)}) beats ${l} (${stampText(loser.stamp)}), so ${l} is discarded.`;
    if (winner.writtenAt !== null && loser.writtenAt !== null && winner.writtenAt < loser.writtenAt) {
      sentence += ` Yet ${label(loser.origin)} wrote later in real time (t=${String(loser.writtenAt)} ms vs t=${String(winner.writtenAt)} ms): ${clock === 'hlc' ? 'the hybrid clock ordered these concurrent writes by a skewed physical clock' : 'clock skew made the older write win'}.`;
    }
    return sentence;
  }

  function conflictOf(winner: LwwVersion, loser: LwwVersion, causal: boolean): ConflictInfo {
    let explanation = describeWin(winner, loser);
    if (causal) {
      explanation = `${label(loser.origin)}'s write had already seen ${label(winner.origin)}'s, yet it lost: LWW compares only timestamps, not causality. ${explanation}`;
    }
    const version = (v: LwwVersion) => ({
      writeId: v.writeId,
      node: v.origin,
      value: v.value,
      stamp: v.stamp,
      vv: v.vv,
    });
    return {
      versions: [version(winner), version(loser)],
      result: winner.value,
      discarded: loser.writeId === null ? [] : [loser.writeId],
      explanation,
    };
  }

  function versionOf(write: WriteMeta, payload: LwwPayload): LwwVersion {
    return {
      value: payload.value,
      deleted: payload.deleted,
      stamp: write.stamp,
      writeId: write.writeId,
      origin: write.origin,
      seq: write.seq,
      writtenAt: write.writtenAt,
      vv: write.vv,
    };
  }

  return {
    kind: 'lww',
    title: `last write wins (${clock === 'hlc' ? 'hybrid logical clock' : 'physical clock'}; tie: ${tieBreak})`,
    init(type) {
      return {
        value: type === 'register' ? null : type === 'set' ? [] : type === 'counter' ? 0 : '',
        deleted: false,
        stamp: null,
        writeId: null,
        origin: null,
        seq: 0,
        writtenAt: null,
        vv: {},
      };
    },
    local({ state, type, op, write }) {
      const value = applyOp(type, state.value, op);
      const payload: LwwPayload = { value, deleted: type === 'register' && op.type === 'delete' };
      const mine = versionOf(write, payload);
      if (compare(mine, state) > 0) return { state: mine, payload };
      // The stored value carries a later timestamp (a fast clock elsewhere): the write is
      // acknowledged yet invisible, as in Cassandra. It still replicates; everyone agrees.
      return { state: { ...state, vv: write.vv }, payload, conflict: conflictOf(state, mine, true) };
    },
    remote({ state, payload, write, relation }) {
      const incoming = versionOf(write, payload);
      // pglogical's last_update_wins applies the remote row on an equal commit timestamp.
      const remoteTie =
        tieBreak === 'apply-remote' &&
        state.stamp !== null &&
        compareStamps(incoming.stamp as Stamp, state.stamp) === 0;
      const incomingWins = remoteTie || compare(incoming, state) > 0;
      const winner = incomingWins
        ? { ...incoming, vv: mergeVv(state.vv, write.vv) }
        : { ...state, vv: mergeVv(state.vv, write.vv) };
      if (state.writeId === null || relation === 'equal') return { state: winner };
      if (remoteTie) {
        const conflict = conflictOf(incoming, state, false);
        return {
          state: winner,
          conflict: {
            ...conflict,
            explanation: `${conflict.explanation} The other side does the same with this one's value: the replicas now differ and no later message will reconcile them.`,
          },
        };
      }
      if (relation === 'concurrent') {
        return {
          state: winner,
          conflict: incomingWins ? conflictOf(incoming, state, false) : conflictOf(state, incoming, false),
        };
      }
      if (relation === 'after' && !incomingWins) {
        // The incoming write had seen ours, but carries an older timestamp.
        return { state: winner, conflict: conflictOf(state, incoming, true) };
      }
      if (relation === 'before' && incomingWins) {
        // We already hold a write that had seen this one, but this one's timestamp is later.
        return { state: winner, conflict: conflictOf(incoming, state, true) };
      }
      return { state: winner };
    },
    read(state) {
      return { value: state.value, conflicts: [], context: state.vv };
    },
  };
}
