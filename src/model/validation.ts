/**
 * Checking a call's arguments before it touches the run, so a refused call changes nothing:
 * the throwing checks behind the commands and `advance`/`seek`, and the answers a refused
 * write gets. (The config is validated once, in config.ts.)
 */

import { invalidOpReason } from '../core/keyTypes';
import { descends, formatVv } from '../core/vv';
import { rejection } from './commands';
import { MAX_TIME } from './delivery';
import { SimulationError } from './errors';
import { hasRecordedFuture } from './journal';
import { leaderCtx, type Run } from './run';
import { readAt } from './snapshot';
import { linkId } from './topology';
import type { NodeId, VersionVector, WriteOp, WriteResult } from './types';

/** Throws unknown-node unless `node` is one of the leaders. */
export function requireNode(run: Run, node: NodeId): void {
  if (!run.ids.includes(node))
    throw new SimulationError('unknown-node', `No leader "${node}" (leaders: ${run.ids.join(', ')})`);
}

export function requireLink(run: Run, a: NodeId, b: NodeId): void {
  requireNode(run, a);
  requireNode(run, b);
  if (!run.plan.links.some((l) => l.id === linkId(a, b))) {
    throw new SimulationError(
      'unknown-link',
      `No link between "${a}" and "${b}" in this ${run.config.topology.kind} topology`,
    );
  }
}

export function requireKey(run: Run, key: string): void {
  if (!Object.hasOwn(run.config.keys, key)) {
    throw new SimulationError('unknown-key', `No key "${key}" (keys: ${Object.keys(run.config.keys).join(', ')})`);
  }
}

/** A time (or a span of time) the clock can count exactly: 0 to MAX_TIME. */
export function requireTime(name: string, t: number): void {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > MAX_TIME) {
    throw new SimulationError(
      'invalid-argument',
      `${name} must be a number from 0 to ${String(MAX_TIME)} (Number.MAX_SAFE_INTEGER), got ${String(t)}`,
    );
  }
}

/** `advance(ms)` from now must not carry the clock past MAX_TIME. */
export function requireAdvance(run: Run, ms: number): void {
  requireTime('advance', ms);
  if (run.time + ms > MAX_TIME) {
    throw new SimulationError(
      'invalid-argument',
      `advance(${String(ms)}) would carry the clock from ${String(run.time)} past ${String(MAX_TIME)} ms (Number.MAX_SAFE_INTEGER)`,
    );
  }
}

export function requireStatus(run: Run, node: NodeId, allowed: readonly string[], action: string): void {
  requireNode(run, node);
  const status = leaderCtx(run, node).status;
  if (!allowed.includes(status)) {
    throw new SimulationError('invalid-state', `Cannot ${action} ${run.labels[node] ?? node}: it is ${status}`);
  }
}

export function requireLatency(latencyMs: number): void {
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 1 || latencyMs > 600_000) {
    throw new SimulationError('invalid-argument', `latency must be from 1 to 600,000 ms, got ${String(latencyMs)}`);
  }
}

export function requireSkew(skewMs: number): void {
  if (typeof skewMs !== 'number' || !Number.isFinite(skewMs) || Math.abs(skewMs) > 3_600_000) {
    throw new SimulationError(
      'invalid-argument',
      `clock skew must be a finite number of ms within ±1 h, got ${String(skewMs)}`,
    );
  }
}

function isVersionVector(run: Run, c: unknown): c is VersionVector {
  return (
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    Object.entries(c).every(([k, n]) => run.ids.includes(k) && Number.isSafeInteger(n) && (n as number) >= 0)
  );
}

/**
 * The answer to a write refused before it is recorded (an unknown node or key, an op the
 * key's type or the strategy refuses, a context naming unseen writes), or null to go ahead.
 */
export function writeRefusal(
  run: Run,
  node: NodeId,
  key: string,
  op: WriteOp,
  context: VersionVector | undefined,
): WriteResult | null {
  const { config, labels } = run;
  if (!run.ids.includes(node)) return { ok: false, code: 'unknown-node', reason: `No leader "${node}"` };
  if (context !== undefined && !isVersionVector(run, context)) {
    return { ok: false, code: 'invalid-op', reason: 'A write context must be a version vector: { nodeId: count }' };
  }
  const type = Object.hasOwn(config.keys, key) ? config.keys[key] : undefined;
  if (type === undefined)
    return {
      ok: false,
      code: 'unknown-key',
      reason: `No key "${key}" (keys: ${Object.keys(config.keys).join(', ')})`,
    };
  const why = invalidOpReason(type, op, readAt(run, node, key).value) ?? run.env.strategy.refuses?.(type, op) ?? null;
  if (why !== null) return { ok: false, code: 'invalid-op', reason: `Cannot write ${key}: ${why}` };
  // A context is what a client read here: it cannot name writes this leader has not seen.
  const known = leaderCtx(run, node).keys[key]?.vv ?? {};
  if (context !== undefined && !descends(known, context)) {
    return {
      ok: false,
      code: 'invalid-op',
      reason: `Cannot write ${key}: the context ${formatVv(context)} names writes ${labels[node] ?? node} has not seen for this key (it knows ${formatVv(known)})`,
    };
  }
  // A write that will be refused must not fork away a recorded future: answer, record nothing.
  const refused = rejection(run, node);
  if (refused && hasRecordedFuture(run)) return { ok: false, ...refused };
  return null;
}
