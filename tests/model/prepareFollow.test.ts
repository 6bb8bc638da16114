import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation, type StrategyConfig } from '../../src/model';
import { threeLeaders } from '../fixtures/datacenters';

/**
 * A strategy prepared in slices while the run goes on: commands added at the end join the
 * job, a command in the recorded past (a fork) stops it; either way, switching then gives
 * exactly what switching at once gives.
 */

function history(sim: Simulation): void {
  const ids = ['eu', 'us', 'ap'];
  for (let i = 0; i < 120; i++) {
    const node = ids[i % 3] as string;
    if (i % 2 === 0) sim.write(node, 'likes', { type: 'increment', by: 1 });
    else sim.write(node, 'cart', { type: 'add', item: `i${String(i % 4)}` });
    sim.advance(35);
  }
  sim.runUntilQuiescent();
}

const merge: StrategyConfig = { kind: 'merge' };
const state = (sim: Simulation) => JSON.stringify([sim.history(), sim.snapshot()]);

describe('prepareStrategy while the run goes on', () => {
  it('takes up a write at the end and keeps its run: the switch is a lookup', () => {
    const sim = createSimulation(threeLeaders);
    const fresh = createSimulation(threeLeaders);
    history(sim);
    history(fresh);
    const job = sim.prepareStrategy(merge);
    expect(job.step(200)).toBe(false);
    const end = sim.now();
    sim.write('ap', 'likes', { type: 'increment', by: 5 });
    fresh.write('ap', 'likes', { type: 'increment', by: 5 });
    sim.advance(500);
    fresh.advance(500);
    while (!job.step(200));
    // Kept for the tape as it is now, and it reaches the run's new end.
    expect(sim.prepareStrategy(merge).progress).toBe(1);
    expect(job.eventCount).toBeGreaterThan(0);
    expect(job.events(0, job.eventCount)).toHaveLength(job.eventCount);
    expect(sim.now()).toBeGreaterThan(end);
    sim.setStrategy(merge);
    fresh.setStrategy(merge);
    expect(state(sim)).toBe(state(fresh));
    // What the job read out is the history the switch brought.
    expect(JSON.stringify(sim.history().slice(0, job.eventCount))).toBe(JSON.stringify(job.events(0, job.eventCount)));
  });

  it('stops at a command in the recorded past, and the switch re-runs as usual', () => {
    const sim = createSimulation(threeLeaders);
    const fresh = createSimulation(threeLeaders);
    history(sim);
    history(fresh);
    const job = sim.prepareStrategy(merge);
    expect(job.step(100)).toBe(false);
    // Back to between the last command and the end, and a write there: it forks the recorded
    // future (no command is cut from the tape, only events).
    const last = sim.commands().at(-1)?.at ?? 0;
    const t = Math.floor((last + sim.now()) / 2);
    expect(t).toBeGreaterThan(last);
    sim.seek(t);
    fresh.seek(t);
    sim.write('eu', 'cart', { type: 'remove', item: 'i1' });
    fresh.write('eu', 'cart', { type: 'remove', item: 'i1' });
    expect(job.step(100)).toBe(true);
    expect(job.eventCount).toBe(0);
    expect(job.events(0, 10)).toEqual([]);
    expect(sim.prepareStrategy(merge).progress).toBe(0);
    sim.setStrategy(merge);
    fresh.setStrategy(merge);
    expect(state(sim)).toBe(state(fresh));
  });
});
