import { diagramMark } from '../graph/marks';
import type { Arrow, Mark, SpaceTime } from './spaceTimeData';
import { ST_VIEW } from './spaceTimeData';

/**
 * The diagram's arrows and marks as a few SVG paths, one per look (solid or dashed, highlighted
 * or not; one per kind of mark), instead of an element each: with eight leaders a window holds
 * hundreds of arrows and marks, and the browser styles, lays out and paints every element on
 * each redraw. What an element gave for free, the pointer finding the arrow or mark under it,
 * is `hitAt`. Pure, so it is tested without a browser.
 */
export interface ArrowPaths {
  /** Delivered, solid. */
  readonly closed: string;
  /** In flight or held, dashed (each arrow its own subpath, so each dash pattern starts at its sender). */
  readonly open: string;
  readonly closedHighlighted: string;
  readonly openHighlighted: string;
}

const MARK_KINDS = ['write', 'reject', 'conflict'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** One path per kind, and per kind the highlighted ones apart (drawn last, over the rest). */
export type MarkPaths = Readonly<Record<MarkKind | `${MarkKind}Highlighted`, string>>;

/** A coordinate to 0.1 unit (a tenth of a pixel at most): shorter path text, the same picture. */
const n = (v: number) => String(Math.round(v * 10) / 10);

/** A segment per arrow, sender to receiver (or to where it has got to). */
export function arrowPaths(arrows: readonly Arrow[]): ArrowPaths {
  const out = {
    closed: [] as string[],
    open: [] as string[],
    closedHighlighted: [] as string[],
    openHighlighted: [] as string[],
  };
  for (const a of arrows) {
    const segment = `M${n(a.x1)} ${n(a.y1)}L${n(a.x2)} ${n(a.y2)}`;
    const key = a.open ? (a.highlighted ? 'openHighlighted' : 'open') : a.highlighted ? 'closedHighlighted' : 'closed';
    out[key].push(segment);
  }
  return {
    closed: out.closed.join(''),
    open: out.open.join(''),
    closedHighlighted: out.closedHighlighted.join(''),
    openHighlighted: out.openHighlighted.join(''),
  };
}

/** The marks' shapes (a dot, a diamond, a cross: diagramMark), gathered by kind. */
export function markPaths(marks: readonly Mark[]): MarkPaths {
  const out: Record<string, string[]> = {};
  for (const kind of MARK_KINDS) {
    out[kind] = [];
    out[`${kind}Highlighted`] = [];
  }
  for (const m of marks) out[m.highlighted ? `${m.kind}Highlighted` : m.kind]?.push(diagramMark(m.kind, m.x, m.y));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' ')])) as MarkPaths;
}

/** The order the mark paths are drawn in: conflicts over writes, highlighted over everything. */
export const MARK_ORDER: readonly (keyof MarkPaths)[] = [
  ...MARK_KINDS,
  ...MARK_KINDS.map((k) => `${k}Highlighted` as const),
];

/** How near the pointer must come (SVG units): a mark's own size, a few units either side of an arrow. */
export const MARK_REACH = 7;
export const ARROW_REACH = 4;

export type Hit = { readonly kind: 'mark'; readonly mark: Mark } | { readonly kind: 'arrow'; readonly arrow: Arrow };

/** Distance from (px, py) to the segment (x1, y1)–(x2, y2). */
export function segmentDistance(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x1) * dx + (py - y1) * dy) / length2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/**
 * What the pointer at (x, y), in the SVG's own units, is over: the nearest mark within reach
 * (marks are drawn over arrows), else the nearest arrow within reach, else null. Above the
 * window (the lanes' names) nothing is hit: the window is clipped there.
 */
export function hitAt(data: Pick<SpaceTime, 'arrows' | 'marks' | 'shift'>, x: number, y: number): Hit | null {
  if (y < ST_VIEW.top - 8) return null;
  // Arrows and marks sit at fixed heights; the window slides them up by `shift`.
  const cy = y + data.shift;
  let best: Hit | null = null;
  let bestDistance = MARK_REACH;
  for (const m of data.marks) {
    const d = Math.hypot(m.x - x, m.y - cy);
    if (d <= bestDistance) {
      best = { kind: 'mark', mark: m };
      bestDistance = d;
    }
  }
  if (best) return best;
  bestDistance = ARROW_REACH;
  for (const a of data.arrows) {
    // Cheap rejection first: most arrows are nowhere near.
    if (cy < Math.min(a.y1, a.y2) - ARROW_REACH || cy > Math.max(a.y1, a.y2) + ARROW_REACH) continue;
    const d = segmentDistance(x, cy, a.x1, a.y1, a.x2, a.y2);
    if (d <= bestDistance) {
      best = { kind: 'arrow', arrow: a };
      bestDistance = d;
    }
  }
  return best;
}
