import { select } from 'd3-selection';
import { handlerBox, setAttr } from './attrs';
import type { GraphData, GraphLink, GraphMessage, GraphNode } from './graphData';
import { BADGE_PATH, CRASH_PATH, REPLICATE_PATH, REQUEST_PATH } from './marks';
import { LABEL_LINES, LINE_HEIGHT, NODE_RADIUS } from './layout';

/**
 * Draw the topology graph into `svg` with keyed joins: links, then messages, then leaders.
 * Called on every frame with fresh data; elements are created once and updated in place.
 * State never rests on colour alone: a cut link is dashed and crossed, a crashed leader is
 * crossed out, an offline one has a dashed ring, a conflict shows a "!" badge.
 */
export interface GraphHandlers {
  onNode?(id: string): void;
  onLink?(a: string, b: string): void;
  onMessageHover?(id: number | null): void;
}

const activate = (handler: () => void) => (event: Event) => {
  if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  handler();
};

function layer(svg: SVGSVGElement, name: string) {
  const root = select(svg);
  const existing = root.select<SVGGElement>(`g.${name}`);
  return existing.empty() ? root.append('g').attr('class', name) : existing;
}

/** "tie rank 2" → "#2", "priority 3" → "p3": short enough to sit in the circle under the id. */

/** Where line `i` of `count` of a leader's values goes, from its label side. */
function valueLine(d: GraphNode, text: string, i: number, count: number): { text: string; x: number; y: number } {
  const r = NODE_RADIUS + 6;
  // Baselines: a line's text sits about 10 px above its baseline at 12 px.
  switch (d.side) {
    case 'below':
      return { text, x: 0, y: r + 11 + i * LINE_HEIGHT };
    case 'above':
      return { text, x: 0, y: -r - 4 - (count - 1 - i) * LINE_HEIGHT };
    case 'right':
      return { text, x: r, y: 4 + (i - (count - 1) / 2) * LINE_HEIGHT };
    case 'left':
      return { text, x: -r, y: 4 + (i - (count - 1) / 2) * LINE_HEIGHT };
  }
}

export function renderGraph(
  svg: SVGSVGElement,
  data: GraphData,
  handlers: GraphHandlers = {},
  /** false when messages are drawn on a canvas layer instead (drawMessages). */
  svgMessages = true,
  /** Unique per graph: two labs on a page must not share the arrowhead's id. */
  markerId = 'mll-arrow',
): void {
  const box = handlerBox(svg, handlers);
  const root = select(svg);
  setAttr(svg, 'viewBox', `0 0 ${String(data.view.width)} ${String(data.view.height)}`);
  if (root.select('defs').empty()) {
    root
      .append('defs')
      .append('marker')
      .attr('id', markerId)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 52)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M 0 0 L 10 5 L 0 10 z')
      .attr('class', 'arrow');
  }

  layer(svg, 'links')
    .selectAll<SVGGElement, GraphLink>('g.link')
    .data(data.links, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('tabindex', 0).attr('role', 'button');
      g.append('line').attr('class', 'hit');
      g.append('line').attr('class', 'wire');
      g.append('text')
        .attr('class', 'cut-mark')
        .attr('aria-hidden', 'true')
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', 'central')
        .text('✕');
      // A pointer's cue before it cuts: a tooltip, and (lab.css) the link previews its next state.
      g.append('title');
      g.on('click keydown', (event: Event, d) => {
        activate(() => box.current.onLink?.(d.a, d.b))(event);
      });
      return g;
    })
    .each(function (d) {
      setAttr(this, 'class', `link${d.cut ? ' cut' : ''}${d.selected ? ' selected' : ''}`);
      setAttr(this, 'aria-label', `${d.description}. Press Enter to ${d.cut ? 'heal' : 'cut'} it.`);
      setAttr(this, 'aria-pressed', String(d.cut));
      for (const line of Array.from(this.querySelectorAll('line'))) {
        setAttr(line, 'x1', d.from.x);
        setAttr(line, 'y1', d.from.y);
        setAttr(line, 'x2', d.to.x);
        setAttr(line, 'y2', d.to.y);
      }
      const wire = this.querySelector('line.wire');
      if (wire) setAttr(wire, 'marker-end', d.oneWay ? `url(#${markerId})` : null);
      const title = this.querySelector('title');
      const tip = `Click to ${d.cut ? 'heal' : 'cut'} this link`;
      if (title && title.textContent !== tip) title.textContent = tip;
      const mark = this.querySelector('text.cut-mark');
      if (mark) {
        setAttr(mark, 'x', (d.from.x + d.to.x) / 2);
        setAttr(mark, 'y', (d.from.y + d.to.y) / 2);
        setAttr(mark, 'visibility', d.cut ? 'visible' : 'hidden');
      }
    });

  layer(svg, 'messages')
    .selectAll<SVGGElement, GraphMessage>('g.message')
    .data(svgMessages ? data.messages : [], (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('aria-hidden', 'true');
      // Replication as a circle, single-leader requests and acks as squares: shape, not colour.
      g.append('path').attr('d', (d) => (d.kind === 'replicate' ? REPLICATE_PATH : REQUEST_PATH));
      g.on('mouseenter', (_e, d) => box.current.onMessageHover?.(d.id)).on('mouseleave', () =>
        box.current.onMessageHover?.(null),
      );
      return g;
    })
    .each(function (d) {
      setAttr(this, 'class', `message ${d.kind}${d.held ? ' held' : ''}${d.highlighted ? ' highlighted' : ''}`);
      setAttr(this, 'transform', `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
    });

  layer(svg, 'nodes')
    .selectAll<SVGGElement, GraphNode>('g.node')
    .data(data.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('tabindex', 0).attr('role', 'button');
      g.append('circle').attr('class', 'body').attr('r', 40);
      g.append('path').attr('class', 'crash-mark').attr('d', CRASH_PATH);
      g.append('text').attr('class', 'label').attr('text-anchor', 'middle').attr('dy', '-0.1em');
      g.on('click keydown', (event: Event, d) => {
        activate(() => box.current.onNode?.(d.id))(event);
      });
      return g;
    })
    .each(function (d) {
      setAttr(this, 'class', `node ${d.status}${d.selected ? ' selected' : ''}`);
      setAttr(this, 'transform', `translate(${String(d.x)},${String(d.y)})`);
      setAttr(this, 'aria-label', d.description);
      setAttr(this, 'aria-pressed', String(d.selected));
      const label = this.querySelector('text.label');
      if (label && label.textContent !== d.label) label.textContent = d.label;
      const crash = this.querySelector('path.crash-mark');
      if (crash)
        setAttr(crash, 'visibility', d.status === 'crashed' || d.status === 'destroyed' ? 'visible' : 'hidden');
    });

  // What a leader holds, drawn over and under it but outside the focusable leader: it is
  // already in the leader's accessible name, in a sentence.
  layer(svg, 'node-info')
    .selectAll<SVGGElement, GraphNode>('g.info')
    .data(data.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'info').attr('aria-hidden', 'true');
      const badge = g.append('g').attr('class', 'badge').attr('transform', 'translate(33,-33)');
      badge.append('path').attr('d', BADGE_PATH);
      badge.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text('!');
      // Conflicts detected and resolved here, in every strategy: a ring with the count.
      const resolved = g.append('g').attr('class', 'resolved').attr('transform', 'translate(-33,-33)');
      resolved.append('circle').attr('r', 12);
      resolved.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
      resolved.append('title');
      // The id ties and priorities are decided by, with the rank the current rule gives it. It is
      // drawn here, not in the focusable leader, whose spoken name says it in words already.
      g.append('text').attr('class', 'id').attr('text-anchor', 'middle').attr('dy', '1.25em');
      g.append('text').attr('class', 'values').attr('text-anchor', 'middle');
      return g;
    })
    .each(function (d) {
      setAttr(this, 'transform', `translate(${String(d.x)},${String(d.y)})`);
      const badge = this.querySelector('g.badge');
      if (badge) setAttr(badge, 'visibility', d.pendingConflicts > 0 ? 'visible' : 'hidden');
      const resolved = this.querySelector('g.resolved');
      if (resolved) {
        setAttr(resolved, 'visibility', d.resolvedConflicts > 0 ? 'visible' : 'hidden');
        const count = d.resolvedConflicts > 99 ? '99+' : String(d.resolvedConflicts);
        const text = resolved.querySelector('text');
        if (text && text.textContent !== count) text.textContent = count;
        const name = `${String(d.resolvedConflicts)} ${d.resolvedConflicts === 1 ? 'conflict' : 'conflicts'} resolved at ${d.label}`;
        const title = resolved.querySelector('title');
        if (title && title.textContent !== name) title.textContent = name;
      }
      const id = this.querySelector('text.id');
      if (id && id.textContent !== d.idLine) id.textContent = d.idLine;
      const values = this.querySelector('text.values');
      if (values) setAttr(values, 'text-anchor', d.side === 'left' ? 'end' : d.side === 'right' ? 'start' : 'middle');
    })
    .select<SVGTextElement>('text.values')
    .selectAll<SVGTSpanElement, { text: string; x: number; y: number }>('tspan')
    .data((d) => {
      // Values go on the leader's outer side (see placeAll); a third line says how many more.
      const shown =
        d.lines.length > LABEL_LINES
          ? [...d.lines.slice(0, LABEL_LINES - 1), `+${String(d.lines.length - LABEL_LINES + 1)} more keys`]
          : d.lines;
      return shown.map((line, i) => valueLine(d, line, i, shown.length));
    })
    .join('tspan')
    .each(function (line) {
      setAttr(this, 'x', line.x);
      setAttr(this, 'y', line.y);
      const text = line.text.length > 18 ? `${line.text.slice(0, 17)}…` : line.text;
      if (this.textContent !== text) this.textContent = text;
    });
}
