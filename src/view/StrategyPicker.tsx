import type { StrategyConfig } from '../model';
import { useLab } from './LabContext';

/** Strategy presets a learner can switch between; the same history re-runs under each. */
export const strategyPresets: { id: string; name: string; config: StrategyConfig }[] = [
  { id: 'lww', name: 'Last write wins (physical clock)', config: { kind: 'lww', clock: 'physical' } },
  { id: 'lww-hlc', name: 'Last write wins (hybrid logical clock)', config: { kind: 'lww', clock: 'hlc' } },
  { id: 'lww-cassandra', name: 'LWW, Cassandra tie rule', config: { kind: 'lww', tieBreak: 'larger-value' } },
  { id: 'lww-pglogical', name: 'LWW, pglogical apply-remote', config: { kind: 'lww', tieBreak: 'apply-remote' } },
  { id: 'merge', name: 'Merge values', config: { kind: 'merge' } },
  { id: 'custom-write', name: 'Custom on write (datacenter priority)', config: { kind: 'custom', on: 'write' } },
  { id: 'custom-read', name: 'Custom on read (siblings)', config: { kind: 'custom', on: 'read' } },
  { id: 'crdt', name: 'CRDTs (add-wins set, MV-register)', config: { kind: 'crdt' } },
  { id: 'ot', name: 'Operational transformation (star only)', config: { kind: 'ot' } },
];

const same = (a: StrategyConfig, b: StrategyConfig) =>
  Object.entries(b).every(([k, v]) => (a as unknown as Record<string, unknown>)[k] === v);

export function StrategyPicker() {
  const current = useLab((s) => s.snapshot.strategy);
  const actions = useLab((s) => s.actions);
  const selected = strategyPresets.find((p) => same(current, p.config))?.id ?? 'lww';
  return (
    <label className="mll-strategy">
      Conflict resolution{' '}
      <select
        value={selected}
        onChange={(e) => {
          const preset = strategyPresets.find((p) => p.id === e.target.value);
          if (preset) actions.setStrategy(preset.config);
        }}
      >
        {strategyPresets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
