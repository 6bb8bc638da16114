import { useEffect, useRef } from 'react';
import type { LabState } from '../store/labStore';
import { useLabStore } from '../view/LabContext';
import { holds } from './conditions';
import type { Condition } from './schema';

/**
 * Watches the lab it sits in (a child of <MultiLeaderLab>, so inside its store) for a task's
 * condition, and, until it holds, for the task's wrong moves (each reported once, by its index).
 * The store says when anything changes, so nothing polls; the events counted are the ones
 * recorded since the step opened, so what the step's scenario already did is not the learner's.
 */
export function TaskWatcher({
  condition,
  onDone,
  wrongMoves = [],
  onWrongMove,
}: {
  condition: Condition;
  onDone: () => void;
  wrongMoves?: readonly Condition[];
  onWrongMove?: (move: number) => void;
}) {
  const store = useLabStore();
  const report = useRef({ onDone, onWrongMove, wrongMoves });
  useEffect(() => {
    report.current = { onDone, onWrongMove, wrongMoves };
  });
  useEffect(() => {
    const start = store.getState().historyTotal;
    let fired = false;
    const seen = new Set<number>();
    const check = (s: LabState) => {
      if (fired) return;
      const fresh = Math.min(s.historyTotal - start, s.history.length);
      const events = fresh > 0 ? s.history.slice(s.history.length - fresh) : [];
      const observed = { snapshot: s.snapshot, events };
      // Done first: a move that finishes the task is not a wrong one.
      if (holds(condition, observed)) {
        fired = true;
        report.current.onDone();
        return;
      }
      report.current.wrongMoves.forEach((when, i) => {
        if (!seen.has(i) && holds(when, observed)) {
          seen.add(i);
          report.current.onWrongMove?.(i);
        }
      });
    };
    check(store.getState());
    return store.subscribe(check);
  }, [store, condition]);
  return null;
}

/**
 * After a prediction, the lab plays the step's script; once the recorded run is over and nothing
 * is left in flight, playback pauses and the reveal is said.
 */
export function RevealWatcher({ onSettled }: { onSettled: () => void }) {
  const store = useLabStore();
  const report = useRef(onSettled);
  useEffect(() => {
    report.current = onSettled;
  });
  useEffect(() => {
    let fired = false;
    const check = (s: LabState) => {
      if (fired || !s.playing) return;
      const { time, horizon, quiescent } = s.snapshot;
      if (time >= horizon && quiescent) {
        fired = true;
        s.actions.pause();
        report.current();
      }
    };
    return store.subscribe(check);
  }, [store]);
  return null;
}
