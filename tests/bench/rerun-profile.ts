/**
 * A re-run to profile: the benchmark's 2,000-command history on 8 leaders, switched between
 * strategies a few times (each switch a full re-run; no runs kept).
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tests/bench/rerun-profile.ts [kind...]
 */
import { createSimulation, type StrategyConfig } from '../../src/model';
import { driveWorkload, healAll } from './workload';

const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const sim = createSimulation(
  {
    seed: 42,
    nodes: ids.map((id) => ({ id, clockSkewMs: 0 })),
    topology: { kind: 'all-to-all' },
    latencyMs: { base: 60, jitter: 30 },
    keys: { title: 'register', cart: 'set', likes: 'counter', notes: 'text' },
  },
  { keptRuns: 0 },
);
driveWorkload(sim, 7, () => sim.commands().length < 2000);
healAll(sim);
sim.runUntilQuiescent();
const kinds = process.argv.slice(2);
const all: Record<string, StrategyConfig> = {
  lww: { kind: 'lww', clock: 'physical' },
  hlc: { kind: 'lww', clock: 'hlc', tieBreak: 'larger-value' },
  merge: { kind: 'merge' },
  custom: { kind: 'custom', on: 'write', resolver: 'datacenter-priority' },
  read: { kind: 'custom', on: 'read' },
  crdt: { kind: 'crdt' },
};
const list = (kinds.length > 0 ? kinds : Object.keys(all)).map((k) => all[k] as StrategyConfig);
for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++)
  for (const s of list) {
    sim.setStrategy({ kind: 'lww', clock: 'physical', tieBreak: 'lower-node-id' });
    const t0 = process.cpuUsage();
    sim.setStrategy(s);
    const c = process.cpuUsage(t0);
    console.log(
      `${JSON.stringify(s)}: ${String(Math.round((c.user + c.system) / 1000))} ms, ${String(sim.historyLength())} events`,
    );
  }
