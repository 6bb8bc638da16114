import { ticks } from 'd3-array';
import { formatMs } from '../format';

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

/** A linear time scale with just what d3-axis calls: the mapping, domain, range, copy and ticks. */
export interface TimeScale {
  (t: number): number;
  domain(): number[];
  range(): number[];
  copy(): TimeScale;
  ticks(count?: number): number[];
}

/**
 * The window [from, to] (at least 1 ms) drawn between pixels `top` and `bottom`, for d3-axis.
 * Written out rather than taken from d3-scale, whose interpolators and number formats (d3-interpolate,
 * d3-color, d3-format) would weigh about 8 kB gzip in the 160 kB element for one straight line.
 */
export function timeScale(from: number, to: number, top: number, bottom: number): TimeScale {
  const end = Math.max(to, from + 1);
  const scale = (t: number) => {
    const u = (t - from) / (end - from);
    return top * (1 - u) + bottom * u;
  };
  return Object.assign(scale, {
    domain: () => [from, end],
    range: () => [top, bottom],
    copy: () => timeScale(from, to, top, bottom),
    // The round times d3-scale's linear scale would pick.
    ticks: (count = 10) => ticks(from, end, count),
  });
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
  const scale = timeScale(from, to, top, bottom);
  const count = Math.max(2, Math.floor((bottom - top) / 50));
  return scale.ticks(count).map((t) => ({ t, y: scale(t), label: formatTime(t) }));
}
