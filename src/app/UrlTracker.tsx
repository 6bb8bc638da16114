import { type RefObject, useEffect } from 'react';
import { encodeScenario } from '../scenario';
import type { LabState } from '../store/labStore';
import { useLabStore } from '../view/LabContext';
import { formatRoute, parseRoute } from './routes';

/** How long the run rests before the address bar is updated to carry it. */
export const URL_SETTLE_MS = 800;

/** The share link of a run, for this page (its path and flags kept, the hash replaced). */
export function shareLink(state: Pick<LabState, 'actions'>, base = window.location.href): string {
  const hash = formatRoute({ page: 'lab', shared: encodeScenario(state.actions.scenario()) });
  return base.replace(/#.*$/, '') + hash;
}

/**
 * Keeps the address bar on the run: a while after the learner changes it, the hash becomes its
 * `#/lab?s=` link (history.replaceState, so Back is not flooded and no hashchange fires). A run
 * just opened from a link (`loading`) is what the address already names, and stays so until changed.
 */
export function UrlTracker({ loading }: { loading: RefObject<boolean> }) {
  const store = useLabStore();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = () => {
      timer = null;
      // Only the lab's own address is rewritten: never the gallery's while it shows.
      if (parseRoute(window.location.hash).page !== 'lab') return;
      window.history.replaceState(null, '', shareLink(store.getState()));
    };
    const unsubscribe = store.subscribe((s, prev) => {
      const changed =
        s.sim !== prev.sim || s.historyTotal !== prev.historyTotal || s.snapshot.time !== prev.snapshot.time;
      if (!changed) return;
      if (timer) clearTimeout(timer);
      timer = null;
      // Opened from a link: the address names it already (a preset stays `#/lab/<id>`).
      if (loading.current) return;
      timer = setTimeout(write, URL_SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, loading]);
  return null;
}
