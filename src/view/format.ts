/**
 * Numbers in human units, for every panel of the lab: one place decides how a time, a latency
 * or a count reads, so the log, the diagram, the controls and the announcer say it the same way.
 * Pure functions, no React.
 */
import type { LatencyConfig } from '../model';

/**
 * A virtual duration or instant in ms, rounded to what a person reads: whole ms below a second,
 * tenths of a second below a minute, then minutes and seconds.
 *
 * @example formatMs(650.0339999999997) // '650 ms'
 * @example formatMs(1200) // '1.2 s'
 * @example formatMs(95_000) // '1 min 35 s'
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : '—';
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (Math.round(abs) < 1000) return `${sign}${String(Math.round(abs))} ms`;
  const tenths = Math.round(abs / 100) / 10;
  if (tenths < 60) return `${sign}${trim(tenths.toFixed(1))} s`;
  const seconds = Math.round(abs / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${sign}${String(minutes)} min${rest ? ` ${String(rest)} s` : ''}`;
}

/** An instant on the run's clock: "t = 650 ms". */
export function formatAt(ms: number): string {
  return `t = ${formatMs(ms)}`;
}

/** A whole number of ms, with no switch to seconds (a slider's value reads steadily as it moves). */
export function formatWholeMs(ms: number): string {
  return `${String(Math.round(ms))} ms`;
}

/**
 * A link latency as the model draws it: a base, give or take the jitter.
 *
 * @example formatLatency({ base: 1200, jitter: 300 }) // '1200 ± 300 ms'
 * @example formatLatency(800) // '800 ms'
 */
export function formatLatency(latency: LatencyConfig | number): string {
  const { base, jitter = 0 } = typeof latency === 'number' ? { base: latency } : latency;
  return jitter > 0
    ? `${String(Math.round(base))} ± ${String(Math.round(jitter))} ms`
    : `${String(Math.round(base))} ms`;
}

/**
 * What the ± means, in one sentence (a title or a description beside the latency).
 *
 * @example explainLatency({ base: 1200, jitter: 300 })
 * // 'Each message takes 1200 ms give or take up to 300 ms (jitter): it lands between 900 ms and 1.5 s after it is sent, drawn from the seed.'
 */
export function explainLatency(latency: LatencyConfig | number): string {
  const { base, jitter = 0 } = typeof latency === 'number' ? { base: latency } : latency;
  if (jitter <= 0) return `Each message takes ${formatWholeMs(base)} to arrive: there is no jitter.`;
  const low = Math.max(1, base - jitter);
  return `Each message takes ${formatWholeMs(base)} give or take up to ${formatWholeMs(jitter)} (jitter): it lands between ${formatMs(low)} and ${formatMs(base + jitter)} after it is sent, drawn from the seed.`;
}

/**
 * A count with its noun, singular or plural as English wants.
 *
 * @example plural(1, 'conflict') // '1 conflict'
 * @example plural(2, 'conflict') // '2 conflicts'
 * @example plural(0, 'leader', 'leaders') // '0 leaders'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

function trim(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
