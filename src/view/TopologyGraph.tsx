import { useEffect, useMemo, useRef, useState } from 'react';
import { drawMessages, type MessageColours } from './graph/drawMessages';
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
  const figure = useRef<HTMLElement>(null);
  const [compact, setCompact] = useState(false);
  const size = useRef<{ width: number; height: number } | null>(null);
  const colours = useRef<MessageColours | null>(null);
  useEffect(() => {
    // Forget the cached size on resize and the colours on a theme switch.
    const c = canvas.current;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            size.current = null;
            // A phone-width graph is laid out in a smaller space so its text stays readable.
            if (figure.current) setCompact(figure.current.clientWidth < 520);
          });
    if (observer && c) observer.observe(c);
    if (observer && figure.current) observer.observe(figure.current);
    const scheme = typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');
    const forget = () => {
      colours.current = null;
    };
    scheme?.addEventListener('change', forget);
    return () => {
      observer?.disconnect();
      scheme?.removeEventListener('change', forget);
    };
  }, []);
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
        compact,
      }),
    [snapshot, selected, reducedMotion, highlight, compact],
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
    // Size and colours are cached: reading layout or computed style every frame would
    // force the browser to restyle and lay out the page each time.
    const ratio = window.devicePixelRatio || 1;
    const box = size.current ?? { width: c.clientWidth, height: c.clientHeight };
    size.current = box;
    const width = Math.round(box.width * ratio);
    const height = Math.round(box.height * ratio);
    if (c.width !== width) c.width = width;
    if (c.height !== height) c.height = height;
    if (!colours.current) {
      const css = getComputedStyle(c);
      const colour = (name: string) => css.getPropertyValue(name).trim() || 'currentColor';
      colours.current = {
        fill: colour('--mll-msg'),
        held: colour('--mll-held'),
        outline: colour('--mll-fg'),
        highlight: colour('--mll-focus'),
        background: colour('--mll-bg'),
      };
    }
    drawMessages(pen, data.messages, width, height, colours.current, data.view);
    c.dataset.messages = String(data.messages.length);
    c.dataset.held = String(data.messages.filter((m) => m.held).length);
  }, [data, actions, selected, svgMessages]);
  const summary = `${String(snapshot.nodes.length)} leaders, ${snapshot.topology.kind} topology, ${String(snapshot.messages.length)} messages in flight`;
  return (
    <figure className={compact ? 'mll-graph compact' : 'mll-graph'} ref={figure}>
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
