import * as v from 'valibot';
import type { KeyType } from '../model';
import { LIMITS, SCENARIO_ID } from './limits';
import { formatPath, type PathSegment } from './path';
import { SCENARIO_FORMAT, type ScenarioError } from './types';

/**
 * The shapes of a scenario and of every command, as valibot schemas. They check what can be
 * seen without the config (types, ranges, unknown fields); which leaders, keys and links
 * exist, and which operations fit which key, is checked against the config afterwards
 * (`check.ts`). The config itself is left to the model's own validation.
 */

const time = v.pipe(
  v.number('a time is a number of ms'),
  v.finite('a time must be finite'),
  v.minValue(0, 'a time cannot be negative'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'a time must be at most 2^53 − 1 ms (Number.MAX_SAFE_INTEGER)'),
);

const name = v.string('a name is a string');
const nonEmpty = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));
const index = v.pipe(v.number('must be a number'), v.safeInteger('must be an integer'), v.minValue(0, 'must be ≥ 0'));
const integer = v.pipe(v.number('must be a number'), v.safeInteger('must be a safe integer'));

/** Every operation name a write may carry (which fit which key type is `opSchemas`). */
export const OP_TYPES = [
  'set',
  'delete',
  'add',
  'remove',
  'increment',
  'insert',
  'replace',
  'insertRow',
  'updateRow',
  'deleteRow',
  'set-field',
] as const;

const rowId = v.pipe(v.number('must be a number'), v.safeInteger('must be an integer'), v.minValue(1, 'must be ≥ 1'));
const fieldName = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_]{1,32}$/, 'a field name is 1 to 32 letters, digits or underscores'),
  v.check((name) => !(name in Object.prototype), 'that name is reserved (it is a property of every object)'),
);

/** The operations each key type takes, with their fields. */
export const opSchemas: Readonly<Record<KeyType, v.GenericSchema>> = {
  register: v.variant('type', [
    v.strictObject({ type: v.literal('set'), value: v.string('must be a string') }),
    v.strictObject({ type: v.literal('delete') }),
    v.strictObject({ type: v.literal('replace'), value: v.nullable(v.string('must be a string or null')) }),
  ]),
  set: v.variant('type', [
    v.strictObject({ type: v.literal('add'), item: nonEmpty }),
    v.strictObject({ type: v.literal('remove'), item: nonEmpty }),
    v.strictObject({ type: v.literal('replace'), value: v.array(nonEmpty, 'must be an array of strings') }),
  ]),
  counter: v.variant('type', [
    v.strictObject({ type: v.literal('increment'), by: integer }),
    v.strictObject({ type: v.literal('replace'), value: integer }),
  ]),
  text: v.variant('type', [
    v.strictObject({ type: v.literal('insert'), index, text: nonEmpty }),
    v.strictObject({
      type: v.literal('delete'),
      index,
      length: v.pipe(v.number('must be a number'), v.safeInteger('must be an integer'), v.minValue(1, 'must be ≥ 1')),
    }),
    v.strictObject({ type: v.literal('replace'), value: v.string('must be a string') }),
  ]),
  table: v.variant('type', [
    v.strictObject({ type: v.literal('insertRow'), value: v.string('must be a string') }),
    v.strictObject({ type: v.literal('updateRow'), id: rowId, value: v.string('must be a string') }),
    v.strictObject({ type: v.literal('deleteRow'), id: rowId }),
  ]),
  record: v.variant('type', [
    v.strictObject({
      type: v.literal('set-field'),
      field: fieldName,
      value: v.nullable(v.string('must be a string or null')),
    }),
    v.strictObject({
      type: v.literal('replace'),
      value: v.pipe(
        v.custom<Record<string, unknown>>(
          (o) =>
            typeof o === 'object' &&
            o !== null &&
            !Array.isArray(o) &&
            Object.keys(o).every((k) => !(k in Object.prototype)),
          'must be an object of named string fields',
        ),
        v.record(fieldName, v.string('must be a string')),
      ),
    }),
  ]),
};

/** The operations each key type takes, by name (for messages). */
export const OPS_BY_TYPE: Readonly<Record<KeyType, readonly string[]>> = {
  register: ['set', 'delete', 'replace'],
  set: ['add', 'remove', 'replace'],
  counter: ['increment', 'replace'],
  text: ['insert', 'delete', 'replace'],
  table: ['insertRow', 'updateRow', 'deleteRow'],
  record: ['set-field', 'replace'],
};

const opShape = v.looseObject(
  { type: v.picklist(OP_TYPES, `an operation's type is one of ${OP_TYPES.join(', ')}`) },
  'an operation is an object such as { "type": "set", "value": "A" }',
);

const nodeCommand = <T extends string>(type: T) => v.strictObject({ at: time, type: v.literal(type), node: name });
const linkCommand = <T extends string>(type: T) =>
  v.strictObject({ at: time, type: v.literal(type), a: name, b: name });

export const COMMAND_TYPES = [
  'write',
  'cut-link',
  'heal-link',
  'set-link-latency',
  'crash',
  'recover',
  'disconnect',
  'reconnect',
  'destroy',
  'set-clock-skew',
] as const;

export const commandSchema = v.variant(
  'type',
  [
    v.strictObject({
      at: time,
      type: v.literal('write'),
      node: name,
      key: name,
      op: opShape,
      context: v.optional(v.record(v.string(), index, 'a context is a version vector: { "leader": count }')),
    }),
    linkCommand('cut-link'),
    linkCommand('heal-link'),
    v.strictObject({
      at: time,
      type: v.literal('set-link-latency'),
      a: name,
      b: name,
      latencyMs: v.pipe(
        v.number('must be a number'),
        v.finite('must be finite'),
        v.minValue(1, 'a latency is from 1 to 600,000 ms'),
        v.maxValue(600_000, 'a latency is from 1 to 600,000 ms'),
      ),
    }),
    nodeCommand('crash'),
    nodeCommand('recover'),
    nodeCommand('disconnect'),
    nodeCommand('reconnect'),
    nodeCommand('destroy'),
    v.strictObject({
      at: time,
      type: v.literal('set-clock-skew'),
      node: name,
      skewMs: v.pipe(
        v.number('must be a number'),
        v.finite('must be finite'),
        v.minValue(-3_600_000, 'a clock skew is within ±1 h (±3,600,000 ms)'),
        v.maxValue(3_600_000, 'a clock skew is within ±1 h (±3,600,000 ms)'),
      ),
    }),
  ],
  `a command's type is one of ${COMMAND_TYPES.join(', ')}`,
);

export const scenarioSchema = v.strictObject(
  {
    format: v.literal(SCENARIO_FORMAT, `the format must be "${SCENARIO_FORMAT}"`),
    id: v.optional(v.pipe(v.string(), v.regex(SCENARIO_ID, 'an id is 1 to 64 letters, digits, "_" or "-"'))),
    title: v.optional(
      v.pipe(
        v.string('a title is a string'),
        v.maxLength(LIMITS.maxTitleChars, `a title is at most ${String(LIMITS.maxTitleChars)} characters`),
      ),
    ),
    description: v.optional(
      v.pipe(
        v.string('a description is a string'),
        v.maxLength(
          LIMITS.maxDescriptionChars,
          `a description is at most ${LIMITS.maxDescriptionChars.toLocaleString('en')} characters`,
        ),
      ),
    ),
    concepts: v.optional(
      v.pipe(
        v.array(v.pipe(v.string(), v.regex(SCENARIO_ID, 'a concept id is 1 to 64 letters, digits, "_" or "-"'))),
        v.maxLength(LIMITS.maxConcepts, `at most ${String(LIMITS.maxConcepts)} concepts`),
      ),
    ),
    config: v.looseObject({}, 'the config is an object (what createSimulation takes)'),
    commands: v.pipe(
      v.array(commandSchema, 'commands is an array'),
      v.maxLength(LIMITS.maxCommands, `at most ${LIMITS.maxCommands.toLocaleString('en')} commands`),
    ),
    end: v.optional(time),
    at: v.optional(time),
  },
  'a scenario is an object',
);

/** A valibot issue as a scenario error, its path under `prefix`. */
export function issueToError(issue: v.BaseIssue<unknown>, prefix: readonly PathSegment[] = []): ScenarioError {
  const segments = (issue.path ?? []).map((p) => p.key as PathSegment);
  const path = formatPath([...prefix, ...segments]);
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return { path, message: 'not a field here (misspelt, or from another version of the format?)' };
  }
  if (issue.type === 'variant' && issue.expected === 'Object') {
    return { path, message: `expected an object with a "type", got ${issue.received}` };
  }
  return { path, message: issue.message };
}
