import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { formatValue } from '../../src/model';
import { presetArgs, scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import {
  conflictText,
  converged,
  everywhere,
  expectValues,
  labActions,
  lostWrites,
  playScenario,
  settle,
} from '../support/play';

/**
 * Custom conflict resolution: application code decides. On write, a resolver runs as soon as a
 * leader detects the conflict (Bucardo's custom conflict handlers work this way). On read, every
 * version is kept as a sibling and the application resolves them when it next reads
 * (CouchDB's _conflicts, Riak's siblings).
 */
const meta = {
  title: 'Strategies/Custom resolution',
  component: ScenarioLab,
  args: labArgs('custom-on-write'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** On write, datacenter priority: Frankfurt outranks Virginia, so its price stands although Virginia wrote later. */
export const OnWriteDatacenterPriority: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Each leader ran the resolver when it saw the conflict; the priority site won', async () => {
      await expectValues(actions, 'price', everywhere(actions, '€20'));
      await expect(conflictText(actions)).toMatch(
        /the leader with the higher priority wins: Frankfurt's[\s\S]*Discarded: us:1/,
      );
      await expect(lostWrites(actions)).toEqual(['us:1']);
    });
  },
};

/** On read, every version is kept; the reader sees the siblings and picks one with a click. */
export const OnReadSiblingsResolvedByAClick: Story = {
  args: presetArgs('custom-on-read'),
  play: async ({ args, canvasElement, step }) => {
    const ui = within(canvasElement);
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Nothing is discarded: every leader keeps both prices, one shown first', async () => {
      await expect(lostWrites(actions)).toEqual([]);
      for (const node of actions.snapshot().nodes) {
        const price = node.keys.price;
        await expect([price?.value, ...(price?.conflicts ?? [])].sort()).toEqual(['$25', '€20']);
      }
      await expect(converged(actions, 'price')).toBe(true);
    });
    const shown = actions.snapshot().nodes.find((n) => n.id === 'us')?.keys.price?.value ?? null;
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
    await step(`Keep ${formatValue(shown)}: the reader's choice replaces both versions everywhere`, async () => {
      const panel = ui.getByRole('region', { name: /^Leader Virginia/ });
      await userEvent.click(within(panel).getByRole('button', { name: `Keep ${formatValue(shown)}` }));
      await settle(actions);
      await expectValues(actions, 'price', everywhere(actions, shown));
      for (const node of actions.snapshot().nodes) await expect(node.keys.price?.conflicts).toEqual([]);
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};
