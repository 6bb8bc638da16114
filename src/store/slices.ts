/**
 * Long work in slices: a job that advances a step at a time runs for a few milliseconds, then
 * yields to the page (which repaints and takes input) before the next slice. The next slice is
 * a new task posted through a MessageChannel (setTimeout(0) where there is none): unlike
 * requestAnimationFrame it keeps running in a hidden tab, and unlike a chain of setTimeout(0)
 * it is not clamped to 4 ms after a few rounds.
 */

/** Stops what was scheduled; calling it again does nothing. */
export type Cancel = () => void;

/** Run `fn` in a task of its own, soon. */
export function nextTask(fn: () => void): Cancel {
  if (typeof MessageChannel === 'undefined') {
    const id = setTimeout(fn, 0);
    return () => {
      clearTimeout(id);
    };
  }
  const channel = new MessageChannel();
  let live = true;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) fn();
  };
  channel.port2.postMessage(null);
  return () => {
    live = false;
    channel.port1.close();
  };
}

/** Work done a step at a time: `step(units)` does about that much more and says whether it is done. */
export interface SlicedJob {
  step(units: number): boolean;
  /** From 0 to 1. */
  readonly progress: number;
}

export interface SliceOptions {
  /** Milliseconds of work per slice: well under a frame, so the page keeps its frame rate. */
  readonly budgetMs?: number;
  /** Units asked of each `step` call; a slice makes as many calls as fit in its budget. */
  readonly units?: number;
  /** After each slice that did not finish, with the job's progress. */
  readonly onProgress?: (progress: number) => void;
  /** Once the job is done (in the slice that finished it). */
  readonly onDone: () => void;
  /** A step threw: the job stops there. */
  readonly onError?: (error: unknown) => void;
  /** Where slices run (tests pass their own); `nextTask` by default. */
  readonly schedule?: (fn: () => void) => Cancel;
}

/** A slice's work, by default: 8 ms leaves a 60 Hz frame room to paint. */
export const SLICE_BUDGET_MS = 8;

/** Run `job` in slices, each in a task of its own (the first one too, so the page can show that work began). */
export function runInSlices(job: SlicedJob, options: SliceOptions): Cancel {
  const budget = options.budgetMs ?? SLICE_BUDGET_MS;
  const units = options.units ?? 100;
  const schedule = options.schedule ?? nextTask;
  let cancelNext: Cancel | null = null;
  let cancelled = false;
  const slice = () => {
    cancelNext = null;
    if (cancelled) return;
    const t0 = performance.now();
    let done: boolean;
    try {
      do done = job.step(units);
      while (!done && performance.now() - t0 < budget);
    } catch (error) {
      cancelled = true;
      if (options.onError) options.onError(error);
      else throw error;
      return;
    }
    if (done) {
      cancelled = true;
      options.onDone();
      return;
    }
    options.onProgress?.(job.progress);
    cancelNext = schedule(slice);
  };
  cancelNext = schedule(slice);
  return () => {
    cancelled = true;
    cancelNext?.();
    cancelNext = null;
  };
}
