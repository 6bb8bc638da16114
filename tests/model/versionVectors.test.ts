import { describe, expect, it } from 'vitest';
import { descends, formatVv, mergeVersionVectors, relation } from '../../src/model';
import { increment } from '../../src/core/vv';

// Worked examples from shared/docs/semantics.md, "Version vectors and siblings" (riak_core vclock).
describe('version vectors', () => {
  it('treats [a:1] and [b:1] as concurrent: neither descends the other', () => {
    expect(descends({ a: 1 }, { b: 1 })).toBe(false);
    expect(descends({ b: 1 }, { a: 1 })).toBe(false);
    expect(relation({ a: 1 }, { b: 1 })).toBe('concurrent');
  });

  it('merges then increments at c to [a:1, b:1, c:1], which descends both', () => {
    const merged = increment(mergeVersionVectors({ a: 1 }, { b: 1 }), 'c');
    expect(merged).toEqual({ a: 1, b: 1, c: 1 });
    expect(descends(merged, { a: 1 })).toBe(true);
    expect(descends(merged, { b: 1 })).toBe(true);
    expect(relation(merged, { a: 1 })).toBe('after');
    expect(relation({ a: 1 }, merged)).toBe('before');
  });

  it('counts a missing entry as zero', () => {
    expect(relation({ a: 1, b: 0 }, { a: 1 })).toBe('equal');
    expect(descends({}, {})).toBe(true);
  });

  it('formats stably for the event log', () => {
    expect(formatVv({ us: 1, eu: 2, ap: 0 })).toBe('[eu:2, us:1]');
  });
});
