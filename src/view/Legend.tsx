import { lazy, Suspense, useId, useRef, useState } from 'react';

const LegendPanel = lazy(() => import('./LegendPanel'));

/**
 * The legend, open at any time: a button that shows what every mark means. The panel itself
 * (LegendPanel.tsx) loads on first opening, which keeps it out of the first visit's download.
 */
export function Legend() {
  const [open, setOpen] = useState(false);
  const id = `mll-legend-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="mll-legend">
      <button
        ref={button}
        type="button"
        className="mll-legend-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setOpen(!open);
        }}
      >
        Legend
      </button>
      {open && (
        <Suspense fallback={<p className="mll-legend-panel">Loading the legend…</p>}>
          <LegendPanel id={id} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
