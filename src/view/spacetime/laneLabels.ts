/**
 * Lane names that never collide: each label is measured (estimated at 12 px), and when
 * neighbours would touch, labels alternate between two rows; a label still too wide for the
 * room its row gives it is shortened with an ellipsis. Pure, so it is tested without a browser.
 */
export interface LaneLabel {
  readonly id: string;
  readonly text: string;
  /** Full name, for a title when shortened. */
  readonly full: string;
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
  return lanes.map((l, i) => {
    const first = i === 0;
    const last = i === lanes.length - 1;
    // Edge labels may not run off the drawing: at most twice their distance to the edge.
    const edgeRoom = Math.min(room, 2 * Math.min(l.x, width - l.x) - 2);
    const text = shorten(l.label, first || last ? edgeRoom : room);
    return {
      id: l.id,
      text,
      full: l.label,
      x: l.x,
      y: fitsOneRow || i % 2 === 0 ? ROW_1 : ROW_2,
      width: widthOf(text),
    };
  });
}
