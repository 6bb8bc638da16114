import { DATACENTERS } from '../core/datacenters';
import type { NodeConfig, TopologyConfig } from '../model';
import { useLab } from './LabContext';

/** Datacenters a learner can add, after the scenario's own leaders (stories build clusters from them too). */
export { DATACENTERS };

export function leadersFor(count: number, own: readonly NodeConfig[]): NodeConfig[] {
  const taken = new Set(own.map((n) => n.id));
  return [...own, ...DATACENTERS.filter((d) => !taken.has(d.id))].slice(0, count);
}

function topologyFor(kind: TopologyConfig['kind'], nodes: readonly NodeConfig[]): TopologyConfig {
  if (kind === 'star') return { kind: 'star', hub: nodes[0]?.id ?? '' };
  if (kind === 'ring') return { kind: 'ring' };
  return { kind: 'all-to-all' };
}

/** The cluster itself: how many leaders, how they connect, how far apart, which seed. Each change starts a new run. */
export function ClusterControls() {
  const config = useLab((s) => s.config);
  const actions = useLab((s) => s.actions);
  const kind = config.topology?.kind ?? 'all-to-all';
  const base = typeof config.latencyMs === 'number' ? config.latencyMs : (config.latencyMs?.base ?? 100);
  const own = config.nodes;
  return (
    <fieldset className="mll-cluster">
      <legend>Cluster (a change starts a new run)</legend>
      <label>
        Leaders{' '}
        <select
          value={own.length}
          onChange={(e) => {
            const nodes = leadersFor(Number(e.target.value), own);
            actions.reconfigure({ nodes, topology: topologyFor(kind === 'custom' ? 'all-to-all' : kind, nodes) });
          }}
        >
          {[2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        Topology{' '}
        <select
          value={kind}
          onChange={(e) => {
            actions.reconfigure({ topology: topologyFor(e.target.value as TopologyConfig['kind'], own) });
          }}
        >
          <option value="all-to-all">all-to-all</option>
          <option value="ring">ring (circular)</option>
          <option value="star">star (first leader is the hub)</option>
          {kind === 'custom' && <option value="custom">custom</option>}
        </select>
      </label>
      <label>
        Latency {base} ms{' '}
        <input
          type="range"
          min={100}
          max={5000}
          step={100}
          value={base}
          onChange={(e) => {
            const ms = Number(e.target.value);
            actions.reconfigure({
              latencyMs:
                typeof config.latencyMs === 'object'
                  ? { ...config.latencyMs, base: ms, jitter: Math.min(config.latencyMs.jitter ?? 0, ms - 1) }
                  : ms,
            });
          }}
        />
      </label>
      <label>
        Seed{' '}
        <input
          type="number"
          value={config.seed ?? 1}
          onChange={(e) => {
            const seed = Number(e.target.value);
            if (Number.isSafeInteger(seed)) actions.reconfigure({ seed });
          }}
        />
      </label>
    </fieldset>
  );
}
