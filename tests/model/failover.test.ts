import { describe, expect, it } from 'vitest';
import { convergedValues, createSimulation, lostWriteIds, SimulationError } from '../../src/model';
import {
  loadScenario,
  parseScenario,
  recordScenario,
  describeCommand,
  encodeScenario,
  decodeScenario,
} from '../../src/scenario';
import { eventsOf } from './fixtures';

/**
 * Losing a leader for good, and failover in single-leader mode (semantics.md, "Failover,
 * losing a datacenter..."). The worked example: leader A acks x=1 at t=0 and crashes at t=10
 * before shipping it; B is promoted at t=510 and takes x=2; A returns as a follower with x=2;
 * x=1 is lost though the client saw it acknowledged.
 */
const nodes = [
  { id: 'a', label: 'A' },
  { id: 'b', label: 'B' },
  { id: 'c', label: 'C' },
];

function singleLeader(failover = true) {
  return createSimulation(
    {
      nodes,
      keys: { x: 'register' },
      mode: 'single-leader',
      leader: 'a',
      latencyMs: 100,
      ...(failover ? { failover: { afterMs: 500 } } : {}),
    },
    { verifyReplay: true },
  );
}

describe('failover in single-leader mode', () => {
  it("semantics.md's worked example: the acknowledged x=1 is lost, B leads, A rejoins with x=2", () => {
    const sim = singleLeader();
    expect(sim.snapshot().leader).toBe('a');
    const acked = sim.write('a', 'x', { type: 'set', value: '1' });
    expect(acked.ok).toBe(true);
    sim.advance(10);
    sim.crashNode('a'); // before the 100 ms replication arrives
    sim.advance(499);
    expect(sim.snapshot().leader).toBe('a');
    expect(sim.write('b', 'x', { type: 'set', value: 'early' }).ok).toBe(false);
    sim.advance(1);
    expect(sim.now()).toBe(510);
    expect(sim.snapshot().leader).toBe('b');
    const failover = eventsOf(sim.history(), 'failover');
    expect(failover).toEqual([expect.objectContaining({ at: 510, from: 'a', to: 'b' })]);
    const lost = eventsOf(sim.history(), 'lost');
    expect(lost).toEqual([expect.objectContaining({ writeIds: ['a:1'] })]);
    expect(lost[0]?.explanation).toMatch(/acknowledged.*pg_rewind/);
    expect(sim.write('b', 'x', { type: 'set', value: '2' }).ok).toBe(true);
    sim.recoverNode('a');
    sim.runUntilQuiescent();
    for (const n of ['a', 'b', 'c']) expect(sim.read(n, 'x').value).toBe('2');
    // A's unreplicated write was discarded, not re-sent: nobody ever applies it elsewhere.
    expect(eventsOf(sim.history(), 'apply').filter((e) => e.writeId === 'a:1')).toEqual([]);
    expect(lostWriteIds(sim.history(), convergedValues(sim.snapshot()))).toEqual(['a:1']);
    // Writes at the old leader now go to B.
    expect(sim.write('a', 'x', { type: 'set', value: '3' }).ok).toBe(true);
    sim.runUntilQuiescent();
    expect(sim.read('c', 'x').value).toBe('3');
  });

  it('promotes the follower with the most writes applied (ties: the lower id)', () => {
    const sim = singleLeader();
    sim.write('a', 'x', { type: 'set', value: '1' });
    sim.runUntilQuiescent();
    sim.cutLink('a', 'b');
    sim.write('a', 'x', { type: 'set', value: '2' });
    sim.advance(200); // c has a:2, b does not
    sim.crashNode('a');
    sim.advance(500);
    expect(sim.snapshot().leader).toBe('c');
    expect(eventsOf(sim.history(), 'lost')).toEqual([]);
  });

  it('a leader that recovers before afterMs stays the leader; a partition alone never fails over', () => {
    const sim = singleLeader();
    sim.crashNode('a');
    sim.advance(300);
    sim.recoverNode('a');
    sim.advance(1000);
    expect(sim.snapshot().leader).toBe('a');
    sim.cutLink('a', 'b');
    sim.cutLink('a', 'c');
    sim.advance(5000);
    expect(sim.snapshot().leader).toBe('a');
    expect(eventsOf(sim.history(), 'failover')).toEqual([]);
  });

  it('without failover the single-leader mode waits for the leader, as before', () => {
    const sim = singleLeader(false);
    sim.crashNode('a');
    sim.advance(10_000);
    expect(sim.snapshot().leader).toBe('a');
    expect(sim.write('b', 'x', { type: 'set', value: 'v' })).toMatchObject({ ok: false, code: 'leader-unavailable' });
  });

  it('failover is refused in multi-leader mode, with a message', () => {
    expect(() => createSimulation({ nodes, keys: { x: 'register' }, failover: { afterMs: 500 } } as never)).toThrow(
      /failover: only meaningful with mode "single-leader"/,
    );
    expect(createSimulation({ nodes, keys: { x: 'register' } }).snapshot().leader).toBeNull();
  });

  it('seek back before the failover and forward again gives the same run', () => {
    const sim = singleLeader();
    sim.write('a', 'x', { type: 'set', value: '1' });
    sim.advance(10);
    sim.crashNode('a');
    sim.advance(800);
    const end = JSON.stringify(sim.snapshot());
    sim.seek(100);
    expect(sim.snapshot().leader).toBe('a');
    sim.seek(810);
    expect(JSON.stringify(sim.snapshot())).toBe(end);
  });
});

describe('destroying a datacenter', () => {
  it('names every write only it had applied, refuses writes there, and cannot be recovered', () => {
    const sim = createSimulation(
      { nodes, keys: { x: 'register', cart: 'set' }, latencyMs: 100 },
      { verifyReplay: true },
    );
    sim.write('a', 'x', { type: 'set', value: 'shared' });
    sim.runUntilQuiescent();
    sim.write('a', 'cart', { type: 'add', item: 'only here' });
    sim.destroyNode('a');
    expect(sim.snapshot().nodes.find((n) => n.id === 'a')?.status).toBe('destroyed');
    expect(eventsOf(sim.history(), 'lost')).toEqual([expect.objectContaining({ node: 'a', writeIds: ['a:2'] })]);
    expect(sim.write('a', 'x', { type: 'set', value: 'v' })).toMatchObject({ ok: false, code: 'node-destroyed' });
    expect(() => {
      sim.recoverNode('a');
    }).toThrow(SimulationError);
    sim.runUntilQuiescent();
    sim.write('b', 'x', { type: 'set', value: 'after' });
    sim.runUntilQuiescent();
    expect(sim.snapshot().converged).toEqual({ x: true, cart: true });
    expect(sim.read('c', 'cart').value).toEqual([]);
    expect(lostWriteIds(sim.history(), convergedValues(sim.snapshot()))).toEqual(['a:2']);
  });

  it('a crash is not a loss: the node comes back with its data', () => {
    const sim = createSimulation({ nodes, keys: { x: 'register' }, latencyMs: 100 });
    sim.write('a', 'x', { type: 'set', value: 'kept' });
    sim.crashNode('a');
    sim.advance(1000);
    sim.recoverNode('a');
    sim.runUntilQuiescent();
    expect(sim.read('b', 'x').value).toBe('kept');
    expect(eventsOf(sim.history(), 'lost')).toEqual([]);
  });
});

describe('the scenario format takes failover and destroy', () => {
  it('parses, describes, records and round-trips them through a link', () => {
    const sim = singleLeader();
    sim.write('a', 'x', { type: 'set', value: '1' });
    sim.advance(10);
    sim.destroyNode('a');
    sim.advance(600);
    const scenario = recordScenario(sim);
    expect(scenario.config.failover).toEqual({ afterMs: 500 });
    expect(scenario.commands.map((c) => c.type)).toEqual(['write', 'destroy']);
    expect(describeCommand({ at: 10, type: 'destroy', node: 'a' }, { a: 'Frankfurt' })).toBe(
      'Frankfurt is destroyed (gone for good)',
    );
    const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
    expect(parsed.ok).toBe(true);
    const decoded = decodeScenario(encodeScenario(scenario));
    expect(decoded.ok && decoded.scenario).toEqual(scenario);
    const replayed = loadScenario(scenario);
    expect(replayed.snapshot().leader).toBe('b');
    expect(JSON.stringify(replayed.history())).toBe(JSON.stringify(sim.history()));
  });
});
