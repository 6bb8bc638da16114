import { select } from 'd3-selection';
import { type Arrow, type Lane, type Mark, type SpaceTime, ST_VIEW } from './spaceTimeData';

/** Draw a space-time diagram with keyed joins (lanes, message arrows, write and conflict marks). */
export function renderSpaceTime(
  svg: SVGSVGElement,
  data: SpaceTime,
  handlers: { onHighlight?: (h: { msgId?: number; writeId?: string } | null) => void } = {},
): void {
  const root = select(svg).attr('viewBox', `0 0 ${String(ST_VIEW.width)} ${String(ST_VIEW.height)}`);
  const layer = (name: string) => {
    const g = root.select<SVGGElement>(`g.${name}`);
    return g.empty() ? root.append('g').attr('class', name) : g;
  };
  layer('lanes')
    .selectAll<SVGGElement, Lane>('g.lane')
    .data(data.lanes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('line');
      g.append('text').attr('text-anchor', 'middle');
      return g;
    })
    .call((g) => {
      g.select('line')
        .attr('x1', (d) => d.x)
        .attr('x2', (d) => d.x)
        .attr('y1', ST_VIEW.top - 6)
        .attr('y2', ST_VIEW.height - ST_VIEW.bottom);
      g.select('text')
        .attr('x', (d) => d.x)
        .attr('y', 16)
        .text((d) => d.label);
    });
  layer('arrows')
    .selectAll<SVGLineElement, Arrow>('line.arrow')
    .data(data.arrows, (d) => d.id)
    .join('line')
    .attr('class', (d) => `arrow${d.open ? ' open' : ''}${d.highlighted ? ' highlighted' : ''}`)
    .attr('x1', (d) => d.x1)
    .attr('y1', (d) => d.y1)
    .attr('x2', (d) => d.x2)
    .attr('y2', (d) => d.y2)
    .on('mouseenter', (_e, d) => handlers.onHighlight?.({ msgId: d.id, writeId: d.writeId }))
    .on('mouseleave', () => handlers.onHighlight?.(null));
  layer('marks')
    .selectAll<SVGPathElement, Mark>('path.mark')
    .data(data.marks, (d) => d.key)
    .join((enter) => {
      const p = enter.append('path');
      p.append('title');
      return p;
    })
    .attr('class', (d) => `mark ${d.kind}${d.highlighted ? ' highlighted' : ''}`)
    // A write is a dot, a conflict a diamond, a refusal a cross: shapes, not colours.
    .attr('d', (d) =>
      d.kind === 'write'
        ? `M ${String(d.x - 4)} ${String(d.y)} a 4 4 0 1 0 8 0 a 4 4 0 1 0 -8 0`
        : d.kind === 'conflict'
          ? `M ${String(d.x)} ${String(d.y - 7)} l 7 7 l -7 7 l -7 -7 z`
          : `M ${String(d.x - 5)} ${String(d.y - 5)} l 10 10 m 0 -10 l -10 10`,
    )
    .on('mouseenter', (_e, d) => handlers.onHighlight?.({ writeId: d.writeId }))
    .on('mouseleave', () => handlers.onHighlight?.(null))
    .select('title')
    .text((d) => d.title);
}
