/**
 * The run: one record holding everything a simulation changes as it goes (the live actors,
 * the clock, the tapes, the checkpoints), shared by the modules that each do one thing with
 * it: delivery.ts moves messages, commands.ts applies commands, journal.ts records events,
 * timeline.ts moves through time, snapshot.ts reads it. simulation.ts wraps it in the
 * public `Simulation` API. A checkpoint is the run's live part frozen at one moment.
 */

import { type Actor, type ActorRefFrom, createActor, type InspectionEvent } from 'xstate';
import type { ClusterMachine } from './clusterMachine';
import type { Command } from './commands';
import type { NormalizedConfig } from './config';
import { initialLeaderContext, type LeaderContext, type LeaderEnv } from './leaderLogic';
import type { LeaderMachine } from './leaderMachine';
import type { LinkContext, linkMachine } from './linkMachine';
import { dirKey, Network, type SavedNetwork } from './network';
import { seedState } from './random';
import { planTopology, type TopologyPlan } from './topology';
import type { NodeId, SimEvent, StrategyConfig } from './types';

/** The live actors of one leader and one link. */
export type LeaderRef = ActorRefFrom<LeaderMachine>;
export type LinkRef = ActorRefFrom<typeof linkMachine>;

/** The live state at one moment; the contexts are immutable, so keeping one is cheap. */
export interface Checkpoint {
  readonly time: number;
  readonly rng: number;
  readonly msgSeq: number;
  readonly requestSeq: number;
  readonly cmdCursor: number;
  readonly position: number;
  readonly leaders: readonly LeaderContext[];
  readonly links: readonly LinkContext[];
  readonly network: SavedNetwork;
  /** The current leader (single-leader mode; null in multi-leader mode). */
  readonly leader: NodeId | null;
  /** When the pending failover happens (the leader has been down since this minus afterMs), or null. */
  readonly failoverAt: number | null;
}

/** One strategy's recorded run of the tape at `tapeVersion`: what a re-run would rebuild. */
export interface CachedRun {
  readonly key: string;
  readonly tapeVersion: number;
  readonly strategyConfig: StrategyConfig;
  readonly env: LeaderEnv;
  readonly machine: ClusterMachine;
  readonly journal: SimEvent[];
  readonly offset: number;
  readonly checkpointEvery: number;
  readonly checkpoints: Checkpoint[];
  readonly horizon: number;
}

/** Events between checkpoints at first: replaying this many is well under a frame. */
export const CHECKPOINT_EVERY = 400;

/** Fixed for a run's life: the config and what is derived from it once. */
export interface RunSetup {
  readonly config: NormalizedConfig;
  /** Builds the leaders' environment (and so the strategy) for a strategy config. */
  readonly makeEnv: (strategy: StrategyConfig, plan: TopologyPlan) => LeaderEnv;
  readonly makeMachine: (env: LeaderEnv) => ClusterMachine;
  readonly maxHistory: number;
  /** How many other strategies' runs of the tape are kept, so switching back is a lookup. */
  readonly keptRuns: number;
  readonly verifyReplay: boolean;
  readonly inspect: ((event: InspectionEvent) => void) | undefined;
}

export interface Run extends RunSetup {
  readonly ids: readonly NodeId[];
  readonly labels: Readonly<Record<NodeId, string>>;
  readonly plan: TopologyPlan;
  /** The link carrying each direction (`dirKey(from, to)`). */
  readonly linkOf: ReadonlyMap<string, string>;
  readonly network: Network;

  strategyConfig: StrategyConfig;
  env: LeaderEnv;
  machine: ClusterMachine;

  // Tapes and checkpoints.
  commandTape: Command[];
  journal: SimEvent[];
  /** Events dropped from the front of the journal: journal[i] is event number offset + i. */
  offset: number;
  checkpointEvery: number;
  /** Collects the events of one command, to answer a write with its outcome. */
  capture: SimEvent[] | null;
  checkpoints: Checkpoint[];
  /** The furthest time reached: the end of the recorded run. */
  horizon: number;
  /** Bumped whenever the command tape changes: runs recorded for another tape are stale. */
  tapeVersion: number;
  /** Runs of this tape under other strategies, most recent last, so switching back is a lookup. */
  rerunCache: CachedRun[];

  // The live run.
  actor: Actor<ClusterMachine> | null;
  leaders: Record<NodeId, LeaderRef>;
  links: Record<string, LinkRef>;
  time: number;
  rng: number;
  msgSeq: number;
  requestSeq: number;
  /** The next command on the tape to play. */
  cmdCursor: number;
  /** The number of the next event: it equals the history's length at the present. */
  position: number;
  /** The current leader (single-leader mode; null in multi-leader mode): failover changes it. */
  leader: NodeId | null;
  failoverAt: number | null;
}

export function createRun(setup: RunSetup): Run {
  const { config } = setup;
  const ids = config.nodes.map((n) => n.id);
  const plan = planTopology(ids, config.topology);
  const linkOf = new Map<string, string>();
  for (const l of plan.links) for (const [from, to] of l.directions) linkOf.set(dirKey(from, to), l.id);
  const env = setup.makeEnv(config.strategy, plan);
  return {
    ...setup,
    ids,
    labels: Object.fromEntries(config.nodes.map((n) => [n.id, n.label])),
    plan,
    linkOf,
    network: new Network([...linkOf.keys()]),
    strategyConfig: config.strategy,
    env,
    machine: setup.makeMachine(env),
    commandTape: [],
    journal: [],
    offset: 0,
    checkpointEvery: CHECKPOINT_EVERY,
    capture: null,
    checkpoints: [],
    horizon: 0,
    tapeVersion: 0,
    rerunCache: [],
    actor: null,
    leaders: {},
    links: {},
    time: 0,
    rng: 0,
    msgSeq: 0,
    requestSeq: 0,
    cmdCursor: 0,
    position: 0,
    leader: config.leader,
    failoverAt: null,
  };
}

export const leaderCtx = (run: Run, n: NodeId): LeaderContext => (run.leaders[n] as LeaderRef).getSnapshot().context;
export const linkCtx = (run: Run, id: string): LinkContext => (run.links[id] as LinkRef).getSnapshot().context;
export const cluster = (run: Run): Actor<ClusterMachine> => run.actor as Actor<ClusterMachine>;

/** The state at time 0: the config's leaders and links, nothing in flight. */
export function initialCheckpoint(run: Run): Checkpoint {
  const { config } = run;
  return {
    time: 0,
    rng: seedState(config.seed),
    msgSeq: 0,
    requestSeq: 0,
    cmdCursor: 0,
    position: 0,
    leaders: config.nodes.map((n) => initialLeaderContext(run.env, n)),
    links: run.plan.links.map((l) => ({
      id: l.id,
      a: l.a,
      b: l.b,
      status: 'up',
      latencyMs: config.latency.links[l.id] ?? config.latency.base,
      directions: l.directions,
    })),
    network: Object.fromEntries([...run.linkOf.keys()].map((d) => [d, { queue: [], lastDeliverAt: 0 }])),
    leader: config.leader,
    failoverAt: null,
  };
}

export function takeCheckpoint(run: Run): Checkpoint {
  return {
    time: run.time,
    rng: run.rng,
    msgSeq: run.msgSeq,
    requestSeq: run.requestSeq,
    cmdCursor: run.cmdCursor,
    position: run.position,
    leaders: run.ids.map((n) => leaderCtx(run, n)),
    links: run.plan.links.map((l) => linkCtx(run, l.id)),
    network: run.network.save(),
    leader: run.leader,
    failoverAt: run.failoverAt,
  };
}

/** Make `cp` the live state: new actors (the inspector sees them) started from its contexts. */
export function restore(run: Run, cp: Checkpoint): void {
  run.actor?.stop();
  const next = createActor(run.machine, {
    input: { leaders: cp.leaders, links: cp.links },
    ...(run.inspect ? { inspect: run.inspect } : {}),
  });
  next.start();
  run.actor = next;
  const ctx = next.getSnapshot().context;
  run.leaders = ctx.leaders;
  run.links = ctx.links;
  run.time = cp.time;
  run.rng = cp.rng;
  run.msgSeq = cp.msgSeq;
  run.requestSeq = cp.requestSeq;
  run.cmdCursor = cp.cmdCursor;
  run.position = cp.position;
  run.network.load(cp.network);
  run.leader = cp.leader;
  run.failoverAt = cp.failoverAt;
}
