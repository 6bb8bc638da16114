import { select } from 'd3-selection';
import type { GraphData, GraphLink, GraphMessage, GraphNode } from './graphData';
import { VIEW } from './layout';

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

export function renderGraph(svg: SVGSVGElement, data: GraphData, handlers: GraphHandlers = {}): void {
  const root = select(svg).attr('viewBox', `0 0 ${String(VIEW.width)} ${String(VIEW.height)}`);
  if (root.select('defs').empty()) {
    root
      .append('defs')
      .append('marker')
      .attr('id', 'mll-arrow')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 48)
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
      const g = enter.append('g').attr('class', 'link').attr('tabindex', 0).attr('role', 'button');
      g.append('line').attr('class', 'hit');
      g.append('line').attr('class', 'wire');
      g.append('text')
        .attr('class', 'cut-mark')
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', 'central')
        .text('✕');
      return g;
    })
    .classed('cut', (d) => d.cut)
    .classed('selected', (d) => d.selected)
    .attr('aria-label', (d) => `${d.description}. Press Enter to ${d.cut ? 'heal' : 'cut'} it.`)
    .attr('aria-pressed', (d) => String(d.cut))
    .on('click keydown', (event: Event, d) => {
      activate(() => handlers.onLink?.(d.a, d.b))(event);
    })
    .call((g) => {
      g.selectAll<SVGLineElement, GraphLink>('line')
        .attr('x1', (d) => d.from.x)
        .attr('y1', (d) => d.from.y)
        .attr('x2', (d) => d.to.x)
        .attr('y2', (d) => d.to.y);
      g.select('line.wire').attr('marker-end', (d) => (d.oneWay ? 'url(#mll-arrow)' : null));
      g.select('text.cut-mark')
        .attr('x', (d) => (d.from.x + d.to.x) / 2)
        .attr('y', (d) => (d.from.y + d.to.y) / 2)
        .attr('visibility', (d) => (d.cut ? 'visible' : 'hidden'));
    });

  layer(svg, 'messages')
    .selectAll<SVGGElement, GraphMessage>('g.message')
    .data(data.messages, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'message').attr('aria-hidden', 'true');
      g.append('path');
      return g;
    })
    .attr('class', (d) => `message ${d.kind}${d.held ? ' held' : ''}${d.highlighted ? ' highlighted' : ''}`)
    .attr('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`)
    .on('mouseenter', (_e, d) => handlers.onMessageHover?.(d.id))
    .on('mouseleave', () => handlers.onMessageHover?.(null))
    .select('path')
    // Replication as a circle, single-leader requests and acks as squares: shape, not colour.
    .attr('d', (d) => (d.kind === 'replicate' ? 'M -6 0 A 6 6 0 1 0 6 0 A 6 6 0 1 0 -6 0' : 'M -5 -5 H 5 V 5 H -5 Z'));

  layer(svg, 'nodes')
    .selectAll<SVGGElement, GraphNode>('g.node')
    .data(data.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'node').attr('tabindex', 0).attr('role', 'button');
      g.append('circle').attr('class', 'body').attr('r', 40);
      g.append('path').attr('class', 'crash-mark').attr('d', 'M -25 -25 L 25 25 M 25 -25 L -25 25');
      g.append('text').attr('class', 'label').attr('text-anchor', 'middle').attr('dy', '0.35em');
      return g;
    })
    .attr('class', (d) => `node ${d.status}${d.selected ? ' selected' : ''}`)
    .attr('transform', (d) => `translate(${String(d.x)},${String(d.y)})`)
    .attr('aria-label', (d) => d.description)
    .attr('aria-pressed', (d) => String(d.selected))
    .on('click keydown', (event: Event, d) => {
      activate(() => handlers.onNode?.(d.id))(event);
    })
    .call((g) => {
      g.select('text.label').text((d) => d.label);
      g.select('path.crash-mark').attr('visibility', (d) => (d.status === 'crashed' ? 'visible' : 'hidden'));
    });

  // What a leader holds, drawn over and under it but outside the focusable leader: it is already in
  // the leader's accessible name, in a sentence.
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
    .attr('transform', (d) => `translate(${String(d.x)},${String(d.y)})`)
    .call((g) => {
      g.select('g.badge').attr('visibility', (d) => (d.pendingConflicts > 0 ? 'visible' : 'hidden'));
      g.select<SVGTextElement>('text.values')
        .selectAll<SVGTSpanElement, string>('tspan')
        .data((d) => d.lines.slice(0, 4))
        .join('tspan')
        .attr('x', 0)
        .attr('y', (_d, i) => 58 + i * 14)
        .text((line) => (line.length > 28 ? `${line.slice(0, 27)}…` : line));
    });
}
