/**
 * A link between two leaders as an XState actor: up or cut, with its latency. The
 * messages in flight on it are the network's data (network.ts), kept by the scheduler
 * like raftscope's messages: plain records with a delivery time, so the view can draw
 * them moving and the scheduler can deliver them in order.
 */

import { assign, setup } from 'xstate';
import type { LinkStatus, NodeId } from './types';

/** A link's plain-data state. */
export interface LinkContext {
  readonly id: string;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly status: LinkStatus;
  readonly latencyMs: number;
  /** Only these directions carry traffic (a ring runs one way). */
  readonly directions: readonly (readonly [NodeId, NodeId])[];
}

export type LinkEvent = { type: 'cut' } | { type: 'heal' } | { type: 'set-latency'; latencyMs: number };

export const linkMachine = setup({
  types: { context: {} as LinkContext, input: {} as LinkContext, events: {} as LinkEvent },
  guards: {
    'was cut': ({ context }) => context.status === 'cut',
  },
  actions: {
    'mark cut': assign({ status: 'cut' as LinkStatus }),
    'mark up': assign({ status: 'up' as LinkStatus }),
    'set the latency': assign(({ event }) => (event.type === 'set-latency' ? { latencyMs: event.latencyMs } : {})),
  },
}).createMachine({
  id: 'link',
  context: ({ input }) => input,
  initial: 'restoring',
  on: {
    'set-latency': { actions: 'set the latency', description: 'Applies to messages sent from now on.' },
  },
  states: {
    restoring: {
      description: 'Picks the state saved in the context (a checkpoint may hold a cut link).',
      always: [{ guard: 'was cut', target: 'cut' }, { target: 'up' }],
    },
    up: {
      description: 'Messages flow after the link latency.',
      on: { cut: { target: 'cut', actions: 'mark cut' } },
    },
    cut: {
      description: 'Nothing crosses; the senders keep their messages, in order, until the link heals.',
      on: { heal: { target: 'up', actions: 'mark up' } },
    },
  },
});
