/**
 * Lane names that never collide: each label is measured (estimated at 12 px), and when
 * neighbours would touch, labels alternate between two rows; a label still too wide for the
 * room its row gives it is shortened with an ellipsis, and an edge lane's name is nudged inward
 * so it stays whole inside the drawing. Pure, so it is tested without a browser.
 */
export interface LaneLabel {
  readonly id: string;
  readonly text: string;
  /** Full name, for a title when shortened. */
  readonly full: string;
  /** The lane's x. */
  readonly lane: number;
  /** The text's centre: the lane's x, or nudged inward so an edge lane's name fits whole. */
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly width: number;
}

/** About how wide 12 px semibold text is, per character (a little generous). */
export const CHAR_WIDTH = 7.4;
const GAP = 6;
export const ROW_1 = 14;
export const ROW_2 = 29;

const widthOf = (text: string) => text.length * CHAR_WIDTH;

function shorten(text: string, room: number): string {
  if (widthOf(text) <= room) return text;
  const chars = Math.max(1, Math.floor(room / CHAR_WIDTH) - 1);
  return `${text.slice(0, chars)}…`;
}

/**
 * @example
 * laneLabels([{ id: 'eu', label: 'Frankfurt', x: 40 }, { id: 'us', label: 'Virginia', x: 380 }], 420);
 * // one row: both in full at y 14
 */
export function laneLabels(
  lanes: readonly { readonly id: string; readonly label: string; readonly x: number }[],
  width: number,
): LaneLabel[] {
  const spacing =
    lanes.length < 2 ? width : Math.min(...lanes.slice(1).map((l, i) => l.x - (lanes[i] as { x: number }).x));
  const fitsOneRow = lanes.every((l) => widthOf(l.label) + GAP <= spacing);
  // Two rows: a label has its neighbour two lanes away, so twice the room.
  const room = (fitsOneRow ? spacing : 2 * spacing) - GAP;
  const rowOf = (i: number) => (fitsOneRow || i % 2 === 0 ? ROW_1 : ROW_2);
  const labels = lanes.map((l, i) => {
    const text = shorten(l.label, room);
    const w = widthOf(text);
    // An edge lane's name is nudged inward rather than cut: it may not run off the drawing.
    const x = Math.min(Math.max(l.x, w / 2 + 1), width - w / 2 - 1);
    return { id: l.id, text, full: l.label, lane: l.x, x, y: rowOf(i), width: w };
  });
  // A nudged edge name must still clear its neighbour on the same row; if not, it is shortened.
  for (const [edge, near] of [
    [0, fitsOneRow ? 1 : 2],
    [labels.length - 1, labels.length - 1 - (fitsOneRow ? 1 : 2)],
  ] as const) {
    const a = labels[edge];
    const b = labels[near];
    if (!a || !b || edge === near) continue;
    const clear = Math.abs(a.x - b.x) - b.width / 2 - GAP;
    if (a.width / 2 <= clear) continue;
    const text = shorten(a.full, 2 * Math.max(clear, CHAR_WIDTH));
    const w = widthOf(text);
    labels[edge] = { ...a, text, width: w, x: Math.min(Math.max(a.lane, w / 2 + 1), width - w / 2 - 1) };
  }
  return labels;
}
