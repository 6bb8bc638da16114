import { useMemo, useState } from 'react';
import { describeEvent } from './describe';
import { useLab, useRegionName } from './LabContext';

// Acknowledgements stay: how long a client waited is the point of single- vs multi-leader.
const noisy = new Set(['send', 'deliver', 'apply']);
const SHOWN = 200;

/** What happened, newest first, in words; conflicts stand out with what they discarded. */
export function EventLog() {
  const regionName = useRegionName('Event log');
  const history = useLab((s) => s.history);
  const nodes = useLab((s) => s.snapshot.nodes);
  const actions = useLab((s) => s.actions);
  const highlight = useLab((s) => s.highlight);
  const [showMessages, setShowMessages] = useState(false);
  const label = useMemo(() => {
    const names = new Map(nodes.map((n) => [n.id, n.label]));
    return (id: string) => names.get(id) ?? id;
  }, [nodes]);
  const lost = useLab((s) => s.lostWrites);
  const total = useLab((s) => s.historyTotal);
  const shown = useMemo(() => {
    const out = [];
    for (let i = history.length - 1; i >= 0 && out.length < SHOWN; i--) {
      const e = history[i];
      if (e && (showMessages || !noisy.has(e.type))) out.push({ e, i });
    }
    return out;
  }, [history, showMessages]);
  return (
    <section className="mll-log" aria-label={regionName}>
      <header>
        <h2>Events</h2>
        <p className="mll-lost">
          Lost writes: <strong>{lost}</strong>
        </p>
        <label>
          <input
            type="checkbox"
            checked={showMessages}
            onChange={(e) => {
              setShowMessages(e.target.checked);
            }}
          />{' '}
          Show every message
        </label>
      </header>
      <ol reversed start={total} tabIndex={0} aria-label="Events, newest first">
        {shown.map(({ e, i }) => (
          <li
            key={total - history.length + i}
            className={`mll-event ${e.type}${'writeId' in e && highlight?.writeId === e.writeId ? ' highlighted' : ''}`}
            onMouseEnter={() => {
              actions.setHighlight('writeId' in e ? { writeId: e.writeId } : null);
            }}
            onMouseLeave={() => {
              actions.setHighlight(null);
            }}
          >
            <time>{Math.round(e.at)} ms</time> {describeEvent(e, label)}
            {e.type === 'conflict' && e.discarded.length > 0 && (
              <span className="mll-discarded"> Discarded: {e.discarded.join(', ')}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
