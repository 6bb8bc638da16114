import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { datacenters, eventsOf, sim, threeLeaders, values } from './fixtures';

function scenario() {
  const s = sim({ latencyMs: { base: 80, jitter: 20 } });
  s.cutLink('eu', 'us');
  s.write('eu', 'title', { type: 'set', value: 'A' });
  s.advance(100);
  s.write('us', 'title', { type: 'set', value: 'B' });
  s.write('us', 'cart', { type: 'add', item: 'milk' });
  s.advance(400);
  s.healLink('eu', 'us');
  s.runUntilQuiescent();
  return s;
}

describe('time travel', () => {
  it('seek(t) shows the state at virtual time t, back and forward', () => {
    const s = scenario();
    const end = s.snapshot();
    const endHistory = s.history();
    s.seek(50);
    expect(s.now()).toBe(50);
    expect(values(s, 'title')).toEqual({ eu: 'A', us: null, ap: null });
    expect(s.history().every((e) => e.at <= 50)).toBe(true);
    expect(s.snapshot().links.find((l) => l.id === 'eu-us')?.status).toBe('cut');
    s.seek(end.time);
    expect(s.snapshot()).toEqual(end);
    expect(s.history()).toEqual(endHistory);
  });

  it('keeps the recorded future until a new command forks it away', () => {
    const s = scenario();
    const horizon = s.snapshot().horizon;
    s.seek(120);
    expect(s.snapshot().horizon).toBe(horizon);
    expect(s.commands()).toHaveLength(4);
    s.write('ap', 'title', { type: 'set', value: 'C' });
    expect(s.snapshot().horizon).toBe(120);
    expect(s.commands().map((c) => c.type)).toEqual(['cut-link', 'write', 'write', 'write', 'write']);
    expect(s.history().some((e) => e.type === 'heal-link')).toBe(false);
    s.runUntilQuiescent();
    // The link was never healed in this fork: eu and us still cannot talk.
    expect(s.snapshot().links.find((l) => l.id === 'eu-us')?.status).toBe('cut');
  });

  it('a new command after a seek back into time where nothing happened forks there too: the horizon is the present', () => {
    const s = sim({ keys: { title: 'register' } });
    s.advance(40);
    s.seek(0);
    s.write('eu', 'title', { type: 'set', value: 'A' });
    expect(s.snapshot().horizon).toBe(0);
    // A re-run (which plays to the horizon and back) gives the same run as never switching.
    const before = JSON.stringify([s.history(), s.snapshot()]);
    s.setStrategy({ kind: 'crdt' });
    s.setStrategy({ kind: 'lww' });
    expect(JSON.stringify([s.history(), s.snapshot()])).toBe(before);
  });

  it('advancing after a seek back replays the recorded future, like a video', () => {
    const s = scenario();
    const end = s.snapshot();
    s.seek(0);
    s.advance(end.time);
    expect(s.snapshot()).toEqual(end);
  });

  it('setStrategy re-runs the recorded commands under the new rule and returns to the same time', () => {
    const s = sim({
      nodes: datacenters({ us: { clockSkewMs: 5000 } }, 2),
      keys: { title: 'register' },
    });
    s.write('eu', 'title', { type: 'set', value: 'first' });
    s.advance(1000);
    s.write('us', 'title', { type: 'set', value: 'reply' });
    s.runUntilQuiescent();
    const t = s.now();
    expect(values(s, 'title')).toEqual({ eu: 'reply', us: 'reply' });
    // A fast clock on Frankfurt instead: rewrite the history with the clock skew on eu.
    const skewed = sim({
      nodes: datacenters({ eu: { clockSkewMs: 5000 } }, 2),
      keys: { title: 'register' },
    });
    skewed.write('eu', 'title', { type: 'set', value: 'first' });
    skewed.advance(1000);
    skewed.write('us', 'title', { type: 'set', value: 'reply' });
    skewed.runUntilQuiescent();
    expect(values(skewed, 'title')).toEqual({ eu: 'first', us: 'first' });
    skewed.setStrategy({ kind: 'lww', clock: 'hlc' });
    expect(skewed.now()).toBe(t);
    expect(values(skewed, 'title')).toEqual({ eu: 'reply', us: 'reply' });
    expect(skewed.snapshot().strategy).toEqual({
      kind: 'lww',
      clock: 'hlc',
      tieBreak: 'higher-node-id',
      granularity: 'value',
    });
    expect(eventsOf(skewed.history(), 'conflict')).toHaveLength(0);
    skewed.setStrategy({ kind: 'lww', clock: 'physical' });
    expect(values(skewed, 'title')).toEqual({ eu: 'first', us: 'first' });
  });

  it('setStrategy while scrubbed back keeps the position and the whole recorded future', () => {
    const s = scenario();
    const end = s.snapshot().time;
    s.seek(60);
    s.setStrategy({ kind: 'lww', tieBreak: 'larger-value' });
    expect(s.now()).toBe(60);
    expect(s.commands()).toHaveLength(2);
    s.seek(end);
    expect(s.commands()).toHaveLength(5);
    expect(s.snapshot().converged.title).toBe(true);
  });
});

describe('long sessions', () => {
  it('bound the history: the oldest events go, and seeking anywhere still gives the same states', () => {
    const s = createSimulation(
      { ...threeLeaders, latencyMs: { base: 40, jitter: 10 } },
      { maxHistoryEvents: 1000, verifyReplay: true },
    );
    for (let i = 0; i < 300; i++) {
      s.write(['eu', 'us', 'ap'][i % 3] as string, 'likes', { type: 'increment', by: 1 });
      s.advance(15);
    }
    s.runUntilQuiescent();
    const end = s.snapshot();
    expect(s.history().length).toBeLessThanOrEqual(1000);
    expect(end.historyFrom).toBeGreaterThan(0);
    expect(s.history()[0]?.at).toBe(end.historyFrom);
    expect(s.commands()).toHaveLength(300);
    s.seek(100);
    expect(s.history().length).toBe(0);
    expect(s.read('eu', 'likes').value).toBeGreaterThan(0);
    s.seek(end.time);
    expect(s.snapshot()).toEqual(end);
  });
});
