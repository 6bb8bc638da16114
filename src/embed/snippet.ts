import { encodeScenario, type Scenario } from '../scenario';
import { presetById } from '../scenario/presets';

/** How a run is named in an embed: a preset by its id when the run is that preset untouched, else the run itself. */
export function embedSource(scenario: Scenario): { preset: string } | { scenario: string } {
  const preset = scenario.id !== undefined ? presetById(scenario.id) : undefined;
  const same =
    preset !== undefined &&
    JSON.stringify(preset.config) === JSON.stringify(scenario.config) &&
    JSON.stringify(preset.commands) === JSON.stringify(scenario.commands);
  return preset && same ? { preset: preset.id ?? '' } : { scenario: encodeScenario(scenario) };
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Snippets {
  readonly iframe: string;
  readonly element: string;
}

/**
 * The two snippets a course author pastes: an iframe (any LMS page: Canvas keeps only `src width
 * height name align frameborder scrolling sandbox allowfullscreen`, so nothing depends on more)
 * and the element with its module. `base` is where dist/ is served, ending in `/`.
 *
 * @example embedSnippets('https://uni.example/lab/', presetById('lww-clock-skew')!).iframe
 * // '<iframe src="https://uni.example/lab/embed.html?preset=lww-clock-skew" …'
 */
export function embedSnippets(base: string, scenario: Scenario, label?: string): Snippets {
  const source = embedSource(scenario);
  const name = label ?? scenario.title ?? 'Multi-Leader Lab';
  const query = new URLSearchParams({ ...source, label: name }).toString();
  const iframe = [
    `<iframe src="${escapeAttribute(`${base}embed.html?${query}`)}"`,
    `  title="${escapeAttribute(name)}" width="100%" height="700" frameborder="0" loading="lazy"`,
    '  sandbox="allow-scripts allow-popups"></iframe>',
  ].join('\n');
  const attribute = 'preset' in source ? `preset="${escapeAttribute(source.preset)}"` : `scenario="${source.scenario}"`;
  const element = [
    `<script type="module" src="${escapeAttribute(`${base}multi-leader-lab.js`)}"></script>`,
    `<multi-leader-lab ${attribute} label="${escapeAttribute(name)}"></multi-leader-lab>`,
  ].join('\n');
  return { iframe, element };
}
