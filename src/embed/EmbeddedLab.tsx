import { useEffect, useRef } from 'react';
import type { LabActions, LabStore } from '../store/labStore';
import { MultiLeaderLab } from '../view/MultiLeaderLab';
import { conflictDetail, EMBED_EVENT_VERSION, type EmitEmbedEvent } from './events';
import type { EmbedSettings } from './params';

export interface EmbeddedLabProps {
  readonly settings: EmbedSettings;
  /** Receives the embed's events (the element dispatches them, embed.html posts them). */
  readonly emit: EmitEmbedEvent;
}

/**
 * The lab as an embed shows it: the settings from attributes or query parameters, what was
 * wrong with them in words, the theme, and the events a course page listens to. A new preset
 * or scenario mounts a new run (and says `ready` again); the other settings apply in place.
 */
export function EmbeddedLab({ settings, emit }: EmbeddedLabProps) {
  const { scenario, source, controls, theme, label, autoplay, problems } = settings;
  const latest = useRef({ emit, settings });
  const store = useRef<LabStore | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);
  useEffect(() => {
    latest.current = { emit, settings };
  });
  useEffect(() => {
    const actions = store.current?.getState().actions;
    if (!actions) return;
    if (autoplay) actions.play();
    else actions.pause();
  }, [autoplay]);
  useEffect(
    () => () => {
      unsubscribe.current?.();
    },
    [],
  );
  const onReady = (actions: LabActions, labStore: LabStore) => {
    store.current = labStore;
    unsubscribe.current?.();
    // Conflicts are reported as the run records them (not those the scenario already held).
    let counted = labStore.getState().historyTotal;
    unsubscribe.current = labStore.subscribe((state) => {
      const total = state.historyTotal;
      if (total < counted) counted = total;
      if (total === counted) return;
      const fresh = state.sim.recentHistory(total - counted);
      counted = total;
      for (const event of fresh) if (event.type === 'conflict') latest.current.emit('conflict', conflictDetail(event));
    });
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
  return (
    <div className="mll-embed" data-theme={theme}>
      {problems.length > 0 && (
        <div className="mll-embed-problems" role="status">
          <p>Some settings of this embed could not be used; the rest works:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <MultiLeaderLab key={source} scenario={scenario} controls={controls} title={label} onReady={onReady} />
    </div>
  );
}
