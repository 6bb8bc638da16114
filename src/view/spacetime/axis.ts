import { scaleLinear } from 'd3-scale';

/**
 * A time in human units for the diagram's axis: "0", "250 ms", "1.5 s", "2 min 5 s".
 *
 * @example
 * formatTime(1500); // "1.5 s"
 */
export function formatTime(ms: number): string {
  if (ms === 0) return '0';
  if (Math.abs(ms) < 1000) return `${String(Math.round(ms))} ms`;
  if (Math.abs(ms) < 60_000) return `${String(Math.round(ms / 100) / 10)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return seconds === 0 ? `${String(minutes)} min` : `${String(minutes)} min ${String(seconds)} s`;
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
