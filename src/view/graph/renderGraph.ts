import { select } from 'd3-selection';
import { handlerBox, setAttr } from './attrs';
import type { GraphData, GraphLink, GraphMessage, GraphNode } from './graphData';

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
      g.append('path').attr('d', (d) =>
        d.kind === 'replicate' ? 'M -6 0 A 6 6 0 1 0 6 0 A 6 6 0 1 0 -6 0' : 'M -5 -5 H 5 V 5 H -5 Z',
      );
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
      g.append('path').attr('class', 'crash-mark').attr('d', 'M -25 -25 L 25 25 M 25 -25 L -25 25');
      g.append('text').attr('class', 'label').attr('text-anchor', 'middle').attr('dy', '0.35em');
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
      if (crash) setAttr(crash, 'visibility', d.status === 'crashed' ? 'visible' : 'hidden');
    });

  // What a leader holds, drawn over and under it but outside the focusable leader: it is
  // already in the leader's accessible name, in a sentence.
  layer(svg, 'node-info')
    .selectAll<SVGGElement, GraphNode>('g.info')
    .data(data.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'info').attr('aria-hidden', 'true');
      const badge = g.append('g').attr('class', 'badge').attr('transform', 'translate(33,-33)');
      badge.append('path').attr('d', 'M 0 -11 L 11 0 L 0 11 L -11 0 Z');
      badge.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text('!');
      g.append('text').attr('class', 'values').attr('text-anchor', 'middle');
      return g;
    })
    .each(function (d) {
      setAttr(this, 'transform', `translate(${String(d.x)},${String(d.y)})`);
      const badge = this.querySelector('g.badge');
      if (badge) setAttr(badge, 'visibility', d.pendingConflicts > 0 ? 'visible' : 'hidden');
    })
    .select<SVGTextElement>('text.values')
    .selectAll<SVGTSpanElement, string>('tspan')
    .data((d) => d.lines.slice(0, 4))
    .join('tspan')
    .each(function (line, i) {
      setAttr(this, 'x', 0);
      setAttr(this, 'y', 58 + i * 14);
      const text = line.length > 28 ? `${line.slice(0, 27)}…` : line;
      if (this.textContent !== text) this.textContent = text;
    });
}
