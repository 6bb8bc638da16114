/**
 * The public face of the model: `createSimulation` and the `Simulation` it returns, a
 * cluster of leaders driven in virtual time. This file checks each call (validation.ts),
 * then hands it to the run's modules: commands.ts and delivery.ts change the cluster,
 * timeline.ts moves through time (tapes, checkpoints, seek, re-runs), snapshot.ts reads.
 * The options registered in code (resolvers, merges, inspect) are handled here only.
 */

import type { InspectionEvent } from 'xstate';
import { registeredNames } from '../strategies/catalog';
import { createStrategy } from '../strategies/registry';
import type { MergeFunction, Resolver } from '../strategies/types';
import { createClusterMachine } from './clusterMachine';
import type { Command } from './commands';
import { type NormalizedConfig, normalizeConfig, normalizeStrategy, otServer, strategyMisfit } from './config';
import { MAX_TIME } from './delivery';
import { SimulationError } from './errors';
import { deepFreeze } from './freeze';
import type { LeaderEnv } from './leaderLogic';
import { createRun, linkCtx } from './run';
import { readAt, snapshot } from './snapshot';
import {
  atomically,
  moveTo,
  prepare,
  quiescenceReach,
  record,
  rerun,
  runToQuiescence,
  seekTo,
  start,
  type StrategyJob,
} from './timeline';
import { linkId, type TopologyPlan } from './topology';
import type {
  NodeId,
  ReadResult,
  SimEvent,
  SimulationConfig,
  Snapshot,
  StrategyConfig,
  Value,
  VersionVector,
  WriteOp,
  WriteResult,
} from './types';
import {
  requireAdvance,
  requireKey,
  requireLatency,
  requireLink,
  requireNode,
  requireSkew,
  requireStatus,
  requireTime,
  writeRefusal,
} from './validation';

export type { Command } from './commands';
export type { StrategyJob } from './timeline';
export { MAX_TIME } from './delivery';

export interface WriteOptions {
  /**
   * The causal context the client read (from `read().context`). The write supersedes only
   * the versions that context saw; with strategies that keep siblings, the rest stay.
   * Absent: the client saw everything this leader holds.
   */
  context?: VersionVector;
}

export interface Simulation {
  write(node: NodeId, key: string, op: WriteOp, options?: WriteOptions): WriteResult;
  /**
   * Resolve siblings: write \`value\` at \`node\` superseding every version \`context\` saw
   * (default: everything the leader holds now). Versions written after that read stay.
   */
  resolve(node: NodeId, key: string, value: Value, context?: VersionVector): WriteResult;
  cutLink(a: NodeId, b: NodeId): void;
  healLink(a: NodeId, b: NodeId): void;
  setLinkLatency(a: NodeId, b: NodeId, latencyMs: number): void;
  crashNode(node: NodeId): void;
  recoverNode(node: NodeId): void;
  /**
   * The datacenter is lost for good (fire, region loss): its status becomes 'destroyed', its
   * messages go, writes there are refused, `recoverNode` throws, and every write only it had
   * applied is named in a `lost` event. In single-leader mode with `failover`, losing the
   * leader starts the failover clock.
   */
  destroyNode(node: NodeId): void;
  disconnectNode(node: NodeId): void;
  reconnectNode(node: NodeId): void;
  setClockSkew(node: NodeId, skewMs: number): void;
  /** Move virtual time forward by `ms`, delivering whatever falls due. */
  advance(ms: number): void;
  /** Deliver until nothing deliverable is in flight (held messages wait); returns the time reached. */
  runUntilQuiescent(): number;
  read(node: NodeId, key: string): ReadResult;
  now(): number;
  snapshot(): Snapshot;
  /** Every command and event up to now, in order. */
  history(): SimEvent[];
  /** How many events history() would return, without copying them. */
  historyLength(): number;
  /** The last `count` events of history() (a view can follow a long run cheaply). */
  recentHistory(count: number): SimEvent[];
  /** The recorded commands up to now (a scenario can be saved and replayed from them). */
  commands(): Command[];
  /** Every recorded command, the recorded future after now() included (what a scenario saves). */
  recordedCommands(): Command[];
  /** The state at virtual time `t` (0 ≤ t); the recorded future is kept until a new command forks it. */
  seek(t: number): void;
  /** Re-run the recorded commands under another strategy, and return to the same time. */
  setStrategy(strategy: StrategyConfig): void;
  /**
   * Re-run the recorded commands under `strategy` a slice at a time, beside the present run
   * (nothing observable changes): call `step(events)` until it returns true, then
   * `setStrategy(strategy)` adopts the run at once. A page stays responsive meanwhile.
   * Commands added at the end of the tape meanwhile join the job; one that rewrites the tape
   * (in the recorded past) makes it stale: it stops, and `setStrategy` re-runs as usual. Once
   * done, `events(from, to)` reads the history the switch will bring, to digest it in slices too.
   */
  prepareStrategy(strategy: StrategyConfig): StrategyJob;
  subscribe(listener: () => void): () => void;
  /** The validated config with every default filled in. */
  readonly config: NormalizedConfig;
}

/**
 * Events as handed out: frozen, so a caller that edits what it was given cannot reach into the
 * run. The model freezes them here rather than as they happen (a re-run makes tens of
 * thousands); an event already handed out is skipped at the cost of one check.
 */
function frozen(events: SimEvent[]): SimEvent[] {
  for (const e of events) deepFreeze(e);
  return events;
}

/** Events kept in the history by default; older ones are dropped (see `maxHistoryEvents`). */
const DEFAULT_MAX_HISTORY = 200_000;
/** Other strategies' runs kept for switching back (see `keptRuns`). */
const DEFAULT_KEPT_RUNS = 3;

/**
 * @example
 * const sim = createSimulation({ nodes: [{ id: 'eu' }, { id: 'us' }], keys: { title: 'register' } });
 * sim.write('eu', 'title', { type: 'set', value: 'Hello' });
 * sim.runUntilQuiescent();
 * sim.read('us', 'title').value; // 'Hello'
 */
export interface SimulationOptions {
  /** Check, while replaying recorded time, that every event matches the tape (tests use it). */
  verifyReplay?: boolean;
  /** Resolvers for `{ kind: 'custom', on: 'write', resolver: name }`, registered in code. */
  resolvers?: Readonly<Record<string, Resolver>>;
  /** Merge functions registered in code, by name; `{ kind: 'merge', functions: { key: name } }` picks them. */
  merges?: Readonly<Record<string, MergeFunction>>;
  /**
   * XState's inspection hook for the cluster, leader and link actors (Stately's inspector
   * plugs in here). Actors are recreated on seek and re-run, so it sees new ones then.
   */
  inspect?: (event: InspectionEvent) => void;
  /**
   * Memory bound for long sessions: when the history holds more events than this, the oldest
   * half is dropped. Commands are kept, so seeking back still works (by replaying from the
   * start); only the event log before \`snapshot().historyFrom\` is gone.
   */
  maxHistoryEvents?: number;
  /**
   * How many runs of the recorded commands under other strategies are kept (default 3), so
   * that switching back to one is a lookup rather than a re-run. 0 keeps none (benchmarks).
   * They hold at most one full history of events between them.
   */
  keptRuns?: number;
}

export function createSimulation(input: SimulationConfig, options: SimulationOptions = {}): Simulation {
  const maxHistory = options.maxHistoryEvents ?? DEFAULT_MAX_HISTORY;
  if (!Number.isSafeInteger(maxHistory) || maxHistory < 100) {
    throw new SimulationError(
      'invalid-argument',
      `maxHistoryEvents must be an integer ≥ 100, got ${String(maxHistory)}`,
    );
  }
  const keptRuns = options.keptRuns ?? DEFAULT_KEPT_RUNS;
  if (!Number.isSafeInteger(keptRuns) || keptRuns < 0) {
    throw new SimulationError('invalid-argument', `keptRuns must be an integer ≥ 0, got ${String(keptRuns)}`);
  }
  const config = normalizeConfig(input, registeredNames(options));
  const ids = config.nodes.map((n) => n.id);
  const labels = Object.fromEntries(config.nodes.map((n) => [n.id, n.label]));

  function makeEnv(strategy: StrategyConfig, plan: TopologyPlan): LeaderEnv {
    return {
      strategy: createStrategy(strategy, {
        labels,
        priorities: Object.fromEntries(config.nodes.map((n) => [n.id, n.priority])),
        autoIncrement: Object.fromEntries(config.nodes.map((n) => [n.id, n.autoIncrement])),
        rowConflicts: config.rowConflicts,
        server: otServer(config.topology, ids),
        resolvers: options.resolvers ?? {},
        merges: options.merges ?? {},
      }),
      keys: config.keys,
      plan,
      causalDelivery: config.causalDelivery,
      mode: config.mode,
      leader: config.leader,
      labels,
    };
  }

  const run = createRun({
    config,
    makeEnv,
    makeMachine: createClusterMachine,
    maxHistory,
    keptRuns,
    verifyReplay: options.verifyReplay ?? false,
    inspect: options.inspect,
  });
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };

  /** A strategy config normalized, or a SimulationError saying why it does not fit this cluster. */
  function checkedStrategy(next: StrategyConfig): StrategyConfig {
    const normalized = normalizeStrategy(next, registeredNames(options), config.keys);
    const misfit = strategyMisfit(normalized, config.topology, ids.length);
    if (misfit !== null) throw new SimulationError('invalid-config', `Invalid strategy: ${misfit}`, [misfit]);
    return normalized;
  }

  /** Record a command at the present (rolled back if it throws), then tell the listeners. */
  function command(cmd: Command): WriteResult | undefined {
    const result = atomically(run, run.time, () => record(run, cmd));
    notify();
    return result;
  }

  start(run, config.strategy);

  const sim: Simulation = {
    config,
    write(node, key, op, writeOptions = {}) {
      const context = writeOptions.context;
      const refused = writeRefusal(run, node, key, op, context);
      if (refused) return refused;
      return command({
        at: run.time,
        type: 'write',
        node,
        key,
        op: structuredClone(op),
        ...(context ? { context: { ...context } } : {}),
      }) as WriteResult;
    },
    resolve(node, key, value, context) {
      return sim.write(node, key, { type: 'replace', value }, context ? { context } : {});
    },
    cutLink(a, b) {
      requireLink(run, a, b);
      if (linkCtx(run, linkId(a, b)).status === 'cut')
        throw new SimulationError('invalid-state', `The link ${a}–${b} is already cut`);
      command({ at: run.time, type: 'cut-link', a, b });
    },
    healLink(a, b) {
      requireLink(run, a, b);
      if (linkCtx(run, linkId(a, b)).status === 'up')
        throw new SimulationError('invalid-state', `The link ${a}–${b} is not cut`);
      command({ at: run.time, type: 'heal-link', a, b });
    },
    setLinkLatency(a, b, latencyMs) {
      requireLink(run, a, b);
      requireLatency(latencyMs);
      command({ at: run.time, type: 'set-link-latency', a, b, latencyMs });
    },
    crashNode(node) {
      requireStatus(run, node, ['online', 'offline'], 'crash');
      command({ at: run.time, type: 'crash', node });
    },
    recoverNode(node) {
      requireStatus(run, node, ['crashed'], 'recover');
      command({ at: run.time, type: 'recover', node });
    },
    destroyNode(node) {
      requireStatus(run, node, ['online', 'offline', 'crashed'], 'destroy');
      command({ at: run.time, type: 'destroy', node });
    },
    disconnectNode(node) {
      requireStatus(run, node, ['online'], 'disconnect');
      command({ at: run.time, type: 'disconnect', node });
    },
    reconnectNode(node) {
      requireStatus(run, node, ['offline'], 'reconnect');
      command({ at: run.time, type: 'reconnect', node });
    },
    setClockSkew(node, skewMs) {
      requireNode(run, node);
      requireSkew(skewMs);
      command({ at: run.time, type: 'set-clock-skew', node, skewMs });
    },
    advance(ms) {
      requireAdvance(run, ms);
      const target = run.time + ms;
      atomically(run, target, () => {
        moveTo(run, target);
      });
      notify();
    },
    runUntilQuiescent() {
      atomically(run, quiescenceReach(run), () => {
        runToQuiescence(run);
      });
      notify();
      return run.time;
    },
    read(node, key) {
      requireNode(run, node);
      requireKey(run, key);
      return readAt(run, node, key);
    },
    now: () => run.time,
    snapshot: () => snapshot(run),
    history: () => frozen(run.journal.slice(0, Math.max(0, run.position - run.offset))),
    historyLength: () => Math.max(0, run.position - run.offset),
    recentHistory: (count) => {
      const end = Math.max(0, run.position - run.offset);
      return frozen(run.journal.slice(Math.max(0, end - Math.max(0, Math.floor(count))), end));
    },
    commands: () => run.commandTape.slice(0, run.cmdCursor),
    recordedCommands: () => run.commandTape.slice(),
    seek(t) {
      requireTime('seek', t);
      atomically(run, MAX_TIME, () => {
        seekTo(run, t);
      });
      notify();
    },
    setStrategy(next) {
      const normalized = checkedStrategy(next);
      atomically(run, MAX_TIME, () => {
        rerun(run, normalized);
      });
      notify();
    },
    prepareStrategy(next) {
      return prepare(run, checkedStrategy(next));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return sim;
}
