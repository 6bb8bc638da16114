/**
 * The demo stories start from the presets: a story's Controls begin at its preset's own
 * settings, and the scenario they describe is the preset itself until a control changes.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/scenario/presets';
import { configOf, presetArgs, scenarioOf, startOf } from '../../stories/support/config';

describe('story args from a preset', () => {
  it.each(presets.map((p) => [p.id ?? '', p] as const))('%s: its args describe exactly its config', (id, p) => {
    expect(configOf(presetArgs(id))).toEqual(p.config);
    expect(scenarioOf(presetArgs(id))).toEqual(p);
  });

  it('lets a strategy control override the preset’s strategy and nothing else', () => {
    const args = { ...presetArgs('lww-clock-skew'), strategy: 'crdt' as const };
    const { strategy, ...rest } = configOf(args);
    const { strategy: original, ...presetRest } = configOf(presetArgs('lww-clock-skew'));
    expect(strategy).toEqual({ kind: 'crdt', set: 'or-set', register: 'mv' });
    expect(original).toEqual({ kind: 'lww', clock: 'physical', tieBreak: 'higher-node-id' });
    expect(rest).toEqual(presetRest);
  });

  it('starts a story’s lab at time 0 with no command issued yet', () => {
    const start = startOf(scenarioOf(presetArgs('ring-crash')));
    expect(start.commands).toEqual([]);
    expect(start.at).toBe(0);
    expect(start.config).toEqual(presets.find((p) => p.id === 'ring-crash')?.config);
  });
});
