import { describe, expect, it } from 'vitest';
import type { TopologyConfig } from '../../src/model';
import { type Box, labelBox, NODE_RADIUS, placeAll, type Point, viewFor } from '../../src/view/graph/layout';

const ids = (n: number) => ['ap', 'eu', 'sa', 'us', 'af', 'au', 'in', 'me'].slice(0, n);
const topologies = (n: number): [string, TopologyConfig][] => [
  ['star', { kind: 'star', hub: ids(n)[0] ?? 'ap' }],
  ['ring', { kind: 'ring' }],
  ['all-to-all', { kind: 'all-to-all' }],
];
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const circleBox = (p: Point): Box => ({
  x: p.x - NODE_RADIUS,
  y: p.y - NODE_RADIUS,
  width: 2 * NODE_RADIUS,
  height: 2 * NODE_RADIUS,
});
/** Distance from point p to the segment a–b. */
const toSegment = (p: Point, a: Point, b: Point) => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
};
/** Whether the segment a–b passes through box (sampled every pixel or so). */
const crosses = (a: Point, b: Point, box: Box) => {
  const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y));
  for (let i = 0; i <= steps; i++) {
    const t = i / Math.max(1, steps);
    const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    if (p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height) return true;
  }
  return false;
};
const linksOf = (list: string[], t: TopologyConfig): [string, string][] =>
  t.kind === 'star'
    ? list.filter((id) => id !== t.hub).map((id) => [t.hub, id])
    : t.kind === 'ring'
      ? list.map((id, i) => [id, list[(i + 1) % list.length] ?? id])
      : list.flatMap((a, i) => list.slice(i + 1).map((b): [string, string] => [a, b]));

describe('graph layout', () => {
  for (const [viewName, compact] of [
    ['desktop', false],
    ['phone', true],
  ] as [string, boolean][]) {
    for (let n = 3; n <= 8; n++) {
      const view = viewFor(n, compact);
      for (const [name, topology] of topologies(n)) {
        it(`draws a ${name} of ${String(n)} leaders (${viewName}) with no leader, value or link on another`, () => {
          const list = ids(n);
          const at = placeAll(list, topology, view);
          const places = list.map((id) => at[id] as NonNullable<(typeof at)[string]>);
          const inside = (b: Box) =>
            b.x >= 0 && b.y >= 0 && b.x + b.width <= view.width && b.y + b.height <= view.height;
          places.forEach((p, i) => {
            const own = labelBox(p);
            expect(inside(circleBox(p)), `${list[i] ?? ''} inside`).toBe(true);
            expect(inside(own), `${list[i] ?? ''}'s values inside`).toBe(true);
            places.forEach((q, j) => {
              if (i === j) return;
              // Circles apart, with room for a message between them.
              expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(2 * NODE_RADIUS + 8);
              expect(overlaps(own, circleBox(q)), `${list[i] ?? ''}'s values on ${list[j] ?? ''}`).toBe(false);
              expect(overlaps(own, labelBox(q)), `${list[i] ?? ''}'s values on ${list[j] ?? ''}'s`).toBe(false);
            });
          });
          // On a phone from four leaders on, only a ring's links are kept off values and leaders:
          // a star's spokes and all-to-all's chords cross the middle, where the values are (their
          // text has a halo, so it stays readable), and all-to-all's chords pass behind leaders.
          if (compact && n >= 4 && name !== 'ring') {
            for (const [a, b] of linksOf(list, topology)) {
              if (name === 'all-to-all') continue;
              places.forEach((p, i) => {
                if (list[i] === a || list[i] === b) return;
                const pa = at[a] as Point;
                const pb = at[b] as Point;
                expect(toSegment(p, pa, pb), `spoke ${a}-${b} through ${list[i] ?? ''}`).toBeGreaterThan(NODE_RADIUS);
              });
            }
            return;
          }
          for (const [a, b] of linksOf(list, topology)) {
            const pa = at[a] as Point;
            const pb = at[b] as Point;
            places.forEach((p, i) => {
              expect(crosses(pa, pb, labelBox(p)), `link ${a}-${b} under ${list[i] ?? ''}'s values`).toBe(false);
              if (list[i] !== a && list[i] !== b) {
                expect(toSegment(p, pa, pb), `link ${a}-${b} through ${list[i] ?? ''}`).toBeGreaterThan(NODE_RADIUS);
              }
            });
          }
        });
      }
    }
  }

  it('does not draw a three-leader star as a line: its spokes sit either side of the hub, above its values', () => {
    const at = placeAll(['a', 'b', 'c'], { kind: 'star', hub: 'a' });
    const [hub, b, c] = [at.a, at.b, at.c] as Point[] as [Point, Point, Point];
    expect(b.x).toBeLessThan(hub.x - NODE_RADIUS);
    expect(c.x).toBeGreaterThan(hub.x + NODE_RADIUS);
    expect(at.a?.side).toBe('below');
  });
});
