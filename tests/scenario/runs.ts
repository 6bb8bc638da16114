import fc from 'fast-check';
import { DATACENTERS } from '../../src/core/datacenters';
import {
  createSimulation,
  SimulationError,
  type Simulation,
  type SimulationConfig,
  type WriteOp,
} from '../../src/model';
import { strategyArb } from '../support/strategyArb';
import { topologyArb } from '../support/topologyArb';
import { allKeys } from './fixtures';

/**
 * Random runs for the scenario properties: a random 2–4 leader config with a key of every
 * type, and random intents (writes of every kind, cuts and heals, crashes, clock skew, latency
 * changes, advances, seeks back that fork the future) fitted to the simulation's state as they
 * are played, so most of them are valid commands.
 */

const keyNames = Object.keys(allKeys) as (keyof typeof allKeys)[];

export const configArb: fc.Arbitrary<SimulationConfig> = fc.integer({ min: 2, max: 4 }).chain((n) => {
  const ids = DATACENTERS.slice(0, n).map((d) => d.id);
  return fc
    .record({
      topology: topologyArb(ids),
      singleLeader: fc.boolean(),
    })
    .chain(({ topology, singleLeader }) =>
      fc.record({
        seed: fc.integer({ min: 0, max: 1_000_000 }),
        nodes: fc.tuple(
          ...DATACENTERS.slice(0, n).map((d, i) =>
            fc.record(
              {
                id: fc.constant(d.id),
                label: fc.constant(d.label ?? d.id),
                clockSkewMs: fc.integer({ min: -500, max: 500 }),
                clockDriftPpm: fc.integer({ min: -2000, max: 2000 }),
                priority: fc.integer({ min: 0, max: 5 }),
                autoIncrement: fc.constant({ increment: n, offset: i + 1 }),
              },
              { requiredKeys: ['id'] },
            ),
          ),
        ),
        topology: fc.constant(topology),
        latencyMs: fc.record({ base: fc.integer({ min: 1, max: 200 }), jitter: fc.integer({ min: 0, max: 80 }) }),
        keys: fc.constant(allKeys),
        strategy: strategyArb({ ot: !singleLeader && (topology.kind === 'star' || n === 2) }),
        causalDelivery: fc.boolean(),
        ...(singleLeader ? { mode: fc.constant('single-leader' as const), leader: fc.constantFrom(...ids) } : {}),
      }),
    );
});

const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom('A', 'B', 'milk', 'eggs', 'x') },
);

export type Intent =
  | { kind: 'write'; node: number; key: number; pick: number; text: string; withContext: boolean }
  | { kind: 'resolve'; node: number; key: number }
  | { kind: 'cut' | 'heal'; link: number }
  | { kind: 'latency'; link: number; ms: number }
  | { kind: 'crash' | 'recover' | 'disconnect' | 'reconnect'; node: number }
  | { kind: 'skew'; node: number; ms: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'seek'; fraction: number }
  | { kind: 'quiesce' };

const n = fc.nat({ max: 1000 });
export const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      node: n,
      key: n,
      pick: n,
      text: textArb,
      withContext: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), node: n, key: n }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('cut' as const, 'heal' as const), link: n }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('latency' as const), link: n, ms: fc.integer({ min: 1, max: 500 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('crash' as const, 'recover' as const, 'disconnect' as const, 'reconnect' as const),
      node: n,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('skew' as const), node: n, ms: fc.integer({ min: -2000, max: 2000 }) }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('seek' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'quiesce' as const }) },
);

function opFor(
  sim: Simulation,
  node: string,
  key: keyof typeof allKeys,
  i: Extract<Intent, { kind: 'write' }>,
): WriteOp {
  const value = sim.read(node, key).value;
  switch (allKeys[key]) {
    case 'register':
      return i.pick % 5 === 0 ? { type: 'delete' } : { type: 'set', value: i.text };
    case 'set':
      return i.pick % 3 === 0 ? { type: 'remove', item: i.text } : { type: 'add', item: i.text };
    case 'counter':
      return { type: 'increment', by: (i.pick % 11) - 5 };
    case 'text': {
      const len = typeof value === 'string' ? value.length : 0;
      if (len > 0 && i.pick % 4 === 0) {
        const index = i.pick % len;
        return { type: 'delete', index, length: 1 + (i.pick % (len - index)) };
      }
      return { type: 'insert', index: i.pick % (len + 1), text: i.text };
    }
    case 'table':
      return { type: 'insertRow', value: i.text };
  }
}

/** Play one intent on `sim`; a command the model refuses (a SimulationError) changes nothing. */
export function play(sim: Simulation, intent: Intent): void {
  const ids = sim.config.nodes.map((x) => x.id);
  const links = sim.snapshot().links;
  const node = (i: number) => ids[i % ids.length] as string;
  const key = (i: number) => keyNames[i % keyNames.length] as keyof typeof allKeys;
  try {
    switch (intent.kind) {
      case 'write': {
        const at = node(intent.node);
        const k = key(intent.key);
        const op = opFor(sim, at, k, intent);
        sim.write(at, k, op, intent.withContext ? { context: sim.read(at, k).context } : {});
        return;
      }
      case 'resolve': {
        const at = node(intent.node);
        const k = key(intent.key);
        if (allKeys[k] === 'table') return;
        const read = sim.read(at, k);
        sim.resolve(at, k, read.value, read.context);
        return;
      }
      case 'cut':
      case 'heal':
      case 'latency': {
        const l = links[intent.link % links.length];
        const latency = intent.kind === 'latency' ? intent.ms : 0;
        if (l === undefined) return;
        if (intent.kind === 'cut') sim.cutLink(l.a, l.b);
        else if (intent.kind === 'heal') sim.healLink(l.a, l.b);
        else sim.setLinkLatency(l.a, l.b, latency);
        return;
      }
      case 'crash':
        sim.crashNode(node(intent.node));
        return;
      case 'recover':
        sim.recoverNode(node(intent.node));
        return;
      case 'disconnect':
        sim.disconnectNode(node(intent.node));
        return;
      case 'reconnect':
        sim.reconnectNode(node(intent.node));
        return;
      case 'skew':
        sim.setClockSkew(node(intent.node), intent.ms);
        return;
      case 'advance':
        sim.advance(intent.ms);
        return;
      case 'seek':
        sim.seek(Math.floor(sim.snapshot().horizon * intent.fraction));
        return;
      case 'quiesce':
        sim.runUntilQuiescent();
        return;
    }
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
  }
}

/** A simulation of `config` after playing `intents`. */
export function runOf(config: SimulationConfig, intents: readonly Intent[]): Simulation {
  const sim = createSimulation(config);
  for (const intent of intents) play(sim, intent);
  return sim;
}

/** A run of exactly `count` recorded commands (or fewer, if the intents run out first). */
export function runWithCommands(config: SimulationConfig, intents: readonly Intent[], count: number): Simulation {
  const sim = createSimulation(config);
  for (const intent of intents) {
    if (sim.recordedCommands().length >= count) break;
    play(sim, intent);
  }
  return sim;
}
