import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { converged, everywhere, expectValues, labActions, lostWrites, playScenario } from '../support/play';

/**
 * An offline client is a leader too: a phone or a laptop with its own copy keeps taking writes
 * with no network, and exchanges everything when it reconnects. Days of changes can be
 * concurrent with everyone else's, so the conflict strategy decides what survives.
 */
const meta = {
  title: 'Scenarios/Offline clients',
  component: ScenarioLab,
  args: labArgs('offline-client'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

const status = (actions: Parameters<typeof lostWrites>[0], id: string) =>
  actions.snapshot().nodes.find((n) => n.id === id)?.status;

/** Tokyo goes offline, like a laptop on a plane, keeps writing, and syncs when it is back. */
export const OfflineLeaderSyncsLater: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'reconnect' });
    await step('Offline, Tokyo took a like and eggs; the others wrote too and cannot reach it', async () => {
      await expect(status(actions, 'ap')).toBe('offline');
      await expectValues(actions, 'cart', { eu: ['flour'], us: ['flour'], ap: ['eggs'] });
      await expect(converged(actions, 'cart')).toBe(false);
    });
    await playScenario(actions, step, scenario);
    await step('Tokyo reconnected: both sides exchanged what they missed, and nothing is lost', async () => {
      await expect(status(actions, 'ap')).toBe('online');
      await expectValues(actions, 'cart', everywhere(actions, ['eggs', 'flour']));
      await expectValues(actions, 'likes', everywhere(actions, 2));
      await expect(converged(actions, 'cart')).toBe(true);
      await expect(lostWrites(actions)).toEqual([]);
    });
    await step('The same history under last write wins loses Tokyo’s offline work', async () => {
      actions.setStrategy({ kind: 'lww' });
      await expectValues(actions, 'likes', everywhere(actions, 1));
      await expectValues(actions, 'cart', everywhere(actions, ['flour']));
      await expect(lostWrites(actions)).toHaveLength(2);
    });
    await step('And back to CRDTs', async () => {
      actions.setStrategy({ kind: 'crdt', set: args.crdtSet, register: args.crdtRegister });
      await expectValues(actions, 'likes', everywhere(actions, 2));
    });
  },
};
