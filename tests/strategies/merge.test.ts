import { describe, expect, it } from 'vitest';
import { registeredNames } from '../../src/strategies/catalog';
import { createSimulation } from '../../src/model';
import { valueText } from '../../src/core/keyTypes';
import { eventsOf, sim, threeLeaders, values } from '../model/fixtures';

/** Partition eu from us, let each act, heal, and wait. */
function partitioned(s: ReturnType<typeof sim>, eu: () => void, us: () => void) {
  s.cutLink('eu', 'us');
  s.cutLink('us', 'ap');
  eu();
  s.advance(10);
  us();
  s.advance(10);
  s.healLink('eu', 'us');
  s.healLink('us', 'ap');
  s.runUntilQuiescent();
}

describe('merge values', () => {
  it('takes the union of a shopping cart: no concurrent addition is lost', () => {
    const s = sim({ strategy: { kind: 'merge' } });
    partitioned(
      s,
      () => s.write('eu', 'cart', { type: 'add', item: 'milk' }),
      () => s.write('us', 'cart', { type: 'add', item: 'eggs' }),
    );
    expect(values(s, 'cart')).toEqual({ eu: ['eggs', 'milk'], us: ['eggs', 'milk'], ap: ['eggs', 'milk'] });
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    expect(conflicts.every((c) => c.discarded.length === 0)).toBe(true);
  });

  it('brings back an item removed on one side while a concurrent side still had it (a lost deletion)', () => {
    const s = sim({ strategy: { kind: 'merge' } });
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.write('eu', 'cart', { type: 'add', item: 'bread' });
    s.runUntilQuiescent();
    partitioned(
      s,
      () => s.write('eu', 'cart', { type: 'remove', item: 'milk' }),
      () => s.write('us', 'cart', { type: 'add', item: 'eggs' }),
    );
    expect(values(s, 'cart')).toEqual({
      eu: ['bread', 'eggs', 'milk'],
      us: ['bread', 'eggs', 'milk'],
      ap: ['bread', 'eggs', 'milk'],
    });
    const [c] = eventsOf(s.history(), 'conflict');
    expect(c?.discarded).toEqual(['eu:3']);
    expect(c?.explanation).toMatch(
      /"milk", removed on one side while a concurrent side still had it, comes back \(a lost deletion\)/,
    );
  });

  it('joins concurrent register values ("B/C")', () => {
    const s = sim({ strategy: { kind: 'merge' } });
    partitioned(
      s,
      () => s.write('eu', 'title', { type: 'set', value: 'C' }),
      () => s.write('us', 'title', { type: 'set', value: 'B' }),
    );
    expect(values(s, 'title')).toEqual({ eu: 'B/C', us: 'B/C', ap: 'B/C' });
    expect(eventsOf(s.history(), 'conflict')[0]?.explanation).toMatch(/joined into "B\/C"/);
  });

  it('keeps the larger counter and names the increments it loses', () => {
    const s = sim({ strategy: { kind: 'merge' } });
    partitioned(
      s,
      () => {
        s.write('eu', 'likes', { type: 'increment', by: 1 });
        s.write('eu', 'likes', { type: 'increment', by: 1 });
      },
      () => s.write('us', 'likes', { type: 'increment', by: 1 }),
    );
    expect(values(s, 'likes')).toEqual({ eu: 2, us: 2, ap: 2 });
    // Each leader's last record describes the converged value: Virginia's increment is lost.
    const conflicts = eventsOf(s.history(), 'conflict');
    for (const node of ['eu', 'us', 'ap']) {
      expect(conflicts.filter((c) => c.node === node).at(-1)?.discarded).toEqual(['us:1']);
    }
  });

  it('a later write that saw the merged value replaces it, with no conflict', () => {
    const s = sim({ strategy: { kind: 'merge' } });
    partitioned(
      s,
      () => s.write('eu', 'title', { type: 'set', value: 'C' }),
      () => s.write('us', 'title', { type: 'set', value: 'B' }),
    );
    const before = eventsOf(s.history(), 'conflict').length;
    s.write('ap', 'title', { type: 'set', value: 'Final' });
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'Final', us: 'Final', ap: 'Final' });
    expect(eventsOf(s.history(), 'conflict')).toHaveLength(before);
  });

  it('uses a merge function registered in code, for the key the config names it for', () => {
    const s = createSimulation(
      { ...threeLeaders, strategy: { kind: 'merge', functions: { title: 'ampersand' } } },
      { merges: { ampersand: (a, b) => [valueText(a), valueText(b)].sort().join(' & ') } },
    );
    s.cutLink('eu', 'us');
    s.cutLink('us', 'ap');
    s.write('eu', 'title', { type: 'set', value: 'tea' });
    s.write('us', 'title', { type: 'set', value: 'cake' });
    s.healLink('eu', 'us');
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'cake & tea', us: 'cake & tea', ap: 'cake & tea' });
  });

  it('names registered merge functions in the config: the same function may serve two keys, and others keep the built-in', () => {
    const s = createSimulation(
      {
        ...threeLeaders,
        keys: { ...threeLeaders.keys, subtitle: 'register', motto: 'register' },
        strategy: { kind: 'merge', functions: { title: 'ampersand', subtitle: 'ampersand' } },
      },
      { merges: { ampersand: (a, b) => [valueText(a), valueText(b)].sort().join(' & '), unused: (a) => a } },
    );
    s.cutLink('eu', 'us');
    s.cutLink('us', 'ap');
    for (const key of ['title', 'subtitle', 'motto']) {
      s.write('eu', key, { type: 'set', value: 'tea' });
      s.write('us', key, { type: 'set', value: 'cake' });
    }
    s.healLink('eu', 'us');
    s.healLink('us', 'ap');
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'cake & tea', us: 'cake & tea', ap: 'cake & tea' });
    expect(values(s, 'subtitle')).toEqual({ eu: 'cake & tea', us: 'cake & tea', ap: 'cake & tea' });
    expect(values(s, 'motto')).toEqual({ eu: 'cake/tea', us: 'cake/tea', ap: 'cake/tea' });
    const explanation = eventsOf(s.history(), 'conflict').find((c) => c.key === 'subtitle')?.explanation;
    expect(explanation).toContain('The merge function "ampersand" registered for subtitle made "cake & tea".');
    // The snapshot keeps the names, so a recorded scenario can name them again.
    expect(s.snapshot().strategy).toEqual({ kind: 'merge', functions: { title: 'ampersand', subtitle: 'ampersand' } });
  });

  it('refuses, on a strategy change, a function the page lacks or a key it does not have, and keeps the run', () => {
    const s = createSimulation(threeLeaders, { merges: { ampersand: (a) => a } });
    s.write('eu', 'title', { type: 'set', value: 'tea' });
    s.runUntilQuiescent();
    const before = JSON.stringify(s.snapshot());
    expect(() => {
      s.setStrategy({ kind: 'merge', functions: { title: 'concatLonger' } });
    }).toThrow(
      /strategy\.functions\.title: no merge function "concatLonger" is registered on this page \(registered: ampersand\)/,
    );
    expect(() => {
      s.setStrategy({ kind: 'merge', functions: { colour: 'ampersand' } });
    }).toThrow(/strategy\.functions\.colour: no key "colour" in config\.keys/);
    expect(() => {
      s.setStrategy(JSON.parse('{"kind":"merge","functions":{"__proto__":"ampersand"}}') as never);
    }).toThrow(/strategy\.functions: .*reserved/);
    expect(JSON.stringify(s.snapshot())).toBe(before);
    s.setStrategy({ kind: 'merge', functions: { title: 'ampersand' } });
    expect(s.snapshot().strategy).toEqual({ kind: 'merge', functions: { title: 'ampersand' } });
  });

  it('lists the names a page registered, for a scenario parser to check against', () => {
    expect(registeredNames({ merges: { ampersand: null }, resolvers: { alphabetical: null } })).toEqual({
      resolvers: ['alphabetical'],
      merges: ['ampersand'],
    });
    expect(registeredNames({})).toEqual({ resolvers: [], merges: [] });
  });
});
