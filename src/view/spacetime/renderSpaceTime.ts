import { axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import { handlerBox, setAttr } from '../graph/attrs';
import { diagramMark } from '../graph/marks';
import { formatTime, timeScale } from './axis';
import { type LaneLabel, laneLabels } from './laneLabels';
import { type Arrow, type Mark, type SpaceTime, ST_VIEW } from './spaceTimeData';

/** Draw a space-time diagram with keyed joins (lanes, message arrows, write and conflict marks). */
export function renderSpaceTime(
  svg: SVGSVGElement,
  data: SpaceTime,
  handlers: {
    onHighlight?: (h: { msgId?: number; writeId?: string } | null) => void;
    /** A lane's name was clicked: that leader becomes the selected one (and the write target). */
    onSelectLeader?: (id: string) => void;
  } = {},
  /** Unique per diagram: two labs on a page must not clip each other's (differently sized) windows. */
  clipId = 'mll-st-clip',
  /** The selected leader, whose lane name is marked. */
  selected: string | null = null,
): void {
  const { width, height } = data.view;
  const root = select(svg);
  setAttr(svg, 'viewBox', `0 0 ${String(width)} ${String(height)}`);
  const layer = (name: string) => {
    const g = root.select<SVGGElement>(`g.${name}`);
    return g.empty() ? root.append('g').attr('class', name) : g;
  };
  const box = handlerBox(svg, handlers);
  layer('lanes')
    .selectAll<SVGGElement, LaneLabel>('g.lane')
    .data(laneLabels(data.lanes, width), (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('line');
      // A mouse shortcut to selecting a leader (the keyboard has the leader list and digits).
      const text = g
        .append('text')
        .attr('text-anchor', 'middle')
        .on('click', (_e, d) => box.current.onSelectLeader?.(d.id));
      text.append('title');
      text.append('tspan');
      return g;
    })
    .call((g) => {
      g.classed('selected', (d) => d.id === selected);
      g.select('line')
        .attr('x1', (d) => d.lane)
        .attr('x2', (d) => d.lane)
        .attr('y1', ST_VIEW.top - 6)
        .attr('y2', height - ST_VIEW.bottom);
      g.select('text')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y);
      // A shortened name keeps its full form as a tooltip (the leaders' panel names them in full).
      g.select('text title').text((d) => `${d.full}: click to select and write here`);
      g.select('text tspan').text((d) => d.text);
    });
  // The time axis, in human units, for the window shown.
  const axis = axisLeft(timeScale(data.from, data.to, ST_VIEW.top, height - ST_VIEW.bottom))
    .ticks(Math.max(2, Math.floor((height - ST_VIEW.top - ST_VIEW.bottom) / 50)))
    .tickFormat(formatTime)
    .tickSizeOuter(0);
  layer('axis')
    .attr('transform', `translate(${String(ST_VIEW.axis - 12)},0)`)
    .attr('aria-hidden', 'true')
    .call(axis);
  if (root.select('clipPath').empty()) {
    root
      .append('clipPath')
      .attr('id', clipId)
      .append('rect')
      .attr('x', 0)
      .attr('y', ST_VIEW.top - 8);
  }
  const clip = root.select<SVGRectElement>('clipPath rect').node();
  if (clip) {
    setAttr(clip, 'width', width);
    setAttr(clip, 'height', height - ST_VIEW.top + 8);
  }
  const clipped = layer('window').attr('clip-path', `url(#${clipId})`);
  const existing = clipped.select<SVGGElement>('g.slide');
  const slide = existing.empty() ? clipped.append('g').attr('class', 'slide') : existing;
  setAttr(slide.node() as Element, 'transform', `translate(0,${String(-data.shift)})`);
  const sub = (name: string) => {
    const g = slide.select<SVGGElement>(`g.${name}`);
    return g.empty() ? slide.append('g').attr('class', name) : g;
  };
  sub('arrows')
    .selectAll<SVGLineElement, Arrow>('line')
    .data(data.arrows, (d) => d.id)
    .join((enter) =>
      enter
        .append('line')
        .on('mouseenter', (_e, d) => box.current.onHighlight?.({ msgId: d.id, writeId: d.writeId }))
        .on('mouseleave', () => box.current.onHighlight?.(null)),
    )
    .each(function (d) {
      setAttr(this, 'class', `arrow${d.open ? ' open' : ''}${d.highlighted ? ' highlighted' : ''}`);
      setAttr(this, 'x1', d.x1);
      setAttr(this, 'y1', d.y1);
      setAttr(this, 'x2', d.x2);
      setAttr(this, 'y2', d.y2);
    });
  sub('marks')
    .selectAll<SVGPathElement, Mark>('path')
    .data(data.marks, (d) => d.key)
    .join((enter) => {
      const p = enter
        .append('path')
        .on('mouseenter', (_e, d) => box.current.onHighlight?.({ writeId: d.writeId }))
        .on('mouseleave', () => box.current.onHighlight?.(null));
      p.append('title');
      return p;
    })
    .each(function (d) {
      setAttr(this, 'class', `mark ${d.kind}${d.highlighted ? ' highlighted' : ''}`);
      // A write is a dot, a conflict a diamond, a refusal a cross: shapes, not colours.
      setAttr(this, 'd', diagramMark(d.kind, d.x, d.y));
      const title = this.querySelector('title');
      if (title && title.textContent !== d.title) title.textContent = d.title;
    });
}
