import { useMemo } from 'react';
import { shallow } from 'zustand/shallow';
import { formatMs, plural } from './format';
import { describeHeld, heldWrites } from './held';
import { useLeaderNames } from './LabContext';
import { useLabThrottled } from './useLabThrottled';

/**
 * The cost of causal delivery: how many writes are held now, the longest hold, and what each
 * held write waits for (a write id from a leader, and where it is stuck).
 */
export default function HeldWrites() {
  // Ten times a second while time runs: hold times grow every frame.
  const { snapshot, history } = useLabThrottled((s) => ({ snapshot: s.snapshot, history: s.history }), shallow);
  const { label } = useLeaderNames();
  const summary = useMemo(() => heldWrites(snapshot, history), [snapshot, history]);
  const { held, longestNowMs, longestMs } = summary;
  return (
    <div className="mll-held">
      <p>
        Causal delivery: <strong>{plural(held.length, 'write')} held</strong>
        {held.length > 0 && <> (longest now {formatMs(longestNowMs)})</>}; longest hold this run{' '}
        <strong>{longestMs > 0 ? formatMs(longestMs) : 'none yet'}</strong>.
      </p>
      {held.length > 0 && (
        <ul aria-label="Held writes">
          {held.map((h) => (
            <li key={`${h.node}-${h.writeId}`}>{describeHeld(h, label, formatMs)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
