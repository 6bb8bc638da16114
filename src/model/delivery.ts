/**
 * Delivery: how messages travel. A send draws its latency (with seeded jitter) and joins its
 * direction's FIFO queue; a cut link or a down endpoint holds the queue, and a heal or a
 * recovery reschedules it in order; a delivery hands the message to its leader and sends on
 * what the leader asks. No arrival may pass MAX_TIME.
 */

import { SimulationError } from './errors';
import { emit, maybeCheckpoint } from './journal';
import type { Outgoing } from './leaderLogic';
import type { LeaderEvent } from './leaderMachine';
import type { LinkContext } from './linkMachine';
import { dirKey } from './network';
import { nextRandom } from './random';
import { cluster, type LeaderRef, leaderCtx, linkCtx, type Run } from './run';
import type { Message, NodeId } from './types';

/**
 * The clock's ceiling. Past 2^53 − 1 a sum like `time + latency` rounds back to `time`, so a
 * replay no longer matches the run: every time, and every time a message would arrive, stays
 * at or below it.
 */
export const MAX_TIME = Number.MAX_SAFE_INTEGER;
/** The longest a send can take: a link's latency (≤ 600,000 ms) plus jitter (≤ 600,000 ms), rounded. */
export const MAX_SEND_DELAY = 1_200_001;

function drawLatency(run: Run, base: number): number {
  const { jitter } = run.config.latency;
  if (jitter === 0) return base;
  const [r, next] = nextRandom(run.rng);
  run.rng = next;
  return Math.max(1, Math.round(base + (2 * r - 1) * jitter));
}

/** When a message sent now after `delay` would arrive; refused past MAX_TIME (the caller rolls back). */
function arrival(run: Run, delay: number): number {
  const at = run.time + delay;
  if (at > MAX_TIME) {
    throw new SimulationError(
      'invalid-argument',
      `A message sent at ${String(run.time)} ms would arrive after ${String(MAX_TIME)} ms, the last time the simulation can count exactly`,
    );
  }
  return at;
}

/** Whether `from` can send to `to` over `link` now. */
export function isOpen(run: Run, link: LinkContext, from: NodeId, to: NodeId): boolean {
  return link.status === 'up' && leaderCtx(run, from).status === 'online' && leaderCtx(run, to).status === 'online';
}

/** Number, schedule (or hold) and record a message a leader sends. */
export function enqueue(run: Run, from: NodeId, out: Outgoing): void {
  const dir = dirKey(from, out.to);
  const id = run.linkOf.get(dir);
  if (id === undefined) throw new SimulationError('invalid-state', `No link from ${from} to ${out.to}`);
  // A destroyed leader receives nothing, ever: nothing is queued for it.
  if (leaderCtx(run, out.to).status === 'destroyed') return;
  const link = linkCtx(run, id);
  run.msgSeq += 1;
  const deliverAt = isOpen(run, link, from, out.to)
    ? Math.max(arrival(run, drawLatency(run, link.latencyMs)), run.network.lastDeliverAt(dir))
    : null;
  const msg: Message = {
    id: run.msgSeq,
    kind: out.kind,
    from,
    to: out.to,
    sentAt: run.time,
    deliverAt,
    ...(out.write ? { write: out.write } : {}),
    ...(out.request ? { request: out.request } : {}),
  };
  const writeId = out.write?.writeId ?? out.request?.writeId ?? '';
  const origin = out.write?.origin ?? from;
  emit(run, {
    type: 'send',
    at: run.time,
    node: from,
    msgId: run.msgSeq,
    to: out.to,
    kind: out.kind,
    writeId,
    origin,
    deliverAt,
  });
  // Not frozen here (one per send, carrying strategy state): a snapshot freezes the messages it hands out.
  run.network.push(dir, msg);
}

/** Send an event to a leader (through the cluster when `routed`) and play out its effects. */
export function toLeader(run: Run, node: NodeId, event: LeaderEvent, routed: boolean): void {
  const ref = run.leaders[node] as LeaderRef;
  const before = ref.getSnapshot().context.out;
  if (routed) cluster(run).send({ type: 'to-leader', node, event });
  else ref.send(event);
  const out = ref.getSnapshot().context.out;
  if (out === before) return;
  for (const ev of out.events) emit(run, ev);
  for (const s of out.sends) enqueue(run, node, s);
}

/** After a status change: hold what can no longer flow, schedule what now can. */
export function refreshLinks(run: Run, touching: (l: LinkContext) => boolean): void {
  for (const l of run.plan.links) {
    const link = linkCtx(run, l.id);
    if (!touching(link)) continue;
    for (const [from, to] of link.directions) {
      const dir = dirKey(from, to);
      if (isOpen(run, link, from, to)) {
        // The sender resends from its log: in order, each after the link latency.
        run.network.schedule(dir, (_, previous) => Math.max(arrival(run, drawLatency(run, link.latencyMs)), previous));
      } else {
        run.network.hold(dir);
      }
    }
  }
}

/** Deliver the message due next: the clock moves to its arrival. */
export function deliver(run: Run, d: { msg: Message; dir: string }): void {
  const { msg } = d;
  run.time = msg.deliverAt as number;
  run.network.shift(d.dir);
  emit(run, {
    type: 'deliver',
    at: run.time,
    node: msg.to,
    msgId: msg.id,
    from: msg.from,
    kind: msg.kind,
    writeId: msg.write?.writeId ?? msg.request?.writeId ?? '',
    origin: msg.write?.origin ?? msg.from,
  });
  toLeader(run, msg.to, { type: 'receive', at: run.time, msg }, false);
  maybeCheckpoint(run);
}
