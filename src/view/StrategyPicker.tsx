import type {
  CrdtStrategyConfig,
  CustomResolverName,
  LwwClock,
  LwwGranularity,
  LwwTieBreak,
  OtStrategyConfig,
  StrategyConfig,
} from '../model';
import { useEffect, useRef } from 'react';
import { entryConfig, entryOf, pickerEntries, shownOptions, strategyModule } from '../strategies/catalog';
import type { CustomReadSystem } from '../strategies/custom';
import type { OptionInfo } from '../strategies/define';
import { useLab } from './LabContext';

/**
 * The conflict strategy and the options of the one in force, all read from the strategy
 * catalog (src/strategies/catalog.ts): the menus, their labels and the one-line descriptions
 * (shown as each select's and option's title). A strategy or a choice added to its module
 * shows up here with no change to this file.
 */
export type Choice<T extends string> = readonly {
  readonly value: T;
  readonly name: string;
  readonly description: string;
}[];

/** The picker's entry ids (the stories' `strategy` arg; `strategyArgTypes` in the catalog derives the same). */
export type Kind = 'lww' | 'merge' | 'custom-write' | 'custom-read' | 'crdt' | 'ot';

/** The choices of one option of a strategy in the catalog. */
function choicesOf<T extends string>(kind: StrategyConfig['kind'], key: string): Choice<T> {
  const option = strategyModule(kind)?.options.find((o) => o.key === key);
  return (option?.choices ?? []).map((c) => ({ value: c.value as T, name: c.label, description: c.description }));
}

/** The picker's strategy menu (catalog entries); the exports below are its option lists. */
export const strategyKinds: Choice<Kind> = pickerEntries.map((e) => ({
  value: e.id as Kind,
  name: e.label,
  description: e.description,
}));
export const clocks: Choice<LwwClock> = choicesOf('lww', 'clock');
export const tieBreaks: Choice<LwwTieBreak> = choicesOf('lww', 'tieBreak');
export const granularities: Choice<LwwGranularity> = choicesOf('lww', 'granularity');
export const resolvers: Choice<CustomResolverName> = choicesOf('custom', 'resolver');
export const readSystems: Choice<CustomReadSystem> = choicesOf('custom', 'system');
export const sets: Choice<NonNullable<CrdtStrategyConfig['set']>> = choicesOf('crdt', 'set');
export const registers: Choice<NonNullable<CrdtStrategyConfig['register']>> = choicesOf('crdt', 'register');
export const fallbacks: Choice<NonNullable<OtStrategyConfig['fallback']>> = choicesOf('ot', 'fallback');

/** One labelled select; `value` always comes from the snapshot, so a refused change snaps back. */
function Select(props: {
  label: string;
  description: string;
  value: string;
  choices: readonly { readonly value: string; readonly label: string; readonly description: string }[];
  onChange: (value: string) => void;
}) {
  const { label, description, value, choices, onChange } = props;
  // A name registered in code (a resolver from the lab's options) is shown under its own name.
  const all = choices.some((c) => c.value === value)
    ? choices
    : [...choices, { value, label: value, description: `"${value}", registered in code` }];
  return (
    <label>
      {label}{' '}
      <select
        value={value}
        title={description}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      >
        {all.map((c) => (
          <option key={c.value} value={c.value} title={c.description}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The conflict strategy and the options of the one in force. The snapshot's (normalized)
 * strategy drives what is shown; each change re-runs the same history under the new rule.
 * Over a long history the re-run goes in slices: the menus show the strategy asked for, a
 * progress bar says how far the re-run has got, and the picture stays until it is ready.
 */
export function StrategyPicker() {
  const inForce = useLab((s) => s.snapshot.strategy);
  const switching = useLab((s) => s.switching);
  const current = switching?.strategy ?? inForce;
  const actions = useLab((s) => s.actions);
  // Options that change nothing on this cluster's keys stay out of the way (granularity on registers).
  const keyTypes = Object.values(useLab((s) => s.config.keys));
  const entry = entryOf(current);
  const record = current as unknown as Readonly<Record<string, unknown>>;
  // Data fields (a merge config's functions by key) are the page's setup, not a choice made
  // here: switching away and back keeps the last ones seen for that kind.
  const fieldsSeen = useRef<Record<string, Record<string, unknown>>>({});
  useEffect(() => {
    const fields = strategyModule(current.kind)?.fields ?? [];
    const seen = Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
    if (Object.keys(seen).length > 0) fieldsSeen.current[current.kind] = seen;
  }, [current, record]);
  const setOption = (o: OptionInfo, value: string) => {
    actions.setStrategy({ ...current, [o.key]: value });
  };
  return (
    <div className="mll-strategy" role="group" aria-label="Conflict resolution and its options">
      <Select
        label="Conflict resolution"
        description={entry.description}
        value={entry.id}
        choices={pickerEntries.map((e) => ({ value: e.id, label: e.label, description: e.description }))}
        onChange={(id) => {
          const next = pickerEntries.find((e) => e.id === id);
          if (next) actions.setStrategy({ ...entryConfig(next), ...fieldsSeen.current[next.kind] });
        }}
      />
      {shownOptions(current, keyTypes).map((o) => {
        const value = record[o.key];
        return (
          <Select
            key={o.key}
            label={o.label}
            description={o.description}
            value={typeof value === 'string' ? value : (o.default ?? '')}
            choices={o.choices}
            onChange={(v) => {
              setOption(o, v);
            }}
          />
        );
      })}
      {switching && (
        <SwitchProgress label={entry.label} progress={switching.progress} onCancel={actions.cancelSwitch} />
      )}
    </div>
  );
}

/** A switch under way: how far the re-run has got, and a way to keep the strategy in force. */
function SwitchProgress({ label, progress, onCancel }: { label: string; progress: number; onCancel: () => void }) {
  const percent = Math.floor(progress * 100);
  return (
    <span className="mll-strategy-progress">
      <progress max={100} value={percent} aria-label={`Re-running the history under ${label}`} />{' '}
      {/* Said once when the switch starts (a status repeating every percent would be noise); the bar carries the rest. */}
      <span role="status">Re-running the history under {label}…</span> <span aria-hidden="true">{percent} %</span>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
