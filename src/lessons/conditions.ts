import type { SimEvent, SimulationConfig, Snapshot } from '../model';
import type { Condition } from './schema';

/**
 * Task detection: a lesson's declarative conditions evaluated against what the lab shows.
 * Pure functions of data, so the engine tests need no lab and a lesson file can never run code.
 */

/** What a condition is checked against: the lab's snapshot now, and the events since the step began. */
export interface Observed {
  readonly snapshot: Snapshot;
  readonly events: readonly SimEvent[];
}

/**
 * Whether `c` holds for what the lab shows.
 *
 * @example holds({ type: 'event', event: 'conflict', key: 'title' }, { snapshot, events }) // a conflict on title happened
 */
export function holds(c: Condition, o: Observed): boolean {
  switch (c.type) {
    case 'event': {
      const matching = o.events.filter(
        (e) =>
          e.type === c.event &&
          (c.node === undefined || e.node === c.node || ('client' in e && e.client === c.node)) &&
          (c.key === undefined || ('key' in e && e.key === c.key)) &&
          (c.peer === undefined || ('peer' in e && e.peer === c.peer) || ('to' in e && e.to === c.peer)) &&
          (c.conflictKind === undefined || (e.type === 'conflict' && e.kind === c.conflictKind)),
      );
      if (matching.length < (c.atLeast ?? 1)) return false;
      const nodes = new Set(matching.map((e) => ('client' in e ? e.client : e.node)));
      return nodes.size >= (c.distinctNodes ?? 1);
    }
    case 'link': {
      const link = o.snapshot.links.find((l) => (l.a === c.a && l.b === c.b) || (l.a === c.b && l.b === c.a));
      return link?.status === c.is;
    }
    case 'leader':
      return o.snapshot.nodes.find((n) => n.id === c.node)?.status === c.is;
    case 'value': {
      const key = o.snapshot.nodes.find((n) => n.id === c.node)?.keys[c.key];
      if (!key) return false;
      if (c.equals !== undefined && !sameData(key.value, c.equals)) return false;
      if (c.includes !== undefined && !includes(key.value, c.includes)) return false;
      if (c.siblings !== undefined && key.conflicts.length + 1 < c.siblings) return false;
      return true;
    }
    case 'converged':
      return o.snapshot.converged[c.key] === true;
    case 'strategy': {
      const strategy = o.snapshot.strategy as unknown as Record<string, unknown>;
      return Object.entries(c.is).every(([k, want]) => sameData(strategy[k], want));
    }
    case 'causal-delivery':
      return o.snapshot.causalDelivery === c.is;
    case 'all':
      return c.of.every((x) => holds(x, o));
    case 'any':
      return c.of.some((x) => holds(x, o));
    case 'not':
      return !holds(c.condition, o);
  }
}

function includes(value: unknown, part: string): boolean {
  if (typeof value === 'string') return value.includes(part);
  if (Array.isArray(value)) return value.some((x) => x === part || (isRecord(x) && x.value === part));
  // A record: one of its fields holds the text (a table: one of its rows does).
  if (isRecord(value)) return Object.values(value).some((x) => x !== null && includes(x, part));
  return false;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Structural equality of JSON data (a set's items compared in any order). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const rest: unknown[] = [...(b as unknown[])];
    return a.every((x) => {
      const i = rest.findIndex((y) => sameData(x, y));
      if (i === -1) return false;
      rest.splice(i, 1);
      return true;
    });
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && sameData(a[k], b[k]));
  }
  return false;
}

/**
 * Names a condition uses that the step's cluster lacks, each with the path below the
 * condition: a task that waits for leader "xx" would never finish.
 */
export function unknownNames(
  c: Condition,
  config: SimulationConfig,
  path: string,
): { path: string; message: string }[] {
  const leaders = config.nodes.map((n) => n.id);
  const keys = Object.keys(config.keys);
  const out: { path: string; message: string }[] = [];
  const leader = (id: string | undefined, field: string) => {
    if (id !== undefined && !leaders.includes(id)) {
      out.push({
        path: `${path}.${field}`,
        message: `this step's scenario has no leader "${id}" (its leaders: ${leaders.join(', ')})`,
      });
    }
  };
  const key = (k: string | undefined) => {
    if (k !== undefined && !keys.includes(k)) {
      out.push({
        path: `${path}.key`,
        message: `this step's scenario has no key "${k}" (its keys: ${keys.join(', ')})`,
      });
    }
  };
  switch (c.type) {
    case 'event':
      leader(c.node, 'node');
      leader(c.peer, 'peer');
      key(c.key);
      break;
    case 'link':
      leader(c.a, 'a');
      leader(c.b, 'b');
      break;
    case 'leader':
      leader(c.node, 'node');
      break;
    case 'value':
      leader(c.node, 'node');
      key(c.key);
      break;
    case 'converged':
      key(c.key);
      break;
    case 'all':
    case 'any':
      c.of.forEach((x, i) => out.push(...unknownNames(x, config, `${path}.of[${String(i)}]`)));
      break;
    case 'not':
      out.push(...unknownNames(c.condition, config, `${path}.condition`));
      break;
    case 'strategy':
    case 'causal-delivery':
      break;
  }
  return out;
}
