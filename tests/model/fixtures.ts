import { createSimulation, type SimEvent, type SimulationConfig } from '../../src/model';

/** Seeded fixtures shared by the model tests (and, later, stories and lessons). */
export const threeLeaders = {
  seed: 7,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
    { id: 'ap', label: 'Tokyo' },
  ],
  latencyMs: 100,
  keys: { title: 'register', cart: 'set', likes: 'counter', notes: 'text' },
} satisfies SimulationConfig;

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
