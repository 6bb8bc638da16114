import { compareHlc, formatHlc, formatValue, type SimEvent, type StrategyConfig } from '../model';
import { useLab, useLeaderNames } from './LabContext';
import { useLabThrottled } from './useLabThrottled';

type Conflict = Extract<SimEvent, { type: 'conflict' }>;

/**
 * The sentence for a conflict LWW settled by its tie rule (two writes with equal timestamps on the
 * clock in use), naming the rule and both leaders' ids; null for any other conflict.
 */
export function tieSentence(e: Conflict, strategy: StrategyConfig, label: (id: string) => string): string | null {
  if (strategy.kind !== 'lww') return null;
  const [winner, loser] = e.versions;
  if (!winner?.stamp || !loser?.stamp || winner.node === null || loser.node === null) return null;
  const hlc = strategy.clock === 'hlc';
  const same = hlc
    ? compareHlc(winner.stamp.hlc, loser.stamp.hlc) === 0
    : winner.stamp.physical === loser.stamp.physical;
  if (!same) return null;
  const who = (id: string) => `${label(id)} (id ${id})`;
  const stamp = hlc ? formatHlc(winner.stamp.hlc) : `${String(winner.stamp.physical)} ms`;
  const rule = strategy.tieBreak ?? 'higher-node-id';
  return (
    `A tie on ${e.key}: ${who(winner.node)} and ${who(loser.node)} wrote with the same timestamp (${stamp}). ` +
    `The tie rule "${rule}" kept ${formatValue(winner.value)} from ${who(winner.node)}.`
  );
}

/**
 * Says so when the latest conflict was a real tie, decided by the tie rule and not by time. A polite
 * live region always in the page; it empties when the run no longer holds the tie (reset, seek back).
 */
export function TieNotice() {
  const history = useLabThrottled((s) => s.history);
  const strategy = useLab((s) => s.snapshot.strategy);
  const { label } = useLeaderNames();
  let text: string | null = null;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e?.type !== 'conflict') continue;
    text = tieSentence(e, strategy, label);
    break;
  }
  return (
    <p className="mll-tie" aria-live="polite">
      {text}
    </p>
  );
}
