import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import {
  conflictText,
  converged,
  everywhere,
  expectValues,
  labActions,
  lostWrites,
  playScenario,
} from '../support/play';

/**
 * Merge values: on a conflict, combine the versions instead of picking one. For a shopping cart
 * that is the union of the items, as Amazon's Dynamo cart did: no addition is ever lost, but an
 * item removed on one side comes back if the other side still had it.
 */
const meta = {
  title: 'Strategies/Merge values',
  component: ScenarioLab,
  args: labArgs('merge-cart'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Frankfurt removes the milk while Virginia adds flour: the union keeps the flour and brings the milk back. */
export const ShoppingCartUnion: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The union keeps the flour, and the removed milk is back', async () => {
      await expectValues(actions, 'cart', everywhere(actions, ['flour', 'milk']));
      await expect(converged(actions, 'cart')).toBe(true);
      await expect(conflictText(actions)).toMatch(/"milk".*comes back \(a lost deletion\)/);
      // Frankfurt's removal (its second write) is the lost write.
      await expect(lostWrites(actions)).toEqual(['eu:2']);
    });
  },
};
