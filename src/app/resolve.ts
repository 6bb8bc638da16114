import type { SimulationConfig } from '../model';
import { SCENARIO_FORMAT, type Scenario } from '../scenario';
import type { decodeScenario } from '../scenario/codec';
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

/** Looks a preset up by id: the presets module, loaded on demand. */
export type PresetLookup = (id: string) => Scenario | undefined;

/**
 * What opening a route may need beyond the lab itself: the presets (about 30 kB of scenes) for a
 * preset's address, the link decoder (deflate and the scenario checker, about 11 kB gzip) for a
 * shared one. Both load on demand (`loadOpeners`), so a plain visit to the lab loads neither.
 */
export interface Openers {
  readonly presetById?: PresetLookup;
  readonly decodeScenario?: typeof decodeScenario;
}

/** Whether opening `route` needs modules loaded first (`loadOpeners`). */
export function needsOpeners(route: Route): boolean {
  return route.page === 'lab' && ('preset' in route || 'shared' in route);
}

/** Loads what opening `route` needs: the presets, the link decoder, or nothing. */
export async function loadOpeners(route: Route): Promise<Openers> {
  if (route.page !== 'lab') return {};
  if ('preset' in route) return { presetById: (await import('../scenario/presets')).presetById };
  if ('shared' in route) return { decodeScenario: (await import('../scenario/codec')).decodeScenario };
  return {};
}

/** How many of a broken link's errors are listed (the first few say enough). */
const SHOWN_ERRORS = 5;

/**
 * The run a lab route names. Never throws: an unknown preset, a truncated or tampered link
 * opens the default lab and says why.
 *
 * A preset's route needs `presetById` and a shared one `decodeScenario` (`loadOpeners`); without
 * them such a route opens the default lab and says so.
 *
 * @example
 * const route = { page: 'lab', preset: 'lww-clock-skew' } as const;
 * openRoute(route, await loadOpeners(route)).scenario.title // 'Clock skew: the older write wins'
 */
export function openRoute(route: Route, openers: Openers = {}): Opened {
  if (route.page !== 'lab') return { scenario: defaultScenario, problem: null };
  if ('problem' in route) return { scenario: defaultScenario, problem: { text: route.problem, details: [] } };
  if ('preset' in route) {
    const preset = openers.presetById?.(route.preset);
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
    const decoded = openers.decodeScenario?.(route.shared) ?? {
      ok: false as const,
      errors: [{ path: '', message: 'the link reader did not load' }],
    };
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
