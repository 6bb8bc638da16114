import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import type { LabActions } from '../../src/store/labStore';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import {
  expectConvergence,
  expectLostWrites,
  expectValues,
  labActions,
  logEntries,
  settle,
  shownValue,
} from '../support/play';
import { milkEverywhere, partitionedWrites, type Step, THREE_PAIRS } from '../support/scenes';

/**
 * CRDTs: data types whose replicas merge by a rule that is commutative, associative and
 * idempotent, so every replica that has seen the same writes has the same value, with no
 * coordination. Riak's data types, Redis Enterprise's active-active databases and Automerge and
 * Yjs for documents work this way.
 */
const meta = {
  title: 'Strategies/CRDTs',
  component: ScenarioLab,
  args: { ...defaultLabArgs, strategy: 'crdt' },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

async function isolateEveryone(actions: LabActions, step: Step) {
  await step('Cut every link: three islands', () => {
    for (const [a, b] of THREE_PAIRS) actions.toggleLink(a, b);
  });
}

async function healEveryone(actions: LabActions, step: Step) {
  await step('Heal every link and let replication catch up', async () => {
    for (const [a, b] of THREE_PAIRS) actions.toggleLink(a, b);
    await settle(actions);
  });
}

/**
 * A likes counter on three partitioned leaders. The PN-counter adds every increment; the same
 * history under last write wins keeps one leader's count and loses the other two.
 */
export const LikesCounterComparedWithLww: Story = {
  args: { keys: { likes: 'counter' } },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await isolateEveryone(actions, step);
    await step('One like on each leader', () => {
      for (const node of ['eu', 'us', 'ap']) actions.write(node, 'likes', { type: 'increment', by: 1 });
    });
    await healEveryone(actions, step);
    await step('The PN-counter counts all three likes, everywhere', async () => {
      await expectValues(canvasElement, 'likes', { Frankfurt: '3', Virginia: '3', Tokyo: '3' });
      await expectLostWrites(canvasElement, 0);
      await expectConvergence(canvasElement, 'likes', 'converged');
    });
    await step('Re-run the same history under last write wins: two likes are lost', async () => {
      actions.setStrategy({ kind: 'lww' });
      await expectValues(canvasElement, 'likes', { Frankfurt: '1', Virginia: '1', Tokyo: '1' });
      await expectLostWrites(canvasElement, 2);
    });
    await step('And back to the CRDT', async () => {
      actions.setStrategy({ kind: 'crdt', set: args.crdtSet, register: args.crdtRegister });
      await expectValues(canvasElement, 'likes', { Frankfurt: '3', Virginia: '3', Tokyo: '3' });
    });
  },
};

/** Virginia removes the milk while Frankfurt, concurrently, adds it again, then the remove happens later. */
async function reAddAndRemove(actions: LabActions, step: Step) {
  await milkEverywhere(actions, step);
  await partitionedWrites(
    actions,
    step,
    'cart',
    ['eu', { type: 'add', item: 'milk' }],
    ['us', { type: 'remove', item: 'milk' }],
  );
}

/** OR-set (add wins): a remove only removes the additions it saw, so the concurrent re-add survives. */
export const AddWinsCart: Story = {
  args: { keys: { cart: 'set' }, crdtSet: 'or-set' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await reAddAndRemove(actions, step);
    await step('The milk stays: the remove had not seen the re-add, and the log says the add won', async () => {
      await expectValues(canvasElement, 'cart', { Frankfurt: '{milk}', Virginia: '{milk}', Tokyo: '{milk}' });
      await expectConvergence(canvasElement, 'cart', 'converged');
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(
        /A concurrent add wins over the remove[\s\S]*Discarded: us:1/,
      );
      await expectLostWrites(canvasElement, 1);
    });
  },
};

/** LWW-element-set: each item's latest add or remove timestamp decides, so the later remove wins. */
export const LwwElementSetCart: Story = {
  args: { keys: { cart: 'set' }, crdtSet: 'lww-element-set-add' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await reAddAndRemove(actions, step);
    await step('The milk is gone: the remove carries the later timestamp, so the re-add is lost', async () => {
      await expectValues(canvasElement, 'cart', { Frankfurt: '{}', Virginia: '{}', Tokyo: '{}' });
      await expectConvergence(canvasElement, 'cart', 'converged');
      await expectLostWrites(canvasElement, 1);
    });
  },
};

/** Two people type at the same place while partitioned; the text CRDT keeps both words whole. */
export const CollaborativeText: Story = {
  args: { keys: { doc: 'text' } },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Frankfurt types "Hello", and it reaches everyone', async () => {
      actions.write('eu', 'doc', { type: 'insert', index: 0, text: 'Hello' });
      await settle(actions);
    });
    await partitionedWrites(
      actions,
      step,
      'doc',
      ['eu', { type: 'insert', index: 5, text: ' world' }],
      ['us', { type: 'insert', index: 5, text: ' there' }],
    );
    await step('Every leader shows the same text, with both words whole and nothing lost', async () => {
      const text = shownValue(canvasElement, 'Frankfurt', 'doc');
      await expect(text).toMatch(/^"Hello( world there| there world)"$/);
      await expectValues(canvasElement, 'doc', { Frankfurt: text, Virginia: text, Tokyo: text });
      await expectLostWrites(canvasElement, 0);
      await expect(logEntries(canvasElement, 'conflict').join('\n')).not.toMatch(/Discarded/);
    });
  },
};

/**
 * Two people each type three characters, each at the start of the text, while cut off: a
 * backwards run. RGA interleaves the two runs (3z2y1x); FugueMax keeps each run whole.
 */
export const TypingBackwards: Story = {
  args: { leaders: 2, keys: { doc: 'text' } },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Cut the link Frankfurt–Virginia', () => {
      actions.toggleLink('eu', 'us');
    });
    await step('Frankfurt types 1, 2, 3 and Virginia x, y, z, each at the start', () => {
      for (const [a, b] of [
        ['1', 'x'],
        ['2', 'y'],
        ['3', 'z'],
      ] as const) {
        actions.write('eu', 'doc', { type: 'insert', index: 0, text: a });
        actions.write('us', 'doc', { type: 'insert', index: 0, text: b });
      }
    });
    await step('Each side reads its own run backwards', async () => {
      await expectValues(canvasElement, 'doc', { Frankfurt: '"321"', Virginia: '"zyx"' });
    });
    await step('Heal: both runs stay whole, in the same order on both leaders', async () => {
      actions.toggleLink('eu', 'us');
      await settle(actions);
      await expectValues(canvasElement, 'doc', { Frankfurt: '"321zyx"', Virginia: '"321zyx"' });
      await expectLostWrites(canvasElement, 0);
    });
  },
};
