// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { TopologyGraph } from '../../src/view/TopologyGraph';
import { datacenters } from '../fixtures/datacenters';

afterEach(cleanup);

const lww: SimulationConfig = {
  seed: 1,
  nodes: datacenters({}, 2),
  latencyMs: 100,
  keys: { title: 'register' },
  strategy: { kind: 'lww' },
};

function conflictIn(config: SimulationConfig) {
  const store = createLabStore(config);
  render(
    <LabContext.Provider value={store}>
      <TopologyGraph svgMessages />
    </LabContext.Provider>,
  );
  const { actions } = store.getState();
  act(() => {
    actions.toggleLink('eu', 'us');
    actions.write('eu', 'title', { type: 'set', value: 'A' });
    actions.write('us', 'title', { type: 'set', value: 'B' });
    actions.toggleLink('eu', 'us');
    actions.step();
    actions.step();
  });
  return store;
}

const leader = (label: string) =>
  Array.from(document.querySelectorAll('g.node')).find((n) => n.getAttribute('aria-label')?.startsWith(`${label} (`));

describe('the conflict badge', () => {
  it('marks, in LWW mode, each leader that detected and resolved a conflict, with a count and a name', () => {
    const store = conflictIn(lww);
    const conflicts = store.getState().history.filter((e) => e.type === 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    const where = new Set(conflicts.map((e) => e.node));
    const rings = Array.from(document.querySelectorAll('g.info g.resolved')).filter(
      (g) => g.getAttribute('visibility') === 'visible',
    );
    expect(rings).toHaveLength(where.size);
    for (const ring of rings) {
      expect(ring.querySelector('text')?.textContent).toMatch(/^\d+$/);
      expect(ring.querySelector('title')?.textContent).toMatch(/^1 conflict resolved at (Frankfurt|Virginia)$/);
    }
    const frankfurt = leader('Frankfurt');
    expect(frankfurt?.getAttribute('aria-label')).toContain(
      where.has('eu') ? '1 conflict detected and resolved here' : 'Frankfurt (eu',
    );
    // No pending-conflict "!" badge in LWW: the resolved ring is the only mark.
    expect(
      Array.from(document.querySelectorAll('g.info g.badge')).filter((g) => g.getAttribute('visibility') === 'visible'),
    ).toHaveLength(0);
  });

  it('shows no ring before any conflict, and shows each leader’s id and tie rank', () => {
    const store = createLabStore(lww);
    render(
      <LabContext.Provider value={store}>
        <TopologyGraph svgMessages />
      </LabContext.Provider>,
    );
    expect(
      Array.from(document.querySelectorAll('g.info g.resolved')).filter(
        (g) => g.getAttribute('visibility') === 'visible',
      ),
    ).toHaveLength(0);
    // Higher id wins a tie: "us" ranks first.
    expect(Array.from(document.querySelectorAll('g.info text.id')).map((t) => t.textContent)).toEqual([
      'eu · #2',
      'us · #1',
    ]);
  });
});
