import { useEffect, useRef, useState } from 'react';
import type { LabState } from '../store/labStore';
import { useLabStore } from './LabContext';

/** While time runs, a throttled slice changes at most this often (text, not animation). */
export const THROTTLE_MS = 100;

/**
 * True when a change is only time running on: the animation loop's ticks, and writes made
 * while playing. Those can wait a few frames; anything else (a pause, a seek back, a reset,
 * a step) shows at once.
 */
export function isRunningOn(s: LabState, prev: LabState): boolean {
  // A new selection is the learner's act, not time running on: it shows at once.
  return s.playing && prev.playing && s.snapshot.time >= prev.snapshot.time && s.selected === prev.selected;
}

/**
 * `run` paced to at most once every THROTTLE_MS: `now()` runs it at once (and drops a pending
 * run), `soon()` runs it when THROTTLE_MS have passed since the last run (at once if they
 * have), `cancel()` drops a pending run.
 */
export function pacer(run: () => void): { now: () => void; soon: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const now = () => {
    cancel();
    last = performance.now();
    run();
  };
  const soon = () => {
    if (timer !== null) return;
    const wait = THROTTLE_MS - (performance.now() - last);
    if (wait <= 0) now();
    else timer = setTimeout(now, wait);
  };
  return { now, soon, cancel };
}

/**
 * Like useLab, but while the simulation plays it re-renders at most every THROTTLE_MS
 * (the last change always lands). Panels of text gain nothing from 60 renders a second,
 * and each one costs React, style, layout and paint. `equal` compares two slices, so a
 * selector may build a fresh object or array (default: Object.is).
 *
 * @example
 * const time = useLabThrottled((s) => s.snapshot.time);
 */
export function useLabThrottled<T>(selector: (state: LabState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useLabStore();
  const latest = useRef({ selector, equal });
  latest.current = { selector, equal };
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    const update = pacer(() => {
      const next = latest.current.selector(store.getState());
      setValue((current) => (latest.current.equal(current, next) ? current : next));
    });
    // The store may have moved between render and this effect.
    update.now();
    const unsubscribe = store.subscribe((s, prev) => {
      if (isRunningOn(s, prev)) update.soon();
      else update.now();
    });
    return () => {
      unsubscribe();
      update.cancel();
    };
  }, [store]);
  return value;
}
