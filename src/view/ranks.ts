/**
 * Where the conflict rule in force ranks leaders, each leader's place in words: LWW's tie-break
 * by leader id, the custom datacenter-priority resolver's priorities (then the higher id), first
 * writer wins' tie by the lower id. The graph draws the short form under a leader's id, the
 * leader panel says the rule; a rule that never ranks leaders shows nothing.
 */
import type { StrategyConfig } from '../model';
import { resolverRanks } from '../strategies/custom';
import { tieRankOrder } from '../strategies/lww';

export interface LeaderRank {
  /** Said in words: "priority 3, rank 1 of 3" or "tie rank 2". */
  readonly words: string;
  /** Drawn under the id: "p3 #1" or "#2". */
  readonly short: string;
}

export interface RankRule {
  /** How the rule ranks leaders, one sentence. */
  readonly rule: string;
  readonly ranks: Readonly<Record<string, LeaderRank>>;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ranks by leader id alone: the first of `order` wins a tie. */
function idRanks(ids: readonly string[], order: 'higher-id-first' | 'lower-id-first'): Record<string, LeaderRank> {
  const sorted = [...ids].sort(byId);
  if (order === 'higher-id-first') sorted.reverse();
  return Object.fromEntries(
    sorted.map((id, i) => [id, { words: `tie rank ${String(i + 1)}`, short: `#${String(i + 1)}` }]),
  );
}

/**
 * The rule in force and each leader's rank under it, or null when the rule ranks no leader.
 * `ids` are the leaders, `priorities` their configured priorities (the run's config; absent: 0).
 * @example rankRule({ kind: 'custom', on: 'write' }, ['eu', 'us', 'ap'], { eu: 3, us: 2, ap: 1 })?.ranks.eu
 * // { words: 'priority 3, rank 1 of 3', short: 'p3 #1' }
 */
export function rankRule(
  config: StrategyConfig,
  ids: readonly string[],
  priorities: Readonly<Record<string, number>> = {},
): RankRule | null {
  const strategy = config as { kind: string; on?: string; tieBreak?: string; resolver?: string };
  if (strategy.kind === 'lww') {
    const order = tieRankOrder(strategy.tieBreak);
    if (order === null) return null;
    const which = order === 'higher-id-first' ? 'higher' : 'lower';
    return {
      rule: `Last write wins; on equal timestamps the ${which} leader id wins, so tie rank 1 wins every tie.`,
      ranks: idRanks(ids, order),
    };
  }
  if (strategy.kind !== 'custom' || strategy.on !== 'write') return null;
  const ranking = resolverRanks(strategy.resolver);
  if (ranking === 'priority') {
    const p = (id: string) => priorities[id] ?? 0;
    const sorted = [...ids].sort((a, b) => p(b) - p(a) || byId(b, a));
    const ranks = Object.fromEntries(
      sorted.map((id, i) => [
        id,
        {
          words: `priority ${String(p(id))}, rank ${String(i + 1)} of ${String(ids.length)}`,
          short: `p${String(p(id))} #${String(i + 1)}`,
        },
      ]),
    );
    return {
      rule: 'The datacenter-priority resolver keeps the version written at the leader with the higher priority; equal priorities: the higher leader id. Rank 1 wins every conflict it is in.',
      ranks,
    };
  }
  if (ranking === null) return null;
  const which = ranking === 'higher-id-first' ? 'higher' : 'lower';
  return {
    rule: `The resolver ${strategy.resolver ?? ''} decides by the versions; when they tie on it, the ${which} leader id wins (tie rank 1).`,
    ranks: idRanks(ids, ranking),
  };
}
