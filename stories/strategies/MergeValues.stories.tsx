import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { expectConvergence, expectLostWrites, expectValues, labActions, logEntries } from '../support/play';
import { milkEverywhere, partitionedWrites } from '../support/scenes';

/**
 * Merge values: on a conflict, combine the versions instead of picking one. For a shopping cart
 * that is the union of the items, as Amazon's Dynamo cart did: no addition is ever lost, but an
 * item removed on one side comes back if the other side still had it.
 */
const meta = {
  title: 'Strategies/Merge values',
  component: ScenarioLab,
  args: { ...defaultLabArgs, strategy: 'merge', keys: { cart: 'set' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Frankfurt removes the milk while Virginia adds flour: the union keeps the flour and brings the milk back. */
export const ShoppingCartUnion: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await milkEverywhere(actions, step);
    await partitionedWrites(
      actions,
      step,
      'cart',
      ['eu', { type: 'remove', item: 'milk' }],
      ['us', { type: 'add', item: 'flour' }],
    );
    await step('The union keeps the flour, and the removed milk is back', async () => {
      await expectValues(canvasElement, 'cart', {
        Frankfurt: '{flour, milk}',
        Virginia: '{flour, milk}',
        Tokyo: '{flour, milk}',
      });
      await expectConvergence(canvasElement, 'cart', 'converged');
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/"milk".*comes back \(a lost deletion\)/);
      await expectLostWrites(canvasElement, 1);
    });
  },
};
