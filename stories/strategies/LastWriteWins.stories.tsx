import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { presetArgs, scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import {
  conflictText,
  converged,
  eventsOf,
  everywhere,
  expectValues,
  labActions,
  lostWrites,
  playScenario,
  settle,
  wait,
} from '../support/play';

/**
 * Last write wins: every write carries a timestamp, and on a conflict the larger one wins on
 * every replica. The others are discarded, silently for the client that wrote them. Each story
 * acts out a preset scenario (src/scenario/presets).
 */
const meta = {
  title: 'Strategies/Last write wins',
  component: ScenarioLab,
  args: labArgs('lww-partition'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Frankfurt and Virginia both change the title while cut off from each other; the later write wins. */
export const PartitionThenHeal: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Every leader keeps the later write; Frankfurt’s is discarded', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'Virginia’s title'));
      await expect(converged(actions, 'title')).toBe(true);
      await expect(lostWrites(actions)).toEqual(['eu:1']);
    });
  },
};

/**
 * Frankfurt's clock runs 5 s fast. It writes first, Virginia 2 s later in real time, yet
 * Frankfurt's timestamp is larger: the older write wins and the newer one is lost.
 */
export const ClockSkewOlderWriteWins: Story = {
  args: presetArgs('lww-clock-skew'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The older write wins everywhere, and the log blames the clock', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'older'));
      await expect(lostWrites(actions)).toEqual(['us:1']);
      await expect(conflictText(actions)).toMatch(/clock skew made the older write win[\s\S]*Discarded: us:1/);
    });
  },
};

/** The same fast clock, but Virginia replies after reading Frankfurt's write: the reply still vanishes. */
export const SkewHidesAWriteThatSawTheOther: Story = {
  args: presetArgs('lww-skew-hides-reply'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The final title lost to the draft it replaced: LWW compares only timestamps', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'draft'));
      await expect(conflictText(actions)).toMatch(/had already seen .*yet it lost/);
      await expect(lostWrites(actions)).toEqual(['us:1']);
    });
  },
};

/**
 * Hybrid logical clocks: a write's timestamp is above every timestamp its leader has seen, so
 * the reply that read the draft wins, whatever the physical clocks say.
 */
export const HybridLogicalClocks: Story = {
  args: presetArgs('hlc-fixes-skew'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The final title wins: no conflict, nothing lost', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'final'));
      await expect(eventsOf(actions, 'conflict')).toEqual([]);
      await expect(lostWrites(actions)).toEqual([]);
    });
    await step('But truly concurrent writes are still ordered by the skewed clock', async () => {
      actions.toggleLink('eu', 'us');
      actions.write('eu', 'title', { type: 'set', value: 'early' });
      wait(actions, 2000);
      actions.write('us', 'title', { type: 'set', value: 'late' });
      actions.toggleLink('eu', 'us');
      await settle(actions);
      await expectValues(actions, 'title', everywhere(actions, 'early'));
      await expect(conflictText(actions)).toMatch(/ordered these concurrent writes by a skewed/);
    });
  },
};

/** Two leaders write at the same instant: equal timestamps, decided by the tie rule. */
function tie(rule: string, expected: { eu: string; us: string }): Story {
  return {
    args: presetArgs(`lww-tie-${rule}`),
    play: async ({ args, step }) => {
      const actions = await labActions(args.onReady);
      await playScenario(actions, step, scenarioOf(args));
      await step(`The ${rule} rule decides`, async () => {
        await expectValues(actions, 'title', expected);
        await expect(conflictText(actions)).toMatch(/same timestamp/);
        await expect(converged(actions, 'title')).toBe(expected.eu === expected.us);
      });
    },
  };
}

/** The lab's default: the higher node id wins a tie ("us" > "eu"). */
export const TieHigherNodeId = tie('higher-node-id', { eu: 'apple', us: 'apple' });
/** pgEdge Spock: the lower node id wins a tie. */
export const TieLowerNodeId = tie('lower-node-id', { eu: 'banana', us: 'banana' });
/** Cassandra: a tombstone wins a tie, then the larger value. */
export const TieLargerValue = tie('larger-value', { eu: 'banana', us: 'banana' });
/** Riak: a live value beats a delete on a tie; between two live values a fixed but arbitrary pick. */
export const TieLiveValue = tie('live-value', { eu: 'banana', us: 'banana' });
/** pglogical: on a tie each side applies the remote row; they swap values and stay different forever. */
export const TieApplyRemoteDiverges = tie('apply-remote', { eu: 'apple', us: 'banana' });

/**
 * A write and a delete at the same instant, after both leaders had "apple": the tie rules that
 * look at deletes disagree.
 */
function deleteTie(id: string, expected: string | null): Story {
  return {
    args: presetArgs(id),
    play: async ({ args, step }) => {
      const actions = await labActions(args.onReady);
      await playScenario(actions, step, scenarioOf(args));
      await step(expected === null ? 'The delete wins the tie' : 'The live value wins the tie', async () => {
        await expectValues(actions, 'title', everywhere(actions, expected));
        await expect(conflictText(actions)).toMatch(/same timestamp/);
        await expect(converged(actions, 'title')).toBe(true);
      });
    },
  };
}

/** Cassandra: the tombstone wins a tie with a live value. */
export const TieDeleteWinsCassandra = deleteTie('lww-tie-delete-cassandra', null);
/** Riak: a live value wins a tie with a delete. */
export const TieLiveValueWinsRiak = deleteTie('lww-tie-delete-riak', 'banana');

/**
 * One record, two fields, edited concurrently: Frankfurt sets the name, Virginia (later) the
 * email. Per value, as DynamoDB global tables reconcile a whole item, the later record replaces
 * the other and the name is lost.
 */
export const RecordPerValue: Story = {
  args: presetArgs('lww-record-granularity'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The later record wins whole: the name is gone everywhere', async () => {
      await expectValues(actions, 'user', everywhere(actions, { email: 'ada@example.org' }));
      await expect(lostWrites(actions)).toEqual(['eu:1']);
    });
  },
};

/** The same writes per field, as Cassandra keeps each column in its own cell: both fields survive. */
export const RecordPerField: Story = {
  args: { ...presetArgs('lww-record-granularity'), lwwGranularity: 'field' },
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Each field keeps its own latest write: nothing is lost, no conflict', async () => {
      await expectValues(actions, 'user', everywhere(actions, { email: 'ada@example.org', name: 'Ada' }));
      await expect(eventsOf(actions, 'conflict')).toEqual([]);
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};
