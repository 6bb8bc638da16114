/**
 * Last write wins, as Cassandra does it: every replica keeps the version with the highest
 * timestamp and ignores causality (so a fast clock can make a write that had *seen* another
 * lose to it). The merge is a max over a total order, hence commutative and convergent.
 * What a conflict loses depends on the granularity: per value (the default, as DynamoDB
 * global tables reconcile a whole item) a concurrent write to another field of a record, or
 * another item of a set, is lost with the older version; per field (Cassandra's cells) each
 * field of a record and each item of a set is its own register, so those writes all survive.
 * Counters and texts are one value either way (Cassandra's counters are not LWW at all).
 */

import { compareHlc, formatHlc } from '../core/clocks';
import { applyOp, formatValue, initialValue } from '../core/keyTypes';
import { relation } from '../core/vv';
import type { NodeId, Stamp, Value, VersionVector } from '../core/types';
import { cellStrategy } from './cells';
import { type ChoiceInfo, defineStrategy } from './define';
import { byKeyType } from './dispatch';
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

/**
 * A stand-in for Riak's random `X-Riak-VTag`: a hash of the write id, so every replica makes
 * the same pick, which has nothing to do with the value or who wrote it.
 */
function vtag(v: LwwVersion): number {
  let h = 0x811c9dc5;
  for (const ch of v.writeId ?? '') h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return h;
}

/** `a` beats `b` when its leader's id is higher; 0 for writes of one leader. */
const byNode = (a: LwwVersion, b: LwwVersion): number =>
  a.origin === b.origin ? 0 : (a.origin ?? '') > (b.origin ?? '') ? 1 : -1;

/** A rule for two writes with equal timestamps. */
interface TieRule extends ChoiceInfo {
  /** The rule as an explanation quotes it: "on a tie, <explains>". */
  readonly explains: string;
  /** > 0 when `a` wins the tie; 0 leaves it to the order of one leader's writes. */
  readonly compare: (a: LwwVersion, b: LwwVersion) => number;
  /** On a tie the receiving leader applies the remote write, whatever it holds (pglogical). */
  readonly appliesRemote?: boolean;
  /** The rule ranks leaders by id: the higher or the lower id wins every tie (the graph shows the rank). */
  readonly ranksLeaders?: 'higher-id-first' | 'lower-id-first';
}

/** The tie rules, in the order the picker lists them. A new rule is one more entry here. */
const tieRules = {
  'higher-node-id': {
    label: 'higher leader id wins',
    description: 'Of two writes with the same timestamp, the one from the leader with the higher id wins.',
    explains: 'the higher node id wins',
    compare: byNode,
    ranksLeaders: 'higher-id-first',
  },
  'lower-node-id': {
    label: 'lower leader id wins',
    description:
      'Of two writes with the same timestamp, the one from the leader with the lower id wins: pgEdge Spock between two leaders (with three or more, Spock compares the leader applying a change with the one sending it, as the lab does for table rows).',
    explains: 'the lower node id wins (pgEdge Spock)',
    compare: (a, b) => -byNode(a, b),
    ranksLeaders: 'lower-id-first',
  },
  'larger-value': {
    label: 'larger value wins (Cassandra)',
    description: 'A delete beats a live value, then the larger value wins, as Cassandra compares its cells.',
    explains: 'a delete beats a live value, then the larger value wins (Cassandra)',
    compare: (a, b) =>
      (a.deleted !== b.deleted ? (a.deleted ? 1 : -1) : compareValues(a.value, b.value)) || byNode(a, b),
  },
  'live-value': {
    label: 'a live value wins (Riak)',
    description:
      'A live value beats a delete; between two live values Riak (allow_mult=false) compares whole content records, whose random vtag comes first: a fixed but arbitrary pick.',
    explains:
      "a live value beats a delete, and between two live values Riak's pick is deterministic but arbitrary (riak_object.erl, compare_content_dates: it compares whole content records, a random X-Riak-VTag first)",
    compare: (a, b) => (a.deleted !== b.deleted ? (a.deleted ? -1 : 1) : vtag(a) - vtag(b)) || byNode(a, b),
  },
  'apply-remote': {
    label: 'apply the remote one (pglogical; replicas diverge)',
    description:
      'Each leader applies the remote write on a tie, as pglogical does, so two leaders swap values and stay different.',
    explains: 'each side applies the remote row (pglogical), so the two sides swap values and stay different',
    compare: byNode,
    appliesRemote: true,
  },
} satisfies Record<string, TieRule>;
export type LwwTieBreak = keyof typeof tieRules;

/** How a tie rule ranks leaders, when it decides every tie by leader id alone; else null. */
export function tieRankOrder(tieBreak: string | undefined): 'higher-id-first' | 'lower-id-first' | null {
  const rule: TieRule | undefined = (tieRules as Record<string, TieRule>)[tieBreak ?? 'higher-node-id'];
  return rule?.ranksLeaders ?? null;
}

const clocks = {
  physical: {
    label: 'physical clock',
    description: "Each leader's own wall clock, which may run ahead, behind or drift.",
  },
  hlc: {
    label: 'hybrid logical clock',
    description:
      'A hybrid logical clock never runs behind a write its leader has seen, so a write that saw another wins.',
  },
} satisfies Record<string, ChoiceInfo>;
export type LwwClock = keyof typeof clocks;

const granularities = {
  value: {
    label: 'per value (DynamoDB)',
    description:
      'The whole value is one version: a concurrent write to another field of a record, or another item of a set, is lost with it (DynamoDB global tables reconcile whole items).',
  },
  field: {
    label: 'per field (Cassandra)',
    description:
      "Each field of a record and each item of a set is its own cell with its own timestamp, so concurrent writes to different fields all survive (Cassandra's cells).",
  },
} satisfies Record<string, ChoiceInfo>;
export type LwwGranularity = keyof typeof granularities;

export interface LwwStrategyConfig {
  kind: 'lww';
  clock?: LwwClock;
  tieBreak?: LwwTieBreak;
  /** What one timestamp covers: the whole value (default) or each field and set item. */
  granularity?: LwwGranularity;
}

/**
 * Last write wins at the configured granularity: per value, `createLwwValue`; per field,
 * records and sets become cells, each an LWW register (counters and texts stay whole values).
 */
export function createLww(config: LwwStrategyConfig, ctx: StrategyContext): Strategy {
  const whole = createLwwValue(config, ctx) as Strategy;
  if ((config.granularity ?? 'value') === 'value') {
    const items = withNote(
      whole,
      'Per value (as DynamoDB global tables reconcile a whole item) the losing version goes whole, with writes to its other fields or items; per field (Cassandra) they would be kept.',
    );
    return byKeyType('lww', whole.title, (type) => (type === 'record' || type === 'set' ? items : whole));
  }
  const cells = cellStrategy(whole, {
    kind: 'lww',
    title: `${whole.title}, per field`,
    rule: 'Each field and set item is its own cell (Cassandra, db/rows/Cells.java), so writes to other fields are kept.',
  }) as Strategy;
  return byKeyType('lww', cells.title, (type) => (type === 'record' || type === 'set' ? cells : whole));
}

/** `inner` with `note` appended to every conflict's explanation. */
function withNote(inner: Strategy, note: string): Strategy {
  const noted = <T extends { conflict?: ConflictInfo }>(step: T): T =>
    step.conflict
      ? { ...step, conflict: { ...step.conflict, explanation: `${step.conflict.explanation} ${note}` } }
      : step;
  return { ...inner, local: (input) => noted(inner.local(input)), remote: (input) => noted(inner.remote(input)) };
}

export function createLwwValue(config: LwwStrategyConfig, ctx: StrategyContext): Strategy<LwwVersion, LwwPayload> {
  const clock = config.clock ?? 'physical';
  const tieBreak = config.tieBreak ?? 'higher-node-id';
  const tieRule: TieRule = tieRules[tieBreak];
  const label = (n: NodeId | null): string => (n === null ? 'nobody' : (ctx.labels[n] ?? n));
  const stampText = (s: Stamp): string => (clock === 'hlc' ? formatHlc(s.hlc) : `${String(s.physical)} ms`);

  function compareStamps(a: Stamp, b: Stamp): number {
    return clock === 'hlc' ? compareHlc(a.hlc, b.hlc) : a.physical - b.physical;
  }

  /** > 0 when `a` wins. A total order over writes, so every replica picks the same winner. */
  function compare(a: LwwVersion, b: LwwVersion): number {
    if (a.stamp === null || b.stamp === null) return a.stamp === null ? (b.stamp === null ? 0 : -1) : 1;
    return compareStamps(a.stamp, b.stamp) || tieRule.compare(a, b) || a.seq - b.seq;
  }

  function describeWin(winner: LwwVersion, loser: LwwVersion): string {
    if (winner.stamp === null || loser.stamp === null) return '';
    const w = `${label(winner.origin)}'s ${formatValue(winner.value)}`;
    const l = `${label(loser.origin)}'s ${formatValue(loser.value)}`;
    if (compareStamps(winner.stamp, loser.stamp) === 0) {
      return `${w} and ${l} carry the same timestamp (${stampText(winner.stamp)}); on a tie ${tieRule.explains}, so ${w} is kept and ${l} is discarded.`;
    }
    let sentence = `${w} (timestamp ${stampText(winner.stamp)}) beats ${l} (${stampText(loser.stamp)}), so ${l} is discarded.`;
    if (winner.writtenAt !== null && loser.writtenAt !== null && winner.writtenAt < loser.writtenAt) {
      sentence += ` Yet ${label(loser.origin)} wrote later in real time (t = ${String(Math.round(loser.writtenAt))} ms vs t = ${String(Math.round(winner.writtenAt))} ms): ${clock === 'hlc' ? 'the hybrid clock ordered these concurrent writes by a skewed physical clock' : 'clock skew made the older write win'}.`;
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
    // Walking the loser's lineage back from its end finds the last shared write in a step or
    // two; everything after it is, by that definition, not in the winner's lineage.
    let shared = loser.lineage.length - 1;
    while (shared >= 0 && !winner.lineage.includes(loser.lineage[shared] as string)) shared -= 1;
    const lost = loser.lineage.slice(shared + 1);
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
        tieRule.appliesRemote === true &&
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

/** Last write wins in the catalog: its options are the clock and the tie rule above. */
export const lwwStrategy = defineStrategy<LwwStrategyConfig>({
  kind: 'lww',
  title: 'Last write wins',
  description: 'Every leader keeps the write with the latest timestamp; a concurrent write is lost.',
  options: {
    clock: {
      label: 'Clock',
      description: 'Which timestamp orders the writes.',
      choices: clocks,
      default: 'physical',
    },
    tieBreak: {
      label: 'On a tie',
      description: 'Who wins when two writes carry the same timestamp.',
      choices: tieRules,
      default: 'higher-node-id',
    },
    granularity: {
      label: 'Granularity',
      description: 'What one timestamp covers, so what a conflict can lose: the whole value, or one field.',
      choices: granularities,
      default: 'value',
      keyTypes: ['record', 'set'],
    },
  },
  create: createLww,
});
