import type { SimulationConfig } from '../model';
import { MultiLeaderLab } from './MultiLeaderLab';

/** The default scenario: three datacenters, all-to-all, a second of latency so messages can be seen. */
export const defaultScenario: SimulationConfig = {
  seed: 7,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
    { id: 'ap', label: 'Tokyo' },
  ],
  topology: { kind: 'all-to-all' },
  latencyMs: { base: 1200, jitter: 300 },
  keys: { title: 'register', cart: 'set', likes: 'counter' },
  strategy: { kind: 'lww', clock: 'physical' },
};

export function App() {
  return (
    <main>
      <MultiLeaderLab config={defaultScenario} />
    </main>
  );
}
