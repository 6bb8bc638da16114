/**
 * The shapes the graph and the space-time diagram draw, in one place so the legend draws the
 * very same marks. State never rests on colour alone: each mark differs in shape too.
 */
/** A replication message: a circle of radius 6. */
export const REPLICATE_PATH = 'M -6 0 A 6 6 0 1 0 6 0 A 6 6 0 1 0 -6 0';
/** A single-leader request or ack: a square. */
export const REQUEST_PATH = 'M -5 -5 H 5 V 5 H -5 Z';
/** The "!" badge of conflicting versions kept side by side. */
export const BADGE_PATH = 'M 0 -11 L 11 0 L 0 11 L -11 0 Z';
/** A crashed leader's cross. */
export const CRASH_PATH = 'M -25 -25 L 25 25 M 25 -25 L -25 25';

/** The diagram's marks at (x, y): a write is a dot, a conflict a diamond, a refusal a cross. */
export function diagramMark(kind: 'write' | 'conflict' | 'reject', x: number, y: number): string {
  return kind === 'write'
    ? `M ${String(x - 4)} ${String(y)} a 4 4 0 1 0 8 0 a 4 4 0 1 0 -8 0`
    : kind === 'conflict'
      ? `M ${String(x)} ${String(y - 7)} l 7 7 l -7 7 l -7 -7 z`
      : `M ${String(x - 5)} ${String(y - 5)} l 10 10 m 0 -10 l -10 10`;
}
