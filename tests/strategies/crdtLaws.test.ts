import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WriteOp } from '../../src/model';
import { pnCounter } from '../../src/strategies/crdt/counter';
import { lwwElementSet, orSet, twoPhaseSet } from '../../src/strategies/crdt/sets';
import { fugueText } from '../../src/strategies/crdt/text';
import type { Crdt } from '../../src/strategies/crdt/types';

/**
 * The CRDT laws on states reached by random histories: three replicas apply random local
 * operations and merge from each other at random. Merge must be commutative, associative
 * and idempotent; replicas that saw the same updates, in any order, must be equal.
 */
type Step = { replica: number; kind: 'op' | 'merge'; from: number; a: number; b: number; item: number };
const stepArb: fc.Arbitrary<Step> = fc.record({
  replica: fc.nat(2),
  kind: fc.constantFrom('op' as const, 'op' as const, 'merge' as const),
  from: fc.nat(2),
  a: fc.integer({ min: -3, max: 6 }),
  b: fc.nat(6),
  item: fc.nat(3),
});

function opFor<S>(crdt: Crdt<S>, state: S, step: Step): WriteOp {
  const item = ['milk', 'eggs', 'tea', 'jam'][step.item] as string;
  if (crdt === (pnCounter as Crdt<unknown>)) return { type: 'increment', by: step.a === 0 ? 1 : step.a };
  if (crdt === (fugueText as Crdt<unknown>)) {
    const text = crdt.value(state) as string;
    if (step.a < 0 && text.length > 0) return { type: 'delete', index: step.b % text.length, length: 1 };
    return { type: 'insert', index: step.b % (text.length + 1), text: item.slice(0, 1 + (step.item % 2)) };
  }
  return step.a < 0 ? { type: 'remove', item } : { type: 'add', item };
}

/** Run a random history; return every state any replica passed through. */
function reachable<S>(crdt: Crdt<S>, steps: Step[]): S[] {
  const nodes = ['a', 'b', 'c'];
  const replicas = nodes.map(() => crdt.init());
  const seen: S[] = [...replicas];
  let clock = 0;
  for (const step of steps) {
    clock += 1;
    const r = replicas[step.replica] as S;
    if (step.kind === 'merge') {
      replicas[step.replica] = crdt.merge(r, replicas[step.from] as S);
    } else {
      const node = nodes[step.replica] as string;
      const write = {
        writeId: `${node}:${String(clock)}`,
        origin: node,
        seq: clock,
        stamp: { physical: Math.floor(clock / 3), hlc: { l: clock, c: 0 } },
        vv: {},
        writtenAt: clock,
      };
      replicas[step.replica] = crdt.update(r, opFor(crdt, r, step), write).state;
    }
    seen.push(replicas[step.replica] as S);
  }
  return seen;
}

const crdts: [string, Crdt<unknown>][] = [
  ['PN-counter', pnCounter],
  ['OR-set', orSet],
  ['LWW-element-set (add-biased)', lwwElementSet('add')],
  ['LWW-element-set (remove-biased)', lwwElementSet('remove')],
  ['2P-set', twoPhaseSet],
  ['FugueMax text', fugueText],
];

const runs = { numRuns: Number(process.env.FC_RUNS ?? 80) };
const same = (x: unknown, y: unknown) => {
  expect(JSON.stringify(x)).toBe(JSON.stringify(y));
};

describe.each(crdts)('%s', (_name, crdt) => {
  const pick = (states: unknown[], i: number) => states[i % states.length];
  const triple = fc.tuple(fc.array(stepArb, { maxLength: 30 }), fc.nat(), fc.nat(), fc.nat());

  it('merge is commutative', () => {
    fc.assert(
      fc.property(triple, ([steps, i, j]) => {
        const s = reachable(crdt, steps);
        same(crdt.merge(pick(s, i), pick(s, j)), crdt.merge(pick(s, j), pick(s, i)));
      }),
      runs,
    );
  });

  it('merge is associative', () => {
    fc.assert(
      fc.property(triple, ([steps, i, j, k]) => {
        const s = reachable(crdt, steps);
        const [x, y, z] = [pick(s, i), pick(s, j), pick(s, k)];
        same(crdt.merge(crdt.merge(x, y), z), crdt.merge(x, crdt.merge(y, z)));
      }),
      runs,
    );
  });

  it('merge is idempotent', () => {
    fc.assert(
      fc.property(triple, ([steps, i]) => {
        const s = reachable(crdt, steps);
        same(crdt.merge(pick(s, i), pick(s, i)), pick(s, i));
      }),
      runs,
    );
  });

  it('replicas that received the same updates in any order are equal', () => {
    fc.assert(
      fc.property(triple, fc.array(fc.nat(), { minLength: 3, maxLength: 8 }), ([steps], order) => {
        const s = reachable(crdt, steps);
        const sources = order.map((n) => pick(s, n));
        const forward = sources.reduce((acc, x) => crdt.merge(acc, x), crdt.init());
        const backward = [...sources].reverse().reduce((acc, x) => crdt.merge(acc, x), crdt.init());
        same(forward, backward);
        expect(crdt.value(forward)).toEqual(crdt.value(backward));
      }),
      runs,
    );
  });
});
