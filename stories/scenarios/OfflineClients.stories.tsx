import type { Meta, StoryObj } from '@storybook/react-vite';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { expectConvergence, expectLostWrites, expectStatus, expectValues, labActions, settle } from '../support/play';

/**
 * An offline client is a leader too: a phone or a laptop with its own copy keeps taking writes
 * with no network, and exchanges everything when it reconnects. Days of changes can be
 * concurrent with everyone else's, so the conflict strategy decides what survives.
 */
const meta = {
  title: 'Scenarios/Offline clients',
  component: ScenarioLab,
  args: { ...defaultLabArgs, strategy: 'crdt', keys: { cart: 'set', likes: 'counter' } },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Tokyo goes offline, like a laptop on a plane, keeps writing, and syncs when it is back. */
export const OfflineLeaderSyncsLater: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await step('Tokyo goes offline', async () => {
      actions.toggleOffline('ap');
      await expectStatus(canvasElement, 'Tokyo', 'offline');
    });
    await step('It keeps taking writes: a like and eggs in the cart, acknowledged at once', async () => {
      actions.write('ap', 'likes', { type: 'increment', by: 1 });
      actions.write('ap', 'cart', { type: 'add', item: 'eggs' });
      await expectValues(canvasElement, 'cart', { Tokyo: '{eggs}' });
    });
    await step('Meanwhile Frankfurt and Virginia write too, and cannot reach Tokyo', async () => {
      actions.write('eu', 'likes', { type: 'increment', by: 1 });
      actions.write('us', 'cart', { type: 'add', item: 'flour' });
      await settle(actions);
      await expectValues(canvasElement, 'cart', { Frankfurt: '{flour}', Virginia: '{flour}', Tokyo: '{eggs}' });
      await expectConvergence(canvasElement, 'cart', 'diverged');
    });
    await step('Tokyo reconnects: both sides exchange what they missed, and nothing is lost', async () => {
      actions.toggleOffline('ap');
      await settle(actions);
      await expectStatus(canvasElement, 'Tokyo', 'online');
      await expectValues(canvasElement, 'cart', {
        Frankfurt: '{eggs, flour}',
        Virginia: '{eggs, flour}',
        Tokyo: '{eggs, flour}',
      });
      await expectValues(canvasElement, 'likes', { Frankfurt: '2', Virginia: '2', Tokyo: '2' });
      await expectConvergence(canvasElement, 'cart', 'converged');
      await expectLostWrites(canvasElement, 0);
    });
    await step('The same history under last write wins loses Tokyo’s offline work', async () => {
      actions.setStrategy({ kind: 'lww' });
      await expectValues(canvasElement, 'likes', { Frankfurt: '1', Virginia: '1', Tokyo: '1' });
      await expectValues(canvasElement, 'cart', { Frankfurt: '{flour}', Virginia: '{flour}', Tokyo: '{flour}' });
      await expectLostWrites(canvasElement, 2);
    });
    await step('And back to CRDTs', async () => {
      actions.setStrategy({ kind: 'crdt', set: args.crdtSet, register: args.crdtRegister });
      await expectValues(canvasElement, 'likes', { Frankfurt: '2', Virginia: '2', Tokyo: '2' });
    });
  },
};
