import type { KeyboardEvent } from 'react';
import type { LabStore } from '../store/labStore';
import { useLab } from './LabContext';

/**
 * Says when a change discarded the run (or its recorded future) and offers it back. A polite
 * live region that is always present, so the sentence is read when it appears; not role=status,
 * which the announcer holds (one per lab).
 */
export function UndoNotice() {
  const notice = useLab((s) => s.notice);
  const depth = useLab((s) => s.undoDepth);
  const redoDepth = useLab((s) => s.redoDepth);
  const actions = useLab((s) => s.actions);
  // The region stays in the page (empty, no box) so what appears in it is read; a new notice
  // is a new element (keyed by its number), so a repeated sentence is read again.
  return (
    <div className="mll-notice" aria-live="polite">
      {notice && (
        <p key={notice.seq}>
          <span>{notice.text}</span>
          {depth > 0 && (
            <button type="button" onClick={actions.undo} aria-keyshortcuts="Control+Z Meta+Z">
              Undo
            </button>
          )}
          {redoDepth > 0 && (
            <button type="button" onClick={actions.redo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
              Redo
            </button>
          )}
          <button type="button" onClick={actions.dismissNotice} aria-label="Dismiss this notice">
            ×
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Ctrl+Z (⌘Z) anywhere in the lab brings back the last discarded run, Ctrl+Shift+Z (⌘⇧Z) the run
 * an undo left; not in a text field (its own undo).
 */
export function undoOnKey(store: LabStore) {
  return (event: KeyboardEvent) => {
    if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.target as HTMLElement;
    const typing =
      target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' &&
        !['range', 'checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type));
    const { undoDepth, redoDepth, actions } = store.getState();
    if (typing || (event.shiftKey ? redoDepth : undoDepth) === 0) return;
    event.preventDefault();
    if (event.shiftKey) actions.redo();
    else actions.undo();
  };
}
