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
