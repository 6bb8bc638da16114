/**
 * Losing a leader: a datacenter destroyed for good, and failover in single-leader mode.
 *
 * - `destroyNode`: the node's queued messages go with it (held ones never left its log), and
 *   every write that only it had applied is named in one `lost` event. A crash is different:
 *   the node comes back with its data.
 * - Failover (semantics.md, "Asynchronous single-leader failover"; MySQL and PostgreSQL
 *   streaming replication): when the leader has been crashed or destroyed for
 *   `config.failover.afterMs`, the online follower that has applied the most writes (ties: the
 *   lower id) is promoted. The old leader's log is discarded, not re-sent: the writes it
 *   acknowledged that the new leader never received are named lost. When it recovers it
 *   rejoins as a follower, rebuilt from the new leader (`pg_rewind`). A partition alone never
 *   triggers failover: a leader that is only unreachable may still be taking writes, and
 *   promoting a second one would be split brain (real systems need fencing or a quorum).
 */

import { refreshLinks, toLeader } from './delivery';
import { emit } from './journal';
import { isApplied } from './leaderReceive';
import { leaderCtx, type Run } from './run';
import type { NodeId } from './types';

/** The ids of the writes `origin` accepted, in its log's order (index i is sequence i + 1). */
function writeIdsOf(run: Run, origin: NodeId): string[] {
  const ids: string[] = [];
  for (const e of run.journal) if (e.type === 'write' && e.node === origin) ids.push(e.writeId);
  return ids;
}

/** The writes `node` applied that none of `others` has. */
function onlyAt(run: Run, node: NodeId, others: readonly NodeId[]): string[] {
  const ctx = leaderCtx(run, node);
  const lost: string[] = [];
  for (const origin of run.ids) {
    const ids = writeIdsOf(run, origin);
    ids.forEach((writeId, i) => {
      const seq = i + 1;
      if (!isApplied(ctx, origin, seq)) return;
      if (others.some((o) => isApplied(leaderCtx(run, o), origin, seq))) return;
      lost.push(writeId);
    });
  }
  return lost;
}

const survivors = (run: Run, except: NodeId): NodeId[] =>
  run.ids.filter((n) => n !== except && leaderCtx(run, n).status !== 'destroyed');

/** The node is gone for good: its messages go, and what only it had applied is lost. */
export function destroyNode(run: Run, node: NodeId): void {
  const label = run.labels[node] ?? node;
  toLeader(run, node, { type: 'destroy', at: run.time }, true);
  run.network.removeWhere((m) => m.from === node || m.to === node);
  refreshLinks(run, (l) => l.a === node || l.b === node);
  const lost = onlyAt(run, node, survivors(run, node));
  if (lost.length > 0) {
    emit(run, {
      type: 'lost',
      at: run.time,
      node,
      writeIds: lost,
      explanation: `${label} was destroyed before any other leader had received ${lost.length === 1 ? 'this write' : 'these writes'}: acknowledged, and gone for good.`,
    });
  }
  leaderDown(run, node);
}

/** The node went down (crashed or destroyed): if it is the leader, failover is due after `afterMs`. */
export function leaderDown(run: Run, node: NodeId): void {
  const { failover } = run.config;
  if (failover === null || node !== run.leader || run.failoverAt !== null) return;
  run.failoverAt = run.time + failover.afterMs;
}

/**
 * The node recovered: the leader back in time cancels the failover; a former leader that
 * holds writes the current leader never got rejoins as a follower, rebuilt from it.
 */
export function nodeRecovered(run: Run, node: NodeId): void {
  if (node === run.leader) {
    run.failoverAt = null;
    return;
  }
  const leader = run.leader;
  if (leader === null || run.config.failover === null) return;
  const own = leaderCtx(run, node).seq;
  const known = leaderCtx(run, leader).applied[node] ?? 0;
  if (own > known) toLeader(run, node, { type: 'rewind', at: run.time, from: leaderCtx(run, leader) }, true);
}

/** Promote a follower now (the pending failover is due). */
export function failOver(run: Run): void {
  const from = run.leader as NodeId;
  run.failoverAt = null;
  const candidates = run.ids.filter((n) => n !== from && leaderCtx(run, n).status === 'online');
  const count = (n: NodeId) => {
    const c = leaderCtx(run, n);
    let total = 0;
    for (const v of Object.values(c.applied)) total += v;
    for (const extra of Object.values(c.appliedExtra)) total += extra.length;
    return total;
  };
  // The most writes applied wins; ties: the lower id.
  const to = [...candidates].sort((a, b) => count(b) - count(a) || (a < b ? -1 : 1))[0];
  if (to === undefined) return;
  const label = (n: NodeId) => run.labels[n] ?? n;
  const afterMs = run.config.failover?.afterMs ?? 0;
  // The old leader's log is discarded: what it had not shipped is never sent. Requests still
  // waiting for it were never executed: their clients get an error.
  const dropped = run.network.removeWhere((m) => m.from === from || (m.to === from && m.kind === 'request'));
  run.leader = to;
  emit(run, {
    type: 'failover',
    at: run.time,
    node: to,
    from,
    to,
    explanation: `${label(from)} had been down for ${String(afterMs)} ms, so ${label(to)}, the follower with the most writes applied, was promoted. ${label(from)} rejoins as a follower when it returns.`,
  });
  for (const m of dropped) {
    if (m.kind !== 'request' || !m.request) continue;
    emit(run, {
      type: 'reject',
      at: run.time,
      node: m.from,
      key: m.request.key,
      op: m.request.op,
      code: 'leader-unavailable',
      reason: `The leader ${label(from)} failed before executing ${m.request.writeId}; the client must retry on ${label(to)}.`,
    });
  }
  const lost = onlyAt(run, from, [to]);
  if (lost.length > 0) {
    emit(run, {
      type: 'lost',
      at: run.time,
      node: from,
      writeIds: lost,
      explanation: `${label(from)} acknowledged ${lost.length === 1 ? 'this write' : 'these writes'} but failed before ${label(to)} received ${lost.length === 1 ? 'it' : 'them'}: asynchronous replication, so the promoted follower never had ${lost.length === 1 ? 'it' : 'them'}. When ${label(from)} returns it is rewound (pg_rewind) and ${lost.length === 1 ? 'it is' : 'they are'} gone.`,
    });
  }
}
