import { lazy, Suspense, useState } from 'react';
import type { LatencyConfig, SimulationConfig } from '../model';
import { useLab } from './LabContext';
import { formatWholeMs } from './format';

const ClusterControls = lazy(() => import('./ClusterControls').then((m) => ({ default: m.ClusterControls })));

/** The latency config as an object (a bare number is a base with no jitter). */
export function latencyOf(config: SimulationConfig): LatencyConfig {
  const l = config.latencyMs;
  return typeof l === 'number' ? { base: l } : (l ?? { base: 100 });
}

/**
 * The cluster controls folded under a one-line summary of the cluster: closed, they leave the
 * graph and the write form in a laptop's first screen (1366×768); a newcomer starts by writing,
 * and changes the cluster later.
 */
export function ClusterSettings() {
  const config = useLab((s) => s.config);
  // The controls load when first unfolded (a newcomer starts by writing), then stay.
  const [opened, setOpened] = useState(false);
  const latency = latencyOf(config);
  const shape = config.mode === 'single-leader' ? 'single-leader' : (config.topology?.kind ?? 'all-to-all');
  const jitter = latency.jitter ? ` ± ${String(latency.jitter)}` : '';
  const failover =
    config.mode === 'single-leader' && config.failover
      ? `, failover after ${formatWholeMs(config.failover.afterMs)}`
      : '';
  // Only said when it differs from the default (pgEdge Spock's rules) and there are rows to conflict.
  const rows = config.rowConflicts === 'mysql' && Object.values(config.keys).includes('table') ? ', rows as MySQL' : '';
  return (
    <details
      className="mll-cluster-box"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        Cluster: {config.nodes.length} leaders, {shape}
        {failover}
        {rows}, latency {latency.base}
        {jitter} ms
      </summary>
      {opened && (
        <Suspense fallback={<p className="mll-cluster-loading">Loading the cluster settings…</p>}>
          <ClusterControls />
        </Suspense>
      )}
    </details>
  );
}
