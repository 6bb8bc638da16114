/**
 * Custom conflict logic, on write or on read.
 *
 * On write: a resolver picks one of the concurrent versions as soon as a leader detects the
 * conflict (Bucardo's custom conflict handlers work this way). Presets are deterministic and
 * symmetric, so every leader picks the same winner with no communication.
 *
 * On read: every concurrent version is kept as a sibling, in one of two systems' ways
 * (`system`):
 * - `riak` (the default; Riak with allow_mult=true and a causal context, `dvvset.erl`): a read
 *   returns every sibling (the value by CouchDB's rule first, the others in `conflicts`) and
 *   a context; a write made with that context replaces exactly the siblings it saw.
 * - `couchdb` (apache/couchdb, docs `replication/conflicts.rst`, "Working with conflicting
 *   documents"): a plain read, and every view, gives the deterministic winner silently
 *   (`conflicts` is empty); the other leaves are listed only when asked (`GET
 *   /db/doc?conflicts=true`, `couchLeaves`). A write names the winner's revision and
 *   updates that leaf only: the other leaves stay until deleted. Resolving (a `replace`, or
 *   `sim.resolve`) is CouchDB's documented repair in one `_bulk_docs`: update the winner and
 *   delete the losing leaves.
 */

import { formatValue, valueText } from '../core/keyTypes';
import type { KeyType, NodeId, Value } from '../core/types';
import { type ChoiceInfo, defineStrategy } from './define';
import { type Folded, type Sibling, type SiblingState, siblingStrategy } from './siblings';
import type { Resolver, Strategy, StrategyContext, VersionView } from './types';

const higherNode = (a: VersionView, b: VersionView) => (a.node > b.node ? a : b);

/** A resolver the lab ships with. */
interface PresetResolver extends ChoiceInfo {
  /** The rule as an explanation quotes it: "On write, <explains>: ...". */
  readonly explains: string;
  readonly resolve: Resolver;
  /**
   * What it ranks leaders by, so the lab can show each leader's place: their priority (then the
   * higher id), or their id alone on a tie of its own criterion. None: a leader's rank never decides.
   */
  readonly ranks?: 'priority' | 'lower-id-first' | 'higher-id-first';
}

/** The preset resolvers, in the order the picker lists them. A new preset is one more entry. */
const presets = {
  'datacenter-priority': {
    label: 'higher-priority datacenter wins',
    description:
      'The version written at the leader with the higher priority wins; equal priorities: the higher leader id.',
    explains: 'the leader with the higher priority wins',
    ranks: 'priority',
    resolve: (a, b) => (a.priority !== b.priority ? (a.priority > b.priority ? a : b) : higherNode(a, b)),
  },
  'first-writer-wins': {
    label: 'first writer wins',
    description: 'The version with the earliest physical timestamp wins; the later write is discarded.',
    explains: 'the earliest timestamp wins',
    ranks: 'lower-id-first',
    resolve: (a, b) =>
      a.stamp.physical !== b.stamp.physical ? (a.stamp.physical < b.stamp.physical ? a : b) : a.node < b.node ? a : b,
  },
  'longer-text': {
    label: 'longer text wins',
    description: 'The version whose value is the longer text wins (ties: the larger text).',
    explains: 'the longer text wins',
    resolve: (a, b) => {
      const [ta, tb] = [valueText(a.value), valueText(b.value)];
      if (ta.length !== tb.length) return ta.length > tb.length ? a : b;
      return ta > tb ? a : ta < tb ? b : higherNode(a, b);
    },
  },
  'larger-number': {
    label: 'larger number wins',
    description: 'The version whose value is the larger number wins; a value that is not a number loses.',
    explains: 'the larger number wins',
    resolve: (a, b) => {
      const na = Number(a.value);
      const nb = Number(b.value);
      const va = Number.isFinite(na) ? na : Number.NEGATIVE_INFINITY;
      const vb = Number.isFinite(nb) ? nb : Number.NEGATIVE_INFINITY;
      return va !== vb ? (va > vb ? a : b) : higherNode(a, b);
    },
  },
} satisfies Record<string, PresetResolver>;
export type CustomResolverName = keyof typeof presets;

/** Whose sibling behaviour custom-on-read imitates (see the file comment). */
const systems = {
  riak: {
    label: 'Riak (a write with its context replaces the siblings)',
    description:
      'A read returns every sibling and a causal context; a write made with that context supersedes exactly the siblings it saw (Riak, allow_mult=true).',
  },
  couchdb: {
    label: 'CouchDB (_conflicts only when asked)',
    description:
      'A plain read and every view give the winner silently; ?conflicts=true lists the other leaves. A write updates the winner only: the other leaves stay until deleted.',
  },
} satisfies Record<string, ChoiceInfo>;
export type CustomReadSystem = keyof typeof systems;

export type CustomStrategyConfig =
  | {
      kind: 'custom';
      on: 'write';
      /** A preset, or a name registered in createSimulation's options. */
      resolver?: CustomResolverName | (string & Record<never, never>);
    }
  | { kind: 'custom'; on: 'read'; system?: CustomReadSystem };

export const presetResolvers: Record<CustomResolverName, Resolver> = Object.fromEntries(
  Object.entries(presets).map(([name, p]) => [name, p.resolve]),
) as Record<CustomResolverName, Resolver>;

const presetFor = (name: string): PresetResolver | undefined =>
  Object.hasOwn(presets, name) ? presets[name as CustomResolverName] : undefined;

/**
 * How a preset resolver ranks leaders (see `PresetResolver.ranks`), or null when no leader's
 * rank decides (or the resolver is registered in code, and the lab cannot know).
 * @example resolverRanks('datacenter-priority') // 'priority'
 */
export function resolverRanks(name: string | undefined): 'priority' | 'lower-id-first' | 'higher-id-first' | null {
  return presetFor(name ?? 'datacenter-priority')?.ranks ?? null;
}

/** A sibling as a resolver sees it. */
function view(s: Sibling, ctx: StrategyContext): VersionView {
  return {
    value: s.value,
    node: s.origin,
    writeId: s.writeId,
    stamp: s.stamp,
    priority: ctx.priorities?.[s.origin] ?? 0,
  };
}

function onWriteFold(resolverName: string, ctx: StrategyContext) {
  const registered =
    ctx.resolvers && Object.hasOwn(ctx.resolvers, resolverName) ? ctx.resolvers[resolverName] : undefined;
  const resolver = registered ?? presetFor(resolverName)?.resolve ?? presetResolvers['datacenter-priority'];
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  // The members of a sibling's lineage or increments (lists that never change), derived once per list.
  const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
  const setOf = (xs: readonly string[]): ReadonlySet<string> => {
    let set = sets.get(xs);
    if (set === undefined) {
      set = new Set(xs);
      sets.set(xs, set);
    }
    return set;
  };
  return (siblings: readonly Sibling[], type: KeyType): Folded => {
    // Fold in a fixed order so any symmetric resolver gives one answer everywhere.
    // A resolver registered in code must not break a leader: if it throws or answers with
    // neither version, the preset decides and the record says so.
    let note = '';
    const safe = (a: VersionView, b: VersionView): VersionView => {
      try {
        const pick = resolver(a, b);
        if (pick === a || pick === b) return pick;
        note = `The resolver "${resolverName}" answered with neither version, so datacenter priority decided. `;
      } catch (e) {
        note = `The resolver "${resolverName}" failed (${e instanceof Error ? e.message : String(e)}), so datacenter priority decided. `;
      }
      return presetResolvers['datacenter-priority'](a, b);
    };
    const winner = siblings.map((s) => view(s, ctx)).reduce(safe);
    const losers = siblings.filter((s) => s.writeId !== winner.writeId);
    const won = siblings.find((s) => s.writeId === winner.writeId);
    // A losing counter value loses every increment it carried that the winner does not, and a
    // losing text or set every edit its lineage carried.
    const carriedBy = (s: Sibling | undefined): readonly string[] =>
      s === undefined ? [] : type === 'counter' ? (s.increments ?? [s.writeId]) : (s.lineage ?? [s.writeId]);
    const kept = won ? setOf(carriedBy(won)) : new Set([winner.writeId]);
    const lostSet = new Set<string>();
    for (const s of losers) for (const w of carriedBy(s)) if (!kept.has(w)) lostSet.add(w);
    const lost = [...lostSet].sort();
    const rule =
      (registered ? undefined : presetFor(resolverName)?.explains) ?? `the resolver "${resolverName}" decides`;
    return {
      value: winner.value,
      conflicts: [],
      increments: won?.increments ?? [],
      ...(won?.lineage ? { lineage: won.lineage } : {}),
      carried: [winner.writeId],
      discarded: lost,
      explanation: `${note}On write, ${rule}: ${label(winner.node)}'s ${formatValue(winner.value)} is kept and ${losers.map((s) => `${label(s.origin)}'s ${formatValue(s.value)}`).join(', ')} discarded.`,
    };
  };
}

/** CouchDB's revision id for a sibling: generation (edits in its history) and a stable hash. */
export function revisionOf(s: Sibling): string {
  const generation = Object.values({ ...s.ctx, [s.dot[0]]: s.dot[1] }).reduce((a, b) => a + b, 0);
  let h = 0x811c9dc5;
  for (const ch of `${s.writeId}|${JSON.stringify(s.value)}`)
    h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `${String(generation)}-${h.toString(16).padStart(8, '0')}`;
}

/**
 * CouchDB's deterministic winner (couch_doc.erl): sort leaves by (not deleted, generation,
 * revision id compared as a string), descending; the first wins.
 * @example compareRevisions({ rev: '3-aaa', deleted: true }, { rev: '2-fff', deleted: false }) > 0 // 2-fff first
 */
export function compareRevisions(a: { rev: string; deleted: boolean }, b: { rev: string; deleted: boolean }): number {
  if (a.deleted !== b.deleted) return a.deleted ? 1 : -1;
  const ga = Number(a.rev.split('-')[0]);
  const gb = Number(b.rev.split('-')[0]);
  if (ga !== gb) return gb - ga;
  return a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0;
}

function couchWinnerOrder(a: Sibling, b: Sibling): number {
  return compareRevisions({ rev: revisionOf(a), deleted: a.deleted }, { rev: revisionOf(b), deleted: b.deleted });
}

/** `revisionOf`, computed once per sibling (a sibling never changes; a sort asks for it on every comparison). */
export function memoRevisions(): (s: Sibling) => string {
  const known = new WeakMap<Sibling, string>();
  return (s) => {
    let rev = known.get(s);
    if (rev === undefined) {
      rev = revisionOf(s);
      known.set(s, rev);
    }
    return rev;
  };
}

/** CouchDB's winning leaf among the siblings (what a plain read shows, and what a write updates). */
export function couchWinner(siblings: readonly Sibling[]): Sibling {
  return [...siblings].sort(couchWinnerOrder)[0] as Sibling;
}

/** A leaf as `GET /db/doc?conflicts=true` names it. */
export interface Leaf {
  readonly rev: string;
  readonly value: Value;
  readonly writeId: string;
  /** A counter's leaf: the increments its value carries (kept with the leaf, hidden or not). */
  readonly increments?: readonly string[];
}

/**
 * What CouchDB answers when asked (`GET /db/doc?conflicts=true&deleted_conflicts=true`): the
 * winner, `_conflicts` (the other live leaves) and `_deleted_conflicts`, from a custom-on-read
 * key's state. Null for a state that holds no siblings.
 * @example couchLeaves(snapshot.nodes[0].keys.title.state)?.conflicts.map((l) => l.value) // ['B']
 */
export function couchLeaves(
  state: unknown,
): { winner: Leaf; conflicts: readonly Leaf[]; deletedConflicts: readonly Leaf[] } | null {
  const held: unknown = (state as Partial<SiblingState> | undefined)?.siblings;
  const siblings: readonly Sibling[] = Array.isArray(held) ? (held as readonly Sibling[]) : [];
  if (siblings.length === 0) return null;
  const leaf = (s: Sibling): Leaf => ({
    rev: revisionOf(s),
    value: s.value,
    writeId: s.writeId,
    ...(s.increments ? { increments: s.increments } : {}),
  });
  const [winner, ...others] = [...siblings].sort(couchWinnerOrder);
  return {
    winner: leaf(winner as Sibling),
    conflicts: others.filter((s) => !s.deleted).map(leaf),
    deletedConflicts: others.filter((s) => s.deleted).map(leaf),
  };
}

/**
 * CouchDB's plain read: the winner alone. The other leaves are kept, and listed only when
 * asked (`couchLeaves`); views see the winner only.
 */
export function couchFold(siblings: readonly Sibling[]): Folded {
  const winner = couchWinner(siblings);
  const others = siblings.filter((s) => s !== winner && !s.deleted).length;
  return {
    value: winner.value,
    conflicts: [],
    increments: winner.increments ?? [],
    discarded: [],
    explanation: `All ${String(siblings.length)} versions are kept as leaves. A plain read, and every view, shows ${formatValue(winner.value)} silently (CouchDB's rule: live first, then the longest history, then the highest revision id); only GET ?conflicts=true lists the other ${String(others)}, and a write updates the winner only: they stay until deleted.`,
  };
}

/** Siblings kept: the CouchDB winner is the value, the other live versions are the conflicts. */
export function onReadFold(siblings: readonly Sibling[], revision: (s: Sibling) => string = revisionOf): Folded {
  const sorted = [...siblings].sort((a, b) =>
    compareRevisions({ rev: revision(a), deleted: a.deleted }, { rev: revision(b), deleted: b.deleted }),
  );
  const winner = sorted[0] as Sibling;
  const others = sorted.slice(1).filter((s) => !s.deleted);
  return {
    value: winner.value,
    conflicts: others.map((s) => s.value),
    increments: winner.increments ?? [],
    discarded: [],
    explanation: `All ${String(siblings.length)} versions are kept as siblings; a read shows ${formatValue(winner.value)} (CouchDB's rule: live first, then the longest history, then the highest revision id) and lists the others as conflicts until the application resolves them.`,
  };
}

export function createCustom(config: CustomStrategyConfig, ctx: StrategyContext): Strategy {
  if (config.on === 'read') {
    const revision = memoRevisions();
    if (config.system === 'couchdb') {
      return siblingStrategy(
        {
          kind: 'custom',
          title: 'custom logic on read (CouchDB: the winner shown, the other leaves kept until deleted)',
          fold: couchFold,
          writeOnWinner: couchWinner,
        },
        ctx,
      );
    }
    return siblingStrategy(
      {
        kind: 'custom',
        title: 'custom logic on read (Riak: siblings kept; a write with its context replaces them)',
        fold: (siblings) => onReadFold(siblings, revision),
      },
      ctx,
    );
  }
  const name = config.resolver ?? 'datacenter-priority';
  return siblingStrategy(
    { kind: 'custom', title: `custom logic on write (${name})`, fold: onWriteFold(name, ctx) },
    ctx,
  );
}

/** Custom logic in the catalog: on write with a resolver, or on read with siblings kept. */
export const customStrategy = defineStrategy<CustomStrategyConfig>({
  kind: 'custom',
  title: 'Custom logic',
  description: 'Application code decides: a resolver picks a winner on write, or a reader resolves siblings.',
  options: {
    on: {
      label: 'When',
      description: 'When the application resolves a conflict.',
      choices: {
        write: {
          label: 'on write',
          description: 'A resolver picks one version as soon as a leader sees the conflict.',
        },
        read: { label: 'on read', description: 'Every version is kept; a reader sees them all and writes back one.' },
      },
    },
    resolver: {
      label: 'Resolver',
      description: 'The function that picks the winner of two concurrent versions.',
      choices: presets,
      default: 'datacenter-priority',
      registered: 'resolvers',
      when: { on: 'write' },
    },
    system: {
      label: 'Siblings as in',
      description: 'Which system’s sibling behaviour to imitate: what a plain read shows, and what a write replaces.',
      choices: systems,
      default: 'riak',
      when: { on: 'read' },
    },
  },
  entries: [
    {
      id: 'custom-write',
      label: 'Custom, on write',
      description: 'A resolver picks one version as soon as a leader sees the conflict (Bucardo).',
      fixed: { on: 'write' },
    },
    {
      id: 'custom-read',
      label: 'Custom, on read (keep siblings)',
      description:
        'Every concurrent version is kept as a sibling until the application resolves them (Riak with a causal context, or CouchDB).',
      fixed: { on: 'read' },
    },
  ],
  create: createCustom,
});
