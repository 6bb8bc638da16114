import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { scenarioOf } from '../support/config';
import { labArgs, labArgTypes } from '../support/lab';
import { LabRow, type LabRowArgs, type LabVariant, variantArgs } from '../support/LabRow';
import { lostWrites, nextFrames, playScenario, rowActions } from '../support/play';
import { TradeOffs } from '../support/TradeOffs';

/**
 * One history, five strategies: the same writes on three partitioned leaders (the trade-offs
 * preset), replayed under each, with the lost writes each one reports, beside the trade-offs
 * table.
 */
const variants: readonly LabVariant[] = [
  { title: 'Last write wins', patch: { strategy: 'lww' } },
  { title: 'Merge values', patch: { strategy: 'merge' } },
  { title: 'Custom on write (priority)', patch: { strategy: 'custom-write', resolver: 'datacenter-priority' } },
  { title: 'Custom on read (siblings)', patch: { strategy: 'custom-read' } },
  { title: 'CRDTs', patch: { strategy: 'crdt' } },
];

const meta = {
  title: 'Scenarios/Comparison',
  component: LabRow,
  args: {
    ...labArgs('trade-offs'),
    controls: { time: false, write: false, strategy: false, leader: false, spacetime: false, cluster: false },
    onReadyAt: fn(),
    variants,
  },
  argTypes: { ...labArgTypes, variants: { control: false }, onReadyAt: { control: false, table: { disable: true } } },
  render: (args) => (
    <div>
      <LabRow {...args} />
      <TradeOffs />
    </div>
  ),
} satisfies Meta<LabRowArgs & { variants: readonly LabVariant[] }>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Expected losses, derived from the rules (three concurrent versions of each key):
 * - LWW keeps one whole version of each key: 2 carts, 2 likes, 2 titles lost = 6.
 * - Merge: the union undoes the milk's removal (1); the larger counter keeps one like (2 lost);
 *   concurrent titles are joined ("Frankfurt/Tokyo/Virginia"), none lost = 3.
 * - Custom on write, Frankfurt's priority: the other two versions of each key = 6.
 * - Custom on read keeps every version as a sibling until a reader resolves: 0 (so far); each
 *   leader shows one version of each key and the other two as unresolved conflicts (6).
 * - CRDTs: the OR-set, PN-counter and MV-register keep every operation's effect: 0.
 */
export const SameHistoryUnderEveryStrategy: Story = {
  play: async ({ args, step }) => {
    const labs = await rowActions(args.onReadyAt, variants.length);
    for (const [i, v] of variants.entries()) {
      const lab = labs[i];
      if (!lab) throw new Error(`no lab for ${v.title}`);
      // Not animated: five labs one after another would take too long to watch anyway.
      await step(`${v.title}: three leaders cut off, each changing every key`, async () => {
        await playScenario(lab, step, scenarioOf(variantArgs(args, v)), { speed: Number.POSITIVE_INFINITY });
      });
    }
    await nextFrames();
    await step('Count the lost writes of each strategy', async () => {
      const expected = [6, 3, 6, 0, 0];
      await expect(labs.map((lab) => lostWrites(lab).length)).toEqual(expected);
    });
    await step('Custom on read lost nothing yet: three versions of each key wait for a reader', async () => {
      const siblings = labs[3]
        ?.snapshot()
        .nodes.map((n) => Object.values(n.keys).reduce((sum, k) => sum + k.conflicts.length, 0));
      await expect(siblings).toEqual([6, 6, 6]);
    });
  },
};
