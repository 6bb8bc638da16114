import type { Command, StrategyConfig } from '../model';
import type { Scenario } from '../scenario';
import type { LabControls } from '../view/MultiLeaderLab';
import type { Condition } from './schema';

export type { Condition } from './schema';

/** One choice of a prediction: its text, whether it is right, and why (shown after answering). */
export interface Choice {
  readonly text: string;
  readonly correct: boolean;
  readonly why: string;
}

export interface Prediction {
  readonly question: string;
  readonly choices: readonly Choice[];
  /** Said once the lab has run the step's script. */
  readonly reveal?: string;
}

/** A step of "Show me": a scenario command, or a switch of strategy (what the picker does). */
export type ShowMeAction =
  Command | { readonly at: number; readonly type: 'set-strategy'; readonly strategy: StrategyConfig };

/**
 * A move learners typically get wrong on a task, and the hint it earns: shown (and announced)
 * once, as soon as `when` holds while the task is not done.
 */
export interface WrongMove {
  readonly when: Condition;
  readonly hint: string;
}

export interface Task {
  readonly goal: string;
  /** True once the learner has done it (checked against the lab's events and snapshot). */
  readonly done: Condition;
  readonly hints: readonly string[];
  /** Moves that earn a hint at once, without asking (checked like `done`). */
  readonly wrongMoves?: readonly WrongMove[];
  /** Commands "Show me" performs, `at` counted from the moment it is pressed. */
  readonly showMe: readonly ShowMeAction[];
  readonly success?: string;
}

/** A step as the player runs it: its scenario resolved (a preset looked up, `at` applied). */
export interface LessonStep {
  readonly id: string;
  readonly title: string;
  readonly concepts: readonly string[];
  /** Narration in the safe Markdown subset (`markdown.ts`). */
  readonly text: string;
  readonly scenario: Scenario;
  readonly panels?: LabControls;
  readonly task?: Task;
  readonly predict?: Prediction;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly steps: readonly LessonStep[];
}

/** A problem in a lesson file: where (a JSON path such as `steps[2].task.done.node`) and what, in words. */
export interface LessonError {
  readonly path: string;
  readonly message: string;
}

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: LessonError[] };

/** What kind of step this is: a task to do, a prediction to make, or text to read. */
export function stepKind(step: LessonStep): 'task' | 'predict' | 'reading' {
  if (step.task) return 'task';
  if (step.predict) return 'predict';
  return 'reading';
}
