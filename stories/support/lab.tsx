import type { ArgTypes } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type {
  CrdtStrategyConfig,
  CustomResolverName,
  KeyType,
  LwwTieBreak,
  NodeConfig,
  SimulationConfig,
  StrategyConfig,
} from '../../src/model';
import type { LabActions } from '../../src/store/labStore';
import { DATACENTERS as CLUSTER_DATACENTERS } from '../../src/view/ClusterControls';
import { type LabControls, MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import {
  type Choice,
  clocks,
  fallbacks,
  type Kind,
  registers,
  resolvers,
  sets,
  strategyKinds,
  tieBreaks,
} from '../../src/view/StrategyPicker';

/** Up to eight datacenters, in the order the `leaders` control adds them: the lab's own list. */
const DATACENTERS = CLUSTER_DATACENTERS.slice(0, 8);

/** The lab's own strategy picker's kinds and options: the Controls panel offers the same. */
export type StrategyArg = Kind;
const values = <T extends string>(choices: Choice<T>): T[] => choices.map((c) => c.value);

/**
 * What a demo story exposes in Storybook's Controls panel: a teacher can change the cluster and
 * the strategy's options and the lab starts again with them (the play function acts out the
 * scenario of the story's own args).
 */
export interface LabArgs {
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
  readonly resolver: CustomResolverName;
  readonly crdtSet: NonNullable<CrdtStrategyConfig['set']>;
  readonly crdtRegister: NonNullable<CrdtStrategyConfig['register']>;
  readonly otFallback: 'lww' | 'merge' | 'crdt';
  readonly causalDelivery: boolean;
  readonly mode: 'multi-leader' | 'single-leader';
  /** MySQL's auto_increment_increment/offset per leader (offset = position), for table keys. */
  readonly autoIncrementOffsets: boolean;
  readonly seed: number;
  /** The keys and their types (fixed per story). */
  readonly keys: Readonly<Record<string, KeyType>>;
  /** Per-link latency overrides, keyed "a-b" (fixed per story). */
  readonly linkLatencyMs?: Readonly<Record<string, number>>;
  readonly controls?: LabControls;
  readonly title?: string;
  /** Receives the lab's actions: the play function drives the scenario through them. */
  readonly onReady: (actions: LabActions) => void;
}

export const defaultLabArgs: LabArgs = {
  leaders: 3,
  topology: 'all-to-all',
  latencyMs: 1200,
  jitterMs: 200,
  frankfurtSkewMs: 0,
  strategy: 'lww',
  lwwClock: 'physical',
  tieBreak: 'higher-node-id',
  resolver: 'datacenter-priority',
  crdtSet: 'or-set',
  crdtRegister: 'mv',
  otFallback: 'lww',
  causalDelivery: false,
  mode: 'multi-leader',
  autoIncrementOffsets: false,
  seed: 7,
  keys: { title: 'register' },
  onReady: fn(),
};

const when = (strategy: StrategyArg) => ({ arg: 'strategy', eq: strategy });

/** Controls for the args; options of a strategy show only while that strategy is chosen. */
export const labArgTypes: Partial<ArgTypes<LabArgs>> = {
  leaders: { control: { type: 'range', min: 2, max: 8, step: 1 }, description: 'How many leaders (datacenters)' },
  topology: { control: 'inline-radio', options: ['all-to-all', 'ring', 'star'] },
  latencyMs: { control: { type: 'range', min: 50, max: 5000, step: 50 }, description: 'One-way link latency, ms' },
  jitterMs: { control: { type: 'range', min: 0, max: 1000, step: 50 } },
  frankfurtSkewMs: {
    control: { type: 'range', min: -10000, max: 10000, step: 500 },
    description: "Frankfurt's clock skew, ms",
  },
  strategy: {
    control: 'select',
    options: values(strategyKinds),
    description: 'Conflict resolution',
  },
  lwwClock: { control: 'inline-radio', options: values(clocks), if: when('lww') },
  tieBreak: { control: 'select', options: values(tieBreaks), if: when('lww') },
  resolver: { control: 'select', options: values(resolvers), if: when('custom-write') },
  crdtSet: { control: 'select', options: values(sets), if: when('crdt') },
  crdtRegister: { control: 'inline-radio', options: values(registers), if: when('crdt') },
  otFallback: { control: 'inline-radio', options: values(fallbacks), if: when('ot') },
  causalDelivery: { control: 'boolean' },
  mode: { control: 'inline-radio', options: ['multi-leader', 'single-leader'] },
  autoIncrementOffsets: { control: 'boolean' },
  seed: { control: { type: 'number', min: 0, step: 1 } },
  keys: { control: false },
  linkLatencyMs: { control: false },
  controls: { control: false },
  title: { control: false },
  onReady: { control: false, table: { disable: true } },
};

export function strategyOf(args: LabArgs): StrategyConfig {
  switch (args.strategy) {
    case 'lww':
      return { kind: 'lww', clock: args.lwwClock, tieBreak: args.tieBreak };
    case 'merge':
      return { kind: 'merge' };
    case 'custom-write':
      return { kind: 'custom', on: 'write', resolver: args.resolver };
    case 'custom-read':
      return { kind: 'custom', on: 'read' };
    case 'crdt':
      return { kind: 'crdt', set: args.crdtSet, register: args.crdtRegister };
    case 'ot':
      return { kind: 'ot', fallback: args.otFallback };
  }
}

/** The simulation config a story's args describe. */
export function configOf(args: LabArgs): SimulationConfig {
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
  return {
    seed: args.seed,
    nodes,
    topology: args.topology === 'star' ? { kind: 'star', hub } : { kind: args.topology },
    latencyMs: {
      base: args.latencyMs,
      jitter: args.jitterMs,
      ...(args.linkLatencyMs ? { links: args.linkLatencyMs } : {}),
    },
    keys: args.keys,
    strategy: strategyOf(args),
    causalDelivery: args.causalDelivery,
    mode: args.mode,
    ...(args.mode === 'single-leader' ? { leader: hub } : {}),
  };
}

/**
 * One live lab built from a story's args. A changed arg remounts it (a new run), since the lab
 * reads its scenario once.
 */
export function ScenarioLab(args: LabArgs) {
  const config = configOf(args);
  return (
    <MultiLeaderLab
      key={JSON.stringify(config)}
      config={config}
      {...(args.controls ? { controls: args.controls } : {})}
      {...(args.title ? { title: args.title } : {})}
      onReady={args.onReady}
    />
  );
}

/**
 * Render a demo story's lab titled with the story's name: the heading says which scenario it is,
 * and several labs on one docs page name their panels apart (landmarks must be unique).
 */
export function renderLab(args: LabArgs, context: { readonly name: string }) {
  return <ScenarioLab {...args} title={args.title ?? context.name} />;
}
