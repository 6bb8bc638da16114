import { useEffect, useMemo, useRef } from 'react';
import { graphData } from './graph/graphData';
import { renderGraph } from './graph/renderGraph';
import { useLab } from './LabContext';
import { useReducedMotion } from './useReducedMotion';

/** The cluster as a D3-drawn graph. D3 owns the SVG's insides; React owns the SVG. */
export function TopologyGraph() {
  const svg = useRef<SVGSVGElement>(null);
  const snapshot = useLab((s) => s.snapshot);
  const selected = useLab((s) => s.selected);
  const highlight = useLab((s) => s.highlight);
  const actions = useLab((s) => s.actions);
  const reducedMotion = useReducedMotion();
  const data = useMemo(
    () =>
      graphData(snapshot, {
        selected,
        reducedMotion,
        highlightMsg: highlight?.msgId ?? null,
        highlightWrite: highlight?.writeId ?? null,
      }),
    [snapshot, selected, reducedMotion, highlight],
  );
  useEffect(() => {
    if (!svg.current) return;
    renderGraph(svg.current, data, {
      onNode: (id) => {
        actions.select(selected?.kind === 'node' && selected.id === id ? null : { kind: 'node', id });
      },
      onLink: (a, b) => {
        actions.toggleLink(a, b);
      },
      onMessageHover: (msgId) => {
        actions.setHighlight(msgId === null ? null : { msgId });
      },
    });
  }, [data, actions, selected]);
  const summary = `${String(snapshot.nodes.length)} leaders, ${snapshot.topology.kind} topology, ${String(snapshot.messages.length)} messages in flight`;
  return (
    <figure className="mll-graph">
      <svg
        ref={svg}
        role="group"
        aria-label={`Topology: ${summary}. Tab to a leader or a link; Enter selects a leader or cuts and heals a link.`}
      />
      <figcaption className="mll-visually-hidden">{summary}</figcaption>
    </figure>
  );
}
