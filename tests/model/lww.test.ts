import { describe, expect, it } from 'vitest';
import type { LwwStrategyConfig, SimulationConfig } from '../../src/model';
import { eventsOf, sim, values } from './fixtures';

function pair(strategy: LwwStrategyConfig, nodes: SimulationConfig['nodes'] = [{ id: 'eu' }, { id: 'us' }]) {
  return sim({ nodes, strategy, keys: { x: 'register' }, latencyMs: 100 });
}

/** Both leaders write during a partition at the same virtual time, then heal. */
function concurrentAt(
  s: ReturnType<typeof pair>,
  at: number,
  a: [string, Parameters<typeof s.write>[2]],
  b: [string, Parameters<typeof s.write>[2]],
) {
  const [n1, n2] = [a[0], b[0]];
  s.cutLink(n1, n2);
  s.advance(at);
  s.write(a[0], 'x', a[1]);
  s.write(b[0], 'x', b[1]);
  s.advance(10);
  s.healLink(n1, n2);
  s.runUntilQuiescent();
}

describe('last write wins', () => {
  it('keeps the newest timestamp on every replica and records the discarded write', () => {
    const s = pair({ kind: 'lww' });
    s.cutLink('eu', 'us');
    s.write('eu', 'x', { type: 'set', value: 'A' });
    s.advance(50);
    s.write('us', 'x', { type: 'set', value: 'B' });
    s.healLink('eu', 'us');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ eu: 'B', us: 'B' });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => c.node)).toEqual(['us', 'eu']);
    for (const c of conflicts) {
      expect(c).toMatchObject({ key: 'x', strategy: 'lww', result: 'B', discarded: ['eu:1'] });
      expect(c.versions.map((v) => v.writeId)).toEqual(['us:1', 'eu:1']);
      expect(c.explanation).toBe('us\'s "B" (timestamp 50 ms) beats eu\'s "A" (0 ms), so eu\'s "A" is discarded.');
    }
  });

  it('breaks equal timestamps by the higher node id by default', () => {
    const s = pair({ kind: 'lww' });
    concurrentAt(s, 1000, ['eu', { type: 'set', value: 'banana' }], ['us', { type: 'set', value: 'apple' }]);
    expect(values(s, 'x')).toEqual({ eu: 'apple', us: 'apple' });
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c?.explanation).toMatch(/carry the same timestamp \(1000 ms\); on a tie the higher node id wins/);
  });

  // semantics.md, Cassandra (db/rows/Cells.java): (ts 1000, "apple") vs (ts 1000, "banana") → "banana".
  it('with Cassandra’s rule, breaks a tie by the larger value', () => {
    const s = pair({ kind: 'lww', tieBreak: 'larger-value' });
    concurrentAt(s, 1000, ['eu', { type: 'set', value: 'banana' }], ['us', { type: 'set', value: 'apple' }]);
    expect(values(s, 'x')).toEqual({ eu: 'banana', us: 'banana' });
    expect(eventsOf(s.history(), 'conflict')[0]?.discarded).toEqual(['us:1']);
  });

  it('with Cassandra’s rule, compares numbers by magnitude on a tie: 10 beats 9', () => {
    const s = sim({
      nodes: [{ id: 'eu' }, { id: 'us' }],
      strategy: { kind: 'lww', tieBreak: 'larger-value' },
      keys: { n: 'counter' },
      latencyMs: 100,
    });
    s.cutLink('eu', 'us');
    s.advance(1000);
    s.write('eu', 'n', { type: 'increment', by: 10 });
    s.write('us', 'n', { type: 'increment', by: 9 });
    s.healLink('eu', 'us');
    s.runUntilQuiescent();
    expect(values(s, 'n')).toEqual({ eu: 10, us: 10 });
  });

  // (ts 1000, "x") vs (ts 1000, delete) → deleted.
  it('with Cassandra’s rule, lets a tombstone beat a live value on a tie', () => {
    const cassandra = pair({ kind: 'lww', tieBreak: 'larger-value' });
    concurrentAt(cassandra, 1000, ['eu', { type: 'delete' }], ['us', { type: 'set', value: 'x' }]);
    expect(values(cassandra, 'x')).toEqual({ eu: null, us: null });
    const byNode = pair({ kind: 'lww' });
    concurrentAt(byNode, 1000, ['eu', { type: 'delete' }], ['us', { type: 'set', value: 'x' }]);
    expect(values(byNode, 'x')).toEqual({ eu: 'x', us: 'x' });
  });

  // semantics.md, pgEdge Spock: nodes 1 and 2 both write at time T → both converge to node 1's value.
  it('with Spock’s rule, lets the lower node id win a tie', () => {
    const s = pair({ kind: 'lww', tieBreak: 'lower-node-id' }, [{ id: 'n1' }, { id: 'n2' }]);
    concurrentAt(s, 1000, ['n1', { type: 'set', value: 'one' }], ['n2', { type: 'set', value: 'two' }]);
    expect(values(s, 'x')).toEqual({ n1: 'one', n2: 'one' });
  });

  // semantics.md, pglogical last_update_wins: equal commit timestamps → each side applies the remote row.
  it('with pglogical’s apply-remote rule, two leaders swap values on a tie and stay different forever', () => {
    const s = pair({ kind: 'lww', tieBreak: 'apply-remote' }, [{ id: 'n1' }, { id: 'n2' }]);
    concurrentAt(s, 1000, ['n1', { type: 'set', value: 'one' }], ['n2', { type: 'set', value: 'two' }]);
    expect(values(s, 'x')).toEqual({ n1: 'two', n2: 'one' });
    const snap = s.snapshot();
    expect(snap.quiescent).toBe(true);
    expect(snap.converged.x).toBe(false);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => [c.node, c.discarded])).toEqual([
      ['n2', ['n2:1']],
      ['n1', ['n1:1']],
    ]);
    expect(conflicts[0]?.explanation).toMatch(/the replicas now differ and no later message will reconcile them/);
  });

  // semantics.md, Riak (riak_object.erl, compare_content_dates): on an equal timestamp a live value beats a
  // delete; two live values are ordered by whole content records (a random vtag first): fixed, arbitrary.
  it('with Riak’s rule, lets a live value beat a delete on a tie, then makes one fixed pick everywhere', () => {
    const live = pair({ kind: 'lww', tieBreak: 'live-value' });
    concurrentAt(live, 1000, ['eu', { type: 'delete' }], ['us', { type: 'set', value: 'x' }]);
    expect(values(live, 'x')).toEqual({ eu: 'x', us: 'x' });
    const smaller = pair({ kind: 'lww', tieBreak: 'live-value' });
    concurrentAt(smaller, 1000, ['eu', { type: 'set', value: 'apple' }], ['us', { type: 'set', value: 'banana' }]);
    const picked = values(smaller, 'x');
    expect(picked.eu).toBe(picked.us);
    expect(eventsOf(smaller.history(), 'conflict')[0]?.explanation).toMatch(/deterministic but arbitrary.*X-Riak-VTag/);
  });

  // semantics.md: A's clock runs 5 s fast; A writes X=1 at real 12:00:00, B writes X=2 at 12:00:02.
  it('lets clock skew make the older write win, and says so', () => {
    const s = pair({ kind: 'lww' }, [
      { id: 'A', clockSkewMs: 5000 },
      { id: 'B', clockSkewMs: 0 },
    ]);
    s.cutLink('A', 'B');
    s.advance(43_200_000); // 12:00:00
    s.write('A', 'x', { type: 'set', value: '1' });
    s.advance(2000); // 12:00:02
    s.write('B', 'x', { type: 'set', value: '2' });
    s.healLink('A', 'B');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ A: '1', B: '1' });
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c?.discarded).toEqual(['B:1']);
    expect(c?.explanation).toMatch(/Yet B wrote later in real time .*: clock skew made the older write win\./);
  });

  it('ignores causality like Cassandra: with a fast clock elsewhere, a write that had seen the other still loses', () => {
    const s = pair({ kind: 'lww', clock: 'physical' }, [
      { id: 'A', clockSkewMs: 5000 },
      { id: 'B', clockSkewMs: 0 },
    ]);
    s.write('A', 'x', { type: 'set', value: 'first' });
    s.advance(1000); // B has A's write
    expect(s.read('B', 'x').value).toBe('first');
    s.write('B', 'x', { type: 'set', value: 'reply' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ A: 'first', B: 'first' });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.map((c) => c.node)).toEqual(['B', 'A']);
    expect(conflicts[0]?.discarded).toEqual(['B:1']);
    expect(conflicts[0]?.explanation).toMatch(
      /^B's write had already seen A's, yet it lost: LWW compares only timestamps/,
    );
  });

  it('with hybrid logical clocks, orders that causal write after the one it saw', () => {
    const s = pair({ kind: 'lww', clock: 'hlc' }, [
      { id: 'A', clockSkewMs: 5000 },
      { id: 'B', clockSkewMs: 0 },
    ]);
    s.write('A', 'x', { type: 'set', value: 'first' });
    s.advance(1000);
    s.write('B', 'x', { type: 'set', value: 'reply' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ A: 'reply', B: 'reply' });
    expect(eventsOf(s.history(), 'conflict')).toHaveLength(0);
  });

  it('with hybrid logical clocks, still orders truly concurrent writes by the skewed clocks', () => {
    const s = pair({ kind: 'lww', clock: 'hlc' }, [
      { id: 'A', clockSkewMs: 5000 },
      { id: 'B', clockSkewMs: 0 },
    ]);
    s.cutLink('A', 'B');
    s.write('A', 'x', { type: 'set', value: 'early' });
    s.advance(2000);
    s.write('B', 'x', { type: 'set', value: 'late' });
    s.healLink('A', 'B');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ A: 'early', B: 'early' });
    expect(eventsOf(s.history(), 'conflict')[0]?.explanation).toMatch(
      /the hybrid clock ordered these concurrent writes by a skewed physical clock/,
    );
  });

  it('makes a write invisible at once when the stored value already carries a later timestamp', () => {
    const s = pair({ kind: 'lww' }, [
      { id: 'A', clockSkewMs: 60_000 },
      { id: 'B', clockSkewMs: 0 },
    ]);
    s.write('A', 'x', { type: 'set', value: 'future' });
    s.runUntilQuiescent();
    const result = s.write('B', 'x', { type: 'set', value: 'now' });
    expect(result).toEqual({ ok: true, writeId: 'B:1' });
    expect(s.read('B', 'x').value).toBe('future');
    expect(eventsOf(s.history(), 'conflict')[0]).toMatchObject({ node: 'B', discarded: ['B:1'], result: 'future' });
  });

  it('loses concurrent cart additions and counter increments: the whole value is one register', () => {
    const s = sim({ strategy: { kind: 'lww' } });
    s.cutLink('eu', 'us');
    s.cutLink('us', 'ap');
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.write('eu', 'likes', { type: 'increment', by: 1 });
    s.advance(5);
    s.write('us', 'cart', { type: 'add', item: 'eggs' });
    s.write('us', 'likes', { type: 'increment', by: 1 });
    s.healLink('eu', 'us');
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ eu: ['eggs'], us: ['eggs'], ap: ['eggs'] });
    expect(values(s, 'likes')).toEqual({ eu: 1, us: 1, ap: 1 });
    const lost = new Set(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded));
    expect([...lost].sort()).toEqual(['eu:1', 'eu:2']);
  });

  it('does not report a write as lost when the winning value carries its effect', () => {
    const s = sim({ nodes: [{ id: 'a', clockSkewMs: 1000 }, { id: 'b' }, { id: 'c' }], keys: { likes: 'counter' } });
    s.cutLink('b', 'c');
    s.write('b', 'likes', { type: 'increment', by: 1 });
    s.write('a', 'likes', { type: 'increment', by: 10 });
    s.advance(2200);
    s.write('c', 'likes', { type: 'increment', by: 100 }); // c has seen a's +10: 110
    s.healLink('b', 'c');
    s.runUntilQuiescent();
    expect(values(s, 'likes')).toEqual({ a: 110, b: 110, c: 110 });
    const lost = new Set(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded));
    expect([...lost]).toEqual(['b:1']);
    for (const c of eventsOf(s.history(), 'conflict')) {
      for (const v of c.versions) expect(v.vv).toEqual(v.writeId === 'c:1' ? { a: 1, c: 1 } : { [v.node ?? '']: 1 });
    }
  });

  it('names every write a losing value carried: two increments lost to one concurrent write', () => {
    const s = sim({ nodes: [{ id: 'x' }, { id: 'y', clockSkewMs: 10 }], keys: { likes: 'counter' } });
    s.cutLink('x', 'y');
    s.write('x', 'likes', { type: 'increment', by: 1 });
    s.write('x', 'likes', { type: 'increment', by: 1 });
    s.write('y', 'likes', { type: 'increment', by: 5 });
    s.healLink('x', 'y');
    s.runUntilQuiescent();
    expect(values(s, 'likes')).toEqual({ x: 5, y: 5 });
    const atX = eventsOf(s.history(), 'conflict').filter((c) => c.node === 'x');
    expect(atX.map((c) => c.discarded)).toEqual([['x:1', 'x:2']]);
  });
});
