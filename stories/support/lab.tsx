import type { ArgTypes } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import {
  type Choice,
  clocks,
  fallbacks,
  granularities,
  readSystems,
  registers,
  resolvers,
  sets,
  strategyKinds,
  tieBreaks,
} from '../../src/view/StrategyPicker';
import { type LabArgs, presetArgs, scenarioOf, type StrategyArg, startOf } from './config';

export type { LabArgs } from './config';

const values = <T extends string>(choices: Choice<T>): T[] => choices.map((c) => c.value);

/**
 * A demo story's args: its preset's own settings, and the spy that receives the lab's actions.
 * A story in the same file names its own preset with `presetArgs` (every setting, so nothing
 * leaks from the file's default).
 */
export function labArgs(presetId: string): LabArgs {
  return { ...presetArgs(presetId), onReady: fn() };
}

const when = (strategy: StrategyArg) => ({ arg: 'strategy', eq: strategy });

/** Controls for the args; options of a strategy show only while that strategy is chosen. */
export const labArgTypes: Partial<ArgTypes<LabArgs>> = {
  preset: { control: false, description: 'The preset scenario the story acts out' },
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
    description: 'Conflict resolution (overrides the preset’s)',
  },
  lwwClock: { control: 'inline-radio', options: values(clocks), if: when('lww') },
  tieBreak: { control: 'select', options: values(tieBreaks), if: when('lww') },
  lwwGranularity: { control: 'inline-radio', options: values(granularities), if: when('lww') },
  resolver: { control: 'select', options: values(resolvers), if: when('custom-write') },
  readSystem: {
    control: 'inline-radio',
    options: values(readSystems),
    description:
      'Custom on read: siblings as Riak (a write with its context replaces them) or CouchDB (_conflicts only when asked)',
    if: when('custom-read'),
  },
  crdtSet: { control: 'select', options: values(sets), if: when('crdt') },
  crdtRegister: { control: 'inline-radio', options: values(registers), if: when('crdt') },
  otFallback: { control: 'inline-radio', options: values(fallbacks), if: when('ot') },
  causalDelivery: { control: 'boolean' },
  mode: { control: 'inline-radio', options: ['multi-leader', 'single-leader'] },
  failoverMs: {
    control: { type: 'range', min: 0, max: 10000, step: 500 },
    description: 'Single-leader failover: promote a follower after the leader is down this long, ms (0: never)',
    if: { arg: 'mode', eq: 'single-leader' },
  },
  autoIncrementOffsets: { control: 'boolean' },
  rowConflicts: {
    control: 'inline-radio',
    options: ['spock', 'mysql'],
    description:
      'Row conflicts (a duplicate auto-increment id) as pgEdge Spock resolves them, or as MySQL stops on them',
  },
  seed: { control: { type: 'number', min: 0, step: 1 } },
  keys: { control: false },
  linkLatencyMs: { control: false },
  controls: { control: false },
  title: { control: false },
  onReady: { control: false, table: { disable: true } },
};

/**
 * One live lab that starts from the story's preset (with the Controls' overrides), at time 0
 * before any command: the play function acts the preset out. A changed arg remounts it (a new
 * run), since the lab reads its scenario once.
 */
export function ScenarioLab(args: LabArgs) {
  const scenario = startOf(scenarioOf(args));
  return (
    <MultiLeaderLab
      key={`${args.preset} ${JSON.stringify(scenario.config)}`}
      scenario={scenario}
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
