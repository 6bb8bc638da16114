/**
 * The npm package's main export: the lab as a React component, the presets and the scenario
 * format, for a React site. Import `multi-leader-lab/style.css` once for its styles.
 * (`multi-leader-lab/element` is the custom element, for pages without React.)
 */
export { MultiLeaderLab } from '../view/MultiLeaderLab';
export type { LabControls, MultiLeaderLabProps } from '../view/MultiLeaderLab';
export type { LabActions, LabState } from '../store/labStore';
export { decodeScenario, encodeScenario, parseScenario, SCENARIO_FORMAT } from '../scenario';
export { presetById, presets } from '../scenario/presets';
export type { ParseResult, Scenario, ScenarioError } from '../scenario';
export type { SimulationConfig, Snapshot, StrategyConfig } from '../model';
export { EMBED_EVENT_VERSION } from './events';
export type * from './events';
