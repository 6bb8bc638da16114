import type { Decorator } from '@storybook/react-vite';
import { useState } from 'react';
import type { Simulation, SimulationConfig } from '../../src/model';
import { createLabStore, type LabActions } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import '../../src/view/lab.css';

/** The three datacenters most stories start from (the same seeded fixture the tests use). */
export const threeDatacenters: SimulationConfig = {
  seed: 7,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
    { id: 'ap', label: 'Tokyo' },
  ],
  latencyMs: { base: 1200, jitter: 300 },
  keys: { title: 'register', cart: 'set', likes: 'counter' },
};

/** Frankfurt and Virginia write title while their link is cut; the link heals, nothing delivered yet. */
export function partitionedTitles(sim: Simulation): void {
  sim.cutLink('eu', 'us');
  sim.write('eu', 'title', { type: 'set', value: 'from Frankfurt' });
  sim.advance(100);
  sim.write('us', 'title', { type: 'set', value: 'from Virginia' });
  sim.advance(100);
  sim.healLink('eu', 'us');
}

/** The same, delivered: the classic conflict everywhere, settled by the strategy in force. */
export function conflict(sim: Simulation): void {
  partitionedTitles(sim);
  sim.runUntilQuiescent();
}

/** Wrap a component story in its own lab store, with a scene set by model commands. */
export function withLab(
  config: SimulationConfig = threeDatacenters,
  scene?: (sim: Simulation) => void,
  ui?: (actions: LabActions) => void,
): Decorator {
  function LabScene({ children }: { children: React.ReactNode }) {
    const [store] = useState(() => {
      const s = createLabStore(config);
      if (scene) s.getState().actions.run(scene);
      ui?.(s.getState().actions);
      return s;
    });
    return (
      <LabContext.Provider value={store}>
        <div className="mll">{children}</div>
      </LabContext.Provider>
    );
  }
  const decorator: Decorator = (Story) => (
    <LabScene>
      <Story />
    </LabScene>
  );
  return decorator;
}
