// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { valueText } from '../../src/core/keyTypes';
import type { Simulation, SimulationConfig, SimulationOptions } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { StrategyPicker } from '../../src/view/StrategyPicker';
import { datacenters } from '../fixtures/datacenters';

const config: SimulationConfig = {
  seed: 1,
  nodes: datacenters(),
  latencyMs: 100,
  keys: { title: 'register', cart: 'set' },
};

/** Two writes to title at the same instant on two leaders: a tie, settled by the tie rule. */
const tie = (sim: Simulation) => {
  sim.write('eu', 'title', { type: 'set', value: 'B from Frankfurt' });
  sim.write('us', 'title', { type: 'set', value: 'A from Virginia' });
  sim.runUntilQuiescent();
};

function renderPicker(c: SimulationConfig = config, options: SimulationOptions = {}): LabStore {
  const store = createLabStore(c, options);
  store.getState().actions.run(tie);
  render(
    <LabContext.Provider value={store}>
      <StrategyPicker />
    </LabContext.Provider>,
  );
  return store;
}

const combo = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name });
const choose = (name: string, value: string) => {
  act(() => {
    fireEvent.change(combo(name), { target: { value } });
  });
};
const title = (store: LabStore) => store.getState().snapshot.nodes[2]?.keys.title?.value;

afterEach(cleanup);

describe('<StrategyPicker>', () => {
  it('shows last write wins with its clock and tie rule, and a new tie rule re-runs the history', () => {
    const store = renderPicker();
    expect(combo('Conflict resolution').value).toBe('lww');
    expect(combo('Clock').value).toBe('physical');
    expect(combo('On a tie').value).toBe('higher-node-id');
    expect(title(store)).toBe('A from Virginia');
    choose('On a tie', 'lower-node-id');
    expect(store.getState().snapshot.strategy).toEqual({
      kind: 'lww',
      clock: 'physical',
      tieBreak: 'lower-node-id',
      granularity: 'value',
    });
    expect(title(store)).toBe('B from Frankfurt');
    choose('On a tie', 'larger-value');
    expect(title(store)).toBe('B from Frankfurt');
    choose('Clock', 'hlc');
    expect(store.getState().snapshot.strategy).toEqual({
      kind: 'lww',
      clock: 'hlc',
      tieBreak: 'larger-value',
      granularity: 'value',
    });
    expect(screen.getByRole('option', { name: /pglogical/ })).toBeTruthy();
    expect(combo('Granularity').value).toBe('value');
    choose('Granularity', 'field');
    expect(store.getState().snapshot.strategy).toMatchObject({ kind: 'lww', granularity: 'field' });
    expect(screen.getByRole('option', { name: /per field \(Cassandra\)/ })).toBeTruthy();
  });

  it('shows only the chosen strategy’s options, each set through setStrategy', () => {
    const store = renderPicker();
    choose('Conflict resolution', 'crdt');
    expect(screen.queryByRole('combobox', { name: 'Clock' })).toBeNull();
    expect(combo('Sets').value).toBe('or-set');
    expect(combo('Registers').value).toBe('mv');
    choose('Sets', '2p-set');
    choose('Registers', 'lww');
    expect(store.getState().snapshot.strategy).toEqual({ kind: 'crdt', set: '2p-set', register: 'lww' });

    choose('Conflict resolution', 'custom-write');
    expect(combo('Resolver').value).toBe('datacenter-priority');
    choose('Resolver', 'longer-text');
    expect(store.getState().snapshot.strategy).toEqual({ kind: 'custom', on: 'write', resolver: 'longer-text' });
    expect(title(store)).toBe('B from Frankfurt');

    choose('Conflict resolution', 'custom-read');
    // Custom on read offers one option: whose sibling behaviour, Riak's (the default) or CouchDB's.
    expect(combo('Siblings as in').value).toBe('riak');
    choose('Siblings as in', 'couchdb');
    expect(store.getState().snapshot.strategy).toEqual({ kind: 'custom', on: 'read', system: 'couchdb' });
    expect(screen.getAllByRole('combobox')).toHaveLength(2);

    choose('Conflict resolution', 'merge');
    expect(title(store)).toBe('A from Virginia/B from Frankfurt');
    expect(screen.getAllByRole('combobox')).toHaveLength(1);
  });

  it('offers OT’s fallback for other keys where OT can run, and snaps back where it cannot', () => {
    const two = renderPicker({ ...config, nodes: config.nodes.slice(0, 2) });
    choose('Conflict resolution', 'ot');
    expect(combo('Keys other than text').value).toBe('lww');
    choose('Keys other than text', 'merge');
    expect(two.getState().snapshot.strategy).toEqual({ kind: 'ot', fallback: 'merge' });
    cleanup();
    const ring = renderPicker({ ...config, topology: { kind: 'ring' } });
    choose('Conflict resolution', 'ot');
    expect(ring.getState().error).toMatch(/needs a central server/);
    expect(combo('Conflict resolution').value).toBe('lww');
    expect(screen.queryByRole('combobox', { name: 'Keys other than text' })).toBeNull();
  });

  it('hides options that change nothing for this cluster’s keys: granularity and sets without sets or records', () => {
    renderPicker({ ...config, keys: { title: 'register', likes: 'counter' } });
    expect(combo('On a tie').value).toBe('higher-node-id');
    expect(screen.queryByRole('combobox', { name: 'Granularity' })).toBeNull();
    choose('Conflict resolution', 'crdt');
    expect(screen.queryByRole('combobox', { name: 'Sets' })).toBeNull();
    expect(combo('Registers').value).toBe('mv');
    cleanup();
    // A record key: granularity is back; no register or record: no register menu.
    renderPicker({ ...config, keys: { profile: 'record', cart: 'set' } });
    expect(combo('Granularity').value).toBe('value');
    choose('Conflict resolution', 'crdt');
    expect(combo('Sets').value).toBe('or-set');
    expect(screen.getByRole('combobox', { name: 'Registers' })).toBeTruthy();
    cleanup();
    renderPicker({ ...config, keys: { cart: 'set' } });
    choose('Conflict resolution', 'crdt');
    expect(screen.queryByRole('combobox', { name: 'Registers' })).toBeNull();
  });

  it('keeps the merge functions a page set up when the strategy changes and comes back', () => {
    const store = renderPicker(
      { ...config, strategy: { kind: 'merge', functions: { title: 'ampersand' } } },
      { merges: { ampersand: (a, b) => [valueText(a), valueText(b)].sort().join(' & ') } },
    );
    expect(title(store)).toBe('A from Virginia & B from Frankfurt');
    choose('Conflict resolution', 'lww');
    expect(store.getState().snapshot.strategy).toEqual({
      kind: 'lww',
      clock: 'physical',
      tieBreak: 'higher-node-id',
      granularity: 'value',
    });
    choose('Conflict resolution', 'merge');
    expect(store.getState().snapshot.strategy).toEqual({ kind: 'merge', functions: { title: 'ampersand' } });
    expect(title(store)).toBe('A from Virginia & B from Frankfurt');
  });
});
