import {
  createSimulation,
  convergedValues,
  formatValue,
  LostWrites,
  type NodeId,
  type SimEvent,
  type Simulation,
  SimulationError,
  type StrategyConfig,
  type Value,
} from '../model';
import { describeCommand } from './describe';
import { applyCommand } from './load';
import type { Scenario } from './types';

/**
 * One history under several strategies: the recorded scenario replayed from scratch under each
 * (the model is deterministic, so the only difference is the strategy), run until nothing
 * deliverable is in flight, then read back as each key's final value and the writes each
 * strategy lost, with why. A write counts as lost by the one definition (src/model/lost.ts,
 * the lab's own count); the reason comes from the record that discarded it (a conflict, or a
 * `lost` event when a leader took it down with it).
 */

/** One strategy a comparison replays the history under. */
export interface ComparedStrategy {
  readonly id: string;
  readonly label: string;
  readonly config: StrategyConfig;
}

/** The strategies the lab compares by default: the rows of the seed's trade-offs table that fit any cluster. */
export const COMPARED_STRATEGIES: readonly ComparedStrategy[] = [
  { id: 'lww-physical', label: 'Last write wins (physical clock)', config: { kind: 'lww', clock: 'physical' } },
  { id: 'lww-hlc', label: 'Last write wins (hybrid logical clock)', config: { kind: 'lww', clock: 'hlc' } },
  { id: 'merge', label: 'Merge values', config: { kind: 'merge' } },
  { id: 'custom-read', label: 'Custom on read (siblings)', config: { kind: 'custom', on: 'read' } },
  { id: 'crdt', label: 'CRDTs', config: { kind: 'crdt' } },
];

/** Why a write was lost, in a word or two; `explanation` in LostWrite says it in full. */
export type LossReason =
  | 'clock skew'
  | 'tie'
  | 'causality ignored'
  | 'removal undone'
  | 'increments lost'
  | 'leader lost'
  | 'concurrent delete'
  | 'missing row'
  | 'concurrent overwrite';

export interface LostWrite {
  readonly writeId: string;
  readonly key: string;
  /** The leader that accepted the write. */
  readonly node: NodeId;
  /** The write in words: `Virginia writes title = "newer"`. */
  readonly write: string;
  readonly reason: LossReason;
  /** The first conflict record that discarded it, as the event log shows it. */
  readonly explanation: string;
}

export interface KeyOutcome {
  readonly key: string;
  /** The value every leader reads, or each leader's (`Frankfurt: "a"; Virginia: "b"`) when they differ. */
  readonly value: string;
  /** Every leader reads the same value and nothing is in flight or held. */
  readonly converged: boolean;
  /** Versions kept beside the value for a reader to resolve (custom on read, MV-registers), on the first leader. */
  readonly siblings: number;
}

export interface StrategyOutcome {
  readonly id: string;
  readonly label: string;
  readonly config: StrategyConfig;
  /** Why this strategy cannot replay the history (it does not fit the cluster, or the model refused a command). */
  readonly error: string | null;
  readonly keys: readonly KeyOutcome[];
  /** Distinct lost writes, in the order they were first discarded. */
  readonly lost: readonly LostWrite[];
}

/** The reason a conflict record's explanation gives for discarding a write. */
export function lossReason(explanation: string): LossReason {
  if (/same timestamp/i.test(explanation)) return 'tie';
  if (/before the row itself/i.test(explanation)) return 'missing row';
  if (/deleted (it|row \d+)\b.*concurrently/i.test(explanation)) return 'concurrent delete';
  if (/clock skew|skewed|clock is behind/i.test(explanation)) return 'clock skew';
  if (/already seen/i.test(explanation)) return 'causality ignored';
  if (/lost deletion|comes back/i.test(explanation)) return 'removal undone';
  if (/increments? .*lost/i.test(explanation)) return 'increments lost';
  return 'concurrent overwrite';
}

/**
 * The strategy `wanted` as this scenario would run it: LWW keeps the scenario's own tie rule
 * and granularity (so a student's choice is what is compared), everything else as given.
 */
function configFor(scenario: Scenario, wanted: StrategyConfig): StrategyConfig {
  const own = scenario.config.strategy;
  if (wanted.kind !== 'lww' || own?.kind !== 'lww') return wanted;
  return {
    ...wanted,
    ...(own.tieBreak !== undefined && wanted.tieBreak === undefined ? { tieBreak: own.tieBreak } : {}),
    ...(own.granularity !== undefined && wanted.granularity === undefined ? { granularity: own.granularity } : {}),
  };
}

/**
 * Replaying `scenario` under one strategy, a part at a time: `step(events)` replays commands
 * until about that many events have happened (at least one command), and says whether it is
 * done; then `outcome()` reads the result. A page runs it in slices, so a long history never
 * freezes it (the comparison view does). The result is what `compareOne` returns.
 */
export interface CompareJob {
  step(events: number): boolean;
  /** How far the replay has got, from 0 to 1. */
  readonly progress: number;
  /** The outcome, once `step` has returned true. */
  outcome(): StrategyOutcome;
}

/**
 * What a replay's history says about lost writes, read as the history grows: each step of a
 * job digests only its new events, so the last step does not read a long history whole.
 */
class HistoryReader {
  private tracker = new LostWrites();
  readonly writes = new Map<string, Extract<SimEvent, { type: 'write' }>>();
  /** The first record that discarded each write: its key and why. */
  readonly records = new Map<string, { key: string; explanation: string; gone: boolean }>();
  private counted = 0;
  private last: SimEvent | undefined;

  /** Digest the events `sim` has added since the last call. */
  follow(sim: Simulation): void {
    const total = sim.historyLength();
    // Still the history this reader has followed? The model drops the oldest events past its
    // cap (maxHistoryEvents): then read what it keeps afresh, as a whole replay would.
    const fresh = sim.recentHistory(total - this.counted + (this.last ? 1 : 0));
    const continues = this.last === undefined ? this.counted === 0 : fresh[0] === this.last;
    if (total < this.counted || !continues) {
      this.reset();
      this.take(sim.history());
    } else this.take(this.last ? fresh.slice(1) : fresh);
    this.counted = total;
  }

  private reset(): void {
    this.tracker = new LostWrites();
    this.writes.clear();
    this.records.clear();
  }

  private take(events: readonly SimEvent[]): void {
    this.tracker.add(events);
    for (const e of events) {
      if (e.type === 'write') this.writes.set(e.writeId, e);
      if (e.type === 'conflict')
        for (const w of e.discarded)
          if (!this.records.has(w)) this.records.set(w, { key: e.key, explanation: e.explanation, gone: false });
      if (e.type === 'lost')
        for (const w of e.writeIds)
          if (!this.records.has(w))
            this.records.set(w, { key: this.writes.get(w)?.key ?? '', explanation: e.explanation, gone: true });
    }
    if (events.length > 0) this.last = events.at(-1);
  }

  lost(converged: Readonly<Record<string, Value>>): string[] {
    return this.tracker.lost(converged);
  }
}

/** Replay `scenario` under one strategy in steps (see CompareJob). Never throws for a refused strategy. */
export function compareJob(scenario: Scenario, strategy: ComparedStrategy): CompareJob {
  const config = configFor(scenario, strategy.config);
  const base = { id: strategy.id, label: strategy.label, config };
  const commands = scenario.commands;
  // The whole recorded history (the recorded future too), then everything deliverable delivered.
  const end = Math.max(scenario.end ?? 0, scenario.at ?? 0, commands.at(-1)?.at ?? 0);
  let sim: Simulation | null = null;
  let next = 0;
  let result: StrategyOutcome | null = null;
  const reader = new HistoryReader();
  const refused = (e: unknown): StrategyOutcome => {
    if (e instanceof SimulationError) return { ...base, error: e.message, keys: [], lost: [] };
    throw e;
  };
  return {
    step(events) {
      if (result) return true;
      try {
        // A strategy that does not fit the cluster (OT among three peers) is refused here.
        sim ??= createSimulation({ ...scenario.config, strategy: config });
        const stop = sim.historyLength() + Math.max(1, events);
        // The commands at their times, as loadScenario plays them.
        while (next < commands.length) {
          const cmd = commands[next] as (typeof commands)[number];
          if (cmd.at > sim.now()) sim.advance(cmd.at - sim.now());
          applyCommand(sim, cmd);
          next += 1;
          if (sim.historyLength() >= stop) {
            reader.follow(sim);
            return false;
          }
        }
        if (end > sim.now()) sim.advance(end - sim.now());
        sim.runUntilQuiescent();
        reader.follow(sim);
        result = readOutcome(scenario, base, sim, reader);
      } catch (e) {
        result = refused(e);
      }
      return true;
    },
    get progress() {
      return result ? 1 : commands.length === 0 ? 0 : next / (commands.length + 1);
    },
    outcome() {
      if (!result) throw new Error('compareJob: outcome() before step() returned true');
      return result;
    },
  };
}

/** Replay `scenario` under one strategy and read its outcome. Never throws for a refused strategy. */
export function compareOne(scenario: Scenario, strategy: ComparedStrategy): StrategyOutcome {
  const job = compareJob(scenario, strategy);
  while (!job.step(Number.MAX_SAFE_INTEGER));
  return job.outcome();
}

/** The outcome of a replay finished in `sim`, whose history `reader` has followed to the end. */
function readOutcome(
  scenario: Scenario,
  base: Pick<StrategyOutcome, 'id' | 'label' | 'config'>,
  sim: Simulation,
  reader: HistoryReader,
): StrategyOutcome {
  const nodes = scenario.config.nodes;
  const labels: Record<NodeId, string> = Object.fromEntries(nodes.map((n) => [n.id, n.label ?? n.id]));
  const snapshot = sim.snapshot();
  const lost = new Map<string, LostWrite>();
  for (const writeId of reader.lost(convergedValues(snapshot))) {
    const record = reader.records.get(writeId);
    if (!record) continue;
    const w = reader.writes.get(writeId);
    const node = w?.node ?? writeId.split(':')[0] ?? writeId;
    lost.set(writeId, {
      writeId,
      key: record.key,
      node,
      write: w
        ? describeCommand({ at: w.at, type: 'write', node: w.node, key: w.key, op: w.op }, labels)
        : `${labels[node] ?? node}'s write ${writeId}`,
      reason: record.gone ? 'leader lost' : lossReason(record.explanation),
      explanation: record.explanation,
    });
  }
  const keys = Object.keys(scenario.config.keys).map((key): KeyOutcome => {
    const values = snapshot.nodes.map((n) => ({ id: n.id, state: n.keys[key] }));
    const texts = values.map((v) => (v.state ? formatValue(v.state.value) : '–'));
    const same = texts.every((t) => t === texts[0]);
    return {
      key,
      value: same ? (texts[0] ?? '–') : values.map((v, i) => `${labels[v.id] ?? v.id}: ${texts[i] ?? '–'}`).join('; '),
      converged: snapshot.converged[key] === true,
      siblings: values[0]?.state?.conflicts.length ?? 0,
    };
  });
  return { ...base, error: null, keys, lost: [...lost.values()] };
}

/**
 * The recorded history of `scenario` under each strategy, side by side.
 * @example compareStrategies(presetById('lww-clock-skew')!).map((o) => o.lost.length) // [1, 1, 0, 0, 0]
 */
export function compareStrategies(
  scenario: Scenario,
  strategies: readonly ComparedStrategy[] = COMPARED_STRATEGIES,
): StrategyOutcome[] {
  return strategies.map((s) => compareOne(scenario, s));
}
