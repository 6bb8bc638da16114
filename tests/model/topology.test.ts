import { describe, expect, it } from 'vitest';
import { createSimulation, SimulationError, type SimulationConfig } from '../../src/model';
import { eventsOf, values } from './fixtures';

const four = (topology: SimulationConfig['topology']) =>
  createSimulation(
    {
      seed: 1,
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      topology,
      latencyMs: 10,
      keys: { x: 'register' },
    },
    { verifyReplay: true },
  );

const sends = (s: ReturnType<typeof four>) => eventsOf(s.history(), 'send').map((e) => `${e.node}>${e.to}`);

describe('topologies and forwarding', () => {
  it('all-to-all: the origin sends to every other leader directly, and nobody forwards', () => {
    const s = four({ kind: 'all-to-all' });
    s.write('a', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(sends(s)).toEqual(['a>b', 'a>c', 'a>d']);
    expect(s.snapshot().links).toHaveLength(6);
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('ring: each leader forwards around the ring one way; the origin drops its own write (origin tag)', () => {
    const s = four({ kind: 'ring', order: ['a', 'b', 'c', 'd'] });
    s.write('b', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(sends(s)).toEqual(['b>c', 'c>d', 'd>a', 'a>b']);
    expect(eventsOf(s.history(), 'drop')).toMatchObject([{ node: 'b', writeId: 'b:1', reason: 'own-origin' }]);
    expect(eventsOf(s.history(), 'apply').map((e) => [e.node, e.at])).toEqual([
      ['c', 10],
      ['d', 20],
      ['a', 30],
    ]);
    expect(s.snapshot().links.map((l) => l.directions)).toEqual([
      [['a', 'b']],
      [['b', 'c']],
      [['c', 'd']],
      [['d', 'a']],
    ]);
  });

  it('star: leaves send to the hub, which forwards to every other leaf', () => {
    const s = four({ kind: 'star', hub: 'a' });
    s.write('c', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(sends(s)).toEqual(['c>a', 'a>b', 'a>d']);
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('custom graph: floods along its links, and a leader never applies or forwards a write twice', () => {
    const s = four({
      kind: 'custom',
      links: [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
        ['c', 'd'],
      ],
    });
    s.write('a', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    const applies = eventsOf(s.history(), 'apply').map((e) => e.node);
    expect(applies.sort()).toEqual(['b', 'c', 'd']);
    expect(eventsOf(s.history(), 'drop').every((d) => d.reason === 'duplicate')).toBe(true);
    expect(eventsOf(s.history(), 'drop').length).toBeGreaterThan(0);
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('ring: one crashed leader stops propagation beyond it until it recovers', () => {
    const s = four({ kind: 'ring', order: ['a', 'b', 'c', 'd'] });
    s.crashNode('c');
    s.write('a', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: null, d: null });
    s.recoverNode('c');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('ring: one cut link stops propagation past it, even to leaders further on', () => {
    const s = four({ kind: 'ring', order: ['a', 'b', 'c', 'd'] });
    s.cutLink('b', 'c');
    s.write('a', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: null, d: null });
    s.healLink('b', 'c');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('star: a crashed hub stops all replication between the leaves', () => {
    const s = four({ kind: 'star', hub: 'a' });
    s.crashNode('a');
    s.write('b', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: null, b: '1', c: null, d: null });
    s.recoverNode('a');
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: '1', d: '1' });
  });

  it('all-to-all: one crashed leader does not stop the others', () => {
    const s = four({ kind: 'all-to-all' });
    s.crashNode('c');
    s.write('a', 'x', { type: 'set', value: '1' });
    s.runUntilQuiescent();
    expect(values(s, 'x')).toEqual({ a: '1', b: '1', c: null, d: '1' });
  });

  it('a ring of one leader has no links and sends nothing', () => {
    const s = createSimulation({ nodes: [{ id: 'solo' }], topology: { kind: 'ring' }, keys: { x: 'register' } });
    s.write('solo', 'x', { type: 'set', value: '1' });
    expect(s.snapshot().links).toEqual([]);
    expect(eventsOf(s.history(), 'send')).toEqual([]);
  });

  it('refuses to cut a link that the topology does not have', () => {
    const s = four({ kind: 'ring', order: ['a', 'b', 'c', 'd'] });
    expect(() => {
      s.cutLink('a', 'c');
    }).toThrow(SimulationError);
    expect(() => {
      s.cutLink('a', 'c');
    }).toThrow(/No link between "a" and "c" in this ring topology/);
  });
});
