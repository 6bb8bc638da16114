import { formatOp, formatValue, type SimEvent } from '../model';
import { formatMs, formatWholeMs } from './format';

/** One event in plain language, for the log and the screen-reader announcer. */
export function describeEvent(e: SimEvent, label: (id: string) => string): string {
  const at = label(e.node);
  switch (e.type) {
    case 'write':
      return e.client === e.node
        ? `${at} accepted ${e.writeId}: ${e.key} ${formatOp(e.op)}`
        : `${at}, the leader, executed ${label(e.client)}'s ${e.writeId}: ${e.key} ${formatOp(e.op)}`;
    case 'ack':
      return `${at} acknowledged ${e.writeId} after ${formatMs(e.latencyMs)}`;
    case 'reject':
      return `${at} refused a write to ${e.key}: ${e.reason}`;
    case 'forward':
      return `${at} forwarded ${e.writeId} to the leader ${label(e.to)}`;
    case 'send':
      return `${at} sent ${e.writeId} to ${label(e.to)}${e.deliverAt === null ? ' (held: the way is blocked)' : ''}`;
    case 'deliver':
      return `${at} received ${e.writeId} from ${label(e.from)}`;
    case 'apply':
      return `${at} applied ${e.writeId} to ${e.key}`;
    case 'drop':
      return e.reason === 'own-origin'
        ? `${at} dropped ${e.writeId}: it came round from itself (origin tag)`
        : `${at} dropped ${e.writeId}: already applied`;
    case 'buffer':
      return `${at} held ${e.writeId} back until ${e.waitingFor.join(', ')} arrive (causal delivery)`;
    case 'anomaly':
      return e.explanation;
    case 'conflict':
      return `Conflict on ${e.key} at ${at}${e.kind ? ` (${e.kind})` : ''}: ${e.explanation}`;
    case 'lost':
      return `Lost at ${at}: ${e.writeIds.join(', ')}. ${e.explanation}`;
    case 'cut-link':
      return `Link ${at}–${label(e.peer)} cut`;
    case 'heal-link':
      return `Link ${at}–${label(e.peer)} healed`;
    case 'set-link-latency':
      return `Link ${at}–${label(e.peer)} latency set to ${formatWholeMs(e.latencyMs)}`;
    case 'crash':
      return `${at} crashed`;
    case 'recover':
      return `${at} recovered`;
    case 'destroy':
      return `${at} was destroyed: gone for good`;
    case 'failover':
      return `Failover: ${at} is the leader now (${label(e.from)} was down). ${e.explanation}`;
    case 'disconnect':
      return `${at} went offline`;
    case 'reconnect':
      return `${at} came back online`;
    case 'set-clock-skew':
      return `${at}'s clock now runs ${formatWholeMs(Math.abs(e.skewMs))} ${e.skewMs >= 0 ? 'fast' : 'slow'}`;
  }
}

/** A sentence worth saying aloud, and how much it matters (a higher rank is never replaced by a lower one). */
export interface Announcement {
  readonly text: string;
  readonly rank: number;
  /** Said after a weightier sentence still waiting, instead of being dropped (convergence after a conflict). */
  readonly joins?: boolean;
}

/** Why a conflict dropped a write, in three words, read from the strategy's own explanation. */
function lossReason(explanation: string): string {
  if (/same timestamp/.test(explanation)) return 'a timestamp tie';
  if (/clock skew|skewed/.test(explanation)) return 'clock skew';
  if (/causality/.test(explanation)) return 'a later timestamp';
  return 'a concurrent overwrite';
}

const quote = (v: unknown): string => formatValue(v as Parameters<typeof formatValue>[0]);

/**
 * The short spoken form of one event, or null when it is not worth a sentence (sends, acks,
 * drops). Conflicts say who won and what was lost and why: "Tokyo took 'B'; 'A' from Frankfurt
 * was lost to clock skew".
 */
export function announceEvent(e: SimEvent, label: (id: string) => string): Announcement | null {
  const at = label(e.node);
  switch (e.type) {
    case 'conflict': {
      const lost = e.versions.filter((v) => v.writeId !== null && e.discarded.includes(v.writeId));
      if (lost.length === 0)
        return { text: `Conflict on ${e.key} at ${at}: both versions kept, ${quote(e.result)}.`, rank: 5 };
      const losers = lost.map((v) => `${quote(v.value)} from ${v.node === null ? 'nobody' : label(v.node)}`);
      return {
        text: `${at} took ${quote(e.result)} for ${e.key}; ${losers.join(' and ')} was lost to ${lossReason(e.explanation)}.`,
        rank: 5,
      };
    }
    case 'anomaly':
      return { text: e.explanation, rank: 4 };
    case 'lost':
      return { text: e.explanation, rank: 5 };
    case 'reject':
      return { text: `${at} refused a write to ${e.key}.`, rank: 3 };
    case 'failover':
      return { text: `${at} was promoted to leader.`, rank: 4 };
    case 'destroy':
    case 'crash':
    case 'recover':
    case 'disconnect':
    case 'reconnect':
    case 'cut-link':
    case 'heal-link':
    case 'set-clock-skew':
    case 'set-link-latency':
      return { text: `${describeEvent(e, label)}.`, rank: 3 };
    case 'write':
      return {
        text:
          e.op.type === 'set'
            ? `${at} set ${e.key} to ${quote(e.op.value)}.`
            : `${at} wrote ${e.key}: ${formatOp(e.op)}.`,
        rank: 2,
      };
    case 'buffer':
      return { text: `${at} held ${e.writeId} until what it depends on arrives.`, rank: 2 };
    case 'apply':
      return e.origin === e.node ? null : { text: `${at} got ${label(e.origin)}'s write to ${e.key}.`, rank: 1 };
    default:
      return null;
  }
}

/** The one sentence a burst of events comes to: the most important, the newest among equals. */
export function announceEvents(events: readonly SimEvent[], label: (id: string) => string): Announcement | null {
  let best: Announcement | null = null;
  for (const e of events) {
    const a = announceEvent(e, label);
    if (a && (!best || a.rank >= best.rank)) best = a;
  }
  return best;
}
