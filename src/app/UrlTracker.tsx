import { type RefObject, useEffect } from 'react';
import type { encodeScenario } from '../scenario/codec';
import type { LabState } from '../store/labStore';
import { useLabStore } from '../view/LabContext';
import { formatRoute, parseRoute } from './routes';

/** How long the run rests before the address bar is updated to carry it. */
export const URL_SETTLE_MS = 800;

/**
 * The link encoder (deflate with the scenario dictionary): loaded after the lab is up, not with it,
 * since a visit that changes nothing never needs it.
 */
export const loadEncoder = async (): Promise<typeof encodeScenario> =>
  (await import('../scenario/codec')).encodeScenario;

/** The share link of a run, for this page (its path and flags kept, the hash replaced). */
export async function shareLink(state: Pick<LabState, 'actions'>, base = window.location.href): Promise<string> {
  const encode = await loadEncoder();
  const hash = formatRoute({ page: 'lab', shared: encode(state.actions.scenario()) });
  return base.replace(/#.*$/, '') + hash;
}

/**
 * Keeps the address bar on the run: a while after the learner changes it, the hash becomes its
 * `#/lab?s=` link (history.replaceState, so Back is not flooded and no hashchange fires). A run
 * just opened from a link (`loading`) is what the address already names, and stays so until changed.
 */
export function UrlTracker({
  loading,
  written,
}: {
  loading: RefObject<boolean>;
  /** Set to the `s=` text the address bar was given; null while the run has changed since. */
  written: RefObject<string | null>;
}) {
  const store = useLabStore();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Each change makes earlier pending writes stale (the encoder loads asynchronously).
    let change = 0;
    let live = true;
    const write = async () => {
      timer = null;
      const mine = change;
      const encode = await loadEncoder();
      // Only the lab's own address is rewritten: never the gallery's while it shows.
      if (!live || mine !== change || parseRoute(window.location.hash).page !== 'lab') return;
      const shared = encode(store.getState().actions.scenario());
      window.history.replaceState(
        null,
        '',
        window.location.href.replace(/#.*$/, '') + formatRoute({ page: 'lab', shared }),
      );
      written.current = shared;
    };
    const unsubscribe = store.subscribe((s, prev) => {
      const changed =
        s.sim !== prev.sim || s.historyTotal !== prev.historyTotal || s.snapshot.time !== prev.snapshot.time;
      if (!changed) return;
      change += 1;
      if (timer) clearTimeout(timer);
      timer = null;
      // Opened from a link: the address names it already (a preset stays `#/lab/<id>`).
      if (loading.current) return;
      written.current = null;
      timer = setTimeout(() => void write(), URL_SETTLE_MS);
    });
    return () => {
      live = false;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, loading, written]);
  return null;
}
