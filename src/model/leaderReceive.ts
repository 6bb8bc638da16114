/**
 * What a leader does with a message it receives, as pure functions over its plain-data
 * state: the guards that tell the cases apart (its own write come back, a duplicate, a write
 * whose causes have not arrived) and the step for each case (drop, hold, apply and relay, or
 * in single-leader mode execute a forwarded request or note an ack). The leader machine
 * (leaderMachine.ts) writes down the order the guards are tried in; leaderLogic.ts holds
 * the leader's state and its other steps.
 */
import { hlcReceive, physicalTime } from '../core/clocks';
import { merge, relation } from '../core/vv';
import {
  acceptWrite,
  type Effects,
  type KeyReplica,
  type LeaderContext,
  type LeaderEnv,
  markApplied,
  withPayload,
} from './leaderLogic';
import type { KeyType, Message, NodeId, WireWrite } from './types';

/** Relays nowhere (a write taken from the causal buffer was relayed on arrival). */
const NOBODY: readonly NodeId[] = [];

/** Whether `origin`'s write number `seq` has been applied here. */
export function isApplied(ctx: LeaderContext, origin: NodeId, seq: number): boolean {
  return seq <= (ctx.applied[origin] ?? 0) || (ctx.appliedExtra[origin]?.includes(seq) ?? false);
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

/**
 * Apply a replicated write (its dependencies already checked or ignored), then relay it. The
 * new state is built in one copy, carrying `hlc` and `effects` as its `out` (the caller keeps
 * pushing to it): a delivery copies the leader's context once, not once per step.
 */
function applyRemote(
  env: LeaderEnv,
  ctx: LeaderContext,
  at: number,
  w: WireWrite,
  /** null when the write was already relayed on arrival (causal buffer). */
  relayFrom: NodeId | null,
  effects: Effects,
  hlc: LeaderContext['hlc'],
): LeaderContext {
  const type = env.keys[w.key] as KeyType;
  const replica = ctx.keys[w.key] as KeyReplica;
  const rel = relation(w.vv, replica.vv);
  const relayTo = relayFrom === null ? NOBODY : env.plan.relay(ctx.id, relayFrom, w.origin);
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
  const { applied, appliedExtra } = markApplied(ctx, w.origin, w.seq);
  const next: LeaderContext = {
    ...ctx,
    hlc,
    keys: { ...ctx.keys, [w.key]: { vv: merge(replica.vv, w.vv), state: step.state } },
    applied,
    appliedExtra,
    out: effects,
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
    current = applyRemote(
      env,
      { ...current, buffer: current.buffer.filter((w) => w !== ready) },
      at,
      ready,
      null,
      effects,
      current.hlc,
    );
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

/** Every received write moves the hybrid logical clock, whatever is done with it: the clock after `w`. */
function heardHlc(ctx: LeaderContext, at: number, w: WireWrite): LeaderContext['hlc'] {
  return hlcReceive(ctx.hlc, w.stamp.hlc, physicalTime(ctx, at));
}

export function dropWrite(
  ctx: LeaderContext,
  at: number,
  msg: Message,
  reason: 'own-origin' | 'duplicate',
): LeaderContext {
  const w = carried(msg);
  return {
    ...ctx,
    hlc: heardHlc(ctx, at, w),
    out: { events: [{ type: 'drop', at, node: ctx.id, writeId: w.writeId, origin: w.origin, reason }], sends: [] },
  };
}

/** Hold the write until its causes arrive, but relay it now: one leader's wait must not stall the others. */
export function holdWrite(env: LeaderEnv, ctx: LeaderContext, at: number, msg: Message): LeaderContext {
  const w = carried(msg);
  return {
    ...ctx,
    hlc: heardHlc(ctx, at, w),
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
  const w = carried(msg);
  const next = applyRemote(env, ctx, at, w, msg.from, effects, heardHlc(ctx, at, w));
  return env.causalDelivery ? drainBuffer(env, next, at, effects) : next;
}
