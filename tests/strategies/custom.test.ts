import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { valueText } from '../../src/core/keyTypes';
import { compareRevisions } from '../../src/strategies/custom';
import { datacenters, eventsOf, sim, threeLeaders, values } from '../model/fixtures';

function concurrent(s: ReturnType<typeof sim>, key: string, a: [string, string], b: [string, string], gap = 10) {
  s.cutLink('eu', 'us');
  s.cutLink('us', 'ap');
  s.write(a[0], key, { type: 'set', value: a[1] });
  s.advance(gap);
  s.write(b[0], key, { type: 'set', value: b[1] });
  s.healLink('eu', 'us');
  s.healLink('us', 'ap');
  s.runUntilQuiescent();
}

describe('custom logic on write', () => {
  it('datacenter priority: the leader with the higher priority wins on every replica', () => {
    const s = sim({
      nodes: datacenters({ eu: { priority: 10 }, us: { priority: 1 }, ap: { priority: 5 } }),
      strategy: { kind: 'custom', on: 'write', resolver: 'datacenter-priority' },
    });
    concurrent(s, 'title', ['us', 'later but low'], ['eu', 'from the priority site']);
    expect(values(s, 'title')).toEqual({
      eu: 'from the priority site',
      us: 'from the priority site',
      ap: 'from the priority site',
    });
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c?.discarded).toEqual(['us:1']);
    expect(c?.explanation).toMatch(/On write, the leader with the higher priority wins: Frankfurt's/);
    expect(s.read('us', 'title').conflicts).toEqual([]);
  });

  it.each([
    ['first-writer-wins', ['eu', 'first'], ['us', 'second'], 'first'],
    ['longer-text', ['eu', 'a much longer title'], ['us', 'short'], 'a much longer title'],
    ['larger-number', ['eu', '42'], ['us', '7'], '42'],
  ] as const)('%s decides the same on every replica', (resolver, a, b, expected) => {
    const s = sim({ strategy: { kind: 'custom', on: 'write', resolver } });
    concurrent(s, 'title', [...a], [...b]);
    expect(values(s, 'title')).toEqual({ eu: expected, us: expected, ap: expected });
  });

  it('uses a resolver registered in code', () => {
    const s = createSimulation(
      { ...threeLeaders, strategy: { kind: 'custom', on: 'write', resolver: 'alphabetical' } },
      { resolvers: { alphabetical: (a, b) => (valueText(a.value) <= valueText(b.value) ? a : b) } },
    );
    concurrent(s, 'title', ['eu', 'zebra'], ['us', 'apple']);
    expect(values(s, 'title')).toEqual({ eu: 'apple', us: 'apple', ap: 'apple' });
  });

  it('refuses a resolver nobody registered', () => {
    expect(() => sim({ strategy: { kind: 'custom', on: 'write', resolver: 'coin-flip' } })).toThrow(
      /no resolver "coin-flip"/,
    );
  });
});

// semantics.md, CouchDB (couch_doc.erl): sort leaves by (not deleted, generation, rev id), descending.
describe('CouchDB’s winner rule', () => {
  const order = (leaves: { rev: string; deleted: boolean }[]) => [...leaves].sort(compareRevisions).map((l) => l.rev);

  it('picks 2-b91b from 2-b91b, 2-65db, 2-5bc3; the others are _conflicts', () => {
    const leaves = ['2-65db', '2-b91b', '2-5bc3'].map((rev) => ({ rev, deleted: false }));
    expect(order(leaves)).toEqual(['2-b91b', '2-65db', '2-5bc3']);
  });

  it('lets a live leaf beat a deleted leaf with a longer history', () => {
    expect(
      order([
        { rev: '3-aaa', deleted: true },
        { rev: '2-fff', deleted: false },
      ]),
    ).toEqual(['2-fff', '3-aaa']);
  });
});

describe('custom logic on read (siblings)', () => {
  it('keeps every concurrent version; a read shows one winner, the same everywhere, and the rest as conflicts', () => {
    const s = sim({ strategy: { kind: 'custom', on: 'read' } });
    concurrent(s, 'title', ['eu', 'B'], ['us', 'C']);
    const reads = ['eu', 'us', 'ap'].map((n) => s.read(n, 'title'));
    expect(new Set(reads.map((r) => JSON.stringify([r.value, r.conflicts]))).size).toBe(1);
    expect([reads[0]?.value, ...(reads[0]?.conflicts ?? [])].sort()).toEqual(['B', 'C']);
    expect(eventsOf(s.history(), 'conflict').every((c) => c.discarded.length === 0)).toBe(true);
  });

  it('resolve writes a value that descends every sibling it saw, everywhere', () => {
    const s = sim({ strategy: { kind: 'custom', on: 'read' } });
    concurrent(s, 'title', ['eu', 'B'], ['us', 'C']);
    const result = s.resolve('ap', 'title', 'B+C', s.read('ap', 'title').context);
    expect(result).toMatchObject({ ok: true });
    s.runUntilQuiescent();
    for (const n of ['eu', 'us', 'ap']) expect(s.read(n, 'title')).toMatchObject({ value: 'B+C', conflicts: [] });
  });

  it('a sibling written after the read stays after resolve', () => {
    const s = sim({ strategy: { kind: 'custom', on: 'read' } });
    concurrent(s, 'title', ['eu', 'B'], ['us', 'C']);
    const seen = s.read('ap', 'title').context;
    s.write('eu', 'title', { type: 'set', value: 'D' });
    s.runUntilQuiescent();
    s.resolve('ap', 'title', 'B+C', seen);
    s.runUntilQuiescent();
    const r = s.read('eu', 'title');
    expect([r.value, ...r.conflicts].sort()).toEqual(['B+C', 'D']);
  });

  // semantics.md, dotted version vectors (dvvset.erl): Mary writes v1 (no context); Peter reads
  // [a:1]; Mary writes v2 (no context); Peter writes v3 with context [a:1] → v1 dropped, v2 and v3 siblings.
  it('follows the DVV example: no false siblings, no lost ones', () => {
    const s = sim({ nodes: [{ id: 'a' }], strategy: { kind: 'custom', on: 'read' }, keys: { doc: 'register' } });
    s.write('a', 'doc', { type: 'set', value: 'v1' }, { context: {} });
    const peter = s.read('a', 'doc').context;
    expect(peter).toEqual({ a: 1 });
    s.write('a', 'doc', { type: 'set', value: 'v2' }, { context: {} });
    expect([s.read('a', 'doc').value, ...s.read('a', 'doc').conflicts].sort()).toEqual(['v1', 'v2']);
    s.write('a', 'doc', { type: 'set', value: 'v3' }, { context: peter });
    const r = s.read('a', 'doc');
    expect([r.value, ...r.conflicts].sort()).toEqual(['v2', 'v3']);
  });

  it('MV-register semantics: A=x ∥ B=y gives {x, y}; then A=z having seen both gives {z}', () => {
    const s = sim({
      nodes: [{ id: 'A' }, { id: 'B' }],
      strategy: { kind: 'custom', on: 'read' },
      keys: { r: 'register' },
    });
    s.cutLink('A', 'B');
    s.write('A', 'r', { type: 'set', value: 'x' });
    s.write('B', 'r', { type: 'set', value: 'y' });
    s.healLink('A', 'B');
    s.runUntilQuiescent();
    const both = s.read('A', 'r');
    expect([both.value, ...both.conflicts].sort()).toEqual(['x', 'y']);
    s.write('A', 'r', { type: 'set', value: 'z' });
    s.runUntilQuiescent();
    expect(s.read('B', 'r')).toMatchObject({ value: 'z', conflicts: [] });
  });

  it('refuses a context that is not a version vector', () => {
    const s = sim({ strategy: { kind: 'custom', on: 'read' } });
    expect(s.write('eu', 'title', { type: 'set', value: 'x' }, { context: { mars: 1 } })).toMatchObject({
      ok: false,
      code: 'invalid-op',
    });
    expect(s.resolve('eu', 'likes', 'not a number')).toMatchObject({ ok: false, code: 'invalid-op' });
  });
});
