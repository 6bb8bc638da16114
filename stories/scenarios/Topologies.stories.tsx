import type { Meta, StoryObj } from '@storybook/react-vite';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { expect } from 'storybook/test';
import { expectConvergence, expectStatus, expectValues, labActions, logEntries, settle } from '../support/play';
import { set } from '../support/scenes';

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
  args: { ...defaultLabArgs, leaders: 4, keys: { title: 'register' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** All-to-all: Tokyo is down, yet Frankfurt's write reaches Virginia and São Paulo directly. */
export const AllToAllWithACrashedLeader: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Crash Tokyo', async () => {
      actions.toggleCrash('ap');
      await expectStatus(canvasElement, 'Tokyo', 'crashed');
    });
    await step('Frankfurt writes; the others still get it', async () => {
      actions.write('eu', 'title', set('v1'));
      await settle(actions);
      await expectValues(canvasElement, 'title', {
        Frankfurt: '"v1"',
        Virginia: '"v1"',
        Tokyo: '∅',
        'São Paulo': '"v1"',
      });
    });
    await step('Tokyo recovers and catches up', async () => {
      actions.toggleCrash('ap');
      await settle(actions);
      await expectValues(canvasElement, 'title', { Tokyo: '"v1"' });
      await expectConvergence(canvasElement, 'title', 'converged');
    });
  },
};

/** A ring (Frankfurt → Virginia → Tokyo → São Paulo → Frankfurt): one crashed leader stops everything after it. */
export const RingWithACrashedLeader: Story = {
  args: { topology: 'ring' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Crash Tokyo, the third leader round the ring', () => {
      actions.toggleCrash('ap');
    });
    await step('Frankfurt writes: Virginia gets it, São Paulo (past Tokyo) does not', async () => {
      actions.write('eu', 'title', set('v1'));
      await settle(actions);
      await expectValues(canvasElement, 'title', {
        Frankfurt: '"v1"',
        Virginia: '"v1"',
        Tokyo: '∅',
        'São Paulo': '∅',
      });
      await expectConvergence(canvasElement, 'title', 'diverged');
    });
    await step('Tokyo recovers and forwards the write on; Frankfurt drops it when it comes round', async () => {
      actions.toggleCrash('ap');
      await settle(actions);
      await expectValues(canvasElement, 'title', { Tokyo: '"v1"', 'São Paulo': '"v1"' });
      await expectConvergence(canvasElement, 'title', 'converged');
      await expect(logEntries(canvasElement, 'drop').join('\n')).toMatch(
        /Frankfurt dropped eu:1: it came round from itself \(origin tag\)/,
      );
    });
  },
};

/** A ring with one cut link: propagation stops at the cut, even for leaders further on. */
export const RingWithACutLink: Story = {
  args: { topology: 'ring' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Cut the link Virginia → Tokyo', () => {
      actions.toggleLink('us', 'ap');
    });
    await step('Frankfurt writes: it stops at the cut, held at Virginia', async () => {
      actions.write('eu', 'title', set('v1'));
      await settle(actions);
      // The graph draws it waiting outside Virginia: held, not lost.
      await expect(
        actions.snapshot().messages.some((m) => m.from === 'us' && m.to === 'ap' && m.deliverAt === null),
      ).toBe(true);
      await expectValues(canvasElement, 'title', {
        Frankfurt: '"v1"',
        Virginia: '"v1"',
        Tokyo: '∅',
        'São Paulo': '∅',
      });
    });
    await step('Heal it: the held write goes on round the ring', async () => {
      actions.toggleLink('us', 'ap');
      await settle(actions);
      await expectValues(canvasElement, 'title', { Tokyo: '"v1"', 'São Paulo': '"v1"' });
      await expectConvergence(canvasElement, 'title', 'converged');
    });
  },
};

/** A star around Frankfurt: with the hub down, the other leaders cannot reach each other at all. */
export const StarWithTheHubDown: Story = {
  args: { topology: 'star' },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Crash Frankfurt, the hub', () => {
      actions.toggleCrash('eu');
    });
    await step('Virginia writes: nobody else gets it', async () => {
      actions.write('us', 'title', set('v1'));
      await settle(actions);
      await expectValues(canvasElement, 'title', {
        Frankfurt: '∅',
        Virginia: '"v1"',
        Tokyo: '∅',
        'São Paulo': '∅',
      });
    });
    await step('The hub recovers and forwards the write to every leaf', async () => {
      actions.toggleCrash('eu');
      await settle(actions);
      await expectValues(canvasElement, 'title', {
        Frankfurt: '"v1"',
        Virginia: '"v1"',
        Tokyo: '"v1"',
        'São Paulo': '"v1"',
      });
    });
  },
};
