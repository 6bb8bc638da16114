import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/model';
import { decodeScenario, encodeScenario, LIMITS, loadScenario, parseScenario } from '../../src/scenario';
import { toBase64Url } from '../../src/scenario/codec';
import { SCENARIO_DICTIONARY } from '../../src/scenario/dictionary';
import { namedFunctions, unregisteredNames } from '../../src/scenario/registered';
import { replayErrors } from '../../src/scenario/replay';
import { config, validScenario } from './fixtures';

describe('the limits of a scenario', () => {
  it('refuses a link that would inflate past 1 MB, quickly', () => {
    const bomb = `mll1.${toBase64Url(deflateSync(new Uint8Array(5_000_000), { level: 9, dictionary: SCENARIO_DICTIONARY }))}`;
    expect(bomb.length).toBeLessThan(10_000);
    const started = performance.now();
    const r = decodeScenario(bomb);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(r).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringContaining('more than 1,000,000 bytes') as string }],
    });
  });

  it('refuses a link longer than any scenario before decoding it', () => {
    const r = decodeScenario(`mll1.${'A'.repeat(LIMITS.maxEncodedChars)}`);
    expect(r.ok ? '' : r.errors[0]?.message).toContain('too long');
  });

  it('reads a link that a chat tool wrapped over several lines', () => {
    const text = encodeScenario(validScenario());
    const wrapped = `  ${text.slice(0, 30)}\n${text.slice(30, 90)}\r\n ${text.slice(90)}\n`;
    expect(decodeScenario(wrapped)).toEqual({ ok: true, scenario: validScenario() });
  });

  it('reads the scenario out of a whole pasted link, and a JSON file with a byte-order mark', () => {
    const text = encodeScenario(validScenario());
    expect(decodeScenario(`https://example.org/lab/#/lab?s=${text}&x=1`)).toEqual({
      ok: true,
      scenario: validScenario(),
    });
    expect(parseScenario(`\uFEFF${JSON.stringify(validScenario())}`)).toEqual({ ok: true, scenario: validScenario() });
  });

  it(`reports at most ${String(LIMITS.maxErrors)} errors and counts the rest`, () => {
    const commands = Array.from({ length: 120 }, (_, i) => ({ at: i, type: 'crash', node: `n${String(i)}` }));
    const r = parseScenario({ ...validScenario(), commands });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(LIMITS.maxErrors + 1);
    expect(r.errors[0]).toEqual({ path: 'commands[0].node', message: 'no leader "n0" in config.nodes' });
    expect(r.errors.at(-1)).toEqual({ path: '', message: 'and 70 more problems' });
  });

  it('gives back data that shares nothing with the input', () => {
    const input = validScenario();
    const r = parseScenario(input);
    if (!r.ok) throw new Error('expected a valid scenario');
    const seen = new Set<unknown>();
    const collect = (x: unknown) => {
      if (typeof x !== 'object' || x === null) return;
      seen.add(x);
      Object.values(x).forEach(collect);
    };
    collect(input);
    const shared: unknown[] = [];
    const check = (x: unknown) => {
      if (typeof x !== 'object' || x === null) return;
      if (seen.has(x)) shared.push(x);
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(x));
      Object.values(x).forEach(check);
    };
    check(r.scenario);
    expect(shared).toEqual([]);
  });

  it('accepts concepts, and refuses too many or malformed ones', () => {
    expect(parseScenario({ ...validScenario(), concepts: ['lww-clock-skew', 'causal'] }).ok).toBe(true);
    const many = parseScenario({ ...validScenario(), concepts: Array.from({ length: 33 }, (_, i) => `c${String(i)}`) });
    expect(many.ok ? '' : many.errors[0]?.path).toBe('concepts');
    const bad = parseScenario({ ...validScenario(), concepts: ['ok', 'not ok'] });
    expect(bad.ok ? '' : bad.errors[0]?.path).toBe('concepts[1]');
  });
});

describe('functions registered in code', () => {
  const custom = (resolver: string) => ({
    ...validScenario(),
    config: { ...config, strategy: { kind: 'custom' as const, on: 'write' as const, resolver } },
  });

  it('are found where the config names them, built-in resolvers left out', () => {
    expect(namedFunctions(custom('mine').config)).toEqual([
      { kind: 'resolver', name: 'mine', path: 'config.strategy.resolver' },
    ]);
    expect(namedFunctions(custom('first-writer-wins').config)).toEqual([]);
    // The form merge strategies are moving to: one registered merge function per key.
    expect(namedFunctions({ strategy: { kind: 'merge', functions: { title: 'concat', 'odd key': 'x' } } })).toEqual([
      { kind: 'merge', name: 'concat', path: 'config.strategy.functions.title' },
      { kind: 'merge', name: 'x', path: 'config.strategy.functions["odd key"]' },
    ]);
    expect(namedFunctions(null)).toEqual([]);
    expect(namedFunctions({ strategy: { kind: 'merge' } })).toEqual([]);
  });

  it('are refused by name when this page lacks them, and trusted when no list is given', () => {
    const named = namedFunctions({ strategy: { kind: 'merge', functions: { title: 'concat' } } });
    expect(unregisteredNames(named, { merges: ['concat'] })).toEqual([]);
    expect(unregisteredNames(named, { merges: [] })).toEqual([
      {
        path: 'config.strategy.functions.title',
        message: expect.stringContaining('no merge function named "concat" (it has none)') as string,
      },
    ]);
    expect(unregisteredNames(named, undefined)).toEqual([]);
    // Without a list, a scenario naming an unknown resolver still parses (the page decides).
    expect(parseScenario(custom('mine')).ok).toBe(true);
    const refused = parseScenario(custom('mine'), { resolvers: [] });
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual(['config.strategy.resolver']);
  });

  it('are what loadScenario needs: it refuses a named resolver the page does not pass', () => {
    const r = parseScenario(custom('mine'), { resolvers: ['mine'] });
    if (!r.ok) throw new Error('expected a valid scenario');
    expect(() => loadScenario(r.scenario)).toThrow(SimulationError);
    const sim = loadScenario(r.scenario, { resolvers: { mine: (a) => a } });
    expect(sim.recordedCommands()).toEqual(r.scenario.commands);
  });
});

describe('the replay check with stand-in functions', () => {
  it('does not hold a value-dependent refusal against a scenario whose resolver lives in code', () => {
    // Under the real resolver "mine" the text might be longer; the stand-in cannot know.
    const s = {
      ...validScenario(),
      config: { ...config, strategy: { kind: 'custom' as const, on: 'write' as const, resolver: 'mine' } },
      commands: [
        {
          at: 0,
          type: 'write' as const,
          node: 'eu',
          key: 'notes',
          op: { type: 'delete' as const, index: 3, length: 1 },
        },
      ],
    };
    expect(replayErrors(s, { resolvers: { mine: (a) => a } }, true)).toEqual([]);
    expect(replayErrors(s, { resolvers: { mine: (a) => a } }, false).map((e) => e.path)).toEqual(['commands[0].op']);
    expect(parseScenario(s, { resolvers: ['mine'] }).ok).toBe(true);
  });
});

describe('merge functions named in the config', () => {
  const withMerge = (functions: Record<string, string>) => ({
    ...validScenario(),
    config: { ...config, strategy: { kind: 'merge' as const, functions } },
  });

  it('are checked against the names this page registered', () => {
    expect(parseScenario(withMerge({ title: 'ampersand' }), { merges: ['ampersand'] }).ok).toBe(true);
    const r = parseScenario(withMerge({ title: 'ampersand' }), { merges: ['other'] });
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'config.strategy.functions.title: this page has no merge function named "ampersand" (it has "other"); a scenario can only name functions registered in code',
    ]);
    // Without a list the page decides later; the model's own checks still apply (a key it lacks).
    expect(parseScenario(withMerge({ title: 'ampersand' })).ok).toBe(true);
    const unknownKey = parseScenario(withMerge({ nope: 'ampersand' }));
    expect(unknownKey.ok ? [] : unknownKey.errors.map((e) => e.path)).toEqual(['config.strategy.functions.nope']);
  });

  it('load with the page’s functions, named as the config names them', () => {
    const r = parseScenario(withMerge({ title: 'ampersand' }), { merges: ['ampersand'] });
    if (!r.ok) throw new Error('expected a valid scenario');
    const sim = loadScenario(r.scenario, {
      merges: { ampersand: (a, b) => (typeof a === 'string' && typeof b === 'string' ? `${a}&${b}` : a) },
    });
    expect(sim.recordedCommands()).toEqual(r.scenario.commands);
  });
});
