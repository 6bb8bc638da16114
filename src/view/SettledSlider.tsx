import { type ReactNode, useEffect, useRef, useState } from 'react';

/** How long a slider rests before its value is sent to the model. */
export const SETTLE_MS = 400;

interface SettledSliderProps {
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The visible label, given the value the slider shows now. */
  readonly label: (value: number) => ReactNode;
  readonly ariaLabel?: string;
  readonly onCommit: (value: number) => void;
}

/**
 * A range slider that shows its value as it moves and sends it to the model once it rests
 * (or is let go, or loses focus): dragging a latency or a clock skew is one command in the
 * history and one line in the log, not one per step.
 */
export function SettledSlider({ value, min, max, step, label, ariaLabel, onCommit }: SettledSliderProps) {
  const [draft, setDraft] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The value still settling, with the commit of the moment it was set (its leader or link).
  const pending = useRef<{ value: number; commit: (value: number) => void } | null>(null);
  const send = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const p = pending.current;
    pending.current = null;
    p?.commit(p.value);
  };
  const flush = () => {
    send();
    setDraft(null);
  };
  // Removed while a value settles (the lab unmounts, the panel hides): send it, not lose it.
  useEffect(() => send, []);
  const shown = draft ?? value;
  return (
    <label>
      {label(shown)}{' '}
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        {...(ariaLabel ? { 'aria-label': ariaLabel } : {})}
        onChange={(e) => {
          const v = Number(e.target.value);
          pending.current = { value: v, commit: onCommit };
          setDraft(v);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, SETTLE_MS);
        }}
        onPointerUp={flush}
        onBlur={flush}
      />
    </label>
  );
}
