import { axisLeft } from 'd3-axis';
import { select } from 'd3-selection';
import { handlerBox, setAttr } from '../graph/attrs';
import { formatTime, timeScale } from './axis';
import { type LaneLabel, laneLabels } from './laneLabels';
import { type ArrowPaths, arrowPaths, type Hit, hitAt, MARK_ORDER, type MarkPaths, markPaths } from './paths';
import { type SpaceTime, ST_VIEW } from './spaceTimeData';

/** Draw a space-time diagram: lanes with keyed joins, message arrows and write and conflict marks as a few paths. */
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
  // Arrows, then marks over them: a few paths, one per look (see paths.ts), not an element each.
  const paths = (name: string, keys: readonly string[], classOf: (key: string) => string) => {
    const g = sub(name);
    return keys.map((key) => {
      const existingPath = g.select<SVGPathElement>(`path[data-look="${key}"]`);
      const p = existingPath.empty()
        ? g.append('path').attr('data-look', key).attr('class', classOf(key))
        : existingPath;
      return p.node() as SVGPathElement;
    });
  };
  const arrowD = arrowPaths(data.arrows);
  const arrowLooks = ['closed', 'open', 'closedHighlighted', 'openHighlighted'] as const;
  paths('arrows', arrowLooks, (key) =>
    ['arrow', key.startsWith('open') ? 'open' : '', key.endsWith('Highlighted') ? 'highlighted' : '']
      .filter(Boolean)
      .join(' '),
  ).forEach((p, i) => {
    setAttr(p, 'd', arrowD[arrowLooks[i] as keyof ArrowPaths]);
  });
  const markD = markPaths(data.marks);
  const tip = sub('marks').select<SVGTitleElement>('title');
  paths('marks', MARK_ORDER, (key) => `mark ${key.replace('Highlighted', ' highlighted')}`).forEach((p, i) => {
    setAttr(p, 'd', markD[MARK_ORDER[i] as keyof MarkPaths]);
  });
  // One tooltip for the marks: the one under the pointer says what it is (see `hover` below).
  if (tip.empty()) sub('marks').append('title');
  drawn.set(svg, data);
  hover(svg, box);
}

/** The data each diagram drew last, for the pointer to find what is under it. */
const drawn = new WeakMap<SVGSVGElement, SpaceTime>();
const hovering = new WeakSet<SVGSVGElement>();

/**
 * The pointer over an arrow or a mark highlights its message or write (and a mark's tooltip
 * names it), as each element's own mouseenter and title did when each was an element. Bound once.
 */
function hover(
  svg: SVGSVGElement,
  box: { current: { onHighlight?: (h: { msgId?: number; writeId?: string } | null) => void } },
): void {
  if (hovering.has(svg)) return;
  hovering.add(svg);
  let shown: string | null = null;
  const show = (hit: Hit | null) => {
    const key = hit === null ? null : hit.kind === 'mark' ? `m${hit.mark.key}` : `a${String(hit.arrow.id)}`;
    const title = svg.querySelector('g.marks > title');
    const text = hit?.kind === 'mark' ? hit.mark.title : '';
    if (title && title.textContent !== text) title.textContent = text;
    if (key === shown) return;
    shown = key;
    box.current.onHighlight?.(
      hit === null
        ? null
        : hit.kind === 'mark'
          ? { writeId: hit.mark.writeId }
          : { msgId: hit.arrow.id, writeId: hit.arrow.writeId },
    );
  };
  const at = (e: PointerEvent) => {
    const data = drawn.get(svg);
    // Client pixels to the SVG's units: read on pointer moves only, never per frame.
    const m = svg.getScreenCTM();
    if (!data || !m) return;
    // The inverse of (a c e; b d f) applied to the pointer, written out (no DOMPoint needed).
    const det = m.a * m.d - m.b * m.c || 1;
    const dx = e.clientX - m.e;
    const dy = e.clientY - m.f;
    show(hitAt(data, (m.d * dx - m.c * dy) / det, (m.a * dy - m.b * dx) / det));
  };
  svg.addEventListener('pointermove', at);
  svg.addEventListener('pointerdown', at);
  svg.addEventListener('pointerleave', (e) => {
    // A finger lifted leaves too: a tap keeps what it highlighted, as a tap on an element did.
    if (e.pointerType !== 'touch') show(null);
  });
}
