/**
 * The shared vocabulary of the model and the strategies: leaders, key types and their
 * operations and values, stamps and version vectors. Plain, JSON-serializable data only.
 * Both src/strategies and src/model import from here. The strategy configs live with their
 * strategies (src/strategies/catalog.ts), which declare their options.
 */

export type NodeId = string;
export type KeyType = 'register' | 'set' | 'counter' | 'text' | 'table' | 'record';

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
/**
 * Insert a row into a table key (the leader gives it an id from its own auto-increment
 * counter), update a row's value, or delete a row, by id.
 */
export type TableOp =
  | { type: 'insertRow'; value: string }
  | { type: 'updateRow'; id: number; value: string }
  | { type: 'deleteRow'; id: number };
/** Set one named field of a record key (`null` clears it). */
export type RecordOp = { type: 'set-field'; field: string; value: string | null };
export type WriteOp = RegisterOp | SetOp | CounterOp | TextOp | ReplaceOp | TableOp | RecordOp;

/** register → string | null; set → sorted string[]; counter → number; text → string */
export interface TableRow {
  readonly id: number;
  readonly value: string;
}
/** A record's value: its named string fields, in name order; a field that is not set is absent. */
export type RecordValue = Readonly<Record<string, string>>;
/**
 * register → string | null; set → sorted string[]; counter → number; text → string;
 * table → rows sorted by id; record → its fields ({} when none is set)
 */
export type Value = string | null | readonly string[] | number | readonly TableRow[] | RecordValue;

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

/**
 * Which database's rules settle row conflicts on a table key: `spock` (pgEdge Spock: a duplicate
 * key is insert_exists, applied as an update when its commit timestamp is later) or `mysql`
 * (MySQL's replication: a duplicate key is error 1062 and the row is skipped). Updates and
 * deletes follow Spock in both.
 */
export type RowConflictRules = 'spock' | 'mysql';
export const ROW_CONFLICT_RULES = ['spock', 'mysql'] as const satisfies readonly RowConflictRules[];

export interface LatencyConfig {
  base: number;
  jitter?: number;
  /** Per-link base latency, keyed "a-b" (either order). */
  links?: Readonly<Record<string, number>>;
}

/**
 * The kind of a row conflict on a table key, after pgEdge Spock's conflict types:
 * `insert-insert` (two leaders inserted the same id: Spock's insert_exists, MySQL's error 1062),
 * `update-missing` (an update arrived before its row: Spock's update_missing, an error it logs),
 * `update-delete` (a row updated on one leader and deleted on another, concurrently),
 * `update-update` (two leaders updated one row concurrently: last update wins) and
 * `delete-missing` (a delete arrived before its row: Spock's delete_missing, skipped).
 */
export const CONFLICT_KINDS = [
  'insert-insert',
  'update-missing',
  'update-delete',
  'update-update',
  'delete-missing',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One competing version in a conflict record. */
export interface ConflictVersion {
  readonly writeId: string | null;
  readonly node: NodeId | null;
  readonly value: Value;
  readonly stamp: Stamp | null;
  readonly vv: VersionVector;
}
