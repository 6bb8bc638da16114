import { type ComponentType, useEffect, useId, useRef, useState } from 'react';
import { course, courseLesson } from '../lessons/course';
import { LessonPlayer } from '../lessons/LessonPlayer';
import { parseLesson } from '../lessons/parse';
import { browserStorage, createProgressStore, type ProgressStore } from '../lessons/progress';
import type { Lesson, LessonError } from '../lessons/types';
import { encodeScenario } from '../scenario';
import { formatRoute } from './routes';

/** A lesson file or address larger than this is refused before reading (a lesson is a few kB). */
const MAX_LESSON_BYTES = 2_000_000;

/**
 * `#/lessons`: the course, each lesson with its title, summary, minutes and progress, and
 * "Open lesson…" for a teacher's file.
 */
export function LessonsMenu({ progress, onOpened }: { progress: ProgressStore; onOpened: (lesson: Lesson) => void }) {
  const lessons = course();
  const total = lessons.reduce((sum, l) => sum + l.minutes, 0);
  const [errors, setErrors] = useState<{ file: string; errors: readonly LessonError[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="app-lessons" aria-labelledby="app-lessons-title">
      <h1 id="app-lessons-title" ref={heading} tabIndex={-1}>
        Lessons
      </h1>
      <p className="app-lede">
        A course in {String(lessons.length)} short lessons, about {String(total)} minutes in all. Each step starts the
        lab from a scene: predict what will happen, or make it happen yourself.
      </p>
      {progress.notice && <p className="lesson-notice">{progress.notice}</p>}
      <ol className="app-cards app-lesson-cards">
        {lessons.map((l) => {
          const p = progress.get(l.id);
          const done = p ? l.steps.filter((s) => p.done.includes(s.id)).length : 0;
          const state = p?.completed
            ? 'Completed'
            : done > 0
              ? `${String(done)} of ${String(l.steps.length)} steps done`
              : 'Not started';
          return (
            <li key={l.id}>
              <article>
                <h2>
                  <a href={formatRoute({ page: 'lesson', lesson: l.id, ...(p && !p.completed ? {} : { step: 1 }) })}>
                    {l.title}
                  </a>
                </h2>
                <p>{l.summary}</p>
                <p className="app-lesson-meta">
                  {String(l.minutes)} min · {String(l.steps.length)} steps · <span>{state}</span>
                </p>
              </article>
            </li>
          );
        })}
      </ol>
      <h2 className="app-lessons-own">Your own lesson</h2>
      <p>
        Teachers write lessons as JSON files (the format is in the README and the Storybook docs). Open one here, or
        link to it with <code>#/lesson?src=&lt;address&gt;</code>.
      </p>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="app-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > MAX_LESSON_BYTES) {
            setErrors({ file: file.name, errors: [{ path: '', message: 'the file is too large to be a lesson' }] });
            return;
          }
          void file.text().then((text) => {
            const r = parseLesson(text);
            if (r.ok) {
              setErrors(null);
              onOpened(r.lesson);
            } else setErrors({ file: file.name, errors: r.errors });
          });
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Open lesson…
      </button>
      <div aria-live="polite">{errors && <LessonErrors source={errors.file} errors={errors.errors} />}</div>
    </section>
  );
}

/** Where in the lesson, in words first: "Step 3, task.done.node". */
export function describePath(path: string): string {
  if (path === '') return 'The whole lesson';
  const m = /^steps\[(\d+)\]\.?(.*)$/.exec(path);
  if (!m) return `“${path}”`;
  const rest = m[2] ? `, at ${m[2]}` : '';
  return `Step ${String(Number(m[1]) + 1)}${rest}`;
}

/** A lesson's problems, each with where it is: what a teacher fixes their file from. */
export function LessonErrors({ source, errors }: { source: string; errors: readonly LessonError[] }) {
  const id = useId();
  return (
    <div className="app-problem-box" role="group" aria-labelledby={id}>
      <p id={id}>
        <strong>This lesson did not open.</strong> {source} has {String(errors.length)}{' '}
        {errors.length === 1 ? 'problem' : 'problems'}:
      </p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {describePath(e.path)}
            {e.path ? (
              <>
                {' '}
                (<code>{e.path}</code>)
              </>
            ) : null}
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function exitToLab(scenario: Parameters<typeof encodeScenario>[0]): void {
  window.location.hash = formatRoute({ page: 'lab', shared: encodeScenario(scenario) });
}

/** After the last step: the next lesson of the course, or the menu. */
function NextLesson({ lesson }: { lesson: Lesson }) {
  const lessons = course();
  const at = lessons.findIndex((l) => l.id === lesson.id);
  const next = at >= 0 ? lessons[at + 1] : undefined;
  return (
    <p className="app-lesson-next">
      {next && (
        <a className="app-button-link" href={formatRoute({ page: 'lesson', lesson: next.id, step: 1 })}>
          Next lesson: {next.title}
        </a>
      )}{' '}
      <a href={formatRoute({ page: 'lessons' })}>All lessons</a>
    </p>
  );
}

/** `#/lesson/<id>/<n>`: a course lesson, or one opened from a file this visit. */
export function LessonRoute({
  id,
  step,
  opened,
  progress,
}: {
  id: string;
  step: number | undefined;
  opened: Lesson | null;
  progress: ProgressStore;
}) {
  const lesson = opened?.id === id ? opened : courseLesson(id);
  if (!lesson) {
    return (
      <section className="app-lessons">
        <h1 tabIndex={-1}>No such lesson</h1>
        <p>
          There is no lesson “{id}”. It may have been renamed, or it was opened from a file in another visit: open the
          file again from <a href={formatRoute({ page: 'lessons' })}>Lessons</a>.
        </p>
      </section>
    );
  }
  return (
    <LessonPlayer
      key={lesson.id}
      lesson={lesson}
      {...(step !== undefined ? { step: Math.min(step, lesson.steps.length) } : {})}
      progress={progress}
      onExit={exitToLab}
      afterComplete={<NextLesson lesson={lesson} />}
      onStepChange={(n) => {
        const target = formatRoute({ page: 'lesson', lesson: lesson.id, step: n });
        if (window.location.hash === target) return;
        // Opening a lesson without a step names the step it resumed at, without a history entry.
        if (step === undefined) window.history.replaceState(null, '', target);
        else window.location.hash = target;
      }}
    />
  );
}

type Fetched =
  { state: 'loading' } | { state: 'failed'; errors: readonly LessonError[] } | { state: 'ready'; lesson: Lesson };

/** `#/lesson?src=<url>`: a teacher's lesson fetched from its address (CORS), checked, then played. */
export function LessonFromUrl({
  src,
  step,
  progress,
}: {
  src: string;
  step: number | undefined;
  progress: ProgressStore;
}) {
  const [fetched, setFetched] = useState<Fetched>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    const done = (f: Fetched) => {
      if (live) setFetched(f);
    };
    void loadLesson(src).then(done);
    return () => {
      live = false;
    };
  }, [src]);
  if (fetched.state === 'loading') return <p className="app-lessons">Loading the lesson from {src}…</p>;
  if (fetched.state === 'failed') {
    return (
      <section className="app-lessons" aria-labelledby="app-lesson-failed">
        <h1 id="app-lesson-failed" tabIndex={-1}>
          The lesson did not open
        </h1>
        <LessonErrors source={src} errors={fetched.errors} />
        <p>
          <a href={formatRoute({ page: 'lessons' })}>Back to the lessons</a>
        </p>
      </section>
    );
  }
  return (
    <LessonPlayer
      lesson={fetched.lesson}
      {...(step !== undefined ? { step: Math.min(step, fetched.lesson.steps.length) } : {})}
      progress={progress}
      onExit={exitToLab}
      afterComplete={
        <p>
          <a href={formatRoute({ page: 'lessons' })}>All lessons</a>
        </p>
      }
      onStepChange={(n) => {
        window.history.replaceState(null, '', formatRoute({ page: 'lesson', src, step: n }));
      }}
    />
  );
}

/** Fetch and check a lesson file; every failure said in words, by path where there is one. */
export async function loadLesson(src: string): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(src, window.location.href);
  } catch {
    return { state: 'failed', errors: [{ path: '', message: `“${src}” is not a web address` }] };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { state: 'failed', errors: [{ path: '', message: 'a lesson address starts with https:// (or http://)' }] };
  }
  let text: string;
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
    if (!response.ok) {
      return {
        state: 'failed',
        errors: [{ path: '', message: `the server answered ${String(response.status)}: is the address right?` }],
      };
    }
    text = await response.text();
  } catch {
    return {
      state: 'failed',
      errors: [
        {
          path: '',
          message:
            'the file could not be fetched: the server may be down, or it does not allow other sites to read it (it must send Access-Control-Allow-Origin)',
        },
      ],
    };
  }
  if (text.length > MAX_LESSON_BYTES) {
    return { state: 'failed', errors: [{ path: '', message: 'the file is too large to be a lesson' }] };
  }
  const r = parseLesson(text);
  return r.ok ? { state: 'ready', lesson: r.lesson } : { state: 'failed', errors: r.errors };
}

/**
 * Lesson progress, read from storage once per visit: the app holds the box, the lesson pages
 * fill it when one first opens (so the lab's first load carries no lesson code).
 */
export interface ProgressHolder {
  current: ProgressStore | null;
}

/** A lesson page given the app's progress box instead of the store itself. */
function withProgress<P extends { progress: ProgressStore }>(Page: ComponentType<P>) {
  return function PageWithProgress(props: Omit<P, 'progress'> & { progress: ProgressHolder }) {
    const holder = props.progress;
    holder.current ??= createProgressStore(browserStorage());
    return <Page {...(props as unknown as P)} progress={holder.current} />;
  };
}

/** The lesson pages as one lazily loaded module: the course and the engine load when a lesson page opens. */
export default {
  LessonsMenu: withProgress(LessonsMenu),
  LessonRoute: withProgress(LessonRoute),
  LessonFromUrl: withProgress(LessonFromUrl),
};
