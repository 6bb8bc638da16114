import { createSimulation, type RejectCode, SimulationError, type SimulationOptions } from '../model';
import { replayScenario } from './load';
import { formatPath } from './path';
import { describeThrown } from './plain';
import type { Scenario, ScenarioError } from './types';

/**
 * The last check of parsing: play the scenario in the model, as `loadScenario` will, and name
 * the command the model refuses. A write the model answers with a refusal it does not record
 * (an operation that does not fit the value at that moment, a context naming unseen writes)
 * would vanish on load, so it is an error too; a write refused because its leader had crashed
 * or could not reach the single leader is recorded, and is part of the story.
 */

/** Refusals the model records as a `reject` event: replaying them reproduces the run. */
const RECORDED_REFUSALS: ReadonlySet<RejectCode> = new Set<RejectCode>([
  'node-crashed',
  'node-destroyed',
  'leader-unavailable',
]);

const FIELD_OF: Partial<Record<RejectCode, string>> = { 'unknown-node': 'node', 'unknown-key': 'key' };

/**
 * The model's refusals while replaying `scenario`. With `standIns`, the functions the config
 * names are stand-ins, so values may differ from the page's run: a write refused for its
 * operation (`invalid-op`, e.g. an index past the end of a text the real resolver kept longer)
 * is then not held against the scenario.
 */
export function replayErrors(scenario: Scenario, options: SimulationOptions, standIns = false): ScenarioError[] {
  const errors: ScenarioError[] = [];
  let index = -1;
  try {
    const sim = createSimulation(scenario.config, options);
    replayScenario(sim, scenario, {
      before: (i) => {
        index = i;
      },
      after: (i, result) => {
        if (result === undefined || result.ok || RECORDED_REFUSALS.has(result.code)) return;
        if (standIns && result.code === 'invalid-op') return;
        const field = FIELD_OF[result.code] ?? (/context/i.test(result.reason) ? 'context' : 'op');
        errors.push({
          path: formatPath(['commands', i, field]),
          message: `the model refuses this write: ${result.reason}`,
        });
      },
    });
  } catch (e) {
    const path =
      index >= 0 && index < scenario.commands.length
        ? formatPath(['commands', index])
        : index === -1
          ? 'config'
          : scenario.at !== undefined
            ? 'at'
            : 'end';
    const why = e instanceof SimulationError ? e.message : `the model failed (${describeThrown(e)})`;
    errors.push({ path, message: `the model refuses this: ${why}` });
  }
  return errors;
}
