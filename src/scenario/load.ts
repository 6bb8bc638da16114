import { type Command, createSimulation, type Simulation, type SimulationOptions, type WriteResult } from '../model';
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
  replayScenario(sim, scenario);
  return sim;
}

/** What `replayScenario` tells its caller as it goes (parse's replay check names the failing command). */
export interface ReplayHooks {
  /** Before command `index`, or with `index === commands.length` before running on to the end. */
  readonly before?: (index: number) => void;
  /** After command `index`, with the model's answer to a write. */
  readonly after?: (index: number, result: WriteResult | undefined) => void;
}

/** Play a scenario's commands into a fresh simulation of its config, then stand at `at`. */
export function replayScenario(sim: Simulation, scenario: Scenario, hooks: ReplayHooks = {}): void {
  scenario.commands.forEach((cmd, i) => {
    hooks.before?.(i);
    if (cmd.at > sim.now()) sim.advance(cmd.at - sim.now());
    // Not `hooks.after?.(i, applyCommand(...))`: an absent hook would skip the command.
    const result = applyCommand(sim, cmd);
    hooks.after?.(i, result);
  });
  hooks.before?.(scenario.commands.length);
  const end = Math.max(scenario.end ?? 0, scenario.at ?? 0, scenario.commands.at(-1)?.at ?? 0);
  const at = scenario.at ?? end;
  if (end > sim.now()) sim.advance(end - sim.now());
  if (at < sim.now()) sim.seek(at);
}

/**
 * Issue one recorded command through the simulation's public API (so it is validated there).
 * A write answers with the model's WriteResult (a refusal is `ok: false` with its reason);
 * other commands answer `undefined` and throw a SimulationError when refused.
 */
export function applyCommand(sim: Simulation, cmd: Command): WriteResult | undefined {
  switch (cmd.type) {
    case 'write':
      return sim.write(cmd.node, cmd.key, cmd.op, cmd.context ? { context: cmd.context } : {});
    case 'cut-link':
      sim.cutLink(cmd.a, cmd.b);
      return undefined;
    case 'heal-link':
      sim.healLink(cmd.a, cmd.b);
      return undefined;
    case 'set-link-latency':
      sim.setLinkLatency(cmd.a, cmd.b, cmd.latencyMs);
      return undefined;
    case 'crash':
      sim.crashNode(cmd.node);
      return undefined;
    case 'recover':
      sim.recoverNode(cmd.node);
      return undefined;
    case 'disconnect':
      sim.disconnectNode(cmd.node);
      return undefined;
    case 'reconnect':
      sim.reconnectNode(cmd.node);
      return undefined;
    case 'destroy':
      sim.destroyNode(cmd.node);
      return undefined;
    case 'set-clock-skew':
      sim.setClockSkew(cmd.node, cmd.skewMs);
      return undefined;
  }
}
