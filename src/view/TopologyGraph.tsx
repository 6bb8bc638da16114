import { useEffect, useMemo, useRef } from 'react';
import { drawMessages } from './graph/drawMessages';
import { graphData } from './graph/graphData';
import { renderGraph } from './graph/renderGraph';
import { useLab } from './LabContext';
import { useReducedMotion } from './useReducedMotion';

/**
 * The cluster as a D3-drawn graph. D3 owns the SVG's insides; React owns the SVG. Messages
 * in flight go on a canvas layer on top (the SVG could not hold 60 frames a second with
 * hundreds of them); `svgMessages` draws them in the SVG instead.
 */
export function TopologyGraph({ svgMessages = false }: { svgMessages?: boolean }) {
  const svg = useRef<SVGSVGElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
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
    renderGraph(
      svg.current,
      data,
      {
        onNode: (id) => {
          actions.select(selected?.kind === 'node' && selected.id === id ? null : { kind: 'node', id });
        },
        onLink: (a, b) => {
          actions.toggleLink(a, b);
        },
        onMessageHover: (msgId) => {
          actions.setHighlight(msgId === null ? null : { msgId });
        },
      },
      svgMessages,
    );
    const c = canvas.current;
    const pen = c?.getContext('2d');
    if (svgMessages || !c || !pen) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(c.clientWidth * ratio);
    const height = Math.round(c.clientHeight * ratio);
    if (c.width !== width) c.width = width;
    if (c.height !== height) c.height = height;
    const css = getComputedStyle(c);
    const colour = (name: string) => css.getPropertyValue(name).trim() || 'currentColor';
    drawMessages(pen, data.messages, width, height, {
      fill: colour('--mll-msg'),
      held: colour('--mll-held'),
      outline: colour('--mll-fg'),
      highlight: colour('--mll-focus'),
      background: colour('--mll-bg'),
    });
    c.dataset.messages = String(data.messages.length);
    c.dataset.held = String(data.messages.filter((m) => m.held).length);
  }, [data, actions, selected, svgMessages]);
  const summary = `${String(snapshot.nodes.length)} leaders, ${snapshot.topology.kind} topology, ${String(snapshot.messages.length)} messages in flight`;
  return (
    <figure className="mll-graph">
      <svg
        ref={svg}
        role="group"
        aria-label={`Topology: ${summary}. Tab to a leader or a link; Enter selects a leader or cuts and heals a link.`}
      />
      {!svgMessages && <canvas ref={canvas} className="mll-messages" aria-hidden="true" />}
      <figcaption className="mll-visually-hidden">{summary}</figcaption>
    </figure>
  );
}
