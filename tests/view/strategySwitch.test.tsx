// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  convergedValues,
  createSimulation,
  lostWriteIds,
  type Simulation,
  type SimulationConfig,
  type StrategyConfig,
} from '../../src/model';
import { createLabStore, type LabStore, RECENT, SLICED_SWITCH_EVENTS } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { StrategyPicker } from '../../src/view/StrategyPicker';
import { datacenters } from '../fixtures/datacenters';

/**
 * A strategy switch over a long history runs in slices: the picker shows the strategy asked
 * for and a progress bar, the previous run stays in force until the new one is ready, and a
 * newer switch supersedes one under way.
 */

const config: SimulationConfig = {
  seed: 5,
  nodes: datacenters({ us: { clockSkewMs: 40 } }),
  latencyMs: { base: 80, jitter: 40 },
  keys: { title: 'register', cart: 'set', likes: 'counter' },
};

/** Concurrent writes on every leader, 400 of them: over 3,000 events. */
function longHistory(sim: Simulation): void {
  const ids = ['eu', 'us', 'ap'];
  for (let i = 0; i < 400; i++) {
    const node = ids[i % 3] as string;
    if (i % 3 === 0) sim.write(node, 'title', { type: 'set', value: `t${String(i)}` });
    else if (i % 3 === 1) sim.write(node, 'cart', { type: 'add', item: `i${String(i % 7)}` });
    else sim.write(node, 'likes', { type: 'increment', by: 1 });
    if (i % 2 === 1) sim.advance(30);
  }
  sim.runUntilQuiescent();
}

/** What the same history reads as under `strategy`, re-run at once by a simulation of its own. */
function expected(strategy: StrategyConfig): unknown {
  const sim = createSimulation(config);
  longHistory(sim);
  sim.setStrategy(strategy);
  return sim.snapshot().nodes.map((n) => Object.fromEntries(Object.entries(n.keys).map(([k, v]) => [k, v.value])));
}
const values = (store: LabStore): unknown =>
  store.getState().snapshot.nodes.map((n) => Object.fromEntries(Object.entries(n.keys).map(([k, v]) => [k, v.value])));

/** Slices run when the test says: each `next()` runs the one scheduled. */
function manualSchedule() {
  const queue: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => {
      queue.push(fn);
      return () => {
        const i = queue.indexOf(fn);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    next: () => {
      const fn = queue.shift();
      if (!fn) throw new Error('no slice scheduled');
      act(fn);
    },
    get pending() {
      return queue.length;
    },
  };
}

function renderPicker(store: LabStore): void {
  render(
    <LabContext.Provider value={store}>
      <StrategyPicker />
    </LabContext.Provider>,
  );
}
const combo = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name });
const choose = (name: string, value: string) => {
  act(() => {
    fireEvent.change(combo(name), { target: { value } });
  });
};
const bar = () => screen.queryByRole<HTMLProgressElement>('progressbar');

afterEach(cleanup);

describe('a strategy switch over a long history', () => {
  it('shows progress, keeps the previous run until the new one is ready, then shows it', async () => {
    // Real slices (a MessageChannel task each), small so there are many.
    const store = createLabStore(config, { slices: { budgetMs: 1, units: 40 } });
    store.getState().actions.run(longHistory);
    expect(store.getState().historyTotal).toBeGreaterThan(SLICED_SWITCH_EVENTS);
    const before = values(store);
    renderPicker(store);
    expect(bar()).toBeNull();
    choose('Conflict resolution', 'merge');
    // The menu shows the choice at once; the run in force is still the previous one.
    expect(combo('Conflict resolution').value).toBe('merge');
    expect(store.getState().snapshot.strategy.kind).toBe('lww');
    expect(values(store)).toEqual(before);
    expect(bar()?.getAttribute('aria-label')).toBe('Re-running the history under Merge values');
    expect(screen.getByRole('status').textContent).toMatch(/Re-running the history under Merge values/);
    const seen: number[] = [];
    await waitFor(
      () => {
        const b = bar();
        if (b) seen.push(b.value);
        expect(b).toBeNull();
      },
      { timeout: 20_000, interval: 5 },
    );
    // It went by steps, each further than the last, and ended on the new run.
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(store.getState().snapshot.strategy.kind).toBe('merge');
    expect(combo('Conflict resolution').value).toBe('merge');
    expect(values(store)).toEqual(expected({ kind: 'merge' }));
    expect(store.getState().switching).toBeNull();
    // The lost writes were counted in slices before the switch: the same count as from scratch.
    const sim = store.getState().sim;
    expect(store.getState().lostWrites).toBe(lostWriteIds(sim.history(), convergedValues(sim.snapshot())).length);
  }, 30_000);

  it('a second switch cancels the first: only the last one is ever adopted', () => {
    const slices = manualSchedule();
    const store = createLabStore(config, { slices: { schedule: slices.schedule, budgetMs: 0, units: 200 } });
    store.getState().actions.run(longHistory);
    const adopted: string[] = [];
    store.subscribe((s, prev) => {
      if (s.snapshot.strategy !== prev.snapshot.strategy) adopted.push(s.snapshot.strategy.kind);
    });
    renderPicker(store);
    choose('Conflict resolution', 'merge');
    slices.next();
    slices.next();
    const part = bar()?.value ?? 0;
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(100);
    choose('Conflict resolution', 'crdt');
    // The merge job's next slice is gone; one slice of the CRDT job waits, from 0 again.
    expect(slices.pending).toBe(1);
    expect(bar()?.getAttribute('aria-label')).toBe('Re-running the history under CRDTs');
    expect(bar()?.value).toBe(0);
    for (let i = 0; i < 500 && slices.pending > 0; i++) slices.next();
    expect(bar()).toBeNull();
    expect(adopted).toEqual(['crdt']);
    expect(values(store)).toEqual(expected({ kind: 'crdt' }));
  });

  it('a write while the switch runs joins it: the switch goes on and the new run holds the write', () => {
    const slices = manualSchedule();
    const store = createLabStore(config, { slices: { schedule: slices.schedule, budgetMs: 0, units: 200 } });
    store.getState().actions.run(longHistory);
    renderPicker(store);
    choose('Conflict resolution', 'merge');
    slices.next();
    slices.next();
    const part = bar()?.value ?? 0;
    expect(part).toBeGreaterThan(0);
    act(() => {
      store.getState().actions.write('ap', 'title', { type: 'set', value: 'while switching' });
    });
    // The write is in the run in force at once; the switch did not start over.
    expect(store.getState().snapshot.strategy.kind).toBe('lww');
    slices.next();
    expect(bar()?.value).toBeGreaterThanOrEqual(part);
    for (let i = 0; i < 500 && slices.pending > 0; i++) slices.next();
    expect(bar()).toBeNull();
    expect(store.getState().snapshot.strategy.kind).toBe('merge');
    const sim = createSimulation(config);
    longHistory(sim);
    sim.write('ap', 'title', { type: 'set', value: 'while switching' });
    sim.setStrategy({ kind: 'merge' });
    expect(JSON.stringify(store.getState().sim.history())).toBe(JSON.stringify(sim.history()));
    expect(store.getState().lostWrites).toBe(lostWriteIds(sim.history(), convergedValues(sim.snapshot())).length);
  });

  it('switching back to a run the model kept is a lookup, its lost writes too, and a seek since still counts right', () => {
    const slices = manualSchedule();
    const store = createLabStore(config, { slices: { schedule: slices.schedule, budgetMs: 0, units: 200 } });
    store.getState().actions.run(longHistory);
    const fresh = () => {
      const sim = store.getState().sim;
      return lostWriteIds(sim.history(), convergedValues(sim.snapshot())).length;
    };
    const lwwLost = store.getState().lostWrites;
    renderPicker(store);
    choose('Conflict resolution', 'merge');
    for (let i = 0; i < 500 && slices.pending > 0; i++) slices.next();
    expect(store.getState().snapshot.strategy.kind).toBe('merge');
    // Back to LWW: the model kept its run and this lab its count, so nothing is scheduled.
    const reads: number[] = [];
    const sim = store.getState().sim;
    const recent = sim.recentHistory.bind(sim);
    sim.recentHistory = (count) => {
      reads.push(count);
      return recent(count);
    };
    choose('Conflict resolution', 'lww');
    expect(slices.pending).toBe(0);
    expect(bar()).toBeNull();
    expect(store.getState().snapshot.strategy.kind).toBe('lww');
    expect(store.getState().lostWrites).toBe(lwwLost);
    expect(store.getState().lostWrites).toBe(fresh());
    // The count went on from where it stood: no read of the whole history (the view's window of
    // recent events aside).
    expect(reads).toContain(RECENT);
    expect(Math.max(0, ...reads.filter((n) => n !== RECENT))).toBeLessThan(10);
    // Merge again, after a seek: the count made of the kept run no longer matches its history
    // (seeking shortened it), so it is counted afresh.
    act(() => {
      store.getState().actions.seek(store.getState().snapshot.time / 2);
    });
    choose('Conflict resolution', 'merge');
    for (let i = 0; i < 500 && slices.pending > 0; i++) slices.next();
    expect(store.getState().snapshot.strategy.kind).toBe('merge');
    expect(store.getState().lostWrites).toBe(fresh());
  });

  it('Cancel keeps the strategy in force; a short history switches at once', () => {
    const slices = manualSchedule();
    const store = createLabStore(config, { slices: { schedule: slices.schedule, budgetMs: 0, units: 200 } });
    store.getState().actions.run(longHistory);
    const before = values(store);
    renderPicker(store);
    choose('Conflict resolution', 'merge');
    slices.next();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(slices.pending).toBe(0);
    expect(bar()).toBeNull();
    expect(combo('Conflict resolution').value).toBe('lww');
    expect(values(store)).toEqual(before);
    cleanup();

    const short = createLabStore(config, { slices: { schedule: slices.schedule } });
    short.getState().actions.run((sim) => {
      sim.write('eu', 'title', { type: 'set', value: 'a' });
      sim.write('us', 'title', { type: 'set', value: 'b' });
      sim.runUntilQuiescent();
    });
    renderPicker(short);
    choose('Conflict resolution', 'merge');
    expect(slices.pending).toBe(0);
    expect(bar()).toBeNull();
    expect(short.getState().snapshot.strategy.kind).toBe('merge');
  });
});
