import { useEffect, useState } from 'react';
import type { SimulationConfig, SimulationOptions } from '../model';
import type { LabActions } from '../store/labStore';
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

/** `?bench`: 8 leaders all-to-all, slow links and a write every 40 ms, for `npm run bench:ui`. */
const benchScenario: SimulationConfig = {
  seed: 1,
  nodes: ['eu', 'us', 'ap', 'sa', 'au', 'in', 'or', 'sg'].map((id) => ({ id })),
  topology: { kind: 'all-to-all' },
  latencyMs: { base: 1500, jitter: 400 },
  keys: { likes: 'counter', title: 'register' },
};

function startBench(actions: LabActions): void {
  const ids = benchScenario.nodes.map((n) => n.id);
  let i = 0;
  setInterval(() => {
    i += 1;
    actions.write(
      ids[i % ids.length] ?? 'eu',
      i % 2 ? 'likes' : 'title',
      i % 2 ? { type: 'increment', by: 1 } : { type: 'set', value: `v${String(i)}` },
    );
  }, 40);
  actions.play();
}

/**
 * `?inspect` in development: connect Stately's inspector, which opens in a new window and
 * shows the cluster, leader and link machines live. Never part of the production bundle.
 */
function useDevInspector(): SimulationOptions['inspect'] | null | undefined {
  const wanted = import.meta.env.DEV && new URLSearchParams(window.location.search).has('inspect');
  const [inspect, setInspect] = useState<SimulationOptions['inspect'] | null | undefined>(wanted ? undefined : null);
  useEffect(() => {
    if (!wanted) return;
    void import('@statelyai/inspect').then(({ createBrowserInspector }) => {
      setInspect(() => createBrowserInspector().inspect);
    });
  }, [wanted]);
  return inspect;
}

export function App() {
  const bench = new URLSearchParams(window.location.search).has('bench');
  const inspect = useDevInspector();
  if (inspect === undefined) return <main>Connecting Stately’s inspector…</main>;
  return (
    <main>
      {bench ? (
        <MultiLeaderLab config={benchScenario} title="Multi-Leader Lab (benchmark)" onReady={startBench} />
      ) : (
        <MultiLeaderLab config={defaultScenario} options={inspect ? { inspect } : {}} />
      )}
    </main>
  );
}
