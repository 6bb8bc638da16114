/**
 * The timeline: moving a run through virtual time. Playing plays the command tape and
 * delivers what falls due; a new command in the middle of recorded time forks it (the
 * recorded future is forgotten); seeking restores the nearest checkpoint and replays from
 * it; a re-run replays the whole tape under another strategy. A step that throws midway
 * leaves the run as it was (`atomically`).
 */

import { type Command, applyCommand } from './commands';
import { failOver } from './failover';
import { deliver, MAX_SEND_DELAY, MAX_TIME } from './delivery';
import { SimulationError } from './errors';
import { deepFreeze } from './freeze';
import { hasRecordedFuture, maybeCheckpoint } from './journal';
import { CHECKPOINT_EVERY, type Checkpoint, initialCheckpoint, restore, type Run, takeCheckpoint } from './run';
import type { StrategyConfig, WriteResult } from './types';

const MAX_QUIESCE_STEPS = 5_000_000;

/** Start over at time 0 under `strategy`, with empty tapes. */
export function start(run: Run, strategy: StrategyConfig): void {
  run.strategyConfig = strategy;
  run.env = run.makeEnv(strategy, run.plan);
  run.machine = run.makeMachine(run.env);
  const cp = initialCheckpoint(run);
  run.checkpoints = [cp];
  run.journal = [];
  run.offset = 0;
  run.checkpointEvery = CHECKPOINT_EVERY;
  restore(run, cp);
}

/** Play the tapes (and live time) up to `target`. */
export function moveTo(run: Run, target: number): void {
  const { network } = run;
  for (;;) {
    const cmd = run.commandTape[run.cmdCursor];
    const limit = cmd !== undefined && cmd.at <= target ? cmd.at : target;
    const failoverAt = run.failoverAt;
    const due = network.nextDue(failoverAt !== null && failoverAt <= limit ? failoverAt : limit);
    if (due) {
      deliver(run, due);
      continue;
    }
    if (failoverAt !== null && failoverAt <= limit) {
      run.time = failoverAt;
      failOver(run);
      maybeCheckpoint(run);
      continue;
    }
    if (cmd !== undefined && cmd.at <= target) {
      run.time = cmd.at;
      applyCommand(run, cmd);
      run.cmdCursor += 1;
      maybeCheckpoint(run);
      continue;
    }
    break;
  }
  run.time = target;
  run.horizon = Math.max(run.horizon, run.time);
}

/** Stand at time `t`, replaying from the checkpoint nearest before it when that saves work. */
export function seekTo(run: Run, t: number): void {
  // Restore the latest checkpoint at or before t when it saves replaying: always when
  // going back, and going forward when one lies ahead of the present.
  let cp = run.checkpoints[0] as Checkpoint;
  for (const c of run.checkpoints) if (c.time <= t && c.position >= cp.position) cp = c;
  if (t < run.time || cp.position > run.position) restore(run, cp);
  moveTo(run, t);
}

/** Deliver until nothing deliverable is in flight (the recorded future first). */
export function runToQuiescence(run: Run): void {
  if (run.time < run.horizon || run.cmdCursor < run.commandTape.length) moveTo(run, run.horizon);
  for (let steps = 0; ; steps++) {
    const failoverAt = run.failoverAt;
    const due = run.network.nextDue(failoverAt ?? Number.POSITIVE_INFINITY);
    if (!due && failoverAt !== null) {
      // A failover is scheduled: time runs on to it, as it would for a message.
      run.time = Math.max(run.time, failoverAt);
      failOver(run);
      maybeCheckpoint(run);
      continue;
    }
    if (!due) break;
    if (steps >= MAX_QUIESCE_STEPS) {
      throw new SimulationError('invalid-state', `No quiescence after ${String(MAX_QUIESCE_STEPS)} deliveries`);
    }
    deliver(run, due);
  }
  run.horizon = Math.max(run.horizon, run.time);
}

/** How far runToQuiescence can carry the clock: each delivery sends on at most MAX_SEND_DELAY later. */
export function quiescenceReach(run: Run): number {
  return Math.max(run.time, run.horizon) + MAX_QUIESCE_STEPS * MAX_SEND_DELAY;
}

/** A new command at the present: forget any recorded future first, then apply it. */
export function record(run: Run, cmd: Command): WriteResult | undefined {
  if (hasRecordedFuture(run)) {
    run.commandTape = run.commandTape.slice(0, run.cmdCursor);
    if (run.position < run.offset) {
      run.journal = [];
      run.checkpointEvery = CHECKPOINT_EVERY;
      run.offset = run.position;
    } else {
      run.journal = run.journal.slice(0, run.position - run.offset);
    }
    run.checkpoints = run.checkpoints.filter((c) => c.position <= run.position && c.cmdCursor <= run.cmdCursor);
    run.horizon = run.time;
  }
  run.commandTape.push(deepFreeze(cmd));
  const result = applyCommand(run, cmd);
  run.cmdCursor += 1;
  maybeCheckpoint(run);
  return result;
}

/** Re-run the whole tape under `strategy` and stand at the same time again. */
export function rerun(run: Run, strategy: StrategyConfig): void {
  const keepTime = run.time;
  const end = run.horizon;
  const tape = run.commandTape;
  start(run, strategy);
  run.commandTape = tape;
  moveTo(run, end);
  if (keepTime < run.time) seekTo(run, keepTime);
}

/** Everything a step can change, kept so a step that throws leaves the run as it was. */
type SavedRun = Readonly<
  Pick<Run, 'horizon' | 'strategyConfig' | 'env' | 'machine' | 'offset' | 'checkpointEvery'> & {
    live: Checkpoint;
    commandTape: Run['commandTape'];
    tapeLength: number;
    journal: Run['journal'];
    journalLength: number;
    checkpoints: Run['checkpoints'];
    checkpointsLength: number;
  }
>;

function saveRun(run: Run): SavedRun {
  return {
    live: takeCheckpoint(run),
    horizon: run.horizon,
    strategyConfig: run.strategyConfig,
    env: run.env,
    machine: run.machine,
    commandTape: run.commandTape,
    tapeLength: run.commandTape.length,
    journal: run.journal,
    journalLength: run.journal.length,
    offset: run.offset,
    checkpointEvery: run.checkpointEvery,
    checkpoints: run.checkpoints,
    checkpointsLength: run.checkpoints.length,
  };
}

/**
 * Undo a step that threw. The tapes only grow in place or are replaced by copies, so
 * cutting the saved arrays back to their saved lengths restores them.
 */
function restoreRun(run: Run, saved: SavedRun): void {
  run.capture = null;
  run.strategyConfig = saved.strategyConfig;
  run.env = saved.env;
  run.machine = saved.machine;
  run.commandTape = saved.commandTape;
  run.commandTape.length = saved.tapeLength;
  run.journal = saved.journal;
  run.journal.length = saved.journalLength;
  run.offset = saved.offset;
  run.checkpointEvery = saved.checkpointEvery;
  run.checkpoints = saved.checkpoints;
  run.checkpoints.length = saved.checkpointsLength;
  restore(run, saved.live);
  run.horizon = saved.horizon;
}

/**
 * Run `step` so that, if it throws, the run is as it was before. Saving costs a checkpoint,
 * so it is done only when the step can throw midway: when it may carry the clock within a
 * send of MAX_TIME (`reach`, the furthest time it can move to), when replays are verified,
 * and for seeks and re-runs (pass MAX_TIME: they replay anyway).
 */
export function atomically<T>(run: Run, reach: number, step: () => T): T {
  if (!run.verifyReplay && reach + MAX_SEND_DELAY <= MAX_TIME) return step();
  const saved = saveRun(run);
  try {
    return step();
  } catch (error) {
    restoreRun(run, saved);
    throw error;
  }
}
