import { describe, expect, it } from 'vitest';
import { createSimulation, SimulationError, type WriteOp } from '../../src/model';
import { sim, threeLeaders } from './fixtures';

function configError(config: unknown): SimulationError {
  try {
    createSimulation(config as Parameters<typeof createSimulation>[0]);
  } catch (e) {
    if (e instanceof SimulationError) return e;
    throw e;
  }
  throw new Error('expected the config to be refused');
}

describe('a bad config', () => {
  it.each([
    ['no nodes', { ...threeLeaders, nodes: [] }, /nodes: at least one leader/],
    ['a duplicate id', { ...threeLeaders, nodes: [{ id: 'eu' }, { id: 'eu' }] }, /"eu" appears twice/],
    ['an id with a space', { ...threeLeaders, nodes: [{ id: 'e u' }] }, /nodes\.0\.id: ids are 1 to 24 letters/],
    ['an unknown key type', { ...threeLeaders, keys: { x: 'list' } }, /keys\.x/],
    ['no keys', { ...threeLeaders, keys: {} }, /keys: at least one key/],
    [
      'a star hub that is not a leader',
      { ...threeLeaders, topology: { kind: 'star', hub: 'mars' } },
      /topology\.hub: no leader "mars"/,
    ],
    [
      'a ring that skips a leader',
      { ...threeLeaders, topology: { kind: 'ring', order: ['eu', 'us'] } },
      /must name every leader exactly once/,
    ],
    [
      'a custom self-link',
      { ...threeLeaders, topology: { kind: 'custom', links: [['eu', 'eu']] } },
      /cannot link to itself/,
    ],
    ['a zero latency', { ...threeLeaders, latencyMs: 0 }, /latencyMs/],
    [
      'a latency for a missing link',
      { ...threeLeaders, topology: { kind: 'star', hub: 'eu' }, latencyMs: { base: 5, links: { 'us-ap': 9 } } },
      /no link "us-ap" in this topology/,
    ],
    ['an unknown strategy', { ...threeLeaders, strategy: { kind: 'magic' } }, /strategy/],
    [
      'an unknown tie rule',
      { ...threeLeaders, strategy: { kind: 'lww', tieBreak: 'coin-flip' } },
      /strategy\.tieBreak/,
    ],
    ['single-leader without a leader', { ...threeLeaders, mode: 'single-leader' }, /single-leader mode needs "leader"/],
    ['an unknown field', { ...threeLeaders, colour: 'blue' }, /colour/],
    ['not an object', 'three leaders please', /Invalid simulation config/],
    [
      'a key named constructor',
      { ...threeLeaders, keys: { constructor: 'register' } },
      /keys\.constructor: that name is reserved/,
    ],
    [
      'a leader named toString',
      { ...threeLeaders, nodes: [{ id: 'toString' }] },
      /nodes\.0\.id: that name is reserved/,
    ],
    [
      'a custom graph that leaves a leader out',
      { ...threeLeaders, topology: { kind: 'custom', links: [['eu', 'us']] } },
      /"ap" cannot be reached from "eu"/,
    ],
  ])('is refused with a clear message: %s', (_name, config, message) => {
    const error = configError(config);
    expect(error.code).toBe('invalid-config');
    expect(error.message).toMatch(message);
    expect(error.details.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a merge function nobody registered',
      { ...threeLeaders, strategy: { kind: 'merge', functions: { title: 'concatLonger' } } },
      {},
      'strategy.functions.title: no merge function "concatLonger" is registered on this page (registered: none)',
    ],
    [
      'a merge function for a key the config does not have',
      { ...threeLeaders, strategy: { kind: 'merge', functions: { colour: 'mix' } } },
      { merges: { mix: (a: unknown) => a } },
      'strategy.functions.colour: no key "colour" in config.keys',
    ],
    [
      'a resolver nobody registered',
      { ...threeLeaders, strategy: { kind: 'custom', on: 'write', resolver: 'coin-flip' } },
      { resolvers: { alphabetical: (a: unknown) => a } },
      'strategy.resolver: no resolver "coin-flip" is registered on this page (built in: datacenter-priority, first-writer-wins, longer-text, larger-number; registered: alphabetical)',
    ],
    [
      'a resolver for siblings kept on read',
      { ...threeLeaders, strategy: { kind: 'custom', on: 'read', resolver: 'longer-text' } },
      {},
      'strategy.resolver: applies only with on "write"',
    ],
  ])('names what a scenario refers to and the page lacks: %s', (_name, config, options, detail) => {
    let error: unknown = null;
    try {
      createSimulation(config as Parameters<typeof createSimulation>[0], options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).code).toBe('invalid-config');
    expect((error as SimulationError).details).toContain(detail);
  });

  it('lists every problem at once', () => {
    const error = configError({ ...threeLeaders, topology: { kind: 'star', hub: 'x' }, mode: 'single-leader' });
    expect(error.details).toEqual(['topology.hub: no leader "x"', 'leader: single-leader mode needs "leader"']);
  });
});

describe('a command the model cannot honour', () => {
  function unchanged(act: (s: ReturnType<typeof sim>) => unknown) {
    const s = sim();
    s.write('eu', 'notes', { type: 'insert', index: 0, text: 'abc' });
    s.write('eu', 'likes', { type: 'increment', by: 1 });
    s.advance(10);
    const before = JSON.stringify([s.snapshot(), s.history(), s.commands()]);
    const outcome = (() => {
      try {
        return act(s);
      } catch (e) {
        return e;
      }
    })();
    expect(JSON.stringify([s.snapshot(), s.history(), s.commands()])).toBe(before);
    return outcome;
  }

  it.each<[string, string, string, unknown, string, RegExp]>([
    ['an unknown node', 'mars', 'title', { type: 'set', value: 'x' }, 'unknown-node', /No leader "mars"/],
    ['an unknown key', 'eu', 'colour', { type: 'set', value: 'x' }, 'unknown-key', /No key "colour"/],
    [
      'an op of another key type',
      'eu',
      'cart',
      { type: 'increment', by: 1 },
      'invalid-op',
      /"increment" does not fit a set key/,
    ],
    ['a fractional increment', 'eu', 'likes', { type: 'increment', by: 0.5 }, 'invalid-op', /integer "by"/],
    ['an insert past the end', 'eu', 'notes', { type: 'insert', index: 9, text: 'x' }, 'invalid-op', /from 0 to 3/],
    ['a delete past the end', 'eu', 'notes', { type: 'delete', index: 2, length: 5 }, 'invalid-op', /past the end/],
    ['a register set without a string', 'eu', 'title', { type: 'set', value: 42 }, 'invalid-op', /string "value"/],
    ['no op at all', 'eu', 'title', null, 'invalid-op', /must be an object/],
    [
      'a key named like an Object property',
      'eu',
      'toString',
      { type: 'set', value: 'x' },
      'unknown-key',
      /No key "toString"/,
    ],
    ['a reserved set item', 'eu', 'cart', { type: 'add', item: '__proto__' }, 'invalid-op', /reserved name/],
    [
      'a counter overflow',
      'eu',
      'likes',
      { type: 'increment', by: Number.MAX_SAFE_INTEGER },
      'invalid-op',
      /safe integer/,
    ],
  ])('write with %s is refused and changes nothing', (_name, node, key, op, code, reason) => {
    const result = unchanged((s) => s.write(node, key, op as WriteOp));
    expect(result).toMatchObject({ ok: false, code });
    expect((result as { reason: string }).reason).toMatch(reason);
  });

  it.each<[string, (s: ReturnType<typeof sim>) => unknown, string]>([
    [
      'cutting a link to an unknown node',
      (s) => {
        s.cutLink('eu', 'mars');
      },
      'unknown-node',
    ],
    [
      'healing a link that is not cut',
      (s) => {
        s.healLink('eu', 'us');
      },
      'invalid-state',
    ],
    [
      'recovering a leader that is up',
      (s) => {
        s.recoverNode('eu');
      },
      'invalid-state',
    ],
    [
      'reconnecting a leader that is online',
      (s) => {
        s.reconnectNode('us');
      },
      'invalid-state',
    ],
    [
      'a negative advance',
      (s) => {
        s.advance(-5);
      },
      'invalid-argument',
    ],
    [
      'advancing by NaN',
      (s) => {
        s.advance(Number.NaN);
      },
      'invalid-argument',
    ],
    [
      'seeking to infinity',
      (s) => {
        s.seek(Number.POSITIVE_INFINITY);
      },
      'invalid-argument',
    ],
    [
      'a zero link latency',
      (s) => {
        s.setLinkLatency('eu', 'us', 0);
      },
      'invalid-argument',
    ],
    [
      'a skew of a day',
      (s) => {
        s.setClockSkew('eu', 86_400_000);
      },
      'invalid-argument',
    ],
    [
      'an unknown strategy',
      (s) => {
        s.setStrategy({ kind: 'magic' } as never);
      },
      'invalid-config',
    ],
    ['reading an unknown key', (s) => s.read('eu', 'colour'), 'unknown-key'],
    ['reading a key named like an Object property', (s) => s.read('eu', 'constructor'), 'unknown-key'],
    [
      'a latency of 1e15 ms',
      (s) => {
        s.setLinkLatency('eu', 'us', 1e15);
      },
      'invalid-argument',
    ],
  ])('%s throws a typed error and changes nothing', (_name, act, code) => {
    const error = unchanged(act);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).code).toBe(code);
  });
});

describe('what the model hands out', () => {
  it('is frozen: editing a read, a snapshot or the history cannot reach the simulation', () => {
    const s = sim();
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.runUntilQuiescent();
    const before = JSON.stringify([s.snapshot(), s.history()]);
    const cart = s.read('eu', 'cart').value as string[];
    expect(() => cart.push('evil')).toThrow(TypeError);
    const snap = s.snapshot();
    expect(() => Object.assign(snap.nodes[0]?.applied ?? {}, { eu: 99 })).toThrow(TypeError);
    const [first] = s.history();
    expect(() => Object.assign(first ?? {}, { at: -1 })).toThrow(TypeError);
    expect(JSON.stringify([s.snapshot(), s.history()])).toBe(before);
  });

  it('refuses a history bound too small to be useful', () => {
    expect(() => createSimulation(threeLeaders, { maxHistoryEvents: 50 })).toThrow(
      /maxHistoryEvents must be an integer ≥ 100/,
    );
    expect(() => createSimulation(threeLeaders, { maxHistoryEvents: Number.NaN })).toThrow(SimulationError);
  });
});

describe('a refused write while scrubbed back', () => {
  it('keeps the recorded future: nothing is recorded for it', () => {
    const s = sim();
    s.crashNode('us');
    s.advance(100);
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.advance(100);
    s.recoverNode('us');
    s.runUntilQuiescent();
    const end = s.snapshot();
    s.seek(50);
    expect(s.write('us', 'title', { type: 'set', value: 'y' })).toMatchObject({ ok: false, code: 'node-crashed' });
    expect(s.snapshot().horizon).toBe(end.horizon);
    s.seek(end.time);
    expect(s.snapshot()).toEqual(end);
  });
});
