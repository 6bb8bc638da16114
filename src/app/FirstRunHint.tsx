import { useEffect, useState } from 'react';
import { useLabStore } from '../view/LabContext';

/**
 * What to do first, for a lab that has never had a write: "Write a value on a leader to begin".
 * Gone for good in this lab once a write happens or the hint is dismissed (a reset, undo or
 * another scene never brings it back). A scene that opens with writes already has its own words.
 */
export function FirstRunHint() {
  const store = useLabStore();
  const [shown, setShown] = useState(() => !hasWrite(store.getState().history));
  useEffect(() => {
    if (!shown) return;
    return store.subscribe((s, prev) => {
      if (s.historyTotal !== prev.historyTotal && hasWrite(s.history)) setShown(false);
    });
  }, [store, shown]);
  if (!shown) return null;
  return (
    <aside className="app-first-run" aria-label="Getting started">
      <p>
        <strong>Write a value on a leader to begin.</strong> Pick a leader and a value in the Write form and press
        Write; then press Play to watch it reach the other leaders.
      </p>
      <button
        type="button"
        onClick={() => {
          setShown(false);
        }}
      >
        Got it
      </button>
    </aside>
  );
}

function hasWrite(history: readonly { readonly type: string }[]): boolean {
  return history.some((e) => e.type === 'write');
}
