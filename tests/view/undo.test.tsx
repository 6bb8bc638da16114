// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { SCENARIO_FORMAT } from '../../src/scenario';
import { createLabStore, UNDO_LIMIT } from '../../src/store/labStore';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import { openClusterSettings } from '../support/cluster';

const config: SimulationConfig = {
  seed: 1,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
  ],
  latencyMs: 100,
  keys: { title: 'register', likes: 'counter' },
};

afterEach(cleanup);

const titleAt = (store: ReturnType<typeof createLabStore>, node: string) =>
  store.getState().snapshot.nodes.find((n) => n.id === node)?.keys.title?.value;

describe('the lab store’s undo', () => {
  it('brings back the run a reconfigure discarded, at the same time, with the same history', () => {
    const store = createLabStore(config);
    const { actions } = store.getState();
    actions.write('eu', 'title', { type: 'set', value: 'kept' });
    actions.step();
    const before = store.getState().sim.history();
    const t = store.getState().snapshot.time;
    actions.reconfigure({ latencyMs: 500 });
    expect(store.getState().historyTotal).toBe(0);
    expect(store.getState().notice?.text).toBe('Cluster changed: the run restarted.');
    expect(store.getState().undoDepth).toBe(1);
    actions.undo();
    expect(store.getState().snapshot.time).toBe(t);
    expect(store.getState().sim.history()).toEqual(before);
    expect(titleAt(store, 'us')).toBe('kept');
    expect(store.getState().config.latencyMs).toEqual({ base: 100, jitter: 0 });
    expect(store.getState().undoDepth).toBe(0);
    expect(store.getState().notice?.text).toMatch(/previous run is back/);
  });

  it('keeps the recorded future a new command would discard after seeking back', () => {
    const store = createLabStore(config);
    const { actions } = store.getState();
    actions.write('eu', 'title', { type: 'set', value: 'first' });
    actions.tick(0);
    actions.play();
    actions.tick(1000);
    actions.pause();
    const horizon = store.getState().snapshot.horizon;
    actions.seek(0);
    actions.write('us', 'title', { type: 'set', value: 'second' });
    expect(store.getState().snapshot.horizon).toBeLessThan(horizon);
    expect(store.getState().undoDepth).toBe(1);
    actions.undo();
    expect(store.getState().snapshot.time).toBe(0);
    expect(store.getState().snapshot.horizon).toBe(horizon);
    expect(
      store
        .getState()
        .sim.recordedCommands()
        .map((c) => c.type),
    ).toEqual(['write']);
  });

  it('keeps the runs reset and load replace, and no more than the last 20', () => {
    const store = createLabStore(config);
    const { actions } = store.getState();
    for (let i = 0; i < UNDO_LIMIT + 5; i++) {
      actions.write('eu', 'likes', { type: 'increment', by: 1 });
      actions.reset();
    }
    expect(store.getState().undoDepth).toBe(UNDO_LIMIT);
    actions.load({ format: SCENARIO_FORMAT, title: 'Two writes', config, commands: [] }, 'Opened Two writes.');
    expect(store.getState().meta.title).toBe('Two writes');
    expect(store.getState().undoDepth).toBe(UNDO_LIMIT);
    actions.undo();
    expect(store.getState().meta.title).toBeUndefined();
    // Twenty undos in all, then nothing more to undo.
    for (let i = 0; i < UNDO_LIMIT; i++) actions.undo();
    expect(store.getState().undoDepth).toBe(0);
    expect(store.getState().snapshot.nodes[0]?.keys.likes?.value).toBe(1);
  });

  it('keeps no state between two labs', () => {
    const one = createLabStore(config);
    const two = createLabStore(config);
    one.getState().actions.reconfigure({ seed: 3 });
    expect(one.getState().undoDepth).toBe(1);
    expect(two.getState().undoDepth).toBe(0);
  });

  it('says nothing when the discarded run was empty, but can still undo the change', () => {
    const store = createLabStore(config);
    store.getState().actions.reconfigure({ seed: 9 });
    expect(store.getState().notice).toBeNull();
    store.getState().actions.undo();
    expect(store.getState().config.seed).toBe(1);
  });
});

describe('<MultiLeaderLab> undo notice', () => {
  const writeTitle = (value: string) => {
    fireEvent.change(screen.getByRole('textbox', { name: 'Value' }), { target: { value } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
  };

  it('offers Undo after a cluster change and restores the run', async () => {
    render(<MultiLeaderLab config={config} />);
    writeTitle('hello');
    await openClusterSettings();
    fireEvent.change(screen.getByRole('combobox', { name: 'Leaders' }), { target: { value: '3' } });
    expect(screen.getByText('Cluster changed: the run restarted.')).toBeTruthy();
    expect(document.querySelectorAll('g.node')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(document.querySelectorAll('g.node')).toHaveLength(2);
    expect(screen.getByText(/Frankfurt accepted eu:1: title set "hello"/)).toBeTruthy();
  });

  it('undoes with Ctrl+Z from a control, but leaves Ctrl+Z in a text box to the text box', () => {
    render(<MultiLeaderLab config={config} />);
    writeTitle('hello');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.queryByText(/title set "hello"/)).toBeNull();
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Value' }), { key: 'z', ctrlKey: true });
    expect(screen.queryByText(/title set "hello"/)).toBeNull();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Reset' }), { key: 'z', metaKey: true });
    expect(screen.getByText(/title set "hello"/)).toBeTruthy();
  });

  it('can be dismissed', () => {
    render(<MultiLeaderLab config={config} />);
    writeTitle('hello');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss this notice' }));
    expect(screen.queryByText('The run was reset.')).toBeNull();
  });
});
