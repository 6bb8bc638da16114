import { describe, expect, it } from 'vitest';
import {
  convergedValues,
  createSimulation,
  lostWriteIds,
  type Simulation,
  type SimulationConfig,
  type TableRow,
} from '../../src/model';
import { eventsOf } from './fixtures';

/**
 * Row conflicts on a table key, resolved as pgEdge Spock resolves them (semantics.md, "Row
 * conflicts"; docs.pgedge.com, Spock "Conflict types"): insert_exists, update_missing (an
 * ERROR Spock logs in spock.exception_log and skips), an update racing a delete (reported as
 * update_missing on the side that deleted), concurrent updates by last update wins (ties: the
 * lower node id), delete_missing (skipped). Every conflict names its kind.
 */

const base = (over: Partial<SimulationConfig> = {}): Simulation =>
  createSimulation(
    {
      seed: 1,
      nodes: [{ id: 'eu' }, { id: 'us', autoIncrement: { increment: 2, offset: 2 } }],
      keys: { orders: 'table' },
      latencyMs: { base: 100, jitter: 0 },
      strategy: { kind: 'lww' },
      ...over,
    },
    { verifyReplay: true },
  );

const rows = (s: Simulation, node: string) => s.read(node, 'orders').value as readonly TableRow[];
const lost = (s: Simulation) => lostWriteIds(s.history(), convergedValues(s.snapshot()));
const written = (s: Simulation, r: ReturnType<Simulation['write']>): string => {
  if (!r.ok) throw new Error(r.reason);
  return r.writeId;
};

describe('updateRow and deleteRow', () => {
  it('replicate in order: a row inserted, updated and deleted on different leaders agrees everywhere', () => {
    const s = base();
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    s.write('us', 'orders', { type: 'updateRow', id: 1, value: 'paid' });
    s.runUntilQuiescent();
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'paid' }]);
    s.write('eu', 'orders', { type: 'deleteRow', id: 1 });
    s.runUntilQuiescent();
    expect([rows(s, 'eu'), rows(s, 'us')]).toEqual([[], []]);
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
    expect(lost(s)).toEqual([]);
  });

  it('name the row they touch in the write event (an insert: the id its leader handed out)', () => {
    const s = base();
    s.write('us', 'orders', { type: 'insertRow', value: 'a' });
    s.write('us', 'orders', { type: 'updateRow', id: 2, value: 'b' });
    expect(eventsOf(s.history(), 'write').map((w) => w.row)).toEqual([2, 2]);
  });

  it('are refused for a row the leader does not have, with the ids it has', () => {
    const s = base();
    s.write('eu', 'orders', { type: 'insertRow', value: 'a' });
    const r = s.write('eu', 'orders', { type: 'updateRow', id: 7, value: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'invalid-op' });
    expect(r.ok ? '' : r.reason).toMatch(/no row 7 here to update \(rows: 1\)/);
    expect(s.write('us', 'orders', { type: 'deleteRow', id: 1 })).toMatchObject({ ok: false });
  });

  it('never reuse a deleted id: the auto-increment counter does not go back (InnoDB)', () => {
    const s = base();
    s.write('eu', 'orders', { type: 'insertRow', value: 'a' });
    s.write('eu', 'orders', { type: 'deleteRow', id: 1 });
    s.write('eu', 'orders', { type: 'insertRow', value: 'b' });
    expect(rows(s, 'eu')).toEqual([{ id: 2, value: 'b' }]);
  });
});

describe('an update racing a delete (Spock: update_missing on the side that deleted, delete_exists where it loses)', () => {
  /** Frankfurt updates row 1 while Virginia deletes it, the link cut; `later` writes 10 ms after the other. */
  function race(later: 'delete' | 'update' | 'tie', rowConflicts: SimulationConfig['rowConflicts'] = 'spock') {
    const s = base({
      nodes: [
        { id: 'eu', label: 'Frankfurt' },
        { id: 'us', label: 'Virginia' },
      ],
      rowConflicts,
    });
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    s.cutLink('eu', 'us');
    let update = '';
    let del = '';
    if (later !== 'update')
      update = written(s, s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'shipped' }));
    if (later === 'update') del = written(s, s.write('us', 'orders', { type: 'deleteRow', id: 1 }));
    if (later !== 'tie') s.advance(10);
    if (later === 'update')
      update = written(s, s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'shipped' }));
    if (later !== 'update') del = written(s, s.write('us', 'orders', { type: 'deleteRow', id: 1 }));
    s.healLink('eu', 'us');
    s.runUntilQuiescent();
    return { s, update, del };
  }

  it('the delete stamped later: the row is gone on every leader, the update lost, and both sides report it', () => {
    const { s, update } = race('delete');
    expect([rows(s, 'eu'), rows(s, 'us')]).toEqual([[], []]);
    expect(s.snapshot().converged.orders).toBe(true);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual(
      expect.arrayContaining([
        ['eu', 'update-delete', [update]],
        ['us', 'update-delete', [update]],
      ]),
    );
    expect(conflicts).toHaveLength(2);
    expect(lost(s)).toEqual([update]);
  });

  it('names Spock’s rule and where it is documented', () => {
    const { s } = race('delete');
    const [atUs] = eventsOf(s.history(), 'conflict').filter((c) => c.node === 'us');
    expect(atUs?.explanation).toMatch(/update_missing/);
    expect(atUs?.explanation).toMatch(/spock\.exception_log/);
    expect(atUs?.explanation).toMatch(/pgEdge Spock/);
    expect(atUs?.explanation).toMatch(/still agree/);
    const [atEu] = eventsOf(s.history(), 'conflict').filter((c) => c.node === 'eu');
    expect(atEu?.explanation).toMatch(/delete_origin_differs/);
  });

  it('the update stamped later: Frankfurt skips the delete (delete_exists), Virginia the update, and they differ for good', () => {
    const { s, update, del } = race('update');
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'shipped' }]);
    expect(rows(s, 'us')).toEqual([]);
    expect(s.snapshot().converged.orders).toBe(false);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual(
      expect.arrayContaining([
        ['eu', 'update-delete', [del]],
        ['us', 'update-delete', [update]],
      ]),
    );
    expect(conflicts).toHaveLength(2);
    const [atEu] = conflicts.filter((c) => c.node === 'eu');
    expect(atEu?.explanation).toMatch(/delete_exists/);
    expect(atEu?.explanation).toMatch(/spock_apply_heap_delete/);
    expect(atEu?.explanation).toMatch(/differ/);
    const [atUs] = conflicts.filter((c) => c.node === 'us');
    expect(atUs?.explanation).toMatch(/update_missing/);
    expect(atUs?.explanation).toMatch(/differ/);
    // No converged value: each write is absent, for good, from one leader.
    expect(lost(s).sort()).toEqual([del, update].sort());
  });

  it('on a tie the lower node id wins: Frankfurt (eu) keeps its update', () => {
    const { s, del } = race('tie');
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'shipped' }]);
    expect(rows(s, 'us')).toEqual([]);
    const [atEu] = eventsOf(s.history(), 'conflict').filter((c) => c.node === 'eu');
    expect(atEu?.discarded).toEqual([del]);
    expect(atEu?.explanation).toMatch(/tie the lower node id wins/);
  });

  it('with MySQL’s rules the delete is applied whatever the timestamps', () => {
    const { s, update } = race('update', 'mysql');
    expect([rows(s, 'eu'), rows(s, 'us')]).toEqual([[], []]);
    expect(lost(s)).toEqual([update]);
  });

  it('a delete that had seen the row but carries an earlier stamp (its clock behind) is skipped too', () => {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us', clockSkewMs: -5000 }] });
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    const del = written(s, s.write('us', 'orders', { type: 'deleteRow', id: 1 }));
    s.runUntilQuiescent();
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'new' }]);
    expect(rows(s, 'us')).toEqual([]);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([['eu', 'update-delete', [del]]]);
    expect(conflicts[0]?.explanation).toMatch(/clock is behind/);
    expect(lost(s)).toEqual([del]);
  });

  it('loses nothing when the delete had seen the update', () => {
    const s = base();
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'shipped' });
    s.runUntilQuiescent();
    s.write('us', 'orders', { type: 'deleteRow', id: 1 });
    s.runUntilQuiescent();
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
    expect(lost(s)).toEqual([]);
  });
});

describe('an update that arrives before its row (Spock gives up: update_missing is an error)', () => {
  // a → c is slow, so c hears b's update of a's row before the row itself.
  const three = (causalDelivery: boolean) =>
    base({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      latencyMs: { base: 50, jitter: 0, links: { 'a-c': 1000 } },
      causalDelivery,
    });

  it('without causal delivery: c skips the update, then takes the row with its old value, and differs for good', () => {
    const s = three(false);
    s.write('a', 'orders', { type: 'insertRow', value: 'new' });
    s.advance(60);
    const update = written(s, s.write('b', 'orders', { type: 'updateRow', id: 1, value: 'paid' }));
    s.runUntilQuiescent();
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([['c', 'update-missing', [update]]]);
    expect(conflicts[0]?.explanation).toMatch(/update_missing.*spock\.exception_log/);
    expect(rows(s, 'a')).toEqual([{ id: 1, value: 'paid' }]);
    expect(rows(s, 'b')).toEqual([{ id: 1, value: 'paid' }]);
    expect(rows(s, 'c')).toEqual([{ id: 1, value: 'new' }]);
    expect(s.snapshot().converged.orders).toBe(false);
    expect(lost(s)).toEqual([update]);
  });

  it('with causal delivery: c holds the update until the row arrives, and every leader agrees', () => {
    const s = three(true);
    s.write('a', 'orders', { type: 'insertRow', value: 'new' });
    s.advance(60);
    s.write('b', 'orders', { type: 'updateRow', id: 1, value: 'paid' });
    s.runUntilQuiescent();
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
    expect(rows(s, 'c')).toEqual([{ id: 1, value: 'paid' }]);
    expect(s.snapshot().converged.orders).toBe(true);
  });

  it('a delete that arrives before its row is skipped (delete_missing), and the row then stays on that leader', () => {
    const s = three(false);
    s.write('a', 'orders', { type: 'insertRow', value: 'new' });
    s.advance(60);
    const del = written(s, s.write('b', 'orders', { type: 'deleteRow', id: 1 }));
    s.runUntilQuiescent();
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind])).toEqual([['c', 'delete-missing']]);
    expect(rows(s, 'c')).toEqual([{ id: 1, value: 'new' }]);
    expect(rows(s, 'a')).toEqual([]);
    expect(lost(s)).toEqual([del]);
  });
});

describe('two leaders update one row concurrently (Spock: last_update_wins)', () => {
  function concurrent(skewUs: number) {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us', clockSkewMs: skewUs }] });
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    s.advance(10);
    const eu = written(s, s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'from eu' }));
    const us = written(s, s.write('us', 'orders', { type: 'updateRow', id: 1, value: 'from us' }));
    s.runUntilQuiescent();
    return { s, eu, us };
  }

  it('keeps the later commit timestamp everywhere', () => {
    const { s, eu } = concurrent(5);
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'from us' }]);
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'from us' }]);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => c.kind)).toEqual(['update-update', 'update-update']);
    expect(conflicts[0]?.explanation).toMatch(/last_update_wins/);
    expect(lost(s)).toEqual([eu]);
  });

  it('on equal timestamps keeps the lower node id’s row (Spock’s tiebreaker), on both leaders', () => {
    const { s, us } = concurrent(0);
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'from eu' }]);
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'from eu' }]);
    expect(eventsOf(s.history(), 'conflict')[0]?.explanation).toMatch(/on a tie the lower node id wins/);
    expect(lost(s)).toEqual([us]);
  });

  it('on a tie among three leaders compares the leader applying with the one sending, not the row’s origin', () => {
    // conflict_resolve_by_timestamp: "loc_node is always this node (the one applying the change),
    // not the origin of the local tuple". a and b update at the same ms; c has a's first, then b's.
    const s = base({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      latencyMs: { base: 50, jitter: 0, links: { 'b-c': 200 } },
    });
    s.write('a', 'orders', { type: 'insertRow', value: 'new' });
    s.runUntilQuiescent();
    s.write('a', 'orders', { type: 'updateRow', id: 1, value: 'A' });
    s.write('b', 'orders', { type: 'updateRow', id: 1, value: 'B' });
    s.runUntilQuiescent();
    // a keeps its own (a < b), b takes a's (b > a), c takes b's over a's (c > b): Spock diverges.
    expect([rows(s, 'a'), rows(s, 'b'), rows(s, 'c')]).toEqual([
      [{ id: 1, value: 'A' }],
      [{ id: 1, value: 'A' }],
      [{ id: 1, value: 'B' }],
    ]);
    expect(s.snapshot().converged.orders).toBe(false);
    const atC = eventsOf(s.history(), 'conflict').find((c) => c.node === 'c');
    expect(atC?.explanation).toMatch(/Spock compares c, applying the change, with b, sending it/);
  });
});

describe('what a row update had seen is what its row had, not what its leader heard of (no causal delivery)', () => {
  /**
   * Tokyo updates row 1 to "C"; the link Virginia–Tokyo is cut. Frankfurt applies "C", then
   * updates row 2 and sends it to Virginia: Frankfurt's version vector covers Tokyo's update, and
   * Virginia's does once it applies row 2's change, though row 1 there still reads "A".
   */
  function heardOfButNotSeen() {
    const s = createSimulation(
      {
        seed: 1,
        nodes: [
          { id: 'eu', autoIncrement: { increment: 3, offset: 1 } },
          { id: 'us', autoIncrement: { increment: 3, offset: 2 } },
          { id: 'ap', autoIncrement: { increment: 3, offset: 3 } },
        ],
        keys: { orders: 'table' },
        latencyMs: { base: 20, jitter: 0 },
        strategy: { kind: 'lww' },
      },
      { verifyReplay: true },
    );
    s.write('eu', 'orders', { type: 'insertRow', value: 'A' });
    s.write('eu', 'orders', { type: 'insertRow', value: 'B' });
    s.runUntilQuiescent();
    s.cutLink('us', 'ap');
    const c = written(s, s.write('ap', 'orders', { type: 'updateRow', id: 1, value: 'C' }));
    s.advance(20);
    s.write('eu', 'orders', { type: 'updateRow', id: 4, value: 'E' });
    s.advance(20);
    expect(rows(s, 'us')).toEqual([
      { id: 1, value: 'A' },
      { id: 4, value: 'E' },
    ]);
    const f = written(s, s.write('us', 'orders', { type: 'updateRow', id: 1, value: 'F' }));
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    return { s, c, f };
  }

  it('an update made over the row without the other update is concurrent with it: Spock’s last update wins, and the other update is lost', () => {
    const { s, c, f } = heardOfButNotSeen();
    for (const node of ['eu', 'us', 'ap']) expect(rows(s, node)).toContainEqual({ id: 1, value: 'F' });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const k of conflicts) expect(k).toMatchObject({ kind: 'update-update', discarded: [c] });
    expect(lost(s)).toEqual([c]);
    expect(lost(s)).not.toContain(f);
  });
});

describe('a duplicate auto-increment id', () => {
  function collide(over: Partial<SimulationConfig> = {}) {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us' }], ...over });
    const eu = written(s, s.write('eu', 'orders', { type: 'insertRow', value: 'eu order' }));
    const us = written(s, s.write('us', 'orders', { type: 'insertRow', value: 'us order' }));
    s.runUntilQuiescent();
    return { s, eu, us };
  }

  it('with MySQL’s rules is an insert-insert conflict each side skips (error 1062): the tables differ', () => {
    const { s } = collide({ rowConflicts: 'mysql' });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => c.kind)).toEqual(['insert-insert', 'insert-insert']);
    expect(conflicts[0]?.explanation).toMatch(/error 1062/);
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'eu order' }]);
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'us order' }]);
    expect(s.snapshot().converged.orders).toBe(false);
    expect(lost(s).sort()).toEqual(['eu:1', 'us:1']);
  });

  it('with Spock’s rules (the default) is insert_exists, settled by last_update_wins: on a tie the lower node id’s row, everywhere', () => {
    const { s, us } = collide();
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([
      ['us', 'insert-insert', [us]],
      ['eu', 'insert-insert', [us]],
    ]);
    expect(conflicts[0]?.explanation).toMatch(/insert_exists.*try_resolve_conflict, src\/spock_conflict\.c/);
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'eu order' }]);
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'eu order' }]);
    expect(s.snapshot().converged.orders).toBe(true);
    expect(lost(s)).toEqual([us]);
  });

  it('with Spock’s rules applies the later insert as an update where the earlier one was', () => {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us' }] });
    const eu = written(s, s.write('eu', 'orders', { type: 'insertRow', value: 'eu order' }));
    s.advance(30);
    s.write('us', 'orders', { type: 'insertRow', value: 'us order' });
    s.runUntilQuiescent();
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'us order' }]);
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'us order' }]);
    const atEu = eventsOf(s.history(), 'conflict').find((c) => c.node === 'eu');
    expect(atEu?.explanation).toMatch(/us's row is applied as an update/);
    expect(lost(s)).toEqual([eu]);
    // The row is one row now: an update of it replicates plainly.
    s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'paid' });
    s.runUntilQuiescent();
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'paid' }]);
    expect(eventsOf(s.history(), 'conflict')).toHaveLength(2);
  });

  it('rowConflicts is checked: only "spock" or "mysql"', () => {
    expect(() => base({ rowConflicts: 'oracle' as 'mysql' })).toThrow(/rowConflicts/);
  });
});

describe('an update made after the row’s last change but stamped earlier (clock skew; Spock compares timestamps only)', () => {
  /**
   * Virginia's clock is 500 ms behind. Frankfurt inserts row 1 and updates it; Virginia, having
   * applied both, updates the row again: causally later, but stamped earlier. Spock's
   * spock_apply_heap_update runs try_resolve_conflict for every row it finds, so Frankfurt,
   * whose row carries the later stamp, keeps its value; Virginia keeps its own.
   */
  function skewed() {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us', clockSkewMs: -500 }] });
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.advance(50);
    s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'paid' });
    s.runUntilQuiescent();
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'paid' }]);
    const late = written(s, s.write('us', 'orders', { type: 'updateRow', id: 1, value: 'shipped' }));
    s.runUntilQuiescent();
    return { s, late };
  }

  it('is discarded where the row carries the later stamp, while its own leader keeps it: the leaders differ', () => {
    const { s, late } = skewed();
    expect(rows(s, 'us')).toEqual([{ id: 1, value: 'shipped' }]);
    expect(rows(s, 'eu')).toEqual([{ id: 1, value: 'paid' }]);
    expect(s.snapshot().converged.orders).toBe(false);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([['eu', 'update-update', [late]]]);
    expect(conflicts[0]?.explanation).toMatch(/clock is behind/);
    expect(conflicts[0]?.explanation).toMatch(/try_resolve_conflict, src\/spock_conflict\.c/);
    expect(lost(s)).toEqual([late]);
  });

  it('replicates plainly when the clocks agree', () => {
    const s = base({ nodes: [{ id: 'eu' }, { id: 'us' }] });
    s.write('eu', 'orders', { type: 'insertRow', value: 'new' });
    s.advance(50);
    s.write('eu', 'orders', { type: 'updateRow', id: 1, value: 'paid' });
    s.runUntilQuiescent();
    s.write('us', 'orders', { type: 'updateRow', id: 1, value: 'shipped' });
    s.runUntilQuiescent();
    expect([rows(s, 'eu'), rows(s, 'us')]).toEqual([[{ id: 1, value: 'shipped' }], [{ id: 1, value: 'shipped' }]]);
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
  });
});
