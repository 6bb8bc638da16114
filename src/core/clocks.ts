/**
 * Clocks. A leader's physical clock reads virtual time plus its skew plus its drift; the
 * hybrid logical clock follows Kulkarni et al. 2014 ("Logical Physical Clocks"), receive
 * rule included (unlike CockroachDB's variant, which does not bump c on receive).
 */

import type { Hlc } from './types';

/** What a leader's physical clock reads from: its fixed offset and its rate error. */
export interface PhysicalClock {
  readonly skewMs: number;
  readonly driftPpm: number;
}

/** Whole milliseconds, like a database timestamp: equal stamps (ties) really happen. */
export function physicalTime(clock: PhysicalClock, at: number): number {
  return Math.floor(at + clock.skewMs + (at * clock.driftPpm) / 1_000_000);
}

/**
 * A leader's HLC before any event: just below its physical clock at start, so the first
 * event reads (pt, 0) as in Kulkarni et al.'s examples. (JSON cannot hold −∞.)
 */
export function initialHlc(pt: number): Hlc {
  return { l: pt - 1, c: 0 };
}

/** Local or send event. @example hlcLocal({l: 10, c: 0}, 9) → {l: 10, c: 1} */
export function hlcLocal(h: Hlc, pt: number): Hlc {
  const l = Math.max(h.l, pt);
  return { l, c: l === h.l ? h.c + 1 : 0 };
}

/** Receive event for a message stamped `m`. @example hlcReceive({l: 8, c: 0}, {l: 10, c: 0}, 8) → {l: 10, c: 1} */
export function hlcReceive(h: Hlc, m: Hlc, pt: number): Hlc {
  const l = Math.max(h.l, m.l, pt);
  let c: number;
  if (l === h.l && l === m.l) c = Math.max(h.c, m.c) + 1;
  else if (l === h.l) c = h.c + 1;
  else if (l === m.l) c = m.c + 1;
  else c = 0;
  return { l, c };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.l !== b.l ? (a.l < b.l ? -1 : 1) : a.c - b.c;
}

export function formatHlc(h: Hlc): string {
  return `(${String(h.l)}, ${String(h.c)})`;
}
