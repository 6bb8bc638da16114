import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/model';
import { createClusterMachine } from '../../src/model/clusterMachine';
import { initialLeaderContext, type LeaderEnv } from '../../src/model/leaderLogic';
import { createLeaderMachine } from '../../src/model/leaderMachine';
import { linkMachine } from '../../src/model/linkMachine';
import { planTopology } from '../../src/model/topology';
import { createStrategy } from '../../src/strategies/registry';

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
