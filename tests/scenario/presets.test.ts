/**
 * The preset scenarios (src/scenario/presets): each is well formed, names course concepts that
 * exist, loads through the model, and shows what its title says: an outcome checked from the
 * loaded run's snapshot and history, one check per preset.
 */
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  convergedValues,
  descends,
  lostWriteIds,
  type SimEvent,
  type Simulation,
  type StrategyConfig,
  type Value,
} from '../../src/model';
import { decodeScenario, encodeScenario, loadScenario, parseScenario, type Scenario } from '../../src/scenario';
import { presetById, presets } from '../../src/scenario/presets';
import { CONCEPTS as COURSE_CONCEPTS } from '../../src/lessons/concepts';

/** The course's concept ids (the table in the shared course.md, plus the ids it also accepts). */
const CONCEPTS = new Set(COURSE_CONCEPTS);

function get(id: string): Scenario {
  const p = presetById(id);
  if (!p) throw new Error(`no preset "${id}"`);
  return p;
}

/** The preset's run, standing where it says (by default its end). */
const load = (id: string, strategy?: StrategyConfig) => {
  const p = get(id);
  return loadScenario(strategy ? { ...p, config: { ...p.config, strategy } } : p);
};

/** The preset's run just before its command `index` (everything due until then delivered). */
function before(id: string, index: number): Simulation {
  const p = get(id);
  const cmd = p.commands[index];
  if (!cmd) throw new Error(`${id} has no command ${String(index)}`);
  return loadScenario({ ...p, commands: p.commands.slice(0, index), at: cmd.at });
}

/** Every leader's value of `key`, by id. */
const values = (sim: Simulation, key: string): Record<string, Value | undefined> =>
  Object.fromEntries(sim.snapshot().nodes.map((n) => [n.id, n.keys[key]?.value]));

/** Every leader's versions of `key` (the value shown plus unresolved siblings), sorted. */
const versions = (sim: Simulation, key: string): Record<string, string[]> =>
  Object.fromEntries(
    sim.snapshot().nodes.map((n) => {
      const k = n.keys[key];
      return [n.id, k ? [k.value, ...k.conflicts].map((v) => JSON.stringify(v)).sort() : []];
    }),
  );

const everywhere = (sim: Simulation, value: Value) =>
  Object.fromEntries(sim.snapshot().nodes.map((n) => [n.id, value]));

function events<T extends SimEvent['type']>(sim: Simulation, type: T): Extract<SimEvent, { type: T }>[] {
  return sim.history().filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** The writes any conflict record discarded (what the lab counts as lost), sorted. */
// The one definition of a lost write (src/model/lost.ts), as the lab counts it.
const lost = (sim: Simulation) => lostWriteIds(sim.history(), convergedValues(sim.snapshot())).sort();

function writeEvent(sim: Simulation, writeId: string) {
  const w = events(sim, 'write').find((e) => e.writeId === writeId);
  if (!w) throw new Error(`no write ${writeId}`);
  return w;
}

const valueAt = (sim: Simulation, node: string, key: string) =>
  sim.snapshot().nodes.find((n) => n.id === node)?.keys[key]?.value;

/** One outcome check per preset: what the scene is there to show. */
const outcomes: Record<string, () => void> = {
  'multi-leader': () => {
    const sim = load('multi-leader');
    expect(events(sim, 'ack').map((a) => a.latencyMs)).toEqual([0, 0]);
    expect(events(sim, 'reject')).toEqual([]);
    // Frankfurt is down; the others took Tokyo's write during the outage.
    expect(values(sim, 'title')).toEqual({ eu: 'from Tokyo', us: 'during the outage', ap: 'during the outage' });
  },
  'single-leader': () => {
    const sim = load('single-leader');
    // A round trip to Frankfurt (1000 ms each way) before Tokyo's write is acknowledged.
    expect(events(sim, 'ack').map((a) => a.latencyMs)).toEqual([2000]);
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'from Tokyo'));
    // With the leader down, a write anywhere is refused.
    const refused = sim.write('ap', 'title', { type: 'set', value: 'during the outage' });
    expect(refused).toMatchObject({ ok: false, code: 'leader-unavailable' });
  },
  'single-leader-failover': () => {
    // Frankfurt acknowledged v2 at once (latency 0), then crashed before shipping it.
    const before = loadScenario({ ...get('single-leader-failover'), at: 1500 });
    expect(events(before, 'ack').map((a) => [a.writeId, a.latencyMs])).toEqual([
      ['eu:1', 0],
      ['eu:2', 0],
    ]);
    const sim = load('single-leader-failover');
    // 2 s after the crash (t = 1700) a follower is promoted: the lower id of two with the same writes.
    expect(events(sim, 'failover')).toEqual([expect.objectContaining({ at: 3700, from: 'eu', to: 'ap' })]);
    expect(events(sim, 'lost')).toEqual([expect.objectContaining({ writeIds: ['eu:2'] })]);
    expect(lost(sim)).toEqual(['eu:2']);
    expect(sim.snapshot().leader).toBe('ap');
    // Frankfurt is back, as a follower, rewound: v2 is nowhere.
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'v3 on the new leader'));
  },
  'datacenter-lost': () => {
    const sim = load('datacenter-lost');
    expect(sim.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('destroyed');
    // Tea was shipped before the fire and survives; rice (written 500 ms before) never left Tokyo.
    expect(valueAt(sim, 'eu', 'cart')).toEqual(['tea']);
    expect(valueAt(sim, 'us', 'cart')).toEqual(['tea']);
    expect(lost(sim)).toEqual(['ap:2']);
    expect(() => {
      sim.recoverNode('ap');
    }).toThrow();
  },
  'offline-client': () => {
    const offline = before('offline-client', 5);
    expect(offline.snapshot().nodes.find((n) => n.id === 'ap')?.status).toBe('offline');
    expect(values(offline, 'cart')).toEqual({ eu: ['flour'], us: ['flour'], ap: ['eggs'] });
    const sim = load('offline-client');
    expect(values(sim, 'cart')).toEqual(everywhere(sim, ['eggs', 'flour']));
    expect(values(sim, 'likes')).toEqual(everywhere(sim, 2));
    expect(lost(sim)).toEqual([]);
  },
  'all-to-all-crash': () => {
    const down = before('all-to-all-crash', 2);
    expect(values(down, 'title')).toEqual({ eu: 'v1', us: 'v1', ap: null, sa: 'v1' });
    const sim = load('all-to-all-crash');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'v1'));
    expect(sim.snapshot().converged.title).toBe(true);
  },
  'ring-crash': () => {
    const down = before('ring-crash', 2);
    // Nothing passes the crashed Tokyo: São Paulo, after it, never hears the write.
    expect(values(down, 'title')).toEqual({ eu: 'v1', us: 'v1', ap: null, sa: null });
    const sim = load('ring-crash');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'v1'));
    expect(events(sim, 'drop')).toContainEqual(
      expect.objectContaining({ node: 'eu', writeId: 'eu:1', reason: 'own-origin' }),
    );
  },
  'ring-cut-link': () => {
    const cut = before('ring-cut-link', 2);
    expect(values(cut, 'title')).toEqual({ eu: 'v1', us: 'v1', ap: null, sa: null });
    // Held at Virginia, not lost.
    expect(cut.snapshot().messages.some((m) => m.from === 'us' && m.to === 'ap' && m.deliverAt === null)).toBe(true);
    const sim = load('ring-cut-link');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'v1'));
  },
  'star-hub-down': () => {
    const down = before('star-hub-down', 2);
    expect(values(down, 'title')).toEqual({ eu: null, us: 'v1', ap: null, sa: null });
    const sim = load('star-hub-down');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'v1'));
  },
  'causal-anomaly': () => {
    const p = get('causal-anomaly');
    // After both writes (the answer at 1100 ms), before the slow link brings the question.
    const mid = loadScenario({ ...p, at: 1700 });
    expect(valueAt(mid, 'ap', 'answer')).toBe('4');
    expect(valueAt(mid, 'ap', 'question')).toBe(null);
    expect(events(mid, 'anomaly')).toContainEqual(
      expect.objectContaining({ node: 'ap', writeId: 'us:1', missing: ['eu:1'] }),
    );
    const sim = load('causal-anomaly');
    expect(values(sim, 'question')).toEqual(everywhere(sim, 'What is 2+2?'));
  },
  'causal-delivery': () => {
    const p = get('causal-delivery');
    const mid = loadScenario({ ...p, at: 1700 });
    expect(valueAt(mid, 'ap', 'answer')).toBe(null);
    expect(events(mid, 'buffer')).toContainEqual(
      expect.objectContaining({ node: 'ap', writeId: 'us:1', waitingFor: ['eu:1'] }),
    );
    const sim = load('causal-delivery');
    expect(values(sim, 'answer')).toEqual(everywhere(sim, '4'));
    expect(events(sim, 'anomaly')).toEqual([]);
  },
  'auto-increment-collision': () => {
    const sim = load('auto-increment-collision');
    expect(values(sim, 'orders')).toEqual({ eu: [{ id: 1, value: 'eu order' }], us: [{ id: 1, value: 'us order' }] });
    const conflicts = events(sim, 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) expect(c.explanation).toMatch(/Duplicate entry '1' for key 'PRIMARY'/);
    expect(sim.snapshot().converged.orders).toBe(false);
  },
  'auto-increment-offsets': () => {
    const sim = load('auto-increment-offsets');
    expect(values(sim, 'orders')).toEqual(
      everywhere(sim, [
        { id: 1, value: 'eu order' },
        { id: 2, value: 'us order' },
      ]),
    );
    expect(events(sim, 'conflict')).toEqual([]);
  },
  'row-update-skew': () => {
    // pgEdge Spock settles every row update by commit timestamp (try_resolve_conflict): Frankfurt's
    // update came after "paid" but is stamped earlier (its clock is 2 s behind), so Virginia keeps
    // "paid" while Frankfurt keeps its own, and the leaders differ.
    const sim = load('row-update-skew');
    expect(values(sim, 'orders')).toEqual({
      eu: [{ id: 1, value: 'shipped' }],
      us: [{ id: 1, value: 'paid' }],
    });
    expect(sim.snapshot().converged.orders).toBe(false);
    const conflicts = events(sim, 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([['us', 'update-update', ['eu:1']]]);
    expect(conflicts[0]?.explanation).toMatch(/clock is behind/);
    expect(lost(sim)).toEqual(['eu:1']);
  },
  'row-update-delete': () => {
    // pgEdge Spock: the update finds no row where it was deleted (update_missing), the delete,
    // stamped later, is applied where the row was updated; the leaders agree the row is gone.
    const sim = load('row-update-delete');
    expect(values(sim, 'orders')).toEqual(everywhere(sim, []));
    const conflicts = events(sim, 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind])).toEqual([
      ['us', 'update-delete'],
      ['eu', 'update-delete'],
    ]);
    expect(conflicts[0]?.explanation).toMatch(/update_missing/);
    expect(lost(sim)).toEqual(['eu:2']);
  },
  'row-update-delete-diverge': () => {
    // The update is stamped later: Frankfurt skips the delete (delete_exists, spock_apply_heap_delete
    // → try_resolve_conflict), Virginia the update (update_missing); the leaders differ.
    const sim = load('row-update-delete-diverge');
    expect(values(sim, 'orders')).toEqual({ eu: [{ id: 1, value: 'shipped' }], us: [] });
    expect(sim.snapshot().converged.orders).toBe(false);
    const conflicts = events(sim, 'conflict');
    expect(conflicts.map((c) => [c.node, c.kind, c.discarded])).toEqual([
      ['eu', 'update-delete', ['us:1']],
      ['us', 'update-delete', ['eu:2']],
    ]);
    expect(conflicts[0]?.explanation).toMatch(/delete_exists/);
    expect(conflicts[1]?.explanation).toMatch(/update_missing/);
    expect(lost(sim).sort()).toEqual(['eu:2', 'us:1']);
  },
  'lww-record-granularity': () => {
    const both = { email: 'ada@example.org', name: 'Ada' };
    const perValue = load('lww-record-granularity');
    expect(values(perValue, 'user')).toEqual(everywhere(perValue, { email: 'ada@example.org' }));
    expect(lost(perValue)).toEqual(['eu:1']);
    const perField = load('lww-record-granularity', { kind: 'lww', granularity: 'field' });
    expect(values(perField, 'user')).toEqual(everywhere(perField, both));
    expect(lost(perField)).toEqual([]);
  },
  'lww-partition': () => {
    const sim = load('lww-partition');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'Virginia’s title'));
    expect(lost(sim)).toEqual(['eu:1']);
  },
  'lww-clock-skew': () => {
    const sim = load('lww-clock-skew');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'older'));
    expect(lost(sim)).toEqual(['us:1']);
    // The winner was written earlier in true time, yet stamped later.
    const [older, newer] = [writeEvent(sim, 'eu:1'), writeEvent(sim, 'us:1')];
    expect(older.at).toBeLessThan(newer.at);
    expect(older.stamp.physical).toBeGreaterThan(newer.stamp.physical);
  },
  'lww-skew-hides-reply': () => {
    const sim = load('lww-skew-hides-reply');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'draft'));
    expect(lost(sim)).toEqual(['us:1']);
    // The lost write had seen the draft: its version vector descends the draft's.
    expect(descends(writeEvent(sim, 'us:1').vv, writeEvent(sim, 'eu:1').vv)).toBe(true);
  },
  'hlc-fixes-skew': () => {
    const sim = load('hlc-fixes-skew');
    expect(values(sim, 'title')).toEqual(everywhere(sim, 'final'));
    expect(lost(sim)).toEqual([]);
    const [draft, final] = [writeEvent(sim, 'eu:1'), writeEvent(sim, 'us:1')];
    expect(final.stamp.physical).toBeLessThan(draft.stamp.physical);
    expect(compareHlc(final.stamp.hlc, draft.stamp.hlc)).toBeGreaterThan(0);
  },
  'merge-cart': () => {
    const sim = load('merge-cart');
    expect(values(sim, 'cart')).toEqual(everywhere(sim, ['flour', 'milk']));
    // The removal (Frankfurt's second write) is undone by the union: a lost deletion.
    expect(lost(sim)).toEqual(['eu:2']);
    expect(writeEvent(sim, 'eu:2').op).toEqual({ type: 'remove', item: 'milk' });
  },
  'custom-on-write': () => {
    const sim = load('custom-on-write');
    expect(values(sim, 'price')).toEqual(everywhere(sim, '€20'));
    expect(lost(sim)).toEqual(['us:1']);
  },
  'custom-on-read': () => {
    const sim = load('custom-on-read');
    expect(versions(sim, 'price')).toEqual(everywhere(sim, ['"$25"', '"€20"']));
    expect(sim.read('us', 'price').conflicts).toHaveLength(1);
    expect(lost(sim)).toEqual([]);
  },
  'crdt-counter': () => {
    const sim = load('crdt-counter');
    expect(values(sim, 'likes')).toEqual(everywhere(sim, 3));
    expect(lost(sim)).toEqual([]);
    // The same history under last write wins keeps one like.
    const lww = load('crdt-counter', { kind: 'lww' });
    expect(values(lww, 'likes')).toEqual(everywhere(lww, 1));
    expect(lost(lww)).toHaveLength(2);
  },
  'crdt-or-set': () => {
    const sim = load('crdt-or-set');
    expect(values(sim, 'cart')).toEqual(everywhere(sim, ['milk']));
    // semantics.md ("What counts as a lost write"): an OR-set remove is applied in full (it
    // deleted the tags it saw), so a concurrent re-add keeping the item loses nothing.
    expect(lost(sim)).toEqual([]);
    expect(writeEvent(sim, 'us:1').op).toEqual({ type: 'remove', item: 'milk' });
  },
  'crdt-lww-element-set': () => {
    const sim = load('crdt-lww-element-set');
    expect(values(sim, 'cart')).toEqual(everywhere(sim, []));
    // The concurrent re-add lost to the later remove.
    expect(lost(sim)).toEqual(['eu:2']);
    expect(writeEvent(sim, 'eu:2').op).toEqual({ type: 'add', item: 'milk' });
  },
  'crdt-mv-register': () => {
    const sim = load('crdt-mv-register');
    // Both concurrent values kept as siblings, on every leader; nothing lost.
    expect(versions(sim, 'title')).toEqual(everywhere(sim, ['"from Frankfurt"', '"from Virginia"']));
    expect(lost(sim)).toEqual([]);
    // Writing over both siblings replaces them everywhere. semantics.md: an overwrite after
    // reading both values supersedes them (not a loss).
    sim.write('eu', 'title', { type: 'set', value: 'agreed' });
    sim.runUntilQuiescent();
    expect(versions(sim, 'title')).toEqual(everywhere(sim, ['"agreed"']));
    expect(lost(sim)).toEqual([]);
  },
  'crdt-text': () => {
    const sim = load('crdt-text');
    const text = valueAt(sim, 'eu', 'doc');
    expect(text).toMatch(/^Hello( world there| there world)$/);
    expect(values(sim, 'doc')).toEqual(everywhere(sim, text ?? null));
    expect(lost(sim)).toEqual([]);
  },
  'crdt-text-backwards': () => {
    const sim = load('crdt-text-backwards');
    // FugueMax keeps each backwards run whole (RGA would interleave them).
    expect(values(sim, 'doc')).toEqual(everywhere(sim, '321zyx'));
    expect(lost(sim)).toEqual([]);
  },
  'ot-hub': () => {
    const sim = load('ot-hub');
    const text = valueAt(sim, 'eu', 'doc');
    expect(['aXYbc', 'aYXbc']).toContain(text);
    expect(values(sim, 'doc')).toEqual(everywhere(sim, text ?? null));
    expect(
      events(sim, 'conflict')
        .map((c) => c.explanation)
        .join('\n'),
    ).toMatch(/transformed past/);
    expect(lost(sim)).toEqual([]);
  },
  'trade-offs': () => {
    // Three concurrent versions of each of three keys (see stories/scenarios/Comparison).
    const lostUnder = (strategy: StrategyConfig) => lost(load('trade-offs', strategy)).length;
    expect(lostUnder({ kind: 'lww' })).toBe(6);
    expect(lostUnder({ kind: 'merge' })).toBe(3);
    expect(lostUnder({ kind: 'custom', on: 'write', resolver: 'datacenter-priority' })).toBe(6);
    expect(lostUnder({ kind: 'custom', on: 'read' })).toBe(0);
    expect(lostUnder({ kind: 'crdt' })).toBe(0);
  },
};

/** The tie rules: equal timestamps, decided by the rule; pglogical's swaps the values for good. */
const ties: Record<string, { eu: string; us: string; lost: string[] }> = {
  'higher-node-id': { eu: 'apple', us: 'apple', lost: ['eu:1'] },
  'lower-node-id': { eu: 'banana', us: 'banana', lost: ['us:1'] },
  'larger-value': { eu: 'banana', us: 'banana', lost: ['us:1'] },
  // Riak's pick between two live values is fixed but arbitrary (a random vtag first): here banana.
  'live-value': { eu: 'banana', us: 'banana', lost: ['us:1'] },
  'apply-remote': { eu: 'apple', us: 'banana', lost: ['eu:1', 'us:1'] },
};
for (const [rule, expected] of Object.entries(ties)) {
  outcomes[`lww-tie-${rule}`] = () => {
    const sim = load(`lww-tie-${rule}`);
    expect(get(`lww-tie-${rule}`).config.strategy).toMatchObject({ kind: 'lww', tieBreak: rule });
    expect(writeEvent(sim, 'eu:1').stamp.physical).toBe(writeEvent(sim, 'us:1').stamp.physical);
    expect(values(sim, 'title')).toEqual({ eu: expected.eu, us: expected.us });
    expect(lost(sim)).toEqual(expected.lost);
    expect(sim.snapshot().converged.title).toBe(expected.eu === expected.us);
  };
}

/** A write and a delete on a tie: Cassandra keeps the tombstone, Riak the live value. */
for (const [id, expected, discarded] of [
  ['lww-tie-delete-cassandra', null, 'eu:2'],
  ['lww-tie-delete-riak', 'banana', 'us:1'],
] as const) {
  outcomes[id] = () => {
    const sim = load(id);
    const [write, del] = [writeEvent(sim, 'eu:2'), writeEvent(sim, 'us:1')];
    expect(del.op).toEqual({ type: 'delete' });
    expect(write.stamp.physical).toBe(del.stamp.physical);
    expect(values(sim, 'title')).toEqual(everywhere(sim, expected));
    expect(lost(sim)).toEqual([discarded]);
  };
}

describe('presets', () => {
  it('has the scenes the gallery promises', () => {
    expect(presets.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(presets.flatMap((p) => p.concepts ?? []));
    for (const c of ['lww-ties', 'lww-clock-skew', 'hlc-ntp', 'topology-ring', 'topology-star', 'causal-anomaly'])
      expect(covered).toContain(c);
    for (const c of ['causal-fix', 'auto-increment', 'single-vs-multi-latency', 'use-offline-clients', 'ot'])
      expect(covered).toContain(c);
    for (const c of ['crdt-counter', 'crdt-set', 'crdt-register', 'crdt-text', 'merge-resurrection'])
      expect(covered).toContain(c);
    for (const c of ['custom-on-write', 'custom-on-read']) expect(covered).toContain(c);
  });

  it('has unique, URL-safe ids, and finds each by its id', () => {
    const ids = presets.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of presets) {
      expect(p.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(presetById(p.id ?? '')).toBe(p);
    }
    expect(presetById('no-such-preset')).toBeUndefined();
  });

  it('checks an outcome of every preset, and of nothing else', () => {
    expect(Object.keys(outcomes).sort()).toEqual(presets.map((p) => p.id).sort());
  });

  describe.each(presets.map((p) => [p.id ?? '', p] as const))('%s', (id, p) => {
    it('has a title, a one-line description and course concepts', () => {
      expect(p.format).toBe('mll-scenario/1');
      expect(p.title?.trim()).toBeTruthy();
      expect(p.description?.trim()).toBeTruthy();
      expect(p.description).not.toMatch(/\n/);
      expect(p.concepts?.length).toBeGreaterThan(0);
      for (const c of p.concepts ?? []) expect(CONCEPTS, `unknown concept "${c}"`).toContain(c);
    });

    it('loads, with its commands in time order, and stands at its end', () => {
      const times = p.commands.map((c) => c.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const sim = loadScenario(p);
      expect(sim.now()).toBe(p.at ?? times.at(-1));
      expect(sim.recordedCommands()).toEqual(p.commands);
      expect(sim.snapshot().quiescent).toBe(true);
    });

    it('passes parseScenario unchanged, and fits a share link', () => {
      const parsed = parseScenario(p);
      expect(parsed).toEqual({ ok: true, scenario: p });
      const link = encodeScenario(p);
      expect(link.length).toBeLessThanOrEqual(2000);
      expect(decodeScenario(link)).toEqual({ ok: true, scenario: p });
    });

    it('shows what it says', () => {
      const check = outcomes[id];
      if (!check) throw new Error(`no outcome check for ${id}`);
      check();
    });
  });
});
