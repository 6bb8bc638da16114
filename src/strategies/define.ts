import * as v from 'valibot';
import type { KeyType, TopologyConfig } from '../core/types';
import type { Strategy, StrategyContext } from './types';

/**
 * `defineStrategy`: how one strategy module declares everything the rest of the lab needs
 * to know about it — its kind, title and one-line description, its options (each with a
 * label, a sentence, its choices and its default), any extra data fields, the checks a
 * schema cannot express, and its factory. The config schema, the defaults, normalisation,
 * the picker's lists and the Storybook controls are all derived from this one declaration,
 * so a new choice (an LWW tie rule, a set CRDT) is written in one place: its module.
 */

/** What a value of an option looks like to a student: a short label and one sentence. */
export interface ChoiceInfo {
  readonly label: string;
  readonly description: string;
}

/** Names registered in code (createSimulation's options) that a config may refer to. */
export interface RegisteredNames {
  readonly resolvers: readonly string[];
  readonly merges: readonly string[];
}

/** What a strategy config is checked against beyond its own shape. */
export interface StrategyEnv {
  readonly registered: RegisteredNames;
  /** The config's keys, for options that name keys (merge functions); absent: not checked. */
  readonly keys?: Readonly<Record<string, KeyType>>;
}

/** One problem found in a strategy config; `path` is relative to the strategy (e.g. `tieBreak`). */
export interface StrategyProblem {
  readonly path: string;
  readonly message: string;
}

/** The cluster a strategy would run on, for strategies that cannot run on every one. */
export interface ClusterShape {
  readonly topology: TopologyConfig;
  readonly leaders: number;
}

/**
 * One option of a strategy.
 * @example { label: 'Clock', description: 'Which timestamp orders writes.', choices: { physical: {...}, hlc: {...} }, default: 'physical' }
 */
export interface OptionSpec<T extends string = string> {
  readonly label: string;
  readonly description: string;
  /** Every value the option takes, in the order the picker lists them. */
  readonly choices: Readonly<Record<T, ChoiceInfo>>;
  /** The value when a config leaves the option out; none: a config must name it. */
  readonly default?: NoInfer<T>;
  /** Names registered in code under this list are accepted besides the choices (resolvers). */
  readonly registered?: keyof RegisteredNames;
  /** The option applies only while earlier options have these values (a resolver: on write only). */
  readonly when?: Readonly<Record<string, string>>;
  /**
   * The option changes nothing unless the cluster has a key of one of these types (LWW's
   * granularity: records and sets); the lab's picker hides it otherwise. Absent: every cluster.
   */
  readonly keyTypes?: readonly KeyType[];
}

/** An option as the picker, the stories and the validation read it (erased of its type). */
export interface OptionInfo {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly choices: readonly ({ readonly value: string } & ChoiceInfo)[];
  readonly default: string | undefined;
  readonly registered: keyof RegisteredNames | undefined;
  readonly when: Readonly<Record<string, string>>;
  /** The key types the option matters for; null: all. */
  readonly keyTypes: readonly KeyType[] | null;
}

/** One line of the picker's strategy menu: a strategy with some options fixed (custom on read). */
export interface PickerEntry {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  /** The options this entry fixes; the picker does not show them. */
  readonly fixed: Readonly<Record<string, string>>;
}

type Keys<C> = C extends unknown ? keyof C : never;
type ValueAt<C, K extends PropertyKey> = C extends unknown ? (K extends keyof C ? C[K] : never) : never;
type OwnKeys<C> = Exclude<Keys<C>, 'kind'>;
/** The keys of a config whose values are names (the options); the rest are data fields. */
type OptionKeys<C> = {
  [K in OwnKeys<C>]: NonNullable<ValueAt<C, K>> extends string ? K : never;
}[OwnKeys<C>];
type FieldKeys<C> = Exclude<OwnKeys<C>, OptionKeys<C>>;

/** Builds the strategy a config names (OT builds its fallback for other keys with it). */
export type BuildStrategy = (config: { readonly kind: string }) => Strategy;

export interface StrategyDefinition<C extends { readonly kind: string }> {
  readonly kind: C['kind'];
  /** The name the picker shows, e.g. 'Last write wins'. */
  readonly title: string;
  /** One sentence on what it does. */
  readonly description: string;
  readonly options: { readonly [K in OptionKeys<C>]-?: OptionSpec<NonNullable<ValueAt<C, K>> & string> };
  /** Data fields that are not picked from a list (merge functions by key), with their schemas. */
  readonly fields?: { readonly [K in FieldKeys<C>]-?: v.GenericSchema };
  /** Picker entries; default: one entry named by the title. */
  readonly entries?: readonly {
    readonly id: string;
    readonly label: string;
    readonly description: string;
    readonly fixed: Partial<Record<OptionKeys<C>, string>>;
  }[];
  /** Checks a schema cannot express, on the normalised config; paths relative to the strategy. */
  check?(config: C, env: StrategyEnv): readonly StrategyProblem[];
  /** Why this strategy cannot run on this cluster, or null. */
  misfit?(config: C, cluster: ClusterShape): string | null;
  /** The factory; it gets the config with every default filled in. */
  create(config: C, ctx: StrategyContext, build: BuildStrategy): Strategy;
}

/** A strategy module as the catalog holds it: its declaration and what is derived from it. */
export interface StrategyModule<C extends { readonly kind: string } = { readonly kind: string }> {
  readonly kind: C['kind'];
  readonly title: string;
  readonly description: string;
  readonly options: readonly OptionInfo[];
  /** The data fields (not options): what a page configures once, like merge functions by key. */
  readonly fields: readonly string[];
  readonly entries: readonly PickerEntry[];
  /** The valibot schema of the input config (every option optional unless it has no default). */
  readonly schema: v.StrictObjectSchema<
    { readonly kind: v.LiteralSchema<string, undefined> } & v.ObjectEntries,
    undefined
  >;
  /** The config with its defaults filled in and options that do not apply left out. */
  withDefaults(config: C): C;
  /** Checks a config that passed the schema: registered names, `when`, the module's own checks. */
  normalize(config: C, env: StrategyEnv): { ok: true; config: C } | { ok: false; problems: readonly StrategyProblem[] };
  misfit(config: C, cluster: ClusterShape): string | null;
  create(config: C, ctx: StrategyContext, build: BuildStrategy): Strategy;
}

const nouns: Record<keyof RegisteredNames, string> = { resolvers: 'resolver', merges: 'merge function' };

/** A name registered in code, as a config may write it. */
export const registeredName = (noun: string) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, `a ${noun} name is 1 to 40 letters, digits, _ or -`));

/** What a refused registered name says: what the page has, so the author can fix the name. */
export function unregistered(
  list: keyof RegisteredNames,
  name: string,
  env: StrategyEnv,
  builtIn: readonly string[] = [],
) {
  const registered = env.registered[list];
  const has = registered.length > 0 ? registered.join(', ') : 'none';
  const builtInText = builtIn.length > 0 ? `built in: ${builtIn.join(', ')}; ` : '';
  return `no ${nouns[list]} "${name}" is registered on this page (${builtInText}registered: ${has})`;
}

/**
 * Declares a strategy module; see the file comment.
 * @example export const lwwStrategy = defineStrategy<LwwStrategyConfig>({ kind: 'lww', title: 'Last write wins', ... })
 */
export function defineStrategy<C extends { readonly kind: string }>(def: StrategyDefinition<C>): StrategyModule<C> {
  const options: OptionInfo[] = Object.entries<OptionSpec>(def.options as Record<string, OptionSpec>).map(
    ([key, o]) => ({
      key,
      label: o.label,
      description: o.description,
      choices: Object.entries<ChoiceInfo>(o.choices).map(([value, c]) => ({
        value,
        label: c.label,
        description: c.description,
      })),
      default: o.default,
      registered: o.registered,
      when: o.when ?? {},
      keyTypes: o.keyTypes ?? null,
    }),
  );
  const entries: PickerEntry[] = (
    def.entries ?? [{ id: def.kind, label: def.title, description: def.description, fixed: {} }]
  ).map((e) => ({ ...e, kind: def.kind, fixed: e.fixed as Record<string, string> }));

  const optionSchema = (o: OptionInfo): v.GenericSchema => {
    const values = o.choices.map((c) => c.value);
    const base = o.registered ? registeredName(nouns[o.registered]) : v.picklist(values);
    return o.default === undefined ? base : v.optional(base);
  };
  const schema = v.strictObject({
    kind: v.literal(def.kind),
    ...Object.fromEntries(options.map((o) => [o.key, optionSchema(o)])),
    ...(def.fields as Record<string, v.GenericSchema> | undefined),
  });

  /** Fill the defaults of the options that apply; problems for options given where they do not. */
  function fill(config: C, problems: StrategyProblem[] | null): C {
    const input = config as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = { kind: def.kind };
    for (const o of options) {
      const applies = Object.entries(o.when).every(([k, want]) => out[k] === want);
      if (!applies) {
        if (input[o.key] !== undefined && problems) {
          const cond = Object.entries(o.when).map(([k, want]) => `${k} "${want}"`);
          problems.push({ path: o.key, message: `applies only with ${cond.join(' and ')}` });
        }
        continue;
      }
      const value = input[o.key] ?? o.default;
      if (value !== undefined) out[o.key] = value;
    }
    for (const key of Object.keys(def.fields ?? {})) if (input[key] !== undefined) out[key] = input[key];
    return out as C;
  }

  return {
    kind: def.kind,
    title: def.title,
    description: def.description,
    options,
    fields: Object.keys(def.fields ?? {}),
    entries,
    schema: schema,
    withDefaults: (config) => fill(config, null),
    normalize(config, env) {
      const problems: StrategyProblem[] = [];
      const out = fill(config, problems);
      const record = out as unknown as Record<string, unknown>;
      for (const o of options) {
        const value = record[o.key];
        if (o.registered === undefined || typeof value !== 'string') continue;
        const builtIn = o.choices.map((c) => c.value);
        if (!builtIn.includes(value) && !env.registered[o.registered].includes(value)) {
          problems.push({ path: o.key, message: unregistered(o.registered, value, env, builtIn) });
        }
      }
      if (problems.length === 0) problems.push(...(def.check?.(out, env) ?? []));
      return problems.length > 0 ? { ok: false, problems } : { ok: true, config: out };
    },
    misfit: (config, cluster) => def.misfit?.(config, cluster) ?? null,
    create: (config, ctx, build) => def.create(config, ctx, build),
  };
}
