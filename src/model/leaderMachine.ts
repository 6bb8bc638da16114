/**
 * A leader as an XState actor, and the definition of what a leader does: online, offline (a
 * disconnected client that still takes local writes) or crashed (takes nothing); and, for
 * each message it receives, one guarded transition per decision (execute a forwarded
 * request, note an ack, drop its own write, drop a duplicate, hold for causality, apply and
 * relay), each with a description Stately's inspector and a lesson can show. Its context is
 * plain data and the steps are pure functions (leaderLogic.ts, leaderReceive.ts); each handled event leaves
 * that step's events and outgoing messages in `context.out`.
 *
 * One machine event per delivery: the scheduler sends `receive` and the guards pick the
 * transition, so the decision costs a few guard calls inside the one `actor.send`, not extra
 * events (each costs about 3 µs here, the guards a fraction of that).
 */

import { assign, setup } from 'xstate';
import {
  acceptWrite,
  type LeaderContext,
  type LeaderEnv,
  rejectWrite,
  rewindTo,
  withSkew,
  withStatus,
} from './leaderLogic';
import {
  applyAndRelay,
  awaitsCause,
  dropWrite,
  executeRequest,
  holdWrite,
  isDuplicate,
  isOwnOrigin,
  noteAck,
} from './leaderReceive';
import type { Message, NodeId, VersionVector, WriteOp } from './types';

/** What a leader can be told: a client write, a delivered message, or a command. */
export type LeaderEvent =
  | { type: 'write'; at: number; key: string; op: WriteOp; client: NodeId; context?: VersionVector }
  | { type: 'receive'; at: number; msg: Message }
  | { type: 'crash'; at: number }
  | { type: 'recover'; at: number }
  | { type: 'disconnect'; at: number }
  | { type: 'reconnect'; at: number }
  | { type: 'set-clock-skew'; at: number; skewMs: number }
  | { type: 'destroy'; at: number }
  /** Rebuilt from the current leader's copy (a demoted leader rejoining, as after pg_rewind). */
  | { type: 'rewind'; at: number; from: LeaderContext };

type Receive = Extract<LeaderEvent, { type: 'receive' }>;
/** Only `receive` transitions use these, so the event is known to be a receive. */
const received = (event: LeaderEvent): Receive => event as Receive;

export function createLeaderMachine(env: LeaderEnv) {
  return setup({
    types: {
      context: {} as LeaderContext,
      input: {} as LeaderContext,
      events: {} as LeaderEvent,
    },
    guards: {
      'was crashed': ({ context }) => context.status === 'crashed',
      'was destroyed': ({ context }) => context.status === 'destroyed',
      'was offline': ({ context }) => context.status === 'offline',
      'is a forwarded request': ({ event }) => received(event).msg.kind === 'request',
      'is an ack': ({ event }) => received(event).msg.kind === 'ack',
      'is its own write': ({ context, event }) => isOwnOrigin(context, received(event).msg),
      'is a duplicate': ({ context, event }) => isDuplicate(context, received(event).msg),
      'awaits its cause': ({ context, event }) => awaitsCause(env, context, received(event).msg),
    },
    actions: {
      'accept the write': assign(({ context, event }) =>
        event.type === 'write'
          ? acceptWrite(env, context, event.at, event.key, event.op, event.client, undefined, event.context)
          : context,
      ),
      'reject the write': assign(({ context, event }) =>
        event.type === 'write' ? rejectWrite(context, event.at, event.key, event.op) : context,
      ),
      'execute the request and ack it': assign(({ context, event }) =>
        executeRequest(env, context, received(event).at, received(event).msg),
      ),
      'note the ack': assign(({ context, event }) => noteAck(context, received(event).at, received(event).msg)),
      'drop it: own origin': assign(({ context, event }) =>
        dropWrite(context, received(event).at, received(event).msg, 'own-origin'),
      ),
      'drop it: duplicate': assign(({ context, event }) =>
        dropWrite(context, received(event).at, received(event).msg, 'duplicate'),
      ),
      'hold it and relay it': assign(({ context, event }) =>
        holdWrite(env, context, received(event).at, received(event).msg),
      ),
      'apply and relay it': assign(({ context, event }) =>
        applyAndRelay(env, context, received(event).at, received(event).msg),
      ),
      'go down': assign(({ context, event }) => withStatus(context, event.at, 'crashed', 'crash')),
      'come back': assign(({ context, event }) => withStatus(context, event.at, 'online', 'recover')),
      'go offline': assign(({ context, event }) => withStatus(context, event.at, 'offline', 'disconnect')),
      'come online': assign(({ context, event }) => withStatus(context, event.at, 'online', 'reconnect')),
      'be destroyed': assign(({ context, event }) => ({
        ...context,
        status: 'destroyed' as const,
        buffer: [],
        out: { events: [{ type: 'destroy' as const, at: event.at, node: context.id }], sends: [] },
      })),
      'reject the write: destroyed': assign(({ context, event }) =>
        event.type === 'write' ? rejectWrite(context, event.at, event.key, event.op) : context,
      ),
      'rewind to the leader': assign(({ context, event }) =>
        event.type === 'rewind' ? rewindTo(context, event.from) : context,
      ),
      'set the clock skew': assign(({ context, event }) =>
        event.type === 'set-clock-skew' ? withSkew(context, event.at, event.skewMs) : context,
      ),
    },
  }).createMachine({
    id: 'leader',
    context: ({ input }) => input,
    initial: 'restoring',
    on: {
      'set-clock-skew': { actions: 'set the clock skew', description: "The leader's physical clock jumps." },
    },
    states: {
      restoring: {
        description: 'Picks the state saved in the context (a checkpoint may hold a crashed or offline leader).',
        always: [
          { guard: 'was destroyed', target: 'destroyed' },
          { guard: 'was crashed', target: 'crashed' },
          { guard: 'was offline', target: 'offline' },
          { target: 'online' },
        ],
      },
      online: {
        description: 'Accepts writes, replicates them and applies what the others send.',
        on: {
          write: { actions: 'accept the write', description: 'A client writes here: stamp it, apply it, send it on.' },
          receive: [
            {
              guard: 'is a forwarded request',
              actions: 'execute the request and ack it',
              description:
                "Single-leader: a follower forwarded its client's write; the leader executes it and answers with an ack.",
            },
            {
              guard: 'is an ack',
              actions: 'note the ack',
              description: "Single-leader: the leader executed this follower's forwarded write.",
            },
            {
              guard: 'is its own write',
              actions: 'drop it: own origin',
              description:
                "The write started here and came back round (a ring, a flood): dropped by its origin tag, like MySQL's server_id, so it cannot loop.",
            },
            {
              guard: 'is a duplicate',
              actions: 'drop it: duplicate',
              description: 'This leader already applied (or holds) this write, which arrived again by another path.',
            },
            {
              guard: 'awaits its cause',
              actions: 'hold it and relay it',
              description:
                'Causal delivery: a write it depends on has not arrived, so it waits in the buffer (and is relayed on at once).',
            },
            {
              actions: 'apply and relay it',
              description:
                'Apply the write (the strategy resolves any conflict), relay it on, then apply what was waiting for it.',
            },
          ],
          crash: { target: 'crashed', actions: 'go down' },
          disconnect: { target: 'offline', actions: 'go offline' },
          destroy: { target: 'destroyed', actions: 'be destroyed' },
          rewind: {
            actions: 'rewind to the leader',
            description:
              'A demoted leader rejoins as a follower: rebuilt from the new leader, its unreplicated writes discarded (pg_rewind).',
          },
        },
      },
      offline: {
        description:
          'Cut off from every other leader (an offline client): still accepts local writes, syncs on reconnect.',
        on: {
          write: { actions: 'accept the write' },
          reconnect: { target: 'online', actions: 'come online' },
          crash: { target: 'crashed', actions: 'go down' },
          destroy: { target: 'destroyed', actions: 'be destroyed' },
        },
      },
      crashed: {
        description: 'Accepts nothing and sends nothing; others keep its messages until it recovers.',
        on: {
          write: { actions: 'reject the write' },
          recover: { target: 'online', actions: 'come back' },
          destroy: { target: 'destroyed', actions: 'be destroyed' },
        },
      },
      destroyed: {
        description:
          'Gone for good (a datacenter lost to fire or a region outage): accepts nothing, never comes back; what only it had applied is lost.',
        on: { write: { actions: 'reject the write: destroyed' } },
      },
    },
  });
}

export type LeaderMachine = ReturnType<typeof createLeaderMachine>;
