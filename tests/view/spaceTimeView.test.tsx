// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { SpaceTimeView } from '../../src/view/spacetime/SpaceTimeView';

afterEach(cleanup);

describe('<SpaceTimeView>', () => {
  it('keeps its text alternative up to date on each redraw without a React render', () => {
    const store = createLabStore({
      seed: 1,
      nodes: [{ id: 'eu' }, { id: 'us' }, { id: 'ap' }],
      latencyMs: 1000,
      keys: { title: 'register' },
    });
    const renders = vi.fn();
    const { container } = render(
      <LabContext.Provider value={store}>
        <Profiler id="diagram" onRender={renders}>
          <SpaceTimeView />
        </Profiler>
      </LabContext.Provider>,
    );
    const svg = container.querySelector('svg');
    expect(svg?.getAttribute('aria-label')).toMatch(/^Space-time diagram from 0 ms to .*: 0 messages, 0 conflicts\./);
    const before = renders.mock.calls.length;
    // A write while paused is drawn at once: two messages, their arrows in the diagram.
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'x' });
    });
    expect(svg?.getAttribute('aria-label')).toMatch(/: 2 messages, 0 conflicts\. Plus and minus zoom/);
    expect(svg?.querySelector('path.arrow.open')?.getAttribute('d')).toMatch(/^M.*M/);
    expect(renders.mock.calls.length).toBe(before);
  });
});
