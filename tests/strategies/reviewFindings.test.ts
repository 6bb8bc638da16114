import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationConfig } from '../../src/model';
import { eventsOf, values } from '../model/fixtures';

/** Regressions for defects a review of the strategies found; each case is its reproduction. */
const abc = (
  strategy: SimulationConfig['strategy'],
  keys: SimulationConfig['keys'] = { k: 'register', other: 'register' },
) =>
  createSimulation(
    { seed: 1, nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], latencyMs: 50, keys, strategy },
    { verifyReplay: true },
  );

describe('review findings', () => {
  it('refuses a write context that names writes the leader has not seen for that key', () => {
    const s = abc({ kind: 'custom', on: 'read' });
    s.write('b', 'other', { type: 'set', value: 'o' });
    s.runUntilQuiescent();
    const fromOtherKey = s.read('a', 'other').context;
    expect(s.write('a', 'k', { type: 'set', value: 'x' }, { context: fromOtherKey })).toMatchObject({
      ok: false,
      code: 'invalid-op',
    });
    const invented = s.write('a', 'k', { type: 'set', value: 'x' }, { context: { a: 3 } });
    expect(invented.ok || invented.reason).toMatch(/names writes a has not seen/);
    expect(s.commands().filter((c) => c.type === 'write')).toHaveLength(1);
  });

  it('converges with OT on a ring of two leaders (the edit relayed home is not queued again)', () => {
    const s = createSimulation({
      nodes: [{ id: 'a' }, { id: 'b' }],
      topology: { kind: 'ring' },
      keys: { t: 'text' },
      strategy: { kind: 'ot' },
    });
    s.write('a', 't', { type: 'insert', index: 0, text: 'abc' });
    s.runUntilQuiescent();
    s.write('a', 't', { type: 'insert', index: 1, text: 'X' });
    s.write('b', 't', { type: 'insert', index: 3, text: 'Y' });
    s.runUntilQuiescent();
    expect(values(s, 't')).toEqual({ a: 'aXbcY', b: 'aXbcY' });
  });

  it('refuses resolve where there are no siblings to resolve: CRDT sets, counters, text, and OT text', () => {
    const crdt = abc({ kind: 'crdt' }, { cart: 'set', n: 'counter', t: 'text', r: 'register' });
    for (const [key, value] of [
      ['cart', ['y']],
      ['n', 5],
      ['t', 'hi'],
    ] as const) {
      expect(crdt.resolve('a', key, value)).toMatchObject({ ok: false, code: 'invalid-op' });
    }
    expect(crdt.resolve('a', 'r', 'fine')).toMatchObject({ ok: true });
    const ot = createSimulation({ nodes: [{ id: 'a' }, { id: 'b' }], keys: { t: 'text' }, strategy: { kind: 'ot' } });
    expect(ot.resolve('a', 't', 'x')).toMatchObject({ ok: false, code: 'invalid-op' });
  });

  it('OR-set: a leader that removes and then re-adds an item itself loses nothing', () => {
    const s = abc({ kind: 'crdt' }, { cart: 'set' });
    s.cutLink('a', 'b');
    s.cutLink('a', 'c');
    s.write('a', 'cart', { type: 'add', item: 'x' });
    s.write('a', 'cart', { type: 'remove', item: 'x' });
    s.write('a', 'cart', { type: 'add', item: 'x' });
    s.write('b', 'cart', { type: 'add', item: 'y' });
    s.healLink('a', 'b');
    s.healLink('a', 'c');
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ a: ['x', 'y'], b: ['x', 'y'], c: ['x', 'y'] });
    expect(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded)).toEqual([]);
  });

  it('LWW-element-set: removing an item one has seen added is not a lost add', () => {
    const s = abc({ kind: 'crdt', set: 'lww-element-set-add' }, { cart: 'set' });
    s.write('a', 'cart', { type: 'add', item: 'x' });
    s.runUntilQuiescent();
    s.cutLink('a', 'b');
    s.advance(10);
    s.write('b', 'cart', { type: 'remove', item: 'x' });
    s.write('a', 'cart', { type: 'add', item: 'y' });
    s.healLink('a', 'b');
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ a: ['y'], b: ['y'], c: ['y'] });
    expect(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded)).toEqual([]);
  });

  it('LWW names only the losing tail, even after long lineages', () => {
    const s = createSimulation({ nodes: [{ id: 'a' }, { id: 'b', clockSkewMs: -1000 }], keys: { n: 'counter' } });
    for (let i = 0; i < 300; i++) s.write('a', 'n', { type: 'increment', by: 1 });
    s.runUntilQuiescent();
    s.cutLink('a', 'b');
    s.write('b', 'n', { type: 'increment', by: 1 });
    s.advance(5);
    for (let i = 0; i < 10; i++) s.write('a', 'n', { type: 'increment', by: 1 });
    s.healLink('a', 'b');
    s.runUntilQuiescent();
    expect(values(s, 'n')).toEqual({ a: 310, b: 310 });
    expect([...new Set(eventsOf(s.history(), 'conflict').flatMap((c) => c.discarded))]).toEqual(['b:1']);
  });

  it('survives a registered merge or resolver that throws or answers nonsense, and says so', () => {
    const merge = createSimulation(
      {
        nodes: [{ id: 'a' }, { id: 'b' }],
        keys: { cart: 'set', title: 'register' },
        strategy: { kind: 'merge', functions: { cart: 'nonsense', title: 'throws' } },
      },
      {
        merges: {
          nonsense: () => 'oops',
          throws: () => {
            throw new Error('boom');
          },
        },
      },
    );
    merge.cutLink('a', 'b');
    merge.write('a', 'cart', { type: 'add', item: 'x' });
    merge.write('b', 'cart', { type: 'add', item: 'y' });
    merge.write('a', 'title', { type: 'set', value: 'A' });
    merge.write('b', 'title', { type: 'set', value: 'B' });
    merge.healLink('a', 'b');
    merge.runUntilQuiescent();
    expect(values(merge, 'cart')).toEqual({ a: ['x', 'y'], b: ['x', 'y'] });
    expect(values(merge, 'title')).toEqual({ a: 'A/B', b: 'A/B' });
    const explanations = eventsOf(merge.history(), 'conflict').map((c) => c.explanation);
    expect(explanations.some((e) => /returned something that is not a set/.test(e))).toBe(true);
    expect(explanations.some((e) => /failed \(boom\)/.test(e))).toBe(true);
    expect(merge.write('a', 'cart', { type: 'add', item: 'z' })).toMatchObject({ ok: true });

    const custom = createSimulation(
      {
        nodes: [{ id: 'a' }, { id: 'b' }],
        keys: { title: 'register' },
        strategy: { kind: 'custom', on: 'write', resolver: 'bad' },
      },
      {
        resolvers: {
          bad: () => {
            throw new Error('nope');
          },
        },
      },
    );
    custom.cutLink('a', 'b');
    custom.write('a', 'title', { type: 'set', value: 'A' });
    custom.write('b', 'title', { type: 'set', value: 'B' });
    custom.healLink('a', 'b');
    custom.runUntilQuiescent();
    expect(values(custom, 'title')).toEqual({ a: 'B', b: 'B' });
  });
});
