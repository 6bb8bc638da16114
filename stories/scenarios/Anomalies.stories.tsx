import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { presetArgs, scenarioOf } from '../support/config';
import { labArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { LabRow, type LabRowArgs, type LabVariant, variantArgs } from '../support/LabRow';
import {
  conflictText,
  converged,
  eventsOf,
  everywhere,
  expectValues,
  labActions,
  playScenario,
  rowActions,
  settle,
} from '../support/play';

/**
 * What goes wrong beyond write conflicts: writes arriving out of causal order,
 * auto-increment keys colliding on two leaders, and an update racing a delete on one row.
 */
const meta = {
  title: 'Scenarios/Anomalies',
  component: ScenarioLab,
  // The Frankfurt–Tokyo link is slow: Virginia's reply overtakes Frankfurt's question to Tokyo.
  args: labArgs('causal-anomaly'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Virginia answers 1.1 s in; 0.6 s later Tokyo has the answer, but the question is still on the slow link. */
const BEFORE_THE_QUESTION_ARRIVES = 1700;

/** All-to-all with uneven links: the answer reaches Tokyo before the question it answers. */
export const WriteOvertakesItsCause: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { until: BEFORE_THE_QUESTION_ARRIVES });
    await step('Tokyo shows an answer to a question it has not seen', async () => {
      await expectValues(actions, 'question', { ap: null });
      await expectValues(actions, 'answer', { ap: '4' });
      await expect(eventsOf(actions, 'anomaly')).toContainEqual(
        expect.objectContaining({ node: 'ap', writeId: 'us:1', missing: ['eu:1'] }),
      );
    });
    await playScenario(actions, step, scenario);
    await step('In the end the question arrives too', async () => {
      await expectValues(actions, 'question', { ap: 'What is 2+2?' });
    });
  },
};

/** The same, with causal delivery: Tokyo holds the answer back until the question arrives. */
export const CausalDeliveryFixesIt: Story = {
  args: presetArgs('causal-delivery'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { until: BEFORE_THE_QUESTION_ARRIVES });
    await step('Tokyo holds the answer back: its version vector says it depends on eu:1', async () => {
      await expectValues(actions, 'answer', { ap: null });
      await expect(eventsOf(actions, 'buffer')).toContainEqual(
        expect.objectContaining({ node: 'ap', writeId: 'us:1', waitingFor: ['eu:1'] }),
      );
      await expect(converged(actions, 'answer')).toBe(false);
    });
    await playScenario(actions, step, scenario);
    await step('The question arrives, then the answer is applied; no anomaly', async () => {
      await expectValues(actions, 'question', { ap: 'What is 2+2?' });
      await expectValues(actions, 'answer', { ap: '4' });
      await expect(eventsOf(actions, 'anomaly')).toEqual([]);
    });
  },
};

/** Plain auto-increment: both leaders hand out id 1, and each refuses the other's row. */
export const AutoIncrementCollision: Story = {
  args: presetArgs('auto-increment-collision'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Duplicate key: the tables differ for good', async () => {
      await expectValues(actions, 'orders', {
        eu: [{ id: 1, value: 'eu order' }],
        us: [{ id: 1, value: 'us order' }],
      });
      await expect(conflictText(actions)).toMatch(/Duplicate entry '1' for key 'PRIMARY'/);
      await expect(converged(actions, 'orders')).toBe(false);
    });
  },
};

/** auto_increment_increment = 2 with offsets 1 and 2: odd ids in Frankfurt, even in Virginia. */
export const AutoIncrementOffsetAndStep: Story = {
  args: presetArgs('auto-increment-offsets'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The ids never collide, and both tables hold both orders', async () => {
      await expectValues(
        actions,
        'orders',
        everywhere(actions, [
          { id: 1, value: 'eu order' },
          { id: 2, value: 'us order' },
        ]),
      );
      await expect(eventsOf(actions, 'conflict')).toEqual([]);
      await expect(converged(actions, 'orders')).toBe(true);
    });
  },
};

/**
 * Frankfurt ships order 1 while Virginia deletes it 100 ms later, concurrently. As pgEdge Spock
 * resolves it: the update finds no row in Virginia (update_missing, logged as an error and
 * skipped), the later delete is applied in Frankfurt; the row is gone everywhere and the update
 * is lost.
 */
export const UpdateRacesADelete: Story = {
  args: presetArgs('row-update-delete'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Both leaders report an update–delete conflict and agree the row is gone', async () => {
      await expectValues(actions, 'orders', everywhere(actions, []));
      await expect(eventsOf(actions, 'conflict').map((c) => c.kind)).toEqual(['update-delete', 'update-delete']);
      await expect(conflictText(actions)).toMatch(/update_missing/);
      await expect(converged(actions, 'orders')).toBe(true);
    });
  },
};

/**
 * Virginia deletes order 1 while Frankfurt ships it 100 ms later, concurrently. The update carries
 * the later commit timestamp: Frankfurt skips the delete (delete_exists: spock_apply_heap_delete
 * asks try_resolve_conflict), Virginia skips the update (update_missing). The leaders differ for good.
 */
export const UpdateRacesAnEarlierDelete: Story = {
  args: presetArgs('row-update-delete-diverge'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Frankfurt keeps the shipped order, Virginia has none; the leaders differ', async () => {
      await expectValues(actions, 'orders', { eu: [{ id: 1, value: 'shipped' }], us: [] });
      await expect(eventsOf(actions, 'conflict').map((c) => c.kind)).toEqual(['update-delete', 'update-delete']);
      await expect(conflictText(actions)).toMatch(/delete_exists/);
      await expect(converged(actions, 'orders')).toBe(false);
    });
  },
};

/**
 * Frankfurt's clock runs 2 s behind. Virginia inserts order 1 and marks it paid; Frankfurt, having
 * seen "paid", ships it, but its update carries the earlier timestamp. pgEdge Spock compares
 * commit timestamps for every update of a row (try_resolve_conflict), causal order or not:
 * Virginia keeps "paid", Frankfurt keeps "shipped", and the leaders differ for good.
 */
export const RowUpdateLosesToASlowClock: Story = {
  args: presetArgs('row-update-skew'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Virginia skips the later update; the leaders differ', async () => {
      await expectValues(actions, 'orders', {
        eu: [{ id: 1, value: 'shipped' }],
        us: [{ id: 1, value: 'paid' }],
      });
      await expect(eventsOf(actions, 'conflict').map((c) => c.kind)).toEqual(['update-update']);
      await expect(conflictText(actions)).toMatch(/clock is behind/);
      await expect(converged(actions, 'orders')).toBe(false);
    });
  },
};

const modes: readonly LabVariant[] = [
  { title: 'Single leader (Frankfurt)', preset: 'single-leader' },
  { title: 'Multi-leader', preset: 'multi-leader' },
];

/**
 * The same writes on a single-leader cluster (Frankfurt leads) and a multi-leader one: Tokyo
 * waits a round trip for each write on the first, and nothing at all on the second; with
 * Frankfurt down, the first refuses writes and the second goes on.
 */
export const SingleLeaderVersusMultiLeader: StoryObj<LabRowArgs> = {
  args: { ...presetArgs('single-leader'), onReadyAt: fn() },
  render: (args) => <LabRow {...args} variants={modes} />,
  play: async ({ args, step }) => {
    const [single, multi] = await rowActions(args.onReadyAt, 2);
    if (!single || !multi) throw new Error('two labs expected');
    for (const [i, lab] of [single, multi].entries()) {
      const variant = modes[i];
      if (!variant) throw new Error('no variant');
      await step(`${variant.title}: Tokyo writes, then Frankfurt fails`, async () => {
        await playScenario(lab, step, scenarioOf(variantArgs(args, variant)));
      });
    }
    await step('Single leader: acknowledged after a round trip to Frankfurt. Multi-leader: at once', async () => {
      await expect(eventsOf(single, 'ack').map((a) => a.latencyMs)).toEqual([2000]);
      await expect(eventsOf(multi, 'ack').map((a) => a.latencyMs)).toEqual([0, 0]);
    });
    await step('Multi-leader took Tokyo’s write during the outage', async () => {
      await expectValues(multi, 'title', { ap: 'during the outage', us: 'during the outage' });
    });
    await step('Single leader refuses the same write while Frankfurt is down', async () => {
      single.write('ap', 'title', { type: 'set', value: 'during the outage' });
      await settle(single);
      await expect(eventsOf(single, 'reject')).toContainEqual(
        expect.objectContaining({ node: 'ap', key: 'title', code: 'leader-unavailable' }),
      );
      await expectValues(single, 'title', { ap: 'from Tokyo' });
    });
  },
};
