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
  valuesOf,
} from '../support/play';

/**
 * Operational transformation: each edit is an operation (insert or delete at a position); a
 * central server orders them and shifts a concurrent edit's position past the ones it had not
 * seen. Google Docs and Etherpad work this way. Here the star's hub is that server.
 */
const meta = {
  title: 'Strategies/Operational transformation',
  component: ScenarioLab,
  args: labArgs('ot-hub'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Virginia and Tokyo type at the same place at once; Frankfurt, the hub, transforms one past the other. */
export const TwoEditorsThroughAHub: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Both letters are kept, in the same order on every leader', async () => {
      const text = valuesOf(actions, 'doc').eu ?? null;
      await expect(['aXYbc', 'aYXbc']).toContain(text);
      await expectValues(actions, 'doc', everywhere(actions, text));
      await expect(converged(actions, 'doc')).toBe(true);
      await expect(conflictText(actions)).toMatch(/transformed past/);
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};
