/**
 * Commands: what a user can do to the cluster (write, cut or heal a link, crash a leader...),
 * recorded with their time so a run can be replayed, and how each one is applied to the
 * live actors. The public API checks a command's arguments first (validation.ts); here a
 * command is known to be well formed.
 */

import { enqueue, isOpen, refreshLinks, toLeader } from './delivery';
import { destroyNode, leaderDown, nodeRecovered } from './failover';
import { emit } from './journal';
import { cluster, leaderCtx, linkCtx, type Run } from './run';
import { linkId } from './topology';
import type { NodeId, RejectCode, SimEvent, VersionVector, WriteOp, WriteResult } from './types';

/** A recorded command: what the user did, and when (virtual ms). */
export type Command = { readonly at: number } & (
  | {
      readonly type: 'write';
      readonly node: NodeId;
      readonly key: string;
      readonly op: WriteOp;
      readonly context?: VersionVector;
    }
  | { readonly type: 'cut-link' | 'heal-link'; readonly a: NodeId; readonly b: NodeId }
  | { readonly type: 'set-link-latency'; readonly a: NodeId; readonly b: NodeId; readonly latencyMs: number }
  | { readonly type: 'crash' | 'recover' | 'disconnect' | 'reconnect' | 'destroy'; readonly node: NodeId }
  | { readonly type: 'set-clock-skew'; readonly node: NodeId; readonly skewMs: number }
);

/** Apply one command at the present; a write answers with its outcome. */
export function applyCommand(run: Run, cmd: Command): WriteResult | undefined {
  const { time } = run;
  switch (cmd.type) {
    case 'write':
      return applyWrite(run, cmd.node, cmd.key, cmd.op, cmd.context);
    case 'cut-link':
    case 'heal-link': {
      const id = linkId(cmd.a, cmd.b);
      cluster(run).send({ type: 'to-link', link: id, event: { type: cmd.type === 'cut-link' ? 'cut' : 'heal' } });
      emit(run, { type: cmd.type, at: time, node: cmd.a, peer: cmd.b });
      refreshLinks(run, (l) => l.id === id);
      return undefined;
    }
    case 'set-link-latency':
      cluster(run).send({
        type: 'to-link',
        link: linkId(cmd.a, cmd.b),
        event: { type: 'set-latency', latencyMs: cmd.latencyMs },
      });
      emit(run, { type: 'set-link-latency', at: time, node: cmd.a, peer: cmd.b, latencyMs: cmd.latencyMs });
      return undefined;
    case 'crash':
    case 'recover':
    case 'disconnect':
    case 'reconnect':
      toLeader(run, cmd.node, { type: cmd.type, at: time }, true);
      if (cmd.type === 'crash') leaderDown(run, cmd.node);
      if (cmd.type === 'recover') nodeRecovered(run, cmd.node);
      refreshLinks(run, (l) => l.a === cmd.node || l.b === cmd.node);
      return undefined;
    case 'destroy':
      destroyNode(run, cmd.node);
      return undefined;
    case 'set-clock-skew':
      toLeader(run, cmd.node, { type: 'set-clock-skew', at: time, skewMs: cmd.skewMs }, true);
      return undefined;
  }
}

/** Why a write at `node` would be refused right now, or null. */
export function rejection(run: Run, node: NodeId): { code: RejectCode; reason: string } | null {
  const { config, labels } = run;
  const label = labels[node] ?? node;
  if (leaderCtx(run, node).status === 'crashed') {
    return { code: 'node-crashed', reason: `${label} has crashed: it accepts no writes until it recovers.` };
  }
  if (leaderCtx(run, node).status === 'destroyed') {
    return { code: 'node-destroyed', reason: `${label} was destroyed: it is gone for good and accepts no writes.` };
  }
  if (config.mode === 'single-leader' && node !== run.leader) {
    const leader = run.leader as NodeId;
    if (!isOpen(run, linkCtx(run, linkId(node, leader)), node, leader)) {
      const why =
        leaderCtx(run, leader).status !== 'online'
          ? `the leader ${labels[leader] ?? leader} is down`
          : `${label} cannot reach the leader ${labels[leader] ?? leader}`;
      return { code: 'leader-unavailable', reason: `Single-leader: ${why}, so no write can be accepted.` };
    }
  }
  return null;
}

function applyWrite(run: Run, node: NodeId, key: string, op: WriteOp, context: VersionVector | undefined): WriteResult {
  const { config, time } = run;
  if (config.mode === 'single-leader' && node !== run.leader) {
    // A follower forwards its client's write to the leader, which answers with an ack.
    const leader = run.leader as NodeId;
    const refused = rejection(run, node);
    if (refused) return reject(run, node, key, op, refused.code, refused.reason);
    run.requestSeq += 1;
    const writeId = `${node}#${String(run.requestSeq)}`;
    emit(run, { type: 'forward', at: time, node, writeId, key, op, to: leader });
    enqueue(run, node, {
      to: leader,
      kind: 'request',
      request: { writeId, client: node, key, op, requestedAt: time },
    });
    return { ok: true, writeId };
  }
  const events: SimEvent[] = [];
  run.capture = events;
  try {
    toLeader(run, node, { type: 'write', at: time, key, op, client: node, ...(context ? { context } : {}) }, true);
  } finally {
    run.capture = null;
  }
  return writeOutcome(events, node);
}

function reject(run: Run, node: NodeId, key: string, op: WriteOp, code: RejectCode, reason: string): WriteResult {
  emit(run, { type: 'reject', at: run.time, node, key, op, code, reason });
  return { ok: false, code, reason };
}

function writeOutcome(events: readonly SimEvent[], node: NodeId): WriteResult {
  for (const ev of events) {
    if (ev.type === 'forward' || (ev.type === 'write' && ev.client === node)) return { ok: true, writeId: ev.writeId };
    if (ev.type === 'reject') return { ok: false, code: ev.code, reason: ev.reason };
  }
  return { ok: false, code: 'invalid-op', reason: 'the write had no effect' };
}
