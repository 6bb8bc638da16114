import { formatHlc, formatValue, formatVv } from '../model';
import { useLab, useRegionName } from './LabContext';
import { useLabThrottled } from './useLabThrottled';

/** The selected leader: its clocks, version vectors, values, siblings, and what can be done to it. */
export function LeaderPanel() {
  const noneName = useRegionName('Selected leader');
  const selected = useLab((s) => s.selected);
  // Its clock moves every frame; while time runs the panel follows ten times a second.
  const node = useLabThrottled((s) =>
    s.selected?.kind === 'node' ? s.snapshot.nodes.find((n) => n.id === s.selected?.id) : undefined,
  );
  const actions = useLab((s) => s.actions);
  const leaderName = useRegionName(`Leader ${node?.label ?? ''}`);
  if (selected?.kind !== 'node' || !node) {
    return (
      <section className="mll-leader" aria-label={noneName}>
        <p>Select a leader in the graph to see its clocks and data.</p>
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
        >
          {node.status === 'crashed' ? 'Recover' : 'Crash'}
        </button>
        <button
          type="button"
          onClick={() => {
            actions.toggleOffline(node.id);
          }}
          disabled={node.status === 'crashed'}
        >
          {node.status === 'offline' ? 'Reconnect' : 'Disconnect'}
        </button>
      </div>
      <label>
        Clock skew: {node.clock.skewMs} ms
        <input
          type="range"
          min={-10000}
          max={10000}
          step={100}
          value={node.clock.skewMs}
          onChange={(e) => {
            actions.setClockSkew(node.id, Number(e.target.value));
          }}
        />
      </label>
      <dl className="mll-clocks">
        <dt>Physical clock</dt>
        <dd>{node.clock.physical} ms</dd>
        <dt>Hybrid logical clock</dt>
        <dd>{formatHlc(node.hlc)}</dd>
        <dt>Applied</dt>
        <dd>{formatVv(node.applied)}</dd>
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
                    <button
                      type="button"
                      onClick={() => {
                        actions.write(node.id, key, { type: 'replace', value: k.value });
                      }}
                    >
                      Keep {formatValue(k.value)}
                    </button>
                  </span>
                )}
              </td>
              <td>{formatVv(k.vv)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
