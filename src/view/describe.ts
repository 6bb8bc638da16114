import { formatOp, type SimEvent } from '../model';
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
      return `Conflict on ${e.key} at ${at}: ${e.explanation}`;
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
    case 'disconnect':
      return `${at} went offline`;
    case 'reconnect':
      return `${at} came back online`;
    case 'set-clock-skew':
      return `${at}'s clock now runs ${formatWholeMs(Math.abs(e.skewMs))} ${e.skewMs >= 0 ? 'fast' : 'slow'}`;
  }
}
