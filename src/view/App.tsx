import { useMemo } from 'react';
import { createSimulation, formatValue } from '../model';

/**
 * Placeholder page until the lab's view lands: it runs the classic LWW lesson on the real
 * model in the browser and shows what each leader ends up with.
 */
function runDemo() {
  const sim = createSimulation({
    seed: 7,
    nodes: [
      { id: 'eu', label: 'Frankfurt' },
      { id: 'us', label: 'Virginia', clockSkewMs: 5000 },
      { id: 'ap', label: 'Tokyo' },
    ],
    latencyMs: { base: 80, jitter: 20 },
    keys: { title: 'register' },
  });
  sim.cutLink('eu', 'us');
  sim.write('us', 'title', { type: 'set', value: 'Draft' });
  sim.advance(2000);
  sim.write('eu', 'title', { type: 'set', value: 'Final' });
  sim.advance(500);
  sim.healLink('eu', 'us');
  sim.runUntilQuiescent();
  const snap = sim.snapshot();
  const conflicts = sim.history().filter((e) => e.type === 'conflict');
  return { snap, conflict: conflicts[0] };
}

export function App() {
  const { snap, conflict } = useMemo(() => runDemo(), []);
  return (
    <main className="placeholder">
      <h1>Multi-Leader Lab</h1>
      <p>
        An interactive lab for multi-leader replication is on its way. Meanwhile, here is the headless model running in
        your browser: Virginia&apos;s clock runs 5 s fast, Frankfurt writes 2 s after Virginia, and last write wins.
      </p>
      <table>
        <caption>Each leader after replication (virtual time {snap.time} ms)</caption>
        <thead>
          <tr>
            <th scope="col">Leader</th>
            <th scope="col">title</th>
          </tr>
        </thead>
        <tbody>
          {snap.nodes.map((n) => (
            <tr key={n.id}>
              <th scope="row">{n.label}</th>
              <td>{formatValue(n.keys.title?.value ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {conflict?.type === 'conflict' && <p className="explanation">{conflict.explanation}</p>}
    </main>
  );
}
