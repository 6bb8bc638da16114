import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { HINT_DELAY_MS, lessonMachine } from '../../src/lessons/lessonMachine';
import { parseLesson } from '../../src/lessons/parse';
import type { Lesson } from '../../src/lessons/types';
import { sampleLesson } from './sample';

function lesson(): Lesson {
  const r = parseLesson(sampleLesson());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.lesson;
}

function start(input: { index?: number; done?: string[] } = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(lessonMachine, { input: { lesson: lesson(), ...input }, clock }).start();
  return { actor, clock, ctx: () => actor.getSnapshot().context };
}

describe('a lesson run: predictions', () => {
  it('in the predicting state, answering needs a picked choice; then the step is revealed and done', () => {
    const { actor, ctx } = start();
    expect(actor.getSnapshot().matches({ step: 'predicting' })).toBe(true);
    actor.send({ type: 'answer' });
    expect(actor.getSnapshot().matches({ step: 'predicting' })).toBe(true);
    actor.send({ type: 'select', choice: 7 });
    expect(ctx().selected).toBeNull();
    actor.send({ type: 'select', choice: 0 });
    actor.send({ type: 'select', choice: 1 });
    actor.send({ type: 'answer' });
    expect(actor.getSnapshot().matches({ step: 'revealed' })).toBe(true);
    expect(ctx().answered).toBe(1);
    expect(ctx().done).toEqual(['predict-skew']);
  });

  it('when revealed, a new pick changes nothing', () => {
    const { actor, ctx } = start();
    actor.send({ type: 'select', choice: 0 });
    actor.send({ type: 'answer' });
    actor.send({ type: 'select', choice: 1 });
    expect(ctx().answered).toBe(0);
    expect(ctx().selected).toBe(0);
  });
});

describe('a lesson run: tasks', () => {
  it('in the working state, task.done finishes the task and marks the step done', () => {
    const { actor, ctx } = start({ index: 1 });
    expect(actor.getSnapshot().matches({ step: { task: 'working' } })).toBe(true);
    actor.send({ type: 'task.done' });
    expect(actor.getSnapshot().matches({ step: { task: 'done' } })).toBe(true);
    expect(ctx().done).toEqual(['cut-link']);
  });

  it('shows hints one at a time, never more than the task has', () => {
    const { actor, ctx } = start({ index: 1 });
    for (let i = 0; i < 5; i++) actor.send({ type: 'hint' });
    expect(ctx().hints).toBe(2);
  });

  it('offers the first hint by itself after 30 s of nothing, and only once', () => {
    const { actor, clock, ctx } = start({ index: 1 });
    clock.increment(HINT_DELAY_MS - 1);
    expect(ctx().hints).toBe(0);
    clock.increment(1);
    expect(ctx().hints).toBe(1);
    clock.increment(HINT_DELAY_MS * 3);
    expect(ctx().hints).toBe(1);
    actor.send({ type: 'show me' });
    expect(ctx().shownMe).toBe(true);
  });

  it('gives no hint after 30 s when the task was already done', () => {
    const { actor, clock, ctx } = start({ index: 1 });
    actor.send({ type: 'task.done' });
    clock.increment(HINT_DELAY_MS);
    expect(ctx().hints).toBe(0);
  });
});

describe('a lesson run: hints after a wrong move', () => {
  it('shows a wrong move’s hint once, in the order the moves happened, beside the hints asked for', () => {
    const { actor, ctx } = start({ index: 1 });
    actor.send({ type: 'wrong move', move: 1 });
    actor.send({ type: 'wrong move', move: 1 });
    actor.send({ type: 'hint' });
    actor.send({ type: 'wrong move', move: 0 });
    expect(ctx().wrongMoves).toEqual([1, 0]);
    expect(ctx().hints).toBe(1);
    expect(actor.getSnapshot().matches({ step: { task: 'working' } })).toBe(true);
  });

  it('ignores a move the step does not declare, and any move once "Show me" has acted or the task is done', () => {
    const { actor, ctx } = start({ index: 1 });
    for (const move of [-1, 2, 0.5, Number.NaN]) actor.send({ type: 'wrong move', move });
    expect(ctx().wrongMoves).toEqual([]);
    actor.send({ type: 'show me' });
    actor.send({ type: 'wrong move', move: 0 });
    expect(ctx().wrongMoves).toEqual([]);

    const done = start({ index: 1 });
    done.actor.send({ type: 'task.done' });
    done.actor.send({ type: 'wrong move', move: 0 });
    expect(done.ctx().wrongMoves).toEqual([]);
  });

  it('a prediction or reading step has no wrong moves', () => {
    const { actor, ctx } = start();
    actor.send({ type: 'wrong move', move: 0 });
    expect(ctx().wrongMoves).toEqual([]);
  });

  it('restarting or leaving the step forgets its wrong moves', () => {
    const { actor, ctx } = start({ index: 1 });
    actor.send({ type: 'wrong move', move: 0 });
    actor.send({ type: 'restart step' });
    expect(ctx().wrongMoves).toEqual([]);
    actor.send({ type: 'wrong move', move: 0 });
    expect(ctx().wrongMoves).toEqual([0]);
    actor.send({ type: 'next' });
    actor.send({ type: 'back' });
    expect(ctx().wrongMoves).toEqual([]);
  });
});

describe('a lesson run: moving between steps', () => {
  it('next, back and go open steps afresh; a reading step is done when passed; the last next completes', () => {
    const { actor, ctx } = start();
    const attempt = ctx().attempt;
    actor.send({ type: 'next' });
    expect(ctx().index).toBe(1);
    expect(ctx().attempt).toBe(attempt + 1);
    expect(ctx().done).toEqual([]); // skipping a prediction does not count it done
    actor.send({ type: 'back' });
    expect(ctx().index).toBe(0);
    actor.send({ type: 'back' });
    expect(ctx().index).toBe(0);
    actor.send({ type: 'go', index: 99 });
    expect(ctx().index).toBe(2);
    expect(actor.getSnapshot().matches({ step: 'reading' })).toBe(true);
    actor.send({ type: 'next' });
    expect(actor.getSnapshot().matches('completed')).toBe(true);
    expect(ctx().done).toEqual(['read-on']);
    actor.send({ type: 'back' });
    expect(actor.getSnapshot().matches({ step: 'reading' })).toBe(true);
  });

  it('restart step clears the answer and hints and reopens the lab; restart lesson forgets what was done', () => {
    const { actor, ctx } = start({ done: ['cut-link'] });
    actor.send({ type: 'select', choice: 1 });
    actor.send({ type: 'answer' });
    const attempt = ctx().attempt;
    actor.send({ type: 'restart step' });
    expect(actor.getSnapshot().matches({ step: 'predicting' })).toBe(true);
    expect(ctx().answered).toBeNull();
    expect(ctx().attempt).toBe(attempt + 1);
    expect(ctx().done).toEqual(['cut-link', 'predict-skew']);
    actor.send({ type: 'restart lesson' });
    expect(ctx().done).toEqual([]);
    expect(ctx().index).toBe(0);
  });

  it('starts at a saved step, clamped into the lesson', () => {
    expect(start({ index: 2 }).ctx().index).toBe(2);
    expect(start({ index: 40 }).ctx().index).toBe(2);
    expect(start({ index: -3 }).ctx().index).toBe(0);
  });
});
