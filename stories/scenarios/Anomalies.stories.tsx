import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import type { LabActions } from '../../src/store/labStore';
import { defaultLabArgs, labArgTypes, renderLab, ScenarioLab } from '../support/lab';
import { LabRow, type LabRowArgs } from '../support/LabRow';
import {
  expectConvergence,
  expectValues,
  labActions,
  labSection,
  logEntries,
  rowActions,
  settle,
  wait,
} from '../support/play';
import { set, type Step } from '../support/scenes';

/**
 * What goes wrong beyond write conflicts: writes arriving out of causal order, and
 * auto-increment keys colliding on two leaders.
 */
const meta = {
  title: 'Scenarios/Anomalies',
  component: ScenarioLab,
  args: {
    ...defaultLabArgs,
    keys: { question: 'register', answer: 'register' },
    // The Frankfurt–Tokyo link is slow: Virginia's reply overtakes Frankfurt's question to Tokyo.
    latencyMs: 1000,
    jitterMs: 0,
    linkLatencyMs: { 'eu-ap': 5000, 'us-ap': 500 },
  },
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

async function askAndAnswer(actions: LabActions, step: Step) {
  await step('Frankfurt asks a question; the slow link to Tokyo takes 5 s', () => {
    actions.write('eu', 'question', set('What is 2+2?'));
    wait(actions, 1100);
  });
  await step('Virginia has the question after 1 s and answers it', () => {
    actions.write('us', 'answer', set('4'));
    wait(actions, 600);
  });
}

/** All-to-all with uneven links: the answer reaches Tokyo before the question it answers. */
export const WriteOvertakesItsCause: Story = {
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await askAndAnswer(actions, step);
    await step('Tokyo shows an answer to a question it has not seen', async () => {
      await expectValues(canvasElement, 'question', { Tokyo: '∅' });
      await expectValues(canvasElement, 'answer', { Tokyo: '"4"' });
      await expect(logEntries(canvasElement, 'anomaly').join('\n')).toMatch(/before eu:1, which it depends on/);
    });
    await step('In the end the question arrives too', async () => {
      await settle(actions);
      await expectValues(canvasElement, 'question', { Tokyo: '"What is 2+2?"' });
    });
  },
};

/** The same, with causal delivery: Tokyo holds the answer back until the question arrives. */
export const CausalDeliveryFixesIt: Story = {
  args: { causalDelivery: true },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await askAndAnswer(actions, step);
    await step('Tokyo holds the answer back: its version vector says it depends on eu:1', async () => {
      await expectValues(canvasElement, 'answer', { Tokyo: '∅' });
      await expect(logEntries(canvasElement, 'buffer').join('\n')).toMatch(/held us:1 back until eu:1 arrive/);
      await expectConvergence(canvasElement, 'answer', 'diverged');
    });
    await step('The question arrives, then the answer is applied; no anomaly', async () => {
      await settle(actions);
      await expectValues(canvasElement, 'question', { Tokyo: '"What is 2+2?"' });
      await expectValues(canvasElement, 'answer', { Tokyo: '"4"' });
      await expect(logEntries(canvasElement, 'anomaly')).toEqual([]);
    });
  },
};

async function twoOrders(actions: LabActions, step: Step) {
  await step('Frankfurt and Virginia each insert an order at the same moment', async () => {
    actions.write('eu', 'orders', { type: 'insertRow', value: 'eu order' });
    actions.write('us', 'orders', { type: 'insertRow', value: 'us order' });
    await settle(actions);
  });
}

/** Plain auto-increment: both leaders hand out id 1, and each refuses the other's row. */
export const AutoIncrementCollision: Story = {
  args: { leaders: 2, keys: { orders: 'table' }, linkLatencyMs: {} },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await twoOrders(actions, step);
    await step('Duplicate key: the tables differ for good', async () => {
      await expectValues(canvasElement, 'orders', {
        Frankfurt: '[1: "eu order"]',
        Virginia: '[1: "us order"]',
      });
      await expect(logEntries(canvasElement, 'conflict').join('\n')).toMatch(/Duplicate entry '1' for key 'PRIMARY'/);
      await expectConvergence(canvasElement, 'orders', 'diverged');
    });
  },
};

/** auto_increment_increment = 2 with offsets 1 and 2: odd ids in Frankfurt, even in Virginia. */
export const AutoIncrementOffsetAndStep: Story = {
  args: { leaders: 2, keys: { orders: 'table' }, linkLatencyMs: {}, autoIncrementOffsets: true },
  play: async ({ args, canvasElement, step }) => {
    const actions = await labActions(args.onReady);
    await twoOrders(actions, step);
    await step('The ids never collide, and both tables hold both orders', async () => {
      await expectValues(canvasElement, 'orders', {
        Frankfurt: '[1: "eu order", 2: "us order"]',
        Virginia: '[1: "eu order", 2: "us order"]',
      });
      await expect(logEntries(canvasElement, 'conflict')).toEqual([]);
      await expectConvergence(canvasElement, 'orders', 'converged');
    });
  },
};

/**
 * The same writes on a single-leader cluster (Frankfurt leads) and a multi-leader one: Tokyo
 * waits a round trip for each write on the first, and nothing at all on the second; with
 * Frankfurt down, the first refuses writes and the second goes on.
 */
export const SingleLeaderVersusMultiLeader: StoryObj<LabRowArgs> = {
  args: { keys: { title: 'register' }, linkLatencyMs: {}, onReadyAt: fn() },
  render: (args) => (
    <LabRow
      {...args}
      variants={[
        { title: 'Single leader (Frankfurt)', patch: { mode: 'single-leader' } },
        { title: 'Multi-leader', patch: { mode: 'multi-leader' } },
      ]}
    />
  ),
  play: async ({ args, canvasElement, step }) => {
    const [single, multi] = await rowActions(args.onReadyAt, 2);
    if (!single || !multi) throw new Error('two labs expected');
    const singleLab = labSection(canvasElement, 'Single leader (Frankfurt)');
    const multiLab = labSection(canvasElement, 'Multi-leader');
    await step('A client in Tokyo writes on both clusters', async () => {
      for (const lab of [single, multi]) lab.write('ap', 'title', set('from Tokyo'));
      await Promise.all([settle(single), settle(multi)]);
    });
    await step('Single leader: acknowledged after a round trip to Frankfurt. Multi-leader: at once', async () => {
      await expect(logEntries(singleLab, 'ack').join('\n')).toMatch(/acknowledged \S+ after 2000 ms/);
      await expect(logEntries(multiLab, 'ack').join('\n')).toMatch(/acknowledged \S+ after 0 ms/);
    });
    await step('Frankfurt fails; Tokyo writes again', async () => {
      for (const lab of [single, multi]) {
        lab.toggleCrash('eu');
        lab.write('ap', 'title', set('during the outage'));
      }
      await Promise.all([settle(single), settle(multi)]);
    });
    await step('Single leader refuses the write; multi-leader takes it', async () => {
      await expect(logEntries(singleLab, 'reject').join('\n')).toMatch(/refused a write to title/);
      await expectValues(multiLab, 'title', { Tokyo: '"during the outage"', Virginia: '"during the outage"' });
      await expectValues(singleLab, 'title', { Tokyo: '"from Tokyo"' });
    });
  },
};
