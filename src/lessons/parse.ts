import * as v from 'valibot';
import { createSimulation, SimulationError } from '../model';
import { loadScenario, parseScenario, type Scenario } from '../scenario';
import { presetById } from '../scenario/presets';
import { describeThrown, toPlain } from '../scenario/plain';
import { issueToError } from '../scenario/schema';
import { CONCEPTS } from './concepts';
import { holds, unknownNames } from './conditions';
import { LESSON_LIMITS, lessonSchema } from './schema';
import type { Lesson, LessonError, LessonParseResult, LessonStep, ShowMeAction } from './types';

/**
 * Read a lesson file (text or parsed JSON) into a lesson the player runs, or into errors that
 * each name a JSON path and say what is wrong in a teacher's words. Never throws. Beyond the
 * shapes (`schema.ts`) it checks what a teacher would otherwise find only by playing the
 * lesson: a preset that does not exist, an inline scenario the lab refuses, a `at` outside the
 * run, a task that names a leader the cluster lacks or that is already done when the step opens (or
 * whose wrong move already holds),
 * a prediction with no single right answer or with nothing left to happen.
 *
 * @example
 * const r = parseLesson(await file.text());
 * if (!r.ok) for (const e of r.errors) console.log(`${e.path}: ${e.message}`);
 */
export function parseLesson(input: unknown): LessonParseResult {
  try {
    return parse(input);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `this lesson could not be read (${describeThrown(e)})` }] };
  }
}

const MAX_ERRORS = 30;

function fail(errors: LessonError[]): LessonParseResult {
  if (errors.length <= MAX_ERRORS) return { ok: false, errors };
  return {
    ok: false,
    errors: [
      ...errors.slice(0, MAX_ERRORS),
      { path: '', message: `and ${String(errors.length - MAX_ERRORS)} more problems` },
    ],
  };
}

function parse(input: unknown): LessonParseResult {
  let data = input;
  if (typeof input === 'string') {
    if (input.length > LESSON_LIMITS.maxFileChars) {
      return fail([{ path: '', message: 'this file is too large to be a lesson (over 2 million characters)' }]);
    }
    try {
      data = JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
    } catch (e) {
      return fail([{ path: '', message: `this is not valid JSON, so it cannot be a lesson (${describeThrown(e)})` }]);
    }
  }
  const copied = toPlain(data);
  if (!copied.ok) return fail([copied.error]);
  if (typeof copied.value !== 'object' || copied.value === null || Array.isArray(copied.value)) {
    return fail([{ path: '', message: 'a lesson is an object with "id", "title", "summary", "minutes" and "steps"' }]);
  }
  const shaped = v.safeParse(lessonSchema, copied.value);
  if (!shaped.success) return fail(dedupe(shaped.issues.flatMap(flatten).map(toError)));
  const raw = shaped.output;
  const errors: LessonError[] = [];
  const seen = new Set<string>();
  const steps: LessonStep[] = [];
  raw.steps.forEach((s, i) => {
    const at = `steps[${String(i)}]`;
    if (seen.has(s.id))
      errors.push({ path: `${at}.id`, message: `two steps share the id "${s.id}": each needs its own` });
    seen.add(s.id);
    s.concepts.forEach((c, j) => {
      if (!CONCEPTS.includes(c)) {
        errors.push({
          path: `${at}.concepts[${String(j)}]`,
          message: `"${c}" is not a concept of the course (see the list in the lesson format's documentation)`,
        });
      }
    });
    if (s.task && s.predict) {
      errors.push({ path: at, message: 'a step is either a task or a prediction, not both: split it into two steps' });
    }
    const scenario = resolveScenario(s.scenario, s.at, `${at}.scenario`, errors);
    if (!scenario) return;
    if (s.predict) {
      const right = s.predict.choices.filter((c) => c.correct).length;
      if (right !== 1) {
        errors.push({
          path: `${at}.predict.choices`,
          message: `a prediction has exactly one choice with "correct": true (this one has ${String(right)})`,
        });
      }
    }
    const step: LessonStep = {
      id: s.id,
      title: s.title,
      concepts: s.concepts,
      text: s.text,
      scenario,
      ...(s.panels ? { panels: s.panels } : {}),
      ...(s.task ? { task: { ...s.task, showMe: s.task.showMe as unknown as ShowMeAction[] } } : {}),
      ...(s.predict ? { predict: s.predict } : {}),
    };
    errors.push(...runChecks(step, at));
    steps.push(step);
  });
  if (errors.length > 0) return fail(errors);
  const lesson: Lesson = { id: raw.id, title: raw.title, summary: raw.summary, minutes: raw.minutes, steps };
  return { ok: true, lesson };
}

/** The scenario a step starts from: a preset or an inline scenario, standing at `at` when given. */
function resolveScenario(
  source: string | object,
  at: number | undefined,
  path: string,
  errors: LessonError[],
): Scenario | null {
  let scenario: Scenario;
  if (typeof source === 'string') {
    const preset = presetById(source);
    if (!preset) {
      errors.push({
        path,
        message: `there is no preset "${source}" (the app's Gallery lists every preset with its id)`,
      });
      return null;
    }
    scenario = preset;
  } else {
    const parsed = parseScenario(source);
    if (!parsed.ok) {
      errors.push(...parsed.errors.map((e) => ({ path: e.path ? `${path}.${e.path}` : path, message: e.message })));
      return null;
    }
    scenario = parsed.scenario;
  }
  if (at === undefined) return scenario;
  const end = Math.max(scenario.end ?? 0, scenario.at ?? 0, scenario.commands.at(-1)?.at ?? 0);
  if (at > end) {
    errors.push({
      path: path.replace(/\.scenario$/, '.at'),
      message: `the scenario's run ends at ${String(end)} ms, so the step cannot open at ${String(at)} ms`,
    });
    return null;
  }
  return { ...scenario, at };
}

/** Checks that need the step's run: names in conditions and commands, a task not done at the start, something to reveal. */
function runChecks(step: LessonStep, at: string): LessonError[] {
  const errors: LessonError[] = [];
  const config = step.scenario.config;
  const leaders = config.nodes.map((n) => n.id);
  if (step.task) {
    errors.push(...unknownNames(step.task.done, config, `${at}.task.done`));
    step.task.wrongMoves?.forEach((m, i) => {
      errors.push(...unknownNames(m.when, config, `${at}.task.wrongMoves[${String(i)}].when`));
    });
    step.task.showMe.forEach((cmd, i) => {
      const where = `${at}.task.showMe[${String(i)}]`;
      for (const field of ['node', 'a', 'b'] as const) {
        const id = field in cmd ? (cmd as unknown as Record<string, unknown>)[field] : undefined;
        if (typeof id === 'string' && !leaders.includes(id)) {
          errors.push({
            path: `${where}.${field}`,
            message: `this step's scenario has no leader "${id}" (its leaders: ${leaders.join(', ')})`,
          });
        }
      }
      if (cmd.type === 'set-strategy') {
        try {
          createSimulation({ ...config, strategy: cmd.strategy });
        } catch (e) {
          errors.push({
            path: `${where}.strategy`,
            message: `the lab cannot use this strategy here: ${e instanceof Error ? e.message : describeThrown(e)}`,
          });
        }
      }
      if (cmd.type === 'write' && !(cmd.key in config.keys)) {
        errors.push({
          path: `${where}.key`,
          message: `this step's scenario has no key "${cmd.key}" (its keys: ${Object.keys(config.keys).join(', ')})`,
        });
      }
    });
  }
  if (errors.length > 0 || (!step.task && !step.predict)) return errors;
  let sim;
  try {
    sim = loadScenario(step.scenario);
  } catch (e) {
    const message = e instanceof SimulationError ? e.message : describeThrown(e);
    return [{ path: `${at}.scenario`, message: `the lab cannot start this scenario: ${message}` }];
  }
  const snapshot = sim.snapshot();
  if (step.task && holds(step.task.done, { snapshot, events: [] })) {
    errors.push({
      path: `${at}.task.done`,
      message: 'this task is already done when the step opens: the learner would have nothing to do',
    });
  }
  step.task?.wrongMoves?.forEach((m, i) => {
    if (holds(m.when, { snapshot, events: [] })) {
      errors.push({
        path: `${at}.task.wrongMoves[${String(i)}].when`,
        message:
          'this wrong move already holds when the step opens: its hint would show before the learner did anything',
      });
    }
  });
  if (step.predict) {
    const later = step.scenario.commands.some((c) => c.at > snapshot.time);
    if (!later && snapshot.messages.length === 0) {
      errors.push({
        path: `${at}.predict`,
        message:
          'nothing happens after the step opens (no command after "at" and no message in flight), so the lab has nothing to reveal: set "at" earlier',
      });
    }
  }
  return errors;
}

/** A valibot issue in a teacher's words: a missing field is named as missing. */
function toError(issue: v.BaseIssue<unknown>): LessonError {
  const error = issueToError(issue);
  const key = issue.path?.at(-1)?.key;
  if (issue.input === undefined && typeof key === 'string') {
    return { path: error.path, message: `the field "${key}" is missing` };
  }
  return error;
}

/**
 * A step's "scenario" is a preset id or a whole scenario: when an object fails, the object's own
 * problems are the useful ones, not "expected a string".
 */
function flatten(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown>[] {
  if (issue.type !== 'union' || !issue.issues || typeof issue.input !== 'object' || issue.input === null)
    return [issue];
  const inner = issue.issues.filter((i) => i.type !== 'string' && i.type !== 'regex');
  return inner.length > 0 ? inner.flatMap(flatten) : [issue];
}

/** One message per path and text: a union reports the same problem once per branch. */
function dedupe(errors: LessonError[]): LessonError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
