/**
 * Scenarios: a run as data (config plus timed commands), the unit presets, share links,
 * lessons, embeds and stories start from.
 */
export { SCENARIO_FORMAT } from './types';
export type { ParseResult, Scenario, ScenarioError, ScenarioMeta } from './types';
export { applyCommand, loadScenario } from './load';
export { inputConfig, recordScenario } from './record';
export { parseScenario } from './parse';
export type { Registered } from './registered';
export { LIMITS } from './limits';
export { decodeScenario, encodeScenario, ENCODING_PREFIX } from './codec';
export { describeCommand } from './describe';
// The presets are their own entry (`./presets`): about 30 kB of scenes an app loads on demand.
