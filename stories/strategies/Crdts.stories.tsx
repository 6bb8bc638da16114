import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
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
  valuesOf,
} from '../support/play';

/**
 * CRDTs: data types whose replicas merge by a rule that is commutative, associative and
 * idempotent, so every replica that has seen the same writes has the same value, with no
 * coordination. Riak's data types, Redis Enterprise's active-active databases and Automerge and
 * Yjs for documents work this way.
 */
const meta = {
  title: 'Strategies/CRDTs',
  component: ScenarioLab,
  args: labArgs('crdt-counter'),
  argTypes: labArgTypes,
  render: renderLab,
} satisfies Meta<typeof ScenarioLab>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A likes counter on three partitioned leaders. The PN-counter adds every increment; the same
 * history under last write wins keeps one leader's count and loses the other two.
 */
export const LikesCounterComparedWithLww: Story = {
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The PN-counter counts all three likes, everywhere', async () => {
      await expectValues(actions, 'likes', everywhere(actions, 3));
      await expect(lostWrites(actions)).toEqual([]);
      await expect(converged(actions, 'likes')).toBe(true);
    });
    await step('Re-run the same history under last write wins: two likes are lost', async () => {
      actions.setStrategy({ kind: 'lww' });
      await expectValues(actions, 'likes', everywhere(actions, 1));
      await expect(lostWrites(actions)).toHaveLength(2);
    });
    await step('And back to the CRDT', async () => {
      actions.setStrategy({ kind: 'crdt', set: args.crdtSet, register: args.crdtRegister });
      await expectValues(actions, 'likes', everywhere(actions, 3));
    });
  },
};

/**
 * OR-set (add wins): Virginia removes the milk while Frankfurt, concurrently, adds it again. A
 * remove only removes the additions it saw, so the concurrent re-add survives.
 */
export const AddWinsCart: Story = {
  args: presetArgs('crdt-or-set'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The milk stays: the remove took away only what it had seen, and nothing is lost', async () => {
      await expectValues(actions, 'cart', everywhere(actions, ['milk']));
      await expect(converged(actions, 'cart')).toBe(true);
      await expect(conflictText(actions)).toMatch(/deleted only the tags it had seen[\s\S]*nothing is lost/);
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};

/** LWW-element-set: each item's latest add or remove timestamp decides, so the later remove wins. */
export const LwwElementSetCart: Story = {
  args: presetArgs('crdt-lww-element-set'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('The milk is gone: the remove carries the later timestamp, so the re-add is lost', async () => {
      await expectValues(actions, 'cart', everywhere(actions, []));
      await expect(converged(actions, 'cart')).toBe(true);
      await expect(lostWrites(actions)).toEqual(['eu:2']);
    });
  },
};

/** A multi-value register: two concurrent titles are both kept until someone writes over them. */
export const MultiValueRegister: Story = {
  args: presetArgs('crdt-mv-register'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Every leader keeps both titles; nothing is lost', async () => {
      for (const node of actions.snapshot().nodes) {
        const title = node.keys.title;
        await expect([title?.value, ...(title?.conflicts ?? [])].sort()).toEqual(['from Frankfurt', 'from Virginia']);
      }
      await expect(converged(actions, 'title')).toBe(true);
      await expect(lostWrites(actions)).toEqual([]);
    });
    await step('Frankfurt writes a title over both: it replaces them on every leader', async () => {
      actions.write('eu', 'title', { type: 'set', value: 'agreed' });
      actions.run((sim) => {
        sim.runUntilQuiescent();
      });
      await expectValues(actions, 'title', everywhere(actions, 'agreed'));
      for (const node of actions.snapshot().nodes) await expect(node.keys.title?.conflicts).toEqual([]);
      // Frankfurt's reader was shown both values: overwriting them supersedes them, no loss
      // (semantics.md, "What counts as a lost write").
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};

/** Two people type at the same place while partitioned; the text CRDT keeps both words whole. */
export const CollaborativeText: Story = {
  args: presetArgs('crdt-text'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    await playScenario(actions, step, scenarioOf(args));
    await step('Every leader shows the same text, with both words whole and nothing lost', async () => {
      const text = valuesOf(actions, 'doc').eu ?? null;
      await expect(text).toMatch(/^Hello( world there| there world)$/);
      await expectValues(actions, 'doc', everywhere(actions, text));
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};

/**
 * Two people each type three characters, each at the start of the text, while cut off: a
 * backwards run. RGA interleaves the two runs (3z2y1x); FugueMax keeps each run whole.
 */
export const TypingBackwards: Story = {
  args: presetArgs('crdt-text-backwards'),
  play: async ({ args, step }) => {
    const actions = await labActions(args.onReady);
    const scenario = scenarioOf(args);
    await playScenario(actions, step, scenario, { before: 'heal-link' });
    await step('Each side reads its own run backwards', async () => {
      await expectValues(actions, 'doc', { eu: '321', us: 'zyx' });
    });
    await playScenario(actions, step, scenario);
    await step('Healed: both runs stay whole, in the same order on both leaders', async () => {
      await expectValues(actions, 'doc', everywhere(actions, '321zyx'));
      await expect(lostWrites(actions)).toEqual([]);
    });
  },
};
