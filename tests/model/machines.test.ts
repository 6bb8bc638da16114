import { type AnyTransitionDefinition, createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { createClusterMachine } from '../../src/model/clusterMachine';
import { initialLeaderContext, type LeaderEnv, type Outgoing } from '../../src/model/leaderLogic';
import { createLeaderMachine } from '../../src/model/leaderMachine';
import { linkMachine } from '../../src/model/linkMachine';
import { planTopology } from '../../src/model/topology';
import type { Message, NodeId, SimEvent } from '../../src/model/types';
import { createStrategy } from '../../src/strategies/registry';
import { threeLeaders } from './fixtures';

const env: LeaderEnv = {
  strategy: createStrategy({ kind: 'lww' }, { labels: {} }),
  keys: { x: 'register' },
  plan: planTopology(['a', 'b'], { kind: 'all-to-all' }),
  causalDelivery: false,
  mode: 'multi-leader',
  leader: null,
  labels: { a: 'A', b: 'B' },
};

function leader(status: 'online' | 'offline' | 'crashed' = 'online') {
  const actor = createActor(createLeaderMachine(env), { input: { ...initialLeaderContext(env, { id: 'a' }), status } });
  actor.start();
  return actor;
}

describe('the leader machine', () => {
  it('when online, accepts a write and asks to replicate it to the others', () => {
    const a = leader();
    a.send({ type: 'write', at: 5, key: 'x', op: { type: 'set', value: 'v' }, client: 'a' });
    const { out, seq } = a.getSnapshot().context;
    expect(seq).toBe(1);
    expect(out.events.map((e) => e.type)).toEqual(['write', 'ack']);
    expect(out.sends.map((s) => [s.to, s.kind, s.write?.writeId])).toEqual([['b', 'replicate', 'a:1']]);
  });

  it('when crashed, rejects a write and only recovery brings it back online', () => {
    const a = leader();
    a.send({ type: 'crash', at: 1 });
    expect(a.getSnapshot().value).toBe('crashed');
    a.send({ type: 'write', at: 2, key: 'x', op: { type: 'set', value: 'v' }, client: 'a' });
    expect(a.getSnapshot().context.out.events).toMatchObject([{ type: 'reject', code: 'node-crashed' }]);
    expect(a.getSnapshot().context.seq).toBe(0);
    a.send({ type: 'reconnect', at: 3 });
    expect(a.getSnapshot().value).toBe('crashed');
    a.send({ type: 'recover', at: 4 });
    expect(a.getSnapshot().value).toBe('online');
  });

  it('when offline, still accepts local writes', () => {
    const a = leader();
    a.send({ type: 'disconnect', at: 1 });
    a.send({ type: 'write', at: 2, key: 'x', op: { type: 'set', value: 'v' }, client: 'a' });
    expect(a.getSnapshot().value).toBe('offline');
    expect(a.getSnapshot().context.seq).toBe(1);
  });

  it.each(['online', 'offline', 'crashed'] as const)('restores into the %s state from a checkpoint', (status) => {
    expect(leader(status).getSnapshot().value).toBe(status);
  });
});

describe('the leader machine, receiving a write (one event per delivery, one guarded transition per decision)', () => {
  function envOf(ids: NodeId[], options: Partial<LeaderEnv> = {}): LeaderEnv {
    return {
      strategy: createStrategy({ kind: 'lww' }, { labels: {} }),
      keys: { x: 'register' },
      plan: planTopology(ids, { kind: 'all-to-all' }),
      causalDelivery: false,
      mode: 'multi-leader',
      leader: null,
      labels: {},
      ...options,
    };
  }

  /** A leader actor that reports the transition each `receive` takes. */
  function leaderOf(e: LeaderEnv, id: NodeId) {
    const taken: AnyTransitionDefinition[] = [];
    const actor = createActor(createLeaderMachine(e), {
      input: initialLeaderContext(e, { id }),
      inspect: (ev) => {
        if (ev.type === '@xstate.microstep' && ev.event.type === 'receive') taken.push(...ev._transitions);
      },
    });
    actor.start();
    let msgId = 0;
    return {
      actor,
      /** Deliver `out` (sent by `from`) and return the transition taken and the step's effects. */
      deliver(from: NodeId, out: Outgoing) {
        const msg: Message = { id: ++msgId, from, sentAt: 0, deliverAt: 1, ...out };
        const before = taken.length;
        actor.send({ type: 'receive', at: 10 * msgId, msg });
        expect(taken.length - before).toBe(1);
        const t = taken[taken.length - 1] as AnyTransitionDefinition;
        return { guard: guardName(t), description: t.description, out: actor.getSnapshot().context.out };
      },
      /** Write locally and return what it sends. */
      write(value: string): Outgoing[] {
        actor.send({ type: 'write', at: 1, key: 'x', op: { type: 'set', value }, client: id });
        return actor.getSnapshot().context.out.sends;
      },
    };
  }

  /** A transition's guard by name (XState keeps a named guard as its name). */
  const guardName = (t: AnyTransitionDefinition): string | undefined =>
    typeof t.guard === 'string' ? t.guard : (t.guard as { type?: string } | undefined)?.type;

  const types = (events: readonly SimEvent[]) => events.map((ev) => ev.type);

  it('drops a write whose origin is the leader itself, with the own-origin reason', () => {
    const e = envOf(['a', 'b']);
    const a = leaderOf(e, 'a');
    const [own] = a.write('mine');
    const taken = a.deliver('b', own as Outgoing);
    expect(taken.guard).toBe('is its own write');
    expect(taken.description).toMatch(/origin tag/);
    expect(taken.out.events).toMatchObject([{ type: 'drop', reason: 'own-origin', writeId: 'a:1' }]);
    expect(taken.out.sends).toEqual([]);
    expect(a.actor.getSnapshot().value).toBe('online');
  });

  it('drops a write it already applied, with the duplicate reason', () => {
    const e = envOf(['a', 'b']);
    const a = leaderOf(e, 'a');
    const [fromB] = leaderOf(e, 'b').write('theirs');
    expect(a.deliver('b', fromB as Outgoing).guard).toBeUndefined();
    const again = a.deliver('b', fromB as Outgoing);
    expect(again.guard).toBe('is a duplicate');
    expect(again.out.events).toMatchObject([{ type: 'drop', reason: 'duplicate', writeId: 'b:1' }]);
    expect(a.actor.getSnapshot().context.applied).toEqual({ b: 1 });
  });

  it('applies a new write, and relays it on where the topology says (the default transition)', () => {
    const e = envOf(['a', 'b', 'c'], { plan: planTopology(['a', 'b', 'c'], { kind: 'ring' }) });
    const b = leaderOf(e, 'b');
    const [toB] = leaderOf(e, 'a').write('v');
    expect(toB?.to).toBe('b');
    const taken = b.deliver('a', toB as Outgoing);
    expect(taken.guard).toBeUndefined();
    expect(taken.description).toMatch(/^Apply the write/);
    expect(types(taken.out.events)).toEqual(['apply']);
    expect(taken.out.sends.map((s) => [s.to, s.write?.writeId])).toEqual([['c', 'a:1']]);
    expect(b.actor.getSnapshot().context.applied).toEqual({ a: 1 });
  });

  it('with causal delivery, holds a write whose cause has not arrived, then applies both when it does', () => {
    const e = envOf(['a', 'b', 'c'], { causalDelivery: true });
    const sends = leaderOf(e, 'c').write('cause');
    const cToA = sends.find((out) => out.to === 'a') as Outgoing;
    const b = leaderOf(e, 'b');
    b.deliver('c', sends.find((out) => out.to === 'b') as Outgoing);
    const effect = b.write('effect').find((out) => out.to === 'a') as Outgoing;
    const a = leaderOf(e, 'a');
    const held = a.deliver('b', effect);
    expect(held.guard).toBe('awaits its cause');
    expect(held.out.events).toMatchObject([{ type: 'buffer', writeId: 'b:1', waitingFor: ['c:1'] }]);
    expect(a.actor.getSnapshot().context.buffer.map((w) => w.writeId)).toEqual(['b:1']);
    const released = a.deliver('c', cToA);
    expect(released.guard).toBeUndefined();
    expect(released.out.events.filter((ev) => ev.type === 'apply').map((ev) => ev.writeId)).toEqual(['c:1', 'b:1']);
    expect(a.actor.getSnapshot().context.buffer).toEqual([]);
  });

  it('in single-leader mode, executes a forwarded request and acks it; the follower notes the ack', () => {
    const e = envOf(['a', 'b'], { mode: 'single-leader', leader: 'a' });
    const a = leaderOf(e, 'a');
    const request = { writeId: 'b#1', client: 'b', key: 'x', op: { type: 'set' as const, value: 'v' }, requestedAt: 0 };
    const executed = a.deliver('b', { to: 'a', kind: 'request', request });
    expect(executed.guard).toBe('is a forwarded request');
    expect(types(executed.out.events)).toEqual(['write']);
    expect(executed.out.sends.map((s) => [s.to, s.kind])).toEqual([
      ['b', 'replicate'],
      ['b', 'ack'],
    ]);
    const b = leaderOf(e, 'b');
    const acked = b.deliver('a', { to: 'b', kind: 'ack', request });
    expect(acked.guard).toBe('is an ack');
    expect(acked.out.events).toMatchObject([{ type: 'ack', writeId: 'b#1' }]);
  });

  it('describes every receive transition, so the inspector and a lesson can quote it', () => {
    const machine = createLeaderMachine(envOf(['a', 'b']));
    const receive = machine.states.online?.on.receive ?? [];
    expect(receive.map((t) => guardName(t) ?? 'otherwise')).toEqual([
      'is a forwarded request',
      'is an ack',
      'is its own write',
      'is a duplicate',
      'awaits its cause',
      'otherwise',
    ]);
    for (const t of receive) expect(t.description?.length).toBeGreaterThan(20);
  });

  it('in a whole run, each delivery is exactly one event to the leader actor', () => {
    let receives = 0;
    const s = createSimulation(
      { ...threeLeaders, topology: { kind: 'ring' }, causalDelivery: true },
      {
        inspect: (ev) => {
          if (ev.type === '@xstate.event' && ev.event.type === 'receive') receives += 1;
        },
      },
    );
    s.write('eu', 'title', { type: 'set', value: 'a' });
    s.write('us', 'title', { type: 'set', value: 'b' });
    s.runUntilQuiescent();
    const delivered = s.history().filter((ev) => ev.type === 'deliver').length;
    expect(delivered).toBeGreaterThan(4);
    expect(receives).toBe(delivered);
    expect(s.history().some((ev) => ev.type === 'drop' && ev.reason === 'own-origin')).toBe(true);
  });
});

describe('the link machine', () => {
  it('goes from up to cut and back, and restores a cut link as cut', () => {
    const input = {
      id: 'a-b',
      a: 'a',
      b: 'b',
      status: 'up' as const,
      latencyMs: 10,
      directions: [['a', 'b'] as const],
    };
    const link = createActor(linkMachine, { input });
    link.start();
    link.send({ type: 'cut' });
    expect(link.getSnapshot().value).toBe('cut');
    link.send({ type: 'set-latency', latencyMs: 30 });
    link.send({ type: 'heal' });
    expect(link.getSnapshot().value).toBe('up');
    expect(link.getSnapshot().context.latencyMs).toBe(30);
    const restored = createActor(linkMachine, { input: { ...input, status: 'cut' } });
    restored.start();
    expect(restored.getSnapshot().value).toBe('cut');
  });
});

describe('the cluster machine', () => {
  it('spawns one leader actor per node and one link actor per link, and routes commands to them', () => {
    const cluster = createActor(createClusterMachine(env), {
      input: {
        leaders: ['a', 'b'].map((id) => initialLeaderContext(env, { id })),
        links: [
          {
            id: 'a-b',
            a: 'a',
            b: 'b',
            status: 'up',
            latencyMs: 10,
            directions: [
              ['a', 'b'],
              ['b', 'a'],
            ],
          },
        ],
      },
    });
    cluster.start();
    const children = Object.keys(cluster.getSnapshot().children).sort();
    expect(children).toEqual(['leader:a', 'leader:b', 'link:a-b']);
    cluster.send({ type: 'to-leader', node: 'b', event: { type: 'crash', at: 1 } });
    cluster.send({ type: 'to-link', link: 'a-b', event: { type: 'cut' } });
    const ctx = cluster.getSnapshot().context;
    expect(ctx.leaders.b?.getSnapshot().value).toBe('crashed');
    expect(ctx.leaders.a?.getSnapshot().value).toBe('online');
    expect(ctx.links['a-b']?.getSnapshot().value).toBe('cut');
  });
});

describe('inspection', () => {
  it('hands XState’s inspection events for the cluster, leader and link actors to an inspect hook', () => {
    const seen = new Set<string>();
    const s = createSimulation(
      { nodes: [{ id: 'a' }, { id: 'b' }], keys: { x: 'register' } },
      {
        inspect: (e) => {
          if (e.type === '@xstate.actor') seen.add((e.actorRef as { id?: string }).id ?? '');
        },
      },
    );
    s.write('a', 'x', { type: 'set', value: '1' });
    expect(seen.has('leader:a') && seen.has('leader:b') && seen.has('link:a-b')).toBe(true);
    expect(seen.size).toBe(4); // and the cluster itself
  });
});
