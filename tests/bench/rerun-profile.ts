/**
 * A re-run to profile: the benchmark's 2,000-command history on 8 leaders, switched between
 * strategies a few times (each switch a full re-run; no runs kept).
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tests/bench/rerun-profile.ts [kind...]
 */
import { createSimulation, type StrategyConfig } from '../../src/model';
import { nextRandom, seedState } from '../../src/model/random';

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
let rng = seedState(7);
const rand = (n: number): number => {
  const [r, next] = nextRandom(rng);
  rng = next;
  return Math.floor(r * n);
};
let done = 0;
while (sim.commands().length < 2000) {
  const roll = rand(100);
  const node = ids[rand(ids.length)] as string;
  if (roll < 80) {
    const key = (['title', 'cart', 'likes', 'notes'] as const)[rand(4)] ?? 'title';
    const op =
      key === 'title'
        ? { type: 'set' as const, value: `v${String(done)}` }
        : key === 'cart'
          ? { type: 'add' as const, item: `i${String(rand(20))}` }
          : key === 'likes'
            ? { type: 'increment' as const, by: 1 }
            : { type: 'insert' as const, index: 0, text: 'x' };
    sim.write(node, key, op);
    done += 1;
  } else if (roll < 85) {
    const other = ids[rand(ids.length)] as string;
    const link = sim.snapshot().links.find((l) => (l.a === node && l.b === other) || (l.b === node && l.a === other));
    if (link?.status === 'up') sim.cutLink(link.a, link.b);
    else if (link) sim.healLink(link.a, link.b);
  } else sim.advance(rand(40));
}
for (const l of sim.snapshot().links) if (l.status === 'cut') sim.healLink(l.a, l.b);
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
