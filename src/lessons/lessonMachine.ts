import { assign, setup } from 'xstate';
import { type Lesson, stepKind } from './types';

/**
 * One run through a lesson, as an XState machine: which step is open, what the learner has
 * chosen and answered, whether the step's task is done, how many hints are showing (asked for,
 * or earned by a wrong move), and which steps are done. It holds no lab: the player watches the
 * lab and sends `task.done` and `wrong move`; the machine decides what that means. Pure data in, so the tests drive it with no DOM and a
 * simulated clock.
 */

/** A hint is offered after this long without the task done (course.md: "30 s of nothing"). */
export const HINT_DELAY_MS = 30_000;

export interface LessonContext {
  readonly lesson: Lesson;
  /** The open step (0-based). */
  readonly index: number;
  /** The choice the learner has picked and not yet locked in. */
  readonly selected: number | null;
  /** The choice locked in ("Check my answer"); the reveal follows. */
  readonly answered: number | null;
  /** Hints showing for this step's task. */
  readonly hints: number;
  /** The task's wrong moves (indices into `task.wrongMoves`) whose hint shows, in the order they happened. */
  readonly wrongMoves: readonly number[];
  /** "Show me" was used on this step. */
  readonly shownMe: boolean;
  /** Steps done, by id (kept across steps and saved as progress). */
  readonly done: readonly string[];
  /** Bumped each time a step (re)opens: the player starts the step's lab afresh for each. */
  readonly attempt: number;
}

export interface LessonInput {
  readonly lesson: Lesson;
  readonly index?: number;
  readonly done?: readonly string[];
}

export type LessonEvent =
  | { type: 'select'; choice: number }
  | { type: 'answer' }
  | { type: 'task.done' }
  | { type: 'hint' }
  /** The lab shows the task's wrong move `move` (an index into `task.wrongMoves`). */
  | { type: 'wrong move'; move: number }
  | { type: 'show me' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'go'; index: number }
  | { type: 'restart step' }
  | { type: 'restart lesson' };

const clamp = (lesson: Lesson, i: number) => Math.max(0, Math.min(lesson.steps.length - 1, Math.trunc(i)));
const currentStep = (c: LessonContext) => c.lesson.steps[c.index];
const withDone = (c: LessonContext): readonly string[] => {
  const id = currentStep(c)?.id;
  return id === undefined || c.done.includes(id) ? c.done : [...c.done, id];
};
/** What a step opening resets. */
const opened = (c: LessonContext, index: number): Partial<LessonContext> => ({
  index,
  selected: null,
  answered: null,
  hints: 0,
  wrongMoves: [],
  shownMe: false,
  attempt: c.attempt + 1,
});

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as LessonInput,
  },
  delays: { 'hint delay': HINT_DELAY_MS },
  guards: {
    'is a prediction': ({ context }) => {
      const s = currentStep(context);
      return s !== undefined && stepKind(s) === 'predict';
    },
    'is a task': ({ context }) => {
      const s = currentStep(context);
      return s !== undefined && stepKind(s) === 'task';
    },
    'a choice is picked': ({ context }) => context.selected !== null,
    'is a choice of this step': ({ context, event }) =>
      event.type === 'select' &&
      Number.isInteger(event.choice) &&
      event.choice >= 0 &&
      event.choice < (currentStep(context)?.predict?.choices.length ?? 0),
    'more hints to show': ({ context }) => context.hints < (currentStep(context)?.task?.hints.length ?? 0),
    // Once "Show me" has acted, what happens in the lab is not the learner's move.
    'is a new wrong move of this step': ({ context, event }) =>
      event.type === 'wrong move' &&
      !context.shownMe &&
      Number.isInteger(event.move) &&
      event.move >= 0 &&
      event.move < (currentStep(context)?.task?.wrongMoves?.length ?? 0) &&
      !context.wrongMoves.includes(event.move),
    'no hint showing yet': ({ context }) => context.hints === 0,
    'is the last step': ({ context }) => context.index >= context.lesson.steps.length - 1,
    'is not the first step': ({ context }) => context.index > 0,
  },
  actions: {
    'mark the step done': assign({ done: ({ context }) => withDone(context) }),
    'mark reading done': assign({
      done: ({ context }) => {
        const s = currentStep(context);
        return s !== undefined && stepKind(s) === 'reading' ? withDone(context) : context.done;
      },
    }),
    'pick the choice': assign({ selected: ({ event }) => (event.type === 'select' ? event.choice : null) }),
    'lock in the answer': assign({ answered: ({ context }) => context.selected }),
    'show a hint': assign({ hints: ({ context }) => context.hints + 1 }),
    "show the wrong move's hint": assign({
      wrongMoves: ({ context, event }) =>
        event.type === 'wrong move' ? [...context.wrongMoves, event.move] : context.wrongMoves,
    }),
    'note show me': assign({ shownMe: true }),
    'open the next step': assign(({ context }) => opened(context, context.index + 1)),
    'open the previous step': assign(({ context }) => opened(context, context.index - 1)),
    'open the asked step': assign(({ context, event }) =>
      opened(context, event.type === 'go' ? clamp(context.lesson, event.index) : context.index),
    ),
    'open the step again': assign(({ context }) => opened(context, context.index)),
    'start from the beginning': assign(({ context }) => ({ ...opened(context, 0), done: [] })),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({
    lesson: input.lesson,
    index: clamp(input.lesson, input.index ?? 0),
    selected: null,
    answered: null,
    hints: 0,
    wrongMoves: [],
    shownMe: false,
    done: input.done ?? [],
    attempt: 0,
  }),
  initial: 'step',
  states: {
    step: {
      initial: 'opening',
      states: {
        opening: {
          always: [
            { guard: 'is a prediction', target: 'predicting' },
            { guard: 'is a task', target: 'task' },
            { target: 'reading' },
          ],
        },
        reading: {
          description: 'The learner reads; Next moves on.',
        },
        predicting: {
          description: 'The learner picks one choice, then locks it in before the lab runs.',
          on: {
            select: { guard: 'is a choice of this step', actions: 'pick the choice' },
            answer: {
              guard: 'a choice is picked',
              target: 'revealed',
              actions: ['lock in the answer', 'mark the step done'],
            },
          },
        },
        revealed: {
          description: 'The lab runs the step; each choice says why it was right or wrong.',
        },
        task: {
          initial: 'working',
          states: {
            working: {
              description: 'The learner acts in the lab until the task condition holds.',
              after: { 'hint delay': { guard: 'no hint showing yet', actions: 'show a hint' } },
              on: {
                'task.done': { target: 'done', actions: 'mark the step done' },
                hint: { guard: 'more hints to show', actions: 'show a hint' },
                'wrong move': { guard: 'is a new wrong move of this step', actions: "show the wrong move's hint" },
                'show me': { actions: 'note show me' },
              },
            },
            done: { description: 'The task is done: the lab shows it, and Next moves on.' },
          },
        },
      },
      on: {
        next: [
          { guard: 'is the last step', target: 'completed', actions: 'mark reading done' },
          { target: '.opening', reenter: true, actions: ['mark reading done', 'open the next step'] },
        ],
        back: { guard: 'is not the first step', target: '.opening', reenter: true, actions: 'open the previous step' },
        go: { target: '.opening', reenter: true, actions: 'open the asked step' },
        'restart step': { target: '.opening', reenter: true, actions: 'open the step again' },
        'restart lesson': { target: '.opening', reenter: true, actions: 'start from the beginning' },
      },
    },
    completed: {
      description: 'Every step passed: the lesson is done.',
      on: {
        back: { target: 'step', actions: 'open the step again' },
        go: { target: 'step', actions: 'open the asked step' },
        'restart lesson': { target: 'step', actions: 'start from the beginning' },
      },
    },
  },
});
