/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- these tests break scenarios on purpose, as loose JSON, and match messages loosely */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario';
import { validScenario } from './fixtures';

/** parseScenario never throws: each hostile input is answered with an error that names its path. */
function refused(input: unknown) {
  let r: ReturnType<typeof parseScenario> | undefined;
  expect(() => (r = parseScenario(input))).not.toThrow();
  expect(r?.ok).toBe(false);
  return r?.ok === false ? r.errors : [];
}

describe('parseScenario on hostile input', () => {
  it('refuses a cycle', () => {
    const s = validScenario() as unknown as Record<string, any>;
    s.config = { ...s.config };
    s.config.self = s.config;
    expect(refused(s)).toEqual([{ path: 'config.self', message: expect.stringContaining('cycle') }]);
  });

  it('refuses a 2 MB string, as input or inside an object', () => {
    const big = 'x'.repeat(2_000_000);
    expect(refused(big)[0]?.message).toContain('too much text');
    expect(refused({ ...validScenario(), title: big })[0]).toEqual({
      path: 'title',
      message: expect.stringContaining('too long'),
    });
  });

  it('refuses arrays nested 20,000 deep, as objects and as JSON text', () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(refused({ ...validScenario(), commands: deep })[0]?.message).toContain('nested too deeply');
    const text = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(refused(text)).toHaveLength(1);
  });

  it('refuses __proto__, constructor and prototype keys, and pollutes nothing', () => {
    const text = '{"__proto__": {"polluted": 1}, "format": "mll-scenario/1"}';
    expect(refused(text)).toEqual([{ path: '__proto__', message: expect.stringContaining('not allowed') }]);
    expect(refused(JSON.parse('{"format":"mll-scenario/1","config":{"keys":{"__proto__":{"x":1}}}}'))[0]?.path).toBe(
      'config.keys.__proto__',
    );
    expect(refused({ ...validScenario(), constructor: { prototype: { polluted: 1 } } })[0]?.path).toBe('constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses functions, symbols, bigints and class instances', () => {
    expect(refused({ ...validScenario(), title: () => 'x' })[0]).toEqual({
      path: 'title',
      message: expect.stringContaining('a function is not data'),
    });
    expect(refused({ ...validScenario(), title: Symbol('x') })[0]?.path).toBe('title');
    expect(refused({ ...validScenario(), at: 10n })[0]?.path).toBe('at');
    expect(refused({ ...validScenario(), title: new Date(0) })[0]?.message).toContain('a Date');
    expect(refused({ ...validScenario(), config: new Map() })[0]?.message).toContain('a Map');
  });

  it('never runs a getter, even one that throws', () => {
    let ran = false;
    const s = { ...validScenario() } as Record<string, unknown>;
    Object.defineProperty(s, 'title', {
      enumerable: true,
      get() {
        ran = true;
        throw new Error('boom');
      },
    });
    expect(refused(s)[0]).toEqual({ path: 'title', message: expect.stringContaining('getter') });
    expect(ran).toBe(false);
  });

  it('answers Proxies whose traps throw, and revoked Proxies', () => {
    const trap = () => {
      throw new Error('trap!');
    };
    const handlers = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'get', 'has'] as const;
    for (const h of handlers) {
      const p = new Proxy(validScenario(), { [h]: trap });
      const r = parseScenario(p);
      // A trap the walk does not use leaves the scenario readable.
      if (h === 'get' || h === 'has') expect(r.ok).toBe(true);
      else expect(r.ok ? [] : r.errors).toEqual([{ path: '', message: expect.stringContaining('trap!') }]);
    }
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(refused({ ...validScenario(), config: proxy })[0]?.path).toBe('config');
    const arrayProxy = new Proxy([1, 2, 3], { getOwnPropertyDescriptor: trap });
    expect(refused({ ...validScenario(), commands: arrayProxy })[0]?.path).toBe('commands');
  });

  it('refuses holes, undefined items and absurd array lengths', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(refused({ ...validScenario(), commands: [, 1] })[0]?.path).toBe('commands[0]');
    expect(refused({ ...validScenario(), commands: [undefined] })[0]?.path).toBe('commands[0]');
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;
    expect(refused({ ...validScenario(), commands: huge })[0]?.message).toContain('too long');
  });

  it('answers anything that is not an object', () => {
    for (const x of [undefined, null, 0, NaN, true, 'null', '"x"', '{', [], () => 1])
      expect(refused(x)).toHaveLength(1);
  });
});
