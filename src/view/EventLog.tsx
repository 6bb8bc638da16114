import { memo, useMemo, useState } from 'react';
import { shallow } from 'zustand/shallow';
import type { SimEvent } from '../model';
import type { LabActions } from '../store/labStore';
import { describeEvent } from './describe';
import { useLab, useLeaderNames, useRegionName } from './LabContext';
import { useLabThrottled } from './useLabThrottled';
import { formatMs } from './format';

// Acknowledgements stay: how long a client waited is the point of single- vs multi-leader.
const noisy = new Set(['send', 'deliver', 'apply']);
const SHOWN = 200;

/** What happened, newest first, in words; conflicts stand out with what they discarded. */
export function EventLog() {
  const regionName = useRegionName('Event log');
  // While time runs the log follows at most ten times a second: it is read, not watched.
  const { history, total } = useLabThrottled((s) => ({ history: s.history, total: s.historyTotal }), shallow);
  // A lost write is news: it shows at once, with the conflict the other panels show.
  const lost = useLab((s) => s.lostWrites);
  // Of those, the acknowledged writes a failover or a lost datacenter took with it (`lost` events).
  const goneWithLeader = useMemo(() => {
    const ids = new Set<string>();
    for (const e of history) if (e.type === 'lost') for (const id of e.writeIds) ids.add(id);
    return ids.size;
  }, [history]);
  const { label } = useLeaderNames();
  const actions = useLab((s) => s.actions);
  const highlighted = useLab((s) => s.highlight?.writeId);
  const [showMessages, setShowMessages] = useState(false);
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
          {goneWithLeader > 0 && <> ({goneWithLeader} gone with a leader: failover or a lost datacenter)</>}
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
      {/* A log by role, read at will; not spoken as it grows (aria-live off): the announcer
          says one short summary per change instead of every line. */}
      <div role="log" aria-live="off" tabIndex={0} aria-label="Events, newest first" className="mll-log-list">
        <ol reversed start={total}>
          {shown.map(({ e, i }) => (
            <EventItem
              key={total - history.length + i}
              e={e}
              label={label}
              actions={actions}
              highlighted={'writeId' in e && highlighted !== undefined && highlighted === e.writeId}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}

/** One line of the log; memoised, so a new event renders one item, not two hundred. */
const EventItem = memo(function EventItem({
  e,
  label,
  actions,
  highlighted,
}: {
  e: SimEvent;
  label: (id: string) => string;
  actions: LabActions;
  highlighted: boolean;
}) {
  return (
    <li
      className={`mll-event ${e.type}${highlighted ? ' highlighted' : ''}`}
      onMouseEnter={() => {
        actions.setHighlight('writeId' in e ? { writeId: e.writeId } : null);
      }}
      onMouseLeave={() => {
        actions.setHighlight(null);
      }}
    >
      <time>{formatMs(e.at)}</time> {describeEvent(e, label)}
      {e.type === 'conflict' && e.discarded.length > 0 && (
        <span className="mll-discarded"> Discarded: {e.discarded.join(', ')}</span>
      )}
    </li>
  );
});
