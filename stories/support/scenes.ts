import type { NodeId, WriteOp } from '../../src/model';
import type { LabActions } from '../../src/store/labStore';
import { settle, wait } from './play';

/** Storybook's `step`, which names each part of a play function in the Interactions panel. */
export type Step = (label: string, play: () => Promise<void> | void) => Promise<void> | void;

export const set = (value: string): WriteOp => ({ type: 'set', value });

/**
 * The classic conflict: cut the link between two leaders, write the same key on each side
 * (`gapMs` of virtual time apart), heal, and let replication catch up.
 */
export async function partitionedWrites(
  actions: LabActions,
  step: Step,
  key: string,
  first: readonly [NodeId, WriteOp],
  second: readonly [NodeId, WriteOp],
  gapMs = 2000,
): Promise<void> {
  const [a, b] = [first[0], second[0]];
  await step(`Cut the link ${a}–${b}`, () => {
    actions.toggleLink(a, b);
  });
  await step(`Write ${key} at ${a}`, () => {
    actions.write(a, key, first[1]);
  });
  await step(`${gapMs === 0 ? 'At the same moment' : `${String(gapMs / 1000)} s later`}, write ${key} at ${b}`, () => {
    wait(actions, gapMs);
    actions.write(b, key, second[1]);
  });
  await step(`Heal the link ${a}–${b} and let replication catch up`, async () => {
    wait(actions, 100);
    actions.toggleLink(a, b);
    await settle(actions);
  });
}

/** Every pair of the three datacenters most demos use (all-to-all's links). */
export const THREE_PAIRS = [
  ['eu', 'us'],
  ['eu', 'ap'],
  ['us', 'ap'],
] as const;

/** Frankfurt adds milk to the cart and replication brings it to every leader. */
export async function milkEverywhere(actions: LabActions, step: Step): Promise<void> {
  await step('Frankfurt puts milk in the cart, and every leader has it', async () => {
    actions.write('eu', 'cart', { type: 'add', item: 'milk' });
    await settle(actions);
  });
}

/** Frankfurt (its clock fast) writes a draft that reaches everyone; then Virginia, having read it, writes the final title. */
export async function draftThenFinal(actions: LabActions, step: Step): Promise<void> {
  await step('Frankfurt (clock 5 s fast) writes a draft, and it reaches everyone', async () => {
    actions.write('eu', 'title', set('draft'));
    await settle(actions);
  });
  await step('Virginia, having read the draft, writes the final title', async () => {
    actions.write('us', 'title', set('final'));
    await settle(actions);
  });
}
