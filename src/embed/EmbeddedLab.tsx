import { useEffect, useRef, useState } from 'react';
import type { LabActions, LabStore } from '../store/labStore';
import { MultiLeaderLab } from '../view/MultiLeaderLab';
import { conflictDetail, EMBED_EVENT_VERSION, type EmitEmbedEvent } from './events';
import type * as LessonPartModule from './lessonPart';
import type { EmbedSettings } from './params';

export interface EmbeddedLabProps {
  readonly settings: EmbedSettings;
  /** Receives the embed's events (the element dispatches them, embed.html posts them). */
  readonly emit: EmitEmbedEvent;
}

/** The lazily loaded lesson part (`lessonPart.tsx`), or why it could not be loaded. */
type LessonPart = typeof LessonPartModule;
type PartState = { readonly part: LessonPart } | { readonly failed: string } | null;

/**
 * The lab as an embed shows it: the settings from attributes or query parameters, what was
 * wrong with them in words, the theme, and the events a course page listens to. A new preset
 * or scenario mounts a new run (and says `ready` again); the other settings apply in place.
 * With `lesson`, the embed plays that course lesson (its player and the course are loaded on
 * demand, so a plain lab embed never loads them); a lesson it cannot open is named among the
 * problems and the lab is shown instead.
 */
export function EmbeddedLab({ settings, emit }: EmbeddedLabProps) {
  const { scenario, source, controls, theme, label, autoplay, problems, lesson, step } = settings;
  const latest = useRef({ emit, settings });
  const store = useRef<LabStore | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);
  const lessonReady = useRef<string | null>(null);
  const [loaded, setLoaded] = useState<PartState>(null);
  useEffect(() => {
    latest.current = { emit, settings };
  });
  const wantsLesson = lesson !== null;
  useEffect(() => {
    if (!wantsLesson) return;
    let live = true;
    import('./lessonPart').then(
      (part) => {
        if (live) setLoaded({ part });
      },
      (e: unknown) => {
        if (live) setLoaded({ failed: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [wantsLesson]);
  useEffect(() => {
    const actions = store.current?.getState().actions;
    if (!actions || wantsLesson) return;
    if (autoplay) actions.play();
    else actions.pause();
  }, [autoplay, wantsLesson]);
  useEffect(
    () => () => {
      unsubscribe.current?.();
    },
    [],
  );
  /** Report the conflicts this lab records from now on (not those its scenario already held). */
  const watchConflicts = (labStore: LabStore) => {
    store.current = labStore;
    unsubscribe.current?.();
    let counted = labStore.getState().historyTotal;
    unsubscribe.current = labStore.subscribe((state) => {
      const total = state.historyTotal;
      if (total < counted) counted = total;
      if (total === counted) return;
      const fresh = state.sim.recentHistory(total - counted);
      counted = total;
      for (const event of fresh) if (event.type === 'conflict') latest.current.emit('conflict', conflictDetail(event));
    });
  };
  const onReady = (actions: LabActions, labStore: LabStore) => {
    watchConflicts(labStore);
    const now = latest.current.settings;
    if (now.autoplay) {
      // Autoplay replays the run from its start, so its scenes are seen as they happen.
      actions.seek(0);
      actions.play();
    }
    latest.current.emit('ready', {
      version: EMBED_EVENT_VERSION,
      preset: now.scenario.id ?? null,
      title: now.scenario.title ?? null,
      problems: now.problems,
    });
  };

  let shown = problems;
  let body = <MultiLeaderLab key={source} scenario={scenario} controls={controls} title={label} onReady={onReady} />;
  if (lesson !== null) {
    if (loaded === null) {
      body = (
        <p className="mll-embed-loading" role="status">
          Loading the lesson…
        </p>
      );
    } else if ('failed' in loaded) {
      shown = [...problems, `The lesson could not be loaded (${loaded.failed}), so the lab is shown instead.`];
    } else {
      const found = loaded.part.resolveLesson(lesson, step);
      if (found.problem !== null) shown = [...problems, found.problem];
      if (found.lesson !== null) {
        const opened = found.lesson;
        const { EmbeddedLesson } = loaded.part;
        body = (
          <EmbeddedLesson
            key={opened.id}
            lesson={opened}
            step={found.step}
            emit={emit}
            onLabReady={(_actions, labStore) => {
              watchConflicts(labStore);
              // Each step starts a new lab; the page hears `ready` once per lesson.
              if (lessonReady.current === opened.id) return;
              lessonReady.current = opened.id;
              latest.current.emit('ready', {
                version: EMBED_EVENT_VERSION,
                preset: null,
                title: opened.title,
                problems: shown,
              });
            }}
          />
        );
      }
    }
  }
  return (
    <div className="mll-embed" data-theme={theme}>
      {shown.length > 0 && (
        <div className="mll-embed-problems" role="status">
          <p>Some settings of this embed could not be used; the rest works:</p>
          <ul>
            {shown.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {body}
    </div>
  );
}
