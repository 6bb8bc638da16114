import { formatMs } from '../format';
import { scaleLinear } from 'd3-scale';

/**
 * A time in human units for the diagram's axis: "0", "250 ms", "1.5 s", "2 min 5 s".
 *
 * @example
 * formatTime(1500); // "1.5 s"
 */
export function formatTime(ms: number): string {
  // The lab's one time format, except that the axis's origin reads as a bare 0.
  return ms === 0 ? '0' : formatMs(ms);
}

/**
 * The time axis's ticks for a window [from, to] drawn between pixels `top` and `bottom`:
 * about one tick per 50 px, at round times, each with its label in human units.
 */
export function timeTicks(
  from: number,
  to: number,
  top: number,
  bottom: number,
): { readonly t: number; readonly y: number; readonly label: string }[] {
  const scale = scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([top, bottom]);
  const count = Math.max(2, Math.floor((bottom - top) / 50));
  return scale.ticks(count).map((t) => ({ t, y: scale(t), label: formatTime(t) }));
}

/** The same scale, for d3-axis. */
export function timeScale(from: number, to: number, top: number, bottom: number) {
  return scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([top, bottom]);
}
