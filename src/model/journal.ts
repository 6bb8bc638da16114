/**
 * The journal: the tape of events, written as the run goes and checked against when time
 * already recorded is replayed. It keeps memory bounded (the oldest half goes past
 * `maxHistory`) and places the checkpoints that make seeking cheap.
 */

import { SimulationError } from './errors';
import { type Checkpoint, type Run, takeCheckpoint } from './run';
import type { SimEvent } from './types';

/** Past this many checkpoints, every other one goes and the spacing doubles. */
const MAX_CHECKPOINTS = 256;

/**
 * Record one event: append it, or, when replaying recorded time, check it matches the tape.
 * Events are not frozen here (a re-run makes tens of thousands): the history is frozen as it
 * is handed out (simulation.ts), and nothing in the model changes an event once made.
 */
export function emit(run: Run, ev: SimEvent): void {
  run.capture?.push(ev);
  const index = run.position - run.offset;
  if (index < 0) {
    // Replaying time whose events were dropped to bound memory.
  } else if (index < run.journal.length) {
    // Replaying recorded time: the tape already holds this event.
    if (run.verifyReplay && JSON.stringify(run.journal[index]) !== JSON.stringify(ev)) {
      throw new SimulationError(
        'invalid-state',
        `Replay diverged at event ${String(run.position)}: ${JSON.stringify(ev)}`,
      );
    }
  } else {
    run.journal.push(ev);
    if (run.journal.length > run.maxHistory) compactHistory(run);
  }
  run.position += 1;
}

/** Drop the oldest half of the history and the checkpoints inside it (not the initial one). */
function compactHistory(run: Run): void {
  const drop = run.journal.length - Math.floor(run.maxHistory / 2);
  run.journal = run.journal.slice(drop);
  run.offset += drop;
  run.checkpoints = run.checkpoints.filter((c, i) => i === 0 || c.position >= run.offset);
}

/** Keep a checkpoint when enough events have passed since the last one. */
export function maybeCheckpoint(run: Run): void {
  const last = run.checkpoints[run.checkpoints.length - 1] as Checkpoint;
  if (run.position - last.position < run.checkpointEvery) return;
  run.checkpoints.push(takeCheckpoint(run));
  if (run.checkpoints.length > MAX_CHECKPOINTS) {
    run.checkpoints = run.checkpoints.filter((_, i) => i % 2 === 0);
    run.checkpointEvery *= 2;
  }
}

/** True when the present lies inside recorded time (a new command would fork the future). */
export function hasRecordedFuture(run: Run): boolean {
  return run.cmdCursor < run.commandTape.length || run.position - run.offset < run.journal.length;
}
