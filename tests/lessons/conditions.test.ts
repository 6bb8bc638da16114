import { describe, expect, it } from 'vitest';
import { holds, type Observed } from '../../src/lessons/conditions';
import type { Condition } from '../../src/lessons/types';
import { loadScenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';

/** What the lab shows after `script`: its snapshot and the events recorded since the step began. */
function observe(presetId: string, script: (sim: ReturnType<typeof loadScenario>) => void): Observed {
  const preset = presetById(presetId);
  if (!preset) throw new Error(presetId);
  const sim = loadScenario(preset);
  const before = sim.historyLength();
  script(sim);
  sim.runUntilQuiescent();
  return { snapshot: sim.snapshot(), events: sim.history().slice(before) };
}

describe('task conditions', () => {
  const quiet = observe('lww-clock-skew', () => undefined);
  const conflict = observe('lww-clock-skew', (sim) => {
    sim.cutLink('eu', 'us');
    sim.write('eu', 'title', { type: 'set', value: 'A' });
    sim.advance(100);
    sim.write('us', 'title', { type: 'set', value: 'B' });
    sim.healLink('eu', 'us');
  });

  it('an event condition sees only events since the step began, filtered by key, leader and count', () => {
    const c: Condition = { type: 'event', event: 'conflict', key: 'title' };
    expect(holds(c, quiet)).toBe(false); // the preset's own conflicts are not the learner's
    expect(holds(c, conflict)).toBe(true);
    expect(holds({ type: 'event', event: 'conflict', key: 'other' }, conflict)).toBe(false);
    expect(holds({ type: 'event', event: 'conflict', node: 'ap' }, conflict)).toBe(true);
    expect(holds({ type: 'event', event: 'write', distinctNodes: 2 }, conflict)).toBe(true);
    expect(holds({ type: 'event', event: 'write', distinctNodes: 3 }, conflict)).toBe(false);
    expect(holds({ type: 'event', event: 'write', atLeast: 3 }, conflict)).toBe(false);
    expect(holds({ type: 'event', event: 'cut-link', peer: 'us' }, conflict)).toBe(true);
  });

  it('link, leader, value and converged conditions read the snapshot', () => {
    const cut = observe('lww-clock-skew', (sim) => {
      sim.cutLink('us', 'eu');
      sim.crashNode('ap');
      sim.write('eu', 'title', { type: 'set', value: 'X' });
    });
    expect(holds({ type: 'link', a: 'eu', b: 'us', is: 'cut' }, cut)).toBe(true);
    expect(holds({ type: 'link', a: 'eu', b: 'ap', is: 'cut' }, cut)).toBe(false);
    expect(holds({ type: 'leader', node: 'ap', is: 'crashed' }, cut)).toBe(true);
    expect(holds({ type: 'leader', node: 'eu', is: 'crashed' }, cut)).toBe(false);
    // Frankfurt's write cannot reach Virginia (link cut) nor Tokyo (crashed).
    expect(holds({ type: 'value', node: 'eu', key: 'title', equals: 'X' }, cut)).toBe(true);
    expect(holds({ type: 'value', node: 'us', key: 'title', equals: 'X' }, cut)).toBe(false);
    expect(holds({ type: 'value', node: 'eu', key: 'title', includes: 'X' }, cut)).toBe(true);
    expect(holds({ type: 'converged', key: 'title' }, cut)).toBe(false);
    expect(holds({ type: 'converged', key: 'title' }, quiet)).toBe(true);
  });

  it('a set value matches in any order; siblings count the versions kept', () => {
    const cart = observe('merge-cart', () => undefined);
    expect(holds({ type: 'value', node: 'ap', key: 'cart', equals: ['milk', 'flour'] }, cart)).toBe(true);
    expect(holds({ type: 'value', node: 'ap', key: 'cart', includes: 'milk' }, cart)).toBe(true);
    const mv = observe('crdt-mv-register', () => undefined);
    expect(holds({ type: 'value', node: 'eu', key: 'title', siblings: 2 }, mv)).toBe(true);
    expect(holds({ type: 'value', node: 'eu', key: 'title', siblings: 3 }, mv)).toBe(false);
  });

  it('strategy and causal-delivery conditions match part of the config; all, any and not combine', () => {
    const hlc = observe('lww-skew-hides-reply', (sim) => {
      sim.setStrategy({ kind: 'lww', clock: 'hlc', tieBreak: 'higher-node-id' });
    });
    expect(holds({ type: 'strategy', is: { kind: 'lww', clock: 'hlc' } }, hlc)).toBe(true);
    expect(holds({ type: 'strategy', is: { kind: 'crdt' } }, hlc)).toBe(false);
    expect(holds({ type: 'causal-delivery', is: false }, hlc)).toBe(true);
    const yes: Condition = { type: 'value', node: 'us', key: 'title', equals: 'final' };
    const no: Condition = { type: 'leader', node: 'eu', is: 'crashed' };
    expect(holds(yes, hlc)).toBe(true);
    expect(holds({ type: 'all', of: [yes, no] }, hlc)).toBe(false);
    expect(holds({ type: 'any', of: [yes, no] }, hlc)).toBe(true);
    expect(holds({ type: 'not', condition: no }, hlc)).toBe(true);
  });

  it('an event condition can ask for one kind of row conflict', () => {
    // A second row raced the same way: updated on one leader while deleted on the other.
    const race = observe('row-update-delete', (sim) => {
      sim.write('eu', 'orders', { type: 'insertRow', value: 'order for Grace' });
      sim.runUntilQuiescent();
      sim.write('eu', 'orders', { type: 'updateRow', id: 3, value: 'packed' });
      sim.write('us', 'orders', { type: 'deleteRow', id: 3 });
    });
    expect(holds({ type: 'event', event: 'conflict', conflictKind: 'update-delete' }, race)).toBe(true);
    expect(holds({ type: 'event', event: 'conflict', conflictKind: 'insert-insert' }, race)).toBe(false);
    // A kind filter never matches events other than conflicts.
    expect(holds({ type: 'event', event: 'write', conflictKind: 'update-delete' }, race)).toBe(false);
  });

  it('a value condition looks inside a record: one of its fields holds the text', () => {
    const record = observe('lww-record-granularity', (sim) => {
      sim.write('eu', 'user', { type: 'set-field', field: 'city', value: 'London' });
    });
    expect(holds({ type: 'value', node: 'us', key: 'user', includes: 'London' }, record)).toBe(true);
    expect(holds({ type: 'value', node: 'us', key: 'user', includes: 'Paris' }, record)).toBe(false);
  });
});
