// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulation, SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { LeaderPanel, stateText } from '../../src/view/LeaderPanel';
import { datacenters } from '../fixtures/datacenters';

const config: SimulationConfig = {
  seed: 1,
  nodes: datacenters(),
  latencyMs: 100,
  keys: { title: 'register', cart: 'set' },
};

/** Every leader writes title while cut off from the others, then all links heal. */
const threeWayConflict = (sim: Simulation) => {
  sim.cutLink('eu', 'us');
  sim.cutLink('eu', 'ap');
  sim.cutLink('us', 'ap');
  sim.write('eu', 'title', { type: 'set', value: 'A' });
  sim.write('us', 'title', { type: 'set', value: 'B' });
  sim.write('ap', 'title', { type: 'set', value: 'C' });
  sim.healLink('eu', 'us');
  sim.healLink('eu', 'ap');
  sim.healLink('us', 'ap');
  sim.runUntilQuiescent();
};

function renderPanel(c: SimulationConfig, scene: (sim: Simulation) => void, leader = 'ap'): LabStore {
  const store = createLabStore(c);
  store.getState().actions.run(scene);
  store.getState().actions.select({ kind: 'node', id: leader });
  render(
    <LabContext.Provider value={store}>
      <LeaderPanel />
    </LabContext.Provider>,
  );
  return store;
}

/** Open a <details> as a click on its summary would (jsdom does not toggle it itself). */
function open(summary: HTMLElement) {
  const details = summary.closest('details');
  if (!details) throw new Error('no details');
  act(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
}

afterEach(cleanup);

describe('<LeaderPanel> siblings', () => {
  it('offers one Keep button per version (the winner first), and keeping a sibling resolves the key to it', () => {
    const store = renderPanel({ ...config, strategy: { kind: 'custom', on: 'read' } }, threeWayConflict);
    const keep = screen.getAllByRole('button', { name: /^Keep/ });
    expect(keep.map((b) => b.textContent)).toEqual(['Keep "A"', 'Keep "B"', 'Keep "C"']);
    fireEvent.click(screen.getByRole('button', { name: 'Keep "B"' }));
    const tokyo = () => store.getState().snapshot.nodes.find((n) => n.id === 'ap')?.keys.title;
    expect(tokyo()?.value).toBe('B');
    expect(tokyo()?.conflicts).toEqual([]);
    expect(screen.queryAllByRole('button', { name: /^Keep/ })).toHaveLength(0);
  });
});

describe('<LeaderPanel> CouchDB leaves', () => {
  it('shows the winner alone, lists the other leaves only when asked, and keeping one deletes the rest', () => {
    const store = renderPanel(
      { ...config, strategy: { kind: 'custom', on: 'read', system: 'couchdb' } },
      threeWayConflict,
    );
    // A plain read: no siblings beside the value, no Keep buttons in sight.
    expect(screen.queryByText(/\+ siblings/)).toBeNull();
    const summary = screen.getByText('GET ?conflicts=true (2 hidden leaves)');
    const details = summary.closest('details') as HTMLDetailsElement;
    const shown = store.getState().snapshot.nodes.find((n) => n.id === 'ap')?.keys.title?.value as string;
    expect(within(details).getByText(/A plain read of title shows/).textContent).toContain(`"${shown}"`);
    const listed = within(details)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(listed).toHaveLength(2);
    expect(listed.every((t) => t.startsWith('_conflicts: '))).toBe(true);
    const other = ['A', 'B', 'C'].find((v) => v !== shown) as string;
    fireEvent.click(within(details).getByRole('button', { name: `Keep "${other}", delete the other leaves` }));
    const tokyo = store.getState().snapshot.nodes.find((n) => n.id === 'ap')?.keys.title;
    expect(tokyo?.value).toBe(other);
    expect(screen.queryByText(/GET \?conflicts=true/)).toBeNull();
  });
});

describe('<LeaderPanel> internal state', () => {
  it('shows a CRDT set’s tags and tombstones in words and its state as JSON, only once opened', () => {
    renderPanel({ ...config, strategy: { kind: 'crdt', set: 'or-set' } }, (sim) => {
      sim.write('eu', 'cart', { type: 'add', item: 'milk' });
      sim.write('eu', 'cart', { type: 'add', item: 'eggs' });
      sim.write('eu', 'cart', { type: 'remove', item: 'milk' });
      sim.runUntilQuiescent();
    });
    const summary = screen.getByText('Internal state of cart');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.querySelector('pre')).toBeNull();
    open(summary);
    expect(within(details).getByText('Metadata: 2 tags, 1 tombstone.')).toBeTruthy();
    const json = within(details).getByRole('region', { name: 'Internal state of cart as JSON' });
    expect(json.textContent).toContain('"eggs"');
    expect(JSON.parse(json.textContent)).toBeTypeOf('object');
  });

  it('shows a sibling store’s versions', () => {
    renderPanel({ ...config, strategy: { kind: 'custom', on: 'read' } }, threeWayConflict);
    const summary = screen.getByText('Internal state of title');
    open(summary);
    expect(
      within(summary.closest('details') as HTMLElement).getByText('Metadata: 3 versions, 3 known leaders.'),
    ).toBeTruthy();
  });

  it('cuts long state at about 2,000 characters and says how much is left out', () => {
    const long = { items: Array.from({ length: 400 }, (_, i) => `item ${String(i)}`) };
    const full = JSON.stringify(long, null, 2);
    const text = stateText(long);
    expect(text.startsWith(full.slice(0, 2000))).toBe(true);
    expect(text.endsWith(`… (${String(full.length - 2000)} more characters)`)).toBe(true);
    expect(stateText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(stateText(undefined)).toBe('nothing stored');
  });
});

describe('<LeaderPanel> while time runs', () => {
  it('shows and acts on the newly selected leader at once, never the one selected before', () => {
    const store = renderPanel(config, () => undefined, 'eu');
    act(() => {
      store.getState().actions.play();
      store.getState().actions.tick(16);
    });
    act(() => {
      store.getState().actions.select({ kind: 'node', id: 'us' });
    });
    const panel = screen.getByRole('region', { name: /^Leader / });
    expect(panel.getAttribute('aria-label')).toBe('Leader Virginia');
    fireEvent.click(within(panel).getByRole('button', { name: 'Crash' }));
    const crashed = store.getState().snapshot.nodes.filter((n) => n.status === 'crashed');
    expect(crashed.map((n) => n.id)).toEqual(['us']);
  });

  it('sends a clock skew still settling to the leader it was set on, even after another is selected', () => {
    const store = renderPanel(config, () => undefined, 'eu');
    fireEvent.change(screen.getByRole('slider'), { target: { value: '3000' } });
    act(() => {
      store.getState().actions.select({ kind: 'node', id: 'us' });
    });
    const skews = Object.fromEntries(store.getState().snapshot.nodes.map((n) => [n.id, n.clock.skewMs]));
    expect(skews).toEqual({ eu: 3000, us: 0, ap: 0 });
    expect(screen.getByRole<HTMLInputElement>('slider').value).toBe('0');
  });
});
