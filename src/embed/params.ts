import type { Scenario } from '../scenario';
import type { decodeScenario } from '../scenario/codec';
import { presetById, presets } from '../scenario/presets';
import type { LabControls } from '../view/MultiLeaderLab';

/**
 * The embed's settings: the same names as the `<multi-leader-lab>` element's attributes and the
 * `embed.html` query parameters. Parsing never throws: a bad value becomes a sentence in
 * `problems` (shown inside the embed) and the setting falls back, so the rest still works.
 */
export const EMBED_PARAMS = ['preset', 'scenario', 'lesson', 'step', 'controls', 'theme', 'label', 'autoplay'] as const;
export type EmbedParam = (typeof EMBED_PARAMS)[number];

/** The panels `controls` can name, in the order the lab shows them. */
export const CONTROL_NAMES = [
  'time',
  'write',
  'strategy',
  'cluster',
  'compare',
  'leader',
  'links',
  'log',
  'spacetime',
] as const satisfies readonly (keyof LabControls)[];

export type Theme = 'light' | 'dark' | 'auto';

/** The preset an embed opens when it names none. */
export const DEFAULT_PRESET = 'multi-leader';

export const DEFAULT_LABEL = 'Multi-Leader Lab';

export interface EmbedSettings {
  /** The run to open, and what named it (for events and for remounting when it changes). */
  readonly scenario: Scenario;
  readonly source: string;
  readonly lesson: string | null;
  readonly step: number | null;
  /** Which panels show; every panel when the parameter is absent. */
  readonly controls: LabControls;
  readonly theme: Theme;
  readonly label: string;
  readonly autoplay: boolean;
  /** What was wrong with the given values, in words; empty when all was well. */
  readonly problems: readonly string[];
}

export type RawParams = Partial<Record<EmbedParam, string | null>>;

/** Raw values from URL query parameters (`embed.html?preset=…&autoplay`). */
export function paramsFromQuery(search: string): RawParams {
  const query = new URLSearchParams(search);
  const raw: RawParams = {};
  for (const name of EMBED_PARAMS) {
    const value = query.get(name);
    if (value !== null) raw[name] = value;
  }
  return raw;
}

/** Raw values from an element's attributes. */
export function paramsFromAttributes(element: Element): RawParams {
  const raw: RawParams = {};
  for (const name of EMBED_PARAMS) {
    const value = element.getAttribute(name);
    if (value !== null) raw[name] = value;
  }
  return raw;
}

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 60)}…` : text}”`;

/** The link reader (`decodeScenario`): loaded only by an embed given a `scenario` (`loadDecoder`). */
export type Decode = typeof decodeScenario;

/** Loads the link reader (deflate, the dictionary and the scenario checker: about 10 kB gzip). */
export const loadDecoder = async (): Promise<Decode> => (await import('../scenario/codec')).decodeScenario;

/** Whether these settings need the link reader (`loadDecoder`) before they can be parsed. */
export const needsDecoder = (raw: RawParams): boolean => Boolean(raw.scenario?.trim());

function parseStart(raw: RawParams, problems: string[], decode?: Decode): { scenario: Scenario; source: string } {
  const fallback = () => {
    const scenario = presetById(DEFAULT_PRESET) ?? presets[0];
    if (!scenario) throw new Error('The lab ships without presets');
    return { scenario, source: `preset:${DEFAULT_PRESET}` };
  };
  const encoded = raw.scenario?.trim();
  if (encoded) {
    const decoded = decode?.(encoded) ?? {
      ok: false as const,
      errors: [{ path: '', message: 'the link reader did not load' }],
    };
    if (decoded.ok) return { scenario: decoded.scenario, source: `scenario:${encoded}` };
    const first = decoded.errors[0];
    const why = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'unreadable';
    problems.push(`The scenario could not be read (${why}); it may have been cut short when copied.`);
  }
  const id = raw.preset?.trim();
  if (id) {
    const scenario = presetById(id);
    if (scenario) return { scenario, source: `preset:${id}` };
    problems.push(`There is no preset ${quote(id)}. Presets are named like “lww-clock-skew” (see the gallery).`);
  }
  return fallback();
}

function parseControls(value: string | null | undefined, problems: string[]): LabControls {
  if (value === null || value === undefined) return {};
  const wanted = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const known = new Set<string>(CONTROL_NAMES);
  const unknown = wanted.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    problems.push(
      `Unknown control${unknown.length > 1 ? 's' : ''} ${unknown.map(quote).join(', ')}: the panels are ${CONTROL_NAMES.join(', ')}.`,
    );
  }
  const shown = new Set(wanted);
  return Object.fromEntries(CONTROL_NAMES.map((name) => [name, shown.has(name)]));
}

function parseTheme(value: string | null | undefined, problems: string[]): Theme {
  const theme = value?.trim().toLowerCase();
  if (!theme) return 'auto';
  if (theme === 'light' || theme === 'dark' || theme === 'auto') return theme;
  problems.push(`The theme ${quote(value ?? '')} is not one of light, dark, auto: using auto.`);
  return 'auto';
}

/** A boolean attribute: present means on, except the words false, 0, off and no. */
function parseBoolean(name: string, value: string | null | undefined, problems: string[]): boolean {
  if (value === null || value === undefined) return false;
  const word = value.trim().toLowerCase();
  if (['', 'true', '1', 'on', 'yes', name].includes(word)) return true;
  if (['false', '0', 'off', 'no'].includes(word)) return false;
  problems.push(`${name} is on or off (write ${name} or ${name}="false"), not ${quote(value)}: left off.`);
  return false;
}

function parseStep(value: string | null | undefined, problems: string[]): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const step = Number(value);
  if (Number.isInteger(step) && step >= 1) return step;
  problems.push(`The step ${quote(value)} is not a step number (1, 2, 3…): starting at step 1.`);
  return null;
}

/**
 * The settings, from raw values. A `scenario` needs `decode` (`loadDecoder`; the element loads it
 * only for such an embed, so one opened on a preset never downloads it).
 */
export function parseEmbedParams(raw: RawParams, decode?: Decode): EmbedSettings {
  const problems: string[] = [];
  const { scenario, source } = parseStart(raw, problems, decode);
  // A course lesson's id; whether it exists is checked where the lessons are (loaded on demand).
  const lesson = raw.lesson?.trim() || null;
  const step = parseStep(raw.step, problems);
  const controls = parseControls(raw.controls, problems);
  const theme = parseTheme(raw.theme, problems);
  const label = raw.label?.trim() || scenario.title || DEFAULT_LABEL;
  const autoplay = parseBoolean('autoplay', raw.autoplay, problems);
  return { scenario, source, lesson, step, controls, theme, label, autoplay, problems };
}
