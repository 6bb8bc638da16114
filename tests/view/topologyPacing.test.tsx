// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { TopologyGraph } from '../../src/view/TopologyGraph';
import { THROTTLE_MS } from '../../src/view/useLabThrottled';

const config: SimulationConfig = {
  seed: 1,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
  ],
  latencyMs: 100,
  keys: { title: 'register' },
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const euLabel = (container: HTMLElement) =>
  [...container.querySelectorAll('g.node')]
    .find((g) => g.getAttribute('aria-label')?.startsWith('Frankfurt'))
    ?.getAttribute('aria-label') ?? '';

function setup(): { store: LabStore; container: HTMLElement } {
  const store = createLabStore(config);
  const { container } = render(
    <LabContext.Provider value={store}>
      <TopologyGraph />
    </LabContext.Provider>,
  );
  return { store, container };
}

describe('the graph’s leaders while time runs', () => {
  it('follow at most every THROTTLE_MS while playing, not on every frame and write', () => {
    vi.useFakeTimers();
    const { store, container } = setup();
    const { actions } = store.getState();
    act(() => {
      actions.play();
      actions.tick(16);
    });
    vi.advanceTimersByTime(THROTTLE_MS);
    act(() => {
      actions.write('eu', 'title', { type: 'set', value: 'Hello' });
      actions.tick(16);
    });
    // Written and a frame later, the drawing still waits...
    expect(euLabel(container)).not.toContain('Hello');
    act(() => {
      vi.advanceTimersByTime(THROTTLE_MS);
    });
    // ...and follows within THROTTLE_MS.
    expect(euLabel(container)).toContain('title = "Hello"');
  });

  it('show at once what is not time running on: a write while paused, a selection, a pause', () => {
    vi.useFakeTimers();
    const { store, container } = setup();
    const { actions } = store.getState();
    act(() => {
      actions.write('eu', 'title', { type: 'set', value: 'Paused' });
    });
    expect(euLabel(container)).toContain('title = "Paused"');
    act(() => {
      actions.play();
      actions.tick(16);
    });
    act(() => {
      actions.select({ kind: 'node', id: 'eu' });
    });
    expect(container.querySelector('g.node.selected')?.getAttribute('aria-label')).toMatch(/^Frankfurt/);
    act(() => {
      actions.write('eu', 'title', { type: 'set', value: 'Running' });
      actions.tick(16);
    });
    expect(euLabel(container)).not.toContain('Running');
    act(() => {
      actions.pause();
    });
    expect(euLabel(container)).toContain('title = "Running"');
  });
});
