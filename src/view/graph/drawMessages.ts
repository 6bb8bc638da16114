import type { GraphMessage } from './graphData';
import { type Point, VIEW, type View } from './layout';

/**
 * Messages in flight drawn on a canvas over the graph's SVG. Hundreds of moving SVG
 * elements cost the browser a restyle and repaint each frame; a canvas redraw of a few
 * hundred shapes does not. Shapes still carry meaning without colour: replication is a
 * circle, a single-leader request or ack a square, a held message hollow.
 */
export interface MessageColours {
  readonly fill: string;
  readonly held: string;
  readonly outline: string;
  readonly highlight: string;
  readonly background: string;
}

/** The part of CanvasRenderingContext2D used here (tests pass a recorder). */
export type Pen = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'moveTo'
  | 'arc'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
>;

export function drawMessages(
  pen: Pen,
  messages: readonly GraphMessage[],
  width: number,
  height: number,
  colours: MessageColours,
  view: View = VIEW,
  /** The canvas may cover only part of the graph: `view` is then that part's size, and this its corner. */
  origin: Point = { x: 0, y: 0 },
): void {
  pen.setTransform(1, 0, 0, 1, 0, 0);
  pen.clearRect(0, 0, width, height);
  // The SVG keeps its aspect ratio (xMidYMid meet): match its scale and offset.
  const scale = Math.min(width / view.width, height / view.height);
  const dx = (width - view.width * scale) / 2 - origin.x * scale;
  const dy = (height - view.height * scale) / 2 - origin.y * scale;
  pen.setTransform(scale, 0, 0, scale, dx, dy);
  // One path per look (in flight, held, highlighted), filled and stroked once: a few hundred
  // separate fills and strokes cost the canvas far more than the same shapes in a handful.
  // Highlighted ones go last, over the rest.
  const looks: { fill: string; stroke: string; width: number; of: GraphMessage[] }[] = [
    { fill: colours.fill, stroke: colours.outline, width: 1, of: [] },
    { fill: colours.background, stroke: colours.held, width: 2, of: [] },
    { fill: colours.fill, stroke: colours.highlight, width: 3, of: [] },
    { fill: colours.background, stroke: colours.highlight, width: 3, of: [] },
  ];
  for (const m of messages) looks[(m.highlighted ? 2 : 0) + (m.held ? 1 : 0)]?.of.push(m);
  for (const look of looks) {
    if (look.of.length === 0) continue;
    pen.beginPath();
    for (const m of look.of) {
      // Each shape its own subpath: no line joins one circle to the next.
      if (m.kind === 'replicate') {
        pen.moveTo(m.x + 6, m.y);
        pen.arc(m.x, m.y, 6, 0, 2 * Math.PI);
      } else pen.rect(m.x - 5, m.y - 5, 10, 10);
    }
    pen.fillStyle = look.fill;
    pen.fill();
    pen.lineWidth = look.width;
    pen.strokeStyle = look.stroke;
    pen.stroke();
  }
}
