import { type Actor, type ActorRefFrom, createActor, type InspectionEvent } from 'xstate';
import { registeredNames } from '../strategies/catalog';
import { createStrategy } from '../strategies/registry';
import type { MergeFunction, Resolver } from '../strategies/types';
import { physicalTime } from '../core/clocks';
import { createClusterMachine, type ClusterMachine } from './clusterMachine';
import { type NormalizedConfig, normalizeConfig, normalizeStrategy, otServer, strategyMisfit } from './config';
import { SimulationError } from './errors';
import { deepFreeze } from './freeze';
import { invalidOpReason, valuesEqual } from '../core/keyTypes';
import { initialLeaderContext, type LeaderContext, type LeaderEnv, type Outgoing, readKey } from './leaderLogic';
import type { LeaderEvent, LeaderMachine } from './leaderMachine';
import type { LinkContext, linkMachine } from './linkMachine';
import { dirKey, Network, type SavedNetwork } from './network';
import { nextRandom, seedState } from './random';
import { linkId, planTopology, type TopologyPlan } from './topology';
import { descends, formatVv } from '../core/vv';
import type {
  KeySnapshot,
  Message,
  NodeId,
  NodeSnapshot,
  ReadResult,
  RejectCode,
  SimEvent,
  SimulationConfig,
  Snapshot,
  StrategyConfig,
  Value,
  VersionVector,
  WriteOp,
  WriteResult,
} from './types';

/**
 * The simulation: a cluster actor (leaders and links as child actors) driven by a
 * scheduler in virtual time. Commands and events are recorded on two tapes; checkpoints
 * (immutable actor contexts, so free to keep) make `seek` a restore plus a short replay.
 */

/** A recorded command: what the user did, and when (virtual ms). */
export type Command = { readonly at: number } & (
  | {
      readonly type: 'write';
      readonly node: NodeId;
      readonly key: string;
      readonly op: WriteOp;
      readonly context?: VersionVector;
    }
  | { readonly type: 'cut-link' | 'heal-link'; readonly a: NodeId; readonly b: NodeId }
  | { readonly type: 'set-link-latency'; readonly a: NodeId; readonly b: NodeId; readonly latencyMs: number }
  | { readonly type: 'crash' | 'recover' | 'disconnect' | 'reconnect'; readonly node: NodeId }
  | { readonly type: 'set-clock-skew'; readonly node: NodeId; readonly skewMs: number }
);

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
  subscribe(listener: () => void): () => void;
  /** The validated config with every default filled in. */
  readonly config: NormalizedConfig;
}

interface Checkpoint {
  readonly time: number;
  readonly rng: number;
  readonly msgSeq: number;
  readonly requestSeq: number;
  readonly cmdCursor: number;
  readonly position: number;
  readonly leaders: readonly LeaderContext[];
  readonly links: readonly LinkContext[];
  readonly network: SavedNetwork;
}

/** Events between checkpoints at first: replaying this many is well under a frame. */
const CHECKPOINT_EVERY = 400;
/** Past this many checkpoints, every other one goes and the spacing doubles. */
const MAX_CHECKPOINTS = 256;
/** Events kept in the history by default; older ones are dropped (see `maxHistoryEvents`). */
const DEFAULT_MAX_HISTORY = 200_000;
const MAX_QUIESCE_STEPS = 5_000_000;

type LeaderRef = ActorRefFrom<LeaderMachine>;
type LinkRef = ActorRefFrom<typeof linkMachine>;

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
}

export function createSimulation(input: SimulationConfig, options: SimulationOptions = {}): Simulation {
  const maxHistory = options.maxHistoryEvents ?? DEFAULT_MAX_HISTORY;
  if (!Number.isSafeInteger(maxHistory) || maxHistory < 100) {
    throw new SimulationError(
      'invalid-argument',
      `maxHistoryEvents must be an integer ≥ 100, got ${String(maxHistory)}`,
    );
  }
  const config = normalizeConfig(input, registeredNames(options));
  const ids = config.nodes.map((n) => n.id);
  const isVersionVector = (c: unknown): c is VersionVector =>
    typeof c === 'object' &&
    c !== null &&
    !Array.isArray(c) &&
    Object.entries(c).every(([k, n]) => ids.includes(k) && Number.isSafeInteger(n) && (n as number) >= 0);
  const labels = Object.fromEntries(config.nodes.map((n) => [n.id, n.label]));
  const plan: TopologyPlan = planTopology(ids, config.topology);
  const linkOf = new Map<string, string>();
  for (const l of plan.links) for (const [from, to] of l.directions) linkOf.set(dirKey(from, to), l.id);
  const network = new Network([...linkOf.keys()]);

  let strategyConfig: StrategyConfig = config.strategy;
  let env: LeaderEnv;
  let machine: ClusterMachine;

  // Tapes and checkpoints.
  let commandTape: Command[] = [];
  let journal: SimEvent[] = [];
  /** Events dropped from the front of the journal: journal[i] is event number offset + i. */
  let offset = 0;
  let checkpointEvery = CHECKPOINT_EVERY;
  /** Collects the events of one command, to answer a write with its outcome. */
  let capture: SimEvent[] | null = null;
  let checkpoints: Checkpoint[] = [];
  let horizon = 0;

  // The live run.
  let actor: Actor<ClusterMachine> | null = null;
  let leaders: Record<NodeId, LeaderRef> = {};
  let links: Record<string, LinkRef> = {};
  let time = 0;
  let rng = 0;
  let msgSeq = 0;
  let requestSeq = 0;
  let cmdCursor = 0;
  let position = 0;
  const listeners = new Set<() => void>();

  function makeEnv(strategy: StrategyConfig): void {
    env = {
      strategy: createStrategy(strategy, {
        labels,
        priorities: Object.fromEntries(config.nodes.map((n) => [n.id, n.priority])),
        autoIncrement: Object.fromEntries(config.nodes.map((n) => [n.id, n.autoIncrement])),
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
    machine = createClusterMachine(env);
  }

  function initialCheckpoint(): Checkpoint {
    return {
      time: 0,
      rng: seedState(config.seed),
      msgSeq: 0,
      requestSeq: 0,
      cmdCursor: 0,
      position: 0,
      leaders: config.nodes.map((n) => initialLeaderContext(env, n)),
      links: plan.links.map((l) => ({
        id: l.id,
        a: l.a,
        b: l.b,
        status: 'up',
        latencyMs: config.latency.links[l.id] ?? config.latency.base,
        directions: l.directions,
      })),
      network: Object.fromEntries([...linkOf.keys()].map((d) => [d, { queue: [], lastDeliverAt: 0 }])),
    };
  }

  function restore(cp: Checkpoint): void {
    actor?.stop();
    const next = createActor(machine, {
      input: { leaders: cp.leaders, links: cp.links },
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    next.start();
    actor = next;
    const ctx = next.getSnapshot().context;
    leaders = ctx.leaders;
    links = ctx.links;
    time = cp.time;
    rng = cp.rng;
    msgSeq = cp.msgSeq;
    requestSeq = cp.requestSeq;
    cmdCursor = cp.cmdCursor;
    position = cp.position;
    network.load(cp.network);
  }

  function takeCheckpoint(): Checkpoint {
    return {
      time,
      rng,
      msgSeq,
      requestSeq,
      cmdCursor,
      position,
      leaders: ids.map((n) => leaderCtx(n)),
      links: plan.links.map((l) => linkCtx(l.id)),
      network: network.save(),
    };
  }

  const cluster = (): Actor<ClusterMachine> => actor as Actor<ClusterMachine>;
  const leaderCtx = (n: NodeId): LeaderContext => (leaders[n] as LeaderRef).getSnapshot().context;
  const linkCtx = (id: string): LinkContext => (links[id] as LinkRef).getSnapshot().context;

  function emit(ev: SimEvent): void {
    deepFreeze(ev);
    capture?.push(ev);
    const index = position - offset;
    if (index < 0) {
      // Replaying time whose events were dropped to bound memory.
    } else if (index < journal.length) {
      // Replaying recorded time: the tape already holds this event.
      if (options.verifyReplay && JSON.stringify(journal[index]) !== JSON.stringify(ev)) {
        throw new SimulationError(
          'invalid-state',
          `Replay diverged at event ${String(position)}: ${JSON.stringify(ev)}`,
        );
      }
    } else {
      journal.push(ev);
      if (journal.length > maxHistory) compactHistory();
    }
    position += 1;
  }

  /** Drop the oldest half of the history and the checkpoints inside it (not the initial one). */
  function compactHistory(): void {
    const drop = journal.length - Math.floor(maxHistory / 2);
    journal = journal.slice(drop);
    offset += drop;
    checkpoints = checkpoints.filter((c, i) => i === 0 || c.position >= offset);
  }

  function maybeCheckpoint(): void {
    const last = checkpoints[checkpoints.length - 1] as Checkpoint;
    if (position - last.position < checkpointEvery) return;
    checkpoints.push(takeCheckpoint());
    if (checkpoints.length > MAX_CHECKPOINTS) {
      checkpoints = checkpoints.filter((_, i) => i % 2 === 0);
      checkpointEvery *= 2;
    }
  }

  function drawLatency(base: number): number {
    if (config.latency.jitter === 0) return base;
    const [r, next] = nextRandom(rng);
    rng = next;
    return Math.max(1, Math.round(base + (2 * r - 1) * config.latency.jitter));
  }

  function isOpen(link: LinkContext, from: NodeId, to: NodeId): boolean {
    return link.status === 'up' && leaderCtx(from).status === 'online' && leaderCtx(to).status === 'online';
  }

  function enqueue(from: NodeId, out: Outgoing): void {
    const id = linkOf.get(dirKey(from, out.to));
    if (id === undefined) throw new SimulationError('invalid-state', `No link from ${from} to ${out.to}`);
    const link = linkCtx(id);
    const dir = dirKey(from, out.to);
    msgSeq += 1;
    const deliverAt = isOpen(link, from, out.to)
      ? Math.max(time + drawLatency(link.latencyMs), network.lastDeliverAt(dir))
      : null;
    const msg: Message = {
      id: msgSeq,
      kind: out.kind,
      from,
      to: out.to,
      sentAt: time,
      deliverAt,
      ...(out.write ? { write: out.write } : {}),
      ...(out.request ? { request: out.request } : {}),
    };
    const writeId = out.write?.writeId ?? out.request?.writeId ?? '';
    const origin = out.write?.origin ?? from;
    emit({ type: 'send', at: time, node: from, msgId: msgSeq, to: out.to, kind: out.kind, writeId, origin, deliverAt });
    network.push(dir, deepFreeze(msg));
  }

  /** Send an event to a leader and play out its effects. */
  function toLeader(node: NodeId, event: LeaderEvent, routed: boolean): void {
    const ref = leaders[node] as LeaderRef;
    const before = ref.getSnapshot().context.out;
    if (routed) cluster().send({ type: 'to-leader', node, event });
    else ref.send(event);
    const out = ref.getSnapshot().context.out;
    if (out === before) return;
    for (const ev of out.events) emit(ev);
    for (const s of out.sends) enqueue(node, s);
  }

  /** After a status change: hold what can no longer flow, schedule what now can. */
  function refreshLinks(touching: (l: LinkContext) => boolean): void {
    for (const l of plan.links) {
      const link = linkCtx(l.id);
      if (!touching(link)) continue;
      for (const [from, to] of link.directions) {
        const dir = dirKey(from, to);
        if (isOpen(link, from, to)) {
          // The sender resends from its log: in order, each after the link latency.
          network.schedule(dir, (_, previous) => Math.max(time + drawLatency(link.latencyMs), previous));
        } else {
          network.hold(dir);
        }
      }
    }
  }

  function deliver(d: { msg: Message; dir: string }): void {
    const { msg } = d;
    time = msg.deliverAt as number;
    network.shift(d.dir);
    emit({
      type: 'deliver',
      at: time,
      node: msg.to,
      msgId: msg.id,
      from: msg.from,
      kind: msg.kind,
      writeId: msg.write?.writeId ?? msg.request?.writeId ?? '',
      origin: msg.write?.origin ?? msg.from,
    });
    toLeader(msg.to, { type: 'receive', at: time, msg }, false);
    maybeCheckpoint();
  }

  function reject(node: NodeId, key: string, op: WriteOp, code: RejectCode, reason: string): WriteResult {
    emit({ type: 'reject', at: time, node, key, op, code, reason });
    return { ok: false, code, reason };
  }

  function writeOutcome(events: readonly SimEvent[], node: NodeId): WriteResult {
    for (const ev of events) {
      if (ev.type === 'forward' || (ev.type === 'write' && ev.client === node))
        return { ok: true, writeId: ev.writeId };
      if (ev.type === 'reject') return { ok: false, code: ev.code, reason: ev.reason };
    }
    return { ok: false, code: 'invalid-op', reason: 'the write had no effect' };
  }

  function applyCommand(cmd: Command): WriteResult | undefined {
    switch (cmd.type) {
      case 'write':
        return applyWrite(cmd.node, cmd.key, cmd.op, cmd.context);
      case 'cut-link':
      case 'heal-link': {
        const id = linkId(cmd.a, cmd.b);
        cluster().send({ type: 'to-link', link: id, event: { type: cmd.type === 'cut-link' ? 'cut' : 'heal' } });
        emit({ type: cmd.type, at: time, node: cmd.a, peer: cmd.b });
        refreshLinks((l) => l.id === id);
        return undefined;
      }
      case 'set-link-latency':
        cluster().send({
          type: 'to-link',
          link: linkId(cmd.a, cmd.b),
          event: { type: 'set-latency', latencyMs: cmd.latencyMs },
        });
        emit({ type: 'set-link-latency', at: time, node: cmd.a, peer: cmd.b, latencyMs: cmd.latencyMs });
        return undefined;
      case 'crash':
      case 'recover':
      case 'disconnect':
      case 'reconnect':
        toLeader(cmd.node, { type: cmd.type, at: time }, true);
        refreshLinks((l) => l.a === cmd.node || l.b === cmd.node);
        return undefined;
      case 'set-clock-skew':
        toLeader(cmd.node, { type: 'set-clock-skew', at: time, skewMs: cmd.skewMs }, true);
        return undefined;
    }
  }

  /** Why a write at `node` would be refused right now, or null. */
  function rejection(node: NodeId): { code: RejectCode; reason: string } | null {
    const label = labels[node] ?? node;
    if (leaderCtx(node).status === 'crashed') {
      return { code: 'node-crashed', reason: `${label} has crashed: it accepts no writes until it recovers.` };
    }
    if (config.mode === 'single-leader' && node !== config.leader) {
      const leader = config.leader as NodeId;
      if (!isOpen(linkCtx(linkId(node, leader)), node, leader)) {
        const why =
          leaderCtx(leader).status !== 'online'
            ? `the leader ${labels[leader] ?? leader} is down`
            : `${label} cannot reach the leader ${labels[leader] ?? leader}`;
        return { code: 'leader-unavailable', reason: `Single-leader: ${why}, so no write can be accepted.` };
      }
    }
    return null;
  }

  function applyWrite(node: NodeId, key: string, op: WriteOp, context: VersionVector | undefined): WriteResult {
    if (config.mode === 'single-leader' && node !== config.leader) {
      const leader = config.leader as NodeId;
      const refused = rejection(node);
      if (refused) return reject(node, key, op, refused.code, refused.reason);
      requestSeq += 1;
      const writeId = `${node}#${String(requestSeq)}`;
      emit({ type: 'forward', at: time, node, writeId, key, op, to: leader });
      enqueue(node, { to: leader, kind: 'request', request: { writeId, client: node, key, op, requestedAt: time } });
      return { ok: true, writeId };
    }
    const events: SimEvent[] = [];
    capture = events;
    try {
      toLeader(node, { type: 'write', at: time, key, op, client: node, ...(context ? { context } : {}) }, true);
    } finally {
      capture = null;
    }
    return writeOutcome(events, node);
  }

  /** Play the tapes (and live time) up to `target`. */
  function moveTo(target: number): void {
    for (;;) {
      const cmd = commandTape[cmdCursor];
      const limit = cmd !== undefined && cmd.at <= target ? cmd.at : target;
      const due = network.nextDue(limit);
      if (due) {
        deliver(due);
        continue;
      }
      if (cmd !== undefined && cmd.at <= target) {
        time = cmd.at;
        applyCommand(cmd);
        cmdCursor += 1;
        maybeCheckpoint();
        continue;
      }
      break;
    }
    time = target;
    horizon = Math.max(horizon, time);
  }

  /** A new command at the present: forget any recorded future first. */
  function record(cmd: Command): WriteResult | undefined {
    if (cmdCursor < commandTape.length || position - offset < journal.length) {
      commandTape = commandTape.slice(0, cmdCursor);
      if (position < offset) {
        journal = [];
        offset = 0;
        checkpointEvery = CHECKPOINT_EVERY;
        offset = position;
      } else {
        journal = journal.slice(0, position - offset);
      }
      checkpoints = checkpoints.filter((c) => c.position <= position && c.cmdCursor <= cmdCursor);
      horizon = time;
    }
    commandTape.push(deepFreeze(cmd));
    const result = applyCommand(cmd);
    cmdCursor += 1;
    maybeCheckpoint();
    notify();
    return result;
  }

  function notify(): void {
    for (const l of [...listeners]) l();
  }

  function requireNode(node: NodeId): void {
    if (!ids.includes(node))
      throw new SimulationError('unknown-node', `No leader "${node}" (leaders: ${ids.join(', ')})`);
  }

  function requireLink(a: NodeId, b: NodeId): void {
    requireNode(a);
    requireNode(b);
    if (!plan.links.some((l) => l.id === linkId(a, b))) {
      throw new SimulationError(
        'unknown-link',
        `No link between "${a}" and "${b}" in this ${config.topology.kind} topology`,
      );
    }
  }

  function requireTime(name: string, t: number): void {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new SimulationError('invalid-argument', `${name} must be a finite number ≥ 0, got ${String(t)}`);
    }
  }

  function requireStatus(node: NodeId, allowed: readonly string[], action: string): void {
    requireNode(node);
    const status = leaderCtx(node).status;
    if (!allowed.includes(status)) {
      throw new SimulationError('invalid-state', `Cannot ${action} ${labels[node] ?? node}: it is ${status}`);
    }
  }

  function readAt(node: NodeId, key: string): ReadResult {
    return deepFreeze(readKey(env, leaderCtx(node), key));
  }

  function snapshot(): Snapshot {
    const messages = network.all();
    const nodes: NodeSnapshot[] = ids.map((n) => {
      const c = leaderCtx(n);
      const keys: Record<string, KeySnapshot> = {};
      for (const [k, type] of Object.entries(config.keys)) {
        const r = readKey(env, c, k);
        const replica = c.keys[k];
        const meta = replica ? (env.strategy.inspect?.(replica.state, type) ?? {}) : {};
        keys[k] = { type, value: r.value, conflicts: r.conflicts, vv: replica?.vv ?? {}, state: replica?.state, meta };
      }
      return {
        id: n,
        label: c.label,
        status: c.status,
        clock: { physical: physicalTime(c, time), skewMs: c.skewMs, driftPpm: c.driftPpm },
        hlc: c.hlc,
        applied: c.applied,
        keys,
        buffered: c.buffer.map((w) => w.writeId),
      };
    });
    const converged: Record<string, boolean> = {};
    for (const k of Object.keys(config.keys)) {
      const first = nodes[0]?.keys[k];
      converged[k] =
        !messages.some((m) => m.write?.key === k || m.request?.key === k) &&
        nodes.every((n) => n.buffered.length === 0 || !leaderCtx(n.id).buffer.some((w) => w.key === k)) &&
        nodes.every((n) => {
          const ks = n.keys[k];
          return (
            first !== undefined &&
            ks !== undefined &&
            valuesEqual(ks.value, first.value) &&
            ks.conflicts.length === first.conflicts.length
          );
        });
    }
    return deepFreeze({
      time,
      horizon,
      seed: config.seed,
      mode: config.mode,
      strategy: strategyConfig,
      topology: config.topology,
      causalDelivery: config.causalDelivery,
      nodes,
      links: plan.links.map((l) => {
        const c = linkCtx(l.id);
        return { id: l.id, a: l.a, b: l.b, status: c.status, latencyMs: c.latencyMs, directions: c.directions };
      }),
      messages,
      quiescent: !messages.some((m) => m.deliverAt !== null),
      historyFrom: offset === 0 ? 0 : (journal[0]?.at ?? time),
      converged,
    });
  }

  function start(strategy: StrategyConfig): void {
    strategyConfig = strategy;
    makeEnv(strategy);
    const cp = initialCheckpoint();
    checkpoints = [cp];
    journal = [];
    offset = 0;
    checkpointEvery = CHECKPOINT_EVERY;
    restore(cp);
  }

  start(strategyConfig);

  const sim: Simulation = {
    config,
    write(node, key, op, writeOptions = {}) {
      if (!ids.includes(node)) return { ok: false, code: 'unknown-node', reason: `No leader "${node}"` };
      const context = writeOptions.context;
      if (context !== undefined && !isVersionVector(context)) {
        return { ok: false, code: 'invalid-op', reason: 'A write context must be a version vector: { nodeId: count }' };
      }
      const type = Object.hasOwn(config.keys, key) ? config.keys[key] : undefined;
      if (type === undefined)
        return {
          ok: false,
          code: 'unknown-key',
          reason: `No key "${key}" (keys: ${Object.keys(config.keys).join(', ')})`,
        };
      const why = invalidOpReason(type, op, readAt(node, key).value) ?? env.strategy.refuses?.(type, op) ?? null;
      if (why !== null) return { ok: false, code: 'invalid-op', reason: `Cannot write ${key}: ${why}` };
      // A context is what a client read here: it cannot name writes this leader has not seen.
      if (context !== undefined && !descends(leaderCtx(node).keys[key]?.vv ?? {}, context)) {
        return {
          ok: false,
          code: 'invalid-op',
          reason: `Cannot write ${key}: the context ${formatVv(context)} names writes ${labels[node] ?? node} has not seen for this key (it knows ${formatVv(leaderCtx(node).keys[key]?.vv ?? {})})`,
        };
      }
      // A write that will be refused must not fork away a recorded future: answer, record nothing.
      const refused = rejection(node);
      if (refused && (cmdCursor < commandTape.length || position - offset < journal.length)) {
        return { ok: false, ...refused };
      }
      return record({
        at: time,
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
      requireLink(a, b);
      if (linkCtx(linkId(a, b)).status === 'cut')
        throw new SimulationError('invalid-state', `The link ${a}–${b} is already cut`);
      record({ at: time, type: 'cut-link', a, b });
    },
    healLink(a, b) {
      requireLink(a, b);
      if (linkCtx(linkId(a, b)).status === 'up')
        throw new SimulationError('invalid-state', `The link ${a}–${b} is not cut`);
      record({ at: time, type: 'heal-link', a, b });
    },
    setLinkLatency(a, b, latencyMs) {
      requireLink(a, b);
      if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 1 || latencyMs > 600_000) {
        throw new SimulationError('invalid-argument', `latency must be from 1 to 600,000 ms, got ${String(latencyMs)}`);
      }
      record({ at: time, type: 'set-link-latency', a, b, latencyMs });
    },
    crashNode(node) {
      requireStatus(node, ['online', 'offline'], 'crash');
      record({ at: time, type: 'crash', node });
    },
    recoverNode(node) {
      requireStatus(node, ['crashed'], 'recover');
      record({ at: time, type: 'recover', node });
    },
    disconnectNode(node) {
      requireStatus(node, ['online'], 'disconnect');
      record({ at: time, type: 'disconnect', node });
    },
    reconnectNode(node) {
      requireStatus(node, ['offline'], 'reconnect');
      record({ at: time, type: 'reconnect', node });
    },
    setClockSkew(node, skewMs) {
      requireNode(node);
      if (typeof skewMs !== 'number' || !Number.isFinite(skewMs) || Math.abs(skewMs) > 3_600_000) {
        throw new SimulationError(
          'invalid-argument',
          `clock skew must be a finite number of ms within ±1 h, got ${String(skewMs)}`,
        );
      }
      record({ at: time, type: 'set-clock-skew', node, skewMs });
    },
    advance(ms) {
      requireTime('advance', ms);
      moveTo(time + ms);
      notify();
    },
    runUntilQuiescent() {
      if (time < horizon || cmdCursor < commandTape.length) moveTo(horizon);
      for (let steps = 0; ; steps++) {
        const due = network.nextDue(Number.POSITIVE_INFINITY);
        if (!due) break;
        if (steps >= MAX_QUIESCE_STEPS) {
          throw new SimulationError('invalid-state', `No quiescence after ${String(MAX_QUIESCE_STEPS)} deliveries`);
        }
        deliver(due);
      }
      horizon = Math.max(horizon, time);
      notify();
      return time;
    },
    read(node, key) {
      requireNode(node);
      if (!Object.hasOwn(config.keys, key)) {
        throw new SimulationError('unknown-key', `No key "${key}" (keys: ${Object.keys(config.keys).join(', ')})`);
      }
      return readAt(node, key);
    },
    now: () => time,
    snapshot,
    history: () => journal.slice(0, Math.max(0, position - offset)),
    historyLength: () => Math.max(0, position - offset),
    recentHistory: (count) => {
      const end = Math.max(0, position - offset);
      return journal.slice(Math.max(0, end - Math.max(0, Math.floor(count))), end);
    },
    commands: () => commandTape.slice(0, cmdCursor),
    recordedCommands: () => commandTape.slice(),
    seek(t) {
      requireTime('seek', t);
      // Restore the latest checkpoint at or before t when it saves replaying: always when
      // going back, and going forward when one lies ahead of the present.
      let cp = checkpoints[0] as Checkpoint;
      for (const c of checkpoints) if (c.time <= t && c.position >= cp.position) cp = c;
      if (t < time || cp.position > position) restore(cp);
      moveTo(t);
      notify();
    },
    setStrategy(next) {
      const normalized = normalizeStrategy(next, registeredNames(options), config.keys);
      const misfit = strategyMisfit(normalized, config.topology, ids.length);
      if (misfit !== null) throw new SimulationError('invalid-config', `Invalid strategy: ${misfit}`, [misfit]);
      const keepTime = time;
      const end = horizon;
      const tape = commandTape;
      start(normalized);
      commandTape = tape;
      moveTo(end);
      if (keepTime < time) sim.seek(keepTime);
      else notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return sim;
}
