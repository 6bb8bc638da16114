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
  for (const m of messages) {
    pen.beginPath();
    if (m.kind === 'replicate') pen.arc(m.x, m.y, 6, 0, 2 * Math.PI);
    else pen.rect(m.x - 5, m.y - 5, 10, 10);
    pen.fillStyle = m.held ? colours.background : colours.fill;
    pen.fill();
    pen.lineWidth = m.highlighted ? 3 : m.held ? 2 : 1;
    pen.strokeStyle = m.highlighted ? colours.highlight : m.held ? colours.held : colours.outline;
    pen.stroke();
  }
}
