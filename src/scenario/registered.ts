import type { CustomResolverName } from '../model';
import { formatPath } from './path';

/**
 * A scenario is data only: a resolver or merge function written in code is named by the name
 * it was registered under. This file is the one place that knows where a config carries those
 * names; when the config's shape changes, only `namedFunctions` changes.
 */

/** The resolvers built into the model: no page needs to register these. */
const BUILT_IN_RESOLVERS: Readonly<Record<CustomResolverName, true>> = {
  'datacenter-priority': true,
  'first-writer-wins': true,
  'longer-text': true,
  'larger-number': true,
};

export interface NamedFunction {
  readonly kind: 'resolver' | 'merge';
  readonly name: string;
  /** Where the name stands, e.g. `config.strategy.resolver`. */
  readonly path: string;
}

export interface Registered {
  readonly resolvers?: readonly string[];
  readonly merges?: readonly string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The code-registered functions a (plain, already copied) config names: a custom resolver
 * (`strategy: { kind: 'custom', on: 'write', resolver }`, unless built in) and merge functions
 * (`strategy: { kind: 'merge', functions: { key: name } }`, the form the model is moving to).
 */
export function namedFunctions(config: unknown): NamedFunction[] {
  if (!isRecord(config) || !isRecord(config.strategy)) return [];
  const s = config.strategy;
  const found: NamedFunction[] = [];
  if (s.kind === 'custom' && s.on === 'write' && typeof s.resolver === 'string') {
    if (!Object.hasOwn(BUILT_IN_RESOLVERS, s.resolver)) {
      found.push({ kind: 'resolver', name: s.resolver, path: 'config.strategy.resolver' });
    }
  }
  if (s.kind === 'merge' && isRecord(s.functions)) {
    for (const [key, name] of Object.entries(s.functions)) {
      if (typeof name === 'string')
        found.push({ kind: 'merge', name, path: formatPath(['config', 'strategy', 'functions', key]) });
    }
  }
  return found;
}

/** Errors for the names this page has not registered (none when `registered` is not given). */
export function unregisteredNames(
  named: readonly NamedFunction[],
  registered: Registered | undefined,
): { path: string; message: string }[] {
  if (registered === undefined) return [];
  return named
    .filter((f) => !(f.kind === 'resolver' ? registered.resolvers : registered.merges)?.includes(f.name))
    .map((f) => {
      const have = (f.kind === 'resolver' ? registered.resolvers : registered.merges) ?? [];
      const listed = have.length > 0 ? `it has ${have.map((n) => `"${n}"`).join(', ')}` : `it has none`;
      return {
        path: f.path,
        message: `this page has no ${f.kind === 'resolver' ? 'resolver' : 'merge function'} named "${f.name}" (${listed}); a scenario can only name functions registered in code`,
      };
    });
}
