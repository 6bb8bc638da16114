/**
 * A leader's state and its steps, as pure functions over plain data: the context, a
 * client's write accepted (or rejected), status and clock changes, reading a key. What it
 * does with a received message is in leaderReceive.ts; the leader machine
 * (leaderMachine.ts) decides which step runs. Every step returns a new state (never
 * mutates) with its effects (events to record, messages to send) in `out`.
 */

import type { Strategy } from '../strategies/types';
import { hlcLocal, initialHlc, physicalTime } from '../core/clocks';
import type { TopologyPlan } from './topology';
import type {
  KeyType,
  Message,
  MessageKind,
  NodeConfig,
  NodeId,
  NodeStatus,
  ReadResult,
  SimEvent,
  VersionVector,
  WireWrite,
  WriteOp,
} from './types';
import { increment } from '../core/vv';

/** Fixed for a run: everything a leader needs that is not its own changing state. */
export interface LeaderEnv {
  readonly strategy: Strategy;
  readonly keys: Readonly<Record<string, KeyType>>;
  readonly plan: TopologyPlan;
  readonly causalDelivery: boolean;
  readonly mode: 'multi-leader' | 'single-leader';
  readonly leader: NodeId | null;
  readonly labels: Readonly<Record<NodeId, string>>;
}

export interface KeyReplica {
  /** Everything this replica knows of the key (merge of the version vectors it applied). */
  readonly vv: VersionVector;
  readonly state: unknown;
}

/** A message a leader asks the cluster to send; the cluster numbers and schedules it. */
export interface Outgoing {
  readonly to: NodeId;
  readonly kind: MessageKind;
  readonly write?: WireWrite;
  readonly request?: Message['request'];
}

export interface Effects {
  readonly events: SimEvent[];
  readonly sends: Outgoing[];
}

export interface LeaderContext {
  readonly id: NodeId;
  readonly label: string;
  readonly status: NodeStatus;
  readonly skewMs: number;
  readonly driftPpm: number;
  readonly hlc: { readonly l: number; readonly c: number };
  /** Position in this leader's own replication log. */
  readonly seq: number;
  readonly keys: Readonly<Record<string, KeyReplica>>;
  /** Applied writes per origin: the contiguous prefix... */
  readonly applied: VersionVector;
  /** ...and those applied out of order above it (only without causal delivery or with flooding). */
  readonly appliedExtra: Readonly<Record<NodeId, readonly number[]>>;
  /** Writes held by causal delivery until their dependencies are applied. */
  readonly buffer: readonly WireWrite[];
  /** The effects of the last event this leader handled. */
  readonly out: Effects;
}

const noEffects: Effects = { events: [], sends: [] };

export function initialLeaderContext(env: LeaderEnv, node: NodeConfig): LeaderContext {
  const skewMs = node.clockSkewMs ?? 0;
  const driftPpm = node.clockDriftPpm ?? 0;
  return {
    id: node.id,
    label: node.label ?? node.id,
    status: 'online',
    skewMs,
    driftPpm,
    hlc: initialHlc(physicalTime({ skewMs, driftPpm }, 0)),
    seq: 0,
    keys: Object.fromEntries(
      Object.entries(env.keys).map(([k, t]) => [k, { vv: {}, state: env.strategy.init(t) }] as const),
    ),
    applied: {},
    appliedExtra: {},
    buffer: [],
    out: noEffects,
  };
}

export function readKey(env: LeaderEnv, ctx: LeaderContext, key: string): ReadResult {
  const type = env.keys[key] as KeyType;
  const replica = ctx.keys[key] as KeyReplica;
  const r = env.strategy.read(replica.state, type, key);
  return { value: r.value, conflicts: r.conflicts, context: r.context ?? replica.vv };
}

/** The applied-write record after applying `origin`'s write number `seq`. */
export function markApplied(
  ctx: LeaderContext,
  origin: NodeId,
  seq: number,
): Pick<LeaderContext, 'applied' | 'appliedExtra'> {
  const prefix = ctx.applied[origin] ?? 0;
  const extra = ctx.appliedExtra[origin] ?? [];
  // The common case, in order with nothing pending above it: only the prefix moves.
  if (seq === prefix + 1 && extra.length === 0) {
    return { applied: { ...ctx.applied, [origin]: seq }, appliedExtra: ctx.appliedExtra };
  }
  if (seq !== prefix + 1) {
    return {
      applied: ctx.applied,
      appliedExtra: { ...ctx.appliedExtra, [origin]: [...extra, seq].sort((a, b) => a - b) },
    };
  }
  let p = seq;
  let rest = extra;
  while (rest.length > 0 && rest[0] === p + 1) {
    p += 1;
    rest = rest.slice(1);
  }
  const appliedExtra = Object.fromEntries(
    Object.entries({ ...ctx.appliedExtra, [origin]: rest }).filter(([, seqs]) => seqs.length > 0),
  );
  return { applied: { ...ctx.applied, [origin]: p }, appliedExtra };
}

/** The write with the payload meant for `to`, when the strategy gives each destination its own. */
export function withPayload(
  w: WireWrite,
  payloads: Readonly<Record<NodeId, unknown>> | undefined,
  to: NodeId,
): WireWrite {
  return payloads && to in payloads ? { ...w, payload: payloads[to] } : w;
}

/** A write accepted here: numbered, stamped, resolved locally, sent on. */
export function acceptWrite(
  env: LeaderEnv,
  ctx: LeaderContext,
  at: number,
  key: string,
  op: WriteOp,
  client: NodeId,
  givenWriteId?: string,
  context?: VersionVector,
): LeaderContext {
  const type = env.keys[key] as KeyType;
  const replica = ctx.keys[key] as KeyReplica;
  const seq = ctx.seq + 1;
  const writeId = givenWriteId ?? `${ctx.id}:${String(seq)}`;
  const pt = physicalTime(ctx, at);
  const hlc = hlcLocal(ctx.hlc, pt);
  const stamp = { physical: pt, hlc };
  const vv = increment(replica.vv, ctx.id);
  const write = { writeId, origin: ctx.id, seq, stamp, vv, writtenAt: at };
  const targets = env.plan.own[ctx.id] ?? [];
  const step = env.strategy.local({
    state: replica.state,
    type,
    key,
    op,
    write,
    node: ctx.id,
    sendTo: targets,
    ...(context ? { context } : {}),
  });
  const wire: WireWrite = {
    writeId,
    origin: ctx.id,
    seq,
    key,
    stamp,
    vv,
    deps: ctx.applied,
    writtenAt: at,
    payload: step.payload,
  };
  const events: SimEvent[] = [
    {
      type: 'write',
      at,
      node: ctx.id,
      writeId,
      key,
      op,
      stamp,
      vv,
      client,
      ...(step.row !== undefined ? { row: step.row } : {}),
    },
  ];
  if (client === ctx.id) events.push({ type: 'ack', at, node: ctx.id, writeId, latencyMs: 0 });
  if (step.conflict)
    events.push({ type: 'conflict', at, node: ctx.id, key, strategy: env.strategy.kind, ...step.conflict });
  const sends: Outgoing[] = targets.map((to) => ({
    to,
    kind: 'replicate',
    write: withPayload(wire, step.payloadFor, to),
  }));
  return {
    ...ctx,
    seq,
    hlc,
    keys: { ...ctx.keys, [key]: { vv, state: step.state } },
    ...markApplied(ctx, ctx.id, seq),
    out: { events, sends },
  };
}

export function withStatus(
  ctx: LeaderContext,
  at: number,
  status: NodeStatus,
  type: 'crash' | 'recover' | 'disconnect' | 'reconnect',
): LeaderContext {
  return { ...ctx, status, out: { events: [{ type, at, node: ctx.id }], sends: [] } };
}

export function withSkew(ctx: LeaderContext, at: number, skewMs: number): LeaderContext {
  return { ...ctx, skewMs, out: { events: [{ type: 'set-clock-skew', at, node: ctx.id, skewMs }], sends: [] } };
}

/**
 * A demoted leader rejoining as a follower: its data rebuilt from the current leader's copy,
 * as `pg_rewind` or a fresh base backup does, so writes it alone had are gone. It keeps its
 * own identity, clock and log position (the next write it numbers follows what others know).
 */
export function rewindTo(ctx: LeaderContext, from: LeaderContext): LeaderContext {
  return {
    ...ctx,
    keys: from.keys,
    applied: from.applied,
    appliedExtra: from.appliedExtra,
    buffer: [],
    seq: from.applied[ctx.id] ?? 0,
    out: noEffects,
  };
}

export function rejectWrite(ctx: LeaderContext, at: number, key: string, op: WriteOp): LeaderContext {
  const [code, reason] =
    ctx.status === 'destroyed'
      ? (['node-destroyed', `${ctx.label} was destroyed: it is gone for good and accepts no writes.`] as const)
      : (['node-crashed', `${ctx.label} has crashed: it accepts no writes until it recovers.`] as const);
  return { ...ctx, out: { events: [{ type: 'reject', at, node: ctx.id, key, op, code, reason }], sends: [] } };
}
