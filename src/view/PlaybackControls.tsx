import { SPEEDS } from '../store/labStore';
import { useLab, useRegionName } from './LabContext';
import { useLabThrottled } from './useLabThrottled';
import { formatAt, formatMs } from './format';

/**
 * Play, pause, step back and forward, speed, a timeline to scrub virtual time, and reset.
 * The timeline's arrow keys move from event to event, not one millisecond at a time.
 */
export function PlaybackControls() {
  const regionName = useRegionName('Time');
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  // The clock and the timeline follow running time ten times a second, not every frame.
  const time = useLabThrottled((s) => s.snapshot.time);
  const horizon = useLabThrottled((s) => s.snapshot.horizon);
  const quiescent = useLabThrottled((s) => s.snapshot.quiescent);
  const actions = useLab((s) => s.actions);
  const end = Math.max(horizon, time, 1);
  return (
    <section className="mll-playback" aria-label={regionName}>
      <button type="button" onClick={actions.togglePlay} aria-pressed={playing} aria-keyshortcuts="Space">
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={actions.previous} disabled={time <= 0} aria-keyshortcuts="ArrowLeft">
        Previous
      </button>
      <button type="button" onClick={actions.step} disabled={quiescent}>
        Next delivery
      </button>
      <label>
        Speed{' '}
        <select
          value={speed}
          onChange={(e) => {
            actions.setSpeed(Number(e.target.value));
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s < 1 ? `1/${String(Math.round(1 / s))}` : String(s)}×
            </option>
          ))}
        </select>
      </label>
      <label className="mll-timeline">
        <span>{formatAt(time)}</span>
        <input
          type="range"
          min={0}
          max={Math.ceil(end)}
          step={1}
          value={Math.round(time)}
          aria-valuetext={`${formatMs(time)} of ${formatMs(end)}`}
          aria-keyshortcuts="ArrowLeft ArrowRight"
          onKeyDown={(e) => {
            // One event at a time: a millisecond is nothing to see.
            const back = e.key === 'ArrowLeft' || e.key === 'ArrowDown';
            if (!back && e.key !== 'ArrowRight' && e.key !== 'ArrowUp') return;
            e.preventDefault();
            e.stopPropagation();
            if (back) actions.previous();
            else actions.next();
          }}
          onChange={(e) => {
            actions.seek(Number(e.target.value));
          }}
        />
      </label>
      <button
        type="button"
        onClick={() => {
          actions.reset();
        }}
      >
        Reset
      </button>
    </section>
  );
}
