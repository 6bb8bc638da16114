import { describe, expect, it } from 'vitest';
import { compareHlc, hlcLocal, hlcReceive, physicalTime } from '../../src/model';
import { datacenters, eventsOf, sim } from './fixtures';

describe('physical clocks', () => {
  it('read virtual time plus skew plus drift, in whole milliseconds', () => {
    expect(physicalTime({ skewMs: 5000, driftPpm: 0 }, 1000)).toBe(6000);
    expect(physicalTime({ skewMs: 0, driftPpm: 200 }, 10_000)).toBe(10_002);
    expect(physicalTime({ skewMs: -300, driftPpm: 0 }, 1000.7)).toBe(700);
  });

  it('stamp each write with the leader’s own reading, skew and drift included', () => {
    const s = sim({
      nodes: datacenters({ us: { clockSkewMs: 5000 }, ap: { clockDriftPpm: 200 } }),
    });
    s.advance(10_000);
    s.write('eu', 'title', { type: 'set', value: 'a' });
    s.write('us', 'title', { type: 'set', value: 'b' });
    s.write('ap', 'title', { type: 'set', value: 'c' });
    const stamps = eventsOf(s.history(), 'write').map((e) => e.stamp.physical);
    expect(stamps).toEqual([10_000, 15_000, 10_002]);
    s.setClockSkew('us', -300);
    expect(s.snapshot().nodes.find((n) => n.id === 'us')?.clock.physical).toBe(9_700);
  });
});

// semantics.md, "Hybrid logical clocks": A has pt 10, B's clock is slow at pt 8.
describe('hybrid logical clocks (Kulkarni et al.)', () => {
  it('follows the worked example: (10,0) → receive (10,1) → write at pt 9 (10,2)', () => {
    const a = hlcLocal({ l: 0, c: 0 }, 10);
    expect(a).toEqual({ l: 10, c: 0 });
    const bReceived = hlcReceive({ l: 8, c: 0 }, a, 8);
    expect(bReceived).toEqual({ l: 10, c: 1 });
    const bWrite = hlcLocal(bReceived, 9);
    expect(bWrite).toEqual({ l: 10, c: 2 });
    expect(compareHlc(bWrite, a)).toBeGreaterThan(0);
  });

  it('takes the physical clock when it is ahead, and resets c', () => {
    expect(hlcLocal({ l: 10, c: 4 }, 12)).toEqual({ l: 12, c: 0 });
    expect(hlcReceive({ l: 10, c: 4 }, { l: 11, c: 7 }, 12)).toEqual({ l: 12, c: 0 });
    expect(hlcReceive({ l: 10, c: 4 }, { l: 10, c: 7 }, 3)).toEqual({ l: 10, c: 8 });
    expect(hlcReceive({ l: 10, c: 4 }, { l: 9, c: 7 }, 3)).toEqual({ l: 10, c: 5 });
  });

  it('gives the worked example’s exact stamps through the model: (10,0), then (10,1) on receipt, then (10,2)', () => {
    const s = sim({
      nodes: [
        { id: 'A', clockSkewMs: 10 },
        { id: 'B', clockSkewMs: 7 },
      ],
      latencyMs: 1,
      keys: { x: 'register' },
    });
    s.write('A', 'x', { type: 'set', value: 'a' });
    s.advance(2);
    expect(s.snapshot().nodes.find((n) => n.id === 'B')?.hlc).toEqual({ l: 10, c: 1 });
    s.write('B', 'x', { type: 'set', value: 'b' });
    expect(eventsOf(s.history(), 'write').map((e) => e.stamp.hlc)).toEqual([
      { l: 10, c: 0 },
      { l: 10, c: 2 },
    ]);
  });

  it('runs the same example through the model: a slow leader’s later write still orders after', () => {
    const s = sim({
      nodes: [
        { id: 'a', clockSkewMs: 0 },
        { id: 'b', clockSkewMs: -2 },
      ],
      latencyMs: 1,
      keys: { x: 'register' },
    });
    s.advance(9);
    s.write('a', 'x', { type: 'set', value: 'from a' });
    s.advance(1);
    s.advance(1);
    s.write('b', 'x', { type: 'set', value: 'from b' });
    const [wa, wb] = eventsOf(s.history(), 'write').map((e) => e.stamp.hlc);
    expect(wa).toEqual({ l: 9, c: 0 });
    // b received a's write at t=10 (pt 8): (9,1); writes at t=11 (pt 9): (9,2).
    expect(wb).toEqual({ l: 9, c: 2 });
  });
});
