import { assign, setup } from 'xstate';
import {
  acceptWrite,
  type LeaderContext,
  type LeaderEnv,
  receive,
  rejectWrite,
  withSkew,
  withStatus,
} from './leaderLogic';
import type { Message, NodeId, VersionVector, WriteOp } from './types';

/**
 * A leader as an XState actor: online, offline (a disconnected client that still takes
 * local writes) or crashed (takes nothing). Its context is plain data (leaderLogic.ts);
 * each handled event leaves that step's events and outgoing messages in `context.out`.
 */
export type LeaderEvent =
  | { type: 'write'; at: number; key: string; op: WriteOp; client: NodeId; context?: VersionVector }
  | { type: 'receive'; at: number; msg: Message }
  | { type: 'crash'; at: number }
  | { type: 'recover'; at: number }
  | { type: 'disconnect'; at: number }
  | { type: 'reconnect'; at: number }
  | { type: 'set-clock-skew'; at: number; skewMs: number };

export function createLeaderMachine(env: LeaderEnv) {
  return setup({
    types: {
      context: {} as LeaderContext,
      input: {} as LeaderContext,
      events: {} as LeaderEvent,
    },
    guards: {
      'was crashed': ({ context }) => context.status === 'crashed',
      'was offline': ({ context }) => context.status === 'offline',
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
      'apply or relay the message': assign(({ context, event }) =>
        event.type === 'receive' ? receive(env, context, event.at, event.msg) : context,
      ),
      'go down': assign(({ context, event }) => withStatus(context, event.at, 'crashed', 'crash')),
      'come back': assign(({ context, event }) => withStatus(context, event.at, 'online', 'recover')),
      'go offline': assign(({ context, event }) => withStatus(context, event.at, 'offline', 'disconnect')),
      'come online': assign(({ context, event }) => withStatus(context, event.at, 'online', 'reconnect')),
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
          { guard: 'was crashed', target: 'crashed' },
          { guard: 'was offline', target: 'offline' },
          { target: 'online' },
        ],
      },
      online: {
        description: 'Accepts writes, replicates them and applies what the others send.',
        on: {
          write: { actions: 'accept the write' },
          receive: { actions: 'apply or relay the message' },
          crash: { target: 'crashed', actions: 'go down' },
          disconnect: { target: 'offline', actions: 'go offline' },
        },
      },
      offline: {
        description:
          'Cut off from every other leader (an offline client): still accepts local writes, syncs on reconnect.',
        on: {
          write: { actions: 'accept the write' },
          reconnect: { target: 'online', actions: 'come online' },
          crash: { target: 'crashed', actions: 'go down' },
        },
      },
      crashed: {
        description: 'Accepts nothing and sends nothing; others keep its messages until it recovers.',
        on: {
          write: { actions: 'reject the write' },
          recover: { target: 'online', actions: 'come back' },
        },
      },
    },
  });
}

export type LeaderMachine = ReturnType<typeof createLeaderMachine>;
