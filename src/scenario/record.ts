import type { NormalizedConfig, Simulation, SimulationConfig, StrategyConfig } from '../model';
import { SCENARIO_FORMAT, type Scenario, type ScenarioMeta } from './types';

/**
 * The run a simulation holds, as a scenario: its config (in the input form, with the
 * strategy now in force), every recorded command (the recorded future too), how far the run reached (`end`) and
 * `at = now()`.
 */
export function recordScenario(sim: Simulation, meta: ScenarioMeta = {}): Scenario {
  return {
    format: SCENARIO_FORMAT,
    ...(meta.id !== undefined ? { id: meta.id } : {}),
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    config: inputConfig(sim.config, sim.snapshot().strategy),
    commands: sim.recordedCommands(),
    ...(sim.snapshot().horizon > sim.now() ? { end: sim.snapshot().horizon } : {}),
    at: sim.now(),
  };
}

/** The input form of a normalised config: createSimulation(inputConfig(c)) normalises back to c. */
export function inputConfig(c: NormalizedConfig, strategy: StrategyConfig = c.strategy): SimulationConfig {
  const links = Object.keys(c.latency.links).length > 0 ? { links: c.latency.links } : {};
  return {
    seed: c.seed,
    nodes: c.nodes.map((n) => ({ ...n, autoIncrement: { ...n.autoIncrement } })),
    topology: c.topology,
    latencyMs: { base: c.latency.base, jitter: c.latency.jitter, ...links },
    keys: { ...c.keys },
    strategy,
    causalDelivery: c.causalDelivery,
    mode: c.mode,
    ...(c.mode === 'single-leader' && c.leader !== null ? { leader: c.leader } : {}),
    ...(c.failover !== null ? { failover: { afterMs: c.failover.afterMs } } : {}),
    ...(c.rowConflicts !== 'spock' ? { rowConflicts: c.rowConflicts } : {}),
  };
}
