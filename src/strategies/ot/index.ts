import { byKeyType } from '../dispatch';
import { formatOp } from '../../core/keyTypes';
import type { KeyType, NodeId } from '../../core/types';
import { defineStrategy } from '../define';
import type { Strategy, StrategyContext } from '../types';
import { applyEdit, type Edit, type Prim, transform } from './textOps';

/**
 * Operational transformation for text keys, server-ordered as in Jupiter (Nichols et al.
 * 1995), whose client/server pair Google Docs and ShareDB follow. Every leader keeps one
 * channel per peer: what it sent, what it received, and its sent edits the peer has not yet
 * acknowledged. An incoming edit is transformed past those; edits from the server win a tie.
 * In a star, the hub is the server: it transforms a leaf's edit into its own order and
 * forwards the result to the other leaves. Without a central orderer among three or more
 * leaders, plain text transforms are not enough (TP2 fails), so the model refuses that.
 */
interface Channel {
  readonly sent: number;
  readonly received: number;
  /** Sent edits not yet acknowledged, numbered from 0. */
  readonly outgoing: readonly { readonly n: number; readonly edit: Edit }[];
}

export interface OtState {
  readonly doc: string;
  readonly channels: Readonly<Record<NodeId, Channel>>;
}

export interface OtMessage {
  readonly edit: Edit;
  /** How many edits the sender had sent on this channel before this one. */
  readonly sent: number;
  /** How many the sender had received from us: ours below that number it has seen. */
  readonly received: number;
}

const emptyChannel: Channel = { sent: 0, received: 0, outgoing: [] };

/** Put `edit` on the channel to each peer; returns the new channels and the per-peer payloads. */
function sendOn(state: OtState, peers: readonly NodeId[], edit: Edit) {
  const channels: Record<NodeId, Channel> = { ...state.channels };
  const payloads: Record<NodeId, OtMessage> = {};
  for (const peer of peers) {
    const ch = channels[peer] ?? emptyChannel;
    payloads[peer] = { edit, sent: ch.sent, received: ch.received };
    channels[peer] = { sent: ch.sent + 1, received: ch.received, outgoing: [...ch.outgoing, { n: ch.sent, edit }] };
  }
  return { channels, payloads };
}

const describeEdit = (edit: Edit) => edit.map((p) => formatOp(p)).join(', ') || 'nothing';

export function jupiterText(server: NodeId, ctx: StrategyContext): Strategy<OtState, OtMessage> {
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  return {
    kind: 'ot',
    title: `operational transformation (server: ${label(server)})`,
    init: () => ({ doc: '', channels: {} }),
    local({ state, op, sendTo }) {
      const edit: Prim[] = op.type === 'insert' || (op.type === 'delete' && 'index' in op) ? [op] : [];
      const doc = applyEdit(state.doc, edit);
      const { channels, payloads } = sendOn(state, sendTo ?? [], edit);
      return {
        state: { doc, channels },
        payload: payloads[sendTo?.[0] ?? ''] ?? { edit, sent: 0, received: 0 },
        payloadFor: payloads,
      };
    },
    remote({ state, payload, from, relayTo, node, write }) {
      const ch = state.channels[from] ?? emptyChannel;
      // The sender had seen our edits numbered below `received`; transform past the rest.
      let edit: Prim[] = [...payload.edit];
      const outgoing: { n: number; edit: Edit }[] = [];
      const fromServer = from === server;
      for (const o of ch.outgoing) {
        if (o.n < payload.received) continue;
        const [incoming, mine] = transform(edit, o.edit, fromServer);
        edit = incoming;
        outgoing.push({ n: o.n, edit: mine });
      }
      const doc = applyEdit(state.doc, edit);
      const received: OtState = {
        doc,
        channels: { ...state.channels, [from]: { sent: ch.sent, received: ch.received + 1, outgoing } },
      };
      // The hub (server) forwards the edit, in its own order, to the other leaves.
      // Never queue the edit back to its author (a ring of two relays it home, where it is dropped).
      const { channels, payloads } = sendOn(
        received,
        (relayTo ?? []).filter((peer) => peer !== write.origin),
        edit,
      );
      const changed = JSON.stringify(edit) !== JSON.stringify(payload.edit);
      return {
        state: { doc, channels },
        relayPayloadFor: payloads,
        ...(changed
          ? {
              conflict: {
                versions: [],
                result: doc,
                discarded: [],
                explanation: `${label(from)}'s concurrent edit (${describeEdit(payload.edit)}) was transformed past ${label(node)}'s unacknowledged edits into ${describeEdit(edit)}; both intentions are kept.`,
              },
            }
          : {}),
      };
    },
    read: (state) => ({ value: state.doc, conflicts: [] }),
    refuses: (_type, op) =>
      op.type === 'replace'
        ? 'OT transforms edits; a whole-text replace has nothing to resolve, so insert or delete instead'
        : null,
    inspect: (state) => ({
      'unacknowledged edits': Object.values(state.channels).reduce((n, ch) => n + ch.outgoing.length, 0),
    }),
  };
}

const fallbacks = {
  lww: { label: 'last write wins', description: 'Other keys keep the write with the latest timestamp.' },
  merge: { label: 'merge values', description: 'Other keys combine concurrent versions (union, join, larger count).' },
  crdt: { label: 'CRDTs', description: 'Other keys are CRDTs (OR-set, MV-register, PN-counter).' },
};

/** Operational transformation for text keys (server-ordered); other keys use `fallback`. */
export interface OtStrategyConfig {
  kind: 'ot';
  fallback?: keyof typeof fallbacks;
}

/** OT for text keys; every other key falls back to the configured strategy. */
export function createOt(config: OtStrategyConfig, ctx: StrategyContext, fallback: Strategy): Strategy {
  const text = jupiterText(ctx.server ?? '', ctx) as Strategy;
  const pick = (type: KeyType) => (type === 'text' ? text : fallback);
  return byKeyType('ot', `${text.title}; other keys: ${config.fallback ?? 'lww'}`, pick);
}

/** OT in the catalog: it needs a central orderer, and its option is the strategy for other keys. */
export const otStrategy = defineStrategy<OtStrategyConfig>({
  kind: 'ot',
  title: 'Operational transformation',
  description: 'Text edits are transformed past concurrent ones in the order a server sets (Jupiter, Google Docs).',
  options: {
    fallback: {
      label: 'Keys other than text',
      description: 'The strategy for keys that are not text.',
      choices: fallbacks,
      default: 'lww',
    },
  },
  misfit(_config, { topology, leaders }) {
    // Among three or more peers, plain text transforms violate TP2.
    if (topology.kind === 'star' || leaders <= 2) return null;
    return `operational transformation needs a central server to order edits (Jupiter, Google Docs, ShareDB): use a star topology, whose hub orders them, or two leaders. Among ${String(leaders)} peers in a ${topology.kind} topology, plain text transforms violate TP2 and replicas could diverge.`;
  },
  create: (config, ctx, build) => createOt(config, ctx, build({ kind: config.fallback ?? 'lww' })),
});
