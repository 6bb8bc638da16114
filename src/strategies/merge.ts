/**
 * Merge values: keep every concurrent version and combine them per key type. A set takes
 * the union (a shopping cart keeps every item, and an item removed on one side comes back
 * when a concurrent side still has it: the lost-deletion anomaly, recorded as such); a
 * register joins the values ("B/C"); a counter keeps the larger value (the other side's
 * increments are lost, and the record names them); a text keeps the longer version.
 * A merge function registered in code for a key replaces the built-in one for that key.
 */

import { formatValue, invalidValueReason } from '../core/keyTypes';
import type { KeyType, MergeStrategyConfig, Value } from '../core/types';
import { type Folded, type Sibling, siblingStrategy } from './siblings';
import type { Strategy, StrategyContext } from './types';

const join = (values: readonly string[]) => [...new Set(values)].sort().join('/');

export function mergeFold(siblings: readonly Sibling[], type: KeyType, key: string, ctx: StrategyContext): Folded {
  const custom = ctx.merges?.[key];
  let customFailure = '';
  if (custom && siblings.length > 1) {
    // Code registered by a library user must not break a leader: a throw or a value of the
    // wrong type falls back to the built-in merge, and the record says so.
    try {
      const value = siblings.slice(1).reduce<Value>((acc, s) => custom(acc, s.value), (siblings[0] as Sibling).value);
      const wrong = invalidValueReason(type, value);
      if (wrong === null) {
        return {
          value: type === 'set' ? [...new Set(value as readonly string[])].sort() : value,
          conflicts: [],
          discarded: [],
          explanation: `The merge function registered for ${key} made ${formatValue(value)}.`,
        };
      }
      customFailure = `The merge function registered for ${key} returned something that is not a ${type} (${wrong}), so the built-in merge was used. `;
    } catch (e) {
      customFailure = `The merge function registered for ${key} failed (${e instanceof Error ? e.message : String(e)}), so the built-in merge was used. `;
    }
  }
  if (customFailure) {
    const builtIn = mergeFold(siblings, type, key, { ...ctx, merges: {} });
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
      return { value: union, conflicts: [], discarded: discarded.sort(), explanation, removals, increments: [] };
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
      const winner = [...siblings].sort(
        (a, b) => (b.value as number) - (a.value as number) || (a.writeId < b.writeId ? 1 : -1),
      )[0] as Sibling;
      const kept = new Set(winner.increments ?? []);
      const lost = [...new Set(siblings.flatMap((s) => s.increments ?? []))].filter((w) => !kept.has(w)).sort();
      return {
        value: winner.value,
        conflicts: [],
        discarded: only ? [] : lost,
        explanation: `The larger value, ${formatValue(winner.value)}, is kept; ${lost.length === 0 ? 'no increment is lost' : `the increments ${lost.join(', ')} are lost`}.`,
        increments: [...kept],
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
      return {
        value: winner.value,
        conflicts: [],
        discarded: sorted.slice(1).map((s) => s.writeId),
        explanation: `Two texts have no value-level merge: the longer, ${formatValue(winner.value)}, is kept and the other edits are lost (a sequence CRDT or OT keeps both).`,
      };
    }
    case 'table':
      throw new Error('table keys are merged by the table strategy');
  }
}

export function createMerge(_config: MergeStrategyConfig, ctx: StrategyContext): Strategy {
  return siblingStrategy(
    {
      kind: 'merge',
      title: 'merge values (union, join, larger count)',
      fold: (s, type, key) => mergeFold(s, type, key, ctx),
    },
    ctx,
  );
}
