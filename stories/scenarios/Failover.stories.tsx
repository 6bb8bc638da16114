import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { presetArgs, scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { eventsOf, expectValues, labActions, lostWrites, playScenario, valuesOf } from '../support/play';

/**
 * Losing a leader. Single-leader failover (MySQL, PostgreSQL streaming replication with a
 * failover manager): once the leader has been down for `failover.afterMs`, a follower is
 * promoted, and what the old leader acknowledged but never shipped is gone; it returns as a
 * follower, rewound (pg_rewind). A datacenter lost for good (fire, region loss) is not a crash:
 * what only it had applied never comes back, in a multi-leader cluster as much as a single-leader one.
 */
const meta = {
  title: 'Scenarios/Failover',
  component: ScenarioLab,
  args: labArgs('single-leader-failover'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Frankfurt acknowledges v2, crashes before shipping it, and a follower is promoted 2 s later: v2 is lost. */
export const FailoverLosesAnAcknowledgedWrite: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'write' });
    await playScenario(actions, step, scenario, { until: 1600 });
    await step('Frankfurt acknowledged v2 at once; no follower has it yet', async () => {
      await expect(eventsOf(actions, 'ack').map((a) => a.writeId)).toEqual(['eu:1', 'eu:2']);
      await expectValues(actions, 'title', { eu: 'v2 (acknowledged)', us: 'v1', ap: 'v1' });
    });
    await playScenario(actions, step, scenario, { before: 'recover' });
    await step('2 s after the crash a follower was promoted, and v2 is named lost', async () => {
      const [failover] = eventsOf(actions, 'failover');
      await expect(failover).toMatchObject({ from: 'eu', to: 'ap' });
      await expect(actions.snapshot().leader).toBe('ap');
      await expect(eventsOf(actions, 'lost')).toEqual([expect.objectContaining({ writeIds: ['eu:2'] })]);
      // The lab's count names the failover's loss.
      const log = within(canvasElement).getByRole('region', { name: /^Event log/ });
      await waitFor(() =>
        expect(within(log).getByText(/^Lost writes:/).textContent).toBe(
          'Lost writes: 1 (1 gone with a leader: failover or a lost datacenter)',
        ),
      );
    });
    await playScenario(actions, step, scenario);
    await step('Frankfurt is back as a follower, rewound: v2 is nowhere', async () => {
      await expectValues(actions, 'title', { eu: 'v3 on the new leader', us: 'v3 on the new leader' });
      await expect(lostWrites(actions)).toEqual(['eu:2']);
    });
  },
};

/** Tokyo is destroyed half a second after taking an order for rice: the write never left, and never comes back. */
export const ADatacenterLostForGood: Story = {
  args: presetArgs('datacenter-lost'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'destroy' });
    await step('Tokyo holds rice; the others have only tea so far', async () => {
      await expectValues(actions, 'cart', { eu: ['tea'], us: ['tea'], ap: ['rice', 'tea'] });
    });
    await playScenario(actions, step, scenario);
    await step('Tokyo is gone for good, and rice with it', async () => {
      await expect(actions.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('destroyed');
      await expect(eventsOf(actions, 'lost')).toEqual([expect.objectContaining({ node: 'ap', writeIds: ['ap:2'] })]);
      await expectValues(actions, 'cart', { eu: ['tea'], us: ['tea'] });
      await expect(lostWrites(actions)).toEqual(['ap:2']);
    });
  },
};

/** The learner's way: select Virginia, lose it for good (asked twice), then bring the run back with Undo. */
export const LoseADatacenterThenUndo: Story = {
  args: presetArgs('datacenter-lost'),
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    const ui = within(canvasElement);
    await playScenario(actions, step, scenarioOf(args), { before: 'destroy' });
    await step('Select Virginia and ask to lose it', async () => {
      actions.selectLeader('us');
      await userEvent.click(await ui.findByRole('button', { name: 'Lose datacenter for good…' }));
      await expect(ui.getByRole('group', { name: /^Lose Virginia for good\?/ })).toBeTruthy();
    });
    await step('Confirm: Virginia is destroyed, and the notice offers Undo', async () => {
      await userEvent.click(ui.getByRole('button', { name: 'Lose Virginia' }));
      await expect(actions.snapshot().nodes.find((n) => n.id === 'us')?.status).toBe('destroyed');
      await expect(ui.getByText(/Virginia was lost for good/)).toBeTruthy();
    });
    await step('Undo brings back the run from before', async () => {
      await userEvent.click(ui.getByRole('button', { name: 'Undo' }));
      await waitFor(() => expect(actions.snapshot().nodes.find((n) => n.id === 'us')?.status).toBe('online'));
      await expect(valuesOf(actions, 'cart', ['us'])).toEqual({ us: ['tea'] });
    });
  },
};
