import { type Command, createSimulation, type Simulation, type SimulationOptions } from '../model';
import type { Scenario } from './types';

/**
 * Start a simulation from a scenario: replay every command at its virtual time, run on to the
 * recorded end, then stand at `scenario.at`. Commands after `at` stay the recorded future (seeking forward replays
 * them), exactly as `seek` keeps it. Give it a scenario `parseScenario` accepted: a command
 * the model refuses throws its SimulationError.
 *
 * @example
 * const sim = loadScenario({ format: 'mll-scenario/1', config, commands: [], at: 0 });
 */
export function loadScenario(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  const sim = createSimulation(scenario.config, options);
  for (const cmd of scenario.commands) {
    if (cmd.at > sim.now()) sim.advance(cmd.at - sim.now());
    applyCommand(sim, cmd);
  }
  const end = Math.max(scenario.end ?? 0, scenario.at ?? 0, scenario.commands.at(-1)?.at ?? 0);
  const at = scenario.at ?? end;
  if (end > sim.now()) sim.advance(end - sim.now());
  if (at < sim.now()) sim.seek(at);
  return sim;
}

/** Issue one recorded command through the simulation's public API (so it is validated there). */
export function applyCommand(sim: Simulation, cmd: Command): void {
  switch (cmd.type) {
    case 'write':
      sim.write(cmd.node, cmd.key, cmd.op, cmd.context ? { context: cmd.context } : {});
      return;
    case 'cut-link':
      sim.cutLink(cmd.a, cmd.b);
      return;
    case 'heal-link':
      sim.healLink(cmd.a, cmd.b);
      return;
    case 'set-link-latency':
      sim.setLinkLatency(cmd.a, cmd.b, cmd.latencyMs);
      return;
    case 'crash':
      sim.crashNode(cmd.node);
      return;
    case 'recover':
      sim.recoverNode(cmd.node);
      return;
    case 'disconnect':
      sim.disconnectNode(cmd.node);
      return;
    case 'reconnect':
      sim.reconnectNode(cmd.node);
      return;
    case 'set-clock-skew':
      sim.setClockSkew(cmd.node, cmd.skewMs);
      return;
  }
}
