/**
 * The demo stories' args and the scenario they describe: a story names a preset, its args
 * start as that preset's own settings, and a changed control (the strategy and its options, the
 * cluster, latency, skew, seed) overrides the preset's config. Pure: no React, no Storybook.
 */
import { DATACENTERS as ALL_DATACENTERS } from '../../src/core/datacenters';
import type {
  CrdtStrategyConfig,
  CustomResolverName,
  KeyType,
  NodeConfig,
  LwwGranularity,
  RowConflictRules,
  LwwTieBreak,
  SimulationConfig,
  StrategyConfig,
} from '../../src/model';
import type { Scenario } from '../../src/scenario';
import type { CustomReadSystem } from '../../src/strategies/custom';
import { presetById } from '../../src/scenario/presets';
import type { LabActions } from '../../src/store/labStore';
import type { LabControls } from '../../src/view/MultiLeaderLab';
import type { Kind } from '../../src/view/StrategyPicker';

/** Up to eight datacenters, in the order the `leaders` control adds them: the lab's own list. */
export const DATACENTERS = ALL_DATACENTERS.slice(0, 8);

/** The lab's own strategy picker's kinds: the Controls panel offers the same. */
export type StrategyArg = Kind;

/** What a demo story exposes in Storybook's Controls panel. */
export interface LabArgs {
  /** The preset scenario the story acts out (fixed per story). */
  readonly preset: string;
  readonly leaders: number;
  readonly topology: 'all-to-all' | 'ring' | 'star';
  /** Base one-way latency of every link, ms. */
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** How far Frankfurt's clock runs ahead (negative: behind), ms. */
  readonly frankfurtSkewMs: number;
  readonly strategy: StrategyArg;
  readonly lwwClock: 'physical' | 'hlc';
  readonly tieBreak: LwwTieBreak;
  /** LWW per value (DynamoDB) or per field (Cassandra's cells). */
  readonly lwwGranularity: LwwGranularity;
  readonly resolver: CustomResolverName;
  /** Custom on read: whose sibling behaviour (Riak with a context, or CouchDB). */
  readonly readSystem: CustomReadSystem;
  readonly crdtSet: NonNullable<CrdtStrategyConfig['set']>;
  readonly crdtRegister: NonNullable<CrdtStrategyConfig['register']>;
  readonly otFallback: 'lww' | 'merge' | 'crdt';
  readonly causalDelivery: boolean;
  readonly mode: 'multi-leader' | 'single-leader';
  /** Single-leader failover: promote a follower after the leader has been down this long, ms (0: never). */
  readonly failoverMs: number;
  /** MySQL's auto_increment_increment/offset per leader (offset = position), for table keys. */
  readonly autoIncrementOffsets: boolean;
  /** Whose rules settle row conflicts on table keys: pgEdge Spock's (default) or MySQL's. */
  readonly rowConflicts: RowConflictRules;
  readonly seed: number;
  /** The keys and their types (fixed per preset). */
  readonly keys: Readonly<Record<string, KeyType>>;
  /** Per-link latency overrides, keyed "a-b" (fixed per preset). */
  readonly linkLatencyMs?: Readonly<Record<string, number>>;
  readonly controls?: LabControls;
  readonly title?: string;
  /** Receives the lab's actions: the play function drives the scenario through them. */
  readonly onReady: (actions: LabActions) => void;
}

/** The args that describe a config (everything but the preset's name and the story's wiring). */
export type ConfigArgs = Omit<LabArgs, 'preset' | 'controls' | 'title' | 'onReady'>;

/** The options of every strategy when the preset's own strategy does not set them. */
const strategyDefaults = {
  lwwClock: 'physical',
  tieBreak: 'higher-node-id',
  lwwGranularity: 'value',
  resolver: 'datacenter-priority',
  readSystem: 'riak',
  crdtSet: 'or-set',
  crdtRegister: 'mv',
  otFallback: 'lww',
} as const satisfies Partial<LabArgs>;

export function strategyOf(args: ConfigArgs): StrategyConfig {
  switch (args.strategy) {
    case 'lww':
      return {
        kind: 'lww',
        clock: args.lwwClock,
        tieBreak: args.tieBreak,
        ...(args.lwwGranularity === 'field' ? { granularity: 'field' } : {}),
      };
    case 'merge':
      return { kind: 'merge' };
    case 'custom-write':
      return { kind: 'custom', on: 'write', resolver: args.resolver };
    case 'custom-read':
      return { kind: 'custom', on: 'read', system: args.readSystem };
    case 'crdt':
      return { kind: 'crdt', set: args.crdtSet, register: args.crdtRegister };
    case 'ot':
      return { kind: 'ot', fallback: args.otFallback };
  }
}

/** The strategy controls that describe a strategy config (the inverse of strategyOf). */
function strategyArgs(
  s: StrategyConfig = { kind: 'lww' },
): Pick<ConfigArgs, 'strategy' | keyof typeof strategyDefaults> {
  const base = { ...strategyDefaults };
  switch (s.kind) {
    case 'lww':
      return {
        ...base,
        strategy: 'lww',
        lwwClock: s.clock ?? base.lwwClock,
        tieBreak: s.tieBreak ?? base.tieBreak,
        lwwGranularity: s.granularity ?? base.lwwGranularity,
      };
    case 'merge':
      return { ...base, strategy: 'merge' };
    case 'custom':
      return s.on === 'write'
        ? { ...base, strategy: 'custom-write', resolver: (s.resolver ?? base.resolver) as CustomResolverName }
        : { ...base, strategy: 'custom-read', readSystem: s.system ?? base.readSystem };
    case 'crdt':
      return {
        ...base,
        strategy: 'crdt',
        crdtSet: s.set ?? base.crdtSet,
        crdtRegister: s.register ?? base.crdtRegister,
      };
    case 'ot':
      return { ...base, strategy: 'ot', otFallback: s.fallback ?? base.otFallback };
  }
}

/** The named preset, or an error that says which story names a preset that is gone. */
export function preset(id: string): Scenario {
  const p = presetById(id);
  if (!p) throw new Error(`No preset scenario "${id}"`);
  return p;
}

/**
 * A preset's settings as story args: the Controls panel starts from exactly the preset, and
 * configOf(presetArgs(id)) is the preset's own config.
 */
export function presetArgs(id: string): Pick<LabArgs, 'preset'> & ConfigArgs {
  const c = preset(id).config;
  const latency = typeof c.latencyMs === 'number' ? { base: c.latencyMs } : (c.latencyMs ?? { base: 0 });
  const topology = c.topology?.kind === 'ring' || c.topology?.kind === 'star' ? c.topology.kind : 'all-to-all';
  return {
    preset: id,
    leaders: c.nodes.length,
    topology,
    latencyMs: latency.base,
    jitterMs: latency.jitter ?? 0,
    frankfurtSkewMs: c.nodes[0]?.clockSkewMs ?? 0,
    ...strategyArgs(c.strategy),
    causalDelivery: c.causalDelivery ?? false,
    mode: c.mode ?? 'multi-leader',
    failoverMs: c.failover?.afterMs ?? 0,
    autoIncrementOffsets: c.nodes.some((n) => n.autoIncrement !== undefined),
    rowConflicts: c.rowConflicts ?? 'spock',
    seed: c.seed ?? 0,
    keys: c.keys,
    // Always set, so a story's preset never inherits the links of its file's default preset.
    linkLatencyMs: latency.links ?? {},
  };
}

/** The simulation config a story's args describe. */
export function configOf(args: ConfigArgs): SimulationConfig {
  const count = Math.min(DATACENTERS.length, Math.max(2, Math.round(args.leaders)));
  const chosen = DATACENTERS.slice(0, count);
  const nodes = chosen.map((dc, i): NodeConfig => ({
    ...dc,
    // Datacenter priority: Frankfurt highest, then in order.
    priority: count - i,
    ...(i === 0 && args.frankfurtSkewMs !== 0 ? { clockSkewMs: args.frankfurtSkewMs } : {}),
    ...(args.autoIncrementOffsets ? { autoIncrement: { increment: count, offset: i + 1 } } : {}),
  }));
  const hub = chosen[0]?.id ?? 'eu';
  const links = args.linkLatencyMs && Object.keys(args.linkLatencyMs).length > 0 ? args.linkLatencyMs : undefined;
  return {
    seed: args.seed,
    nodes,
    topology: args.topology === 'star' ? { kind: 'star', hub } : { kind: args.topology },
    latencyMs: { base: args.latencyMs, jitter: args.jitterMs, ...(links ? { links } : {}) },
    keys: args.keys,
    strategy: strategyOf(args),
    causalDelivery: args.causalDelivery,
    mode: args.mode,
    ...(args.mode === 'single-leader' ? { leader: hub } : {}),
    ...(args.mode === 'single-leader' && args.failoverMs > 0 ? { failover: { afterMs: args.failoverMs } } : {}),
    // Written only when not the default, as a recorded scenario does.
    ...(args.rowConflicts === 'mysql' ? { rowConflicts: 'mysql' as const } : {}),
  };
}

/** The scenario a story acts out: its preset's commands on the config its args describe. */
export function scenarioOf(args: Pick<LabArgs, 'preset'> & ConfigArgs): Scenario {
  return { ...preset(args.preset), config: configOf(args) };
}

/**
 * Where a story's lab starts: the scenario's cluster at time 0, before any command. The play
 * function then issues the commands at their times, so the Interactions panel names each step.
 */
export function startOf(scenario: Scenario): Scenario {
  return { ...scenario, commands: [], end: 0, at: 0 };
}
