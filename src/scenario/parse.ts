import * as v from 'valibot';
import { createSimulation, type Simulation, SimulationError, type SimulationOptions } from '../model';
import { checkCommands } from './check';
import { LIMITS } from './limits';
import { fromDotPath } from './path';
import { describeThrown, type Plain, toPlain } from './plain';
import { namedFunctions, type Registered, unregisteredNames } from './registered';
import { replayErrors } from './replay';
import { issueToError, scenarioSchema } from './schema';
import { SCENARIO_FORMAT, type ParseResult, type Scenario, type ScenarioError } from './types';

/**
 * Parse anything into a scenario, or into a list of errors each naming its path. It never
 * throws. Gates, cheapest first: size (a string is measured before JSON.parse), a bounded copy
 * into plain data (`plain.ts`), the format tag, the shapes (`schema.ts`), the config through the
 * model's own validation, the commands against the config (`check.ts`), and a replay in the
 * model (`replay.ts`). The scenario returned is a fresh object built from the copy: nothing in
 * the input (prototypes, getters, Proxies) is reachable from it.
 *
 * @example
 * const r = parseScenario(JSON.parse(text), { resolvers: ['my-resolver'] });
 * if (!r.ok) for (const e of r.errors) console.log(`${e.path}: ${e.message}`);
 */
export function parseScenario(input: unknown, registered?: Registered): ParseResult {
  try {
    return parse(input, registered);
  } catch (e) {
    // Every gate is meant to answer rather than throw; this is the last line, not the plan.
    return fail([{ path: '', message: `this scenario could not be read (${describeThrown(e)})` }]);
  }
}

function fail(errors: ScenarioError[]): ParseResult {
  if (errors.length <= LIMITS.maxErrors) return { ok: false, errors };
  const more = errors.length - LIMITS.maxErrors;
  return {
    ok: false,
    errors: [...errors.slice(0, LIMITS.maxErrors), { path: '', message: `and ${String(more)} more problems` }],
  };
}

function parse(input: unknown, registered: Registered | undefined): ParseResult {
  let data: unknown = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.maxTextChars) {
      return fail([
        {
          path: '',
          message: `too much text: ${input.length.toLocaleString('en')} characters (a scenario is at most ${LIMITS.maxTextChars.toLocaleString('en')})`,
        },
      ]);
    }
    try {
      data = JSON.parse(input);
    } catch (e) {
      return fail([{ path: '', message: `not valid JSON (${describeThrown(e)})` }]);
    }
  }
  const copied = toPlain(data);
  if (!copied.ok) return fail([copied.error]);
  const plain = copied.value;
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return fail([{ path: '', message: `a scenario is an object with "format": "${SCENARIO_FORMAT}"` }]);
  }
  const quick = quickRefusal(plain);
  if (quick !== null) return fail([quick]);

  const errors: ScenarioError[] = [];
  const shaped = v.safeParse(scenarioSchema, plain);
  if (!shaped.success) errors.push(...shaped.issues.map((issue) => issueToError(issue)));

  const named = namedFunctions(plain.config);
  errors.push(...unregisteredNames(named, registered));
  const options = standInOptions(named);
  const sim = typeof plain.config === 'object' ? configErrors(plain.config, options, errors) : null;

  if (!shaped.success || sim === null || errors.length > 0) return fail(errors);
  const checked = checkCommands(shaped.output.commands, sim.config, sim.snapshot().links);
  const last = shaped.output.commands.at(-1);
  if (shaped.output.end !== undefined && last !== undefined && shaped.output.end < last.at) {
    checked.errors.push({
      path: 'end',
      message: `the run cannot end (${String(shaped.output.end)}) before its last command (${String(last.at)})`,
    });
  }
  if (checked.errors.length > 0) return fail(checked.errors);

  // The model validated the config; the shapes and checks above are the Command types.
  const scenario = { ...shaped.output, commands: checked.commands } as unknown as Scenario;
  const refused = replayErrors(scenario, options);
  return refused.length > 0 ? fail(refused) : { ok: true, scenario };
}

/** Refusals that make every other check pointless: the wrong format, too many commands. */
function quickRefusal(plain: { [key: string]: Plain }): ScenarioError | null {
  if (plain.format !== SCENARIO_FORMAT) {
    return {
      path: 'format',
      message:
        plain.format === undefined
          ? `not a Multi-Leader Lab scenario: it has no "format": "${SCENARIO_FORMAT}"`
          : `not a scenario this lab reads: the format is ${JSON.stringify(plain.format).slice(0, 60)}, expected "${SCENARIO_FORMAT}"`,
    };
  }
  if (Array.isArray(plain.commands) && plain.commands.length > LIMITS.maxCommands) {
    return {
      path: 'commands',
      message: `too many commands: ${plain.commands.length.toLocaleString('en')} (at most ${LIMITS.maxCommands.toLocaleString('en')})`,
    };
  }
  return null;
}

/**
 * Functions that stand in for the ones the config names, so the model accepts the config and
 * replays the commands without the page's code. Outcomes that depend on what a registered
 * function picks may differ from the page's; refusals (what parsing looks for) rarely do.
 */
function standInOptions(named: ReturnType<typeof namedFunctions>): SimulationOptions {
  const resolvers = named.filter((f) => f.kind === 'resolver').map((f) => [f.name, (a: unknown) => a] as const);
  const merges = named.filter((f) => f.kind === 'merge').map((f) => [f.name, (a: unknown) => a] as const);
  return {
    ...(resolvers.length > 0 ? { resolvers: Object.fromEntries(resolvers) as SimulationOptions['resolvers'] } : {}),
    ...(merges.length > 0 ? { merges: Object.fromEntries(merges) as SimulationOptions['merges'] } : {}),
  };
}

/** The config through the model's own validation; its problems pushed with `config.` paths. */
function configErrors(config: Plain, options: SimulationOptions, errors: ScenarioError[]): Simulation | null {
  try {
    return createSimulation(config as never, options);
  } catch (e) {
    if (!(e instanceof SimulationError)) {
      errors.push({ path: 'config', message: `the model cannot start from this config (${describeThrown(e)})` });
      return null;
    }
    const details = e.details.length > 0 ? e.details : [e.message];
    // The model's strategy check lists bare messages: they are about the strategy.
    const where = e.message.startsWith('Invalid strategy') ? 'config.strategy' : 'config';
    for (const detail of details) errors.push(configError(detail, where));
    return null;
  }
}

/** `nodes.1.id: ids are ...` → `{ path: 'config.nodes[1].id', message: 'ids are ...' }`. */
export function configError(detail: string, fallback = 'config'): ScenarioError {
  const m = /^([A-Za-z0-9_.]+|\(config\)): (.*)$/s.exec(detail);
  if (m === null) return { path: fallback, message: detail };
  const where = m[1] === '(config)' ? '' : (m[1] ?? '');
  return { path: fromDotPath(where, ['config']), message: m[2] ?? detail };
}
