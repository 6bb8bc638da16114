import { useEffect, useRef, useState } from 'react';
import lessonsCss from '../lessons/lessons.css?inline';
import { course, courseLesson } from '../lessons/course';
import { LessonPlayer } from '../lessons/LessonPlayer';
import { browserStorage, createProgressStore, type ProgressStore } from '../lessons/progress';
import type { Lesson } from '../lessons/types';
import type { LabActions, LabStore } from '../store/labStore';
import { EMBED_EVENT_VERSION, type EmitEmbedEvent } from './events';

/**
 * The part of an embed that plays a lesson: the course, the lesson player and its styles. Loaded
 * by `EmbeddedLab` with a dynamic `import()` only when an embed names a `lesson`, so a plain lab
 * embed never downloads or parses any of it.
 */

/** The lesson an embed asked for, at the step it asked for, or why it cannot open. */
export type ResolvedLesson =
  | { readonly lesson: Lesson; readonly step: number; readonly problem: string | null }
  | { readonly lesson: null; readonly problem: string };

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 60)}…` : text}”`;

/**
 * Find a course lesson by id and check the step (1-based) against it: an unknown lesson is a
 * problem (the embed shows the lab instead); a step past the end opens the lesson at step 1.
 */
export function resolveLesson(id: string, step: number | null): ResolvedLesson {
  const lesson = courseLesson(id);
  if (!lesson) {
    return {
      lesson: null,
      problem: `There is no lesson ${quote(id)}, so the lab is shown instead. The lessons are: ${course()
        .map((l) => l.id)
        .join(', ')}.`,
    };
  }
  const count = lesson.steps.length;
  if (step !== null && step > count) {
    return {
      lesson,
      step: 1,
      problem: `The lesson ${quote(id)} has ${String(count)} steps, so there is no step ${String(step)}: it opens at step 1.`,
    };
  }
  return { lesson, step: step ?? 1, problem: null };
}

/** The lesson styles, adopted by the shadow root the player renders in (a `<style>` would break a strict CSP). */
function useShadowStyles(ref: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current?.getRootNode();
    if (typeof ShadowRoot === 'undefined' || !(root instanceof ShadowRoot)) return;
    if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return;
    const cache = useShadowStyles as { sheet?: CSSStyleSheet };
    if (!cache.sheet) {
      cache.sheet = new CSSStyleSheet();
      cache.sheet.replaceSync(lessonsCss);
    }
    const sheet = cache.sheet;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }, [ref]);
}

export interface EmbeddedLessonProps {
  readonly lesson: Lesson;
  /** 1-based. */
  readonly step: number;
  readonly emit: EmitEmbedEvent;
  /** Each step's lab, once ready (the embed reports its conflicts). */
  readonly onLabReady: (actions: LabActions, store: LabStore) => void;
}

/**
 * A course lesson inside an embed: the player (its text beside the step's lab, graph included),
 * its step changes and completion sent as `stepchange` and `complete`, progress kept where the
 * page allows storage (in a sandboxed frame the player says it is not kept, and goes on).
 */
export function EmbeddedLesson({ lesson, step, emit, onLabReady }: EmbeddedLessonProps) {
  const box = useRef<HTMLDivElement>(null);
  useShadowStyles(box);
  const [progress] = useState<ProgressStore>(() => createProgressStore(browserStorage()));
  return (
    <div className="mll-embed-lesson" ref={box}>
      <LessonPlayer
        lesson={lesson}
        step={step}
        progress={progress}
        focusOnOpen={false}
        onStepChange={(n) => {
          emit('stepchange', { version: EMBED_EVENT_VERSION, lesson: lesson.id, step: n });
        }}
        onComplete={() => {
          emit('complete', { version: EMBED_EVENT_VERSION, lesson: lesson.id });
        }}
        onLabReady={onLabReady}
      />
    </div>
  );
}
