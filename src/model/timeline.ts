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
import {
  type CachedRun,
  CHECKPOINT_EVERY,
  type Checkpoint,
  createRun,
  initialCheckpoint,
  restore,
  type Run,
  takeCheckpoint,
} from './run';
import type { SimEvent, StrategyConfig, WriteResult } from './types';

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
  moveToWithin(run, target, Number.POSITIVE_INFINITY);
}

/**
 * Play towards `target`, stopping between two steps once about `budget` events have been
 * recorded: true when `target` is reached. Slices of a long replay (a strategy prepared
 * ahead) are each a short task.
 */
export function moveToWithin(run: Run, target: number, budget: number): boolean {
  const { network } = run;
  const stop = run.position + budget;
  for (;;) {
    if (run.position >= stop) return false;
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
  return true;
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
  }
  // Time played past the present is recorded future too, even when nothing happened in it:
  // the fork starts here (a re-run, which plays to the horizon, would otherwise disagree).
  run.horizon = run.time;
  run.tapeVersion += 1;
  run.commandTape.push(deepFreeze(cmd));
  const result = applyCommand(run, cmd);
  run.cmdCursor += 1;
  maybeCheckpoint(run);
  return result;
}

const strategyKey = (strategy: StrategyConfig): string => JSON.stringify(strategy);

/** The run `run` holds now, as a kept run. */
function kept(run: Run, tapeVersion: number): CachedRun {
  return {
    key: strategyKey(run.strategyConfig),
    tapeVersion,
    strategyConfig: run.strategyConfig,
    env: run.env,
    machine: run.machine,
    journal: run.journal,
    offset: run.offset,
    checkpointEvery: run.checkpointEvery,
    checkpoints: run.checkpoints,
    horizon: run.horizon,
  };
}

/** Add `entry` to the kept runs (replacing one of its strategy), dropping the oldest past the limits. */
function keep(run: Run, entry: CachedRun): void {
  const runs = run.rerunCache.filter((c) => c.key !== entry.key && c.tapeVersion === run.tapeVersion);
  runs.push(entry);
  // Memory: at most `keptRuns` runs, and no more events held than one full history.
  let events = runs.reduce((n, c) => n + c.journal.length, 0);
  while (runs.length > run.keptRuns || (runs.length > 0 && events > run.maxHistory)) {
    events -= (runs.shift() as CachedRun).journal.length;
  }
  run.rerunCache = runs;
}

/** Keep the current strategy's run, to adopt again if the user switches back before the tape changes. */
function stash(run: Run): void {
  keep(run, kept(run, run.tapeVersion));
}

/** The kept run of `strategy` for the present tape, taken out of the cache; or null. */
function unstash(run: Run, strategy: StrategyConfig): CachedRun | null {
  const key = strategyKey(strategy);
  const i = run.rerunCache.findIndex((c) => c.key === key && c.tapeVersion === run.tapeVersion);
  if (i === -1) return null;
  const [cached] = run.rerunCache.splice(i, 1);
  return cached ?? null;
}

/**
 * Re-run the whole tape under `strategy` and stand at the same time again. A run this tape
 * already had under `strategy` (the user switches back) is adopted instead: the model is
 * deterministic, so it is what the re-run would rebuild; only time played since is replayed.
 */
export function rerun(run: Run, strategy: StrategyConfig): void {
  const keepTime = run.time;
  const end = run.horizon;
  const tape = run.commandTape;
  stash(run);
  const cached = unstash(run, strategy);
  if (cached) {
    run.strategyConfig = cached.strategyConfig;
    run.env = cached.env;
    run.machine = cached.machine;
    run.journal = cached.journal;
    run.offset = cached.offset;
    run.checkpointEvery = cached.checkpointEvery;
    run.checkpoints = cached.checkpoints;
    run.horizon = cached.horizon;
    restore(run, run.checkpoints[run.checkpoints.length - 1] as Checkpoint);
  } else {
    start(run, strategy);
  }
  run.commandTape = tape;
  moveTo(run, end);
  if (keepTime < run.time) seekTo(run, keepTime);
}

/** A strategy's run of the tape, computed a slice at a time beside the present run. */
export interface StrategyJob {
  /** Play about `events` more events; true once done (or stale: a command rewrote the tape). */
  step(events: number): boolean;
  /** How far the run has got, from 0 to 1. */
  readonly progress: number;
  /**
   * Once done, events `from` to `to` of the prepared run's history (frozen): what `history()`
   * will hold after switching to it, so a caller can digest it in slices beforehand.
   * Empty before the job is done, and once a command has changed the tape.
   */
  events(from: number, to: number): SimEvent[];
  /** Once done, how many events the prepared run's history holds (0 before). */
  readonly eventCount: number;
}

/**
 * Start re-running the tape under `strategy` in a run of its own, leaving the present one as
 * it is. Once done, the run is kept, so `rerun` to `strategy` adopts it (a lookup). Commands
 * added meanwhile at the end of the tape, at times the job has not passed (a write while
 * the switch runs), join its tape: the model is deterministic, so it still rebuilds exactly
 * what a re-run would. A command that rewrites the tape (one in the recorded past, which
 * forks it) makes the job stale: it stops and keeps nothing.
 */
export function prepare(run: Run, strategy: StrategyConfig): StrategyJob {
  const key = strategyKey(strategy);
  const ready =
    key === strategyKey(run.strategyConfig) ||
    run.rerunCache.some((c) => c.key === key && c.tapeVersion === run.tapeVersion);
  if (ready) return { step: () => true, progress: 1, events: () => [], eventCount: 0 };
  let version = run.tapeVersion;
  let end = run.horizon;
  const shadow = createRun({
    config: run.config,
    makeEnv: run.makeEnv,
    makeMachine: run.makeMachine,
    maxHistory: run.maxHistory,
    keptRuns: 0,
    verifyReplay: false,
    inspect: undefined,
  });
  start(shadow, strategy);
  shadow.commandTape = run.commandTape.slice();
  let done = false;
  /** The prepared run's history, once done. */
  let prepared: readonly SimEvent[] = [];
  /** Take up the commands added since: true when the tape only grew, after where the job stands. */
  const follow = (): boolean => {
    const tape = run.commandTape;
    const mine = shadow.commandTape;
    // A command in the recorded past cut the run's future: what the job replays may be gone.
    if (tape.length < mine.length || run.horizon < end) return false;
    for (let i = 0; i < mine.length; i++) if (tape[i] !== mine[i]) return false;
    for (let i = mine.length; i < tape.length; i++) if ((tape[i] as Command).at < shadow.time) return false;
    shadow.commandTape = tape.slice();
    version = run.tapeVersion;
    end = Math.max(end, run.horizon);
    return true;
  };
  return {
    step(events) {
      if (done) return true;
      const stale = run.tapeVersion !== version && !follow();
      // The present run may have moved on (the lab plays on during a switch): follow its end,
      // so that switching replays little.
      if (!stale) end = Math.max(end, run.horizon);
      if (!stale && !moveToWithin(shadow, end, Math.max(1, events))) return false;
      done = true;
      shadow.actor?.stop();
      if (!stale) {
        keep(run, kept(shadow, version));
        prepared = shadow.journal;
      }
      return true;
    },
    events(from, to) {
      if (run.tapeVersion !== version) return [];
      const out = prepared.slice(Math.max(0, from), Math.max(0, to));
      for (const e of out) deepFreeze(e);
      return out;
    },
    get eventCount() {
      return run.tapeVersion === version ? prepared.length : 0;
    },
    get progress() {
      return done ? 1 : end === 0 ? 0 : Math.min(1, shadow.time / end);
    },
  };
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
  // A step that threw may have kept or taken runs mid-way: forget them all.
  run.rerunCache = [];
  run.tapeVersion += 1;
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
