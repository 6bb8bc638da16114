/**
 * npm run bench: the model's benchmark (not a test). Prints one table: the cost of
 * re-running a history under each strategy (what a strategy switch costs), of seeking
 * into it, and of long text edits under the text CRDT and OT; then throughput and the
 * heap after a long session. Figures vary with the machine: compare runs on the same one.
 *
 * Times are CPU time of this process (user + system, from process.cpuUsage), not wall time:
 * on a machine shared with other work, wall time measures the neighbours. On an idle
 * machine the two are about the same (CPU time also counts V8's parallel GC threads).
 *
 * BENCH_QUICK=1 skips throughput and heap (the table only). BENCH_RERUN=1 prints only the
 * re-runs at 2,000 commands (strategy by strategy): quick enough to interleave two versions.
 */
import { performance } from 'node:perf_hooks';
import { createSimulation, type Simulation, type StrategyConfig } from '../../src/model';
import { driveWorkload, healAll } from './workload';

const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const keys = { title: 'register', cart: 'set', likes: 'counter', notes: 'text' } as const;
const rerunOnly = process.env.BENCH_RERUN === '1';
const quick = process.env.BENCH_QUICK === '1' || rerunOnly;

function makeSim(maxHistoryEvents?: number, keptRuns?: number): Simulation {
  return createSimulation(
    {
      seed: 42,
      nodes: ids.map((id) => ({ id, clockSkewMs: 0 })),
      topology: { kind: 'all-to-all' },
      latencyMs: { base: 60, jitter: 30 },
      keys,
    },
    {
      ...(maxHistoryEvents === undefined ? {} : { maxHistoryEvents }),
      ...(keptRuns === undefined ? {} : { keptRuns }),
    },
  );
}

/** The seeded workload (tests/bench/workload.ts) until `writes` writes are made; the commands it gave. */
const drive = (sim: Simulation, writes: number, seed: number): number =>
  driveWorkload(sim, seed, (done) => done < writes);

/** The p-th percentile (nearest rank) of `xs`. */
function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}

/** Milliseconds of CPU this process has used. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

interface Row {
  workload: string;
  samples: number[];
  unit: string;
  note: string;
  goal: string;
}
const rows: Row[] = [];

/** Time `fn` `runs` times (fewer when one run takes longer than `budgetMs` in all). */
function measure(runs: number, budgetMs: number, fn: () => void): number[] {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    fn();
    samples.push(cpuMs() - t0);
    if (performance.now() - start > budgetMs) break;
  }
  return samples;
}

// 1. Re-run a history under another strategy (a strategy switch); seek to its middle.
// 2,000 commands is the benchmark's size; 200 is a long lesson.
const strategies: [string, StrategyConfig][] = [
  ['lww physical', { kind: 'lww', clock: 'physical' }],
  ['lww hlc larger-value', { kind: 'lww', clock: 'hlc', tieBreak: 'larger-value' }],
  ['merge', { kind: 'merge' }],
  ['custom on write (priority)', { kind: 'custom', on: 'write', resolver: 'datacenter-priority' }],
  ['custom on read', { kind: 'custom', on: 'read' }],
  ['crdt', { kind: 'crdt' }],
];
for (const size of rerunOnly ? [2000] : [200, 2000]) {
  // No kept runs: every timed switch is a real re-run (switching back is measured below).
  const sim = makeSim(undefined, 0);
  let seed = 7;
  while (sim.commands().length < size) drive(sim, 10, seed++);
  healAll(sim);
  sim.runUntilQuiescent();
  const end = sim.now();
  const label = `${fmt(sim.commands().length, 0)} cmds`;
  for (const [name, strategy] of strategies) {
    // Switch away untimed before each sample, so every timed switch re-runs the history.
    const samples: number[] = [];
    for (let i = 0; i < (size === 2000 ? 7 : 15); i++) {
      sim.setStrategy({ kind: 'lww', clock: 'physical', tieBreak: 'lower-node-id' });
      const t0 = cpuMs();
      sim.setStrategy(strategy);
      samples.push(cpuMs() - t0);
      if (samples.reduce((a, b) => a + b, 0) > 20_000) break;
    }
    rows.push({
      workload: `re-run ${label} under ${name}`,
      samples,
      unit: 'ms',
      note: `${fmt(sim.historyLength(), 0)} events`,
      goal: size === 2000 ? '≤ 100 ms' : '',
    });
  }
  if (rerunOnly) continue;
  const seekMiddle: number[] = [];
  const seekEnd: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t0 = cpuMs();
    sim.seek(end / 2 + i);
    seekMiddle.push(cpuMs() - t0);
    t0 = cpuMs();
    sim.seek(end);
    seekEnd.push(cpuMs() - t0);
  }
  rows.push({ workload: `seek ${label}: end to the middle`, samples: seekMiddle, unit: 'ms', note: '', goal: '' });
  rows.push({ workload: `seek ${label}: middle to the end`, samples: seekEnd, unit: 'ms', note: '', goal: '' });
  // Switching back to a strategy whose run of this history is kept (the default keeps 3).
  if (size === 2000) {
    const kept = makeSim();
    let s = 7;
    while (kept.commands().length < size) drive(kept, 10, s++);
    healAll(kept);
    kept.runUntilQuiescent();
    kept.setStrategy({ kind: 'crdt' });
    const back: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = cpuMs();
      kept.setStrategy(i % 2 === 0 ? { kind: 'lww', clock: 'physical' } : { kind: 'crdt' });
      back.push(cpuMs() - t0);
    }
    // A strategy prepared beside the present run, in slices of 1,000 events, then switched to.
    const job = kept.prepareStrategy({ kind: 'merge' });
    const slices: number[] = [];
    for (let done = false; !done;) {
      const t0 = cpuMs();
      done = job.step(1000);
      slices.push(cpuMs() - t0);
    }
    const t0 = cpuMs();
    kept.setStrategy({ kind: 'merge' });
    const adopt = cpuMs() - t0;
    rows.push({
      workload: `prepare ${label} under merge, per 1,000-event slice`,
      samples: slices,
      unit: 'ms',
      note: 'the page stays responsive',
      goal: '',
    });
    rows.push({
      workload: `switch ${label} to merge once prepared`,
      samples: [adopt],
      unit: 'ms',
      note: 'a lookup',
      goal: '≤ 100 ms',
    });
    rows.push({
      workload: `switch back ${label} (lww ⇄ crdt, runs kept)`,
      samples: back,
      unit: 'ms',
      note: 'a lookup',
      goal: '≤ 100 ms',
    });
  }
}

// 2. Long text edits: 3 leaders in a star (OT needs its hub to order edits), 60 ms latency.
function textSim(strategy: StrategyConfig): Simulation {
  return createSimulation({
    seed: 3,
    nodes: [{ id: 'hub' }, { id: 'a' }, { id: 'b' }],
    topology: { kind: 'star', hub: 'hub' },
    latencyMs: { base: 60, jitter: 20 },
    keys: { notes: 'text' },
    strategy,
  });
}
const textStrategies: [string, StrategyConfig][] = [
  ['text CRDT', { kind: 'crdt' }],
  ['OT', { kind: 'ot' }],
];
for (const [name, strategy] of rerunOnly ? [] : textStrategies) {
  for (const chars of [1000, 10_000]) {
    const samples = measure(9, 30_000, () => {
      const sim = textSim(strategy);
      sim.write('a', 'notes', { type: 'insert', index: 0, text: 'x'.repeat(chars) });
      sim.runUntilQuiescent();
      if ((sim.read('b', 'notes').value as string).length !== chars) throw new Error('the text did not replicate');
    });
    rows.push({
      workload: `${name}: insert ${fmt(chars, 0)} chars + replication`,
      samples,
      unit: 'ms',
      note: '',
      goal: chars === 10_000 ? '< 100 ms' : '',
    });
  }
  // Two leaders type 2,000 characters between them, one keystroke every 20 ms (so their
  // edits cross in flight), each keystroke replicated as it goes. A first, untimed session
  // warms the JIT up.
  const type = (sim: Simulation, keystrokes: number, times: number[]) => {
    for (let i = 0; i < keystrokes; i++) {
      const node = i % 2 === 0 ? 'a' : 'b';
      const t0 = cpuMs();
      const len = (sim.read(node, 'notes').value as string).length;
      sim.write(node, 'notes', { type: 'insert', index: i % 4 === 0 ? 0 : len, text: 'k' });
      sim.advance(20);
      times.push(cpuMs() - t0);
    }
  };
  type(textSim(strategy), 300, []);
  const sim = textSim(strategy);
  const perKey: number[] = [];
  type(sim, 2000, perKey);
  sim.runUntilQuiescent();
  const texts = ['hub', 'a', 'b'].map((n) => sim.read(n, 'notes').value);
  if (new Set(texts).size !== 1 || (texts[0] as string).length !== 2000) throw new Error(`${name} did not converge`);
  rows.push({
    workload: `${name}: typing 2,000 chars, per keystroke`,
    samples: perKey,
    unit: 'ms',
    note: '2 writers, edits cross',
    goal: '< 1 ms',
  });
}

// The table.
console.log('CPU time per sample (see the top of tests/bench/model-bench.ts)');
const header = ['workload', 'n', 'median', 'p95', 'max', 'note', 'goal'];
const body = rows.map((r) => [
  r.workload,
  String(r.samples.length),
  `${fmt(pct(r.samples, 50), 2)} ${r.unit}`,
  `${fmt(pct(r.samples, 95), 2)} ${r.unit}`,
  `${fmt(Math.max(...r.samples), 2)} ${r.unit}`,
  r.note,
  r.goal,
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
console.log(line(header));
console.log(
  `|${widths.map((w, i) => (i === 0 || i >= 5 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':')).join('|')}|`,
);
for (const b of body) console.log(line(b));

if (!quick) {
  // 3. Throughput: 10,000 writes on 8 leaders, all-to-all, to quiescence (the whole history kept, to count it).
  {
    const sim = makeSim(10_000_000);
    const t0 = performance.now();
    const commands = drive(sim, 10_000, 1);
    healAll(sim);
    sim.runUntilQuiescent();
    const ms = performance.now() - t0;
    const events = sim.history().length;
    console.log('\nthroughput (8 leaders, all-to-all, 10,000 writes with cuts and heals, to quiescence)');
    console.log(`  commands: ${fmt(commands, 0)}, events: ${fmt(events, 0)}, wall: ${fmt(ms)} ms`);
    console.log(`  commands/s: ${fmt((commands / ms) * 1000, 0)}, events/s: ${fmt((events / ms) * 1000, 0)}`);
    console.log(`  converged: ${String(Object.values(sim.snapshot().converged).every(Boolean))}`);
  }

  // 4. Heap after 100,000 events, and after 1,000,000 (the history is capped at 200,000 events
  // by default, so memory stops growing).
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapMb = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  /** Build a session of about `target` events; return the heap it holds and its history length. */
  const session = (target: number): { heldMb: number; events: number; held: number } => {
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
  };
  for (const target of [100_000, 1_000_000]) {
    const { heldMb, events, held } = session(target);
    console.log(
      `heap held by a session of ~${fmt(events, 0)} events (history keeps ${fmt(held, 0)}): ${fmt(heldMb)} MB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`,
    );
  }
}
