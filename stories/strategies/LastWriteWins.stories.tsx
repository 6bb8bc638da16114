import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import {
  expectConvergence,
  expectLostWrites,
  expectValues,
  labActions,
  logEntries,
  settle,
  wait,
} from '../support/play';
import { draftThenFinal, partitionedWrites, set } from '../support/scenes';

/**
 * Last write wins: every write carries a timestamp, and on a conflict the larger one wins on
 * every replica. The others are discarded, silently for the client that wrote them.
 */
const meta = {
  title: 'Strategies/Last write wins',
  component: ScenarioLab,
  args: { ...defaultLabArgs, strategy: 'lww', keys: { title: 'register' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Frankfurt and Virginia both change the title while cut off from each other; the later write wins. */
export const PartitionThenHeal: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await partitionedWrites(actions, step, 'title', ['eu', set('Frankfurt’s title')], ['us', set('Virginia’s title')]);
    await step('Every leader keeps the later write; Frankfurt’s is discarded', async () => {
      await expectValues(canvasElement, 'title', {
        Frankfurt: '"Virginia’s title"',
        Virginia: '"Virginia’s title"',
        Tokyo: '"Virginia’s title"',
      });
      await expectConvergence(canvasElement, 'title', 'converged');
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/Discarded: eu:1/);
      await expectLostWrites(canvasElement, 1);
    });
  },
};

/**
 * Frankfurt's clock runs 5 s fast. It writes first, Virginia 2 s later in real time, yet
 * Frankfurt's timestamp is larger: the older write wins and the newer one is lost.
 */
export const ClockSkewOlderWriteWins: Story = {
  args: { frankfurtSkewMs: 5000 },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await partitionedWrites(actions, step, 'title', ['eu', set('older')], ['us', set('newer')]);
    await step('The older write wins everywhere, and the log blames the clock', async () => {
      await expectValues(canvasElement, 'title', { Frankfurt: '"older"', Virginia: '"older"', Tokyo: '"older"' });
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(
        /clock skew made the older write win[\s\S]*Discarded: us:1/,
      );
    });
  },
};

/** The same fast clock, but Virginia replies after reading Frankfurt's write: the reply still vanishes. */
export const SkewHidesAWriteThatSawTheOther: Story = {
  args: { frankfurtSkewMs: 5000 },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await draftThenFinal(actions, step);
    await step('The final title lost to the draft it replaced: LWW compares only timestamps', async () => {
      await expectValues(canvasElement, 'title', { Frankfurt: '"draft"', Virginia: '"draft"', Tokyo: '"draft"' });
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/had already seen .*yet it lost/);
      await expectLostWrites(canvasElement, 1);
    });
  },
};

/**
 * Hybrid logical clocks: a write's timestamp is above every timestamp its leader has seen, so
 * the reply that read the draft wins, whatever the physical clocks say.
 */
export const HybridLogicalClocks: Story = {
  args: { frankfurtSkewMs: 5000, lwwClock: 'hlc' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await draftThenFinal(actions, step);
    await step('The final title wins: no conflict, nothing lost', async () => {
      await expectValues(canvasElement, 'title', { Frankfurt: '"final"', Virginia: '"final"', Tokyo: '"final"' });
      await expect(logEntries(canvasElement, 'conflict')).toEqual([]);
      await expectLostWrites(canvasElement, 0);
    });
    await step('But truly concurrent writes are still ordered by the skewed clock', async () => {
      actions.toggleLink('eu', 'us');
      actions.write('eu', 'title', set('early'));
      wait(actions, 2000);
      actions.write('us', 'title', set('late'));
      actions.toggleLink('eu', 'us');
      await settle(actions);
      await expectValues(canvasElement, 'title', { Frankfurt: '"early"', Virginia: '"early"', Tokyo: '"early"' });
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(
        /ordered these concurrent writes by a skewed/,
      );
    });
  },
};

/** Two leaders write at the same instant: equal timestamps, decided by the tie rule. */
function tie(rule: (typeof defaultLabArgs)['tieBreak'], expected: { Frankfurt: string; Virginia: string }): Story {
  return {
    args: { leaders: 2, tieBreak: rule, jitterMs: 0 },
    play: async ({ args, canvasElement, step }) => {
      const actions = await labActions(args.onReady);
      await partitionedWrites(actions, step, 'title', ['eu', set('banana')], ['us', set('apple')], 0);
      await step(`The ${rule} rule decides`, async () => {
        await expectValues(canvasElement, 'title', expected);
        await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/same timestamp/);
        await expectConvergence(
          canvasElement,
          'title',
          expected.Frankfurt === expected.Virginia ? 'converged' : 'diverged',
        );
      });
    },
  };
}

/** The lab's default: the higher node id wins a tie ("us" > "eu"). */
export const TieHigherNodeId = tie('higher-node-id', { Frankfurt: '"apple"', Virginia: '"apple"' });
/** pgEdge Spock: the lower node id wins a tie. */
export const TieLowerNodeId = tie('lower-node-id', { Frankfurt: '"banana"', Virginia: '"banana"' });
/** Cassandra: a tombstone wins a tie, then the larger value. */
export const TieLargerValue = tie('larger-value', { Frankfurt: '"banana"', Virginia: '"banana"' });
/** Riak: a live value beats a delete on a tie, then the smaller value. */
export const TieLiveValue = tie('live-value', { Frankfurt: '"apple"', Virginia: '"apple"' });
/** pglogical: on a tie each side applies the remote row; they swap values and stay different forever. */
export const TieApplyRemoteDiverges = tie('apply-remote', { Frankfurt: '"apple"', Virginia: '"banana"' });
