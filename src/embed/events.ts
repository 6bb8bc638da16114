import type { ConflictKind } from '../core/types';
import type { SimEvent } from '../model';

/**
 * What an embed tells its page. The element dispatches `mll-<type>` events (bubbling and
 * composed, so they leave the shadow root) whose `detail` is the shape below; `embed.html`
 * posts the same shape to `window.parent` with `source: 'multi-leader-lab'` added.
 * `version` changes only when a shape changes incompatibly (CHANGELOG.md says what changed).
 */
export const EMBED_EVENT_VERSION = 1;

/** The `source` of every message `embed.html` posts. */
export const MESSAGE_SOURCE = 'multi-leader-lab';

export interface ReadyDetail {
  readonly version: typeof EMBED_EVENT_VERSION;
  /** The preset's id, when the run came from one. */
  readonly preset: string | null;
  /** The run's title, when it has one. */
  readonly title: string | null;
  /** Settings the embed could not use, in words (they are shown inside it too). */
  readonly problems: readonly string[];
}

export interface StepChangeDetail {
  readonly version: typeof EMBED_EVENT_VERSION;
  readonly lesson: string;
  /** 1 for the first step. */
  readonly step: number;
}

export interface CompleteDetail {
  readonly version: typeof EMBED_EVENT_VERSION;
  readonly lesson: string;
}

export interface ConflictDetail {
  readonly version: typeof EMBED_EVENT_VERSION;
  /** The key both writes touched. */
  readonly key: string;
  /** The value the strategy kept. */
  readonly kept: unknown;
  /** The values of the writes whose effect was discarded. */
  readonly discarded: readonly unknown[];
  /** The strategy's sentence saying why. */
  readonly explanation: string;
  /** The leader that detected it, and when (virtual ms). */
  readonly node: string;
  readonly at: number;
  /**
   * For a row conflict on a table key, which one (pgEdge Spock's names, lower-case):
   * `insert-insert`, `update-update`, `update-delete`, `update-missing`, `delete-missing`.
   * Absent for other keys. (Added in 0.1.0 without a version change: a new optional field.)
   */
  readonly kind?: ConflictKind;
}

export interface EmbedEventMap {
  ready: ReadyDetail;
  stepchange: StepChangeDetail;
  complete: CompleteDetail;
  conflict: ConflictDetail;
}

export type EmbedEventType = keyof EmbedEventMap;

/** The element's events, as `addEventListener` sees them. */
export type MllEventMap = { [K in EmbedEventType as `mll-${K}`]: CustomEvent<EmbedEventMap[K]> };

/** A message `embed.html` posts to its parent. */
export type EmbedMessage =
  | {
      [K in EmbedEventType]: { readonly source: typeof MESSAGE_SOURCE; readonly type: K } & EmbedEventMap[K];
    }[EmbedEventType]
  | {
      readonly source: typeof MESSAGE_SOURCE;
      readonly version: typeof EMBED_EVENT_VERSION;
      readonly type: 'resize';
      readonly height: number;
    };

/** The message Canvas, Moodle (with its plugin) and other LMSs resize a frame on. */
export interface LtiFrameResize {
  readonly subject: 'lti.frameResize';
  readonly height: number;
}

export type EmitEmbedEvent = <K extends EmbedEventType>(type: K, detail: EmbedEventMap[K]) => void;

/** A conflict event of the model, as the embed reports it. */
export function conflictDetail(event: Extract<SimEvent, { type: 'conflict' }>): ConflictDetail {
  const discarded = new Set(event.discarded);
  return {
    version: EMBED_EVENT_VERSION,
    key: event.key,
    kept: event.result,
    discarded: event.versions.filter((v) => v.writeId !== null && discarded.has(v.writeId)).map((v) => v.value),
    explanation: event.explanation,
    node: event.node,
    at: event.at,
    ...(event.kind ? { kind: event.kind } : {}),
  };
}
