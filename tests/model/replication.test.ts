import { describe, expect, it } from 'vitest';
import { eventsOf, sim, values } from './fixtures';

describe('asynchronous replication', () => {
  it('applies and acknowledges a write at its own leader at once', () => {
    const s = sim();
    const result = s.write('eu', 'title', { type: 'set', value: 'Hello' });
    expect(result).toEqual({ ok: true, writeId: 'eu:1' });
    expect(s.read('eu', 'title').value).toBe('Hello');
    expect(s.read('us', 'title').value).toBeNull();
    const [ack] = eventsOf(s.history(), 'ack');
    expect(ack).toMatchObject({ writeId: 'eu:1', node: 'eu', at: 0, latencyMs: 0 });
  });

  it('delivers the write to every other leader after the link latency', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'Hello' });
    s.advance(99);
    expect(values(s, 'title')).toEqual({ eu: 'Hello', us: null, ap: null });
    s.advance(1);
    expect(values(s, 'title')).toEqual({ eu: 'Hello', us: 'Hello', ap: 'Hello' });
    const delivers = eventsOf(s.history(), 'deliver');
    expect(delivers.map((d) => [d.node, d.at])).toEqual([
      ['us', 100],
      ['ap', 100],
    ]);
  });

  it('makes every leader a follower of the others: writes flow in all directions', () => {
    const s = sim();
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.runUntilQuiescent();
    s.write('ap', 'cart', { type: 'add', item: 'eggs' });
    s.runUntilQuiescent();
    s.write('us', 'likes', { type: 'increment', by: 3 });
    s.runUntilQuiescent();
    expect(values(s, 'cart')).toEqual({ eu: ['eggs', 'milk'], us: ['eggs', 'milk'], ap: ['eggs', 'milk'] });
    expect(values(s, 'likes')).toEqual({ eu: 3, us: 3, ap: 3 });
  });

  it('gives each write an id (origin + sequence), its version vector and both timestamps', () => {
    const s = sim();
    s.write('us', 'title', { type: 'set', value: 'one' });
    s.write('us', 'title', { type: 'set', value: 'two' });
    s.write('us', 'notes', { type: 'insert', index: 0, text: 'hi' });
    const writes = eventsOf(s.history(), 'write');
    expect(writes.map((w) => w.writeId)).toEqual(['us:1', 'us:2', 'us:3']);
    expect(writes.map((w) => w.vv)).toEqual([{ us: 1 }, { us: 2 }, { us: 1 }]);
    expect(writes[0]?.stamp).toEqual({ physical: 0, hlc: { l: 0, c: 0 } });
    expect(writes[1]?.stamp.hlc).toEqual({ l: 0, c: 1 });
  });

  it('applies each key type’s operations: register, set, counter and text', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.write('eu', 'title', { type: 'delete' });
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.write('eu', 'cart', { type: 'add', item: 'bread' });
    s.write('eu', 'cart', { type: 'remove', item: 'milk' });
    s.write('eu', 'likes', { type: 'increment', by: 5 });
    s.write('eu', 'likes', { type: 'increment', by: -2 });
    s.write('eu', 'notes', { type: 'insert', index: 0, text: 'Hello world' });
    s.write('eu', 'notes', { type: 'delete', index: 5, length: 6 });
    s.runUntilQuiescent();
    for (const node of ['eu', 'us', 'ap']) {
      expect(s.read(node, 'title')).toMatchObject({ value: null, conflicts: [] });
      expect(s.read(node, 'cart').value).toEqual(['bread']);
      expect(s.read(node, 'likes').value).toBe(3);
      expect(s.read(node, 'notes').value).toBe('Hello');
    }
  });

  it('reports quiescence and per-key convergence', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'Hello' });
    const before = s.snapshot();
    expect(before.quiescent).toBe(false);
    expect(before.converged.title).toBe(false);
    expect(before.converged.cart).toBe(true);
    expect(before.messages).toHaveLength(2);
    const end = s.runUntilQuiescent();
    expect(end).toBe(100);
    const after = s.snapshot();
    expect(after.quiescent).toBe(true);
    expect(after.converged).toEqual({ title: true, cart: true, likes: true, notes: true });
  });

  it('produces a snapshot that is plain JSON', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'Hello' });
    s.cutLink('eu', 'us');
    const snap = s.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(JSON.parse(JSON.stringify(s.history()))).toEqual(s.history());
  });

  it('gives the same run, event for event, from the same seed and commands', () => {
    const run = (seed: number) => {
      const s = sim({ seed, latencyMs: { base: 80, jitter: 40 } });
      s.write('eu', 'title', { type: 'set', value: 'a' });
      s.advance(30);
      s.write('us', 'title', { type: 'set', value: 'b' });
      s.runUntilQuiescent();
      return JSON.stringify(s.history());
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
  });

  it('notifies subscribers after each change until they unsubscribe', () => {
    const s = sim();
    let calls = 0;
    const off = s.subscribe(() => (calls += 1));
    s.write('eu', 'title', { type: 'set', value: 'Hello' });
    s.advance(50);
    off();
    s.advance(50);
    expect(calls).toBe(2);
  });
});
