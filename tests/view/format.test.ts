import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { describeEvent } from '../../src/view/describe';
import { datacenters } from '../fixtures/datacenters';
import { explainLatency, formatAt, formatLatency, formatMs, plural } from '../../src/view/format';

describe('format', () => {
  it('reads a time in human units, never a float tail', () => {
    expect(formatMs(650.0339999999997)).toBe('650 ms');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(999.4)).toBe('999 ms');
    expect(formatMs(999.6)).toBe('1 s');
    expect(formatMs(1200)).toBe('1.2 s');
    expect(formatMs(1142.7)).toBe('1.1 s');
    expect(formatMs(59_940)).toBe('59.9 s');
    expect(formatMs(95_000)).toBe('1 min 35 s');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(-300)).toBe('−300 ms');
    expect(formatAt(650.0339999999997)).toBe('t = 650 ms');
  });

  it('shows latency with its jitter, and says what the jitter means', () => {
    expect(formatLatency({ base: 1200, jitter: 300 })).toBe('1200 ± 300 ms');
    expect(formatLatency({ base: 800 })).toBe('800 ms');
    expect(formatLatency(500)).toBe('500 ms');
    expect(explainLatency({ base: 1200, jitter: 300 })).toBe(
      'Each message takes 1200 ms give or take up to 300 ms (jitter): it lands between 900 ms and 1.5 s after it is sent, drawn from the seed.',
    );
    expect(explainLatency(100)).toMatch(/no jitter/);
  });

  it('gets plurals right', () => {
    expect(plural(1, 'conflict')).toBe('1 conflict');
    expect(plural(2, 'conflict')).toBe('2 conflicts');
    expect(plural(0, 'conflict')).toBe('0 conflicts');
    expect(plural(1, 'unresolved conflict')).toBe('1 unresolved conflict');
  });

  it('is what the log prints', () => {
    const label = (id: string) => id;
    expect(describeEvent({ type: 'ack', at: 10, node: 'eu', writeId: 'w1', latencyMs: 1142.6 } as never, label)).toBe(
      'eu acknowledged w1 after 1.1 s',
    );
    expect(describeEvent({ type: 'set-clock-skew', at: 0, node: 'eu', skewMs: -500 } as never, label)).toBe(
      "eu's clock now runs 500 ms slow",
    );
  });

  it('rounds the real times a clock-skew conflict quotes (never "t=650.0339999999997 ms")', () => {
    const sim = createSimulation({
      seed: 1,
      nodes: datacenters({ eu: { clockSkewMs: 5000 } }, 2),
      latencyMs: 100,
      keys: { title: 'register' },
    });
    sim.advance(0.1 + 0.2);
    sim.write('eu', 'title', { type: 'set', value: 'A' });
    sim.advance(650.0339999999997 - 0.1 - 0.2);
    sim.write('us', 'title', { type: 'set', value: 'B' });
    sim.runUntilQuiescent();
    const conflict = sim.history().find((e) => e.type === 'conflict');
    expect(conflict?.type === 'conflict' && conflict.explanation).toMatch(/t = 650 ms vs t = 0 ms/);
    expect(conflict?.type === 'conflict' && conflict.explanation).not.toMatch(/\d\.\d{4,}/);
  });
});
