import { toJsonSchema } from '@valibot/to-json-schema';
import { conditionSchema, LESSON_FORMAT, lessonSchema } from './schema';

/**
 * The JSON Schema of a lesson file, generated from the valibot schema the app checks lessons
 * with, so an editor (VS Code reads `"$schema"`) flags a mistake as the lesson is written.
 * Committed at `public/lesson.schema.json` by `npm run lesson-schema`; a test checks the
 * committed file is what this makes. JSON Schema cannot say everything the app checks (a preset
 * that exists, one right choice, leader names): the app's "Open lesson…" says those.
 */
export function lessonJsonSchema(): Record<string, unknown> {
  const generated = toJsonSchema(lessonSchema, {
    definitions: { condition: conditionSchema },
    // "finite" only refuses Infinity and NaN, which JSON cannot carry anyway.
    ignoreActions: ['finite'],
  }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Multi-Leader Lab lesson (${LESSON_FORMAT})`,
    description:
      'A click-through lesson: steps that each start from a scenario and either ask a prediction, set a task, or are read. Generated from src/lessons/schema.ts: do not edit by hand.',
    ...generated,
  };
}
