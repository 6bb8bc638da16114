// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLabStore, type LabStore, RECENT } from '../../src/store/labStore';
import { Announcer, GAP_MS, SETTLE_MS } from '../../src/view/Announcer';
import { LabContext } from '../../src/view/LabContext';
import { datacenters } from '../fixtures/datacenters';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const status = () => screen.getByRole('status').textContent;

function renderAnnouncer(store: LabStore) {
  render(
    <LabContext.Provider value={store}>
      <Announcer />
    </LabContext.Provider>,
  );
}

/** Frankfurt's clock runs 5 s fast: its earlier write beats Virginia's later one everywhere. */
function skewed(): LabStore {
  return createLabStore({
    seed: 1,
    nodes: datacenters({ eu: { clockSkewMs: 5000 } }, 2),
    latencyMs: 100,
    keys: { title: 'register' },
  });
}

const wait = (ms: number) => {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
};

describe('<Announcer>', () => {
  it('says a write within about a second, in one short sentence', () => {
    const store = skewed();
    renderAnnouncer(store);
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'A' });
    });
    expect(status()).toBe('');
    wait(SETTLE_MS);
    expect(status()).toBe('Frankfurt set title to "A".');
  });

  it('says who won a conflict, what was lost and why, then that the leaders agree', () => {
    const store = skewed();
    renderAnnouncer(store);
    act(() => {
      const { actions } = store.getState();
      actions.write('eu', 'title', { type: 'set', value: 'A' });
      actions.run((sim) => {
        sim.advance(10);
      });
      actions.write('us', 'title', { type: 'set', value: 'B' });
      actions.run((sim) => {
        sim.advance(95);
      });
    });
    wait(SETTLE_MS);
    // The conflict outranks the writes and deliveries of the same burst: one sentence, not a list.
    // Virginia has both writes; Frankfurt has not heard Virginia's yet.
    expect(status()).toBe('Virginia took "A" for title; "B" from Virginia was lost to clock skew.');
    act(() => {
      store.getState().actions.run((sim) => {
        sim.runUntilQuiescent();
      });
    });
    wait(GAP_MS);
    // Frankfurt's own conflict and the convergence it brings come as one announcement.
    expect(status()).toBe(
      'Frankfurt took "A" for title; "B" from Virginia was lost to clock skew. All leaders agree on title.',
    );
  });

  it('keeps at most one sentence waiting: the newest replaces an older one of the same weight', () => {
    const store = skewed();
    renderAnnouncer(store);
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'first' });
    });
    wait(SETTLE_MS);
    expect(status()).toBe('Frankfurt set title to "first".');
    // Three writes inside the pause after a sentence: only the last is said, once the gap has passed.
    for (const v of ['x', 'y', 'z']) {
      act(() => {
        store.getState().actions.write('us', 'title', { type: 'set', value: v });
      });
      wait(100);
    }
    expect(status()).toBe('Frankfurt set title to "first".');
    wait(GAP_MS);
    expect(status()).toBe('Virginia set title to "z".');
    wait(5 * GAP_MS);
    expect(status()).toBe('Virginia set title to "z".');
  });

  it('clears what it said at once on a reset, then says the reset', () => {
    const store = skewed();
    renderAnnouncer(store);
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'A' });
    });
    wait(SETTLE_MS);
    expect(status()).not.toBe('');
    act(() => {
      store.getState().actions.write('us', 'title', { type: 'set', value: 'B' });
    });
    act(() => {
      store.getState().actions.reset();
    });
    // Nothing about the old run stays, and the write still waiting is never said.
    expect(status()).toBe('');
    wait(SETTLE_MS);
    expect(status()).toBe('The run was reset.');
    wait(5 * GAP_MS);
    expect(status()).toBe('The run was reset.');
  });

  it('says a cluster change and a re-run under another strategy', () => {
    const store = skewed();
    renderAnnouncer(store);
    act(() => {
      store.getState().actions.reconfigure({ latencyMs: { base: 200, jitter: 50 } });
    });
    wait(SETTLE_MS);
    expect(status()).toMatch(/^Cluster changed/);
    act(() => {
      const { actions } = store.getState();
      actions.write('eu', 'title', { type: 'set', value: 'A' });
      actions.write('us', 'title', { type: 'set', value: 'B' });
      actions.run((sim) => {
        sim.runUntilQuiescent();
      });
    });
    wait(GAP_MS);
    act(() => {
      store.getState().actions.setStrategy({ kind: 'merge' });
    });
    wait(GAP_MS);
    expect(status()).toMatch(/^Re-ran the history under .+: \d+ conflicts?, 0 lost writes\.$/);
  });

  it('still speaks after the run has more events than the views keep', () => {
    const store = createLabStore({ seed: 1, nodes: datacenters(), latencyMs: 10, keys: { likes: 'counter' } });
    store.getState().actions.run((sim) => {
      for (let i = 0; i < 600; i++) {
        sim.write('eu', 'likes', { type: 'increment', by: 1 });
        sim.advance(20);
      }
      sim.runUntilQuiescent();
    });
    expect(store.getState().historyTotal).toBeGreaterThan(RECENT);
    renderAnnouncer(store);
    act(() => {
      store.getState().actions.toggleCrash('eu');
    });
    wait(SETTLE_MS);
    expect(status()).toBe('Frankfurt crashed.');
  });
});
