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
  shownValue,
} from '../support/play';

/**
 * Operational transformation: each edit is an operation (insert or delete at a position); a
 * central server orders them and shifts a concurrent edit's position past the ones it had not
 * seen. Google Docs and Etherpad work this way. Here the star's hub is that server.
 */
const meta = {
  title: 'Strategies/Operational transformation',
  component: ScenarioLab,
  args: { ...defaultLabArgs, strategy: 'ot', topology: 'star', keys: { doc: 'text' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Virginia and Tokyo type at the same place at once; Frankfurt, the hub, transforms one past the other. */
export const TwoEditorsThroughAHub: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Virginia types "abc", and it reaches everyone through the hub', async () => {
      actions.write('us', 'doc', { type: 'insert', index: 0, text: 'abc' });
      await settle(actions);
    });
    await step('At the same moment Virginia types X and Tokyo types Y after the "a"', async () => {
      actions.write('us', 'doc', { type: 'insert', index: 1, text: 'X' });
      actions.write('ap', 'doc', { type: 'insert', index: 1, text: 'Y' });
      await settle(actions);
    });
    await step('Both letters are kept, in the same order on every leader', async () => {
      const text = shownValue(canvasElement, 'Frankfurt', 'doc');
      await expect(['"aXYbc"', '"aYXbc"']).toContain(text);
      await expectValues(canvasElement, 'doc', { Frankfurt: text, Virginia: text, Tokyo: text });
      await expectConvergence(canvasElement, 'doc', 'converged');
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/transformed past/);
      await expectLostWrites(canvasElement, 0);
    });
  },
};
