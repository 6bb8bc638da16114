import * as v from 'valibot';
import {
  checkStrategy,
  type RegisteredNames,
  strategyMisfit as catalogMisfit,
  strategySchema,
} from '../strategies/catalog';
import { SimulationError } from './errors';
import { linkId, planTopology } from './topology';
import { ROW_CONFLICT_RULES } from '../core/types';
import type { KeyType, NodeId, RowConflictRules, SimulationConfig, StrategyConfig, TopologyConfig } from './types';

/**
 * Validation of a simulation config with valibot, then the cross-field checks a schema
 * cannot express (ids that must exist, a ring that names every leader once...). A bad
 * config throws a SimulationError listing every problem, so a scenario author sees them all.
 */
/** Names an Object has already (constructor, toString...) would alias plain-object lookups. */
const notReserved = v.check(
  (name: string) => !(name in Object.prototype),
  'that name is reserved (it is a property of every object)',
);

const id = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_]{1,24}$/, 'ids are 1 to 24 letters, digits or underscores'),
  notReserved,
);

const nodeSchema = v.strictObject({
  id,
  label: v.optional(v.pipe(v.string(), v.maxLength(40))),
  clockSkewMs: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-3_600_000), v.maxValue(3_600_000))),
  clockDriftPpm: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-100_000), v.maxValue(100_000))),
  priority: v.optional(v.pipe(v.number(), v.finite())),
  autoIncrement: v.optional(
    v.pipe(
      v.strictObject({
        increment: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535)),
        offset: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535)),
      }),
      // MySQL ignores an offset above the increment in surprising ways: refuse it.
      v.check((a) => a.offset <= a.increment, 'auto-increment offset must not exceed the increment'),
    ),
  ),
});

const topologySchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('all-to-all') }),
  v.strictObject({ kind: v.literal('ring'), order: v.optional(v.array(id)) }),
  v.strictObject({ kind: v.literal('star'), hub: id }),
  v.strictObject({ kind: v.literal('custom'), links: v.array(v.tuple([id, id])) }),
]);

const latencyMs = v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(600_000));
const latencySchema = v.union([
  latencyMs,
  v.strictObject({
    base: latencyMs,
    jitter: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(600_000))),
    links: v.optional(v.record(v.string(), latencyMs)),
  }),
]);

const configSchema = v.strictObject({
  seed: v.optional(v.pipe(v.number(), v.safeInteger())),
  nodes: v.pipe(v.array(nodeSchema), v.minLength(1, 'at least one leader'), v.maxLength(16, 'at most 16 leaders')),
  topology: v.optional(topologySchema),
  latencyMs: v.optional(latencySchema),
  keys: v.record(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z0-9_]{1,32}$/, 'key names are 1 to 32 letters, digits or underscores'),
      notReserved,
    ),
    v.picklist(['register', 'set', 'counter', 'text', 'table', 'record']),
  ),
  strategy: v.optional(strategySchema),
  causalDelivery: v.optional(v.boolean()),
  mode: v.optional(v.picklist(['multi-leader', 'single-leader'])),
  leader: v.optional(id),
  failover: v.optional(
    v.strictObject({ afterMs: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3_600_000)) }),
  ),
  rowConflicts: v.optional(v.picklist(ROW_CONFLICT_RULES)),
});

export interface NormalizedConfig {
  readonly seed: number;
  readonly nodes: readonly {
    id: NodeId;
    label: string;
    clockSkewMs: number;
    clockDriftPpm: number;
    priority: number;
    autoIncrement: { increment: number; offset: number };
  }[];
  readonly topology: TopologyConfig;
  readonly latency: {
    readonly base: number;
    readonly jitter: number;
    readonly links: Readonly<Record<string, number>>;
  };
  readonly keys: Readonly<Record<string, KeyType>>;
  readonly strategy: StrategyConfig;
  readonly causalDelivery: boolean;
  readonly mode: 'multi-leader' | 'single-leader';
  readonly leader: NodeId | null;
  /** Single-leader failover: promote a follower after the leader has been down this long; null: never. */
  readonly failover: { readonly afterMs: number } | null;
  /** Whose rules settle row conflicts on table keys: pgEdge Spock's (default) or MySQL's. */
  readonly rowConflicts: RowConflictRules;
}

/** No names registered in code: what a config may refer to when createSimulation has no options. */
const noneRegistered: RegisteredNames = { resolvers: [], merges: [] };

/**
 * Why `strategy` cannot run on this cluster, or null (the catalog asks the strategy: OT needs
 * a central orderer, a star's hub or one of two leaders).
 */
export function strategyMisfit(strategy: StrategyConfig, topology: TopologyConfig, leaders: number): string | null {
  return catalogMisfit(strategy, { topology, leaders });
}

/** The leader that orders OT edits: the star's hub, else the lower id (two leaders). */
export function otServer(topology: TopologyConfig, ids: readonly NodeId[]): NodeId {
  return topology.kind === 'star' ? topology.hub : ([...ids].sort()[0] ?? '');
}

/** The strategy's problems as `strategy.<path>: message` lines, or its normalised config. */
function strategyProblems(
  input: unknown,
  registered: RegisteredNames,
  keys?: Readonly<Record<string, KeyType>>,
): { config: StrategyConfig; problems: [] } | { config: null; problems: string[] } {
  const checked = checkStrategy(input, { registered, ...(keys ? { keys } : {}) });
  if (checked.ok) return { config: checked.config, problems: [] };
  return {
    config: null,
    problems: checked.problems.map((p) => `${p.path ? `strategy.${p.path}` : 'strategy'}: ${p.message}`),
  };
}

/**
 * Fill in a strategy config's defaults, so snapshots always say which rule is in force. The
 * options and their defaults come from the strategy catalog; names a config refers to must
 * be built in or `registered` (createSimulation's options); merge functions must name
 * `keys` of the config when given.
 * @example normalizeStrategy({ kind: 'crdt' }) // { kind: 'crdt', set: 'or-set', register: 'mv' }
 */
export function normalizeStrategy(
  input: unknown,
  registered: RegisteredNames = noneRegistered,
  keys?: Readonly<Record<string, KeyType>>,
): StrategyConfig {
  const checked = strategyProblems(input, registered, keys);
  if (checked.config === null) {
    throw new SimulationError('invalid-config', `Invalid strategy: ${checked.problems.join('; ')}`, checked.problems);
  }
  return checked.config;
}

export function normalizeConfig(input: unknown, registered: RegisteredNames = noneRegistered): NormalizedConfig {
  // Reserved names would vanish in the schema's record check; say so instead.
  if (
    typeof input === 'object' &&
    input !== null &&
    'keys' in input &&
    typeof input.keys === 'object' &&
    input.keys !== null
  ) {
    const reserved = Object.keys(input.keys).filter((k) => k in Object.prototype);
    if (reserved.length > 0) {
      const details = reserved.map((k) => `keys.${k}: that name is reserved (it is a property of every object)`);
      throw new SimulationError('invalid-config', `Invalid simulation config: ${details.join('; ')}`, details);
    }
  }
  const parsed = v.safeParse(configSchema, input);
  if (!parsed.success) {
    const details = parsed.issues.map((i) => `${v.getDotPath(i) ?? '(config)'}: ${i.message}`);
    throw new SimulationError('invalid-config', `Invalid simulation config: ${details.join('; ')}`, details);
  }
  const c: SimulationConfig = parsed.output;
  const problems: string[] = [];
  const ids = c.nodes.map((n) => n.id);
  const known = new Set(ids);
  ids.forEach((n, i) => {
    if (ids.indexOf(n) !== i) problems.push(`nodes: "${n}" appears twice`);
  });
  if (Object.keys(c.keys).length === 0) problems.push('keys: at least one key');
  const topology: TopologyConfig = c.topology ?? { kind: 'all-to-all' };
  const mode = c.mode ?? 'multi-leader';
  const unknown = (where: string, n: NodeId) => {
    if (!known.has(n)) problems.push(`${where}: no leader "${n}"`);
  };
  if (topology.kind === 'ring' && topology.order) {
    topology.order.forEach((n) => {
      unknown('topology.order', n);
    });
    const sorted = [...topology.order].sort().join(',');
    if (sorted !== [...ids].sort().join(',')) problems.push('topology.order: must name every leader exactly once');
  }
  if (topology.kind === 'star') unknown('topology.hub', topology.hub);
  if (topology.kind === 'custom') {
    topology.links.forEach(([a, b]) => {
      unknown('topology.links', a);
      unknown('topology.links', b);
      if (a === b) problems.push(`topology.links: "${a}" cannot link to itself`);
    });
  }
  if (mode === 'single-leader') {
    if (c.leader === undefined) problems.push('leader: single-leader mode needs "leader"');
    else unknown('leader', c.leader);
  } else if (c.leader !== undefined) {
    problems.push('leader: only meaningful with mode "single-leader"');
  }
  if (c.failover !== undefined && mode !== 'single-leader')
    problems.push('failover: only meaningful with mode "single-leader" (every leader takes writes already)');
  const lat = typeof c.latencyMs === 'number' || c.latencyMs === undefined ? { base: c.latencyMs ?? 100 } : c.latencyMs;
  const jitter = lat.jitter ?? 0;
  // A single leader replicates to every follower: a star around it, or, when any follower may
  // be promoted, a link between every pair (the new leader must reach the others).
  const effectiveTopology: TopologyConfig =
    mode === 'single-leader' && c.leader !== undefined
      ? c.failover
        ? { kind: 'all-to-all' }
        : { kind: 'star', hub: c.leader }
      : topology;
  const links: Record<string, number> = {};
  if (problems.length === 0) {
    const plan = planTopology(ids, effectiveTopology);
    // Every leader must be reachable, or replication could never converge.
    const reached = new Set<NodeId>(ids.slice(0, 1));
    for (let grew = true; grew;) {
      grew = false;
      for (const l of plan.links) {
        if (reached.has(l.a) !== reached.has(l.b)) {
          reached.add(l.a).add(l.b);
          grew = true;
        }
      }
    }
    const cutOff = ids.filter((n) => !reached.has(n));
    if (cutOff.length > 0) {
      problems.push(
        `topology.links: ${cutOff.map((n) => `"${n}"`).join(', ')} cannot be reached from "${ids[0] ?? ''}"`,
      );
    }
    for (const [name, ms] of Object.entries(lat.links ?? {})) {
      const match = plan.links.find((l) => name === `${l.a}-${l.b}` || name === `${l.b}-${l.a}`);
      if (match) links[linkId(match.a, match.b)] = ms;
      else problems.push(`latencyMs.links: no link "${name}" in this topology`);
    }
  }
  const checked = strategyProblems(c.strategy ?? { kind: 'lww' }, registered, c.keys);
  problems.push(...checked.problems);
  const strategy = checked.config;
  const misfit = strategy && strategyMisfit(strategy, effectiveTopology, ids.length);
  if (misfit) problems.push(`strategy: ${misfit}`);
  if (problems.length > 0 || strategy === null) {
    throw new SimulationError('invalid-config', `Invalid simulation config: ${problems.join('; ')}`, problems);
  }
  return {
    seed: c.seed ?? 1,
    nodes: c.nodes.map((n) => ({
      id: n.id,
      label: n.label ?? n.id,
      clockSkewMs: n.clockSkewMs ?? 0,
      clockDriftPpm: n.clockDriftPpm ?? 0,
      priority: n.priority ?? 0,
      autoIncrement: n.autoIncrement ?? { increment: 1, offset: 1 },
    })),
    topology: effectiveTopology,
    latency: { base: lat.base, jitter, links },
    keys: c.keys,
    strategy,
    causalDelivery: c.causalDelivery ?? false,
    mode,
    leader: mode === 'single-leader' ? (c.leader ?? null) : null,
    failover: mode === 'single-leader' && c.failover ? { afterMs: c.failover.afterMs } : null,
    rowConflicts: c.rowConflicts ?? 'spock',
  };
}
