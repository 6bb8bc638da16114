import { useEffect, useRef, useState } from 'react';
import { useLabStore } from './LabContext';
import { spaceTimeData } from './spacetime/spaceTimeData';
import { renderSpaceTime } from './spacetime/renderSpaceTime';

/** Redraws at most this often while time runs (a diagram, not an animation). */
const EVERY_MS = 100;

/**
 * One lane per leader, time running down: the same messages as the graph, over time.
 * It follows the store outside React's render (a few thousand arrows would otherwise be
 * diffed every frame) and redraws at most ten times a second, at once on a highlight.
 */
export function SpaceTimeDiagram() {
  const svg = useRef<SVGSVGElement>(null);
  const store = useLabStore();
  const [label, setLabel] = useState('Space-time diagram');
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      timer = null;
      last = performance.now();
      const { history, snapshot, highlight, actions } = store.getState();
      const data = spaceTimeData(history, snapshot, { highlight });
      if (svg.current) renderSpaceTime(svg.current, data, { onHighlight: actions.setHighlight });
      setLabel(
        `Space-time diagram from ${String(Math.round(data.from))} to ${String(Math.round(data.to))} ms: ${String(data.arrows.length)} messages, ${String(data.marks.filter((m) => m.kind === 'conflict').length)} conflicts. The event log lists the same events in words.`,
      );
    };
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.highlight !== prev.highlight) {
        if (timer) clearTimeout(timer);
        draw();
        return;
      }
      if (s.snapshot === prev.snapshot || timer) return;
      timer = setTimeout(draw, Math.max(0, EVERY_MS - (performance.now() - last)));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
  return (
    <figure className="mll-spacetime">
      <svg ref={svg} role="img" aria-label={label} />
    </figure>
  );
}
