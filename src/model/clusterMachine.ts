/**
 * The cluster: one parent machine whose children are the leaders and the links, each an
 * actor of its own. Commands reach a child through the cluster; delivery (delivery.ts)
 * sends each message straight to its leader (the hot path: one event per delivery).
 */

import { type ActorRefFrom, sendTo, setup } from 'xstate';
import type { LeaderContext, LeaderEnv } from './leaderLogic';
import { createLeaderMachine, type LeaderEvent } from './leaderMachine';
import { type LinkContext, type LinkEvent, linkMachine } from './linkMachine';
import type { NodeId } from './types';

/** The contexts the leader and link actors start from (the initial state or a checkpoint). */
export interface ClusterInput {
  readonly leaders: readonly LeaderContext[];
  readonly links: readonly LinkContext[];
}

export type ClusterEvent =
  { type: 'to-leader'; node: NodeId; event: LeaderEvent } | { type: 'to-link'; link: string; event: LinkEvent };

export function createClusterMachine(env: LeaderEnv) {
  const leaderMachine = createLeaderMachine(env);
  type LeaderRef = ActorRefFrom<typeof leaderMachine>;
  type LinkRef = ActorRefFrom<typeof linkMachine>;
  return setup({
    types: {
      context: {} as { leaders: Record<NodeId, LeaderRef>; links: Record<string, LinkRef> },
      input: {} as ClusterInput,
      events: {} as ClusterEvent,
    },
    actors: { leader: leaderMachine, link: linkMachine },
  }).createMachine({
    id: 'cluster',
    context: ({ input, spawn }) => ({
      leaders: Object.fromEntries(
        input.leaders.map((l) => [l.id, spawn('leader', { id: `leader:${l.id}`, input: l })]),
      ),
      links: Object.fromEntries(input.links.map((l) => [l.id, spawn('link', { id: `link:${l.id}`, input: l })])),
    }),
    on: {
      'to-leader': {
        description: 'Route a command to the leader it names.',
        actions: sendTo(
          ({ context, event }) => context.leaders[event.node] as LeaderRef,
          ({ event }) => event.event,
        ),
      },
      'to-link': {
        description: 'Route a command to the link it names.',
        actions: sendTo(
          ({ context, event }) => context.links[event.link] as LinkRef,
          ({ event }) => event.event,
        ),
      },
    },
  });
}

export type ClusterMachine = ReturnType<typeof createClusterMachine>;
