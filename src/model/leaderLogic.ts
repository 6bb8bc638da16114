/**
 * A leader's state and steps, as pure functions over plain data: accepting a write,
 * applying or holding a replicated one, the guards that tell the cases apart, reading a
 * key. The leader machine (leaderMachine.ts) decides which step runs, with a guarded
 * transition per case; tests can call the steps directly. Every step returns a new state
 * (never mutates) with its effects (events to record, messages to send) in `out`.
 */

import type { Strategy } from '../strategies/types';
import { hlcLocal, hlcReceive, initialHlc, physicalTime } from '../core/clocks';
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
import { increment, merge, relation } from '../core/vv';

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

function isApplied(ctx: LeaderContext, origin: NodeId, seq: number): boolean {
  return seq <= (ctx.applied[origin] ?? 0) || (ctx.appliedExtra[origin]?.includes(seq) ?? false);
}

function markApplied(ctx: LeaderContext, origin: NodeId, seq: number): Pick<LeaderContext, 'applied' | 'appliedExtra'> {
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

/** Dependencies of `w` not yet applied here, as write ids (at most a few, for messages). */
function missingDeps(ctx: LeaderContext, w: WireWrite): string[] {
  const missing: string[] = [];
  for (const origin in w.deps) {
    const need = w.deps[origin] ?? 0;
    for (let s = (ctx.applied[origin] ?? 0) + 1; s <= need; s++) {
      if (!isApplied(ctx, origin, s)) missing.push(`${origin}:${String(s)}`);
      if (missing.length >= 8) return missing;
    }
  }
  return missing;
}

/** The write with the payload meant for `to`, when the strategy gives each destination its own. */
function withPayload(w: WireWrite, payloads: Readonly<Record<NodeId, unknown>> | undefined, to: NodeId): WireWrite {
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
  const events: SimEvent[] = [{ type: 'write', at, node: ctx.id, writeId, key, op, stamp, vv, client }];
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

/** Apply a replicated write (its dependencies already checked or ignored), then relay it. */
function applyRemote(
  env: LeaderEnv,
  ctx: LeaderContext,
  at: number,
  w: WireWrite,
  /** null when the write was already relayed on arrival (causal buffer). */
  relayFrom: NodeId | null,
  effects: Effects,
): LeaderContext {
  const type = env.keys[w.key] as KeyType;
  const replica = ctx.keys[w.key] as KeyReplica;
  const rel = relation(w.vv, replica.vv);
  const relayTo = relayFrom === null ? [] : env.plan.relay(ctx.id, relayFrom, w.origin);
  const step = env.strategy.remote({
    state: replica.state,
    type,
    key: w.key,
    payload: w.payload,
    write: { writeId: w.writeId, origin: w.origin, seq: w.seq, stamp: w.stamp, vv: w.vv, writtenAt: w.writtenAt },
    relation: rel,
    node: ctx.id,
    from: relayFrom ?? w.origin,
    relayTo,
  });
  const next: LeaderContext = {
    ...ctx,
    keys: { ...ctx.keys, [w.key]: { vv: merge(replica.vv, w.vv), state: step.state } },
    ...markApplied(ctx, w.origin, w.seq),
  };
  if (!env.causalDelivery) {
    const missing = missingDeps(next, w);
    if (missing.length > 0) {
      effects.events.push({
        type: 'anomaly',
        at,
        node: ctx.id,
        writeId: w.writeId,
        key: w.key,
        missing,
        explanation: `${ctx.label} applied ${env.labels[w.origin] ?? w.origin}'s write ${w.writeId} before ${missing.join(', ')}, which it depends on: a reader here sees an effect before its cause.`,
      });
    }
  }
  const value = env.strategy.read(step.state, type, w.key).value;
  effects.events.push({ type: 'apply', at, node: ctx.id, writeId: w.writeId, key: w.key, origin: w.origin, value });
  if (step.conflict) {
    effects.events.push({
      type: 'conflict',
      at,
      node: ctx.id,
      key: w.key,
      strategy: env.strategy.kind,
      ...step.conflict,
    });
  }
  for (const to of relayTo)
    effects.sends.push({ to, kind: 'replicate', write: withPayload(w, step.relayPayloadFor, to) });
  return next;
}

/** Apply every buffered write whose dependencies are now met, until none is. */
function drainBuffer(env: LeaderEnv, ctx: LeaderContext, at: number, effects: Effects): LeaderContext {
  let current = ctx;
  for (;;) {
    const ready = current.buffer.find((w) => missingDeps(current, w).length === 0);
    if (!ready) return current;
    current = { ...current, buffer: current.buffer.filter((w) => w !== ready) };
    current = applyRemote(env, current, at, ready, null, effects);
  }
}

/*
 * A message arrived from `msg.from`. What the leader does with it is decided by the leader
 * machine's guarded transitions (leaderMachine.ts), one per case, in this order: a
 * forwarded request, an ack, a write of its own that came back, a duplicate, a write whose
 * causes have not arrived, and otherwise apply and relay. The guards and the steps below
 * are the pieces; the machine is where the order is written.
 */

/** The replicated write a message carries (only for `replicate` messages). */
const carried = (msg: Message): WireWrite => msg.write as WireWrite;

/** Guard: a replicated write that started here (MySQL's server_id check: it stops loops). */
export function isOwnOrigin(ctx: LeaderContext, msg: Message): boolean {
  return msg.kind === 'replicate' && carried(msg).origin === ctx.id;
}

/** Guard: a replicated write already applied here, or already held here. */
export function isDuplicate(ctx: LeaderContext, msg: Message): boolean {
  if (msg.kind !== 'replicate') return false;
  const w = carried(msg);
  return isApplied(ctx, w.origin, w.seq) || ctx.buffer.some((b) => b.writeId === w.writeId);
}

/** Guard: causal delivery is on and a write this one depends on has not been applied here. */
export function awaitsCause(env: LeaderEnv, ctx: LeaderContext, msg: Message): boolean {
  return env.causalDelivery && msg.kind === 'replicate' && missingDeps(ctx, carried(msg)).length > 0;
}

/** Single-leader mode: the leader executes a follower's client write and answers it. */
export function executeRequest(env: LeaderEnv, ctx: LeaderContext, at: number, msg: Message): LeaderContext {
  const r = msg.request as NonNullable<Message['request']>;
  const done = acceptWrite(env, ctx, at, r.key, r.op, r.client, r.writeId);
  return {
    ...done,
    out: { events: done.out.events, sends: [...done.out.sends, { to: msg.from, kind: 'ack', request: r }] },
  };
}

/** Single-leader mode: the follower hears that the leader executed its client's write. */
export function noteAck(ctx: LeaderContext, at: number, msg: Message): LeaderContext {
  const r = msg.request as NonNullable<Message['request']>;
  return {
    ...ctx,
    out: {
      events: [{ type: 'ack', at, node: ctx.id, writeId: r.writeId, latencyMs: at - r.requestedAt }],
      sends: [],
    },
  };
}

/** Every received write moves the hybrid logical clock, whatever is done with it. */
function heard(ctx: LeaderContext, at: number, w: WireWrite): LeaderContext {
  return { ...ctx, hlc: hlcReceive(ctx.hlc, w.stamp.hlc, physicalTime(ctx, at)) };
}

export function dropWrite(
  ctx: LeaderContext,
  at: number,
  msg: Message,
  reason: 'own-origin' | 'duplicate',
): LeaderContext {
  const w = carried(msg);
  return {
    ...heard(ctx, at, w),
    out: { events: [{ type: 'drop', at, node: ctx.id, writeId: w.writeId, origin: w.origin, reason }], sends: [] },
  };
}

/** Hold the write until its causes arrive, but relay it now: one leader's wait must not stall the others. */
export function holdWrite(env: LeaderEnv, ctx: LeaderContext, at: number, msg: Message): LeaderContext {
  const w = carried(msg);
  return {
    ...heard(ctx, at, w),
    buffer: [...ctx.buffer, w],
    out: {
      events: [{ type: 'buffer', at, node: ctx.id, writeId: w.writeId, waitingFor: missingDeps(ctx, w) }],
      sends: env.plan.relay(ctx.id, msg.from, w.origin).map((to) => ({ to, kind: 'replicate', write: w })),
    },
  };
}

/** Apply the write, relay it, and (with causal delivery) apply what was waiting for it. */
export function applyAndRelay(env: LeaderEnv, ctx: LeaderContext, at: number, msg: Message): LeaderContext {
  const effects: Effects = { events: [], sends: [] };
  let next = applyRemote(env, heard(ctx, at, carried(msg)), at, carried(msg), msg.from, effects);
  if (env.causalDelivery) next = drainBuffer(env, next, at, effects);
  return { ...next, out: effects };
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

export function rejectWrite(ctx: LeaderContext, at: number, key: string, op: WriteOp): LeaderContext {
  return {
    ...ctx,
    out: {
      events: [
        {
          type: 'reject',
          at,
          node: ctx.id,
          key,
          op,
          code: 'node-crashed',
          reason: `${ctx.label} has crashed: it accepts no writes until it recovers.`,
        },
      ],
      sends: [],
    },
  };
}
