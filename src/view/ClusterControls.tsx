import { useId, useState } from 'react';
import { DATACENTERS } from '../core/datacenters';
import type { KeyType, NodeConfig, RowConflictRules, TopologyConfig } from '../model';
import { useLab } from './LabContext';
import { NumberField, whole } from './NumberField';
import { SettledSlider } from './SettledSlider';
import { latencyOf } from './ClusterSettings';
import { explainLatency, formatLatency, formatWholeMs } from './format';

/** Datacenters a learner can add, after the scenario's own leaders (stories build clusters from them too). */
export { DATACENTERS };

export function leadersFor(count: number, own: readonly NodeConfig[]): NodeConfig[] {
  const taken = new Set(own.map((n) => n.id));
  return [...own, ...DATACENTERS.filter((d) => !taken.has(d.id))].slice(0, count);
}

function topologyFor(kind: TopologyConfig['kind'], nodes: readonly NodeConfig[]): TopologyConfig {
  if (kind === 'star') return { kind: 'star', hub: nodes[0]?.id ?? '' };
  if (kind === 'ring') return { kind: 'ring' };
  return { kind: 'all-to-all' };
}

export { latencyOf };

export const KEY_TYPES: readonly KeyType[] = ['register', 'set', 'counter', 'text', 'table', 'record'];

/**
 * The cluster itself: how many leaders, how they connect and replicate, how far apart, which seed,
 * which keys, and each leader's priority and auto-increment. Each change starts a new run (undoable).
 */
export function ClusterControls() {
  const config = useLab((s) => s.config);
  const actions = useLab((s) => s.actions);
  const kind = config.topology?.kind ?? 'all-to-all';
  const latency = latencyOf(config);
  const own = config.nodes;
  const single = config.mode === 'single-leader';
  const leaderName = (id: string) => own.find((n) => n.id === id)?.label ?? id;
  const topologyHint = useId();
  return (
    <fieldset className="mll-cluster">
      <legend>Cluster (a change starts a new run, which you can undo)</legend>
      <div className="mll-cluster-row">
        <label>
          Leaders{' '}
          <select
            value={own.length}
            onChange={(e) => {
              const nodes = leadersFor(Number(e.target.value), own);
              const leader = single && !nodes.some((n) => n.id === config.leader) ? { leader: nodes[0]?.id } : {};
              actions.reconfigure({
                nodes,
                topology: topologyFor(kind === 'custom' ? 'all-to-all' : kind, nodes),
                ...leader,
              });
            }}
          >
            {[2, 3, 4, 5, 6, 7, 8].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Replication{' '}
          <select
            value={single ? 'single-leader' : 'multi-leader'}
            onChange={(e) => {
              actions.reconfigure(
                e.target.value === 'single-leader'
                  ? { mode: 'single-leader', leader: own[0]?.id }
                  : { mode: 'multi-leader', leader: undefined, failover: undefined },
              );
            }}
          >
            <option value="multi-leader">multi-leader (all accept writes)</option>
            <option value="single-leader">single-leader (one accepts writes)</option>
          </select>
        </label>
        {single && (
          <label>
            Writes go to{' '}
            <select
              value={config.leader ?? own[0]?.id}
              onChange={(e) => {
                actions.reconfigure({ leader: e.target.value });
              }}
            >
              {own.map((n) => (
                <option key={n.id} value={n.id}>
                  {leaderName(n.id)}
                </option>
              ))}
            </select>
          </label>
        )}
        {single && <FailoverField />}
        <label>
          Topology{' '}
          <select
            value={kind}
            disabled={single}
            aria-describedby={single ? topologyHint : undefined}
            onChange={(e) => {
              actions.reconfigure({ topology: topologyFor(e.target.value as TopologyConfig['kind'], own) });
            }}
          >
            <option value="all-to-all">all-to-all</option>
            <option value="ring">ring (circular)</option>
            <option value="star">star (first leader is the hub)</option>
            {kind === 'custom' && <option value="custom">custom</option>}
          </select>
        </label>
        {single && (
          <span className="mll-hint" id={topologyHint}>
            single-leader: a star around the leader
          </span>
        )}
        <label className="mll-check">
          <input
            type="checkbox"
            checked={config.causalDelivery ?? false}
            onChange={(e) => {
              actions.reconfigure({ causalDelivery: e.target.checked });
            }}
          />{' '}
          Causal delivery (hold a write until what it depends on arrived)
        </label>
      </div>
      <div className="mll-cluster-row">
        <SettledSlider
          value={latency.base}
          min={100}
          max={5000}
          step={100}
          label={(ms) => `Latency ${formatWholeMs(ms)}`}
          onCommit={(ms) => {
            // Only the base moves: the jitter is the learner's own setting, never lowered behind their back.
            actions.reconfigure({ latencyMs: { ...latency, base: ms } });
          }}
        />
        <SettledSlider
          value={latency.jitter ?? 0}
          min={0}
          max={2000}
          step={50}
          label={(ms) => `Jitter ± ${formatWholeMs(ms)}`}
          onCommit={(ms) => {
            actions.reconfigure({ latencyMs: { ...latency, jitter: ms } });
          }}
        />
        <NumberField
          label="Seed"
          value={config.seed ?? 1}
          check={whole(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)}
          onCommit={(seed) => {
            actions.reconfigure({ seed });
          }}
        />
      </div>
      <p className="mll-hint mll-latency-note">
        Latency {formatLatency(latency)}. {explainLatency(latency)}
      </p>
      <KeysEditor />
      <LeadersTable />
    </fieldset>
  );
}

/** How long a follower waits for a failed leader before one is promoted, when failover is on. */
export const DEFAULT_FAILOVER_MS = 3000;

/**
 * Single-leader failover (MySQL or PostgreSQL with a failover manager): off, the cluster waits for
 * its leader; on, the follower with the most writes is promoted once the leader has been crashed
 * or lost for `afterMs`, and what the old leader acknowledged but never shipped is lost.
 */
function FailoverField() {
  const failover = useLab((s) => s.config.failover);
  const actions = useLab((s) => s.actions);
  const hint = useId();
  return (
    <span className="mll-failover">
      <label className="mll-check">
        <input
          type="checkbox"
          checked={failover !== undefined}
          aria-describedby={hint}
          onChange={(e) => {
            actions.reconfigure({ failover: e.target.checked ? { afterMs: DEFAULT_FAILOVER_MS } : undefined });
          }}
        />{' '}
        Fail over when the leader is down
      </label>
      {failover && (
        <NumberField
          label="after (ms)"
          value={failover.afterMs}
          check={whole(1, 3_600_000)}
          onCommit={(afterMs) => {
            actions.reconfigure({ failover: { afterMs } });
          }}
        />
      )}
      <span className="mll-hint" id={hint}>
        {failover
          ? `A follower is promoted ${formatWholeMs(failover.afterMs)} after the leader crashes or is lost; writes it acknowledged but never shipped are lost. A partition alone never fails over (split brain).`
          : 'Off: writes are refused until the leader returns.'}
      </span>
    </span>
  );
}

/** Add or remove keys of every type: each is a new run. */
function KeysEditor() {
  const keys = useLab((s) => s.config.keys);
  const actions = useLab((s) => s.actions);
  const [name, setName] = useState('');
  const [type, setType] = useState<KeyType>('register');
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const names = Object.keys(keys);
  const add = () => {
    const n = name.trim();
    const why = !/^[A-Za-z0-9_]{1,32}$/.test(n)
      ? 'a key name is 1 to 32 letters, digits or underscores'
      : n in keys || n in Object.prototype
        ? `there is a key "${n}" already`
        : null;
    setProblem(why);
    if (why) return;
    actions.reconfigure({ keys: { ...keys, [n]: type } });
    setName('');
  };
  return (
    <details className="mll-keys">
      <summary>Keys: {names.map((k) => `${k} (${keys[k] ?? ''})`).join(', ')}</summary>
      <ul>
        {names.map((k) => (
          <li key={k}>
            <code>{k}</code> {keys[k]}{' '}
            <button
              type="button"
              disabled={names.length === 1}
              aria-label={`Remove key ${k}`}
              title={names.length === 1 ? 'A cluster needs at least one key' : undefined}
              onClick={() => {
                const rest = { ...keys };
                // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a copy, keyed by the learner's names
                delete rest[k];
                actions.reconfigure({ keys: rest });
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="mll-cluster-row">
        <label>
          New key{' '}
          <input
            value={name}
            size={10}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => {
              setName(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </label>
        <label>
          Type{' '}
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as KeyType);
            }}
          >
            {KEY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add}>
          Add key
        </button>
        {problem && (
          <span className="mll-field-problem" id={problemId}>
            {problem}
          </span>
        )}
      </div>
    </details>
  );
}

/** Each leader's priority (the datacenter-priority resolver) and MySQL-style auto-increment offset and step. */
function LeadersTable() {
  const nodes = useLab((s) => s.config.nodes);
  const actions = useLab((s) => s.actions);
  const change = (id: string, patch: Partial<NodeConfig>) => {
    actions.reconfigure({ nodes: nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) });
  };
  return (
    <details className="mll-leaders-table">
      <summary>Leaders: priority and auto-increment</summary>
      <p className="mll-hint mll-table-note">
        Priority decides the datacenter-priority resolver (higher wins). Table rows get ids offset, offset + step,
        offset + 2 × step… (MySQL’s auto_increment_offset and _increment; offset ≤ step).
      </p>
      <table>
        <caption className="mll-visually-hidden">Priority and auto-increment of each leader</caption>
        <thead>
          <tr>
            <th scope="col">Leader</th>
            <th scope="col">Priority</th>
            <th scope="col">Offset</th>
            <th scope="col">Step</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const name = n.label ?? n.id;
            const auto = n.autoIncrement ?? { increment: 1, offset: 1 };
            return (
              <tr key={n.id}>
                <th scope="row">{name}</th>
                <td>
                  <NumberField
                    label=""
                    ariaLabel={`Priority of ${name}`}
                    value={n.priority ?? 0}
                    check={whole(-1_000_000, 1_000_000)}
                    onCommit={(priority) => {
                      change(n.id, { priority });
                    }}
                  />
                </td>
                <td>
                  <NumberField
                    label=""
                    ariaLabel={`Auto-increment offset of ${name}`}
                    value={auto.offset}
                    check={(v) => whole(1, auto.increment)(v)}
                    onCommit={(offset) => {
                      change(n.id, { autoIncrement: { ...auto, offset } });
                    }}
                  />
                </td>
                <td>
                  <NumberField
                    label=""
                    ariaLabel={`Auto-increment step of ${name}`}
                    value={auto.increment}
                    check={(v) => whole(Math.max(1, auto.offset), 65_535)(v)}
                    onCommit={(increment) => {
                      change(n.id, { autoIncrement: { ...auto, increment } });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          // The classic fix for colliding ids: step = number of leaders, offsets 1, 2, 3…
          actions.reconfigure({
            nodes: nodes.map((n, i) => ({ ...n, autoIncrement: { increment: nodes.length, offset: i + 1 } })),
          });
        }}
      >
        Interleave ids (step {nodes.length}, offsets 1…{nodes.length})
      </button>
      <RowConflictsSelect />
    </details>
  );
}

/** What each choice of `rowConflicts` does with a duplicate id, said under the select. */
const ROW_RULES: Readonly<Record<RowConflictRules, { label: string; hint: string }>> = {
  spock: {
    label: 'pgEdge Spock',
    hint: 'A duplicate id is insert_exists: the row with the later commit timestamp wins everywhere (ties: the lower node id); the other insert is lost.',
  },
  mysql: {
    label: 'MySQL',
    hint: 'A duplicate id is error 1062: replication would stop; the lab skips the row, so the tables differ.',
  },
};

/** Whose rules settle row conflicts (shown when the cluster has a table key). Updates and deletes follow Spock in both. */
function RowConflictsSelect() {
  const keys = useLab((s) => s.config.keys);
  const rules = useLab((s) => s.config.rowConflicts ?? 'spock');
  const actions = useLab((s) => s.actions);
  const hint = useId();
  if (!Object.values(keys).includes('table')) return null;
  return (
    <p className="mll-row-conflicts">
      <label>
        Row conflicts as in{' '}
        <select
          value={rules}
          aria-describedby={hint}
          onChange={(e) => {
            const next = e.target.value as RowConflictRules;
            actions.reconfigure({ rowConflicts: next === 'spock' ? undefined : next });
          }}
        >
          {(Object.keys(ROW_RULES) as RowConflictRules[]).map((r) => (
            <option key={r} value={r}>
              {ROW_RULES[r].label}
            </option>
          ))}
        </select>
      </label>{' '}
      <span className="mll-hint" id={hint}>
        {ROW_RULES[rules].hint} Updates and deletes follow Spock in both.
      </span>
    </p>
  );
}
