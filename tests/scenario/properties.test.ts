import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeScenario,
  encodeScenario,
  loadScenario,
  parseScenario,
  type ParseResult,
  recordScenario,
  type Scenario,
} from '../../src/scenario';
import { validScenario } from './fixtures';
import { configArb, intentArb, runOf, runWithCommands } from './runs';

/**
 * Properties of the scenario format on random runs and random input: a recorded run survives
 * record → encode → decode → load event for event; parse and decode never throw, and what
 * parse accepts, the model loads.
 */

/** Runs per property; FC_RUNS=2000 searches deeper (see tests/setup/fastcheck.ts). */
const runs = (quick: number) => Number(process.env.FC_RUNS ?? quick);

function expectAnswer(r: ParseResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(typeof e.path).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
}

describe('record → encode → decode → load', () => {
  it('gives the same history and snapshot, now, after seeking to the end and after seeking back', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(intentArb, { minLength: 10, maxLength: 80, size: 'max' }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (config, intents, fraction) => {
          const sim = runOf(config, intents);
          const decoded = decodeScenario(encodeScenario(recordScenario(sim)));
          if (!decoded.ok) throw new Error(`refused a recorded run: ${JSON.stringify(decoded.errors)}`);
          const loaded = loadScenario(decoded.scenario);
          expect(loaded.history()).toEqual(sim.history());
          expect(loaded.snapshot()).toEqual(sim.snapshot());
          expect(loaded.recordedCommands()).toEqual(sim.recordedCommands());
          const horizon = sim.snapshot().horizon;
          sim.seek(horizon);
          loaded.seek(horizon);
          expect(loaded.history()).toEqual(sim.history());
          expect(loaded.snapshot()).toEqual(sim.snapshot());
          // And anywhere in between, by a seek back on both.
          const t = Math.floor(horizon * fraction);
          sim.seek(t);
          loaded.seek(t);
          expect(loaded.history()).toEqual(sim.history());
          expect(loaded.snapshot()).toEqual(sim.snapshot());
        },
      ),
      { numRuns: runs(30) },
    );
  }, 120_000);
});

/** A valid scenario as loose JSON, and every path into it. */
const base = JSON.parse(JSON.stringify(validScenario())) as unknown;
type Path = (string | number)[];
function pathsOf(x: unknown, path: Path = []): Path[] {
  const here = [path];
  if (Array.isArray(x)) return [...here, ...x.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (typeof x === 'object' && x !== null) {
    return [...here, ...Object.entries(x).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  }
  return here;
}
const basePaths = pathsOf(base).filter((p) => p.length > 0);

type Mutation = { path: number; how: 'set' | 'delete' | 'duplicate' | 'retime'; value: unknown };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.nat(),
  how: fc.constantFrom('set' as const, 'delete' as const, 'duplicate' as const, 'retime' as const),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      -1,
      0,
      1,
      1e300,
      2 ** 53,
      Number.MAX_SAFE_INTEGER,
      -0,
      'eu',
      'us',
      'xx',
      'title',
      'constructor',
      '',
      null,
    ),
  ),
});

const commandCount = validScenario().commands.length;

function mutate(target: unknown, m: Mutation): void {
  if (m.how === 'retime') {
    // Move one command in time: often still valid, sometimes out of order or refused on replay.
    const commands = (target as { commands?: unknown }).commands;
    const cmd: unknown = Array.isArray(commands) ? commands[m.path % commandCount] : undefined;
    if (typeof cmd === 'object' && cmd !== null) (cmd as { at: unknown }).at = (m.path * 7) % 200;
    return;
  }
  const path = basePaths[m.path % basePaths.length] ?? [];
  let parent: unknown = target;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[step];
  if (typeof parent !== 'object' || parent === null) return;
  const last = path[path.length - 1] as string | number;
  const p = parent as Record<string | number, unknown>;
  if (m.how === 'set') p[last] = m.value;
  else if (m.how === 'delete') {
    if (Array.isArray(p) && typeof last === 'number') p.splice(last, 1);
    else Reflect.deleteProperty(p, last);
  } else if (Array.isArray(p) && typeof last === 'number') p.splice(last, 0, structuredClone(p[last]));
}

describe('a 50-command random scenario', () => {
  it('encodes to at most 2,000 URL-safe characters', () => {
    fc.assert(
      fc.property(configArb, fc.array(intentArb, { minLength: 300, maxLength: 300 }), (config, intents) => {
        const s = recordScenario(runWithCommands(config, intents, 50));
        fc.pre(s.commands.length === 50);
        const text = encodeScenario(s);
        expect(text).toMatch(/^mll1\.[A-Za-z0-9_-]+$/);
        expect(text.length).toBeLessThanOrEqual(2_000);
      }),
      { numRuns: runs(15) },
    );
  }, 120_000);
});

describe('parseScenario never throws', () => {
  it('on anything fast-check can build', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
          stringUnit: 'binary',
        }),
        (x) => {
          expectAnswer(parseScenario(x));
          expectAnswer(parseScenario({ format: 'mll-scenario/1', config: x, commands: x }));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('on random JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expectAnswer(parseScenario(text));
      }),
      { numRuns: runs(300) },
    );
  });

  it('on mutated valid scenarios, and what it accepts loads with the same commands', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const input = structuredClone(base);
        for (const m of mutations) mutate(input, m);
        const r = parseScenario(input);
        expectAnswer(r);
        if (r.ok) {
          const sim = loadScenario(r.scenario);
          expect(sim.recordedCommands()).toEqual(r.scenario.commands);
        }
      }),
      { numRuns: runs(300) },
    );
  }, 30_000);
});

describe('decodeScenario never throws', () => {
  const scenario: Scenario = validScenario();
  const text = encodeScenario(scenario);

  it('on random text, and on random text after the prefix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 300 }), (s, b64) => {
        expectAnswer(decodeScenario(s));
        expectAnswer(decodeScenario(`mll1.${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`));
      }),
      { numRuns: runs(300) },
    );
  });

  it('refuses every truncation of a valid encoding', () => {
    for (let cut = 0; cut < text.length; cut++) {
      const r = decodeScenario(text.slice(0, cut));
      expect(r.ok, `cut at ${String(cut)} of ${String(text.length)}`).toBe(false);
    }
  });

  it('never throws on a valid encoding with one character changed', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.nat({ max: 63 }), (at, c) => {
        expectAnswer(decodeScenario(text.slice(0, at) + alphabet.charAt(c) + text.slice(at + 1)));
      }),
      { numRuns: runs(300) },
    );
  });
});
