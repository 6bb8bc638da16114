import { lazy, Suspense } from 'react';

/**
 * The space-time diagram, loaded after the first paint: its axis and drawing (d3-axis and
 * the diagram's own code) would otherwise push the lab's initial JavaScript over its 150 kB
 * budget, and at 1366×768 it sits below the graph anyway.
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
