import type { SimEvent, Snapshot } from '../../model';
import { formatMs } from '../format';

/**
 * A space-time diagram's data: one lane per leader, time running down over a window that
 * ends at the present, messages as arrows from send to delivery (still open while in
 * flight or held), writes and conflicts as marks on their leader's lane. Pure.
 */
export const ST_VIEW = { width: 420, height: 420, top: 44, bottom: 12, side: 28, axis: 66 } as const;
/** The window shown until the reader zooms: the last 8 s. */
export const DEFAULT_SPAN = 8000;

/**
 * The coordinate space to draw in for a diagram `pixels` wide on screen: below ST_VIEW's
 * width it is drawn 1:1, so its 12 px labels stay 12 px on a phone instead of shrinking with
 * the SVG, and shorter than square (a phone's page is long enough); wider, the full square
 * view scales up.
 */
export function spaceTimeView(pixels: number): { width: number; height: number } {
  if (pixels >= ST_VIEW.width) return { width: ST_VIEW.width, height: ST_VIEW.height };
  const width = Math.round(Math.max(240, pixels));
  return { width, height: Math.round(width * 0.7) };
}

export interface Lane {
  readonly id: string;
  readonly label: string;
  readonly x: number;
}

export interface Arrow {
  readonly id: number;
  readonly writeId: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Not delivered yet: drawn to the present, dashed. */
  readonly open: boolean;
  readonly highlighted: boolean;
}

export interface Mark {
  readonly key: string;
  readonly kind: 'write' | 'conflict' | 'reject';
  readonly x: number;
  readonly y: number;
  readonly writeId: string;
  readonly title: string;
  readonly highlighted: boolean;
}

export interface SpaceTime {
  /** The coordinate space (the SVG's viewBox). */
  readonly view: { readonly width: number; readonly height: number };
  readonly lanes: readonly Lane[];
  readonly arrows: readonly Arrow[];
  readonly marks: readonly Mark[];
  /** The window shown (the axis's domain). */
  readonly from: number;
  readonly to: number;
  /** The present. */
  readonly now: number;
  /** Arrows and marks sit at fixed heights (time × scale); the view slides them up by this. */
  readonly shift: number;
}

export interface SpaceTimeOptions {
  /** Virtual ms shown; the window ends at the present unless `end` says otherwise. */
  readonly span?: number;
  /** Where the window ends (panned back in time); the present when absent. */
  readonly end?: number | null;
  readonly highlight?: { msgId?: number; writeId?: string } | null;
  /** The coordinate space (spaceTimeView of the rendered width); ST_VIEW's by default. */
  readonly view?: { readonly width: number; readonly height: number };
}

export function spaceTimeData(
  history: readonly SimEvent[],
  snapshot: Snapshot,
  options: SpaceTimeOptions = {},
): SpaceTime {
  const now = Math.max(snapshot.time, 1);
  const span = Math.max(1, options.span ?? DEFAULT_SPAN);
  const to = Math.max(span, Math.min(now, options.end ?? now));
  const from = Math.max(0, to - span);
  const view = options.view ?? { width: ST_VIEW.width, height: ST_VIEW.height };
  // The time axis takes the left margin.
  const usable = view.width - ST_VIEW.axis - ST_VIEW.side;
  const lanes = snapshot.nodes.map((n, i, all) => ({
    id: n.id,
    label: n.label,
    x: ST_VIEW.axis + (all.length === 1 ? usable / 2 : (usable * i) / (all.length - 1)),
  }));
  const laneX = new Map(lanes.map((l) => [l.id, l.x]));
  // A fixed scale, so finished arrows keep their coordinates while the window slides.
  const scale = (view.height - ST_VIEW.top - ST_VIEW.bottom) / span;
  const y = (t: number) => ST_VIEW.top + Math.round(t * scale * 10) / 10;
  const h = options.highlight ?? null;
  const inFlight = new Map(snapshot.messages.map((m) => [m.id, m]));
  const delivered = new Map<number, number>();
  for (const e of history) if (e.type === 'deliver') delivered.set(e.msgId, e.at);
  const arrows: Arrow[] = [];
  const marks: Mark[] = [];
  history.forEach((e, i) => {
    if (e.type === 'send') {
      const end = delivered.get(e.msgId);
      if ((end ?? now) < from || e.at > to) return;
      const x1 = laneX.get(e.node) ?? 0;
      const xTo = laneX.get(e.to) ?? 0;
      // Still travelling: as far across as its time allows. Held: it waits at the sender.
      const pending = inFlight.get(e.msgId);
      const share =
        end !== undefined
          ? 1
          : pending?.deliverAt == null
            ? 0.04
            : (now - pending.sentAt) / Math.max(1, pending.deliverAt - pending.sentAt);
      arrows.push({
        id: e.msgId,
        writeId: e.writeId,
        x1,
        y1: y(e.at),
        x2: x1 + (xTo - x1) * Math.min(1, share),
        y2: y(end ?? now),
        open: end === undefined,
        highlighted: h?.msgId === e.msgId || (h?.writeId !== undefined && h.writeId === e.writeId),
      });
    } else if ((e.type === 'write' || e.type === 'conflict' || e.type === 'reject') && e.at >= from && e.at <= to) {
      const writeId = e.type === 'write' ? e.writeId : e.type === 'conflict' ? (e.discarded[0] ?? '') : '';
      marks.push({
        key: `${e.type}-${String(i)}`,
        kind: e.type,
        x: laneX.get(e.node) ?? 0,
        y: y(e.at),
        writeId,
        title:
          e.type === 'write'
            ? `${e.writeId} at ${formatMs(e.at)}`
            : e.type === 'conflict'
              ? `Conflict on ${e.key} at ${formatMs(e.at)}`
              : `Refused write at ${formatMs(e.at)}`,
        highlighted: h?.writeId !== undefined && h.writeId === writeId,
      });
    }
  });
  return { view, lanes, arrows, marks, from, to: from + span, now, shift: Math.round(from * scale * 10) / 10 };
}

/** Redraws at most this often while time runs (a diagram, not an animation). */
export const EVERY_MS = 100;
/**
 * On a slow machine a redraw of a busy diagram costs tens of ms: wait ten times what the last
 * one took (up to a second), so the diagram never takes more than about a tenth of the time.
 */
const COST_FACTOR = 10;
const SLOWEST_MS = 1000;

/** The least time between two redraws while playing, given what the last one cost (ms). */
export function redrawInterval(lastCostMs: number): number {
  return Math.min(SLOWEST_MS, Math.max(EVERY_MS, lastCostMs * COST_FACTOR));
}
