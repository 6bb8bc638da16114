/**
 * Last write wins, as Cassandra does it: every replica keeps the version with the highest
 * timestamp and ignores causality (so a fast clock can make a write that had *seen* another
 * lose to it). The merge is a max over a total order, hence commutative and convergent.
 * Every key type is treated as one whole value: a concurrent cart update or counter
 * increment is simply lost, which is the lesson.
 */

import { compareHlc, formatHlc } from '../core/clocks';
import { applyOp, formatValue, initialValue } from '../core/keyTypes';
import { relation } from '../core/vv';
import type { LwwStrategyConfig, LwwTieBreak, NodeId, Stamp, Value, VersionVector } from '../core/types';
import type { ConflictInfo, Strategy, StrategyContext, WriteMeta } from './types';

/** The one version an LWW replica keeps of a key: the value with the stamp that won. */
export interface LwwVersion {
  readonly value: Value;
  readonly deleted: boolean;
  readonly stamp: Stamp | null;
  readonly writeId: string | null;
  readonly origin: NodeId | null;
  readonly seq: number;
  readonly writtenAt: number | null;
  /** The version vector of the write itself (what its writer had seen). */
  readonly vv: VersionVector;
  /** The writes whose effects this value carries (a counter's increments...), latest last. */
  readonly lineage: readonly string[];
}

export interface LwwPayload {
  readonly value: Value;
  readonly deleted: boolean;
  readonly lineage: readonly string[];
}

/** How many contributing writes a value remembers, to name the writes a conflict loses. */
const MAX_LINEAGE = 256;

const tieRuleText: Record<LwwTieBreak, string> = {
  'higher-node-id': 'the higher node id wins',
  'lower-node-id': 'the lower node id wins (pgEdge Spock)',
  'larger-value': 'a delete beats a live value, then the larger value wins (Cassandra)',
  'live-value': 'a live value beats a delete, then the smaller value wins (Riak)',
  'apply-remote': 'each side applies the remote row (pglogical), so the two sides swap values and stay different',
};

/**
 * Compare values as Cassandra's cells would: numbers by magnitude (its integer encodings sort
 * numerically), text as bytes (code point order); sets and tables by their JSON text.
 */
function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
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
    // Lost: the writes the losing value carried that the winning value does not. Lineages
    // are chains sharing their ancestry, so only the loser's tail after the last write the
    // two share can be lost; this keeps the answer right when a long lineage is cut short.
    const kept = new Set(winner.lineage);
    let shared = -1;
    loser.lineage.forEach((w, i) => {
      if (kept.has(w)) shared = i;
    });
    const lost = loser.lineage.slice(shared + 1).filter((w) => !kept.has(w));
    return {
      versions: [version(winner), version(loser)],
      result: winner.value,
      discarded: lost,
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
      lineage: payload.lineage,
    };
  }

  return {
    kind: 'lww',
    title: `last write wins (${clock === 'hlc' ? 'hybrid logical clock' : 'physical clock'}; tie: ${tieBreak})`,
    init(type) {
      return {
        value: initialValue(type),
        deleted: false,
        stamp: null,
        writeId: null,
        origin: null,
        seq: 0,
        writtenAt: null,
        vv: {},
        lineage: [],
      };
    },
    local({ state, type, op, write }) {
      const value = applyOp(type, state.value, op);
      // A set or delete of a register replaces the value; every other op builds on it.
      const replaces = op.type === 'set' || op.type === 'replace' || (type === 'register' && op.type === 'delete');
      const lineage = replaces ? [write.writeId] : [...state.lineage, write.writeId].slice(-MAX_LINEAGE);
      const payload: LwwPayload = { value, deleted: type === 'register' && op.type === 'delete', lineage };
      const mine = versionOf(write, payload);
      if (compare(mine, state) > 0) return { state: mine, payload };
      // The stored value carries a later timestamp (a fast clock elsewhere): the write is
      // acknowledged yet invisible, as in Cassandra. It still replicates; everyone agrees.
      return { state, payload, conflict: conflictOf(state, mine, true) };
    },
    remote({ state, payload, write }) {
      const incoming = versionOf(write, payload);
      // pglogical's last_update_wins applies the remote row on an equal commit timestamp.
      const remoteTie =
        tieBreak === 'apply-remote' &&
        state.stamp !== null &&
        compareStamps(incoming.stamp as Stamp, state.stamp) === 0;
      const incomingWins = remoteTie || compare(incoming, state) > 0;
      const winner = incomingWins ? incoming : state;
      if (state.writeId === null) return { state: winner };
      // Causality between the two writes themselves (not what this replica knows overall).
      const rel = relation(incoming.vv, state.vv);
      if (rel === 'equal') return { state };
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
      if (rel === 'concurrent') {
        return {
          state: winner,
          conflict: incomingWins ? conflictOf(incoming, state, false) : conflictOf(state, incoming, false),
        };
      }
      // The incoming write had seen ours but carries an older timestamp, or ours had seen it
      // but carries the older one: a fast clock made a causally later write lose.
      if (rel === 'after' && !incomingWins) return { state, conflict: conflictOf(state, incoming, true) };
      if (rel === 'before' && incomingWins) return { state: winner, conflict: conflictOf(incoming, state, true) };
      return { state: winner };
    },
    read(state) {
      return { value: state.value, conflicts: [] };
    },
    contributors: (state) => state.lineage,
  };
}
