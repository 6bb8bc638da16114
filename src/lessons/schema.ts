import * as v from 'valibot';
import { commandSchema, scenarioSchema } from '../scenario/schema';
import { CONFLICT_KINDS, type ConflictKind } from '../core/types';

/**
 * The lesson format as one valibot schema: what the app checks a lesson file with, what the
 * tests check the course with, and what `public/lesson.schema.json` (for editors) is generated
 * from (`jsonSchema.ts`). Messages are written for a teacher reading them next to a path.
 * What needs more than shapes (preset ids, leader names in conditions, one right choice) is
 * checked afterwards in `parse.ts`.
 */

export const LESSON_FORMAT = 'mll-lesson/1';

/** Ids of lessons and steps: what `#/lesson/<id>/<n>` carries. */
export const LESSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const LESSON_LIMITS = {
  maxTitleChars: 120,
  maxSummaryChars: 400,
  maxTextChars: 2_000,
  maxSteps: 20,
  maxHints: 5,
  maxWrongMoves: 5,
  maxShowMe: 30,
  maxConditionDepth: 6,
  /** Characters of a lesson file. */
  maxFileChars: 2_000_000,
} as const;

const id = (what: string) =>
  v.pipe(
    v.string(`${what} is a string`),
    v.regex(LESSON_ID, `${what} is 1 to 64 letters, digits, "_" or "-" (no spaces)`),
  );

const text = (what: string, max: number = LESSON_LIMITS.maxTextChars) =>
  v.pipe(
    v.string(`${what} is a string of text`),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(max, `${what} is at most ${max.toLocaleString('en')} characters`),
  );

const name = (what: string) => v.pipe(v.string(`${what} is a string`), v.minLength(1, `${what} must not be empty`));

/** Event types a task can wait for (the model's history event types). */
export const EVENT_TYPES = [
  'write',
  'ack',
  'reject',
  'forward',
  'send',
  'deliver',
  'apply',
  'drop',
  'buffer',
  'anomaly',
  'conflict',
  'cut-link',
  'heal-link',
  'set-link-latency',
  'crash',
  'recover',
  'disconnect',
  'reconnect',
  'set-clock-skew',
] as const;

export const CONDITION_TYPES = [
  'event',
  'link',
  'leader',
  'value',
  'converged',
  'strategy',
  'causal-delivery',
  'all',
  'any',
  'not',
] as const;

/** A condition over the lab: true once the learner has done what the task asks. */
export type Condition =
  | {
      readonly type: 'event';
      readonly event: (typeof EVENT_TYPES)[number];
      readonly node?: string;
      readonly key?: string;
      readonly peer?: string;
      readonly atLeast?: number;
      readonly distinctNodes?: number;
      /** With `event: "conflict"`: only row conflicts of this kind (`update-delete`, …). */
      readonly conflictKind?: ConflictKind;
    }
  | { readonly type: 'link'; readonly a: string; readonly b: string; readonly is: 'cut' | 'up' }
  | { readonly type: 'leader'; readonly node: string; readonly is: 'online' | 'offline' | 'crashed' }
  | {
      readonly type: 'value';
      readonly node: string;
      readonly key: string;
      readonly equals?: unknown;
      readonly includes?: string;
      readonly siblings?: number;
    }
  | { readonly type: 'converged'; readonly key: string }
  | { readonly type: 'strategy'; readonly is: Readonly<Record<string, unknown>> }
  | { readonly type: 'causal-delivery'; readonly is: boolean }
  | { readonly type: 'all' | 'any'; readonly of: readonly Condition[] }
  | { readonly type: 'not'; readonly condition: Condition };

const count = (what: string) =>
  v.pipe(
    v.number(`${what} is a number`),
    v.safeInteger(`${what} is a whole number`),
    v.minValue(1, `${what} is at least 1`),
  );

export const conditionSchema: v.GenericSchema<Condition> = v.variant(
  'type',
  [
    v.strictObject({
      type: v.literal('event'),
      event: v.picklist(EVENT_TYPES, `"event" is one of the model's event types: ${EVENT_TYPES.join(', ')}`),
      node: v.optional(name('"node" (a leader id)')),
      key: v.optional(name('"key"')),
      peer: v.optional(name('"peer" (a leader id)')),
      atLeast: v.optional(count('"atLeast"')),
      distinctNodes: v.optional(count('"distinctNodes"')),
      conflictKind: v.optional(
        v.picklist(CONFLICT_KINDS, `"conflictKind" is one of the row conflicts: ${CONFLICT_KINDS.join(', ')}`),
      ),
    }),
    v.strictObject({
      type: v.literal('link'),
      a: name('"a" (a leader id)'),
      b: name('"b" (a leader id)'),
      is: v.picklist(['cut', 'up'], '"is" is "cut" or "up"'),
    }),
    v.strictObject({
      type: v.literal('leader'),
      node: name('"node" (a leader id)'),
      is: v.picklist(['online', 'offline', 'crashed'], '"is" is "online", "offline" or "crashed"'),
    }),
    v.strictObject({
      type: v.literal('value'),
      node: name('"node" (a leader id)'),
      key: name('"key"'),
      equals: v.optional(v.unknown()),
      includes: v.optional(v.string('"includes" is a string (an item of a set, or part of a text)')),
      siblings: v.optional(count('"siblings"')),
    }),
    v.strictObject({ type: v.literal('converged'), key: name('"key"') }),
    v.strictObject({
      type: v.literal('strategy'),
      is: v.looseObject({}, '"is" is part of a strategy config, such as { "kind": "lww", "clock": "hlc" }'),
    }),
    v.strictObject({ type: v.literal('causal-delivery'), is: v.boolean('"is" is true or false') }),
    v.strictObject({
      type: v.picklist(['all', 'any']),
      of: v.pipe(
        v.array(
          v.lazy(() => conditionSchema),
          '"of" is a list of conditions',
        ),
        v.minLength(1, '"of" needs at least one condition'),
      ),
    }),
    v.strictObject({
      type: v.literal('not'),
      condition: v.lazy(() => conditionSchema),
    }),
  ],
  `a condition's "type" is one of ${CONDITION_TYPES.join(', ')}`,
);

const choiceSchema = v.strictObject(
  {
    text: text('a choice\'s "text"', 300),
    correct: v.boolean('"correct" is true or false'),
    why: text('"why" (the sentence shown after answering)', 600),
  },
  'a choice is an object with "text", "correct" and "why"',
);

export const predictSchema = v.strictObject(
  {
    question: text('the question', 400),
    choices: v.pipe(
      v.array(choiceSchema, '"choices" is a list'),
      v.minLength(2, 'a prediction has 2 to 4 choices'),
      v.maxLength(4, 'a prediction has 2 to 4 choices'),
    ),
    reveal: v.optional(text('"reveal" (said after the lab has run)')),
  },
  '"predict" is an object with a "question" and "choices"',
);

/**
 * What "Show me" does: the scenario's commands, `at` counted from the moment it is pressed, plus
 * `set-strategy` (what the strategy picker does, which no scenario command does).
 */
export const showMeSchema = v.variant(
  'type',
  [
    commandSchema,
    v.strictObject({
      at: v.pipe(v.number('a time is a number of ms'), v.minValue(0, 'a time cannot be negative')),
      type: v.literal('set-strategy'),
      strategy: v.looseObject(
        { kind: v.string('a strategy has a "kind"') },
        '"strategy" is a strategy config, such as { "kind": "crdt" }',
      ),
    }),
  ],
  `a "showMe" command's type is a scenario command's type or "set-strategy"`,
);

/** A typical wrong move on a task: when its condition holds and the task is not done, its hint shows. */
export const wrongMoveSchema = v.strictObject(
  {
    when: conditionSchema,
    hint: text('a wrong move\'s "hint"', 600),
  },
  'a wrong move is an object with "when" (a condition) and "hint" (what to say when it happens)',
);

export const taskSchema = v.strictObject(
  {
    goal: text('the goal'),
    done: conditionSchema,
    hints: v.pipe(
      v.array(text('a hint', 600), '"hints" is a list of sentences'),
      v.minLength(1, 'a task needs at least one hint'),
      v.maxLength(LESSON_LIMITS.maxHints, `a task has at most ${String(LESSON_LIMITS.maxHints)} hints`),
    ),
    wrongMoves: v.optional(
      v.pipe(
        v.array(wrongMoveSchema, '"wrongMoves" is a list of { "when", "hint" }'),
        v.minLength(1, '"wrongMoves", when given, lists at least one wrong move'),
        v.maxLength(
          LESSON_LIMITS.maxWrongMoves,
          `a task has at most ${String(LESSON_LIMITS.maxWrongMoves)} wrong moves`,
        ),
      ),
    ),
    showMe: v.pipe(
      v.array(showMeSchema, '"showMe" is a list of scenario commands (and "set-strategy")'),
      v.minLength(1, '"showMe" needs at least one command'),
      v.maxLength(LESSON_LIMITS.maxShowMe, `"showMe" has at most ${String(LESSON_LIMITS.maxShowMe)} commands`),
    ),
    success: v.optional(text('"success" (said when the task is done)')),
  },
  '"task" is an object with "goal", "done", "hints" and "showMe"',
);

/** Which panels of the lab a step shows (all by default): the lab's own `LabControls`. */
export const PANEL_NAMES = [
  'time',
  'write',
  'strategy',
  'log',
  'leader',
  'spacetime',
  'cluster',
  'links',
  'compare',
] as const;

const panelsSchema = v.strictObject(
  Object.fromEntries(PANEL_NAMES.map((p) => [p, v.optional(v.boolean(`"${p}" is true or false`))])) as Record<
    (typeof PANEL_NAMES)[number],
    v.OptionalSchema<v.BooleanSchema<string>, undefined>
  >,
  `"panels" names lab panels to hide or show: ${PANEL_NAMES.join(', ')}`,
);

const time = v.pipe(
  v.number('a time is a number of ms'),
  v.finite('a time must be finite'),
  v.minValue(0, 'a time cannot be negative'),
);

export const stepSchema = v.strictObject(
  {
    id: id('a step\'s "id"'),
    title: text('a step\'s "title"', LESSON_LIMITS.maxTitleChars),
    concepts: v.pipe(
      v.array(id('a concept id'), '"concepts" is a list of concept ids'),
      v.minLength(1, 'a step names at least one concept it teaches'),
    ),
    text: text('the narration ("text")'),
    scenario: v.union(
      [v.pipe(v.string(), v.regex(LESSON_ID, 'a preset id is 1 to 64 letters, digits, "_" or "-"')), scenarioSchema],
      '"scenario" is a preset id (such as "lww-clock-skew") or a whole scenario object',
    ),
    at: v.optional(time),
    panels: v.optional(panelsSchema),
    task: v.optional(taskSchema),
    predict: v.optional(predictSchema),
  },
  'a step is an object with "id", "title", "concepts", "text" and "scenario"',
);

export const lessonSchema = v.strictObject(
  {
    $schema: v.optional(v.string('"$schema" is the address of the lesson JSON Schema')),
    format: v.optional(v.literal(LESSON_FORMAT, `the format is "${LESSON_FORMAT}"`)),
    id: id('the lesson\'s "id"'),
    title: text('the lesson\'s "title"', LESSON_LIMITS.maxTitleChars),
    summary: text('the "summary"', LESSON_LIMITS.maxSummaryChars),
    minutes: v.pipe(
      v.number('"minutes" is a number'),
      v.minValue(1, '"minutes" is from 1 to 30'),
      v.maxValue(30, '"minutes" is from 1 to 30'),
    ),
    steps: v.pipe(
      v.array(stepSchema, '"steps" is a list of steps'),
      v.minLength(1, 'a lesson needs at least one step'),
      v.maxLength(LESSON_LIMITS.maxSteps, `a lesson has at most ${String(LESSON_LIMITS.maxSteps)} steps`),
    ),
  },
  'a lesson is an object with "id", "title", "summary", "minutes" and "steps"',
);

export type LessonInput = v.InferOutput<typeof lessonSchema>;
