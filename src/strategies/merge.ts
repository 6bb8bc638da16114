/**
 * Merge values: keep every concurrent version and combine them per key type. A set takes
 * the union (a shopping cart keeps every item, and an item removed on one side comes back
 * when a concurrent side still has it: the lost-deletion anomaly, recorded as such); a
 * register joins the values ("B/C"); a record merges field by field (a field written on
 * one side only is kept, two values of one field are joined); a counter keeps the larger
 * value (the other side's increments are lost, and the record names them); a text keeps
 * the longer version.
 * A merge function registered in code (createSimulation's `merges`, by name) replaces the
 * built-in one for the keys the config's `functions` name it for: the config stays data.
 */

import * as v from 'valibot';
import { canonicalRecord, formatValue, invalidValueReason } from '../core/keyTypes';
import type { KeyType, RecordValue, Value } from '../core/types';
import { defineStrategy, registeredName, type StrategyEnv, type StrategyProblem, unregistered } from './define';
import { type Folded, type Sibling, siblingStrategy } from './siblings';
import type { MergeFunction, Strategy, StrategyContext } from './types';

/** Merge values per key type, or with the registered function the config names for a key. */
export interface MergeStrategyConfig {
  kind: 'merge';
  /** Key name → the name of a merge function registered in code for it. */
  functions?: Readonly<Record<string, string>>;
}

/** The members of all `lists`, first occurrences in order. */
function unionOf(lists: readonly (readonly string[])[]): string[] {
  const all = new Set<string>();
  for (const list of lists) for (const x of list) all.add(x);
  return [...all];
}

const join = (values: readonly string[]) => [...new Set(values)].sort().join('/');

/** The registered merge function the config names for `key`, with its name, or null. */
function registeredFor(
  key: string,
  functions: MergeStrategyConfig['functions'],
  ctx: StrategyContext,
): { name: string; merge: MergeFunction } | null {
  const name = functions && Object.hasOwn(functions, key) ? functions[key] : undefined;
  const merge = name !== undefined && ctx.merges && Object.hasOwn(ctx.merges, name) ? ctx.merges[name] : undefined;
  return name !== undefined && merge !== undefined ? { name, merge } : null;
}

/** Lists derived from a sibling's lists (which never change), computed once per list. */
export interface FoldMemo {
  /** `xs` without repeats, first occurrences in order. */
  readonly unique: (xs: readonly string[]) => readonly string[];
  /** The members of `xs`. */
  readonly setOf: (xs: readonly string[]) => ReadonlySet<string>;
}

/** No memory: every call computes afresh (what a one-off fold needs). */
const noMemo: FoldMemo = { unique: (xs) => [...new Set(xs)], setOf: (xs) => new Set(xs) };

/** A strategy's memo: every read folds the same siblings' lists again, so they are derived once. */
function foldMemo(): FoldMemo {
  const uniques = new WeakMap<readonly string[], readonly string[]>();
  const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
  return {
    unique: (xs) => {
      let d = uniques.get(xs);
      if (d === undefined) {
        const all = [...new Set(xs)];
        d = all.length === xs.length ? xs : all;
        uniques.set(xs, d);
      }
      return d;
    },
    setOf: (xs) => {
      let set = sets.get(xs);
      if (set === undefined) {
        set = new Set(xs);
        sets.set(xs, set);
      }
      return set;
    },
  };
}

export function mergeFold(
  siblings: readonly Sibling[],
  type: KeyType,
  key: string,
  ctx: StrategyContext,
  functions?: MergeStrategyConfig['functions'],
  memo: FoldMemo = noMemo,
): Folded {
  const { unique, setOf } = memo;
  const registered = registeredFor(key, functions, ctx);
  let customFailure = '';
  if (registered && siblings.length > 1) {
    const { name, merge: custom } = registered;
    const what = `The merge function "${name}" registered for ${key}`;
    // Code registered by a library user must not break a leader: a throw or a value of the
    // wrong type falls back to the built-in merge, and the record says so.
    try {
      const value = siblings.slice(1).reduce<Value>((acc, s) => custom(acc, s.value), (siblings[0] as Sibling).value);
      const wrong = invalidValueReason(type, value);
      if (wrong === null) {
        return {
          value:
            type === 'set'
              ? [...new Set(value as readonly string[])].sort()
              : type === 'record'
                ? canonicalRecord(value as RecordValue)
                : value,
          conflicts: [],
          discarded: [],
          explanation: `${what} made ${formatValue(value)}.`,
        };
      }
      customFailure = `${what} returned something that is not a ${type} (${wrong}), so the built-in merge was used. `;
    } catch (e) {
      customFailure = `${what} failed (${e instanceof Error ? e.message : String(e)}), so the built-in merge was used. `;
    }
  }
  if (customFailure) {
    const builtIn = mergeFold(siblings, type, key, ctx);
    return { ...builtIn, explanation: customFailure + builtIn.explanation };
  }
  const only = siblings.length === 1 ? (siblings[0] as Sibling) : null;
  switch (type) {
    case 'set': {
      const union = [...new Set(siblings.flatMap((s) => s.value as readonly string[]))].sort();
      const present = new Set(union);
      const removals: Record<string, string> = {};
      const resurrected: string[] = [];
      const discarded: string[] = [];
      for (const s of siblings) {
        for (const [item, writeId] of Object.entries(s.removals ?? {})) {
          if (present.has(item)) {
            if (!resurrected.includes(item)) resurrected.push(item);
            if (!discarded.includes(writeId)) discarded.push(writeId);
          } else {
            removals[item] = writeId;
          }
        }
      }
      const back = resurrected.sort();
      const explanation =
        back.length === 0
          ? `The union keeps every item: ${formatValue(union)}.`
          : `The union keeps every item: ${formatValue(union)}, so ${back.map((i) => `"${i}"`).join(', ')}, removed on one side while a concurrent side still had it, comes back (a lost deletion).`;
      // Only a write that builds on this value reads its lineage: computed then, not on every delivery.
      let lineage: readonly string[] | undefined;
      return {
        value: union,
        conflicts: [],
        discarded: discarded.sort(),
        explanation,
        removals,
        increments: [],
        get lineage() {
          lineage ??= only
            ? unique(only.lineage ?? [only.writeId])
            : unionOf(siblings.map((s) => s.lineage ?? [s.writeId]));
          return lineage;
        },
      };
    }
    case 'register': {
      const live = siblings.filter((s) => s.value !== null).map((s) => s.value as string);
      const deletes = siblings.filter((s) => s.value === null).map((s) => s.writeId);
      if (live.length === 0)
        return { value: null, conflicts: [], discarded: [], explanation: 'Every version is a delete.' };
      const value = join(live);
      return {
        value,
        carried: siblings.filter((s) => s.value !== null).map((s) => s.writeId),
        conflicts: [],
        discarded: live.length > 0 ? deletes : [],
        explanation:
          deletes.length > 0
            ? `The live values are joined into ${formatValue(value)}; the concurrent delete is undone.`
            : `Both values are kept, joined into ${formatValue(value)}.`,
      };
    }
    case 'counter': {
      // One version: nothing to lose (the general case below gives the same, at the cost of its whole history).
      if (only) {
        return {
          value: only.value,
          conflicts: [],
          discarded: [],
          explanation: `The larger value, ${formatValue(only.value)}, is kept; no increment is lost.`,
          increments: unique(only.increments ?? []),
        };
      }
      const winner = [...siblings].sort(
        (a, b) => (b.value as number) - (a.value as number) || (a.writeId < b.writeId ? 1 : -1),
      )[0] as Sibling;
      const kept = setOf(winner.increments ?? []);
      // The increments the other versions carry and the winner does not (its own are all kept).
      const lostSet = new Set<string>();
      for (const s of siblings) if (s !== winner) for (const w of s.increments ?? []) if (!kept.has(w)) lostSet.add(w);
      const lost = [...lostSet].sort();
      return {
        value: winner.value,
        conflicts: [],
        discarded: lost,
        explanation: `The larger value, ${formatValue(winner.value)}, is kept; ${lost.length === 0 ? 'no increment is lost' : `the increments ${lost.join(', ')} are lost`}.`,
        increments: unique(winner.increments ?? []),
      };
    }
    case 'text': {
      // Joining whole texts would double them on every round of concurrent edits. Without a
      // sequence CRDT or OT there is no merge that keeps both edits, so the longer text is
      // kept (ties: the larger) and the other edits are lost: the lesson is to use those.
      const sorted = [...siblings].sort((a, b) => {
        const [ta, tb] = [a.value as string, b.value as string];
        return tb.length - ta.length || (ta < tb ? 1 : ta > tb ? -1 : 0) || (a.writeId < b.writeId ? 1 : -1);
      });
      const winner = sorted[0] as Sibling;
      const kept = setOf(winner.lineage ?? [winner.writeId]);
      const discarded = new Set<string>();
      for (const s of sorted)
        if (s !== winner) for (const w of s.lineage ?? [s.writeId]) if (!kept.has(w)) discarded.add(w);
      return {
        value: winner.value,
        conflicts: [],
        lineage: winner.lineage ?? [winner.writeId],
        discarded: [...discarded],
        explanation: `The longer text, ${formatValue(winner.value)}, is kept and the other edits are lost. A three-way merge could keep both when it knows the common ancestor (as git does, line by line), but replicas here exchange whole values without one, and character-level conflicts would still need a person; a sequence CRDT or OT keeps every edit.`,
      };
    }
    case 'record': {
      // Field by field: a field set on one side only is kept; two values of one field are joined.
      const names = [...new Set(siblings.flatMap((s) => Object.keys(s.value as RecordValue)))].sort();
      const fields: Record<string, string> = {};
      const joined: string[] = [];
      for (const name of names) {
        const values = siblings.flatMap((s) => {
          const v = s.value as RecordValue;
          return Object.hasOwn(v, name) ? [v[name] as string] : [];
        });
        fields[name] = join(values);
        if (new Set(values).size > 1) joined.push(name);
      }
      const value = canonicalRecord(fields);
      // A field cleared on one side while a concurrent side still had it comes back: a lost clear.
      const removals: Record<string, string> = {};
      const back: string[] = [];
      const discarded: string[] = [];
      for (const s of siblings) {
        for (const [field, writeId] of Object.entries(s.removals ?? {})) {
          if (Object.hasOwn(value, field)) {
            if (!back.includes(field)) back.push(field);
            if (!discarded.includes(writeId)) discarded.push(writeId);
          } else removals[field] = writeId;
        }
      }
      const cleared =
        back.length === 0
          ? ''
          : ` ${back.sort().join(', ')}, cleared on one side while a concurrent side still had it, comes back (a lost clear).`;
      return {
        value,
        conflicts: [],
        discarded: discarded.sort(),
        removals,
        carried: siblings.map((s) => s.writeId),
        lineage: [...new Set(siblings.flatMap((s) => s.lineage ?? [s.writeId]))],
        explanation:
          joined.length === 0
            ? `The fields are merged one by one into ${formatValue(value)}.${cleared}`
            : `The fields are merged one by one into ${formatValue(value)}; ${joined.join(', ')} had two values, joined as a register's are.${cleared}`,
      };
    }
    case 'table':
      throw new Error('table keys are merged by the table strategy');
  }
}

export function createMerge(config: MergeStrategyConfig, ctx: StrategyContext): Strategy {
  const memo = foldMemo();
  return siblingStrategy(
    {
      kind: 'merge',
      title: 'merge values (union, join, larger count)',
      fold: (s, type, key) => mergeFold(s, type, key, ctx, config.functions, memo),
    },
    ctx,
  );
}

const keyName = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_]{1,32}$/, 'key names are 1 to 32 letters, digits or underscores'),
  v.check((name) => !(name in Object.prototype), 'that name is reserved (it is a property of every object)'),
);

/** Every function named must be registered, for a key of the config that is not a table. */
function checkFunctions(config: MergeStrategyConfig, env: StrategyEnv): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  for (const [key, name] of Object.entries(config.functions ?? {})) {
    const path = `functions.${key}`;
    const type = env.keys && Object.hasOwn(env.keys, key) ? env.keys[key] : undefined;
    if (env.keys && type === undefined) problems.push({ path, message: `no key "${key}" in config.keys` });
    else if (type === 'table') {
      problems.push({ path, message: 'a table key keeps its rows under every strategy: no merge function applies' });
    }
    if (!env.registered.merges.includes(name)) problems.push({ path, message: unregistered('merges', name, env) });
  }
  return problems;
}

/** Merge values in the catalog: no options, and optional merge functions by key. */
export const mergeStrategy = defineStrategy<MergeStrategyConfig>({
  kind: 'merge',
  title: 'Merge values',
  description:
    'Concurrent versions are combined: sets by union, registers joined, records field by field, counters to the larger value, texts to the longer.',
  options: {},
  fields: {
    functions: v.optional(
      v.pipe(
        // valibot's record drops a "__proto__" key silently: refuse reserved names first.
        v.custom<Record<string, unknown>>(
          (o) => typeof o === 'object' && o !== null && Object.keys(o).every((k) => !(k in Object.prototype)),
          'a record of key name → registered merge function name; key names must not be reserved names',
        ),
        v.record(keyName, registeredName('merge function')),
      ),
    ),
  },
  check: checkFunctions,
  create: createMerge,
});
