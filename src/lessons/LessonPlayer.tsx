import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { SimulationOptions } from '../model';
import { applyCommand, type Scenario } from '../scenario';
import type { LabActions, LabStore } from '../store/labStore';
import { MultiLeaderLab } from '../view/MultiLeaderLab';
import { Markdown } from './Markdown';
import { plainText } from './markdown';
import type { ProgressStore } from './progress';
import { RevealWatcher, TaskWatcher } from './watchers';
import { type Lesson, type LessonStep, type ShowMeAction, stepKind } from './types';
import { useLessonActor } from './useLessonActor';
import './lessons.css';

export interface LessonPlayerProps {
  readonly lesson: Lesson;
  /** The step to open, 1-based (a route's `<n>`, an embed's `step`); default: where the learner left off, or 1. */
  readonly step?: number;
  /** Called with the open step (1-based) when the learner moves to another step. */
  readonly onStepChange?: (step: number) => void;
  /** Called once when the learner finishes the last step. */
  readonly onComplete?: () => void;
  /** "Open in the free lab": called with the lab's current run. Without it, the button is not shown. */
  readonly onExit?: (scenario: Scenario) => void;
  /** Where progress is kept; without it, nothing is saved. */
  readonly progress?: ProgressStore;
  /** Shown on the completed page (the app's link to the next lesson and the course menu). */
  readonly afterComplete?: ReactNode;
  /** Options for each step's simulation (registered resolvers and merges). */
  readonly options?: SimulationOptions;
  /**
   * Whether the first step's heading takes focus when the player mounts (default true). An embed
   * passes false: a lesson down a course page must not pull focus (and the page) to itself on load.
   * Later steps always take focus.
   */
  readonly focusOnOpen?: boolean;
  /** Called each time a step's lab is ready (each step, and each restart, starts a new one). */
  readonly onLabReady?: (actions: LabActions, store: LabStore) => void;
}

/**
 * A lesson, step by step, beside a lab that starts afresh from each step's scenario. Usable
 * outside the app shell (an embed, a story): everything it needs comes in through props, and it
 * reports step changes and completion through callbacks.
 */
export function LessonPlayer({
  lesson,
  step,
  onStepChange,
  onComplete,
  onExit,
  progress,
  afterComplete,
  options,
  onLabReady,
  focusOnOpen = true,
}: LessonPlayerProps) {
  const saved = progress?.get(lesson.id) ?? null;
  const [state, actor] = useLessonActor({
    lesson,
    index: step !== undefined ? step - 1 : (saved?.step ?? 0),
    done: saved?.done ?? [],
  });
  const { index, attempt, done } = state.context;
  const completed = state.matches('completed');
  const current = lesson.steps[index];
  // What the live region says, tagged with the step's attempt: what was said of the last step is not shown on this one.
  const [said, setSaid] = useState({ text: '', attempt: -1 });
  const heading = useRef<HTMLHeadingElement>(null);
  const lab = useRef<LabActions | null>(null);
  const headingId = useId();

  // The route (or the embedding page) asked for another step.
  useEffect(() => {
    if (step !== undefined && step - 1 !== actor.getSnapshot().context.index)
      actor.send({ type: 'go', index: step - 1 });
  }, [step, actor]);
  // The learner moved: tell the route, save, and put focus on the new step's heading.
  useEffect(() => {
    if (!completed) onStepChange?.(index + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reported when the step changes, not the callback
  }, [index, completed]);
  // The step shown at mount, while it is still the one shown (StrictMode runs effects twice).
  const opened = `${String(index)}:${String(attempt)}:${String(completed)}`;
  const unfocused = useRef(focusOnOpen ? null : opened);
  useEffect(() => {
    if (unfocused.current === opened) return;
    unfocused.current = null;
    heading.current?.focus();
  }, [opened]);
  const wasCompleted = useRef(saved?.completed ?? false);
  useEffect(() => {
    if (completed && !wasCompleted.current) onComplete?.();
    if (completed) wasCompleted.current = true;
    progress?.set(lesson.id, { step: index, done, completed: wasCompleted.current || completed });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saved on each change of the run
  }, [index, done, completed]);

  const say = (text: string) => {
    sayOn(setSaid, text, attempt);
  };
  // A hint that appears is said, whether asked for, offered after 30 s, or earned by a wrong move.
  useEffect(() => {
    let before = actor.getSnapshot().context;
    const sub = actor.subscribe((s) => {
      const now = s.context;
      const task = now.lesson.steps[now.index]?.task;
      if (task && now.attempt === before.attempt) {
        const hint = now.hints > before.hints ? task.hints[now.hints - 1] : undefined;
        const move = now.wrongMoves.length > before.wrongMoves.length ? now.wrongMoves.at(-1) : undefined;
        const earned = move === undefined ? undefined : task.wrongMoves?.[move]?.hint;
        for (const h of [hint, earned]) if (h !== undefined) sayOn(setSaid, `Hint: ${plainText(h)}`, now.attempt);
      }
      before = now;
    });
    return () => {
      sub.unsubscribe();
    };
  }, [actor]);
  const { hints, wrongMoves } = state.context;

  if (completed) {
    return (
      <section className="lesson lesson-completed" aria-labelledby={headingId}>
        <div className="lesson-panel">
          <h1 className="lesson-title">{lesson.title}</h1>
          <h2 id={headingId} ref={heading} tabIndex={-1}>
            Lesson complete
          </h2>
          <p>
            You did {String(lesson.steps.filter((s) => done.includes(s.id)).length)} of {String(lesson.steps.length)}{' '}
            steps.
          </p>
          <ul className="lesson-recap">
            {lesson.steps.map((s) => (
              <li key={s.id}>
                {done.includes(s.id) ? '✓' : '–'} {s.title}
              </li>
            ))}
          </ul>
          <div className="lesson-nav">
            <button
              type="button"
              onClick={() => {
                actor.send({ type: 'back' });
              }}
            >
              Back to the last step
            </button>
            <button
              type="button"
              onClick={() => {
                actor.send({ type: 'restart lesson' });
              }}
            >
              Start the lesson again
            </button>
          </div>
          {afterComplete}
        </div>
      </section>
    );
  }
  if (!current) return null;
  const kind = stepKind(current);
  const isLast = index === lesson.steps.length - 1;
  const stepDone = done.includes(current.id);
  const canMoveOn =
    kind === 'reading' || state.matches({ step: 'revealed' }) || state.matches({ step: { task: 'done' } });
  const nextLabel = canMoveOn ? (isLast ? 'Finish' : 'Next') : kind === 'task' ? 'Skip this task' : 'Skip';

  return (
    <section className="lesson" aria-labelledby={headingId}>
      <div className="lesson-panel">
        <h1 className="lesson-title">{lesson.title}</h1>
        <p className="lesson-kicker">
          Step {String(index + 1)} of {String(lesson.steps.length)}
          {stepDone ? ' · done' : ''}
        </p>
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {current.title}
        </h2>
        {progress?.notice && <p className="lesson-notice">{progress.notice}</p>}
        <Markdown className="lesson-text" text={current.text} />
        {kind === 'predict' && (
          <Prediction
            step={current}
            selected={state.context.selected}
            answered={state.context.answered}
            revealed={state.matches({ step: 'revealed' })}
            onSelect={(choice) => {
              actor.send({ type: 'select', choice });
            }}
            onAnswer={() => {
              const picked = state.context.selected;
              if (picked === null) {
                say('Pick an answer first.');
                return;
              }
              // The verdict takes focus (and is read); the live region stays for what the lab shows after.
              actor.send({ type: 'answer' });
              lab.current?.play();
            }}
          />
        )}
        {kind === 'task' && current.task && (
          <TaskBox
            step={current}
            doneNow={state.matches({ step: { task: 'done' } })}
            hints={hints}
            wrongMoves={wrongMoves}
            onHint={() => {
              actor.send({ type: 'hint' });
            }}
            onShowMe={() => {
              actor.send({ type: 'show me' });
              // Said first: a task the commands finish at once ("Done!") has the last word.
              say('Done for you in the lab: watch it play.');
              const commands = current.task?.showMe ?? [];
              const actions = lab.current;
              if (actions) showMe(actions, commands);
              lab.current?.play();
            }}
          />
        )}
        <div className="lesson-nav">
          <button
            type="button"
            onClick={() => {
              actor.send({ type: 'back' });
            }}
            disabled={index === 0}
          >
            Back
          </button>
          <button
            type="button"
            onClick={() => {
              actor.send({ type: 'restart step' });
            }}
          >
            Restart step
          </button>
          <button
            type="button"
            className={canMoveOn ? 'lesson-next lesson-primary' : 'lesson-next'}
            onClick={() => {
              actor.send({ type: 'next' });
            }}
          >
            {nextLabel}
          </button>
          {onExit && (
            <button
              type="button"
              onClick={() => {
                if (lab.current) onExit(lab.current.scenario());
              }}
            >
              Open in the free lab
            </button>
          )}
        </div>
        <p className="lesson-said" aria-live="polite">
          {said.attempt === attempt ? said.text : ''}
        </p>
      </div>
      <div className="lesson-lab">
        <MultiLeaderLab
          key={`${current.id}-${String(attempt)}`}
          scenario={current.scenario}
          controls={current.panels ?? {}}
          title={`Lab — ${current.title}`}
          options={options ?? {}}
          onReady={(a, labStore) => {
            lab.current = a;
            onLabReady?.(a, labStore);
          }}
        >
          {kind === 'task' && current.task && !state.matches({ step: { task: 'done' } }) && (
            <TaskWatcher
              condition={current.task.done}
              wrongMoves={current.task.wrongMoves?.map((m) => m.when)}
              onWrongMove={(move) => {
                actor.send({ type: 'wrong move', move });
              }}
              onDone={() => {
                actor.send({ type: 'task.done' });
                say(`Done! ${plainText(current.task?.success ?? 'Task complete.')}`);
              }}
            />
          )}
          {kind === 'predict' && state.matches({ step: 'revealed' }) && (
            <RevealWatcher
              onSettled={() => {
                if (current.predict?.reveal) say(plainText(current.predict.reveal));
              }}
            />
          )}
        </MultiLeaderLab>
      </div>
    </section>
  );
}

/** Put `text` in the player's live region, for the step's `attempt`. */
function sayOn(
  setSaid: (update: (prev: { text: string; attempt: number }) => { text: string; attempt: number }) => void,
  text: string,
  attempt: number,
): void {
  // The same sentence twice must still change the region, or it is not read again.
  setSaid((prev) => ({ text: prev.text === text ? `${text}\u00a0` : text, attempt }));
}

/** Perform a task's "Show me" in the lab: each command at its time from now, then play. */
function showMe(actions: LabActions, commands: readonly ShowMeAction[]): void {
  const start = actions.snapshot().time;
  for (const cmd of commands) {
    if (cmd.type === 'set-strategy') {
      actions.setStrategy(cmd.strategy);
      continue;
    }
    actions.run((sim) => {
      if (start + cmd.at > sim.now()) sim.advance(start + cmd.at - sim.now());
      applyCommand(sim, cmd);
    });
  }
}

function Prediction({
  step,
  selected,
  answered,
  revealed,
  onSelect,
  onAnswer,
}: {
  step: LessonStep;
  selected: number | null;
  answered: number | null;
  revealed: boolean;
  onSelect: (choice: number) => void;
  onAnswer: () => void;
}) {
  const name = useId();
  const result = useRef<HTMLParagraphElement>(null);
  // The button that was pressed is gone once answered: focus goes to the verdict, read first.
  useEffect(() => {
    if (revealed) result.current?.focus();
  }, [revealed]);
  const predict = step.predict;
  if (!predict) return null;
  const right = answered !== null && predict.choices[answered]?.correct === true;
  return (
    <div className="lesson-predict">
      <fieldset disabled={revealed}>
        <legend>{predict.question}</legend>
        {predict.choices.map((c, i) => {
          const mark = revealed ? (c.correct ? 'right' : i === answered ? 'wrong' : 'other') : null;
          return (
            <div key={i} className={`lesson-choice${mark ? ` lesson-choice-${mark}` : ''}`}>
              <label>
                <input
                  type="radio"
                  name={name}
                  value={String(i)}
                  checked={(revealed ? answered : selected) === i}
                  onChange={() => {
                    onSelect(i);
                  }}
                />{' '}
                {c.text}
              </label>
              {revealed && (
                <p className="lesson-why">
                  <strong>{c.correct ? 'Right: ' : i === answered ? 'Your answer, not right: ' : 'Not right: '}</strong>
                  {c.why}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      {!revealed && (
        <button type="button" className="lesson-answer" onClick={onAnswer}>
          Check my answer
        </button>
      )}
      {revealed && (
        <p className={`lesson-result lesson-result-${right ? 'right' : 'wrong'}`} ref={result} tabIndex={-1}>
          {right
            ? 'Your answer was right. The lab is running the step: watch it happen.'
            : 'Your answer was not right: the right one is marked. The lab is running the step: watch it happen.'}
        </p>
      )}
      {revealed && predict.reveal && <Markdown className="lesson-reveal" text={predict.reveal} />}
    </div>
  );
}

function TaskBox({
  step,
  doneNow,
  hints,
  wrongMoves,
  onHint,
  onShowMe,
}: {
  step: LessonStep;
  doneNow: boolean;
  hints: number;
  wrongMoves: readonly number[];
  onHint: () => void;
  onShowMe: () => void;
}) {
  const task = step.task;
  if (!task) return null;
  return (
    <div className={`lesson-task${doneNow ? ' lesson-task-done' : ''}`}>
      <h3>Your task</h3>
      <Markdown text={task.goal} />
      <p className="lesson-status" data-done={doneNow ? 'true' : 'false'}>
        {doneNow ? '✓ Done' : 'Not done yet'}
      </p>
      {doneNow && task.success && <Markdown className="lesson-success" text={task.success} />}
      {!doneNow && wrongMoves.length > 0 && (
        <ul className="lesson-hints lesson-wrong-moves" aria-label="Hints on your moves">
          {wrongMoves.map((move) => {
            const hint = task.wrongMoves?.[move]?.hint;
            return hint === undefined ? null : (
              <li key={move}>
                <Markdown text={hint} />
              </li>
            );
          })}
        </ul>
      )}
      {hints > 0 && (
        <ol className="lesson-hints" aria-label="Hints">
          {task.hints.slice(0, hints).map((h, i) => (
            <li key={i}>
              <Markdown text={h} />
            </li>
          ))}
        </ol>
      )}
      {!doneNow && (
        <div className="lesson-task-help">
          {hints < task.hints.length && (
            <button type="button" onClick={onHint}>
              {hints === 0 ? 'Hint' : 'Another hint'}
            </button>
          )}
          <button type="button" onClick={onShowMe}>
            Show me
          </button>
        </div>
      )}
    </div>
  );
}
