/**
 * A table key: rows with auto-increment ids, the same under every strategy (it is the
 * auto-increment trap, not a conflict-resolution choice). Each leader hands out ids from
 * its own counter with MySQL's formula (sql/handler.cc, compute_next_insert_id). With the
 * default increment 1 and offset 1, two leaders that insert concurrently give out the same
 * id: the second row to arrive is a duplicate key. MySQL's replication stops there (error
 * 1062); the lab records the conflict and skips the row, so the tables differ, honestly.
 */

import { byKeyType } from './dispatch';
import type { NodeId, TableRow } from '../core/types';
import type { Strategy, StrategyContext } from './types';

/** A row as a replica stores it: with the write that inserted it. */
export interface StoredRow extends TableRow {
  readonly writeId: string;
  readonly origin: NodeId;
}

export interface TableState {
  readonly rows: readonly StoredRow[];
}

/**
 * The smallest id of the form offset + N × increment above `max`.
 * @example nextAutoIncrement(31, 10, 5) === 35
 */
export function nextAutoIncrement(max: number, increment: number, offset: number): number {
  return Math.floor((max + increment - offset) / increment) * increment + offset;
}

const visible = (rows: readonly StoredRow[]): TableRow[] => rows.map((r) => ({ id: r.id, value: r.value }));

export function createTable(ctx: StrategyContext): Strategy<TableState, StoredRow> {
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  return {
    kind: 'table',
    title: 'auto-increment table',
    init: () => ({ rows: [] }),
    local({ state, op, write }) {
      const value = op.type === 'insertRow' ? op.value : '';
      const { increment, offset } = ctx.autoIncrement?.[write.origin] ?? { increment: 1, offset: 1 };
      const max = state.rows.reduce((m, r) => Math.max(m, r.id), 0);
      const row: StoredRow = {
        id: nextAutoIncrement(max, increment, offset),
        value,
        writeId: write.writeId,
        origin: write.origin,
      };
      return { state: { rows: [...state.rows, row].sort((a, b) => a.id - b.id) }, payload: row };
    },
    remote({ state, payload, node }) {
      const clash = state.rows.find((r) => r.id === payload.id);
      if (!clash) return { state: { rows: [...state.rows, payload].sort((a, b) => a.id - b.id) } };
      if (clash.writeId === payload.writeId) return { state };
      const rowOf = (r: StoredRow) => ({ writeId: r.writeId, node: r.origin, value: r.value, stamp: null, vv: {} });
      return {
        state,
        conflict: {
          versions: [rowOf(clash), rowOf(payload)],
          result: visible(state.rows),
          discarded: [payload.writeId],
          explanation: `Duplicate entry '${String(payload.id)}' for key 'PRIMARY': ${label(clash.origin)} and ${label(payload.origin)} both handed out id ${String(payload.id)}. MySQL's replication would stop here (error 1062); ${label(node)} skips ${label(payload.origin)}'s row, so the tables now differ. Give every leader the same auto_increment_increment and its own auto_increment_offset to prevent it.`,
        },
      };
    },
    read: (state) => ({ value: visible(state.rows), conflicts: [] }),
    inspect: (state) => ({ rows: state.rows.length }),
  };
}

/** Route table keys to the table strategy and every other key to `inner`. */
export function withTables(inner: Strategy, ctx: StrategyContext): Strategy {
  const table = createTable(ctx) as Strategy;
  const pick = (type: string) => (type === 'table' ? table : inner);
  return byKeyType(inner.kind, inner.title, pick);
}
