import { THREE_DATACENTERS } from '../../src/core/datacenters';
import type { SimulationConfig } from '../../src/model';
import { SCENARIO_FORMAT, type Scenario } from '../../src/scenario';

/** Fixtures for the scenario tests: three datacenters with a key of every type. */
export const allKeys = {
  title: 'register',
  cart: 'set',
  likes: 'counter',
  notes: 'text',
  orders: 'table',
} as const satisfies SimulationConfig['keys'];

export const config: SimulationConfig = { seed: 3, nodes: THREE_DATACENTERS, latencyMs: 100, keys: allKeys };

/** A small valid scenario, as plain JSON-ready data: one of each kind of command. */
export function validScenario(): Scenario {
  return {
    format: SCENARIO_FORMAT,
    id: 'demo-1',
    title: 'A demo',
    description: 'One of each command.',
    config: structuredClone(config),
    commands: [
      { at: 0, type: 'write', node: 'eu', key: 'title', op: { type: 'set', value: 'A' } },
      { at: 10, type: 'cut-link', a: 'eu', b: 'us' },
      { at: 20, type: 'write', node: 'us', key: 'notes', op: { type: 'insert', index: 0, text: 'hi' } },
      { at: 30, type: 'set-link-latency', a: 'us', b: 'ap', latencyMs: 250 },
      { at: 40, type: 'set-clock-skew', node: 'ap', skewMs: -300 },
      { at: 50, type: 'crash', node: 'ap' },
      { at: 60, type: 'write', node: 'eu', key: 'cart', op: { type: 'add', item: 'milk' } },
      { at: 70, type: 'recover', node: 'ap' },
      { at: 80, type: 'disconnect', node: 'eu' },
      { at: 90, type: 'write', node: 'eu', key: 'likes', op: { type: 'increment', by: 2 } },
      { at: 100, type: 'reconnect', node: 'eu' },
      { at: 110, type: 'heal-link', a: 'eu', b: 'us' },
      { at: 120, type: 'write', node: 'ap', key: 'orders', op: { type: 'insertRow', value: 'book' } },
    ],
    end: 900,
    at: 500,
  };
}
