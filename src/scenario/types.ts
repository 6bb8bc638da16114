import type { Command, SimulationConfig } from '../model';

/**
 * The scenario format: a run as data (a config plus timed commands). Presets, share links,
 * lessons, embeds and stories all start from one of these.
 */
export const SCENARIO_FORMAT = 'mll-scenario/1';

export interface Scenario {
  readonly format: typeof SCENARIO_FORMAT;
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  /** The course concepts the scene shows (ids from the course's concept list, e.g. 'lww-clock-skew'). */
  readonly concepts?: readonly string[];
  /** What createSimulation takes (the input form, not the normalised one). */
  readonly config: SimulationConfig;
  /** The model's commands, each with its virtual time `at`, in time order. */
  readonly commands: readonly Command[];
  /**
   * How far the recorded run reaches (the end of its timeline), when it ran on after its last
   * command; default: the later of `at` and the last command's time.
   */
  readonly end?: number;
  /** Where the lab stands; default: the end of the recorded run. */
  readonly at?: number;
}

/** Data that names a scenario in words (what `recordScenario` copies in). */
export interface ScenarioMeta {
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
}

export interface ScenarioError {
  /** Where in the input, e.g. `commands[3].node` or `config.nodes[0].id`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };
