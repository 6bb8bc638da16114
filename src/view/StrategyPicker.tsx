import type { StrategyConfig } from '../model';
import { useLab } from './LabContext';

export type Choice<T extends string> = readonly { readonly value: T; readonly name: string }[];
export type Kind = 'lww' | 'merge' | 'custom-write' | 'custom-read' | 'crdt' | 'ot';

/** The strategies, each with the config it starts from (the model fills in the defaults). */
export const strategyKinds: Choice<Kind> = [
  { value: 'lww', name: 'Last write wins' },
  { value: 'merge', name: 'Merge values' },
  { value: 'custom-write', name: 'Custom, on write' },
  { value: 'custom-read', name: 'Custom, on read (keep siblings)' },
  { value: 'crdt', name: 'CRDTs' },
  { value: 'ot', name: 'Operational transformation' },
];

const initial: Record<Kind, StrategyConfig> = {
  lww: { kind: 'lww' },
  merge: { kind: 'merge' },
  'custom-write': { kind: 'custom', on: 'write' },
  'custom-read': { kind: 'custom', on: 'read' },
  crdt: { kind: 'crdt' },
  ot: { kind: 'ot' },
};

export const clocks: Choice<'physical' | 'hlc'> = [
  { value: 'physical', name: 'physical clock' },
  { value: 'hlc', name: 'hybrid logical clock' },
];
export const tieBreaks: Choice<'higher-node-id' | 'lower-node-id' | 'larger-value' | 'live-value' | 'apply-remote'> = [
  { value: 'higher-node-id', name: 'higher leader id wins' },
  { value: 'lower-node-id', name: 'lower leader id wins' },
  { value: 'larger-value', name: 'larger value wins (Cassandra)' },
  { value: 'live-value', name: 'a live value wins (Riak)' },
  { value: 'apply-remote', name: 'apply the remote one (pglogical; replicas diverge)' },
];
export const resolvers: Choice<string> = [
  { value: 'datacenter-priority', name: 'higher-priority datacenter wins' },
  { value: 'first-writer-wins', name: 'first writer wins' },
  { value: 'longer-text', name: 'longer text wins' },
  { value: 'larger-number', name: 'larger number wins' },
];
export const sets: Choice<'or-set' | 'lww-element-set-add' | 'lww-element-set-remove' | '2p-set'> = [
  { value: 'or-set', name: 'add wins (OR-set)' },
  { value: 'lww-element-set-add', name: 'latest wins, ties add (LWW set)' },
  { value: 'lww-element-set-remove', name: 'latest wins, ties remove (LWW set)' },
  { value: '2p-set', name: 'removed for good (2P-set)' },
];
export const registers: Choice<'mv' | 'lww'> = [
  { value: 'mv', name: 'keep every concurrent value (MV)' },
  { value: 'lww', name: 'last write wins (LWW)' },
];
export const fallbacks: Choice<'lww' | 'merge' | 'crdt'> = [
  { value: 'lww', name: 'last write wins' },
  { value: 'merge', name: 'merge values' },
  { value: 'crdt', name: 'CRDTs' },
];

function kindOf(s: StrategyConfig): Kind {
  if (s.kind === 'custom') return s.on === 'write' ? 'custom-write' : 'custom-read';
  return s.kind;
}

/** One labelled select; `value` always comes from the snapshot, so a refused change snaps back. */
function Option<T extends string>(props: {
  label: string;
  value: T;
  choices: Choice<T>;
  onChange: (value: T) => void;
}) {
  const { label, value, choices, onChange } = props;
  // A registered resolver (from the lab's options) is shown under its own name.
  const all = choices.some((c) => c.value === value) ? choices : [...choices, { value, name: value }];
  return (
    <label>
      {label}{' '}
      <select
        value={value}
        onChange={(e) => {
          onChange(e.target.value as T);
        }}
      >
        {all.map((c) => (
          <option key={c.value} value={c.value}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The conflict strategy and the options of the one in force. The snapshot's (normalized)
 * strategy drives what is shown; each change re-runs the same history under the new rule.
 */
export function StrategyPicker() {
  const current = useLab((s) => s.snapshot.strategy);
  const actions = useLab((s) => s.actions);
  const set = (config: StrategyConfig) => {
    actions.setStrategy(config);
  };
  return (
    <div className="mll-strategy" role="group" aria-label="Conflict resolution and its options">
      <Option
        label="Conflict resolution"
        value={kindOf(current)}
        choices={strategyKinds}
        onChange={(kind) => {
          set(initial[kind]);
        }}
      />
      {current.kind === 'lww' && (
        <>
          <Option
            label="Clock"
            value={current.clock ?? 'physical'}
            choices={clocks}
            onChange={(clock) => {
              set({ ...current, clock });
            }}
          />
          <Option
            label="On a tie"
            value={current.tieBreak ?? 'higher-node-id'}
            choices={tieBreaks}
            onChange={(tieBreak) => {
              set({ ...current, tieBreak });
            }}
          />
        </>
      )}
      {current.kind === 'custom' && current.on === 'write' && (
        <Option
          label="Resolver"
          value={current.resolver ?? 'datacenter-priority'}
          choices={resolvers}
          onChange={(resolver) => {
            set({ kind: 'custom', on: 'write', resolver });
          }}
        />
      )}
      {current.kind === 'crdt' && (
        <>
          <Option
            label="Sets"
            value={current.set ?? 'or-set'}
            choices={sets}
            onChange={(setType) => {
              set({ ...current, set: setType });
            }}
          />
          <Option
            label="Registers"
            value={current.register ?? 'mv'}
            choices={registers}
            onChange={(register) => {
              set({ ...current, register });
            }}
          />
        </>
      )}
      {current.kind === 'ot' && (
        <Option
          label="Keys other than text"
          value={current.fallback ?? 'lww'}
          choices={fallbacks}
          onChange={(fallback) => {
            set({ ...current, fallback });
          }}
        />
      )}
    </div>
  );
}
