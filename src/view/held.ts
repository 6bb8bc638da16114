/**
 * The cost of causal delivery, as the lab shows it: which writes leaders hold back now, for
 * how long, and what each one waits for (which write, from which leader, held where). Causal
 * delivery is not free: a write that depends on one stuck behind a cut link is not shown to
 * readers until the link heals (MySQL and pglogical do not offer it for this reason).
 * Pure functions over the snapshot and the recent history, so they test without a DOM.
 */
import type { NodeId, SimEvent, Snapshot } from '../model';

/** Why a missing write has not arrived at the leader that waits for it. */
export type WaitReason =
  | { kind: 'cut-link'; from: NodeId; to: NodeId }
  | { kind: 'held'; from: NodeId; to: NodeId }
  | { kind: 'in-flight'; from: NodeId; deliverAt: number }
  | { kind: 'held-here' }
  | { kind: 'not-sent' };

/** One write a held write waits for. */
export interface Awaited {
  readonly writeId: string;
  /** The leader that accepted it (its id's prefix: write ids are `origin:seq`). */
  readonly origin: NodeId;
  readonly reason: WaitReason;
}

export interface HeldWrite {
  readonly node: NodeId;
  readonly writeId: string;
  /** When the leader started holding it; null when that is older than the history kept. */
  readonly since: number | null;
  /** How long it has been held at the snapshot's time (at least, when `since` is unknown). */
  readonly heldMs: number;
  /** What it still waits for; empty when the record of its arrival is older than the history kept. */
  readonly waitingFor: readonly Awaited[];
}

export interface HeldSummary {
  readonly held: readonly HeldWrite[];
  /** The longest of the holds going on now (0 when none). */
  readonly longestNowMs: number;
  /** The longest hold in the recent history, finished or not (0 when none). */
  readonly longestMs: number;
  /** Holds that ended (the write was applied) in the recent history. */
  readonly released: number;
}

const originOf = (writeId: string): NodeId => writeId.slice(0, writeId.lastIndexOf(':'));
const seqOf = (writeId: string): number => Number(writeId.slice(writeId.lastIndexOf(':') + 1));

/** Why `writeId` has not reached `node`: the message carrying it, held on a cut link, in flight, or none. */
function reasonFor(snapshot: Snapshot, node: NodeId, writeId: string): WaitReason {
  const here = snapshot.nodes.find((n) => n.id === node);
  if (here?.buffered.includes(writeId)) return { kind: 'held-here' };
  const carrying = snapshot.messages.filter((m) => m.write?.writeId === writeId);
  // The message to this leader first; else one held upstream (a ring or a star's hub forwards).
  const ordered = [...carrying.filter((m) => m.to === node), ...carrying.filter((m) => m.to !== node)];
  for (const m of ordered) {
    if (m.deliverAt !== null) {
      if (m.to === node) return { kind: 'in-flight', from: m.from, deliverAt: m.deliverAt };
      continue;
    }
    const link = snapshot.links.find((l) => (l.a === m.from && l.b === m.to) || (l.a === m.to && l.b === m.from));
    return link?.status === 'cut'
      ? { kind: 'cut-link', from: m.from, to: m.to }
      : { kind: 'held', from: m.from, to: m.to };
  }
  const inFlight = ordered.find((m) => m.deliverAt !== null);
  if (inFlight?.deliverAt != null) return { kind: 'in-flight', from: inFlight.from, deliverAt: inFlight.deliverAt };
  return { kind: 'not-sent' };
}

/**
 * What causal delivery holds back now and has held in the recent history.
 * @example heldWrites(store.getState().snapshot, store.getState().history).held[0]
 * // { node: 'ap', writeId: 'us:1', since: 1600, heldMs: 3400, waitingFor: [{ writeId: 'eu:1', origin: 'eu', reason: { kind: 'cut-link', from: 'eu', to: 'ap' } }] }
 */
export function heldWrites(snapshot: Snapshot, history: readonly SimEvent[]): HeldSummary {
  // The latest `buffer` record per (leader, write), and the holds that ended with an apply.
  const started = new Map<string, { at: number; waitingFor: readonly string[] }>();
  let longestMs = 0;
  let released = 0;
  for (const e of history) {
    if (e.at > snapshot.time) break;
    if (e.type === 'buffer') started.set(`${e.node}\u0000${e.writeId}`, { at: e.at, waitingFor: e.waitingFor });
    else if (e.type === 'apply') {
      const key = `${e.node}\u0000${e.writeId}`;
      const start = started.get(key);
      if (start) {
        longestMs = Math.max(longestMs, e.at - start.at);
        released += 1;
        started.delete(key);
      }
    }
  }
  const oldest = history[0]?.at ?? snapshot.time;
  const held: HeldWrite[] = [];
  for (const n of snapshot.nodes) {
    for (const writeId of n.buffered) {
      const start = started.get(`${n.id}\u0000${writeId}`);
      const heldMs = snapshot.time - (start?.at ?? oldest);
      const waitingFor = (start?.waitingFor ?? [])
        // Still missing: not applied here yet (a held write's causes arrive one by one).
        .filter((w) => (n.applied[originOf(w)] ?? 0) < seqOf(w))
        .map((w) => ({ writeId: w, origin: originOf(w), reason: reasonFor(snapshot, n.id, w) }));
      held.push({ node: n.id, writeId, since: start?.at ?? null, heldMs, waitingFor });
    }
  }
  const longestNowMs = held.reduce((max, h) => Math.max(max, h.heldMs), 0);
  return { held, longestNowMs, longestMs: Math.max(longestMs, longestNowMs), released };
}

/**
 * One held write in words.
 * @example describeHeld(h, label) // 'us:1 held at Tokyo for 3.4 s: waits for eu:1 from Frankfurt, stuck on the cut link Frankfurt–Tokyo.'
 */
export function describeHeld(h: HeldWrite, label: (id: NodeId) => string, formatMs: (ms: number) => string): string {
  const head = `${h.writeId} held at ${label(h.node)} for ${h.since === null ? 'at least ' : ''}${formatMs(h.heldMs)}`;
  if (h.waitingFor.length === 0)
    return `${head}: it waits for an earlier write (its arrival is older than the log keeps).`;
  const parts = h.waitingFor.map((a) => {
    const what = `${a.writeId} from ${label(a.origin)}`;
    switch (a.reason.kind) {
      case 'cut-link':
        return `${what}, stuck on the cut link ${label(a.reason.from)}–${label(a.reason.to)}`;
      case 'held':
        return `${what}, held at ${label(a.reason.from)} (a leader on its way is down or offline)`;
      case 'in-flight':
        return `${what}, in flight from ${label(a.reason.from)}, due at t = ${formatMs(a.reason.deliverAt)}`;
      case 'held-here':
        return `${what}, itself held here`;
      case 'not-sent':
        return `${what}, not on its way (its leader is down, or the write is gone)`;
    }
  });
  return `${head}: waits for ${parts.join('; ')}.`;
}
