import { useEffect, useId, useRef, useState } from 'react';
import type { ComparedStrategy, LostWrite, StrategyOutcome } from '../scenario/compare';
import { type Cancel, runInSlices } from '../store/slices';
import { useLab, useLabStore, useRegionName } from './LabContext';
import './compare.css';

/**
 * "Compare strategies": the lab's own recorded history replayed under each strategy of the
 * trade-offs table, side by side: each key's final value, the writes each strategy lost and why.
 * Computed only on request, in slices of a few milliseconds (each a task of its own, a progress
 * bar saying how far it has got), so a long history never freezes the page; comparing again or
 * closing stops the comparison under way. The comparison says when the history has moved on.
 */
export function ComparePanel({
  strategies,
  autoStart = false,
}: {
  strategies?: readonly ComparedStrategy[];
  /** Compare at once, the button focused (it replaces the lab's placeholder button, just clicked). */
  autoStart?: boolean;
}) {
  const store = useLabStore();
  const button = useRef<HTMLButtonElement>(null);
  const regionName = useRegionName('Compare strategies');
  const headingId = useId();
  const historyTotal = useLab((s) => s.historyTotal);
  const [open, setOpen] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly StrategyOutcome[]>([]);
  const [running, setRunning] = useState(false);
  const [comparedAt, setComparedAt] = useState<number | null>(null);
  // How many strategies the comparison under way covers (known once the comparer has loaded).
  const [total, setTotal] = useState(strategies?.length ?? 0);
  // How far the strategy being replayed has got, from 0 to 1.
  const [part, setPart] = useState(0);
  // The comparison under way (each new one gets a new object), so closing, re-comparing or
  // unmounting stops it: its loading or its next slice.
  const pending = useRef<{ cancel: Cancel | null } | null>(null);
  const stop = () => {
    pending.current?.cancel?.();
    pending.current = null;
  };
  useEffect(() => stop, []);

  const compare = () => {
    stop();
    const state = store.getState();
    const scenario = state.actions.scenario();
    const mine: { cancel: Cancel | null } = { cancel: null };
    pending.current = mine;
    setOpen(true);
    setOutcomes([]);
    setRunning(true);
    setPart(0);
    setComparedAt(state.historyTotal);
    // The comparer (a replay per strategy) loads on the first comparison: most visits never ask.
    void import('../scenario/compare').then((m) => {
      if (pending.current !== mine) return;
      const list = strategies ?? m.COMPARED_STRATEGIES;
      setTotal(list.length);
      const next = (i: number) => {
        const strategy = list[i];
        if (!strategy) {
          pending.current = null;
          mine.cancel = null;
          setRunning(false);
          return;
        }
        const job = m.compareJob(scenario, strategy);
        mine.cancel = runInSlices(job, {
          onProgress: setPart,
          onDone: () => {
            const outcome = job.outcome();
            setOutcomes((done) => [...done, outcome]);
            setPart(0);
            next(i + 1);
          },
        });
      };
      next(0);
    });
  };
  const close = () => {
    stop();
    setOpen(false);
    setRunning(false);
  };

  // On mount: the placeholder's click is this button's first click. (Under StrictMode's trial
  // unmount the comparison is stopped and started again, like any effect.)
  useEffect(() => {
    if (!autoStart) return;
    button.current?.focus();
    const start = setTimeout(compare, 0);
    return () => {
      clearTimeout(start);
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first comparison, on mount only
  }, []);

  const keys = outcomes.find((o) => o.error === null)?.keys.map((k) => k.key) ?? [];
  const stale = !running && comparedAt !== null && comparedAt !== historyTotal;
  return (
    <div className="mll-compare">
      <button ref={button} type="button" onClick={compare} aria-expanded={open}>
        Compare strategies
      </button>
      {open && (
        <section className="mll-compare-panel" aria-labelledby={headingId}>
          <div className="mll-compare-head">
            <h2 id={headingId}>{regionName}</h2>
            <button type="button" onClick={close}>
              Close comparison
            </button>
          </div>
          {running && total > 0 && (
            <progress
              className="mll-compare-progress"
              max={100}
              value={Math.floor(((outcomes.length + part) / total) * 100)}
              aria-label="Comparing strategies"
            />
          )}
          <p className="mll-compare-status" role="status">
            {running
              ? `Comparing… (${String(outcomes.length)} of ${String(total)})`
              : stale
                ? 'The history has changed since this comparison: compare again to include the new events.'
                : `This history replayed under ${String(outcomes.length)} strategies, every message delivered.`}
          </p>
          {outcomes.length > 0 && (
            // Focusable so a keyboard user can scroll a table wider than a phone.
            <div
              className="mll-compare-scroll"
              tabIndex={0}
              role="group"
              aria-label="Comparison table"
              data-arrows="scroll"
            >
              <table>
                <caption>Final value of each key and the writes each strategy lost on this history</caption>
                <thead>
                  <tr>
                    <th scope="col">Strategy</th>
                    {keys.map((k) => (
                      <th scope="col" key={k}>
                        {k}
                      </th>
                    ))}
                    <th scope="col">Lost writes</th>
                    <th scope="col">Which, and why</th>
                  </tr>
                </thead>
                <tbody>
                  {outcomes.map((o) => (
                    <OutcomeRow key={o.id} outcome={o} keys={keys} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/** Lost writes listed one by one per strategy; the rest are counted by reason. */
const SHOWN_LOST = 10;

/** `12 concurrent overwrite, 3 tie`: how many of `lost` each reason accounts for. */
function reasonCounts(lost: readonly LostWrite[]): string {
  const counts = new Map<string, number>();
  for (const l of lost) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${String(n)} ${reason}`).join(', ');
}

function OutcomeRow({ outcome, keys }: { outcome: StrategyOutcome; keys: readonly string[] }) {
  if (outcome.error !== null) {
    return (
      <tr>
        <th scope="row">{outcome.label}</th>
        <td colSpan={keys.length + 2}>Cannot replay this history: {outcome.error}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{outcome.label}</th>
      {keys.map((k) => {
        const key = outcome.keys.find((x) => x.key === k);
        return (
          <td key={k}>
            {key?.value ?? '–'}
            {key && key.siblings > 0 && (
              <span className="mll-compare-note">
                {' '}
                (+{key.siblings} sibling{key.siblings === 1 ? '' : 's'} kept for a reader)
              </span>
            )}
            {key && !key.converged && <span className="mll-compare-note"> (leaders disagree)</span>}
          </td>
        );
      })}
      <td className="mll-compare-count">{outcome.lost.length}</td>
      <td>
        {outcome.lost.length === 0 ? (
          'None'
        ) : (
          <ul>
            {outcome.lost.slice(0, SHOWN_LOST).map((l) => (
              <li key={l.writeId}>
                <details>
                  <summary>
                    {l.write}: <strong>{l.reason}</strong>
                  </summary>
                  {l.explanation}
                </details>
              </li>
            ))}
            {outcome.lost.length > SHOWN_LOST && (
              <li>
                and {outcome.lost.length - SHOWN_LOST} more ({reasonCounts(outcome.lost.slice(SHOWN_LOST))})
              </li>
            )}
          </ul>
        )}
      </td>
    </tr>
  );
}
