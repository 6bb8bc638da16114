import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIRED_CONCEPTS } from '../../src/lessons/concepts';
import { holds } from '../../src/lessons/conditions';
import { course, courseFiles } from '../../src/lessons/course';
import { parseLesson } from '../../src/lessons/parse';
import { stepKind } from '../../src/lessons/types';
import { applyCommand, loadScenario } from '../../src/scenario';

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
