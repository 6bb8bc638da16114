// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore, RECENT } from '../../src/store/labStore';
import { Announcer } from '../../src/view/Announcer';
import { LabContext } from '../../src/view/LabContext';
import { datacenters } from '../fixtures/datacenters';

afterEach(cleanup);

describe('<Announcer>', () => {
  it('still speaks after the run has more events than the views keep', async () => {
    const store = createLabStore({
      seed: 1,
      nodes: datacenters(),
      latencyMs: 10,
      keys: { likes: 'counter' },
    });
    store.getState().actions.run((sim) => {
      for (let i = 0; i < 600; i++) {
        sim.write('eu', 'likes', { type: 'increment', by: 1 });
        sim.advance(20);
      }
      sim.runUntilQuiescent();
    });
    expect(store.getState().historyTotal).toBeGreaterThan(RECENT);
    render(
      <LabContext.Provider value={store}>
        <Announcer everyMs={30} />
      </LabContext.Provider>,
    );
    act(() => {
      store.getState().actions.toggleCrash('eu');
    });
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('Frankfurt crashed');
    });
  });
});
