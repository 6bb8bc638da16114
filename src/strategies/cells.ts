/**
 * A key made of cells, each a register of its own: a record's fields, or a set's items.
 * Cassandra stores a row this way (`db/rows/Cells.java`: each column, and each element of a
 * `set<text>`, is a cell with its own timestamp), so last write wins per cell keeps
 * concurrent writes to different fields, and concurrent adds of different items. A CRDT map
 * of registers (LWW or MV per field) is the same shape. `inner` is a register strategy; a
 * write becomes one register write per cell it touches (set-field: one; a replace: every
 * field that changes), and carries one payload per cell.
 */

import { canonicalRecord } from '../core/keyTypes';
import type { KeyType, RecordValue, Value, VersionVector, WriteOp } from '../core/types';
import { merge } from '../core/vv';
import type { ConflictInfo, Strategy, StepResult } from './types';

export interface CellsState {
  /** Cell name (a field, or a set's item) → the register strategy's state for it. */
  readonly cells: Readonly<Record<string, unknown>>;
  /**
   * Cell name → the writes to that cell this replica has had, with what each had seen of it:
   * a cell write's causal context. Not the key's version vector: without causal delivery a
   * leader hears of a write to one field through a write to another, which carries nothing of
   * it, and a write to the first field made then has not seen it (Shapiro et al. 2011: a map's
   * entries keep their own causal histories).
   */
  readonly seen?: Readonly<Record<string, VersionVector>>;
}

/** Per cell: the register strategy's payload, and the cell write's causal context. */
export interface CellsPayload {
  readonly cells: Readonly<Record<string, unknown>>;
  readonly seen: Readonly<Record<string, VersionVector>>;
}

type RegisterOp = { type: 'set'; value: string } | { type: 'delete' };

const setOrDelete = (value: string | null): RegisterOp =>
  value === null ? { type: 'delete' } : { type: 'set', value };

/** The register writes an operation makes, one per cell, given the key's value now. */
function cellOps(type: KeyType, op: WriteOp, current: Value): [string, RegisterOp][] {
  if (type === 'record') {
    if (op.type === 'set-field') return [[op.field, setOrDelete(op.value)]];
    if (op.type === 'replace') {
      const now = current as RecordValue;
      const next = canonicalRecord(op.value as RecordValue);
      const names = [...new Set([...Object.keys(now), ...Object.keys(next)])].sort();
      return names
        .filter((f) => now[f] !== next[f])
        .map((f) => [f, setOrDelete(Object.hasOwn(next, f) ? (next[f] as string) : null)]);
    }
    return [];
  }
  // A set: an item is a cell holding the item while present (Cassandra's set<text>).
  if (op.type === 'add') return [[op.item, { type: 'set', value: op.item }]];
  if (op.type === 'remove') return [[op.item, { type: 'delete' }]];
  if (op.type === 'replace') {
    const now = new Set(current as readonly string[]);
    const next = new Set(op.value as readonly string[]);
    return [...new Set([...now, ...next])]
      .sort()
      .filter((i) => now.has(i) !== next.has(i))
      .map((i) => [i, next.has(i) ? { type: 'set', value: i } : { type: 'delete' }]);
  }
  return [];
}

const own = <T>(o: Readonly<Record<string, T>>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

/** One conflict record for a write that met conflicts in several cells. */
function combine(parts: readonly [string, ConflictInfo][], type: KeyType, result: Value): ConflictInfo | undefined {
  if (parts.length === 0) return undefined;
  const what = (cell: string) => (type === 'record' ? `Field ${cell}` : `Item "${cell}"`);
  return {
    versions: parts.flatMap(([, c]) => c.versions),
    result,
    discarded: [...new Set(parts.flatMap(([, c]) => c.discarded))].sort(),
    explanation: parts.map(([cell, c]) => `${what(cell)}: ${c.explanation}`).join(' '),
  };
}

export interface CellOptions {
  readonly kind: string;
  readonly title: string;
  /** Appended to every conflict's explanation: the rule that resolved it, per cell. */
  readonly rule: string;
}

/**
 * A record or set key as cells, each resolved by the register strategy `inner`.
 * @example cellStrategy(createLww({ kind: 'lww' }, ctx), { kind: 'lww', title: '…', rule: '…' })
 */
export function cellStrategy(inner: Strategy, options: CellOptions): Strategy<CellsState, CellsPayload> {
  const cellState = (state: CellsState, cell: string): unknown => own(state.cells, cell) ?? inner.init('register');

  function value(state: CellsState, type: KeyType): Value {
    const shown: Record<string, string | null> = {};
    for (const cell of Object.keys(state.cells)) {
      shown[cell] = inner.read(own(state.cells, cell), 'register', cell).value as string | null;
    }
    if (type === 'record') return canonicalRecord(shown);
    return Object.keys(shown)
      .filter((i) => shown[i] !== null)
      .sort();
  }

  function finish(
    state: CellsState,
    type: KeyType,
    conflicts: [string, ConflictInfo][],
  ): Pick<StepResult<CellsState>, 'conflict'> {
    const conflict = combine(
      conflicts.map(([cell, c]) => [cell, { ...c, explanation: `${c.explanation} ${options.rule}` }]),
      type,
      value(state, type),
    );
    return conflict ? { conflict } : {};
  }

  return {
    kind: options.kind,
    title: options.title,
    init: () => ({ cells: {}, seen: {} }),
    local(input) {
      const { state, type, write } = input;
      const cells: Record<string, unknown> = { ...state.cells };
      const seen: Record<string, VersionVector> = { ...state.seen };
      const payload = { cells: {} as Record<string, unknown>, seen: {} as Record<string, VersionVector> };
      const conflicts: [string, ConflictInfo][] = [];
      const dot = { [write.origin]: write.vv[write.origin] ?? 0 };
      for (const [cell, op] of cellOps(type, input.op, value(state, type))) {
        // What this write had seen of the cell: the cell's writes here, and its own dot.
        const vv = merge(own(seen, cell) ?? {}, dot);
        const step = inner.local({
          ...input,
          state: cellState(state, cell),
          type: 'register',
          op,
          write: { ...write, vv },
        });
        cells[cell] = step.state;
        seen[cell] = vv;
        payload.cells[cell] = step.payload;
        payload.seen[cell] = vv;
        if (step.conflict) conflicts.push([cell, step.conflict]);
      }
      const next = { cells, seen };
      return { state: next, payload, ...finish(next, type, conflicts) };
    },
    remote(input) {
      const { state, type } = input;
      const cells: Record<string, unknown> = { ...state.cells };
      const seen: Record<string, VersionVector> = { ...state.seen };
      const conflicts: [string, ConflictInfo][] = [];
      for (const cell of Object.keys(input.payload.cells)) {
        const vv = own(input.payload.seen, cell) ?? input.write.vv;
        const step = inner.remote({
          ...input,
          state: cellState(state, cell),
          type: 'register',
          payload: own(input.payload.cells, cell),
          write: { ...input.write, vv },
        });
        cells[cell] = step.state;
        seen[cell] = merge(own(seen, cell) ?? {}, vv);
        if (step.conflict) conflicts.push([cell, step.conflict]);
      }
      const next = { cells, seen };
      return { state: next, ...finish(next, type, conflicts) };
    },
    read(state, type) {
      const shown = value(state, type);
      if (type !== 'record') return { value: shown, conflicts: [] };
      // Each other value a field still holds (an MV register's siblings) is one more version.
      const conflicts: Value[] = [];
      for (const cell of Object.keys(state.cells)) {
        for (const alt of inner.read(own(state.cells, cell), 'register', cell).conflicts) {
          conflicts.push(canonicalRecord({ ...(shown as RecordValue), [cell]: alt as string | null }));
        }
      }
      return { value: shown, conflicts };
    },
    inspect: (state) => {
      const cells = Object.keys(state.cells);
      const cleared = cells.filter((c) => inner.read(own(state.cells, c), 'register', c).value === null);
      return { cells: cells.length, tombstones: cleared.length };
    },
  };
}
