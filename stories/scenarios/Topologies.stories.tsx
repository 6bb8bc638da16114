import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { presetArgs, scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { converged, eventsOf, everywhere, expectValues, labActions, playScenario } from '../support/play';

/**
 * Replication topologies: who sends each write to whom. All-to-all sends straight to every
 * leader; a ring (MySQL's circular replication) forwards round one way, and each leader drops a
 * write that comes back with its own origin tag; a star forwards through its hub. A failed node
 * or link stops a ring or a star; in all-to-all it stops only the pairs it touches (nothing is
 * rerouted: each write goes straight to every leader).
 */
const meta = {
  title: 'Scenarios/Topologies',
  component: ScenarioLab,
  args: labArgs('all-to-all-crash'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** All-to-all: Tokyo is down, yet Frankfurt's write reaches Virginia and São Paulo directly. */
export const AllToAllWithACrashedLeader: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'recover' });
    await step('Tokyo is down; the others still got Frankfurt’s write', async () => {
      await expect(actions.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('crashed');
      await expectValues(actions, 'title', { eu: 'v1', us: 'v1', ap: null, sa: 'v1' });
    });
    await playScenario(actions, step, scenario);
    await step('Tokyo recovered and caught up', async () => {
      await expectValues(actions, 'title', { ap: 'v1' });
      await expect(converged(actions, 'title')).toBe(true);
    });
  },
};

/** A ring (Frankfurt → Virginia → Tokyo → São Paulo → Frankfurt): one crashed leader stops everything after it. */
export const RingWithACrashedLeader: Story = {
  args: presetArgs('ring-crash'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'recover' });
    await step('Virginia got Frankfurt’s write; São Paulo, past the crashed Tokyo, did not', async () => {
      await expectValues(actions, 'title', { eu: 'v1', us: 'v1', ap: null, sa: null });
      await expect(converged(actions, 'title')).toBe(false);
    });
    await playScenario(actions, step, scenario);
    await step('Tokyo recovered and forwarded the write on; Frankfurt dropped it when it came round', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'v1'));
      await expect(converged(actions, 'title')).toBe(true);
      await expect(eventsOf(actions, 'drop')).toContainEqual(
        expect.objectContaining({ node: 'eu', writeId: 'eu:1', reason: 'own-origin' }),
      );
    });
  },
};

/** A ring with one cut link: propagation stops at the cut, even for leaders further on. */
export const RingWithACutLink: Story = {
  args: presetArgs('ring-cut-link'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'heal-link' });
    await step('Frankfurt’s write stopped at the cut, held at Virginia', async () => {
      // The graph draws it waiting outside Virginia: held, not lost.
      await expect(
        actions.snapshot().messages.some((m) => m.from === 'us' && m.to === 'ap' && m.deliverAt === null),
      ).toBe(true);
      await expectValues(actions, 'title', { eu: 'v1', us: 'v1', ap: null, sa: null });
    });
    await playScenario(actions, step, scenario);
    await step('Healed: the held write went on round the ring', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'v1'));
      await expect(converged(actions, 'title')).toBe(true);
    });
  },
};

/** A star around Frankfurt: with the hub down, the other leaders cannot reach each other at all. */
export const StarWithTheHubDown: Story = {
  args: presetArgs('star-hub-down'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'recover' });
    await step('Virginia wrote with the hub down: nobody else got it', async () => {
      await expectValues(actions, 'title', { eu: null, us: 'v1', ap: null, sa: null });
    });
    await playScenario(actions, step, scenario);
    await step('The hub recovered and forwarded the write to every leaf', async () => {
      await expectValues(actions, 'title', everywhere(actions, 'v1'));
    });
  },
};
