import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIRED_CONCEPTS } from '../../src/lessons/concepts';
import { holds } from '../../src/lessons/conditions';
import { course, courseFiles } from '../../src/lessons/course';
import { parseLesson } from '../../src/lessons/parse';
import { type LessonStep, type ShowMeAction, stepKind } from '../../src/lessons/types';
import { applyCommand, loadScenario } from '../../src/scenario';
import type { Simulation } from '../../src/model';

describe('the course', () => {
  it('every course file is a valid lesson, and every file in the folder is in the course', () => {
    for (const file of courseFiles) {
      const r = parseLesson(file);
      expect(r.ok ? [] : r.errors, (file as { id: string }).id).toEqual([]);
    }
    const jsonFiles = readdirSync('src/lessons/course').filter((f) => f.endsWith('.json'));
    expect(jsonFiles.length).toBe(courseFiles.length);
  });

  it('covers every concept of course.md, with at least 10 predictions, in under 30 minutes', () => {
    const lessons = course();
    const taught = new Set(lessons.flatMap((l) => l.steps.flatMap((s) => s.concepts)));
    expect(REQUIRED_CONCEPTS.filter((c) => !taught.has(c))).toEqual([]);
    const predictions = lessons.flatMap((l) => l.steps).filter((s) => stepKind(s) === 'predict');
    expect(predictions.length).toBeGreaterThanOrEqual(10);
    expect(lessons.reduce((sum, l) => sum + l.minutes, 0)).toBeLessThan(30);
    for (const l of lessons) {
      // course.md: a lesson is 3–8 steps and 2–5 minutes; predictions have 2–4 choices.
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
      expect(l.minutes, l.id).toBeGreaterThanOrEqual(2);
      expect(l.minutes, l.id).toBeLessThanOrEqual(5);
    }
    // Do, don't watch: reading steps are rare.
    const reading = lessons.flatMap((l) => l.steps).filter((s) => stepKind(s) === 'reading');
    expect(reading.length).toBeLessThanOrEqual(2);
  });

  it('varies where the right answer sits: no position holds more than 40% of the right answers', () => {
    const predictions = course().flatMap((l) => l.steps.flatMap((s) => (s.predict ? [s.predict] : [])));
    const byPosition = new Map<number, number>();
    for (const p of predictions) {
      const right = p.choices.findIndex((c) => c.correct);
      byPosition.set(right, (byPosition.get(right) ?? 0) + 1);
    }
    for (const [position, n] of byPosition) {
      expect(
        n / predictions.length,
        `right answer at choice ${String(position + 1)} in ${String(n)} steps`,
      ).toBeLessThanOrEqual(0.4);
    }
    // Every position a prediction can have is used: the last choice is right somewhere too.
    const widest = Math.max(...predictions.map((p) => p.choices.length));
    for (let i = 0; i < Math.min(widest, 3); i++)
      expect(byPosition.get(i) ?? 0, `choice ${String(i + 1)}`).toBeGreaterThan(0);
  });

  it('every task’s "Show me" does the task: the step’s condition holds once the lab has run', () => {
    for (const lesson of course()) {
      for (const step of lesson.steps) {
        if (!step.task) continue;
        const sim = loadScenario(step.scenario);
        const before = sim.historyLength();
        const start = sim.now();
        for (const cmd of step.task.showMe) {
          if (cmd.type === 'set-strategy') {
            sim.setStrategy(cmd.strategy);
            continue;
          }
          if (start + cmd.at > sim.now()) sim.advance(start + cmd.at - sim.now());
          applyCommand(sim, cmd);
        }
        sim.runUntilQuiescent();
        const events = sim.history().slice(before);
        expect(holds(step.task.done, { snapshot: sim.snapshot(), events }), `${lesson.id}/${step.id}`).toBe(true);
      }
    }
  });

  it('some task steps name wrong moves, and a learner doing it right (“Show me”) trips none of them', () => {
    const withMoves = course().flatMap((l) => l.steps.filter((s) => (s.task?.wrongMoves?.length ?? 0) > 0));
    expect(withMoves.length).toBeGreaterThanOrEqual(3);
    for (const step of withMoves) {
      const task = step.task;
      if (!task) continue;
      const tripped: string[] = [];
      play(step, task.showMe, (observed) => {
        if (holds(task.done, observed)) return;
        task.wrongMoves?.forEach((m, i) => {
          if (holds(m.when, observed)) tripped.push(`wrongMoves[${String(i)}] at ${String(observed.snapshot.time)} ms`);
        });
      });
      expect(tripped, step.id).toEqual([]);
    }
  });

  it('each course wrong move is reached by the mistake it describes, before the task is done', () => {
    const write = (node: string, key: string, value: string, at = 0): ShowMeAction => ({
      at,
      type: 'write',
      node,
      key,
      op: { type: 'set', value },
    });
    /** Step id → for each of its wrong moves, a learner's wrong path. */
    const mistakes: Record<string, ShowMeAction[][]> = {
      partition: [
        [
          { at: 0, type: 'cut-link', a: 'eu', b: 'us' },
          write('eu', 'title', 'x'),
          { at: 100, type: 'heal-link', a: 'eu', b: 'us' },
        ],
      ],
      'all-to-all-crash': [[{ at: 0, type: 'crash', node: 'sa' }], [write('eu', 'title', 'too early')]],
      'make-conflict': [
        [write('eu', 'title', 'one'), write('eu', 'title', 'two', 100)],
        [write('eu', 'title', 'first'), write('us', 'title', 'second', 3000)],
      ],
      hlc: [[{ at: 0, type: 'set-strategy', strategy: { kind: 'crdt', set: 'or-set', register: 'mv' } }]],
    };
    const steps = new Map(course().flatMap((l) => l.steps.map((s) => [s.id, s] as const)));
    for (const [id, paths] of Object.entries(mistakes)) {
      const task = steps.get(id)?.task;
      expect(task?.wrongMoves?.length, id).toBe(paths.length);
      paths.forEach((path, i) => {
        const step = steps.get(id);
        const when = step?.task?.wrongMoves?.[i]?.when;
        if (!step?.task || !when) throw new Error(`${id}: no wrong move ${String(i)}`);
        const done = step.task.done;
        let seen = false;
        play(step, path, (observed) => {
          if (!holds(done, observed) && holds(when, observed)) seen = true;
        });
        expect(seen, `${id}/wrongMoves[${String(i)}]`).toBe(true);
      });
    }
  });

  it('every prediction’s step runs something after it opens, for the lab to reveal', () => {
    for (const lesson of course()) {
      for (const step of lesson.steps) {
        if (!step.predict) continue;
        const sim = loadScenario(step.scenario);
        const before = sim.snapshot();
        sim.seek(before.horizon);
        sim.runUntilQuiescent();
        expect(sim.now(), `${lesson.id}/${step.id}`).toBeGreaterThan(before.time);
      }
    }
  });

  it('the example lesson in public/lessons, written from the docs alone, is valid', () => {
    for (const f of readdirSync('public/lessons').filter((x) => x.endsWith('.json'))) {
      const r = parseLesson(readFileSync(`public/lessons/${f}`, 'utf8'));
      expect(r.ok ? [] : r.errors, f).toEqual([]);
    }
  });
});

/**
 * Open `step`'s scenario, perform `actions` as "Show me" does (each at its time from now) and play
 * until nothing is in flight, in 50 ms ticks as the lab plays, calling `look` with what a watcher
 * sees at every change of the lab.
 */
function play(
  step: LessonStep,
  actions: readonly ShowMeAction[],
  look: (observed: { snapshot: ReturnType<Simulation['snapshot']>; events: ReturnType<Simulation['history']> }) => void,
): void {
  const TICK = 50;
  const sim = loadScenario(step.scenario);
  const before = sim.historyLength();
  const start = sim.now();
  const stop = sim.subscribe(() => {
    look({ snapshot: sim.snapshot(), events: sim.history().slice(before) });
  });
  const playTo = (t: number) => {
    while (sim.now() < t) sim.advance(Math.min(TICK, t - sim.now()));
  };
  for (const cmd of actions) {
    playTo(start + cmd.at);
    if (cmd.type === 'set-strategy') sim.setStrategy(cmd.strategy);
    else applyCommand(sim, cmd);
  }
  for (let ticks = 0; !sim.snapshot().quiescent && ticks < 2_000; ticks++) sim.advance(TICK);
  expect(sim.snapshot().quiescent, `${step.id}: the run settles`).toBe(true);
  stop();
}
