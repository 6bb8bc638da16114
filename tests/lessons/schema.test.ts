import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from '../../src/lessons/jsonSchema';
import { parseLesson } from '../../src/lessons/parse';
import { sampleLesson } from './sample';

type Lesson = ReturnType<typeof sampleLesson>;
type Step = Record<string, unknown>;
const steps = (l: Lesson) => l.steps as Step[];
const step = (l: Lesson, i: number): Step => {
  const s = steps(l)[i];
  if (!s) throw new Error(`no step ${String(i)}`);
  return s;
};
const task = (l: Lesson) => step(l, 1).task as Record<string, unknown>;
const predict = (l: Lesson) => step(l, 0).predict as { choices: Record<string, unknown>[] };

/** Each broken lesson, the path its error must name, and words the message must contain. */
const broken: [string, (l: Lesson) => void, string, RegExp][] = [
  ['no id', (l) => delete l.id, 'id', /"id" is missing/],
  ['an id with spaces', (l) => (l.id = 'my lesson'), 'id', /letters, digits/],
  ['minutes out of range', (l) => (l.minutes = 90), 'minutes', /1 to 30/],
  ['no steps', (l) => (l.steps = []), 'steps', /at least one step/],
  ['a misspelt field', (l) => (step(l, 0).titel = 'x'), 'steps[0].titel', /not a field here/],
  [
    'an unknown preset',
    (l) => (step(l, 1).scenario = 'no-such-preset'),
    'steps[1].scenario',
    /no preset "no-such-preset"/,
  ],
  [
    'an inline scenario the lab refuses',
    (l) =>
      (step(l, 2).scenario = {
        format: 'mll-scenario/1',
        config: { nodes: [{ id: 'eu' }], keys: { title: 'register' } },
        commands: [{ at: 0, type: 'crash', node: 'zz' }],
      }),
    'steps[2].scenario.commands[0].node',
    /zz/,
  ],
  ['an unknown concept', (l) => (step(l, 2).concepts = ['lww', 'vibes']), 'steps[2].concepts[1]', /not a concept/],
  [
    'two right answers',
    (l) => (predict(l).choices[1] = { ...predict(l).choices[1], correct: true }),
    'steps[0].predict.choices',
    /exactly one/,
  ],
  ['one choice only', (l) => predict(l).choices.splice(1), 'steps[0].predict.choices', /2 to 4 choices/],
  [
    'a choice without why',
    (l) => delete predict(l).choices[0]?.why,
    'steps[0].predict.choices[0].why',
    /"why" is missing/,
  ],
  [
    'a task on a leader that does not exist',
    (l) => (task(l).done = { type: 'leader', node: 'xx', is: 'crashed' }),
    'steps[1].task.done.node',
    /no leader "xx".*eu, us, ap/,
  ],
  [
    'a condition of an unknown type',
    (l) => (task(l).done = { type: 'vibe' }),
    'steps[1].task.done.type',
    /one of event, link/,
  ],
  [
    'a task already done at the start',
    (l) => (task(l).done = { type: 'link', a: 'eu', b: 'ap', is: 'up' }),
    'steps[1].task.done',
    /already done/,
  ],
  ['a task with no hints', (l) => (task(l).hints = []), 'steps[1].task.hints', /at least one hint/],
  [
    'a conflict kind that does not exist',
    (l) => (task(l).done = { type: 'event', event: 'conflict', conflictKind: 'insert-update' }),
    'steps[1].task.done.conflictKind',
    /one of the row conflicts: insert-insert/,
  ],
  [
    'show me on a missing key',
    (l) => (task(l).showMe = [{ at: 0, type: 'write', node: 'eu', key: 'nope', op: { type: 'set', value: 'x' } }]),
    'steps[1].task.showMe[0].key',
    /no key "nope"/,
  ],
  [
    'a wrong move on a leader that does not exist',
    (l) =>
      ((task(l).wrongMoves as Record<string, unknown>[])[0] = {
        when: { type: 'leader', node: 'zz', is: 'crashed' },
        hint: 'x',
      }),
    'steps[1].task.wrongMoves[0].when.node',
    /no leader "zz"/,
  ],
  [
    'a wrong move that already holds when the step opens',
    (l) =>
      ((task(l).wrongMoves as Record<string, unknown>[])[1] = {
        when: { type: 'link', a: 'eu', b: 'us', is: 'up' },
        hint: 'x',
      }),
    'steps[1].task.wrongMoves[1].when',
    /already holds when the step opens/,
  ],
  [
    'a wrong move without a hint',
    (l) => delete (task(l).wrongMoves as Record<string, unknown>[])[0]?.hint,
    'steps[1].task.wrongMoves[0].hint',
    /"hint" is missing/,
  ],
  [
    'an empty list of wrong moves',
    (l) => (task(l).wrongMoves = []),
    'steps[1].task.wrongMoves',
    /at least one wrong move/,
  ],
  ['a task and a prediction in one step', (l) => (step(l, 1).predict = step(l, 0).predict), 'steps[1]', /not both/],
  ['a prediction with nothing left to happen', (l) => delete step(l, 0).at, 'steps[0].predict', /nothing happens/],
  ['at after the run ends', (l) => (step(l, 0).at = 99_999), 'steps[0].at', /ends at/],
  ['two steps with one id', (l) => (step(l, 2).id = 'cut-link'), 'steps[2].id', /share the id/],
];

describe('the lesson schema', () => {
  it('accepts a lesson written as the docs say', () => {
    const r = parseLesson(sampleLesson());
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it.each(broken)('refuses %s, naming the path and saying why', (_name, breakIt, path, message) => {
    const lesson = sampleLesson();
    breakIt(lesson);
    const r = parseLesson(JSON.stringify(lesson));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path === path && message.test(e.message));
    expect(hit, JSON.stringify(r.errors)).toBeTruthy();
  });

  it('keeps a task’s wrong moves, each with its condition and hint', () => {
    const r = parseLesson(sampleLesson());
    const moves = r.ok ? r.lesson.steps[1]?.task?.wrongMoves : undefined;
    expect(moves?.map((m) => m.when.type)).toEqual(['link', 'leader']);
    expect(moves?.[0]?.hint).toMatch(/Frankfurt–Tokyo/);
  });

  it('refuses what is not a lesson at all, in words', () => {
    const say = (input: unknown) => {
      const r = parseLesson(input);
      return r.ok ? '' : r.errors.map((e) => e.message).join(' ');
    };
    expect(say('{"id": ')).toMatch(/not valid JSON/);
    expect(say([])).toMatch(/a lesson is an object/);
    expect(say(JSON.parse('{"__proto__": {"x": 1}}'))).not.toBe('');
  });

  it('keeps lesson text as data: HTML in a lesson is only characters', () => {
    const lesson = sampleLesson();
    step(lesson, 2).text = '<img src=x onerror=alert(1)> **hi**';
    const r = parseLesson(lesson);
    expect(r.ok && r.lesson.steps[2]?.text).toBe('<img src=x onerror=alert(1)> **hi**');
  });

  it('public/lesson.schema.json is what the generator makes from the valibot schema', () => {
    const committed: unknown = JSON.parse(readFileSync('public/lesson.schema.json', 'utf8'));
    expect(committed, 'run `npm run lesson-schema` and commit the file').toEqual(lessonJsonSchema());
  });
});
