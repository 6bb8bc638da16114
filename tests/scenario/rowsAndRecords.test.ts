/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access -- these tests break scenarios on purpose, as loose JSON */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/model';
import {
  decodeScenario,
  describeCommand,
  encodeScenario,
  loadScenario,
  parseScenario,
  recordScenario,
  SCENARIO_FORMAT,
} from '../../src/scenario';
import { compareOne, lossReason } from '../../src/scenario/compare';
import { presetById } from '../../src/scenario/presets';

/** The scenario format carries the row ops (updateRow, deleteRow), the record key type and set-field. */
const scenario = () => ({
  format: SCENARIO_FORMAT,
  config: {
    seed: 3,
    nodes: [{ id: 'eu' }, { id: 'us', autoIncrement: { increment: 2, offset: 2 } }],
    latencyMs: { base: 100, jitter: 0 },
    keys: { orders: 'table', user: 'record' },
    strategy: { kind: 'lww', granularity: 'field' },
  },
  commands: [
    { at: 0, type: 'write', node: 'eu', key: 'orders', op: { type: 'insertRow', value: 'new' } },
    { at: 200, type: 'write', node: 'us', key: 'orders', op: { type: 'updateRow', id: 1, value: 'paid' } },
    { at: 400, type: 'write', node: 'eu', key: 'orders', op: { type: 'deleteRow', id: 1 } },
    { at: 400, type: 'write', node: 'eu', key: 'user', op: { type: 'set-field', field: 'name', value: 'Ada' } },
    { at: 400, type: 'write', node: 'us', key: 'user', op: { type: 'set-field', field: 'email', value: 'a@x' } },
    { at: 600, type: 'write', node: 'us', key: 'user', op: { type: 'set-field', field: 'email', value: null } },
  ],
  at: 1000,
});

function errorsOf(change: (s: Record<string, any>) => void) {
  const s = scenario() as Record<string, any>;
  change(s);
  const r = parseScenario(s);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('rows and records in the scenario format', () => {
  it('parse, load and record back unchanged', () => {
    const r = parseScenario(scenario());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sim = loadScenario(r.scenario);
    expect(sim.read('us', 'orders').value).toEqual([]);
    expect(sim.read('eu', 'user').value).toEqual({ name: 'Ada' });
    expect(sim.snapshot().strategy).toMatchObject({ kind: 'lww', granularity: 'field' });
    const recorded = recordScenario(sim);
    expect(recorded.commands).toEqual(r.scenario.commands);
    expect(parseScenario(JSON.parse(JSON.stringify(recorded)) as unknown).ok).toBe(true);
  });

  it('carry whose rules settle row conflicts (rowConflicts) through parse, load, record and a link', () => {
    const mysql = { ...scenario(), config: { ...scenario().config, rowConflicts: 'mysql' } };
    const r = parseScenario(mysql);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sim = loadScenario(r.scenario);
    expect(sim.config.rowConflicts).toBe('mysql');
    const recorded = recordScenario(sim);
    expect(recorded.config.rowConflicts).toBe('mysql');
    const decoded = decodeScenario(encodeScenario(recorded));
    expect(decoded.ok && loadScenario(decoded.scenario).config.rowConflicts).toBe('mysql');
    // The default (pgEdge Spock's rules) is not written out, as failover's absence is not.
    const plain = parseScenario(scenario());
    if (!plain.ok) throw new Error('the plain scenario parses');
    expect(recordScenario(loadScenario(plain.scenario)).config).not.toHaveProperty('rowConflicts');
    const [bad] = errorsOf((s) => (s.config.rowConflicts = 'postgres'));
    expect(bad?.path).toMatch(/rowConflicts/);
    expect(bad?.message).toMatch(/"spock" \| "mysql"/);
  });

  it('refuse a row op without an id, a field op on a table, and a reserved field name, naming the path', () => {
    expect(errorsOf((s) => delete s.commands[1].op.id)[0]?.path).toBe('commands[1].op.id');
    const misfit = errorsOf((s) => (s.commands[1].op = { type: 'set-field', field: 'a', value: 'b' }));
    expect(misfit[0]?.message).toMatch(/does not fit a table key \(it takes insertRow, updateRow, deleteRow\)/);
    expect(errorsOf((s) => (s.commands[3].op.field = 'constructor'))[0]?.path).toBe('commands[3].op.field');
    expect(errorsOf((s) => (s.config.strategy.granularity = 'row'))[0]?.path).toMatch(/granularity/);
  });

  it('describe each new command in one sentence', () => {
    const labels = { eu: 'Frankfurt', us: 'Virginia' };
    const say = (i: number) => describeCommand(scenario().commands[i] as Command, labels);
    expect(say(1)).toBe('Virginia updates row 1 of orders to "paid"');
    expect(say(2)).toBe('Frankfurt deletes row 1 of orders');
    expect(say(3)).toBe('Frankfurt writes user.name = "Ada"');
    expect(say(5)).toBe('Virginia clears user.email');
  });
});

describe('comparing strategies on rows and records', () => {
  it('names why a row write was lost: a concurrent delete, or a row not there yet', () => {
    const p = presetById('row-update-delete');
    if (!p) throw new Error('no preset');
    const outcome = compareOne(p, { id: 'lww', label: 'LWW', config: { kind: 'lww' } });
    expect(outcome.lost.map((l) => [l.writeId, l.reason])).toEqual([['eu:2', 'concurrent delete']]);
    expect(lossReason('Virginia\'s update of row 1 to "paid" reached Tokyo before the row itself')).toBe('missing row');
  });

  it('names both writes an update–delete race loses when the update is later, and a slow clock as clock skew', () => {
    const lww = { id: 'lww', label: 'LWW', config: { kind: 'lww' as const } };
    const diverge = presetById('row-update-delete-diverge');
    const skew = presetById('row-update-skew');
    if (!diverge || !skew) throw new Error('no preset');
    const reasons = (p: typeof diverge) =>
      compareOne(p, lww)
        .lost.map((l) => [l.writeId, l.reason])
        .sort();
    expect(reasons(diverge)).toEqual([
      ['eu:2', 'concurrent delete'],
      ['us:1', 'concurrent delete'],
    ]);
    expect(reasons(skew)).toEqual([['eu:1', 'clock skew']]);
  });

  it('keeps the scenario’s own LWW granularity when LWW is compared', () => {
    const p = presetById('lww-record-granularity');
    if (!p) throw new Error('no preset');
    const perField = {
      ...p,
      config: { ...p.config, strategy: { kind: 'lww' as const, granularity: 'field' as const } },
    };
    const outcome = compareOne(perField, { id: 'lww', label: 'LWW', config: { kind: 'lww', clock: 'physical' } });
    expect(outcome.config).toMatchObject({ granularity: 'field' });
    expect(outcome.lost).toEqual([]);
  });
});
