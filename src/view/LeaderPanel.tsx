import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatHlc, formatValue, formatVv, type Value } from '../model';
import { couchLeaves } from '../strategies/custom';
import { useLab, useLeaderNames, useRegionName } from './LabContext';
import { SettledSlider } from './SettledSlider';
import { useLabThrottled } from './useLabThrottled';
import { formatWholeMs } from './format';
import { rankRule } from './ranks';

/** The selected leader: its clocks, version vectors, values, siblings, and what can be done to it. */
export function LeaderPanel() {
  const noneName = useRegionName('Selected leader');
  const selected = useLab((s) => s.selected);
  // Its clock moves every frame; while time runs the panel follows ten times a second.
  const node = useLabThrottled((s) =>
    s.selected?.kind === 'node' ? s.snapshot.nodes.find((n) => n.id === s.selected?.id) : undefined,
  );
  const actions = useLab((s) => s.actions);
  const strategy = useLab((s) => s.snapshot.strategy);
  const couch = strategy.kind === 'custom' && strategy.on === 'read' && strategy.system === 'couchdb';
  const { ids, label } = useLeaderNames();
  const leaderName = useRegionName(`Leader ${node?.label ?? ''}`);
  // A throttled node from before the selection changed is never shown or acted on.
  if (selected?.kind !== 'node' || node?.id !== selected.id) {
    return (
      <section className="mll-leader" aria-label={noneName}>
        <p>Select a leader (here or in the graph) to see its clocks and data and to write at it.</p>
        <div className="mll-buttons" role="group" aria-label="Leaders">
          {ids.map((id) => (
            <button
              key={id}
              type="button"
              onClick={() => {
                actions.selectLeader(id);
              }}
            >
              {label(id)} <span className="mll-id">({id})</span>
            </button>
          ))}
        </div>
      </section>
    );
  }
  return (
    <section className="mll-leader" aria-label={leaderName}>
      <h2>
        {node.label} <span className={`mll-status ${node.status}`}>{node.status}</span>
      </h2>
      <div className="mll-buttons">
        <button
          type="button"
          onClick={() => {
            actions.toggleCrash(node.id);
          }}
          disabled={node.status === 'destroyed'}
        >
          {node.status === 'crashed' ? 'Recover' : 'Crash'}
        </button>
        <button
          type="button"
          onClick={() => {
            actions.toggleOffline(node.id);
          }}
          disabled={node.status === 'crashed' || node.status === 'destroyed'}
        >
          {node.status === 'offline' ? 'Reconnect' : 'Disconnect'}
        </button>
      </div>
      <LoseDatacenter
        // A confirmation asked about one leader is never carried over to another.
        key={`lose-${node.id}`}
        label={node.label}
        destroyed={node.status === 'destroyed'}
        onConfirm={() => {
          actions.destroyNode(node.id);
        }}
      />
      <SettledSlider
        // One slider per leader: a value still settling belongs to the leader it was set on.
        key={node.id}
        value={node.clock.skewMs}
        min={-10000}
        max={10000}
        step={100}
        label={(v) => `Clock skew: ${formatWholeMs(v)}`}
        onCommit={(v) => {
          actions.setClockSkew(node.id, v);
        }}
      />
      <dl className="mll-clocks">
        <dt>Physical clock</dt>
        <dd>{formatWholeMs(node.clock.physical)}</dd>
        <dt>Hybrid logical clock</dt>
        <dd>{formatHlc(node.hlc)}</dd>
        <dt>Applied</dt>
        <dd>{formatVv(node.applied)}</dd>
        <ConflictRank id={node.id} />
      </dl>
      <table>
        <caption>Data on {node.label}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Version vector</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(node.keys).map(([key, k]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                {formatValue(k.value)}
                {k.conflicts.length > 0 && (
                  <span className="mll-siblings">
                    {' '}
                    + siblings {k.conflicts.map(formatValue).join(', ')}{' '}
                    {[k.value, ...k.conflicts].map((value, i) => (
                      <button
                        key={i}
                        type="button"
                        onClick={() => {
                          actions.write(node.id, key, { type: 'replace', value });
                        }}
                      >
                        Keep {formatValue(value)}
                      </button>
                    ))}
                  </span>
                )}
                {couch && (
                  <CouchConflicts
                    name={key}
                    state={k.state}
                    keep={(value) => {
                      actions.write(node.id, key, { type: 'replace', value });
                    }}
                  />
                )}
              </td>
              <td>{formatVv(k.vv)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(node.keys).map(([key, k]) => (
        <KeyInternals key={key} name={key} state={k.state} meta={k.meta} />
      ))}
    </section>
  );
}

/**
 * Losing a datacenter for good (fire, region loss) is not a crash: it never comes back, and what
 * only it had applied is gone. Asked twice, since nothing in the run brings it back; the run from
 * before is kept on the undo stack (the notice's Undo, or Ctrl+Z).
 */
function LoseDatacenter({ label, destroyed, onConfirm }: { label: string; destroyed: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const question = useId();
  if (destroyed) {
    return (
      <p className="mll-destroyed">
        {label} is lost for good: it refuses writes and never recovers. What it shows is what it held when it went.
      </p>
    );
  }
  if (!asking) {
    return (
      <div className="mll-buttons">
        <button
          type="button"
          className="mll-danger"
          onClick={() => {
            setAsking(true);
          }}
        >
          Lose datacenter for good…
        </button>
      </div>
    );
  }
  return (
    <div className="mll-confirm" role="group" aria-labelledby={question}>
      <p id={question}>
        Lose {label} for good? Unlike a crash it never comes back: every write only {label} had applied is lost. (Undo
        can bring back the run from before.)
      </p>
      <div className="mll-buttons">
        <button
          type="button"
          className="mll-danger"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          Lose {label}
        </button>
        <button
          type="button"
          // The learner's way out is where their focus already is.
          autoFocus
          onClick={() => {
            setAsking(false);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * CouchDB hides conflicts from a plain read: the winner is the value, and the other leaves are
 * listed only when asked (`GET /db/doc?conflicts=true`). Behind a disclosure, as a client must
 * ask; keeping one is CouchDB's repair (update the winner, delete the losing leaves).
 */
function CouchConflicts({ name, state, keep }: { name: string; state: unknown; keep: (value: Value) => void }) {
  const leaves = couchLeaves(state);
  if (!leaves || leaves.conflicts.length + leaves.deletedConflicts.length === 0) return null;
  const { winner, conflicts, deletedConflicts } = leaves;
  return (
    <details className="mll-couch">
      <summary>
        GET ?conflicts=true ({conflicts.length} hidden {conflicts.length === 1 ? 'leaf' : 'leaves'})
      </summary>
      <p>
        A plain read of {name} shows {formatValue(winner.value)} (<code>{winner.rev}</code>) and says nothing more.
        Asked, CouchDB lists:
      </p>
      <ul>
        {conflicts.map((l) => (
          <li key={l.rev}>
            _conflicts: {formatValue(l.value)} (<code>{l.rev}</code>, {l.writeId})
          </li>
        ))}
        {deletedConflicts.map((l) => (
          <li key={l.rev}>
            _deleted_conflicts: <code>{l.rev}</code> ({l.writeId})
          </li>
        ))}
      </ul>
      <div className="mll-buttons">
        {[winner, ...conflicts].map((l) => (
          <button
            key={l.rev}
            type="button"
            onClick={() => {
              keep(l.value);
            }}
          >
            Keep {formatValue(l.value)}, delete the other leaves
          </button>
        ))}
      </div>
    </details>
  );
}

/**
 * Where the conflict rule in force ranks leaders (a priority, a tie-break by id), this leader's
 * place and the rule in one sentence: "higher priority wins" means little without the numbers.
 */
function ConflictRank({ id }: { id: string }) {
  const strategy = useLab((s) => s.snapshot.strategy);
  const single = useLab((s) => s.snapshot.mode === 'single-leader');
  const { ids } = useLeaderNames();
  const priorities = useLab(
    useShallow((s) => Object.fromEntries(s.config.nodes.map((n) => [n.id, n.priority ?? 0] as const))),
  );
  // One leader orders every write in single-leader mode: no conflict, so no rank decides anything.
  const ranked = single ? null : rankRule(strategy, ids, priorities);
  const mine = ranked?.ranks[id];
  if (!ranked || !mine) return null;
  return (
    <>
      <dt>Conflict rank</dt>
      <dd>
        <strong>{mine.words}</strong>. {ranked.rule}
      </dd>
    </>
  );
}

/** Longer state is cut here: a tombstone-heavy CRDT can hold thousands of entries. */
export const STATE_CHARS = 2000;

/** Pretty JSON of a strategy's per-key state, cut after `cap` characters with what was left out. */
export function stateText(state: unknown, cap = STATE_CHARS): string {
  if (state === undefined) return 'nothing stored';
  const text = JSON.stringify(state, null, 2);
  if (text.length <= cap) return text;
  return `${text.slice(0, cap)}\n… (${String(text.length - cap)} more characters)`;
}

/**
 * What the strategy keeps for one key on this leader (CRDT tags and tombstones, sibling
 * versions...), behind a disclosure: the JSON is only built while it is open, since the
 * snapshot changes every frame while time runs.
 */
function KeyInternals({ name, state, meta }: { name: string; state: unknown; meta: Readonly<Record<string, number>> }) {
  const [open, setOpen] = useState(false);
  const sizes = Object.entries(meta);
  return (
    <details
      className="mll-internals"
      open={open}
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>Internal state of {name}</summary>
      {open && (
        <>
          {sizes.length > 0 ? (
            <p>Metadata: {sizes.map(([what, n]) => `${String(n)} ${n === 1 ? singular(what) : what}`).join(', ')}.</p>
          ) : (
            <p>This strategy reports no metadata sizes for {name}.</p>
          )}
          <pre tabIndex={0} role="region" aria-label={`Internal state of ${name} as JSON`}>
            {stateText(state)}
          </pre>
        </>
      )}
    </details>
  );
}

/** "tombstones" → "tombstone", "P entries" → "P entry": enough for the names strategies report. */
function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
