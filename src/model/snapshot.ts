/**
 * Reading the run: what a client reads from one leader, and the whole state as one frozen,
 * plain-data snapshot (leaders, links, messages in flight, convergence) for the view.
 */

import { physicalTime } from '../core/clocks';
import { valuesEqual } from '../core/keyTypes';
import { deepFreeze } from './freeze';
import { readKey } from './leaderLogic';
import { leaderCtx, linkCtx, type Run } from './run';
import type { KeySnapshot, NodeId, NodeSnapshot, ReadResult, Snapshot } from './types';

/** What a client reading `key` at `node` sees now (frozen). */
export function readAt(run: Run, node: NodeId, key: string): ReadResult {
  return deepFreeze(readKey(run.env, leaderCtx(run, node), key));
}

/** The whole state now, frozen plain data. */
export function snapshot(run: Run): Snapshot {
  const { config, env, time } = run;
  const messages = run.network.all();
  const nodes: NodeSnapshot[] = run.ids.map((n) => {
    const c = leaderCtx(run, n);
    const keys: Record<string, KeySnapshot> = {};
    for (const [k, type] of Object.entries(config.keys)) {
      const r = readKey(env, c, k);
      const replica = c.keys[k];
      const meta = replica ? (env.strategy.inspect?.(replica.state, type) ?? {}) : {};
      keys[k] = { type, value: r.value, conflicts: r.conflicts, vv: replica?.vv ?? {}, state: replica?.state, meta };
    }
    return {
      id: n,
      label: c.label,
      status: c.status,
      clock: { physical: physicalTime(c, time), skewMs: c.skewMs, driftPpm: c.driftPpm },
      hlc: c.hlc,
      applied: c.applied,
      keys,
      buffered: c.buffer.map((w) => w.writeId),
    };
  });
  const converged: Record<string, boolean> = {};
  // A destroyed leader holds nothing any more: convergence is among the others.
  const live = nodes.filter((n) => n.status !== 'destroyed');
  for (const k of Object.keys(config.keys)) {
    const first = live[0]?.keys[k];
    converged[k] =
      !messages.some((m) => m.write?.key === k || m.request?.key === k) &&
      live.every((n) => n.buffered.length === 0 || !leaderCtx(run, n.id).buffer.some((w) => w.key === k)) &&
      live.every((n) => {
        const ks = n.keys[k];
        return (
          first !== undefined &&
          ks !== undefined &&
          valuesEqual(ks.value, first.value) &&
          ks.conflicts.length === first.conflicts.length
        );
      });
  }
  return deepFreeze({
    time,
    horizon: run.horizon,
    seed: config.seed,
    mode: config.mode,
    leader: run.leader,
    strategy: run.strategyConfig,
    topology: config.topology,
    causalDelivery: config.causalDelivery,
    nodes,
    links: run.plan.links.map((l) => {
      const c = linkCtx(run, l.id);
      return { id: l.id, a: l.a, b: l.b, status: c.status, latencyMs: c.latencyMs, directions: c.directions };
    }),
    messages,
    quiescent: !messages.some((m) => m.deliverAt !== null),
    historyFrom: run.offset === 0 ? 0 : (run.journal[0]?.at ?? time),
    converged,
  });
}
