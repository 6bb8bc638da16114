import { lazy, Suspense } from 'react';

/**
 * The space-time diagram, loaded after the first paint: its axis, scale and zoom (d3-axis,
 * d3-scale, d3-zoom, about 20 kB gzip) would otherwise push the lab's initial JavaScript over
 * its 150 kB budget, and at 1366×768 it sits below the graph anyway.
 */
const View = lazy(() => import('./spacetime/SpaceTimeView').then((m) => ({ default: m.SpaceTimeView })));

export function SpaceTimeDiagram() {
  return (
    <Suspense
      fallback={
        <figure className="mll-spacetime">
          <figcaption className="mll-st-head">
            <span className="mll-st-title">Space-time diagram: one lane per leader, time runs down</span>
          </figcaption>
          <p>Loading the diagram…</p>
        </figure>
      }
    >
      <View />
    </Suspense>
  );
}
