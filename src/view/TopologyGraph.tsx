import { useEffect, useId, useRef, useState } from 'react';
import type { LabState } from '../store/labStore';
import { drawMessages, type MessageColours } from './graph/drawMessages';
import {
  type GraphData,
  graphLinks,
  graphMessages,
  graphNodes,
  conflictCounts,
  type GraphOptions,
  placeNodes,
  sameStructure,
} from './graph/graphData';
import { messageArea, viewFor } from './graph/layout';
import { renderGraph } from './graph/renderGraph';
import { useLabStore } from './LabContext';
import { Legend } from './Legend';
import { isRunningOn, pacer, useLabThrottled } from './useLabThrottled';
import { useReducedMotion } from './useReducedMotion';

/**
 * The cluster as a D3-drawn graph. D3 owns the SVG's insides; React owns the SVG. Messages
 * in flight go on a canvas layer on top (the SVG could not hold 60 frames a second with
 * hundreds of them); `svgMessages` draws them in the SVG instead.
 *
 * Both follow the store outside React's render: the canvas is redrawn once per frame, and
 * the SVG only when what it shows (leaders, values, links, selection) changed, not every
 * time a message moves; while time runs, at most ten times a second.
 */
export function TopologyGraph({ svgMessages = false }: { svgMessages?: boolean }) {
  const svg = useRef<SVGSVGElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  const markerId = `mll-arrow-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const [compact, setCompact] = useState(false);
  const size = useRef<{ width: number; height: number } | null>(null);
  const colours = useRef<MessageColours | null>(null);
  const redraw = useRef<(() => void) | null>(null);
  useEffect(() => {
    // Forget the cached size on resize and the colours on a theme switch.
    const c = canvas.current;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            size.current = null;
            redraw.current?.();
            // A phone-width graph is laid out in a smaller space so its text stays readable.
            if (figure.current) setCompact(figure.current.clientWidth < 520);
          });
    if (observer && c) observer.observe(c);
    if (observer && figure.current) observer.observe(figure.current);
    const scheme = typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');
    const forget = () => {
      colours.current = null;
      redraw.current?.();
    };
    scheme?.addEventListener('change', forget);
    return () => {
      observer?.disconnect();
      scheme?.removeEventListener('change', forget);
    };
  }, []);
  const store = useLabStore();
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    const { actions } = store.getState();
    const handlers = {
      onNode: (id: string) => {
        const { selected } = store.getState();
        actions.select(selected?.kind === 'node' && selected.id === id ? null : { kind: 'node', id });
      },
      onLink: (a: string, b: string) => {
        actions.toggleLink(a, b);
      },
      onMessageHover: (msgId: number | null) => {
        actions.setHighlight(msgId === null ? null : { msgId });
      },
    };
    // The space to lay out in follows the number of leaders (seven or eight need more room).
    const viewOf = (s: LabState) => viewFor(s.snapshot.nodes.length, compact);
    // Conflict counts read the history: only the leaders' drawing needs them, not every frame of messages.
    const optionsOf = (s: LabState, withConflicts = true): GraphOptions => ({
      conflicts: withConflicts ? conflictCounts(s.history, s.snapshot.time) : {},
      priorities: Object.fromEntries(s.config.nodes.map((n) => [n.id, n.priority ?? 0])),
      selected: s.selected,
      reducedMotion,
      highlightMsg: s.highlight?.msgId ?? null,
      highlightWrite: s.highlight?.writeId ?? null,
    });
    let drawn: GraphData | null = null;
    const drawStructure = (s: LabState) => {
      if (!svg.current) return;
      const view = viewOf(s);
      const at = placeNodes(s.snapshot, view);
      const options = optionsOf(s);
      const next: GraphData = {
        view,
        nodes: graphNodes(s.snapshot, at, options),
        links: graphLinks(s.snapshot, at, options),
        messages: svgMessages ? graphMessages(s.snapshot, at, options) : [],
      };
      if (!svgMessages && drawn && sameStructure(drawn, next)) return;
      drawn = next;
      renderGraph(svg.current, next, handlers, svgMessages, markerId);
    };
    const c = canvas.current;
    const pen = svgMessages || !c ? null : c.getContext('2d');
    let frame = 0;
    const drawCanvas = () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      if (!c || !pen) return;
      const s = store.getState();
      const view = viewOf(s);
      const at = placeNodes(s.snapshot, view);
      const messages = graphMessages(s.snapshot, at, optionsOf(s, false));
      // The canvas covers only where messages can be (see messageArea), placed in
      // percentages of the graph, which keeps the SVG's aspect ratio.
      const area = messageArea(
        s.snapshot.nodes.map((n) => at(n.id)),
        view,
      );
      const pct = (part: number, whole: number) => `${String((100 * part) / whole)}%`;
      const place = [
        pct(area.x, view.width),
        pct(area.y, view.height),
        pct(area.width, view.width),
        pct(area.height, view.height),
      ];
      if (c.dataset.area !== place.join(' ')) {
        c.dataset.area = place.join(' ');
        [c.style.left, c.style.top, c.style.width, c.style.height] = place as [string, string, string, string];
        size.current = null;
      }
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
      drawMessages(pen, messages, width, height, colours.current, area, area);
      const count = String(messages.length);
      const held = String(messages.filter((m) => m.held).length);
      if (c.dataset.messages !== count) c.dataset.messages = count;
      if (c.dataset.held !== held) c.dataset.held = held;
    };
    drawStructure(store.getState());
    drawCanvas();
    redraw.current = () => {
      drawCanvas();
    };
    // While time runs on, the leaders' drawing (values, badges, names) follows at most every
    // THROTTLE_MS, as the text panels do: rebuilding it for each of 60 frames and each write
    // a second cost more than the rest of the frame, for text nobody reads at that pace.
    const structure = pacer(() => {
      drawStructure(store.getState());
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.snapshot === prev.snapshot &&
        s.selected === prev.selected &&
        s.highlight === prev.highlight &&
        s.playing === prev.playing
      )
        return;
      // A hover, a selection, a pause, a step or a seek shows at once.
      if (s.highlight !== prev.highlight || !isRunningOn(s, prev)) structure.now();
      else structure.soon();
      // When time moved (a frame of the animation loop, a step, a seek) the messages are
      // drawn now, in this frame. Other changes (a write, a hover) wait for the next frame:
      // a write made between two frames must not cost a second canvas frame.
      if (s.snapshot.time !== prev.snapshot.time) drawCanvas();
      else if (frame === 0 && pen) frame = requestAnimationFrame(drawCanvas);
    });
    return () => {
      unsubscribe();
      structure.cancel();
      redraw.current = null;
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [store, compact, reducedMotion, svgMessages, markerId]);
  // The summary is text: while time runs it follows ten times a second.
  const summary = useLabThrottled(
    (s) =>
      `${String(s.snapshot.nodes.length)} leaders, ${s.snapshot.topology.kind} topology, ${String(s.snapshot.messages.length)} messages in flight`,
  );
  return (
    <figure className={compact ? 'mll-graph compact' : 'mll-graph'} ref={figure}>
      <Legend />
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
