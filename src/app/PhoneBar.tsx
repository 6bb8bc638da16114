import { useLab } from '../view/LabContext';

/**
 * Play and Write within a thumb's reach on a phone, where the lab's own controls are a long
 * scroll apart. Shown only on narrow screens (app-shell.css); "Write" brings the write form into
 * view and puts the cursor in it, it never writes by itself.
 */
export function PhoneBar() {
  const playing = useLab((s) => s.playing);
  const actions = useLab((s) => s.actions);
  return (
    <div className="app-phonebar" role="group" aria-label="Quick controls">
      <button
        type="button"
        aria-pressed={playing}
        onClick={() => {
          actions.togglePlay();
        }}
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={(e) => {
          const form = e.currentTarget.closest('.mll')?.querySelector<HTMLFormElement>('form.mll-write');
          if (!form) return;
          form.scrollIntoView({ block: 'center' });
          form.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
        }}
      >
        Write…
      </button>
    </div>
  );
}
