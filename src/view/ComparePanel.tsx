import { useEffect, useId, useRef, useState } from 'react';
import type { ComparedStrategy, compareOne as CompareOne, LostWrite, StrategyOutcome } from '../scenario/compare';
import { useLab, useLabStore, useRegionName } from './LabContext';
import './compare.css';

/**
 * "Compare strategies": the lab's own recorded history replayed under each strategy of the
 * trade-offs table, side by side: each key's final value, the writes each strategy lost and why.
 * Computed only on request, one strategy per task (a timeout between them), so a long history
 * never freezes the page; the comparison is closeable and says when the history has moved on.
 */
export function ComparePanel({ strategies }: { strategies?: readonly ComparedStrategy[] }) {
  const store = useLabStore();
  const regionName = useRegionName('Compare strategies');
  const headingId = useId();
  const historyTotal = useLab((s) => s.historyTotal);
  const [open, setOpen] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly StrategyOutcome[]>([]);
  const [running, setRunning] = useState(false);
  const [comparedAt, setComparedAt] = useState<number | null>(null);
  // How many strategies the comparison under way covers (known once the comparer has loaded).
  const [total, setTotal] = useState(strategies?.length ?? 0);
  // The pending slice, so closing, re-comparing or unmounting stops a comparison under way.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stop = () => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
  };
  useEffect(() => stop, []);

  const compare = () => {
    stop();
    const state = store.getState();
    const scenario = state.actions.scenario();
    setOpen(true);
    setOutcomes([]);
    setRunning(true);
    setComparedAt(state.historyTotal);
    // The comparer (a replay per strategy) loads on the first comparison: most visits never ask.
    let compareOne: typeof CompareOne;
    let list: readonly ComparedStrategy[] = [];
    const next = (i: number) => {
      const strategy = list[i];
      if (strategy) {
        const outcome = compareOne(scenario, strategy);
        setOutcomes((done) => [...done, outcome]);
      }
      if (i + 1 >= list.length) {
        pending.current = null;
        setRunning(false);
        return;
      }
      // Yield between strategies: the page repaints ("Comparing…") and stays responsive.
      pending.current = setTimeout(() => {
        next(i + 1);
      }, 0);
    };
    // A marker, so closing or re-comparing while the comparer loads cancels this one.
    const marker = setTimeout(() => undefined, 0);
    pending.current = marker;
    void import('../scenario/compare').then((m) => {
      if (pending.current !== marker) return;
      compareOne = m.compareOne;
      list = strategies ?? m.COMPARED_STRATEGIES;
      setTotal(list.length);
      pending.current = setTimeout(() => {
        next(0);
      }, 0);
    });
  };
  const close = () => {
    stop();
    setOpen(false);
    setRunning(false);
  };

  const keys = outcomes.find((o) => o.error === null)?.keys.map((k) => k.key) ?? [];
  const stale = !running && comparedAt !== null && comparedAt !== historyTotal;
  return (
    <div className="mll-compare">
      <button type="button" onClick={compare} aria-expanded={open}>
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
