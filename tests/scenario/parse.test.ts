/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- these tests break scenarios on purpose, as loose JSON, and match messages loosely */
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, type ParseResult } from '../../src/scenario';
import { validScenario } from './fixtures';

/** Mutate a fresh valid scenario (as loose JSON) and parse it. */
function parseChanged(change: (s: Record<string, any>) => void, registered?: Parameters<typeof parseScenario>[1]) {
  const s = JSON.parse(JSON.stringify(validScenario())) as Record<string, any>;
  change(s);
  return parseScenario(s, registered);
}

function errorsOf(r: ParseResult) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('parseScenario accepts', () => {
  it('a valid scenario, as an object or as JSON text, into a fresh copy that loads', () => {
    const input = validScenario();
    const r = parseScenario(input);
    expect(r).toEqual({ ok: true, scenario: input });
    if (!r.ok) return;
    expect(r.scenario).not.toBe(input);
    expect(r.scenario.config).not.toBe(input.config);
    expect(r.scenario.commands[0]).not.toBe(input.commands[0]);
    expect(parseScenario(JSON.stringify(input))).toEqual(r);
    const sim = loadScenario(r.scenario);
    expect(sim.recordedCommands()).toEqual(input.commands);
    expect(sim.now()).toBe(500);
    expect(sim.snapshot().horizon).toBe(900);
  });
});

describe('parseScenario refuses, naming the path', () => {
  it('a missing or foreign format tag', () => {
    expect(errorsOf(parseChanged((s) => delete s.format))).toEqual([
      { path: 'format', message: expect.stringContaining('no "format"') },
    ]);
    expect(errorsOf(parseChanged((s) => (s.format = 'mll-scenario/2')))[0]?.path).toBe('format');
    expect(errorsOf(parseScenario([1, 2]))[0]).toEqual({ path: '', message: expect.stringContaining('an object') });
  });

  it('an unknown leader in a command', () => {
    expect(errorsOf(parseChanged((s) => (s.commands[3].a = 'xx')))).toEqual([
      { path: 'commands[3].a', message: 'no leader "xx" in config.nodes' },
    ]);
    expect(errorsOf(parseChanged((s) => (s.commands[5].node = 'xx')))).toEqual([
      { path: 'commands[5].node', message: 'no leader "xx" in config.nodes' },
    ]);
  });

  it('an unknown key, and an operation that does not fit its key', () => {
    expect(errorsOf(parseChanged((s) => (s.commands[0].key = 'nope')))).toEqual([
      { path: 'commands[0].key', message: 'no key "nope" in config.keys' },
    ]);
    expect(errorsOf(parseChanged((s) => (s.commands[0].op = { type: 'add', item: 'x' })))).toEqual([
      { path: 'commands[0].op.type', message: '"add" does not fit a register key (it takes set, delete, replace)' },
    ]);
    expect(errorsOf(parseChanged((s) => (s.commands[2].op.index = -1)))[0]?.path).toBe('commands[2].op.index');
    expect(errorsOf(parseChanged((s) => (s.commands[0].op.extra = 1)))[0]?.path).toBe('commands[0].op.extra');
  });

  it('a link the topology does not have', () => {
    const errors = errorsOf(parseChanged((s) => (s.config.topology = { kind: 'star', hub: 'ap' })));
    expect(errors).toEqual([
      { path: 'commands[1]', message: 'no link between "eu" and "us" in this star topology' },
      { path: 'commands[11]', message: 'no link between "eu" and "us" in this star topology' },
    ]);
  });

  it('negative, infinite, unsafe and out-of-order times', () => {
    expect(errorsOf(parseChanged((s) => (s.commands[0].at = -1)))[0]).toEqual({
      path: 'commands[0].at',
      message: 'a time cannot be negative',
    });
    expect(errorsOf(parseChanged((s) => (s.commands[1].at = Infinity)))[0]?.path).toBe('commands[1].at');
    expect(errorsOf(parseChanged((s) => (s.at = 2 ** 53)))[0]?.path).toBe('at');
    expect(errorsOf(parseChanged((s) => (s.commands[4].at = 5)))).toEqual([
      { path: 'commands[4].at', message: expect.stringContaining('time order') },
    ]);
    expect(errorsOf(parseChanged((s) => (s.end = 100)))[0]?.path).toBe('end');
  });

  it('a bad id, title or description', () => {
    expect(errorsOf(parseChanged((s) => (s.id = 'has space')))[0]?.path).toBe('id');
    expect(errorsOf(parseChanged((s) => (s.title = 'x'.repeat(121))))[0]?.path).toBe('title');
    expect(errorsOf(parseChanged((s) => (s.description = 'x'.repeat(2001))))[0]?.path).toBe('description');
    expect(errorsOf(parseChanged((s) => (s.colour = 'red')))[0]?.path).toBe('colour');
  });

  it('a bad config, through the model’s own validation', () => {
    expect(errorsOf(parseChanged((s) => (s.config.nodes[1].id = 'b a d')))[0]?.path).toBe('config.nodes[1].id');
    expect(errorsOf(parseChanged((s) => (s.config.nodes[1].id = 'eu')))[0]).toEqual({
      path: 'config.nodes',
      message: '"eu" appears twice',
    });
    expect(errorsOf(parseChanged((s) => (s.config.strategy = { kind: 'nope' })))[0]?.path).toBe('config.strategy.kind');
  });

  it('a command the model refuses when replayed', () => {
    // The second crash of a crashed leader.
    const crash = errorsOf(parseChanged((s) => (s.commands[7] = { at: 70, type: 'crash', node: 'ap' })));
    expect(crash).toEqual([{ path: 'commands[7]', message: expect.stringContaining('it is crashed') }]);
    // Deleting past the end of the text.
    const del = errorsOf(parseChanged((s) => (s.commands[2].op = { type: 'delete', index: 0, length: 5 })));
    expect(del).toEqual([{ path: 'commands[2].op', message: expect.stringContaining('past the end') }]);
  });

  it('a resolver this page has not registered', () => {
    const custom = (s: Record<string, any>) => (s.config.strategy = { kind: 'custom', on: 'write', resolver: 'mine' });
    expect(errorsOf(parseChanged(custom, { resolvers: ['other'] }))).toEqual([
      { path: 'config.strategy.resolver', message: expect.stringContaining('no resolver named "mine"') },
    ]);
    expect(parseChanged(custom, { resolvers: ['mine'] }).ok).toBe(true);
    // Built-in resolvers need no registration.
    const builtIn = (s: Record<string, any>) =>
      (s.config.strategy = { kind: 'custom', on: 'write', resolver: 'longer-text' });
    expect(parseChanged(builtIn, {}).ok).toBe(true);
  });

  it('too many commands and too much text, quickly', () => {
    const many = parseChanged((s) => {
      s.commands = Array.from({ length: 10_001 }, (_, i) => ({ at: i, type: 'crash', node: 'eu' }));
    });
    expect(errorsOf(many)).toEqual([{ path: 'commands', message: expect.stringContaining('too many commands') }]);
    const started = performance.now();
    expect(errorsOf(parseScenario(' '.repeat(1_000_001)))[0]?.message).toContain('too much text');
    expect(performance.now() - started).toBeLessThan(50);
  });
});
