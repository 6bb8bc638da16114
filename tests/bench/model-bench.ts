/**
 * npm run bench: the model's benchmark (not a test). Prints throughput to quiescence, the
 * cost of re-running a history under another strategy and of seeking into it, and the heap
 * after a long session. Figures vary with the machine: compare runs on the same one.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation, type Simulation, type StrategyConfig } from '../../src/model';
import { nextRandom, seedState } from '../../src/model/random';

const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const keys = { title: 'register', cart: 'set', likes: 'counter', notes: 'text' } as const;

function makeSim(maxHistoryEvents?: number): Simulation {
  return createSimulation(
    {
      seed: 42,
      nodes: ids.map((id) => ({ id, clockSkewMs: 0 })),
      topology: { kind: 'all-to-all' },
      latencyMs: { base: 60, jitter: 30 },
      keys,
    },
    maxHistoryEvents === undefined ? {} : { maxHistoryEvents },
  );
}

/** Seeded random workload: mostly writes, with cuts, heals and time passing. */
function drive(sim: Simulation, writes: number, seed: number): number {
  let rng = seedState(seed);
  const rand = (n: number): number => {
    const [r, next] = nextRandom(rng);
    rng = next;
    return Math.floor(r * n);
  };
  let commands = 0;
  let done = 0;
  while (done < writes) {
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

function healAll(sim: Simulation): void {
  for (const l of sim.snapshot().links) if (l.status === 'cut') sim.healLink(l.a, l.b);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

// 1. Throughput: 10,000 writes on 8 leaders, all-to-all, to quiescence (the whole history kept, to count it).
{
  const sim = makeSim(10_000_000);
  const t0 = performance.now();
  const commands = drive(sim, 10_000, 1);
  healAll(sim);
  sim.runUntilQuiescent();
  const ms = performance.now() - t0;
  const events = sim.history().length;
  console.log('throughput (8 leaders, all-to-all, 10,000 writes with cuts and heals, to quiescence)');
  console.log(`  commands: ${fmt(commands, 0)}, events: ${fmt(events, 0)}, wall: ${fmt(ms)} ms`);
  console.log(`  commands/s: ${fmt((commands / ms) * 1000, 0)}, events/s: ${fmt((events / ms) * 1000, 0)}`);
  console.log(`  converged: ${String(Object.values(sim.snapshot().converged).every(Boolean))}`);
}

// 2. Re-run a history under another strategy; seek to its middle. 2,000 commands is the
// benchmark's size; 200 is a long lesson.
for (const size of [200, 2000]) {
  const sim = makeSim();
  let seed = 7;
  while (sim.commands().length < size) drive(sim, 10, seed++);
  healAll(sim);
  sim.runUntilQuiescent();
  const end = sim.now();
  const strategies: StrategyConfig[] = [
    { kind: 'lww', clock: 'physical' },
    { kind: 'lww', clock: 'hlc', tieBreak: 'larger-value' },
    { kind: 'merge' },
    { kind: 'custom', on: 'write', resolver: 'datacenter-priority' },
    { kind: 'custom', on: 'read' },
    { kind: 'crdt' },
  ];
  console.log(
    `history: ${fmt(sim.commands().length, 0)} commands, ${fmt(sim.history().length, 0)} events, ${fmt(end, 0)} virtual ms`,
  );
  for (const strategy of strategies) {
    const rerun: number[] = [];
    for (let i = 0; i < 3; i++) {
      sim.setStrategy({ kind: 'lww', clock: 'physical', tieBreak: 'lower-node-id' });
      const t0 = performance.now();
      sim.setStrategy(strategy);
      rerun.push(performance.now() - t0);
    }
    const name = Object.values(strategy).join(' ');
    console.log(`  re-run under ${name}: median ${fmt(median(rerun))} ms (${fmt(sim.history().length, 0)} events)`);
  }
  const seekMiddle: number[] = [];
  const seekEnd: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t0 = performance.now();
    sim.seek(end / 2 + i);
    seekMiddle.push(performance.now() - t0);
    t0 = performance.now();
    sim.seek(end);
    seekEnd.push(performance.now() - t0);
  }
  console.log(
    `  seek to the middle (back): median ${fmt(median(seekMiddle))} ms, max ${fmt(Math.max(...seekMiddle))} ms`,
  );
  console.log(`  seek from the middle to the end: median ${fmt(median(seekEnd))} ms`);
}

// 3. Heap after 100,000 events, and after 1,000,000 (the history is capped at 200,000 events
// by default, so memory stops growing).
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
/** Build a session of about `target` events; return the heap it holds and its history length. */
function session(target: number): { heldMb: number; events: number; held: number } {
  const before = heapMb();
  const sim = makeSim();
  let seed = 100;
  let events = 0;
  let lastLength = 0;
  while (events < target) {
    drive(sim, 200, seed++);
    healAll(sim);
    sim.runUntilQuiescent();
    const length = sim.history().length;
    events += length >= lastLength ? length - lastLength : length;
    lastLength = length;
  }
  const held = sim.history().length;
  return { heldMb: heapMb() - before, events, held };
}

for (const target of [100_000, 1_000_000]) {
  const { heldMb, events, held } = session(target);
  console.log(
    `heap held by a session of ~${fmt(events, 0)} events (history keeps ${fmt(held, 0)}): ${fmt(heldMb)} MB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`,
  );
}
