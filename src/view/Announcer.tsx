import { useEffect, useRef, useState } from 'react';
import type { SimEvent } from '../model';
import { describeEvent } from './describe';
import { useLabStore } from './LabContext';

/** Events worth saying aloud: what changes the outcome, not every message. */
const spoken = new Set<SimEvent['type']>([
  'conflict',
  'anomaly',
  'crash',
  'recover',
  'cut-link',
  'heal-link',
  'disconnect',
  'reconnect',
]);
const EVERY_MS = 3000;

/**
 * One polite live region per lab, present from the first render (screen readers miss text
 * put into a region created in the same tick). New events are merged into one summary at
 * most every few seconds, so a running simulation does not flood the reader. `everyMs` is
 * that pace (stories and tests shorten it instead of sleeping for seconds).
 */
export function Announcer({ everyMs = EVERY_MS }: { everyMs?: number } = {}) {
  const store = useLabStore();
  const [text, setText] = useState('');
  // Counted against the run's whole history: the recent window stops growing at RECENT.
  const seen = useRef(store.getState().historyTotal);
  const converged = useRef(store.getState().snapshot.converged);
  useEffect(() => {
    const timer = setInterval(() => {
      const { history, historyTotal, snapshot } = store.getState();
      // A new run or a re-run under another strategy starts again: say only what happens next.
      const added = historyTotal >= seen.current ? historyTotal - seen.current : 0;
      const fresh = history.slice(history.length - Math.min(added, history.length)).filter((e) => spoken.has(e.type));
      seen.current = historyTotal;
      const names = new Map(snapshot.nodes.map((n) => [n.id, n.label]));
      const label = (id: string) => names.get(id) ?? id;
      const parts = fresh.slice(-3).map((e) => describeEvent(e, label));
      if (fresh.length > 3) parts.unshift(`${String(fresh.length)} events.`);
      for (const [key, ok] of Object.entries(snapshot.converged)) {
        if (ok && converged.current[key] === false) parts.push(`${key} has converged on every leader.`);
      }
      converged.current = snapshot.converged;
      if (parts.length === 0) return;
      // Clear, then set: a repeated identical sentence is still read.
      setText('');
      requestAnimationFrame(() => {
        setText(parts.join(' '));
      });
    }, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [store, everyMs]);
  return (
    <div className="mll-visually-hidden" aria-live="polite" role="status">
      {text}
    </div>
  );
}
