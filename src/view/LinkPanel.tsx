import { useShallow } from 'zustand/react/shallow';
import { useLab, useLeaderNames, useRegionName } from './LabContext';
import { SettledSlider } from './SettledSlider';
import { formatWholeMs } from './format';

interface LinkRow {
  readonly a: string;
  readonly b: string;
  readonly up: boolean;
  readonly latencyMs: number;
}

/**
 * Every link in a list: cut or heal it, and set its own latency (a slow link is how a write
 * overtakes the write it depends on). The same actions as clicking a link in the graph.
 */
export function LinkPanel() {
  const regionName = useRegionName('Links');
  // Plain strings, so the panel renders when a link changes, not on every frame.
  const rows = useLab(
    useShallow((s) => s.snapshot.links.map((l) => JSON.stringify([l.a, l.b, l.status === 'up', l.latencyMs]))),
  );
  const { ids, label } = useLeaderNames();
  const actions = useLab((s) => s.actions);
  const order = new Map(ids.map((id, i) => [id, i]));
  const links = rows.map((r): LinkRow => {
    const [x, y, up, latencyMs] = JSON.parse(r) as [string, string, boolean, number];
    // Named in the cluster's order (Frankfurt–Tokyo), whatever order the link's id has.
    const [a, b] = (order.get(x) ?? 0) <= (order.get(y) ?? 0) ? [x, y] : [y, x];
    return { a, b, up, latencyMs };
  });
  if (links.length === 0) return null;
  return (
    <details className="mll-links">
      <summary>Links: cut, heal and set latency one by one</summary>
      <section aria-label={regionName}>
        <ul>
          {links.map(({ a, b, up, latencyMs }) => {
            const link = `${label(a)}–${label(b)}`;
            return (
              <li key={`${a}-${b}`}>
                <span className={up ? 'mll-link-up' : 'mll-link-cut'}>
                  {link}: {up ? 'up' : 'cut'}
                </span>{' '}
                <button
                  type="button"
                  aria-label={`${up ? 'Cut' : 'Heal'} ${link}`}
                  onClick={() => {
                    actions.toggleLink(a, b);
                  }}
                >
                  {up ? 'Cut' : 'Heal'}
                </button>{' '}
                <SettledSlider
                  value={latencyMs}
                  min={0}
                  max={5000}
                  step={50}
                  label={(v) => `Latency ${formatWholeMs(v)}`}
                  ariaLabel={`Latency of ${link}, ms`}
                  onCommit={(v) => {
                    actions.setLinkLatency(a, b, v);
                  }}
                />
              </li>
            );
          })}
        </ul>
      </section>
    </details>
  );
}
