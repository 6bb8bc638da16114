import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { applyCommand, recordScenario, type Scenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';
import { createSimulation as create, convergedValues, lostWriteIds } from '../../src/model';
import { presets } from '../../src/scenario/presets';
import {
  COMPARED_STRATEGIES,
  compareJob,
  compareOne,
  compareStrategies,
  lossReason,
  type StrategyOutcome,
} from '../../src/scenario/compare';

function preset(id: string): Scenario {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

const byId = (outcomes: readonly StrategyOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.id, o]));
const values = (o: StrategyOutcome | undefined) => Object.fromEntries((o?.keys ?? []).map((k) => [k.key, k.value]));
const lost = (o: StrategyOutcome | undefined) => (o?.lost ?? []).map((l) => `${l.writeId} ${l.reason}`);

describe('compareStrategies', () => {
  it('replays lww-clock-skew under each strategy: both LWW clocks lose Virginia’s newer write to skew', () => {
    const outcomes = compareStrategies(preset('lww-clock-skew'));
    expect(outcomes.map((o) => o.id)).toEqual(COMPARED_STRATEGIES.map((s) => s.id));
    const o = byId(outcomes);
    // The writes are concurrent (the link was cut), so the hybrid clock orders them by the
    // skewed physical part too: HLC fixes skew only for writes that saw each other.
    for (const id of ['lww-physical', 'lww-hlc']) {
      expect(values(o[id])).toEqual({ title: '"older"' });
      expect(lost(o[id])).toEqual(['us:1 clock skew']);
      expect(o[id]?.lost[0]?.write).toBe('Virginia writes title = "newer"');
      expect(o[id]?.lost[0]?.explanation).toMatch(/Virginia wrote later in real time/);
    }
    expect(values(o.merge)).toEqual({ title: '"newer/older"' });
    expect(lost(o.merge)).toEqual([]);
    // Siblings keep both versions: nothing is lost, one waits beside the shown value.
    expect(values(o['custom-read'])).toEqual({ title: '"older"' });
    expect(o['custom-read']?.keys[0]?.siblings).toBe(1);
    expect(lost(o['custom-read'])).toEqual([]);
    expect(lost(o.crdt)).toEqual([]);
    expect(outcomes.every((x) => x.error === null && x.keys.every((k) => k.converged))).toBe(true);
  });

  it('replays trade-offs: LWW loses 6, merge 3 (a removal undone, two increments), siblings and CRDTs none', () => {
    const o = byId(compareStrategies(preset('trade-offs')));
    expect(values(o['lww-physical'])).toEqual({ cart: '{flour, milk}', likes: '1', title: '"Tokyo"' });
    expect(o['lww-physical']?.lost).toHaveLength(6);
    expect(o['lww-physical']?.lost.every((l) => l.reason === 'concurrent overwrite')).toBe(true);
    expect(o['lww-hlc']?.lost).toHaveLength(6);
    expect(values(o.merge)).toEqual({ cart: '{eggs, flour, milk}', likes: '1', title: '"Frankfurt/Tokyo/Virginia"' });
    expect(lost(o.merge).sort()).toEqual(['ap:2 increments lost', 'eu:2 removal undone', 'eu:3 increments lost']);
    expect(lost(o['custom-read'])).toEqual([]);
    expect(o['custom-read']?.keys.map((k) => k.siblings)).toEqual([2, 2, 2]);
    expect(values(o.crdt)).toEqual({ cart: '{eggs, flour}', likes: '3', title: '"Tokyo"' });
    expect(lost(o.crdt)).toEqual([]);
  });

  it('names a tie as a tie', () => {
    const o = byId(compareStrategies(preset('lww-tie-higher-node-id')));
    expect(lost(o['lww-physical'])).toEqual(['eu:1 tie']);
  });

  it('compares the whole recorded history, even when the lab stands before its end', () => {
    const sim = createSimulation(preset('lww-clock-skew').config);
    sim.write('eu', 'title', { type: 'set', value: 'A' });
    sim.write('us', 'title', { type: 'set', value: 'B' });
    sim.runUntilQuiescent();
    sim.seek(0);
    const o = byId(compareStrategies(recordScenario(sim)));
    expect(o['lww-physical']?.lost).toHaveLength(1);
    expect(values(o.merge)).toEqual({ title: '"A/B"' });
  });

  it('gives the same outcome in small steps as at once, and counts lost writes as a whole history read does', () => {
    // The job digests each step's new events only; the result must not depend on the steps.
    for (const scenario of presets) {
      for (const strategy of COMPARED_STRATEGIES) {
        const whole = compareOne(scenario, strategy);
        const job = compareJob(scenario, strategy);
        let steps = 0;
        while (!job.step(7)) steps += 1;
        expect(job.outcome(), `${scenario.id ?? ''} under ${strategy.id}`).toEqual(whole);
        if (whole.error !== null) continue;
        // The definition read over the finished history in one go.
        const sim = create({ ...scenario.config, strategy: whole.config });
        const end = Math.max(scenario.end ?? 0, scenario.at ?? 0, scenario.commands.at(-1)?.at ?? 0);
        for (const cmd of scenario.commands) {
          if (cmd.at > sim.now()) sim.advance(cmd.at - sim.now());
          applyCommand(sim, cmd);
        }
        if (end > sim.now()) sim.advance(end - sim.now());
        sim.runUntilQuiescent();
        const ids = lostWriteIds(sim.history(), convergedValues(sim.snapshot()));
        expect(whole.lost.map((l) => l.writeId)).toEqual(ids);
        if (scenario.commands.length > 3) expect(steps).toBeGreaterThan(0);
      }
    }
  });

  it('says why a strategy cannot run instead of throwing', () => {
    const [outcome] = compareStrategies(preset('lww-clock-skew'), [
      { id: 'ot', label: 'Operational transformation', config: { kind: 'ot' } },
    ]);
    expect(outcome?.error).toMatch(/\w/);
    expect(outcome?.keys).toEqual([]);
  });
});

describe('lossReason', () => {
  it('reads the reason from a conflict explanation', () => {
    expect(lossReason('… carry the same timestamp (0 ms); on a tie …')).toBe('tie');
    expect(lossReason('… clock skew made the older write win.')).toBe('clock skew');
    expect(lossReason('Virginia’s "b" (2000 ms) beats Frankfurt’s "a" (1000 ms)')).toBe('concurrent overwrite');
  });
});
