import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
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
import { partitionedWrites, set } from '../support/scenes';

/**
 * Custom conflict resolution: application code decides. On write, a resolver runs as soon as a
 * leader detects the conflict (Bucardo's custom conflict handlers work this way). On read, every
 * version is kept as a sibling and the application resolves them when it next reads
 * (CouchDB's _conflicts, Riak's siblings).
 */
const meta = {
  title: 'Strategies/Custom resolution',
  component: ScenarioLab,
  args: { ...defaultLabArgs, keys: { price: 'register' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** On write, datacenter priority: Frankfurt outranks Virginia, so its price stands although Virginia wrote later. */
export const OnWriteDatacenterPriority: Story = {
  args: { strategy: 'custom-write', resolver: 'datacenter-priority' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await partitionedWrites(actions, step, 'price', ['eu', set('€20')], ['us', set('$25')]);
    await step('Each leader ran the resolver when it saw the conflict; the priority site won', async () => {
      await expectValues(canvasElement, 'price', { Frankfurt: '"€20"', Virginia: '"€20"', Tokyo: '"€20"' });
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(
        /the leader with the higher priority wins: Frankfurt's[\s\S]*Discarded: us:1/,
      );
      await expectLostWrites(canvasElement, 1);
    });
  },
};

/** On read, every version is kept; the reader sees the siblings and picks one with a click. */
export const OnReadSiblingsResolvedByAClick: Story = {
  args: { strategy: 'custom-read' },
  play: async ({ args, canvasElement, step }) => {
    const ui = within(canvasElement);
    const actions = await labActions(args.onReady);
    await partitionedWrites(actions, step, 'price', ['eu', set('€20')], ['us', set('$25')]);
    await step('Nothing is discarded: every leader keeps both prices, one shown first', async () => {
      await expectLostWrites(canvasElement, 0);
      for (const node of canvasElement.querySelectorAll('g.node'))
        await expect(node.getAttribute('aria-label')).toMatch(/; 1 unresolved conflicts/);
      await expectConvergence(canvasElement, 'price', 'converged');
    });
    const shown = shownValue(canvasElement, 'Virginia', 'price');
    await step('Open Virginia and read its siblings', async () => {
      const virginia = [...canvasElement.querySelectorAll('g.node')].find((g) =>
        (g.getAttribute('aria-label') ?? '').startsWith('Virginia'),
      );
      if (!virginia) throw new Error('no Virginia in the graph');
      await userEvent.click(virginia);
      const panel = ui.getByRole('region', { name: /^Leader Virginia/ });
      await expect(within(panel).getByText(/siblings/).textContent).toMatch(/"€20"|"\$25"/);
      await expect(within(panel).getByRole('button', { name: 'Keep "€20"' })).toBeTruthy();
      await expect(within(panel).getByRole('button', { name: 'Keep "$25"' })).toBeTruthy();
    });
    await step(`Keep ${shown}: the reader's choice replaces both versions everywhere`, async () => {
      const panel = ui.getByRole('region', { name: /^Leader Virginia/ });
      await userEvent.click(within(panel).getByRole('button', { name: `Keep ${shown}` }));
      await settle(actions);
      await expectValues(canvasElement, 'price', { Frankfurt: shown, Virginia: shown, Tokyo: shown });
      for (const node of canvasElement.querySelectorAll('g.node'))
        await expect(node.getAttribute('aria-label')).not.toMatch(/unresolved/);
      await expectLostWrites(canvasElement, 0);
    });
  },
};
