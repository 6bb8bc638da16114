import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WriteOp } from '../../src/model';
import { fugueText, type TextDoc } from '../../src/strategies/crdt/text';
import type { Crdt } from '../../src/strategies/crdt/types';
import { quadraticFugueText } from './reference/fugueQuadratic';

/**
 * The linear text CRDT against the quadratic one it replaced (tests/strategies/reference):
 * three replicas run the same random history of inserts (runs of several characters),
 * deletes and merges in every direction under both, and every state must be the same, byte
 * for byte, at every step.
 */
type Step =
  | { kind: 'insert'; replica: number; at: number; text: string }
  | { kind: 'delete'; replica: number; at: number; length: number }
  | { kind: 'merge'; replica: number; from: number };

const replica = fc.nat(2);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    replica,
    at: fc.nat(40),
    text: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '😀'), minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), replica, at: fc.nat(40), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('merge' as const), replica, from: replica }),
  fc.record({ kind: fc.constant('merge' as const), replica, from: replica }),
);

/** Run `steps` on three replicas of `crdt`; return every state reached, in order. */
function play(crdt: Crdt<TextDoc>, steps: readonly Step[]): TextDoc[] {
  const nodes = ['a', 'b', 'c'];
  const replicas = nodes.map(() => crdt.init());
  const seen: TextDoc[] = [];
  steps.forEach((step, clock) => {
    const r = replicas[step.replica] as TextDoc;
    const node = nodes[step.replica] as string;
    const text = crdt.value(r) as string;
    let next: TextDoc;
    if (step.kind === 'merge') {
      next = crdt.merge(r, replicas[step.from] as TextDoc);
    } else {
      const op: WriteOp =
        step.kind === 'insert' || text.length === 0
          ? { type: 'insert', index: step.at % (text.length + 1), text: step.kind === 'insert' ? step.text : 'z' }
          : {
              type: 'delete',
              index: step.at % text.length,
              length: Math.min(step.length, text.length - (step.at % text.length)),
            };
      const write = {
        writeId: `${node}:${String(clock)}`,
        origin: node,
        seq: clock,
        stamp: { physical: clock, hlc: { l: clock, c: 0 } },
        vv: {},
        writtenAt: clock,
      };
      next = crdt.update(r, op, write).state;
    }
    replicas[step.replica] = next;
    seen.push(next);
  });
  // Finally every replica merges every other: the converged text.
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) replicas[i] = crdt.merge(replicas[i] as TextDoc, replicas[j] as TextDoc);
  return [...seen, ...replicas];
}

describe('the linear text CRDT', () => {
  it('reaches the same states as the quadratic one on random histories', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const fast = play(fugueText, steps);
        const reference = play(quadraticFugueText, steps);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
        expect(fast.map((s) => fugueText.value(s))).toEqual(reference.map((s) => quadraticFugueText.value(s)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('merges a long run typed while another replica typed concurrently, as the reference does', () => {
    const write = (origin: string, seq: number) => ({
      writeId: `${origin}:${String(seq)}`,
      origin,
      seq,
      stamp: { physical: seq, hlc: { l: seq, c: 0 } },
      vv: {},
      writtenAt: seq,
    });
    const run = (crdt: Crdt<TextDoc>) => {
      const base = crdt.update(crdt.init(), { type: 'insert', index: 0, text: 'hello world' }, write('a', 1)).state;
      const long = crdt.update(base, { type: 'insert', index: 5, text: 'x'.repeat(300) }, write('a', 2)).state;
      let other = crdt.update(base, { type: 'delete', index: 0, length: 2 }, write('b', 1)).state;
      other = crdt.update(other, { type: 'insert', index: 3, text: 'YZ' }, write('b', 2)).state;
      return [crdt.merge(long, other), crdt.merge(other, long)];
    };
    const fast = run(fugueText);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(run(quadraticFugueText)));
    // Same anchors ('o' and ' '): the lower agent id's run goes first, whole.
    expect(fast.map((s) => fugueText.value(s))).toEqual([
      `llo${'x'.repeat(300)}YZ world`,
      `llo${'x'.repeat(300)}YZ world`,
    ]);
  });
});
