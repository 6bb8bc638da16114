import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationConfig, type StrategyConfig, type TableRow } from '../../src/model';
import { createTable, nextAutoIncrement, type TablePayload, type TableState } from '../../src/strategies/table';
import type { WriteMeta } from '../../src/strategies/types';
import { eventsOf, values } from '../model/fixtures';

const two = (
  nodes: SimulationConfig['nodes'],
  strategy: StrategyConfig = { kind: 'lww' },
  rowConflicts: SimulationConfig['rowConflicts'] = 'spock',
) =>
  createSimulation(
    { seed: 1, nodes, keys: { orders: 'table' }, latencyMs: 100, strategy, rowConflicts },
    { verifyReplay: true },
  );

describe('the auto-increment trap', () => {
  // semantics.md, MySQL compute_next_insert_id: next = floor((max + inc − off) / inc) × inc + off.
  it('follows MySQL’s formula: increment 10, offset 5, existing 1, 11, 21, 31 → 35, 45, 55, 65', () => {
    const ids: number[] = [];
    let max = 31;
    for (let i = 0; i < 4; i++) ids.push((max = nextAutoIncrement(max, 10, 5)));
    expect(ids).toEqual([35, 45, 55, 65]);
    expect(nextAutoIncrement(0, 1, 1)).toBe(1);
    expect(nextAutoIncrement(7, 1, 1)).toBe(8);
  });

  it('gives the manual’s ids through the model, on a leader with increment 10 and offset 5', () => {
    const s = two([
      { id: 'n', autoIncrement: { increment: 10, offset: 1 } },
      { id: 'm', autoIncrement: { increment: 10, offset: 5 } },
    ]);
    for (const v of ['a', 'b', 'c', 'd']) s.write('n', 'orders', { type: 'insertRow', value: v });
    s.runUntilQuiescent();
    for (const v of ['e', 'f', 'g', 'h']) s.write('m', 'orders', { type: 'insertRow', value: v });
    s.runUntilQuiescent();
    const rows = s.read('n', 'orders').value as readonly TableRow[];
    expect(rows.map((r) => r.id)).toEqual([1, 11, 21, 31, 35, 45, 55, 65]);
    expect(values(s, 'orders').n).toEqual(values(s, 'orders').m);
  });

  it.each<StrategyConfig>([{ kind: 'lww' }, { kind: 'merge' }, { kind: 'crdt' }, { kind: 'custom', on: 'read' }])(
    'with plain auto-increment two leaders hand out the same id: under MySQL’s rules a duplicate-key conflict, and the tables differ (%o)',
    (strategy) => {
      const s = two([{ id: 'eu' }, { id: 'us' }], strategy, 'mysql');
      s.write('eu', 'orders', { type: 'insertRow', value: 'eu order' });
      s.write('us', 'orders', { type: 'insertRow', value: 'us order' });
      s.runUntilQuiescent();
      expect(s.read('eu', 'orders').value).toEqual([{ id: 1, value: 'eu order' }]);
      expect(s.read('us', 'orders').value).toEqual([{ id: 1, value: 'us order' }]);
      expect(s.snapshot().converged.orders).toBe(false);
      const conflicts = eventsOf(s.history(), 'conflict');
      expect(conflicts.map((c) => [c.node, c.discarded])).toEqual([
        ['us', ['eu:1']],
        ['eu', ['us:1']],
      ]);
      expect(conflicts[0]?.explanation).toMatch(/^Duplicate entry '1' for key 'PRIMARY'.*error 1062/);
    },
  );

  it.each<StrategyConfig>([{ kind: 'lww' }, { kind: 'merge' }, { kind: 'crdt' }, { kind: 'custom', on: 'read' }])(
    'with plain auto-increment under Spock’s rules the duplicate id is insert_exists, one row wins everywhere (%o)',
    (strategy) => {
      const s = two([{ id: 'eu' }, { id: 'us' }], strategy);
      s.write('eu', 'orders', { type: 'insertRow', value: 'eu order' });
      s.write('us', 'orders', { type: 'insertRow', value: 'us order' });
      s.runUntilQuiescent();
      expect(s.read('eu', 'orders').value).toEqual([{ id: 1, value: 'eu order' }]);
      expect(s.read('us', 'orders').value).toEqual([{ id: 1, value: 'eu order' }]);
      expect(s.snapshot().converged.orders).toBe(true);
      expect(eventsOf(s.history(), 'conflict').map((c) => [c.node, c.kind, c.discarded])).toEqual([
        ['us', 'insert-insert', ['us:1']],
        ['eu', 'insert-insert', ['us:1']],
      ]);
    },
  );

  it('with a shared increment and an offset per leader, ids never collide and the tables agree', () => {
    const s = two([
      { id: 'eu', autoIncrement: { increment: 2, offset: 1 } },
      { id: 'us', autoIncrement: { increment: 2, offset: 2 } },
    ]);
    for (let i = 0; i < 5; i++) {
      s.write('eu', 'orders', { type: 'insertRow', value: `eu${String(i)}` });
      s.write('us', 'orders', { type: 'insertRow', value: `us${String(i)}` });
      s.advance(30);
    }
    s.runUntilQuiescent();
    const ids = (s.read('eu', 'orders').value as readonly TableRow[]).map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
    expect(values(s, 'orders').eu).toEqual(values(s, 'orders').us);
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
    expect(s.snapshot().converged.orders).toBe(true);
  });

  it('refuses an offset above the increment, as MySQL’s behaviour there is unreliable', () => {
    expect(() => two([{ id: 'eu', autoIncrement: { increment: 2, offset: 3 } }])).toThrow(
      /auto-increment offset must not exceed the increment/,
    );
  });
});

describe('a remote delete of a row that is there (spock_apply_heap_delete → try_resolve_conflict)', () => {
  const meta = (
    writeId: string,
    origin: string,
    seq: number,
    physical: number,
    vv: Record<string, number>,
  ): WriteMeta => ({
    writeId,
    origin,
    seq,
    stamp: { physical, hlc: { l: physical, c: 0 } },
    vv,
    writtenAt: physical,
  });
  /** Frankfurt's table after its insert (100 ms) and its own update of row 1 at `updatedAt`. */
  function updatedAtEu(rowConflicts: 'spock' | 'mysql', updatedAt: number) {
    const t = createTable({ labels: { eu: 'Frankfurt', us: 'Virginia' }, rowConflicts });
    const base = { type: 'table' as const, key: 'orders', node: 'eu' };
    const ins = t.local({
      ...base,
      state: t.init('table'),
      op: { type: 'insertRow', value: 'new' },
      write: meta('eu:1', 'eu', 1, 100, { eu: 1 }),
    });
    const upd = t.local({
      ...base,
      state: ins.state,
      op: { type: 'updateRow', id: 1, value: 'shipped' },
      write: meta('eu:2', 'eu', 2, updatedAt, { eu: 2 }),
    });
    // Virginia had the insert, not the update, when it deleted the row at 200 ms.
    const del = (state: TableState) =>
      t.remote({
        ...base,
        state,
        payload: { op: 'delete', id: 1, seen: { eu: 1, us: 1 } } satisfies TablePayload,
        write: meta('us:1', 'us', 1, 200, { eu: 1, us: 1 }),
        relation: 'concurrent',
        from: 'us',
      });
    return del(upd.state);
  }

  it('skips a delete stamped before the row’s last change (delete_exists), naming the delete as discarded', () => {
    const out = updatedAtEu('spock', 300);
    expect(out.state.rows.map((r) => [r.id, r.value])).toEqual([[1, 'shipped']]);
    expect(out.conflict).toMatchObject({ kind: 'update-delete', discarded: ['us:1'] });
    expect(out.conflict?.explanation).toMatch(/delete_exists.*spock_conflict\.c|spock_conflict\.c.*delete_exists/);
  });

  it('applies a delete stamped after it, discarding the update it had not seen', () => {
    const out = updatedAtEu('spock', 150);
    expect(out.state.rows).toEqual([]);
    expect(out.conflict).toMatchObject({ kind: 'update-delete', discarded: ['eu:2'] });
  });

  it('with MySQL’s rules applies the delete whatever the timestamps', () => {
    const out = updatedAtEu('mysql', 300);
    expect(out.state.rows).toEqual([]);
    expect(out.conflict).toMatchObject({ kind: 'update-delete', discarded: ['eu:2'] });
  });
});
