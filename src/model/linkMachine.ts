import { assign, setup } from 'xstate';
import type { LinkStatus, Message, NodeId } from './types';

/**
 * A link between two leaders as an XState actor: up or cut. It carries the messages in
 * flight on each of its directions, in order (FIFO, like a TCP connection). A message whose
 * `deliverAt` is null is held: the link is cut or an endpoint is down, and the sender keeps
 * it in its log until it can be delivered. Nothing is ever dropped.
 */
export interface LinkContext {
  readonly id: string;
  readonly a: NodeId;
  readonly b: NodeId;
  readonly status: LinkStatus;
  readonly latencyMs: number;
  readonly directions: readonly (readonly [NodeId, NodeId])[];
  /** Per direction "from>to": messages in order. */
  readonly queues: Readonly<Record<string, readonly Message[]>>;
  /** Per direction: the latest scheduled delivery, so later messages never overtake. */
  readonly lastDeliverAt: Readonly<Record<string, number>>;
}

export type LinkEvent =
  | { type: 'enqueue'; dir: string; msg: Message }
  | { type: 'dequeue'; dir: string }
  | { type: 'hold'; dir: string }
  | { type: 'schedule'; dir: string; times: readonly number[] }
  | { type: 'cut' }
  | { type: 'heal' }
  | { type: 'set-latency'; latencyMs: number };

export function dirKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

export const linkMachine = setup({
  types: { context: {} as LinkContext, input: {} as LinkContext, events: {} as LinkEvent },
  guards: {
    'was cut': ({ context }) => context.status === 'cut',
  },
  actions: {
    'put the message on the wire': assign(({ context, event }) => {
      if (event.type !== 'enqueue') return {};
      const q = context.queues[event.dir] ?? [];
      const lastDeliverAt =
        event.msg.deliverAt === null
          ? context.lastDeliverAt
          : { ...context.lastDeliverAt, [event.dir]: event.msg.deliverAt };
      return { queues: { ...context.queues, [event.dir]: [...q, event.msg] }, lastDeliverAt };
    }),
    'take the first message off': assign(({ context, event }) => {
      if (event.type !== 'dequeue') return {};
      return { queues: { ...context.queues, [event.dir]: (context.queues[event.dir] ?? []).slice(1) } };
    }),
    'hold the messages': assign(({ context, event }) => {
      if (event.type !== 'hold') return {};
      const q = context.queues[event.dir] ?? [];
      return {
        queues: {
          ...context.queues,
          [event.dir]: q.map((m) => (m.deliverAt === null ? m : { ...m, deliverAt: null })),
        },
      };
    }),
    'schedule the held messages': assign(({ context, event }) => {
      if (event.type !== 'schedule') return {};
      const q = context.queues[event.dir] ?? [];
      let i = 0;
      const queue = q.map((m) => (m.deliverAt === null ? { ...m, deliverAt: event.times[i++] ?? null } : m));
      const last = event.times[event.times.length - 1];
      return {
        queues: { ...context.queues, [event.dir]: queue },
        lastDeliverAt: last === undefined ? context.lastDeliverAt : { ...context.lastDeliverAt, [event.dir]: last },
      };
    }),
    'mark cut': assign({ status: 'cut' as LinkStatus }),
    'mark up': assign({ status: 'up' as LinkStatus }),
    'set the latency': assign(({ event }) => (event.type === 'set-latency' ? { latencyMs: event.latencyMs } : {})),
  },
}).createMachine({
  id: 'link',
  context: ({ input }) => input,
  initial: 'restoring',
  on: {
    enqueue: { actions: 'put the message on the wire' },
    dequeue: { actions: 'take the first message off' },
    hold: { actions: 'hold the messages' },
    schedule: { actions: 'schedule the held messages' },
    'set-latency': { actions: 'set the latency', description: 'Applies to messages sent from now on.' },
  },
  states: {
    restoring: { always: [{ guard: 'was cut', target: 'cut' }, { target: 'up' }] },
    up: {
      description: 'Messages flow after the link latency.',
      on: { cut: { target: 'cut', actions: 'mark cut' } },
    },
    cut: {
      description: 'Nothing crosses; messages wait, in order, until the link heals.',
      on: { heal: { target: 'up', actions: 'mark up' } },
    },
  },
});
