import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, SimulationError, type SimulationConfig } from '../../src/model';
import { applyEdit, type Edit, type Prim, transform } from '../../src/strategies/ot/textOps';
import { eventsOf, values } from '../model/fixtures';

/** Both orders of applying two concurrent edits; they must meet (TP1). */
function bothWays(doc: string, a: Edit, b: Edit, aFirst = true) {
  const [a2, b2] = transform(a, b, aFirst);
  return [applyEdit(applyEdit(doc, a), b2), applyEdit(applyEdit(doc, b), a2)];
}

// semantics.md, operational transformation (ot.js; ottypes/text).
describe('text transforms', () => {
  it('two inserts at the same place: both orders give "aXYbc" (A wins the left slot)', () => {
    const r = bothWays('abc', [{ type: 'insert', index: 1, text: 'X' }], [{ type: 'insert', index: 1, text: 'Y' }]);
    expect(r).toEqual(['aXYbc', 'aXYbc']);
  });

  it('an insert inside a concurrently deleted range survives: "aX"', () => {
    const r = bothWays('abc', [{ type: 'insert', index: 2, text: 'X' }], [{ type: 'delete', index: 1, length: 2 }]);
    expect(r).toEqual(['aX', 'aX']);
  });

  it('overlapping deletes are not applied twice: "" both ways', () => {
    const r = bothWays('abc', [{ type: 'delete', index: 0, length: 2 }], [{ type: 'delete', index: 1, length: 2 }]);
    expect(r).toEqual(['', '']);
  });

  const editArb = (doc: string): fc.Arbitrary<Prim[]> =>
    fc
      .array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.constantFrom('x', 'yz', 'Q')), {
        minLength: 1,
        maxLength: 3,
      })
      .map((steps) => {
        let text = doc;
        const edit: Prim[] = [];
        for (const [insert, i, n, s] of steps) {
          const p: Prim =
            insert || text.length === 0
              ? { type: 'insert', index: i % (text.length + 1), text: s }
              : { type: 'delete', index: i % text.length, length: 1 + (n % (text.length - (i % text.length))) };
          text = applyEdit(text, [p]);
          edit.push(p);
        }
        return edit;
      });

  it('satisfies TP1 on random edits of random texts', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 8 })
          .chain((doc) => fc.tuple(fc.constant(doc), editArb(doc), editArb(doc), fc.boolean())),
        ([doc, a, b, aFirst]) => {
          const [one, two] = bothWays(doc, a, b, aFirst);
          expect(one).toBe(two);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

const star = (extra: Partial<SimulationConfig> = {}) =>
  createSimulation(
    {
      seed: 3,
      nodes: [{ id: 'hub', label: 'Server' }, { id: 'ann' }, { id: 'bob' }],
      topology: { kind: 'star', hub: 'hub' },
      latencyMs: { base: 60, jitter: 30 },
      keys: { notes: 'text', title: 'register' },
      strategy: { kind: 'ot' },
      ...extra,
    },
    { verifyReplay: true },
  );

describe('operational transformation through a hub', () => {
  it('two editors typing at the same place converge, each word kept whole', () => {
    const s = star();
    s.write('ann', 'notes', { type: 'insert', index: 0, text: 'abc' });
    s.runUntilQuiescent();
    s.write('ann', 'notes', { type: 'insert', index: 1, text: 'X' });
    s.write('bob', 'notes', { type: 'insert', index: 1, text: 'Y' });
    s.runUntilQuiescent();
    const v = values(s, 'notes');
    expect(new Set(Object.values(v)).size).toBe(1);
    expect(['aXYbc', 'aYXbc']).toContain(v.hub);
    expect(eventsOf(s.history(), 'conflict').some((c) => /transformed past/.test(c.explanation))).toBe(true);
  });

  it('keeps an insert made inside a range another editor deleted', () => {
    const s = star();
    s.write('ann', 'notes', { type: 'insert', index: 0, text: 'abc' });
    s.runUntilQuiescent();
    s.write('ann', 'notes', { type: 'insert', index: 2, text: 'X' });
    s.write('bob', 'notes', { type: 'delete', index: 1, length: 2 });
    s.runUntilQuiescent();
    expect(values(s, 'notes')).toEqual({ hub: 'aX', ann: 'aX', bob: 'aX' });
  });

  it('converges after partitions, crashes and many concurrent edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('hub', 'ann', 'bob'), fc.nat(), fc.boolean(), fc.nat(60), fc.nat(9)), {
          maxLength: 25,
        }),
        (steps) => {
          const s = star();
          for (const [node, pos, insert, wait, chaos] of steps) {
            const text = s.read(node, 'notes').value as string;
            if (chaos === 0 && node !== 'hub') {
              const link = s.snapshot().links.find((l) => l.a === node || l.b === node);
              if (link?.status === 'up') s.cutLink(link.a, link.b);
              else if (link) s.healLink(link.a, link.b);
            } else if (insert || text.length === 0) {
              s.write(node, 'notes', { type: 'insert', index: pos % (text.length + 1), text: node.slice(0, 1) });
            } else {
              s.write(node, 'notes', { type: 'delete', index: pos % text.length, length: 1 });
            }
            s.advance(wait);
          }
          for (const l of s.snapshot().links) if (l.status === 'cut') s.healLink(l.a, l.b);
          s.runUntilQuiescent();
          const v = values(s, 'notes');
          expect(v.ann).toBe(v.hub);
          expect(v.bob).toBe(v.hub);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });

  it('works between two leaders with no hub: the lower id orders', () => {
    const s = createSimulation({
      nodes: [{ id: 'a' }, { id: 'b' }],
      keys: { notes: 'text' },
      strategy: { kind: 'ot' },
    });
    s.write('a', 'notes', { type: 'insert', index: 0, text: 'left' });
    s.write('b', 'notes', { type: 'insert', index: 0, text: 'right' });
    s.runUntilQuiescent();
    expect(values(s, 'notes')).toEqual({ a: 'leftright', b: 'leftright' });
  });

  it('lets other keys fall back to the stated strategy', () => {
    const s = star({ strategy: { kind: 'ot', fallback: 'lww' } });
    expect(s.snapshot().strategy).toEqual({ kind: 'ot', fallback: 'lww' });
    s.write('ann', 'title', { type: 'set', value: 'x' });
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ hub: 'x', ann: 'x', bob: 'x' });
  });

  it('refuses three or more leaders without a central server, and says why', () => {
    const config = {
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      keys: { notes: 'text' as const },
    };
    expect(() => createSimulation({ ...config, strategy: { kind: 'ot' } })).toThrow(/needs a central server.*TP2/);
    const s = createSimulation({ ...config, topology: { kind: 'ring' } });
    s.write('a', 'notes', { type: 'insert', index: 0, text: 'x' });
    const before = JSON.stringify(s.snapshot());
    expect(() => {
      s.setStrategy({ kind: 'ot' });
    }).toThrow(SimulationError);
    expect(JSON.stringify(s.snapshot())).toBe(before);
  });
});
