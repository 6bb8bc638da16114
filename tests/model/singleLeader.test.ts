import { describe, expect, it } from 'vitest';
import { eventsOf, sim, values } from './fixtures';

const single = () => sim({ mode: 'single-leader', leader: 'eu', latencyMs: { base: 100, links: { 'eu-ap': 200 } } });

describe('single-leader mode, for comparison', () => {
  it('forwards a write at a follower to the leader and acknowledges it only from there', () => {
    const s = single();
    const result = s.write('ap', 'title', { type: 'set', value: 'Hello' });
    expect(result).toEqual({ ok: true, writeId: 'ap#1' });
    expect(s.read('ap', 'title').value).toBeNull();
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'Hello', us: 'Hello', ap: 'Hello' });
    const write = eventsOf(s.history(), 'write')[0];
    expect(write).toMatchObject({ node: 'eu', client: 'ap', writeId: 'ap#1', at: 200 });
    // Round trip Tokyo ↔ Frankfurt: 200 ms there, 200 ms back.
    expect(eventsOf(s.history(), 'ack')).toMatchObject([{ node: 'ap', writeId: 'ap#1', latencyMs: 400 }]);
  });

  it('acknowledges a write at the leader itself at once', () => {
    const s = single();
    s.write('eu', 'title', { type: 'set', value: 'x' });
    expect(eventsOf(s.history(), 'ack')).toMatchObject([{ node: 'eu', latencyMs: 0 }]);
  });

  it('in multi-leader mode every write is acknowledged locally with no wait', () => {
    const s = sim({ latencyMs: { base: 100, links: { 'eu-ap': 200 } } });
    s.write('ap', 'title', { type: 'set', value: 'Hello' });
    s.runUntilQuiescent();
    expect(eventsOf(s.history(), 'ack')).toMatchObject([{ node: 'ap', latencyMs: 0 }]);
  });

  it('fails every write while the leader is down, where multi-leader keeps going', () => {
    const s = single();
    s.crashNode('eu');
    const result = s.write('us', 'title', { type: 'set', value: 'x' });
    expect(result).toMatchObject({ ok: false, code: 'leader-unavailable' });
    expect(result.ok || result.reason).toMatch(/the leader Frankfurt is down/);
    expect(eventsOf(s.history(), 'reject')).toHaveLength(1);
    const multi = sim();
    multi.crashNode('eu');
    expect(multi.write('us', 'title', { type: 'set', value: 'x' })).toMatchObject({ ok: true });
  });

  it('fails writes at a follower that cannot reach the leader (a partition)', () => {
    const s = single();
    s.cutLink('eu', 'us');
    expect(s.write('us', 'title', { type: 'set', value: 'x' })).toMatchObject({
      ok: false,
      code: 'leader-unavailable',
    });
    expect(s.write('ap', 'title', { type: 'set', value: 'y' })).toMatchObject({ ok: true });
  });

  it('replicates from the leader only, in a star around it', () => {
    const s = single();
    expect(s.snapshot().topology).toEqual({ kind: 'star', hub: 'eu' });
    s.write('us', 'likes', { type: 'increment', by: 1 });
    s.write('ap', 'likes', { type: 'increment', by: 1 });
    s.runUntilQuiescent();
    // The leader serialises both: no increment is lost and there is no conflict.
    expect(values(s, 'likes')).toEqual({ eu: 2, us: 2, ap: 2 });
    expect(eventsOf(s.history(), 'conflict')).toHaveLength(0);
  });
});
