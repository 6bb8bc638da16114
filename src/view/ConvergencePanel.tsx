import { useMemo } from 'react';
import { shallow } from 'zustand/shallow';
import { useShallow } from 'zustand/react/shallow';
import { formatAt, formatMs, plural } from './format';
import { describeHeld, heldWrites } from './held';
import { useLab, useLeaderNames, useRegionName } from './LabContext';
import { useLabThrottled } from './useLabThrottled';

/** Per key: do all replicas agree with nothing in flight? Said in words, not colour alone. */
export function ConvergencePanel() {
  const regionName = useRegionName('Convergence');
  // A new object every frame, the same answers nearly always: compare the answers.
  const converged = useLab(useShallow((s) => s.snapshot.converged));
  const causal = useLab((s) => s.snapshot.causalDelivery);
  return (
    <section className="mll-convergence" aria-label={regionName}>
      <ul>
        {Object.entries(converged).map(([key, ok]) => (
          <li key={key} className={ok ? 'converged' : 'diverged'}>
            <span aria-hidden="true">{ok ? '✓' : '≠'}</span> {key}: {ok ? 'converged' : 'diverged'}
          </li>
        ))}
      </ul>
      <LeaderNow />
      {causal && <HeldWrites />}
    </section>
  );
}

/**
 * Single-leader mode: which leader takes the writes now, and the failover that made it so (a
 * promoted follower is not the configured leader any more).
 */
function LeaderNow() {
  const mode = useLab((s) => s.snapshot.mode);
  const leader = useLab((s) => s.snapshot.leader);
  const failovers = useLabThrottled((s) => s.history.filter((e) => e.type === 'failover'), shallow);
  const { label } = useLeaderNames();
  if (mode !== 'single-leader' || leader === null) return null;
  const last = failovers.at(-1);
  return (
    <p className="mll-leader-now">
      Leader now: <strong>{label(leader)}</strong>
      {last?.type === 'failover' && last.to === leader && (
        <>
          {' '}
          (promoted at {formatAt(last.at)}, after {label(last.from)} failed)
        </>
      )}
      .
    </p>
  );
}

/**
 * The cost of causal delivery: how many writes are held now, the longest hold, and what each
 * held write waits for (a write id from a leader, and where it is stuck).
 */
function HeldWrites() {
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
