import { writeFileSync } from 'node:fs';
import { lessonJsonSchema } from '../src/lessons/jsonSchema';

/** `npm run lesson-schema`: regenerate public/lesson.schema.json from the valibot lesson schema. */
writeFileSync(
  new URL('../public/lesson.schema.json', import.meta.url),
  `${JSON.stringify(lessonJsonSchema(), null, 2)}\n`,
);
