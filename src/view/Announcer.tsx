import { useEffect, useRef, useState } from 'react';
import type { Snapshot } from '../model';
import { entryOf } from '../strategies/catalog';
import type { LabState } from '../store/labStore';
import { type Announcement, announceEvents } from './describe';
import { plural } from './format';
import { useLabStore } from './LabContext';

/** How long a burst of changes settles before its sentence is said. */
export const SETTLE_MS = 300;
/** The least time between two sentences (readers drop updates sent closer together). */
export const GAP_MS = 1000;

/**
 * One polite live region per lab, present from the first render (screen readers miss text put
 * into a region created in the same tick). Each meaningful change (a write, replication, a
 * conflict, convergence, a re-run under another strategy, a reset, a cluster change) becomes one
 * short sentence, said within about a second. At most one sentence waits: a newer one replaces
 * it, unless the waiting one matters more (a conflict is not replaced by the replication after
 * it). A new run (reset, cluster change, load, undo) empties the region at once.
 */
export function Announcer({ settleMs = SETTLE_MS, gapMs = GAP_MS }: { settleMs?: number; gapMs?: number } = {}) {
  const store = useLabStore();
  const [text, setText] = useState('');
  const shown = useRef('');
  useEffect(() => {
    let pending: Announcement | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSaid = Number.NEGATIVE_INFINITY;
    const say = (t: string) => {
      // The same sentence again still changes the region's text, so it is read again.
      const next = t !== '' && t === shown.current.trimEnd() && !shown.current.endsWith('\u00a0') ? `${t}\u00a0` : t;
      shown.current = next;
      setText(next);
    };
    const flush = () => {
      timer = null;
      if (!pending) return;
      say(pending.text);
      pending = null;
      lastSaid = Date.now();
    };
    const queue = (a: Announcement | null) => {
      if (!a) return;
      if (pending && pending.rank > a.rank) {
        if (a.joins && !pending.text.endsWith(a.text)) pending = { ...pending, text: `${pending.text} ${a.text}` };
        return;
      }
      pending = a;
      if (timer) return;
      timer = setTimeout(flush, Math.max(settleMs, lastSaid + gapMs - Date.now()));
    };
    const clear = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      lastSaid = Number.NEGATIVE_INFINITY;
      say('');
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.sim !== prev.sim) {
        // A new run: what was said about the old one no longer holds.
        clear();
        queue({ text: newRunSentence(s, prev), rank: 6 });
        return;
      }
      const label = labeller(s.snapshot);
      if (strategyKey(s.snapshot) !== strategyKey(prev.snapshot)) {
        const conflicts = s.history.filter((e) => e.type === 'conflict').length;
        queue({
          text: `Re-ran the history under ${strategyName(s.snapshot)}: ${plural(conflicts, 'conflict')}, ${plural(s.lostWrites, 'lost write')}.`,
          rank: 6,
        });
        return;
      }
      const added = s.historyTotal - prev.historyTotal;
      // A seek back rewinds the history: nothing new happened.
      if (added > 0) queue(announceEvents(s.history.slice(Math.max(0, s.history.length - added)), label));
      for (const [key, ok] of Object.entries(s.snapshot.converged)) {
        if (ok && prev.snapshot.converged[key] === false && added > 0)
          queue({ text: `All leaders agree on ${key}.`, rank: 4, joins: true });
      }
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, settleMs, gapMs]);
  return (
    <div className="mll-visually-hidden" aria-live="polite" role="status">
      {text}
    </div>
  );
}

function labeller(snapshot: Snapshot): (id: string) => string {
  const names = new Map(snapshot.nodes.map((n) => [n.id, n.label]));
  return (id) => names.get(id) ?? id;
}

function strategyKey(snapshot: Snapshot): string {
  return JSON.stringify(snapshot.strategy);
}

function strategyName(snapshot: Snapshot): string {
  try {
    return entryOf(snapshot.strategy).label;
  } catch {
    return snapshot.strategy.kind;
  }
}

/** What a new run is, in one sentence: the store's own notice when it gave one. */
function newRunSentence(s: LabState, prev: LabState): string {
  if (s.notice && s.notice.seq !== prev.notice?.seq) return s.notice.text;
  if (s.config !== prev.config) return 'Cluster changed: a new run started.';
  return 'The run was reset.';
}
