/**
 * The benchmarks' seeded workload on a cluster with keys title, cart, likes and notes: mostly
 * writes, with cuts, heals and time passing (model-bench.ts and rerun-profile.ts drive it).
 */
import type { Simulation } from '../../src/model';
import { nextRandom, seedState } from '../../src/model/random';

/** Drives `sim` while `more(writesSoFar)` says so; returns how many commands it gave. */
export function driveWorkload(sim: Simulation, seed: number, more: (done: number) => boolean): number {
  const ids = sim.snapshot().nodes.map((n) => n.id);
  let rng = seedState(seed);
  const rand = (n: number): number => {
    const [r, next] = nextRandom(rng);
    rng = next;
    return Math.floor(r * n);
  };
  let commands = 0;
  let done = 0;
  while (more(done)) {
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
    } else {
      sim.advance(rand(40));
    }
    commands += 1;
  }
  return commands;
}

/** Heals every cut link. */
export function healAll(sim: Simulation): void {
  for (const l of sim.snapshot().links) if (l.status === 'cut') sim.healLink(l.a, l.b);
}
