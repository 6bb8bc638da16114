/**
 * Public, plain-data types of the simulation. Everything here is JSON-serializable:
 * no classes, no functions, no Maps. The view, lessons and tests see only these.
 */

export type NodeId = string;
export type KeyType = 'register' | 'set' | 'counter' | 'text' | 'table';

/** A version vector: node id → counter. Missing entries are 0. */
export type VersionVector = Readonly<Record<NodeId, number>>;

/** A hybrid logical clock timestamp (Kulkarni et al. 2014): compared as (l, c). */
export interface Hlc {
  readonly l: number;
  readonly c: number;
}

/** Both timestamps a write carries; the LWW strategy picks one by its `clock` option. */
export interface Stamp {
  readonly physical: number;
  readonly hlc: Hlc;
}

export type RegisterOp = { type: 'set'; value: string } | { type: 'delete' };
export type SetOp = { type: 'add'; item: string } | { type: 'remove'; item: string };
export type CounterOp = { type: 'increment'; by: number };
export type TextOp =
  { type: 'insert'; index: number; text: string } | { type: 'delete'; index: number; length: number };
/** Write a whole value of the key's type (what `resolve` sends after reading siblings). */
export type ReplaceOp = { type: 'replace'; value: Value };
/** Insert a row into a table key; the leader gives it an id from its own auto-increment counter. */
export type TableOp = { type: 'insertRow'; value: string };
export type WriteOp = RegisterOp | SetOp | CounterOp | TextOp | ReplaceOp | TableOp;

/** register → string | null; set → sorted string[]; counter → number; text → string */
export interface TableRow {
  readonly id: number;
  readonly value: string;
}
/** register → string | null; set → sorted string[]; counter → number; text → string; table → rows sorted by id */
export type Value = string | null | readonly string[] | number | readonly TableRow[];

export interface ReadResult {
  /** The resolved value this leader shows. */
  readonly value: Value;
  /** Concurrent versions still unresolved (empty when the strategy resolves at once, as LWW does). */
  readonly conflicts: readonly Value[];
  /**
   * The causal context of what was read (a version vector). Pass it to `resolve` or to a
   * write's `context` so the new value supersedes exactly the versions seen here.
   */
  readonly context: VersionVector;
}

export type TopologyConfig =
  | { kind: 'all-to-all' }
  | { kind: 'ring'; order?: readonly NodeId[] }
  | { kind: 'star'; hub: NodeId }
  | { kind: 'custom'; links: readonly (readonly [NodeId, NodeId])[] };

export interface NodeConfig {
  id: NodeId;
  label?: string;
  /** Offset of this leader's physical clock from true (virtual) time, in ms. */
  clockSkewMs?: number;
  /** Rate error of this leader's physical clock, in parts per million. */
  clockDriftPpm?: number;
  /** For the datacenter-priority resolver: the higher wins. */
  priority?: number;
  /** MySQL's auto_increment_increment and auto_increment_offset for table keys (offset ≤ increment). */
  autoIncrement?: { increment: number; offset: number };
}

export interface LatencyConfig {
  base: number;
  jitter?: number;
  /** Per-link base latency, keyed "a-b" (either order). */
  links?: Readonly<Record<string, number>>;
}

export type LwwTieBreak = 'higher-node-id' | 'lower-node-id' | 'larger-value' | 'live-value' | 'apply-remote';
export interface LwwStrategyConfig {
  kind: 'lww';
  clock?: 'physical' | 'hlc';
  tieBreak?: LwwTieBreak;
}
/** Merge values per key type: set union, registers joined, counters to the larger value. */
export interface MergeStrategyConfig {
  kind: 'merge';
}
export type CustomResolverName = 'datacenter-priority' | 'first-writer-wins' | 'longer-text' | 'larger-number';
export type CustomStrategyConfig =
  | {
      kind: 'custom';
      on: 'write';
      /** A preset, or a name registered in createSimulation's options. */ resolver?:
        CustomResolverName | (string & Record<never, never>);
    }
  | { kind: 'custom'; on: 'read' };
/** CRDTs per key type: counter → PN-counter, set → the chosen set, register → the chosen register, text → FugueMax. */
export interface CrdtStrategyConfig {
  kind: 'crdt';
  set?: 'or-set' | 'lww-element-set-add' | 'lww-element-set-remove' | '2p-set';
  register?: 'mv' | 'lww';
}
/** Operational transformation for text keys (server-ordered); other keys use `fallback`. */
export interface OtStrategyConfig {
  kind: 'ot';
  fallback?: 'lww' | 'merge' | 'crdt';
}
/** Strategies are found by `kind` in the registry; more kinds plug in there. */
export type StrategyConfig =
  OtStrategyConfig | LwwStrategyConfig | MergeStrategyConfig | CustomStrategyConfig | CrdtStrategyConfig;

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
}

export type WriteResult = { ok: true; writeId: string } | { ok: false; reason: string; code: RejectCode };

export type RejectCode = 'unknown-node' | 'unknown-key' | 'invalid-op' | 'node-crashed' | 'leader-unavailable';

export type NodeStatus = 'online' | 'offline' | 'crashed';
export type LinkStatus = 'up' | 'cut';

/** One competing version in a conflict record. */
export interface ConflictVersion {
  readonly writeId: string | null;
  readonly node: NodeId | null;
  readonly value: Value;
  readonly stamp: Stamp | null;
  readonly vv: VersionVector;
}

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
    })
  | (EventBase & { type: 'cut-link' | 'heal-link'; peer: NodeId })
  | (EventBase & { type: 'set-link-latency'; peer: NodeId; latencyMs: number })
  | (EventBase & { type: 'crash' | 'recover' | 'disconnect' | 'reconnect' })
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
