import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useId, useRef } from 'react';
import { focusedIn } from './focus';

/** The lab's keyboard shortcuts, as the dialog lists them (keys as a person reads them). */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Space', 'Play or pause time'],
  ['← / →', 'Previous or next event (on the timeline, or anywhere in the lab outside a field)'],
  ['W', 'Go to the write form’s value field'],
  ['Enter', 'Write (in the write form)'],
  ['Esc', 'Leave a text field, so the other shortcuts work again'],
  ['1 … 9', 'Select leader 1 to 9: it becomes the one you write at'],
  ['X', 'Cut the selected leader’s links (or heal them, when all are cut)'],
  ['Ctrl+Z / ⌘Z', 'Undo: bring back the run a change discarded'],
  ['Ctrl+Shift+Z / ⌘⇧Z', 'Redo: bring back the run an undo left'],
  ['?', 'Show this list'],
];

/** The list of shortcuts in a modal dialog: focus starts on Close, Tab stays inside, Escape closes. */
export default function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    // The lab's shortcuts wait while the dialog is open.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>('button, [tabindex="0"]')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = focusedIn(box.current);
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  return (
    <div className="mll-modal-backdrop" onClick={onClose}>
      <div
        ref={box}
        className="mll-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          e.stopPropagation();
        }}
      >
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeButton} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
