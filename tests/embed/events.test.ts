import { describe, expect, it } from 'vitest';
import { conflictDetail } from '../../src/embed/events';
import { loadScenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';

/** The `mll-conflict` detail a course page receives, from the model's conflict events. */
function details(presetId: string) {
  const preset = presetById(presetId);
  if (!preset) throw new Error(`no preset ${presetId}`);
  const sim = loadScenario(preset);
  sim.runUntilQuiescent();
  return sim.history().flatMap((e) => (e.type === 'conflict' ? [conflictDetail(e)] : []));
}

describe('the mll-conflict detail', () => {
  it('names a row conflict’s kind, as the model does (an update–delete race)', () => {
    const kinds = details('row-update-delete').map((d) => d.kind);
    expect(kinds).toContain('update-delete');
    expect(kinds.every((k) => k !== undefined)).toBe(true);
  });

  it('has no kind for a conflict on a plain value, and keeps its documented fields', () => {
    const [first] = details('lww-clock-skew');
    expect(first).toBeDefined();
    expect(first && 'kind' in first).toBe(false);
    expect(Object.keys(first ?? {}).sort()).toEqual([
      'at',
      'discarded',
      'explanation',
      'kept',
      'key',
      'node',
      'version',
    ]);
    expect(first?.discarded).toEqual(['newer']);
  });
});
