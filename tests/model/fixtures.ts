import { createSimulation, type SimEvent, type SimulationConfig } from '../../src/model';
import { threeLeaders } from '../fixtures/datacenters';

/**
 * Helpers for the model tests: a verified simulation of the shared three-datacenter cluster
 * (tests/fixtures/datacenters.ts) with overrides, and readers for its history and values.
 */
export { datacenters, threeLeaders } from '../fixtures/datacenters';

export function sim(overrides: Partial<SimulationConfig> = {}) {
  return createSimulation({ ...threeLeaders, ...overrides }, { verifyReplay: true });
}

export function eventsOf<T extends SimEvent['type']>(history: SimEvent[], type: T): Extract<SimEvent, { type: T }>[] {
  return history.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** Every node's value of `key`. */
export function values(s: ReturnType<typeof sim>, key: string) {
  return Object.fromEntries(s.snapshot().nodes.map((n) => [n.id, n.keys[key]?.value]));
}
