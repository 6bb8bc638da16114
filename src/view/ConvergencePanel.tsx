import { lazy, Suspense } from 'react';
import { shallow } from 'zustand/shallow';
import { useShallow } from 'zustand/react/shallow';
import { formatAt } from './format';
import { useLab, useLeaderNames, useRegionName } from './LabContext';
import { useLabThrottled } from './useLabThrottled';

/** What causal delivery holds back, and why: loaded when a run turns causal delivery on. */
const HeldWrites = lazy(() => import('./HeldWrites'));

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
      {causal && (
        <Suspense fallback={null}>
          <HeldWrites />
        </Suspense>
      )}
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
