import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import type { LabActions } from '../../src/store/labStore';
import { defaultLabArgs, labArgTypes } from '../support/lab';
import { LabRow, type LabRowArgs, type LabVariant } from '../support/LabRow';
import { expectLostWrites, labSection, nextFrames, rowActions, settle } from '../support/play';
import { THREE_PAIRS } from '../support/scenes';
import { TradeOffs } from '../support/TradeOffs';

/**
 * One history, five strategies: the same writes on three partitioned leaders, replayed under
 * each, with the lost writes each one reports, beside the trade-offs table.
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
    ...defaultLabArgs,
    keys: { cart: 'set', likes: 'counter', title: 'register' },
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

/** The recorded history every lab replays. */
function history(lab: LabActions) {
  lab.write('eu', 'cart', { type: 'add', item: 'milk' });
  lab.run((sim) => {
    sim.runUntilQuiescent();
    for (const [a, b] of THREE_PAIRS) sim.cutLink(a, b);
    // Each leader, cut off from the others, changes all three keys.
    const edits = [
      ['eu', { type: 'remove', item: 'milk' }, 'Frankfurt'],
      ['us', { type: 'add', item: 'eggs' }, 'Virginia'],
      ['ap', { type: 'add', item: 'flour' }, 'Tokyo'],
    ] as const;
    for (const [node, cartOp, title] of edits) {
      sim.write(node, 'cart', cartOp);
      sim.write(node, 'likes', { type: 'increment', by: 1 });
      sim.write(node, 'title', { type: 'set', value: title });
      sim.advance(1000);
    }
    for (const [a, b] of THREE_PAIRS) sim.healLink(a, b);
  });
}

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
  play: async ({ args, canvasElement, step }) => {
    const labs = await rowActions(args.onReadyAt, variants.length);
    await step('Replay the same history in every lab: three leaders cut off, each changing every key', async () => {
      for (const lab of labs) history(lab);
      await Promise.all(labs.map((lab) => settle(lab)));
      await nextFrames();
    });
    await step('Count the lost writes of each strategy', async () => {
      const expected = [6, 3, 6, 0, 0];
      for (const [i, v] of variants.entries())
        await expectLostWrites(labSection(canvasElement, v.title), expected[i] ?? Number.NaN);
    });
    await step('Custom on read lost nothing yet: three versions of each key wait for a reader', async () => {
      const node = labSection(canvasElement, 'Custom on read (siblings)').querySelector('g.node');
      await expect(node?.getAttribute('aria-label')).toMatch(/6 unresolved conflicts/);
    });
  },
};
