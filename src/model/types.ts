/**
 * Public, plain-data types of the simulation: its config, events, messages and snapshot.
 * Everything here is JSON-serializable: no classes, no functions, no Maps. The shared
 * vocabulary (leaders, keys, values, stamps) lives in src/core/types.ts and the strategy
 * configs in src/strategies; both are re-exported here, so the model's users import one module.
 */
export type * from '../core/types';
export type {
  CrdtStrategyConfig,
  CustomResolverName,
  CustomStrategyConfig,
  LwwClock,
  LwwGranularity,
  LwwStrategyConfig,
  LwwTieBreak,
  MergeStrategyConfig,
  OtStrategyConfig,
  StrategyConfig,
} from '../strategies/catalog';
import type { StrategyConfig } from '../strategies/catalog';
import type {
  ConflictKind,
  ConflictVersion,
  Hlc,
  KeyType,
  LatencyConfig,
  NodeConfig,
  RowConflictRules,
  NodeId,
  Stamp,
  TopologyConfig,
  Value,
  VersionVector,
  WriteOp,
} from '../core/types';

export interface SimulationConfig {
  seed?: number;
  nodes: readonly NodeConfig[];
  topology?: TopologyConfig;
  latencyMs?: number | LatencyConfig;
  keys: Readonly<Record<string, KeyType>>;
  strategy?: StrategyConfig;
  causalDelivery?: boolean;
  mode?: 'multi-leader' | 'single-leader';
  /** Required in single-leader mode: the one node that accepts writes. */
  leader?: NodeId;
  /**
   * Single-leader mode: promote a follower when the leader has been crashed (or destroyed)
   * for `afterMs`. Without it the cluster waits for the leader to come back.
   */
  failover?: { afterMs: number };
  /**
   * Whose rules settle row conflicts on table keys (default `'spock'`): pgEdge Spock resolves a
   * duplicate key by last update wins; MySQL (`'mysql'`) stops on it (error 1062), the lab skips the row.
   */
  rowConflicts?: RowConflictRules;
}

export type WriteResult = { ok: true; writeId: string } | { ok: false; reason: string; code: RejectCode };

export type RejectCode =
  'unknown-node' | 'unknown-key' | 'invalid-op' | 'node-crashed' | 'node-destroyed' | 'leader-unavailable';

export type NodeStatus = 'online' | 'offline' | 'crashed' | 'destroyed';
export type LinkStatus = 'up' | 'cut';

interface EventBase {
  /** Virtual time in ms. */
  readonly at: number;
  /** The node where it happened (for link events, the first endpoint). */
  readonly node: NodeId;
}

export type SimEvent =
  | (EventBase & {
      type: 'write';
      writeId: string;
      key: string;
      op: WriteOp;
      stamp: Stamp;
      vv: VersionVector;
      /** The node the client wrote to (differs from `node` in single-leader mode). */
      client: NodeId;
      /** For a table key: the row the write touched (an insert's new id from the auto-increment counter). */
      row?: number;
    })
  | (EventBase & { type: 'ack'; writeId: string; latencyMs: number })
  | (EventBase & { type: 'reject'; key: string; op: WriteOp; reason: string; code: RejectCode })
  | (EventBase & { type: 'forward'; writeId: string; key: string; op: WriteOp; to: NodeId })
  | (EventBase & {
      type: 'send';
      msgId: number;
      to: NodeId;
      kind: MessageKind;
      writeId: string;
      origin: NodeId;
      deliverAt: number | null;
    })
  | (EventBase & { type: 'deliver'; msgId: number; from: NodeId; kind: MessageKind; writeId: string; origin: NodeId })
  | (EventBase & { type: 'apply'; writeId: string; key: string; origin: NodeId; value: Value })
  | (EventBase & { type: 'drop'; writeId: string; origin: NodeId; reason: 'own-origin' | 'duplicate' })
  | (EventBase & { type: 'buffer'; writeId: string; waitingFor: string[] })
  | (EventBase & { type: 'anomaly'; writeId: string; key: string; missing: string[]; explanation: string })
  | (EventBase & {
      type: 'conflict';
      key: string;
      strategy: string;
      versions: ConflictVersion[];
      result: Value;
      discarded: string[];
      explanation: string;
      /** What kind of row conflict this is (table keys; see ConflictKind). */
      kind?: ConflictKind;
    })
  | (EventBase & {
      /** Writes gone for good with a leader (failover, a destroyed datacenter): see src/model/lost.ts. */
      type: 'lost';
      writeIds: string[];
      explanation: string;
    })
  | (EventBase & { type: 'cut-link' | 'heal-link'; peer: NodeId })
  | (EventBase & { type: 'set-link-latency'; peer: NodeId; latencyMs: number })
  | (EventBase & { type: 'crash' | 'recover' | 'disconnect' | 'reconnect' | 'destroy' })
  /** Single-leader failover: `to` (also `node`) was promoted after `from` had been down for `afterMs`. */
  | (EventBase & { type: 'failover'; from: NodeId; to: NodeId; explanation: string })
  | (EventBase & { type: 'set-clock-skew'; skewMs: number });

export type SimEventType = SimEvent['type'];

export type MessageKind = 'replicate' | 'request' | 'ack';

/** A write as it travels between leaders. */
export interface WireWrite {
  readonly writeId: string;
  /** The leader that accepted the write and numbered it in its replication log. */
  readonly origin: NodeId;
  readonly seq: number;
  readonly key: string;
  readonly stamp: Stamp;
  /** Per-key version vector of this write. */
  readonly vv: VersionVector;
  /** What the origin had applied when it wrote (per origin, contiguous prefix): causal dependencies. */
  readonly deps: VersionVector;
  /** True (virtual) time the write was made. */
  readonly writtenAt: number;
  /** Strategy-specific payload (for LWW, the new value). */
  readonly payload: unknown;
}

export interface Message {
  readonly id: number;
  readonly kind: MessageKind;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: number;
  /** null while held (link cut, or an endpoint down or offline). */
  readonly deliverAt: number | null;
  /** For 'replicate'. */
  readonly write?: WireWrite;
  /** For 'request' and 'ack' (single-leader mode). */
  readonly request?: { writeId: string; client: NodeId; key: string; op: WriteOp; requestedAt: number };
}

export interface KeySnapshot {
  readonly type: KeyType;
  readonly value: Value;
  readonly conflicts: readonly Value[];
  /** Everything this replica knows of the key: per-key version vector. */
  readonly vv: VersionVector;
  /** The strategy's own per-key state (plain data), for detail panels. */
  readonly state: unknown;
  /** Sizes of that state's metadata (CRDT tags, tombstones, entries), when the strategy reports them. */
  readonly meta: Readonly<Record<string, number>>;
}

export interface NodeSnapshot {
  readonly id: NodeId;
  readonly label: string;
  readonly status: NodeStatus;
  readonly clock: { readonly physical: number; readonly skewMs: number; readonly driftPpm: number };
  readonly hlc: Hlc;
  /** Writes applied per origin (contiguous prefix). */
  readonly applied: VersionVector;
  readonly keys: Readonly<Record<string, KeySnapshot>>;
  /** Writes held back by causal delivery, waiting for their dependencies. */
  readonly buffered: readonly string[];
}

export interface LinkSnapshot {
  readonly id: string;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly status: LinkStatus;
  readonly latencyMs: number;
  /** Only these directions carry traffic (a ring runs one way). */
  readonly directions: readonly (readonly [NodeId, NodeId])[];
}

export interface Snapshot {
  readonly time: number;
  /** The latest virtual time recorded; seek can go anywhere in [0, horizon]. */
  readonly horizon: number;
  readonly seed: number;
  readonly mode: 'multi-leader' | 'single-leader';
  /** The leader now: single-leader mode's configured leader, or the one failover promoted; null in multi-leader mode. */
  readonly leader: NodeId | null;
  readonly strategy: StrategyConfig;
  readonly topology: TopologyConfig;
  readonly causalDelivery: boolean;
  readonly nodes: readonly NodeSnapshot[];
  readonly links: readonly LinkSnapshot[];
  readonly messages: readonly Message[];
  /** Nothing deliverable is in flight. */
  readonly quiescent: boolean;
  /** Virtual time from which `history()` is complete (0 unless a long session was compacted). */
  readonly historyFrom: number;
  /** Per key: nothing in flight or held and every replica reads the same. */
  readonly converged: Readonly<Record<string, boolean>>;
}
