import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { graphData } from '../../src/view/graph/graphData';
import { layoutNodes } from '../../src/view/graph/layout';
import { datacenters } from '../fixtures/datacenters';

const sim = () =>
  createSimulation({
    seed: 1,
    nodes: datacenters(),
    latencyMs: 100,
    keys: { title: 'register' },
  });

describe('graph data', () => {
  it('lays leaders out stably, a star’s hub in the middle', () => {
    const a = layoutNodes(['a', 'b', 'c', 'd'], { kind: 'star', hub: 'c' });
    // A little above the middle: the hub's values go below it.
    expect(a.c).toEqual({ x: 300, y: 196 });
    expect(layoutNodes(['a', 'b', 'c', 'd'], { kind: 'star', hub: 'c' })).toEqual(a);
  });

  it('places a message along its link (circle edge to circle edge) by send and delivery time, and holds a blocked one at the sender', () => {
    const s = sim();
    s.cutLink('eu', 'us');
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.advance(25);
    const data = graphData(s.snapshot());
    const pos = layoutNodes(['eu', 'us', 'ap'], { kind: 'all-to-all' });
    const toAp = data.messages.find((m) => !m.held);
    // A quarter of the way between the two circles' edges (48 from each centre).
    const [eu, ap] = [pos.eu ?? { x: 0, y: 0 }, pos.ap ?? { x: 0, y: 0 }];
    const edge = 48 / Math.hypot(ap.x - eu.x, ap.y - eu.y);
    expect(toAp?.x).toBeCloseTo(eu.x + (ap.x - eu.x) * (edge + (1 - 2 * edge) * 0.25));
    expect(data.messages.filter((m) => m.held)).toHaveLength(1);
    expect(data.links.find((l) => l.id === 'eu-us')).toMatchObject({
      cut: true,
      description: 'Link Frankfurt–Virginia, cut, 100 ms',
    });
    expect(data.nodes[0]?.description).toBe(
      'Frankfurt (eu, tie rank 2): leader, online; title = "x"; link to Virginia cut',
    );
  });

  it('with reduced motion, a message jumps (sender half, receiver half) instead of gliding', () => {
    const s = sim();
    s.write('eu', 'title', { type: 'set', value: 'x' });
    s.advance(10);
    const early = graphData(s.snapshot(), { reducedMotion: true }).messages[0];
    s.advance(30);
    const later = graphData(s.snapshot(), { reducedMotion: true }).messages[0];
    expect(later).toEqual(early);
    s.advance(30);
    expect(graphData(s.snapshot(), { reducedMotion: true }).messages[0]).not.toEqual(early);
  });
});
