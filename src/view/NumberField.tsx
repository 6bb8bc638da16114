import { type ReactNode, useId, useState } from 'react';

interface NumberFieldProps {
  readonly label: ReactNode;
  /** The accessible name, when the visible label is a column header (a table of leaders). */
  readonly ariaLabel?: string;
  readonly value: number;
  /** Why a typed text is refused, or null to accept it (the box never turns empty text into 0). */
  readonly check?: (n: number) => string | null;
  readonly onCommit: (value: number) => void;
  readonly className?: string;
}

/**
 * A number typed in full, then sent: on Enter or when the box loses focus, never per keystroke
 * (each change of a seed or a priority starts a new run). An empty or malformed box is refused
 * in words beside it, and Escape puts the current value back.
 */
export function NumberField({ label, ariaLabel, value, check, onCommit, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const hint = useId();
  const commit = () => {
    if (draft === null) return;
    const text = draft.trim();
    const n = Number(text);
    const why = text === '' ? 'enter a number' : !Number.isFinite(n) ? 'that is not a number' : (check?.(n) ?? null);
    if (why) {
      setProblem(why);
      return;
    }
    setDraft(null);
    setProblem(null);
    if (n !== value) onCommit(n);
  };
  return (
    <span className={className ? `mll-number ${className}` : 'mll-number'}>
      <label>
        {label}{' '}
        <input
          type="text"
          inputMode="decimal"
          size={6}
          value={draft ?? String(value)}
          {...(ariaLabel ? { 'aria-label': ariaLabel } : {})}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? hint : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape' && draft !== null) {
              setDraft(null);
              setProblem(null);
            }
          }}
          onBlur={commit}
        />
      </label>
      {problem && (
        <span className="mll-field-problem" id={hint}>
          {problem} (still {value})
        </span>
      )}
    </span>
  );
}

/** Refusals shared by the cluster's fields. */
export const whole =
  (min: number, max: number) =>
  (n: number): string | null =>
    Number.isInteger(n) && n >= min && n <= max ? null : `a whole number from ${String(min)} to ${String(max)}`;
