import { describe, expect, it } from 'vitest';
import { convergedValues, lostWriteIds } from '../../src/model';
import { pnCounter } from '../../src/strategies/crdt/counter';
import { lwwElementSet } from '../../src/strategies/crdt/sets';
import { eventsOf, sim, values } from '../model/fixtures';

function partition(s: ReturnType<typeof sim>, acts: (() => void)[]) {
  s.cutLink('eu', 'us');
  s.cutLink('us', 'ap');
  s.cutLink('eu', 'ap');
  for (const act of acts) {
    act();
    s.advance(5);
  }
  s.healLink('eu', 'us');
  s.healLink('us', 'ap');
  s.healLink('eu', 'ap');
  s.runUntilQuiescent();
}

// semantics.md, CRDTs: G-Counter and PN-Counter examples.
describe('PN-counter', () => {
  it('merges per-node maxima: {A:3,B:0} ⊔ {A:1,B:2} = {A:3,B:2} → 5', () => {
    const merged = pnCounter.merge({ p: { A: 3, B: 0 }, n: {} }, { p: { A: 1, B: 2 }, n: {} });
    expect(merged.p).toEqual({ A: 3, B: 2 });
    expect(pnCounter.value(merged)).toBe(5);
  });

  it('A:{P5,N1} ⊔ A:{P3,N2} → {P5,N2} → 3', () => {
    const merged = pnCounter.merge({ p: { A: 5 }, n: { A: 1 } }, { p: { A: 3 }, n: { A: 2 } });
    expect(merged).toEqual({ p: { A: 5 }, n: { A: 2 } });
    expect(pnCounter.value(merged)).toBe(3);
  });

  it('counts likes on three partitioned leaders with no increment lost, where LWW loses two', () => {
    const history = (s: ReturnType<typeof sim>) => {
      partition(s, [
        () => s.write('eu', 'likes', { type: 'increment', by: 1 }),
        () => s.write('us', 'likes', { type: 'increment', by: 1 }),
        () => s.write('ap', 'likes', { type: 'increment', by: 1 }),
        () => s.write('ap', 'likes', { type: 'increment', by: -1 }),
        () => s.write('ap', 'likes', { type: 'increment', by: 1 }),
      ]);
    };
    const crdt = sim({ strategy: { kind: 'crdt' } });
    history(crdt);
    expect(values(crdt, 'likes')).toEqual({ eu: 3, us: 3, ap: 3 });
    expect(eventsOf(crdt.history(), 'conflict').flatMap((c) => c.discarded)).toEqual([]);
    const node = crdt.snapshot().nodes[0];
    expect(node?.keys.likes?.state).toEqual({ p: { ap: 2, eu: 1, us: 1 }, n: { ap: 1 } });
    expect(node?.keys.likes?.meta).toEqual({ 'P entries': 3, 'N entries': 1 });
    const lww = sim({ strategy: { kind: 'lww' } });
    history(lww);
    expect(values(lww, 'likes')).toEqual({ eu: 1, us: 1, ap: 1 });
  });
});

describe('set CRDTs', () => {
  // semantics.md: A adds x, syncs to B; then B removes x while A re-adds x concurrently → {x}.
  // semantics.md, "What counts as a lost write": the remove deleted the tags it saw, so nothing is lost.
  it('OR-set: a concurrent re-add keeps the item (add wins), and neither write is lost', () => {
    const s = sim({ strategy: { kind: 'crdt', set: 'or-set' } });
    s.write('eu', 'cart', { type: 'add', item: 'x' });
    s.runUntilQuiescent();
    partition(s, [
      () => s.write('us', 'cart', { type: 'remove', item: 'x' }),
      () => s.write('eu', 'cart', { type: 'add', item: 'x' }),
    ]);
    expect(values(s, 'cart')).toEqual({ eu: ['x'], us: ['x'], ap: ['x'] });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.flatMap((c) => c.discarded)).toEqual([]);
    expect(conflicts[0]?.explanation).toMatch(/deleted only the tags it had seen.*nothing is lost/);
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual([]);
    expect(s.snapshot().nodes[0]?.keys.cart?.meta).toEqual({ tags: 2, tombstones: 1 });
  });

  it('2P-set: a re-add the remover never saw is swallowed by the tombstone, and named lost', () => {
    const s = sim({ strategy: { kind: 'crdt', set: '2p-set' } });
    s.write('eu', 'cart', { type: 'add', item: 'x' });
    s.runUntilQuiescent();
    partition(s, [
      () => s.write('us', 'cart', { type: 'remove', item: 'x' }),
      () => s.write('eu', 'cart', { type: 'add', item: 'x' }),
    ]);
    expect(values(s, 'cart')).toEqual({ eu: [], us: [], ap: [] });
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual(['eu:2']);
  });

  // semantics.md: A='x' ∥ B='y' → {x, y}; then A='z' (having seen both) → {z}: neither is lost.
  it('MV-register: overwriting after reading both values supersedes them, and loses neither', () => {
    const s = sim({ strategy: { kind: 'crdt', register: 'mv' } });
    partition(s, [
      () => s.write('eu', 'title', { type: 'set', value: 'x' }),
      () => s.write('us', 'title', { type: 'set', value: 'y' }),
    ]);
    const read = s.read('eu', 'title');
    expect([read.value, ...read.conflicts].sort()).toEqual(['x', 'y']);
    // Explained as the CRDT it is, not as CouchDB waiting for an application (issue 11, point 12).
    const explanation = eventsOf(s.history(), 'conflict')[0]?.explanation ?? '';
    expect(explanation).toMatch(/MV-register keeps all 2 concurrent values/);
    expect(explanation).not.toMatch(/CouchDB|until the application/);
    s.write('eu', 'title', { type: 'set', value: 'z' });
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'z', us: 'z', ap: 'z' });
    expect(lostWriteIds(s.history(), convergedValues(s.snapshot()))).toEqual([]);
  });

  it('OR-set: a remove of what was observed, with nothing concurrent, removes it everywhere', () => {
    const s = sim({ strategy: { kind: 'crdt', set: 'or-set' } });
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.runUntilQuiescent();
    s.write('ap', 'cart', { type: 'remove', item: 'milk' });
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ eu: [], us: [], ap: [] });
  });

  // semantics.md: add(x,5), rm(x,5) → present (add-biased) / absent (remove-biased).
  it.each([
    ['add', ['x']],
    ['remove', []],
  ] as const)('LWW-element-set, %s-biased, on equal timestamps', (bias, expected) => {
    const crdt = lwwElementSet(bias);
    const meta = (writeId: string) => ({
      writeId,
      origin: writeId.slice(0, 1),
      seq: 1,
      stamp: { physical: 5, hlc: { l: 5, c: 0 } },
      vv: {},
      writtenAt: 5,
    });
    const added = crdt.update(crdt.init(), { type: 'add', item: 'x' }, meta('A:1')).state;
    const removed = crdt.update(crdt.init(), { type: 'remove', item: 'x' }, meta('B:1')).state;
    expect(crdt.value(crdt.merge(added, removed))).toEqual(expected);
    expect(crdt.value(crdt.merge(removed, added))).toEqual(expected);
  });

  it('LWW-element-set in the model: equal timestamps on two leaders follow the bias', () => {
    for (const [set, expected] of [
      ['lww-element-set-add', ['x']],
      ['lww-element-set-remove', []],
    ] as const) {
      const s = sim({ strategy: { kind: 'crdt', set } });
      s.write('eu', 'cart', { type: 'add', item: 'x' });
      s.runUntilQuiescent();
      s.cutLink('eu', 'us');
      s.cutLink('us', 'ap');
      s.write('us', 'cart', { type: 'remove', item: 'x' });
      s.write('eu', 'cart', { type: 'add', item: 'x' });
      s.healLink('eu', 'us');
      s.healLink('us', 'ap');
      s.runUntilQuiescent();
      expect(values(s, 'cart')).toEqual({ eu: expected, us: expected, ap: expected });
    }
  });

  it('2P-set: once removed, an item never comes back, and the re-add says why', () => {
    const s = sim({ strategy: { kind: 'crdt', set: '2p-set' } });
    s.write('eu', 'cart', { type: 'add', item: 'x' });
    s.runUntilQuiescent();
    s.write('us', 'cart', { type: 'remove', item: 'x' });
    s.runUntilQuiescent();
    s.write('ap', 'cart', { type: 'add', item: 'x' });
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ eu: [], us: [], ap: [] });
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c).toMatchObject({ node: 'ap', discarded: ['ap:1'] });
    expect(c?.explanation).toMatch(/a 2P-set never re-adds it/);
  });
});

describe('register CRDTs', () => {
  it('MV-register keeps concurrent values; a later write that saw them replaces both', () => {
    const s = sim({ strategy: { kind: 'crdt', register: 'mv' } });
    partition(s, [
      () => s.write('eu', 'title', { type: 'set', value: 'x' }),
      () => s.write('us', 'title', { type: 'set', value: 'y' }),
    ]);
    const r = s.read('ap', 'title');
    expect([r.value, ...r.conflicts].sort()).toEqual(['x', 'y']);
    s.write('eu', 'title', { type: 'set', value: 'z' });
    s.runUntilQuiescent();
    expect(s.read('ap', 'title')).toMatchObject({ value: 'z', conflicts: [] });
  });

  it('LWW-register breaks a timestamp tie by the larger value (riak_dt)', () => {
    const s = sim({ strategy: { kind: 'crdt', register: 'lww' } });
    partition(s, [
      () => {
        s.write('eu', 'title', { type: 'set', value: 'banana' });
        s.write('us', 'title', { type: 'set', value: 'apple' });
      },
    ]);
    expect(values(s, 'title')).toEqual({ eu: 'banana', us: 'banana', ap: 'banana' });
  });
});

describe('text CRDT (FugueMax)', () => {
  // semantics.md: A types a1,a2,a3 each at the front, B does the same concurrently. RGA gives
  // "a3 b3 a2 b2 a1 b1"; Fugue and Yjs give "a3 a2 a1 b3 b2 b1".
  it('does not interleave text typed backwards on two leaders', () => {
    const s = sim({
      nodes: [{ id: 'A' }, { id: 'B' }],
      strategy: { kind: 'crdt' },
      keys: { notes: 'text' },
    });
    s.cutLink('A', 'B');
    for (const [a, b] of [
      ['1', 'x'],
      ['2', 'y'],
      ['3', 'z'],
    ] as const) {
      s.write('A', 'notes', { type: 'insert', index: 0, text: a });
      s.write('B', 'notes', { type: 'insert', index: 0, text: b });
    }
    expect(values(s, 'notes')).toEqual({ A: '321', B: 'zyx' });
    s.healLink('A', 'B');
    s.runUntilQuiescent();
    expect(values(s, 'notes')).toEqual({ A: '321zyx', B: '321zyx' });
  });

  it('keeps two words typed at the same place whole, and an insert inside a concurrently deleted range', () => {
    const s = sim({ strategy: { kind: 'crdt' } });
    s.write('eu', 'notes', { type: 'insert', index: 0, text: 'abc' });
    s.runUntilQuiescent();
    partition(s, [
      () => s.write('eu', 'notes', { type: 'insert', index: 1, text: 'Hello' }),
      () => s.write('us', 'notes', { type: 'insert', index: 1, text: 'World' }),
      () => s.write('ap', 'notes', { type: 'delete', index: 0, length: 3 }),
    ]);
    const v = values(s, 'notes');
    expect(new Set(Object.values(v)).size).toBe(1);
    expect(['HelloWorld', 'WorldHello']).toContain(v.eu);
    expect(s.snapshot().nodes[0]?.keys.notes?.meta).toEqual({ characters: 13, tombstones: 3 });
  });
});
