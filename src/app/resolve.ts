import type { SimulationConfig } from '../model';
import { decodeScenario, SCENARIO_FORMAT, type Scenario } from '../scenario';
import type { Route } from './routes';

/** The free lab: three datacenters, all-to-all, a second of latency so messages can be seen. */
export const defaultConfig: SimulationConfig = {
  seed: 7,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
    { id: 'ap', label: 'Tokyo' },
  ],
  topology: { kind: 'all-to-all' },
  latencyMs: { base: 1200, jitter: 300 },
  keys: { title: 'register', cart: 'set', likes: 'counter' },
  strategy: { kind: 'lww', clock: 'physical' },
};

export const defaultScenario: Scenario = { format: SCENARIO_FORMAT, config: defaultConfig, commands: [] };

/** What a lab route opens: a run, or the default one and what was wrong with the link, in words. */
export interface Opened {
  readonly scenario: Scenario;
  /** Null when the link opened what it named. */
  readonly problem: { readonly text: string; readonly details: readonly string[] } | null;
}

/** Looks a preset up by id: the presets module, loaded on demand (`loadPresets`). */
export type PresetLookup = (id: string) => Scenario | undefined;

/** The presets (about 30 kB of scenes) load only when a route or the gallery needs them. */
export const loadPresets = (): Promise<{ presetById: PresetLookup }> => import('../scenario/presets');

/** Whether opening `route` needs the presets loaded first. */
export function needsPresets(route: Route): boolean {
  return route.page === 'lab' && 'preset' in route;
}

/** How many of a broken link's errors are listed (the first few say enough). */
const SHOWN_ERRORS = 5;

/**
 * The run a lab route names. Never throws: an unknown preset, a truncated or tampered link
 * opens the default lab and says why.
 *
 * `presetById` is needed only for a preset route (`needsPresets`); without it such a route is
 * opened as an unknown scene.
 *
 * @example openRoute({ page: 'lab', preset: 'lww-clock-skew' }, presetById).scenario.title // 'Clock skew: the older write wins'
 */
export function openRoute(route: Route, presetById: PresetLookup = () => undefined): Opened {
  if (route.page !== 'lab') return { scenario: defaultScenario, problem: null };
  if ('problem' in route) return { scenario: defaultScenario, problem: { text: route.problem, details: [] } };
  if ('preset' in route) {
    const preset = presetById(route.preset);
    if (preset) return { scenario: preset, problem: null };
    return {
      scenario: defaultScenario,
      problem: {
        text: `There is no scene “${route.preset}” (it may have been renamed). The Gallery lists every scene.`,
        details: [],
      },
    };
  }
  if ('shared' in route) {
    const decoded = decodeScenario(route.shared);
    if (decoded.ok) return { scenario: decoded.scenario, problem: null };
    const details = decoded.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    return {
      scenario: defaultScenario,
      problem: {
        text: 'The shared link could not be read: it may have been cut short when it was copied.',
        details:
          details.length > SHOWN_ERRORS
            ? [...details.slice(0, SHOWN_ERRORS), `and ${String(details.length - SHOWN_ERRORS)} more`]
            : details,
      },
    };
  }
  return { scenario: defaultScenario, problem: null };
}
