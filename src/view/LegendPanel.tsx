import type { ReactNode } from 'react';
import { BADGE_PATH, CRASH_PATH, diagramMark, REPLICATE_PATH, REQUEST_PATH } from './graph/marks';

/** One line of the legend: the mark as the lab draws it, and what it means. */
function Entry({ name, children, mark }: { name: string; children: ReactNode; mark: ReactNode }) {
  return (
    <li>
      <svg className="mll-legend-mark" viewBox="-22 -16 44 32" width="44" height="32" aria-hidden="true">
        {mark}
      </svg>
      <span>
        <strong>{name}</strong>: {children}
      </span>
    </li>
  );
}

/**
 * The legend's panel: what every mark means, the graph's leaders, links and messages, the
 * conflict marks, ∅ and version vectors, and the space-time diagram's lanes, arrows and
 * diamonds, each drawn with the shapes (marks.ts) and colours the lab draws them with.
 * Loaded when the legend is first opened, so a first visit does not download it.
 */
export default function LegendPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const close = onClose;
  return (
    <section
      id={id}
      className="mll-legend-panel"
      role="dialog"
      aria-modal="false"
      aria-label="Legend"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <h2>What the marks mean</h2>
      <h3>Topology graph</h3>
      <ul>
        <Entry
          name="Leader"
          mark={
            <g className="lg-node">
              <circle r="14" />
              <text dy="0.35em" textAnchor="middle">
                eu
              </text>
            </g>
          }
        >
          a leader (a data centre) that accepts writes; under its name, its id and, when the conflict rule uses one, its
          tie rank (#1 wins a tie) or priority and rank (p3 #1: priority 3, first of all; the leader's panel says the
          rule). Click or press Enter to select it.
        </Entry>
        <Entry name="Crashed leader" mark={<path className="lg-crash" d={CRASH_PATH} transform="scale(0.5)" />}>
          crossed out: it neither accepts nor sends writes until it recovers. A dashed ring marks one offline.
        </Entry>
        <Entry name="Link" mark={<line className="lg-wire" x1="-20" y1="0" x2="20" y2="0" />}>
          replication between two leaders; an arrowhead when it runs one way (a ring). Click or press Enter to cut it.
        </Entry>
        <Entry
          name="Cut link"
          mark={
            <g>
              <line className="lg-wire cut" x1="-20" y1="0" x2="20" y2="0" />
              <text className="lg-cut" dy="0.35em" textAnchor="middle">
                ✕
              </text>
            </g>
          }
        >
          dashed and crossed: messages wait at the sender until it heals.
        </Entry>
        <Entry name="Message in flight" mark={<path className="lg-msg" d={REPLICATE_PATH} />}>
          a write travelling to another leader (a square: a request or acknowledgement in single-leader mode).
        </Entry>
        <Entry name="Request or ack" mark={<path className="lg-msg" d={REQUEST_PATH} />}>
          single-leader mode only: a write forwarded to the leader, or its answer.
        </Entry>
        <Entry name="Held message" mark={<path className="lg-msg held" d={REPLICATE_PATH} />}>
          hollow: it waits beside its sender (link cut, or a leader down) and is delivered later.
        </Entry>
        <Entry
          name="Conflict resolved"
          mark={
            <g className="lg-resolved">
              <circle r="12" />
              <text dy="0.35em" textAnchor="middle">
                2
              </text>
            </g>
          }
        >
          a ring on a leader with how many conflicts it detected and resolved there, in every strategy (last write wins
          too).
        </Entry>
        <Entry
          name="Conflict kept"
          mark={
            <g className="lg-badge">
              <path d={BADGE_PATH} />
              <text dy="0.35em" textAnchor="middle">
                !
              </text>
            </g>
          }
        >
          the leader holds conflicting versions side by side (siblings) for a reader to resolve.
        </Entry>
        <Entry
          name="∅"
          mark={
            <text className="lg-text" dy="0.35em" textAnchor="middle">
              ∅
            </text>
          }
        >
          no value: never written, or deleted.
        </Entry>
        <Entry
          name="Version vector"
          mark={
            <text className="lg-text small" dy="0.35em" textAnchor="middle">
              [eu:2]
            </text>
          }
        >
          in a leader&apos;s panel, [eu:2, us:1] means it has seen two writes from eu and one from us; two versions
          neither of which has seen the other are concurrent: a conflict.
        </Entry>
      </ul>
      <h3>Space-time diagram</h3>
      <ul>
        <Entry name="Lane" mark={<line className="lg-lane" x1="0" y1="-14" x2="0" y2="14" />}>
          one vertical line per leader, named at the top; time runs down, the axis on the left in ms and s.
        </Entry>
        <Entry name="Arrow" mark={<line className="lg-arrow" x1="-16" y1="-10" x2="16" y2="10" />}>
          a message from its sending lane to its receiving lane, sent at its top end and delivered at its bottom end.
        </Entry>
        <Entry name="Dashed arrow" mark={<line className="lg-arrow open" x1="-16" y1="-10" x2="16" y2="10" />}>
          a message not delivered yet: in flight, or held by a cut link.
        </Entry>
        <Entry name="Dot" mark={<path className="lg-write" d={diagramMark('write', 0, 0)} />}>
          a write made at that leader.
        </Entry>
        <Entry name="Diamond" mark={<path className="lg-conflict" d={diagramMark('conflict', 0, 0)} />}>
          a conflict detected at that leader and resolved by the current rule (hover it for the versions).
        </Entry>
        <Entry name="Cross" mark={<path className="lg-reject" d={diagramMark('reject', 0, 0)} />}>
          a write the leader refused.
        </Entry>
      </ul>
      <button type="button" onClick={close}>
        Close legend
      </button>
    </section>
  );
}
