import { useShallow } from 'zustand/react/shallow';
import { useLab, useRegionName } from './LabContext';

/** Per key: do all replicas agree with nothing in flight? Said in words, not colour alone. */
export function ConvergencePanel() {
  const regionName = useRegionName('Convergence');
  // A new object every frame, the same answers nearly always: compare the answers.
  const converged = useLab(useShallow((s) => s.snapshot.converged));
  return (
    <section className="mll-convergence" aria-label={regionName}>
      <ul>
        {Object.entries(converged).map(([key, ok]) => (
          <li key={key} className={ok ? 'converged' : 'diverged'}>
            <span aria-hidden="true">{ok ? '✓' : '≠'}</span> {key}: {ok ? 'converged' : 'diverged'}
          </li>
        ))}
      </ul>
    </section>
  );
}
