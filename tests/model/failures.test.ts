import { describe, expect, it } from 'vitest';
import { eventsOf, sim, values } from './fixtures';

describe('links and failures', () => {
  it('a cut link holds its messages and delivers them, in order, when healed: nothing is lost', () => {
    const s = sim();
    s.cutLink('eu', 'us');
    for (const item of ['a', 'b', 'c']) {
      s.write('eu', 'cart', { type: 'add', item });
      s.advance(5);
    }
    s.runUntilQuiescent();
    expect(s.read('us', 'cart').value).toEqual([]);
    expect(s.read('ap', 'cart').value).toEqual(['a', 'b', 'c']);
    const held = s.snapshot().messages.filter((m) => m.to === 'us');
    expect(held.map((m) => [m.write?.writeId, m.deliverAt])).toEqual([
      ['eu:1', null],
      ['eu:2', null],
      ['eu:3', null],
    ]);
    s.advance(1000);
    s.healLink('eu', 'us');
    s.runUntilQuiescent();
    const toUs = eventsOf(s.history(), 'deliver').filter((d) => d.node === 'us');
    expect(toUs.map((d) => d.writeId)).toEqual(['eu:1', 'eu:2', 'eu:3']);
    expect(toUs.every((d) => d.at >= 1015 + 100)).toBe(true);
    expect(s.read('us', 'cart').value).toEqual(['a', 'b', 'c']);
  });

  it('a cut also holds messages already on the wire, and shows the link as cut', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.advance(50);
    s.cutLink('eu', 'us');
    s.runUntilQuiescent();
    expect(values(s, 'title')).toEqual({ eu: 'x', us: null, ap: 'x' });
    expect(s.snapshot().links.find((l) => l.id === 'eu-us')?.status).toBe('cut');
  });

  it('a crashed leader accepts nothing and sends nothing, then catches up from the others on recovery', () => {
    const s = sim();
    s.write('eu', 'likes', { type: 'increment', by: 1 });
    s.advance(10);
    s.crashNode('ap');
    const rejected = s.write('ap', 'likes', { type: 'increment', by: 1 });
    expect(rejected).toMatchObject({ ok: false, code: 'node-crashed' });
    expect(eventsOf(s.history(), 'reject')).toHaveLength(1);
    s.advance(200);
    s.write('us', 'likes', { type: 'increment', by: 1 });
    s.runUntilQuiescent();
    expect(values(s, 'likes')).toEqual({ eu: 2, us: 2, ap: 0 });
    expect(s.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('crashed');
    s.advance(500);
    s.recoverNode('ap');
    s.runUntilQuiescent();
    expect(values(s, 'likes')).toEqual({ eu: 2, us: 2, ap: 2 });
  });

  it('an offline leader (a disconnected client) keeps taking writes and exchanges everything on reconnect', () => {
    const s = sim();
    s.disconnectNode('ap');
    expect(s.write('ap', 'notes', { type: 'insert', index: 0, text: 'offline note' })).toMatchObject({ ok: true });
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.runUntilQuiescent();
    expect(values(s, 'notes')).toEqual({ eu: '', us: '', ap: 'offline note' });
    expect(values(s, 'cart')).toEqual({ eu: ['milk'], us: ['milk'], ap: [] });
    expect(s.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('offline');
    s.advance(60_000);
    s.reconnectNode('ap');
    s.runUntilQuiescent();
    expect(values(s, 'notes')).toEqual({ eu: 'offline note', us: 'offline note', ap: 'offline note' });
    expect(values(s, 'cart')).toEqual({ eu: ['milk'], us: ['milk'], ap: ['milk'] });
  });

  it('uses a new link latency for messages sent after the change', () => {
    const s = sim();
    s.setLinkLatency('eu', 'ap', 400);
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.runUntilQuiescent();
    const at = Object.fromEntries(eventsOf(s.history(), 'deliver').map((d) => [d.node, d.at]));
    expect(at).toEqual({ us: 100, ap: 400 });
    expect(eventsOf(s.history(), 'set-link-latency')).toMatchObject([{ node: 'eu', peer: 'ap', latencyMs: 400 }]);
  });

  it('keeps messages on one link in order even when jitter would reorder them', () => {
    const s = sim({ latencyMs: { base: 50, jitter: 45 }, seed: 11 });
    for (let i = 0; i < 20; i++) {
      s.write('eu', 'likes', { type: 'increment', by: 1 });
      s.advance(1);
    }
    s.runUntilQuiescent();
    const toUs = eventsOf(s.history(), 'deliver').filter((d) => d.node === 'us');
    expect(toUs.map((d) => d.writeId)).toEqual(Array.from({ length: 20 }, (_, i) => `eu:${String(i + 1)}`));
  });
});
