import { EMBED_EVENT_VERSION, type EmbedMessage, type LtiFrameResize, MESSAGE_SOURCE } from './events';

/** The tallest height a frame asks for, so a runaway layout cannot grow the host page without end. */
export const MAX_FRAME_HEIGHT = 20_000;

/** What `embed.html` posts when its height changes: our envelope and the LMS's `lti.frameResize`. */
export function resizeMessages(height: number): [EmbedMessage, LtiFrameResize] {
  const clamped = Math.min(MAX_FRAME_HEIGHT, Math.max(0, Math.ceil(height)));
  return [
    { source: MESSAGE_SOURCE, version: EMBED_EVENT_VERSION, type: 'resize', height: clamped },
    { subject: 'lti.frameResize', height: clamped },
  ];
}

/** `{ target: 'multi-leader-lab', type: 'get-height' }`: nothing else is a command the frame takes. */
export interface HeightRequest {
  readonly target: typeof MESSAGE_SOURCE;
  readonly type: 'get-height';
}

export function isHeightRequest(data: unknown): data is HeightRequest {
  if (typeof data !== 'object' || data === null) return false;
  const keys = Object.keys(data);
  const d = data as Record<string, unknown>;
  return keys.length === 2 && d.target === MESSAGE_SOURCE && d.type === 'get-height';
}
