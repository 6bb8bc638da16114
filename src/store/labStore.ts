import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  convergedValues,
  createSimulation,
  LostWrites,
  type NodeId,
  type SimEvent,
  type Simulation,
  SimulationError,
  type SimulationOptions,
  type SimulationConfig,
  type Snapshot,
  type StrategyJob,
  type StrategyConfig,
  type WriteOp,
} from '../model';
import { loadScenario, recordScenario, SCENARIO_FORMAT, type Scenario } from '../scenario';
import { type Cancel, runInSlices, type SliceOptions } from './slices';

/**
 * UI state of one mounted lab: its own simulation, playback, selection and the last error.
 * Created per instance (never a module-level singleton), so two labs on a page never share.
 */
export type Selection = { kind: 'node'; id: NodeId } | { kind: 'link'; id: string } | null;

export interface LabState {
  /** The scenario the current run started from (reconfigure starts a new run). */
  readonly config: SimulationConfig;
  readonly sim: Simulation;
  readonly snapshot: Snapshot;
  /** The most recent events (up to RECENT), oldest first: what the log and diagram draw. */
  readonly history: readonly SimEvent[];
  /** How many events the run has recorded in all. */
  readonly historyTotal: number;
  /** Writes lost so far, by the one definition (src/model/lost.ts): discarded and not superseded, or gone with a leader. */
  readonly lostWrites: number;
  readonly playing: boolean;
  /** Virtual ms per real ms. */
  readonly speed: number;
  readonly selected: Selection;
  /**
   * "This leader": where the write form writes. Selecting a leader anywhere (graph, diagram lane,
   * leader list, the form's own drop-down) sets it; selecting a link or nothing keeps it.
   */
  readonly leader: NodeId;
  /** A message or event hovered in one view, highlighted in the others. */
  readonly highlight: { msgId?: number; writeId?: string } | null;
  /** The last command the model refused, in words. */
  readonly error: string | null;
  /** What names the run (a preset's id, title, description and concepts), kept while it runs. */
  readonly meta: RunMeta;
  /** How many earlier runs `undo()` can bring back (at most UNDO_LIMIT). */
  readonly undoDepth: number;
  /** How many undone runs `redo()` can bring back (an undo discards the run it leaves; a new change forgets them). */
  readonly redoDepth: number;
  /** Said when a change discarded a run or its recorded future (it can be undone), or when undo restored one. */
  readonly notice: Notice | null;
  /**
   * A strategy switch under way over a long history: the history re-runs under `strategy` in
   * slices beside the present run, which stays on screen until the new one is ready.
   */
  readonly switching: Switching | null;
  readonly actions: LabActions;
}

/** The words that name a run; a preset keeps them until the cluster is reconfigured. */
export interface RunMeta {
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly concepts?: readonly string[];
}

export interface Switching {
  /** The strategy asked for (as given: the snapshot shows it normalized once adopted). */
  readonly strategy: StrategyConfig;
  /** How far the re-run has got, from 0 to 1. */
  readonly progress: number;
}

export interface Notice {
  readonly text: string;
  /** New for each notice, so a repeated sentence is shown (and read) again. */
  readonly seq: number;
}

export interface LabActions {
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  setSpeed: (speed: number) => void;
  /** Advance by real elapsed ms × speed (the animation loop calls this). */
  tick: (realMs: number) => void;
  /** Jump to the next delivery. */
  step: () => void;
  /** Jump back to the time of the last event before now (0 when there is none). */
  previous: () => void;
  /** Jump to the next event: a delivery or a recorded command after now; nothing when none is left. */
  next: () => void;
  seek: (t: number) => void;
  reset: (seed?: number) => void;
  /** Change the cluster (leaders, topology, latency, seed...): starts a new run. */
  reconfigure: (change: Partial<SimulationConfig>) => void;
  write: (node: NodeId, key: string, op: WriteOp) => void;
  toggleLink: (a: NodeId, b: NodeId) => void;
  toggleCrash: (node: NodeId) => void;
  toggleOffline: (node: NodeId) => void;
  /**
   * The datacenter is lost for good (`sim.destroyNode`): it never comes back, and what only it had
   * applied is lost. The run before it is kept on the undo stack, and a notice offers it back.
   */
  destroyNode: (node: NodeId) => void;
  setClockSkew: (node: NodeId, skewMs: number) => void;
  setLinkLatency: (a: NodeId, b: NodeId, latencyMs: number) => void;
  /**
   * Re-run the history under another strategy. A short history switches at once; a long one
   * (over SLICED_SWITCH_EVENTS events) re-runs in slices, `switching` saying how far it has got,
   * and the present run stays until the new one is adopted. A newer switch supersedes it.
   */
  setStrategy: (strategy: StrategyConfig) => void;
  /** Stop a strategy switch under way; the present run stays. */
  cancelSwitch: () => void;
  select: (selection: Selection) => void;
  /** Select a leader: it becomes the selected node and the write target. */
  selectLeader: (id: NodeId) => void;
  setHighlight: (highlight: LabState['highlight']) => void;
  /**
   * Start the given run (a preset, a shared link, an imported file). The current run is kept on the undo
   * stack first. Throws the model's SimulationError if the scenario is refused; the current run then stays.
   */
  load: (scenario: Scenario, notice?: string) => void;
  /** Bring back the run the last reconfigure, reset, load, import or forking command discarded. */
  undo: () => void;
  /** Bring back the run the last undo left. */
  redo: () => void;
  dismissNotice: () => void;
  /** The current run as a scenario (what share links and exports carry). */
  scenario: () => Scenario;
  /** Run model commands as one step (lessons and stories set scenes with it). */
  run: (script: (sim: Simulation) => void) => void;
  /** The current snapshot, read without changing anything (a lesson checks progress with it). */
  snapshot: () => Snapshot;
}

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10] as const;

/** Events the views keep at hand; older ones stay in the model (sim.history()). */
export const RECENT = 3000;

export type LabStore = StoreApi<LabState>;

/**
 * A write made while time is paused, at an instant that already holds a write, first moves the
 * clock on by this much: two paused writes never share a timestamp by accident (a real tie
 * needs clock skew, and is then announced as one).
 */
export const PAUSED_WRITE_STEP_MS = 10;

/** The time of the last event strictly before `now` (0 when none): what "Previous" seeks to. */
export function previousEventTime(history: readonly SimEvent[], now: number): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const at = history[i]?.at;
    if (at !== undefined && at < now) return at;
  }
  return 0;
}

/**
 * Histories longer than this many events switch strategy in slices (a re-run of this many
 * takes a few tens of milliseconds at most); shorter ones switch at once, in the same task.
 */
export const SLICED_SWITCH_EVENTS = 2000;

/** How a lab runs long work in slices (tests pass their own schedule or budget). */
export interface LabStoreOptions extends SimulationOptions {
  readonly slices?: Pick<SliceOptions, 'budgetMs' | 'schedule' | 'units'>;
}

/** Runs kept for undo, per lab: older ones are forgotten. */
export const UNDO_LIMIT = 20;

/** A lab starts from a scenario (a config alone is a scenario with no commands). */
export function createLabStore(start: Scenario | SimulationConfig, labOptions: LabStoreOptions = {}): LabStore {
  const { slices: sliceOptions, ...options } = labOptions;
  const scenario: Scenario = 'format' in start ? start : { format: SCENARIO_FORMAT, config: start, commands: [] };
  const config = scenario.config;
  const metaOf = (s: Scenario): RunMeta => ({
    ...(s.id !== undefined ? { id: s.id } : {}),
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.concepts !== undefined ? { concepts: s.concepts } : {}),
  });
  return createStore<LabState>()((set, get) => {
    // Earlier runs, newest last. Kept here, not in the state: only their count is shown.
    const undoStack: Scenario[] = [];
    // Runs an undo left, newest last: a mistaken Undo loses nothing either.
    const redoStack: Scenario[] = [];
    let noticeSeq = 0;
    const notice = (text: string): Notice => ({ text, seq: (noticeSeq += 1) });
    const currentScenario = (): Scenario => {
      const { sim, meta } = get();
      return { ...recordScenario(sim, meta), ...(meta.concepts ? { concepts: meta.concepts } : {}) };
    };
    /** Keep the current run for undo; say why it went, when it held anything worth restoring. */
    const keep = (why: string, always = false): Partial<LabState> => {
      const { sim } = get();
      undoStack.push(currentScenario());
      if (undoStack.length > UNDO_LIMIT) undoStack.shift();
      redoStack.length = 0;
      const worthSaying = always || sim.recordedCommands().length > 0 || sim.now() > 0;
      return { undoDepth: undoStack.length, redoDepth: 0, notice: worthSaying ? notice(why) : get().notice };
    };
    /** A command at a time before the run's end forks it: the recorded future goes, so keep it first. */
    const keepFuture = () => {
      const { snapshot } = get();
      if (snapshot.horizon > snapshot.time) set(keep('A new command replaced the recorded future.'));
    };
    /** The strategy switch under way, if any: cancelling it stops its next slice. */
    let cancelSwitch: Cancel | null = null;
    const stopSwitch = () => {
      cancelSwitch?.();
      cancelSwitch = null;
      if (get().switching !== null) set({ switching: null });
    };
    /** Swap in another simulation: a new run. */
    const start = (next: Simulation, extra: Partial<LabState>) => {
      stopSwitch();
      recount();
      countsOfRuns.length = 0;
      const ids = next.config.nodes.map((n) => n.id);
      const leader = ids.includes(get().leader) ? get().leader : (ids[0] ?? '');
      set({ sim: next, playing: false, selected: null, leader, highlight: null, error: null, ...extra });
      refresh();
    };
    // Lost writes are counted as events arrive, so a long run costs nothing per frame.
    let counted = 0;
    let tracker = new LostWrites();
    /** The last event counted: a history that still holds it at its place is the one counted. */
    let lastCounted: SimEvent | undefined;
    /** Lost writes by the one definition (src/model/lost.ts), following the history as it grows. */
    const countLost = (sim: Simulation): number => {
      const total = sim.historyLength();
      if (total < counted) {
        counted = 0;
        tracker = new LostWrites();
        lastCounted = undefined;
      }
      const events = sim.recentHistory(total - counted);
      tracker.add(events);
      lastCounted = events.at(-1) ?? lastCounted;
      counted = total;
      return tracker.lost(convergedValues(sim.snapshot())).length;
    };
    const recount = () => {
      counted = Number.POSITIVE_INFINITY;
    };
    /** Take up lost writes counted elsewhere: the first `events` of the present history, the last being `last`. */
    const useCount = (counter: LostWrites, events: number, last: SimEvent | undefined) => {
      tracker = counter;
      counted = events;
      lastCounted = last;
    };
    /**
     * The lost-write counts of runs this lab left by switching strategy: the model keeps those
     * runs (keptRuns) and switching back adopts one at once, so its count must not be read
     * afresh either (a whole long history in one task). A run is recognised by its events
     * themselves: a kept run's history holds the very event counted last, at the same place.
     */
    const countsOfRuns: { tracker: LostWrites; events: number; last: SimEvent }[] = [];
    const leaveRun = () => {
      if (lastCounted === undefined || !Number.isFinite(counted)) return;
      countsOfRuns.push({ tracker, events: counted, last: lastCounted });
      if (countsOfRuns.length > 4) countsOfRuns.shift();
    };
    /** The count made earlier of the run `sim` holds now, taken out of the list; or null. */
    const countOfRun = (sim: Simulation) => {
      const total = sim.historyLength();
      const i = countsOfRuns.findIndex(
        (c) => total >= c.events && sim.recentHistory(total - c.events + 1)[0] === c.last,
      );
      return i === -1 ? null : (countsOfRuns.splice(i, 1)[0] ?? null);
    };
    const refresh = (extra: Partial<LabState> = {}) => {
      const { sim } = get();
      set({
        snapshot: sim.snapshot(),
        history: sim.recentHistory(RECENT),
        historyTotal: sim.historyLength(),
        lostWrites: countLost(sim),
        ...extra,
      });
    };
    /** Run a model command; a refusal becomes a message, never a crash. */
    const run = (command: () => unknown, forks = true) => {
      if (forks) keepFuture();
      try {
        const result = command();
        if (
          typeof result === 'object' &&
          result !== null &&
          'ok' in result &&
          result.ok === false &&
          'reason' in result
        ) {
          refresh({ error: String(result.reason) });
          return;
        }
        refresh({ error: null });
      } catch (e) {
        if (e instanceof SimulationError) refresh({ error: e.message });
        else throw e;
      }
    };
    const sim = loadScenario(scenario, options);
    const actions: LabActions = {
      play: () => {
        set({ playing: true });
      },
      pause: () => {
        set({ playing: false });
      },
      togglePlay: () => {
        set({ playing: !get().playing });
      },
      setSpeed: (speed) => {
        set({ speed: Math.min(10, Math.max(0.1, speed)) });
      },
      tick: (realMs) => {
        const { playing, speed, sim: s } = get();
        if (!playing || realMs <= 0) return;
        s.advance(realMs * speed);
        refresh();
      },
      step: () => {
        run(() => {
          // The store's snapshot is current: every change refreshes it.
          const s = get().sim;
          const next = get()
            .snapshot.messages.map((m) => m.deliverAt)
            .filter((t): t is number => t !== null)
            .sort((a, b) => a - b)[0];
          if (next !== undefined) s.advance(next - s.now());
        }, false);
      },
      previous: () => {
        const { snapshot } = get();
        // The events before now are in the history; a long run's oldest are gone, so fall back to 0.
        get().actions.seek(previousEventTime(get().history, snapshot.time));
      },
      next: () => {
        const { sim: s, snapshot } = get();
        const now = snapshot.time;
        const times = [
          ...snapshot.messages.map((m) => m.deliverAt).filter((t): t is number => t !== null),
          ...s.recordedCommands().map((c) => c.at),
        ].filter((t) => t > now);
        if (times.length > 0) get().actions.seek(Math.min(...times));
      },
      seek: (t) => {
        recount();
        run(() => {
          get().sim.seek(t);
        }, false);
      },
      reset: (seed) => {
        const current = get().config;
        const next = createSimulation(
          { ...current, seed: seed ?? get().sim.config.seed, strategy: get().snapshot.strategy },
          options,
        );
        start(next, keep('The run was reset.'));
      },
      reconfigure: (change) => {
        const next = { ...get().config, ...change };
        try {
          // A new cluster is a new run; the strategy in force carries over.
          const sim = createSimulation({ ...next, strategy: get().snapshot.strategy }, options);
          start(sim, { config: next, meta: {}, ...keep('Cluster changed: the run restarted.') });
        } catch (e) {
          if (e instanceof SimulationError) set({ error: e.message });
          else throw e;
        }
      },
      load: (scenario, why) => {
        const sim = loadScenario(scenario, options);
        // Another run arriving is always said (and undoable), even over an empty one.
        const kept = keep(why ?? `Opened ${scenario.title ?? 'a new run'}: the previous run was replaced.`, true);
        start(sim, { config: scenario.config, meta: metaOf(scenario), ...kept });
      },
      undo: () => {
        const previous = undoStack.pop();
        if (!previous) return;
        try {
          const sim = loadScenario(previous, options);
          redoStack.push(currentScenario());
          start(sim, {
            config: previous.config,
            meta: metaOf(previous),
            undoDepth: undoStack.length,
            redoDepth: redoStack.length,
            notice: notice(`The previous run is back, at t = ${String(Math.round(sim.now()))} ms.`),
          });
        } catch (e) {
          // Every kept run was running a moment ago; if the model refuses one anyway, say so.
          if (e instanceof SimulationError) set({ error: e.message, undoDepth: undoStack.length });
          else throw e;
        }
      },
      redo: () => {
        const undone = redoStack.pop();
        if (!undone) return;
        try {
          const sim = loadScenario(undone, options);
          undoStack.push(currentScenario());
          start(sim, {
            config: undone.config,
            meta: metaOf(undone),
            undoDepth: undoStack.length,
            redoDepth: redoStack.length,
            notice: notice(`The undone run is back, at t = ${String(Math.round(sim.now()))} ms.`),
          });
        } catch (e) {
          if (e instanceof SimulationError) set({ error: e.message, redoDepth: redoStack.length });
          else throw e;
        }
      },
      dismissNotice: () => {
        set({ notice: null });
      },
      scenario: currentScenario,
      write: (node, key, op) => {
        run(() => {
          const { sim: s, playing, history } = get();
          const now = s.now();
          let sameInstant = false;
          for (let i = history.length - 1; i >= 0; i--) {
            const e = history[i];
            if (!e || e.at < now) break;
            if (e.type === 'write' && e.at === now) sameInstant = true;
          }
          if (!playing && sameInstant) s.advance(PAUSED_WRITE_STEP_MS);
          return s.write(node, key, op);
        });
      },
      toggleLink: (a, b) => {
        run(() => {
          const s = get().sim;
          const link = get().snapshot.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
          if (link?.status === 'cut') s.healLink(a, b);
          else s.cutLink(a, b);
        });
      },
      toggleCrash: (node) => {
        run(() => {
          const s = get().sim;
          if (get().snapshot.nodes.find((n) => n.id === node)?.status === 'crashed') s.recoverNode(node);
          else s.crashNode(node);
        });
      },
      toggleOffline: (node) => {
        run(() => {
          const s = get().sim;
          if (get().snapshot.nodes.find((n) => n.id === node)?.status === 'offline') s.reconnectNode(node);
          else s.disconnectNode(node);
        });
      },
      destroyNode: (node) => {
        const target = get().snapshot.nodes.find((n) => n.id === node);
        if (target === undefined || target.status === 'destroyed') {
          run(() => {
            get().sim.destroyNode(node);
          }, false);
          return;
        }
        // Always undoable: losing a datacenter is the one change the learner cannot recover from in the run.
        set(keep(`${target.label} was lost for good: it never comes back, with whatever only it had.`, true));
        run(() => {
          get().sim.destroyNode(node);
        }, false);
      },
      setClockSkew: (node, skewMs) => {
        run(() => {
          get().sim.setClockSkew(node, skewMs);
        });
      },
      setLinkLatency: (a, b, latencyMs) => {
        run(() => {
          get().sim.setLinkLatency(a, b, latencyMs);
        });
      },
      setStrategy: (strategy) => {
        // A newer switch supersedes one under way.
        stopSwitch();
        const s = get().sim;
        /** Adopt the new run; `counted` is its history's lost-write count, made in slices beforehand. */
        const adopt = (counted?: { tracker: LostWrites; events: number; last: SimEvent | undefined }) => {
          cancelSwitch = null;
          leaveRun();
          // A re-run rewrites the history: count its lost writes afresh. It keeps the commands: nothing is lost.
          recount();
          run(() => {
            s.setStrategy(strategy);
            // Switching back to a run the model kept: so is its count, when this lab made one.
            const count = counted ?? countOfRun(s);
            if (count) useCount(count.tracker, count.events, count.last);
          }, false);
          if (get().switching !== null) set({ switching: null });
        };
        if (s.historyLength() <= SLICED_SWITCH_EVENTS) {
          adopt();
          return;
        }
        const failed = (e: unknown) => {
          cancelSwitch = null;
          set({ switching: null, error: e instanceof Error ? e.message : String(e) });
        };
        // Counting lost writes in slices leaves a window in which a command (a write) makes the
        // kept run stale; after one such miss, the switch adopts the run in the slice that ends it.
        let countAhead = true;
        /** The re-run is done: count the lost writes of its history in slices too, then adopt it. */
        const digest = (job: StrategyJob) => {
          const total = job.eventCount;
          if (!countAhead && total > 0) {
            adopt();
            return;
          }
          // A command that rewrote the tape since: its run was not kept, so start again.
          if (total === 0) {
            prepare();
            return;
          }
          const tracker = new LostWrites();
          let done = 0;
          const counting = {
            step: (units: number) => {
              const events = job.events(done, done + units);
              if (events.length === 0 && done < total) return true;
              tracker.add(events);
              done += events.length;
              return done >= total;
            },
            // The re-run is most of the work; counting is the last tenth of the bar.
            get progress() {
              return 0.9 + (0.1 * done) / total;
            },
          };
          cancelSwitch = runInSlices(counting, {
            ...sliceOptions,
            units: 1000,
            onProgress: (progress) => {
              set({ switching: { strategy, progress } });
            },
            onDone: () => {
              // Still the run the job kept (no command changed the tape meanwhile)?
              if (done < total || job.eventCount !== total) {
                countAhead = false;
                prepare();
              } else adopt({ tracker, events: total, last: job.events(total - 1, total)[0] });
            },
            onError: failed,
          });
        };
        const prepare = () => {
          const job = s.prepareStrategy(strategy);
          if (job.progress >= 1) {
            adopt();
            return;
          }
          set({ switching: { strategy, progress: 0.9 * job.progress }, error: null });
          cancelSwitch = runInSlices(job, {
            ...sliceOptions,
            onProgress: (progress) => {
              set({ switching: { strategy, progress: 0.9 * progress } });
            },
            onDone: () => {
              digest(job);
            },
            onError: failed,
          });
        };
        try {
          prepare();
        } catch (e) {
          // A strategy that does not fit the cluster is refused before anything runs.
          if (e instanceof SimulationError) set({ switching: null, error: e.message });
          else throw e;
        }
      },
      cancelSwitch: stopSwitch,
      select: (selected) => {
        set(selected?.kind === 'node' ? { selected, leader: selected.id } : { selected });
      },
      selectLeader: (id) => {
        set({ selected: { kind: 'node', id }, leader: id });
      },
      setHighlight: (highlight) => {
        set({ highlight });
      },
      run: (script) => {
        run(() => {
          script(get().sim);
        });
      },
      snapshot: () => get().snapshot,
    };
    return {
      config,
      sim,
      snapshot: sim.snapshot(),
      history: sim.recentHistory(RECENT),
      historyTotal: sim.historyLength(),
      // A scenario may start with conflicts already in its history.
      lostWrites: countLost(sim),
      playing: false,
      speed: 1,
      selected: null,
      leader: sim.config.nodes[0]?.id ?? '',
      highlight: null,
      error: null,
      meta: metaOf(scenario),
      undoDepth: 0,
      redoDepth: 0,
      notice: null,
      switching: null,
      actions,
    };
  });
}
