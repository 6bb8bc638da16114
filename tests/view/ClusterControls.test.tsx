// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { ClusterControls } from '../../src/view/ClusterControls';
import { LabContext } from '../../src/view/LabContext';
import { SETTLE_MS } from '../../src/view/SettledSlider';

const config: SimulationConfig = {
  seed: 7,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
    { id: 'ap', label: 'Tokyo' },
  ],
  latencyMs: { base: 1200, jitter: 300 },
  keys: { title: 'register' },
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderControls(over: Partial<SimulationConfig> = {}): LabStore {
  const store = createLabStore({ ...config, ...over });
  render(
    <LabContext.Provider value={store}>
      <ClusterControls />
    </LabContext.Provider>,
  );
  return store;
}

const sim = (store: LabStore) => store.getState().sim.config;

describe('<ClusterControls>', () => {
  it('switches to single-leader mode, picks the leader, and back to multi-leader', () => {
    const store = renderControls();
    fireEvent.change(screen.getByRole('combobox', { name: 'Replication' }), { target: { value: 'single-leader' } });
    expect(sim(store).mode).toBe('single-leader');
    expect(sim(store).leader).toBe('eu');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /^Topology/ }).disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Writes go to' }), { target: { value: 'ap' } });
    expect(sim(store).leader).toBe('ap');
    expect(sim(store).topology).toEqual({ kind: 'star', hub: 'ap' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Replication' }), { target: { value: 'multi-leader' } });
    expect(sim(store).mode).toBe('multi-leader');
    expect(sim(store).leader).toBeNull();
  });

  it('keeps the single leader valid when the cluster shrinks below it', () => {
    const store = renderControls();
    fireEvent.change(screen.getByRole('combobox', { name: 'Replication' }), { target: { value: 'single-leader' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Writes go to' }), { target: { value: 'ap' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Leaders' }), { target: { value: '2' } });
    expect(sim(store).nodes.map((n) => n.id)).toEqual(['eu', 'us']);
    expect(sim(store).leader).toBe('eu');
  });

  it('turns causal delivery on and off', () => {
    const store = renderControls();
    const box = screen.getByRole('checkbox', { name: /Causal delivery/ });
    fireEvent.click(box);
    expect(sim(store).causalDelivery).toBe(true);
    fireEvent.click(box);
    expect(sim(store).causalDelivery).toBe(false);
  });

  it('adds a key of every type and removes one, refusing a bad or taken name in words', () => {
    const store = renderControls();
    fireEvent.click(screen.getByText(/^Keys:/));
    const name = screen.getByRole('textbox', { name: 'New key' });
    const type = screen.getByRole('combobox', { name: 'Type' });
    for (const t of ['register', 'set', 'counter', 'text', 'table']) {
      fireEvent.change(name, { target: { value: `k_${t}` } });
      fireEvent.change(type, { target: { value: t } });
      fireEvent.click(screen.getByRole('button', { name: 'Add key' }));
    }
    expect(sim(store).keys).toEqual({
      title: 'register',
      k_register: 'register',
      k_set: 'set',
      k_counter: 'counter',
      k_text: 'text',
      k_table: 'table',
    });
    fireEvent.change(name, { target: { value: 'title' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add key' }));
    expect(screen.getByText('there is a key "title" already')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'two words' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add key' }));
    expect(screen.getByText(/letters, digits or underscores/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove key k_set' }));
    expect(Object.keys(sim(store).keys)).not.toContain('k_set');
  });

  it('never removes the last key', () => {
    renderControls();
    fireEvent.click(screen.getByText(/^Keys:/));
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Remove key title' }).disabled).toBe(true);
  });

  it('sets each leader’s priority and auto-increment offset and step, and interleaves ids in one click', () => {
    const store = renderControls();
    fireEvent.click(screen.getByText(/^Leaders: priority/));
    const table = screen.getByRole('table');
    const priority = within(table).getByRole('textbox', { name: 'Priority of Tokyo' });
    fireEvent.change(priority, { target: { value: '5' } });
    fireEvent.keyDown(priority, { key: 'Enter' });
    expect(sim(store).nodes[2]?.priority).toBe(5);
    const step = within(table).getByRole('textbox', { name: 'Auto-increment step of Virginia' });
    fireEvent.change(step, { target: { value: '3' } });
    fireEvent.blur(step);
    const offset = within(table).getByRole('textbox', { name: 'Auto-increment offset of Virginia' });
    fireEvent.change(offset, { target: { value: '2' } });
    fireEvent.blur(offset);
    expect(sim(store).nodes[1]?.autoIncrement).toEqual({ increment: 3, offset: 2 });
    // An offset above the step is refused beside the box; the cluster keeps its value.
    fireEvent.change(offset, { target: { value: '4' } });
    fireEvent.blur(offset);
    expect(screen.getByText(/a whole number from 1 to 3 \(still 2\)/)).toBeTruthy();
    expect(sim(store).nodes[1]?.autoIncrement).toEqual({ increment: 3, offset: 2 });
    fireEvent.click(screen.getByRole('button', { name: /Interleave ids/ }));
    expect(sim(store).nodes.map((n) => n.autoIncrement)).toEqual([
      { increment: 3, offset: 1 },
      { increment: 3, offset: 2 },
      { increment: 3, offset: 3 },
    ]);
  });
});

describe('<ClusterControls> row conflicts', () => {
  it('offers Spock’s or MySQL’s rules beside the auto-increment settings, only when there is a table key', () => {
    renderControls();
    fireEvent.click(screen.getByText(/^Leaders: priority/));
    expect(screen.queryByRole('combobox', { name: /Row conflicts as in/ })).toBeNull();
    cleanup();
    const store = renderControls({ keys: { orders: 'table' } });
    fireEvent.click(screen.getByText(/^Leaders: priority/));
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: /Row conflicts as in/ });
    expect(select.value).toBe('spock');
    expect(sim(store).rowConflicts).toBe('spock');
    fireEvent.change(select, { target: { value: 'mysql' } });
    expect(sim(store).rowConflicts).toBe('mysql');
    expect(screen.getByText(/error 1062/)).toBeTruthy();
    fireEvent.change(select, { target: { value: 'spock' } });
    expect(sim(store).rowConflicts).toBe('spock');
  });
});

describe('<ClusterControls> seed box', () => {
  it('commits on Enter or blur only, and refuses an empty box instead of using seed 0', () => {
    const store = renderControls();
    const seed = screen.getByRole('textbox', { name: 'Seed' });
    const runs = () => store.getState().undoDepth;
    fireEvent.change(seed, { target: { value: '4' } });
    fireEvent.change(seed, { target: { value: '42' } });
    expect(runs()).toBe(0);
    fireEvent.keyDown(seed, { key: 'Enter' });
    expect(sim(store).seed).toBe(42);
    expect(runs()).toBe(1);
    fireEvent.change(seed, { target: { value: '' } });
    fireEvent.blur(seed);
    expect(sim(store).seed).toBe(42);
    expect(runs()).toBe(1);
    expect(screen.getByText('enter a number (still 42)')).toBeTruthy();
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    fireEvent.keyDown(seed, { key: 'Escape' });
    expect((seed as HTMLInputElement).value).toBe('42');
    fireEvent.change(seed, { target: { value: '1.5' } });
    fireEvent.keyDown(seed, { key: 'Enter' });
    expect(sim(store).seed).toBe(42);
  });
});

describe('<ClusterControls> latency slider', () => {
  it('restarts the run once when a drag settles, and keeps the jitter', () => {
    vi.useFakeTimers();
    const store = renderControls();
    const slider = screen.getByRole('slider', { name: /^Latency/ });
    for (const v of ['1100', '900', '500', '200', '100']) fireEvent.change(slider, { target: { value: v } });
    expect(store.getState().undoDepth).toBe(0);
    expect(screen.getByText('Latency 100 ms')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS);
    });
    expect(store.getState().undoDepth).toBe(1);
    expect(sim(store).latency).toMatchObject({ base: 100, jitter: 300 });
    // Back up again: the jitter was never lowered behind the learner's back.
    fireEvent.change(slider, { target: { value: '2000' } });
    fireEvent.pointerUp(slider);
    expect(store.getState().undoDepth).toBe(2);
    expect(sim(store).latency).toMatchObject({ base: 2000, jitter: 300 });
  });

  it('sets the jitter on its own slider', () => {
    vi.useFakeTimers();
    const store = renderControls();
    fireEvent.change(screen.getByRole('slider', { name: /^Jitter/ }), { target: { value: '50' } });
    act(() => {
      vi.advanceTimersByTime(SETTLE_MS);
    });
    expect(sim(store).latency).toMatchObject({ base: 1200, jitter: 50 });
  });
});
