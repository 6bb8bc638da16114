import { useEffect, useMemo, useRef } from 'react';
import { useLab } from './LabContext';
import { spaceTimeData } from './spacetime/spaceTimeData';
import { renderSpaceTime } from './spacetime/renderSpaceTime';

/** One lane per leader, time running down: the same messages as the graph, over time. */
export function SpaceTimeDiagram() {
  const svg = useRef<SVGSVGElement>(null);
  const history = useLab((s) => s.history);
  const snapshot = useLab((s) => s.snapshot);
  const highlight = useLab((s) => s.highlight);
  const actions = useLab((s) => s.actions);
  const data = useMemo(() => spaceTimeData(history, snapshot, { highlight }), [history, snapshot, highlight]);
  useEffect(() => {
    if (svg.current) renderSpaceTime(svg.current, data, { onHighlight: actions.setHighlight });
  }, [data, actions]);
  return (
    <figure className="mll-spacetime">
      <svg
        ref={svg}
        role="img"
        aria-label={`Space-time diagram from ${String(Math.round(data.from))} to ${String(Math.round(data.to))} ms: ${String(data.arrows.length)} messages, ${String(data.marks.filter((m) => m.kind === 'conflict').length)} conflicts. The event log lists the same events in words.`}
      />
    </figure>
  );
}
