/**
 * The model's behaviour as one fingerprint: every preset (src/scenario/presets) re-run under
 * every strategy of the catalog (each picker entry, each choice of each option it shows), plus
 * two seeded random 600-command workloads on 8 leaders, each hashed as its whole history and
 * its snapshot (at the end and at the middle). A change meant to be a pure speed-up must leave
 * every hash as it was.
 *
 *   npx tsx tests/bench/behaviour-hash.ts            # compares with tests/bench/behaviour-hashes.json
 *                                                    # (recorded before the re-run speed-ups), naming
 *                                                    # every case that differs, and fails if any does
 *   npx tsx tests/bench/behaviour-hash.ts --write    # records the present behaviour there instead
 *                                                    # (after a change meant to alter behaviour)
 *
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createSimulation, type Simulation, SimulationError, type StrategyConfig } from '../../src/model';
import { nextRandom, seedState } from '../../src/model/random';
import { entryConfig, pickerEntries, shownOptions } from '../../src/strategies/catalog';
import { loadScenario } from '../../src/scenario/load';
import { presets } from '../../src/scenario/presets';

/** Every strategy the catalog offers: each picker entry, and each choice of each option it shows. */
export function catalogStrategies(): StrategyConfig[] {
  const out = new Map<string, StrategyConfig>();
  for (const entry of pickerEntries) {
    const base = entryConfig(entry);
    out.set(JSON.stringify(base), base);
    for (const o of shownOptions(base))
      for (const c of o.choices) {
        const config = { ...base, [o.key]: c.value };
        out.set(JSON.stringify(config), config);
      }
  }
  return [...out.values()];
}

const ids = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];

/** A seeded random workload of `count` commands (writes of every key type, cuts, heals, time passing). */
export function randomWorkload(seed: number, count: number): Simulation {
  const sim = createSimulation({
    seed,
    nodes: ids.map((id, i) => ({ id, clockSkewMs: (i % 3) * 7 })),
    topology: { kind: 'all-to-all' },
    latencyMs: { base: 60, jitter: 30 },
    keys: { title: 'register', cart: 'set', likes: 'counter', notes: 'text' },
  });
  let rng = seedState(seed);
  const rand = (n: number): number => {
    const [r, next] = nextRandom(rng);
    rng = next;
    return Math.floor(r * n);
  };
  let i = 0;
  while (sim.commands().length < count) {
    const roll = rand(100);
    const node = ids[rand(ids.length)] as string;
    if (roll < 75) {
      const key = (['title', 'cart', 'likes', 'notes'] as const)[rand(4)] ?? 'title';
      const op =
        key === 'title'
          ? { type: 'set' as const, value: `v${String(i)}` }
          : key === 'cart'
            ? rand(4) === 0
              ? { type: 'remove' as const, item: `i${String(rand(10))}` }
              : { type: 'add' as const, item: `i${String(rand(10))}` }
            : key === 'likes'
              ? { type: 'increment' as const, by: 1 + rand(3) }
              : { type: 'insert' as const, index: rand(3), text: 'ab'.slice(0, 1 + rand(2)) };
      sim.write(node, key, op);
      i += 1;
    } else if (roll < 83) {
      const other = ids[rand(ids.length)] as string;
      const link = sim.snapshot().links.find((l) => (l.a === node && l.b === other) || (l.b === node && l.a === other));
      if (link?.status === 'up') sim.cutLink(link.a, link.b);
      else if (link) sim.healLink(link.a, link.b);
    } else if (roll < 86) {
      const n = sim.snapshot().nodes.find((x) => x.id === node);
      if (n?.status === 'online') sim.crashNode(node);
      else if (n?.status === 'crashed') sim.recoverNode(node);
    } else {
      sim.advance(rand(50));
    }
  }
  for (const l of sim.snapshot().links) if (l.status === 'cut') sim.healLink(l.a, l.b);
  sim.runUntilQuiescent();
  return sim;
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The run's history and snapshot at the end, then its snapshot at the middle (it returns to the end after). */
function fingerprint(sim: Simulation): string {
  const end = sim.now();
  const atEnd = hash([sim.history(), sim.snapshot()]);
  sim.seek(Math.floor(end / 2));
  const atMiddle = hash([sim.historyLength(), sim.snapshot()]);
  sim.seek(end);
  return `${atEnd}/${atMiddle}`;
}

/** Re-run `sim` under each strategy: case name → fingerprint (or the model's refusal). */
function underEach(name: string, sim: Simulation, strategies: readonly StrategyConfig[], out: Map<string, string>) {
  out.set(`${name} as recorded`, fingerprint(sim));
  for (const s of strategies) {
    let result: string;
    try {
      sim.setStrategy(s);
      result = fingerprint(sim);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      result = `refused: ${e.message}`;
    }
    out.set(`${name} under ${JSON.stringify(s)}`, result);
  }
}

export function behaviourHashes(options: { presets?: number; random?: number } = {}): Map<string, string> {
  const strategies = catalogStrategies();
  const out = new Map<string, string>();
  for (const p of presets.slice(0, options.presets ?? presets.length))
    underEach(`preset ${String(p.id)}`, loadScenario(p, { keptRuns: 0 }), strategies, out);
  for (const seed of [11, 29].slice(0, options.random ?? 2))
    underEach(`random ${String(seed)}`, randomWorkload(seed, 600), strategies, out);
  return out;
}

if (process.argv[1]?.endsWith('behaviour-hash.ts')) {
  const file = new URL('./behaviour-hashes.json', import.meta.url);
  const t0 = process.cpuUsage();
  const hashes = behaviourHashes();
  const cpu = process.cpuUsage(t0);
  console.log(`${String(hashes.size)} cases, ${String(catalogStrategies().length)} strategies`);
  console.log(`combined: ${hash([...hashes])}  (${String(Math.round((cpu.user + cpu.system) / 1000))} ms CPU)`);
  if (process.argv.includes('--write')) {
    writeFileSync(file, `${JSON.stringify(Object.fromEntries(hashes), null, 2)}\n`);
    console.log('recorded in', file.pathname);
  } else {
    const want = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const diff = [...new Set([...Object.keys(want), ...hashes.keys()])].filter((k) => want[k] !== hashes.get(k));
    for (const k of diff) console.log(`DIFFERS: ${k}: ${String(want[k])} → ${String(hashes.get(k))}`);
    if (diff.length > 0) process.exit(1);
    console.log('identical to', file.pathname);
  }
}
