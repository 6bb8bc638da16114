/**
 * The seam every conflict-resolution strategy plugs into. A strategy is a set of pure
 * functions over plain data: the per-key state it keeps on each replica (`S`) and the
 * payload a write carries between leaders (`P`). It never sees the view or the actors.
 */

import type {
  ConflictKind,
  ConflictVersion,
  KeyType,
  NodeId,
  ReadResult,
  RowConflictRules,
  Stamp,
  Value,
  VersionVector,
  WriteOp,
} from '../core/types';
import type { Relation } from '../core/vv';
import type { StrategyConfig } from './catalog';

/** What a strategy knows of a write besides its operation: who, when, and what it had seen. */
export interface WriteMeta {
  readonly writeId: string;
  /** The leader that accepted the write. */
  readonly origin: NodeId;
  readonly seq: number;
  readonly stamp: Stamp;
  /** Per-key version vector of the write. */
  readonly vv: VersionVector;
  /** True (virtual) time of the write: the lab is omniscient, so explanations can name clock skew. */
  readonly writtenAt: number;
}

export interface ConflictInfo {
  /** Row conflicts only: which kind (see ConflictKind). */
  readonly kind?: ConflictKind;
  readonly versions: ConflictVersion[];
  readonly result: Value;
  /** Writes whose effect is lost. */
  readonly discarded: string[];
  /** One plain-English sentence a student can read. */
  readonly explanation: string;
}

export interface LocalInput<S> {
  readonly state: S;
  readonly type: KeyType;
  readonly key: string;
  readonly op: WriteOp;
  readonly write: WriteMeta;
  readonly node: NodeId;
  /** The causal context the client read before writing; absent: everything this replica holds. */
  readonly context?: VersionVector;
  /** The leaders this write is sent to. */
  readonly sendTo?: readonly NodeId[];
}

export interface RemoteInput<S, P> {
  readonly state: S;
  readonly type: KeyType;
  readonly key: string;
  readonly payload: P;
  readonly write: WriteMeta;
  /** How the incoming write's version vector relates to what this replica already knew of the key. */
  readonly relation: Relation;
  readonly node: NodeId;
  /** The leader the message came from (not always the origin: a hub forwards). */
  readonly from: NodeId;
  /** Where this leader will forward the write. */
  readonly relayTo?: readonly NodeId[];
}

export interface StepResult<S> {
  readonly state: S;
  readonly conflict?: ConflictInfo;
  /** Per-destination payloads when they differ (OT channels); else everyone gets `payload`. */
  readonly payloadFor?: Readonly<Record<NodeId, unknown>>;
  /** Per-destination payloads for forwarding a received write (a hub's transformed edit). */
  readonly relayPayloadFor?: Readonly<Record<NodeId, unknown>>;
}

export interface Strategy<S = unknown, P = unknown> {
  /** The registry name, e.g. 'lww'. */
  readonly kind: string;
  /** Human name for logs, e.g. 'last write wins (physical clock, higher node id)'. */
  readonly title: string;
  init(type: KeyType): S;
  local(input: LocalInput<S>): StepResult<S> & { readonly payload: P; readonly row?: number };
  remote(input: RemoteInput<S, P>): StepResult<S>;
  /** The value a reader sees; `context` defaults to the replica's version vector. */
  read(state: S, type: KeyType, key: string): Omit<ReadResult, 'context'> & { context?: ReadResult['context'] };
  /**
   * For counters: the writes whose increments the current value carries, or null when it
   * carries every increment it has seen (CRDTs). Lets tests and lessons name lost writes.
   */
  contributors?(state: S, type: KeyType, key: string): readonly string[] | null;
  /** Why this strategy cannot take `op` on a key of `type` (e.g. resolve on a CRDT counter), or null. */
  refuses?(type: KeyType, op: WriteOp): string | null;
  /** Metadata sizes of the per-key state (tags, tombstones, entries), for lessons on growth. */
  inspect?(state: S, type: KeyType): Readonly<Record<string, number>>;
}

export interface StrategyContext {
  /** Display labels of the leaders, for explanations. */
  readonly labels: Readonly<Record<NodeId, string>>;
  /** Leader priorities, for the datacenter-priority resolver. */
  readonly priorities?: Readonly<Record<NodeId, number>>;
  /** Resolvers registered in code (createSimulation's options), by name. */
  readonly resolvers?: Readonly<Record<string, Resolver>>;
  /** The leader that orders edits for OT: the star's hub, or the lower id of two leaders. */
  readonly server?: NodeId;
  /** Each leader's auto-increment settings, for table keys. */
  readonly autoIncrement?: Readonly<Record<NodeId, { readonly increment: number; readonly offset: number }>>;
  /** Whose rules settle row conflicts on table keys (default: pgEdge Spock's). */
  readonly rowConflicts?: RowConflictRules;
  /** Merge functions registered in code, by their registered name (a merge config names them per key). */
  readonly merges?: Readonly<Record<string, MergeFunction>>;
}

/** One version as a resolver sees it. */
export interface VersionView {
  readonly value: Value;
  readonly node: NodeId;
  readonly writeId: string;
  readonly stamp: Stamp;
  readonly priority: number;
}

/**
 * Picks the winner of two concurrent versions. It must be deterministic and pick the same
 * winner whatever the order of its arguments, so every leader reaches the same answer.
 */
export type Resolver = (a: VersionView, b: VersionView) => VersionView;

/** Merges two concurrent values of a key into one (commutative and associative, please). */
export type MergeFunction = (a: Value, b: Value) => Value;

export type StrategyFactory<C extends StrategyConfig = StrategyConfig> = (config: C, ctx: StrategyContext) => Strategy;
