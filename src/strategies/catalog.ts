import * as v from 'valibot';
import type { KeyType } from '../core/types';
import { crdtStrategy, type CrdtStrategyConfig } from './crdt';
import { type CustomResolverName, customStrategy, type CustomStrategyConfig } from './custom';
import type {
  ClusterShape,
  OptionInfo,
  PickerEntry,
  RegisteredNames,
  StrategyEnv,
  StrategyModule,
  StrategyProblem,
} from './define';
import { type LwwClock, type LwwGranularity, lwwStrategy, type LwwStrategyConfig, type LwwTieBreak } from './lww';
import { mergeStrategy, type MergeStrategyConfig } from './merge';
import { otStrategy, type OtStrategyConfig } from './ot';

/**
 * The strategy catalog: every conflict strategy the lab has, each declared once in its own
 * module with `defineStrategy`. Everything that lists strategies or their options reads it:
 * config validation (`checkStrategy`), the registry's factories, the strategy picker and the
 * Storybook controls (`strategyArgTypes`).
 */
export type { RegisteredNames, StrategyEnv, StrategyProblem } from './define';
export type {
  CrdtStrategyConfig,
  CustomResolverName,
  CustomStrategyConfig,
  LwwClock,
  LwwGranularity,
  LwwStrategyConfig,
  LwwTieBreak,
  MergeStrategyConfig,
  OtStrategyConfig,
};
export type StrategyConfig =
  LwwStrategyConfig | MergeStrategyConfig | CustomStrategyConfig | CrdtStrategyConfig | OtStrategyConfig;

/** The strategies in the order the picker lists them. */
export const catalog: readonly StrategyModule[] = [
  lwwStrategy,
  mergeStrategy,
  customStrategy,
  crdtStrategy,
  otStrategy,
] as readonly StrategyModule[];

/** The catalog's module for `kind`, or undefined. */
export function strategyModule(kind: string): StrategyModule | undefined {
  return catalog.find((m) => m.kind === kind);
}

/**
 * The schema of any strategy config: one strict object per kind, each derived from its
 * module's options. (Typed by hand: valibot cannot infer the union from a list built at run time.)
 */
export const strategySchema = v.variant(
  'kind',
  catalog.map((m) => m.schema),
) as unknown as v.GenericSchema<unknown, StrategyConfig>;

/** The names registered in createSimulation's options (its resolvers and merges), for validation. */
export function registeredNames(options: {
  readonly resolvers?: Readonly<Record<string, unknown>>;
  readonly merges?: Readonly<Record<string, unknown>>;
}): RegisteredNames {
  return { resolvers: Object.keys(options.resolvers ?? {}), merges: Object.keys(options.merges ?? {}) };
}

/**
 * Checks and normalises a strategy config: its shape, registered names, and the strategy's
 * own checks. Never throws; each problem names its path from the strategy (`tieBreak`).
 * @example checkStrategy({ kind: 'lww' }, { registered: { resolvers: [], merges: [] } })
 * // { ok: true, config: { kind: 'lww', clock: 'physical', tieBreak: 'higher-node-id' } }
 */
export function checkStrategy(
  input: unknown,
  env: StrategyEnv,
): { ok: true; config: StrategyConfig } | { ok: false; problems: readonly StrategyProblem[] } {
  const parsed = v.safeParse(strategySchema, input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
    };
  }
  const module = strategyModule(parsed.output.kind) as StrategyModule;
  const result = module.normalize(parsed.output, env);
  return result.ok ? { ok: true, config: result.config as StrategyConfig } : result;
}

/** Why `config` cannot run on this cluster (OT among three peers), or null. */
export function strategyMisfit(config: StrategyConfig, cluster: ClusterShape): string | null {
  return strategyModule(config.kind)?.misfit(config, cluster) ?? null;
}

/** Every line of the picker's strategy menu, in catalog order. */
export const pickerEntries: readonly PickerEntry[] = catalog.flatMap((m) => m.entries);

/** The picker entry a config belongs to: the first of its kind whose fixed options it has. */
export function entryOf(config: StrategyConfig): PickerEntry {
  const record = config as unknown as Record<string, unknown>;
  const entry = pickerEntries.find(
    (e) => e.kind === config.kind && Object.entries(e.fixed).every(([k, want]) => record[k] === want),
  );
  if (!entry) throw new Error(`no picker entry for strategy "${config.kind}"`);
  return entry;
}

/**
 * The options the picker shows for `config`: those that apply and its entry does not fix; with
 * `keyTypes` (the cluster's), also only those that change something for one of its keys (no
 * granularity menu on a cluster of registers).
 */
export function shownOptions(config: StrategyConfig, keyTypes?: readonly KeyType[]): readonly OptionInfo[] {
  const entry = entryOf(config);
  const record = config as unknown as Record<string, unknown>;
  const options = strategyModule(config.kind)?.options ?? [];
  return options.filter(
    (o) =>
      !(o.key in entry.fixed) &&
      Object.entries(o.when).every(([k, want]) => (record[k] ?? entry.fixed[k]) === want) &&
      (!keyTypes || !o.keyTypes || o.keyTypes.some((t) => keyTypes.includes(t))),
  );
}

/** The config an entry starts from: its kind and fixed options (the model fills in defaults). */
export function entryConfig(entry: PickerEntry): StrategyConfig {
  return { kind: entry.kind, ...entry.fixed } as StrategyConfig;
}

/** The name of a Storybook arg for an option: its kind and key, e.g. `lwwTieBreak`. */
const argName = (kind: string, key: string) => `${kind}${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** One Storybook control, in Storybook's own argTypes shape (plain data: no Storybook import). */
export interface StrategyArgType {
  readonly name: string;
  readonly description: string;
  readonly control: { readonly type: 'select' | 'inline-radio'; readonly labels: Readonly<Record<string, string>> };
  readonly options: readonly string[];
  /** Shown only while the `strategy` arg is this picker entry. */
  readonly if?: { readonly arg: 'strategy'; readonly eq: string };
  readonly table: { readonly category: string };
}

/**
 * Storybook controls for the strategy and every option, derived from the catalog: the
 * `strategy` arg takes a picker entry id (`lww`, `custom-write`...), and each option is an
 * arg named by kind and key (`lwwClock`, `lwwTieBreak`, `customResolver`, `crdtSet`...),
 * shown only while its strategy is chosen. `strategyFromArgs` turns the args into a config.
 * @example argTypes: { ...strategyArgTypes() }, args: { ...strategyArgDefaults() }
 */
export function strategyArgTypes(): Readonly<Record<string, StrategyArgType>> {
  const controls: Record<string, StrategyArgType> = {
    strategy: {
      name: 'Conflict resolution',
      description: 'The conflict strategy',
      control: { type: 'select', labels: Object.fromEntries(pickerEntries.map((e) => [e.id, e.label])) },
      options: pickerEntries.map((e) => e.id),
      table: { category: 'strategy' },
    },
  };
  for (const entry of pickerEntries) {
    for (const o of shownOptions(entryConfig(entry))) {
      controls[argName(entry.kind, o.key)] = {
        name: o.label,
        description: o.description,
        control: {
          type: o.choices.length <= 3 ? 'inline-radio' : 'select',
          labels: Object.fromEntries(o.choices.map((c) => [c.value, c.label])),
        },
        options: o.choices.map((c) => c.value),
        if: { arg: 'strategy', eq: entry.id },
        table: { category: 'strategy' },
      };
    }
  }
  return controls;
}

/** The args `strategyArgTypes` describes, at the catalog's defaults (last write wins). */
export function strategyArgDefaults(): Readonly<Record<string, string>> {
  const args: Record<string, string> = { strategy: pickerEntries[0]?.id ?? 'lww' };
  for (const entry of pickerEntries) {
    for (const o of shownOptions(entryConfig(entry))) {
      const value = o.default ?? o.choices[0]?.value;
      if (value !== undefined) args[argName(entry.kind, o.key)] = value;
    }
  }
  return args;
}

/**
 * The strategy config that Storybook args name (see `strategyArgTypes`).
 * @example strategyFromArgs({ strategy: 'lww', lwwClock: 'hlc' }) // { kind: 'lww', clock: 'hlc' }
 */
export function strategyFromArgs(args: Readonly<Record<string, unknown>>): StrategyConfig {
  const entry = pickerEntries.find((e) => e.id === args.strategy);
  if (!entry)
    throw new Error(
      `no strategy "${String(args.strategy)}" in the picker (${pickerEntries.map((e) => e.id).join(', ')})`,
    );
  const config: Record<string, unknown> = { ...entryConfig(entry) };
  for (const o of shownOptions(entryConfig(entry))) {
    const value = args[argName(entry.kind, o.key)];
    if (typeof value === 'string') config[o.key] = value;
  }
  return config as unknown as StrategyConfig;
}
