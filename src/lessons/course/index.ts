import whySeveralLeaders from './01-why-several-leaders.json';
import topologies from './02-topologies.json';
import orderOfThings from './03-order-of-things.json';
import conflictsAndLww from './04-conflicts-and-lww.json';
import mergingAndCustom from './05-merging-and-custom.json';
import crdtsAndOt from './06-crdts-and-ot.json';
import choosing from './07-choosing.json';
import { parseLesson } from '../parse';
import type { Lesson } from '../types';

/**
 * The course: seven lessons in the order a student follows them, written as lesson files (the
 * same format teachers use) and checked by the same parser. The tests hold every file to it,
 * so a failure here is a bug in this repository, said with the file's errors.
 */
export const courseFiles: readonly unknown[] = [
  whySeveralLeaders,
  topologies,
  orderOfThings,
  conflictsAndLww,
  mergingAndCustom,
  crdtsAndOt,
  choosing,
];

let parsed: readonly Lesson[] | null = null;

/** The course's lessons, parsed once on first use. */
export function course(): readonly Lesson[] {
  parsed ??= courseFiles.map((file) => {
    const r = parseLesson(file);
    if (!r.ok) {
      const id = (file as { id?: unknown }).id;
      throw new Error(
        `Course lesson ${String(id)} is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    }
    return r.lesson;
  });
  return parsed;
}

/** The course lesson with this id, or undefined. */
export function courseLesson(id: string): Lesson | undefined {
  return course().find((l) => l.id === id);
}
