import { LIMITS } from './limits';
import { formatPath, type PathSegment } from './path';
import type { ScenarioError } from './types';

/**
 * The first gate of parsing: copy whatever we were given into fresh plain data (objects,
 * arrays, strings, numbers, booleans, null), or refuse with the path of the first thing that is
 * not data. It reads own enumerable data properties only, through property descriptors, so no
 * getter and no inherited property ever runs; every read of the input is guarded, so a Proxy
 * whose traps throw, a revoked Proxy or a cycle is a refusal, not an exception. Depth, the
 * number of values, each string and the estimated text size are bounded.
 */

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export type PlainResult = { ok: true; value: Plain } | { ok: false; error: ScenarioError };

/** Names that reach an object's prototype when assigned: no scenario needs them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Refusal extends Error {
  constructor(
    readonly path: readonly PathSegment[],
    message: string,
  ) {
    super(message);
  }
}

/** A thrown value's message, read without trusting it (it may be a hostile object too). */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error) return e.message.slice(0, 200);
    if (typeof e === 'string') return e.slice(0, 200);
  } catch {
    // Reading it threw as well.
  }
  return 'it threw';
}

/** What kind of non-data value `v` is, for a message. */
function kindOf(v: unknown): string {
  switch (typeof v) {
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'bigint':
      return 'a bigint';
    case 'undefined':
      return 'undefined';
    default:
      return 'a value';
  }
}

function isPlainPrototype(proto: object | null): boolean {
  // An object from another realm (an iframe, a worker's message) has that realm's Object.prototype.
  return proto === null || proto === Object.prototype || Reflect.getPrototypeOf(proto) === null;
}

/**
 * Copy `input` into fresh plain data, or say where and why it is not data.
 *
 * @example
 * toPlain({ a: [1, 'x'] }); // { ok: true, value: { a: [1, 'x'] } }
 * toPlain({ f: () => 1 }); // { ok: false, error: { path: 'f', message: 'a function is not data...' } }
 */
export function toPlain(input: unknown): PlainResult {
  const onPath = new Set<object>();
  const path: PathSegment[] = [];
  let values = 0;
  let chars = 0;

  const refuse = (message: string): never => {
    throw new Refusal([...path], message);
  };

  const count = (n: number, size: number): void => {
    values += n;
    chars += size;
    if (values > LIMITS.maxValues) {
      refuse(`too many values (a scenario holds at most ${LIMITS.maxValues.toLocaleString('en')})`);
    }
    if (chars > LIMITS.maxTextChars) {
      refuse(`too much text (a scenario is at most ${LIMITS.maxTextChars.toLocaleString('en')} characters)`);
    }
  };

  /** A data property's value, or `undefined` when absent; refuses accessors. */
  const readData = (obj: object, key: string): { found: boolean; value: unknown; enumerable: boolean } => {
    const d = Reflect.getOwnPropertyDescriptor(obj, key);
    if (d === undefined) return { found: false, value: undefined, enumerable: false };
    if (!('value' in d)) {
      path.push(key);
      refuse('a getter (an accessor property) is not data: a scenario holds plain values only');
    }
    return { found: true, value: d.value, enumerable: d.enumerable === true };
  };

  const walk = (v: unknown, depth: number): Plain => {
    if (v === null) {
      count(1, 4);
      return null;
    }
    switch (typeof v) {
      case 'string':
        if (v.length > LIMITS.maxStringChars) {
          refuse(
            `a string of ${v.length.toLocaleString('en')} characters is too long (at most ${LIMITS.maxStringChars.toLocaleString('en')})`,
          );
        }
        count(1, v.length + 2);
        return v;
      case 'number':
        count(1, 8);
        return v;
      case 'boolean':
        count(1, 5);
        return v;
      case 'object':
        break;
      default:
        return refuse(
          `${kindOf(v)} is not data: a scenario holds only JSON values${typeof v === 'function' ? ' (name a function registered in code by its name)' : ''}`,
        );
    }
    if (depth >= LIMITS.maxDepth) refuse(`nested too deeply (at most ${String(LIMITS.maxDepth)} levels)`);
    if (onPath.has(v)) refuse('a cycle: this value contains itself');
    onPath.add(v);
    try {
      return Array.isArray(v) ? walkArray(v, depth) : walkObject(v, depth);
    } finally {
      onPath.delete(v);
    }
  };

  const walkArray = (arr: readonly unknown[], depth: number): Plain[] => {
    const length: unknown = readData(arr, 'length').value;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) refuse('an array without a length');
    const n = length as number;
    if (values + n > LIMITS.maxValues) {
      refuse(`an array of ${n.toLocaleString('en')} items is too long for a scenario`);
    }
    count(1, 2 + n);
    const out: Plain[] = [];
    for (let i = 0; i < n; i++) {
      path.push(i);
      const item = readData(arr, String(i));
      if (!item.found) refuse('a hole in the array (every item must be a value; use null)');
      if (item.value === undefined) refuse('undefined is not data (use null, or leave the field out)');
      out.push(walk(item.value, depth + 1));
      path.pop();
    }
    return out;
  };

  const walkObject = (obj: object, depth: number): { [key: string]: Plain } => {
    const proto = Reflect.getPrototypeOf(obj);
    if (!isPlainPrototype(proto)) {
      let name = 'an object';
      try {
        const ctor: unknown =
          proto === null ? undefined : Reflect.getOwnPropertyDescriptor(proto, 'constructor')?.value;
        if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '') name = `a ${ctor.name}`;
      } catch {
        // Keep the generic name.
      }
      refuse(`${name.slice(0, 60)} is not plain data: a scenario holds plain objects and arrays only`);
    }
    const keys = Reflect.ownKeys(obj);
    count(1, 2);
    if (values + keys.length > LIMITS.maxValues) refuse('an object with too many fields for a scenario');
    const out: { [key: string]: Plain } = {};
    for (const key of keys) {
      if (typeof key !== 'string') continue;
      const field = readData(obj, key);
      if (!field.found || !field.enumerable || field.value === undefined) continue;
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        refuse(`"${key}" is not allowed as a name (it would reach every object's prototype)`);
      }
      count(0, key.length + 4);
      // Assignment is safe: FORBIDDEN_KEYS holds every name with a setter on Object.prototype.
      out[key] = walk(field.value, depth + 1);
      path.pop();
    }
    return out;
  };

  try {
    if (input === undefined) return { ok: false, error: { path: '', message: 'no scenario given' } };
    return { ok: true, value: walk(input, 0) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { path: formatPath(e.path), message: e.message } };
    // A trap of a Proxy, a revoked Proxy, or the engine's own limits: the input cannot be read here.
    return { ok: false, error: { path: formatPath(path), message: `could not be read (${describeThrown(e)})` } };
  }
}
