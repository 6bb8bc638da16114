// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulation, SimulationConfig, StrategyConfig } from '../../src/model';
import { createLabStore } from '../../src/store/labStore';
import { graphNodes } from '../../src/view/graph/graphData';
import { LabContext } from '../../src/view/LabContext';
import { LeaderPanel } from '../../src/view/LeaderPanel';
import { rankRule } from '../../src/view/ranks';
import { datacenters } from '../fixtures/datacenters';

const withPriorities = (strategy: StrategyConfig, priorities: Record<string, number>): SimulationConfig => ({
  seed: 1,
  nodes: datacenters(Object.fromEntries(Object.entries(priorities).map(([id, priority]) => [id, { priority }]))),
  latencyMs: 100,
  keys: { title: 'register' },
  strategy,
});

/** Every leader writes title cut off from the others at the same instant, then all links heal. */
const everyoneWrites = (sim: Simulation) => {
  sim.cutLink('eu', 'us');
  sim.cutLink('eu', 'ap');
  sim.cutLink('us', 'ap');
  for (const n of ['eu', 'us', 'ap']) sim.write(n, 'title', { type: 'set', value: `from ${n}` });
  sim.healLink('eu', 'us');
  sim.healLink('eu', 'ap');
  sim.healLink('us', 'ap');
  sim.runUntilQuiescent();
};

function panelFor(config: SimulationConfig, leader: string) {
  const store = createLabStore(config);
  store.getState().actions.run(everyoneWrites);
  store.getState().actions.select({ kind: 'node', id: leader });
  render(
    <LabContext.Provider value={store}>
      <LeaderPanel />
    </LabContext.Provider>,
  );
  return store;
}

const rankText = () => screen.queryByText('Conflict rank')?.nextElementSibling?.textContent ?? null;

afterEach(cleanup);

describe('leader priorities and tie ranks, where the rule in force uses them', () => {
  it('custom on write, datacenter priority: the panel shows the priority and rank, and rank 1 is who wins', () => {
    const config = withPriorities({ kind: 'custom', on: 'write' }, { eu: 1, us: 5, ap: 3 });
    const store = panelFor(config, 'us');
    expect(rankText()).toMatch(/^priority 5, rank 1 of 3\. The datacenter-priority resolver keeps the version/);
    // What the lab shows is what the model does: rank 1's write is the value everywhere.
    for (const n of store.getState().snapshot.nodes) expect(n.keys.title?.value).toBe('from us');
  });

  it('equal priorities are ranked by the higher id, as the resolver breaks the tie', () => {
    const config = withPriorities({ kind: 'custom', on: 'write' }, { eu: 2, us: 2, ap: 2 });
    const ranked = rankRule(config.strategy as StrategyConfig, ['eu', 'us', 'ap'], { eu: 2, us: 2, ap: 2 });
    expect(ranked?.ranks).toEqual({
      us: { words: 'priority 2, rank 1 of 3', short: 'p2 #1' },
      eu: { words: 'priority 2, rank 2 of 3', short: 'p2 #2' },
      ap: { words: 'priority 2, rank 3 of 3', short: 'p2 #3' },
    });
    const store = panelFor(config, 'eu');
    expect(rankText()).toMatch(/^priority 2, rank 2 of 3\./);
    expect(store.getState().snapshot.nodes[0]?.keys.title?.value).toBe('from us');
  });

  it('draws the priority and rank under each leader’s id in the graph and says it in its name', () => {
    const store = createLabStore(withPriorities({ kind: 'custom', on: 'write' }, { eu: 1, us: 5, ap: 3 }));
    const nodes = graphNodes(store.getState().snapshot, () => ({ x: 0, y: 0 }), {
      priorities: { eu: 1, us: 5, ap: 3 },
    });
    expect(nodes.map((n) => n.idLine)).toEqual(['eu · p1 #3', 'us · p5 #1', 'ap · p3 #2']);
    expect(nodes[1]?.description).toMatch(/^Virginia \(us, priority 5, rank 1 of 3\)/);
  });

  it('LWW with a tie-break by id shows the tie rank; first writer wins ranks the lower id first', () => {
    panelFor(withPriorities({ kind: 'lww', tieBreak: 'lower-node-id' }, {}), 'ap');
    expect(rankText()).toMatch(/^tie rank 1\. Last write wins; on equal timestamps the lower leader id wins/);
    cleanup();
    const store = panelFor(withPriorities({ kind: 'custom', on: 'write', resolver: 'first-writer-wins' }, {}), 'eu');
    expect(rankText()).toMatch(/^tie rank 2\. The resolver first-writer-wins decides by the versions; when they tie/);
    // Three writes at the same instant: the lower id, Tokyo ('ap'), wins.
    expect(store.getState().snapshot.nodes[0]?.keys.title?.value).toBe('from ap');
  });

  it('shows no rank where the rule never ranks leaders (custom on read, a value rule)', () => {
    panelFor(withPriorities({ kind: 'custom', on: 'read' }, { eu: 9 }), 'eu');
    expect(rankText()).toBeNull();
    cleanup();
    panelFor(withPriorities({ kind: 'custom', on: 'write', resolver: 'longer-text' }, { eu: 9 }), 'eu');
    expect(rankText()).toBeNull();
    cleanup();
    // Single-leader mode: one leader orders every write, so no conflict arises for a rank to decide.
    const single = {
      ...withPriorities({ kind: 'custom', on: 'write' }, { eu: 9 }),
      mode: 'single-leader',
      leader: 'eu',
    };
    panelFor(single as SimulationConfig, 'eu');
    expect(rankText()).toBeNull();
  });
});
