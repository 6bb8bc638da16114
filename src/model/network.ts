/**
 * Messages in flight, per direction of each link, in order (FIFO, like a TCP connection).
 * A message whose `deliverAt` is null is held: its link is cut or an endpoint is down or
 * offline, and the sender keeps it in its log. Nothing is ever dropped. Mutable for speed
 * (it sits on the scheduler's hot path); `save`/`load` copy it for checkpoints.
 */

import type { Message, NodeId } from './types';

/** The key of one direction of a link, e.g. `eu>us`. */
export function dirKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

interface Lane {
  /** Messages in order; those before `head` are delivered. */
  queue: Message[];
  head: number;
  /** Latest scheduled delivery, so a later message never overtakes an earlier one. */
  lastDeliverAt: number;
}

export type SavedNetwork = Readonly<
  Record<string, { readonly queue: readonly Message[]; readonly lastDeliverAt: number }>
>;

export class Network {
  private lanes = new Map<string, Lane>();
  /** The lanes and their directions in the map's order, for `nextDue`: a scan per delivery that allocates nothing. */
  private order: { dir: string; lane: Lane }[] = [];

  constructor(dirs: readonly string[]) {
    for (const d of dirs) this.lanes.set(d, { queue: [], head: 0, lastDeliverAt: 0 });
    this.reindex();
  }

  private reindex(): void {
    this.order = [...this.lanes].map(([dir, lane]) => ({ dir, lane }));
  }

  private lane(dir: string): Lane {
    const lane = this.lanes.get(dir);
    if (!lane) throw new Error(`No lane ${dir}`);
    return lane;
  }

  lastDeliverAt(dir: string): number {
    return this.lane(dir).lastDeliverAt;
  }

  push(dir: string, msg: Message): void {
    const lane = this.lane(dir);
    lane.queue.push(msg);
    if (msg.deliverAt !== null) lane.lastDeliverAt = Math.max(lane.lastDeliverAt, msg.deliverAt);
  }

  shift(dir: string): void {
    const lane = this.lane(dir);
    lane.head += 1;
    // Compact now and then so memory follows what is in flight, not what ever was.
    if (lane.head > 64 && lane.head * 2 > lane.queue.length) {
      lane.queue = lane.queue.slice(lane.head);
      lane.head = 0;
    }
  }

  /** Hold every message on `dir` (the link was cut, or an endpoint went down). */
  hold(dir: string): void {
    const lane = this.lane(dir);
    for (let i = lane.head; i < lane.queue.length; i++) {
      const m = lane.queue[i] as Message;
      if (m.deliverAt !== null) lane.queue[i] = { ...m, deliverAt: null };
    }
  }

  /** Give each held message on `dir` a delivery time, in order. */
  schedule(dir: string, time: (index: number, previous: number) => number): void {
    const lane = this.lane(dir);
    let k = 0;
    for (let i = lane.head; i < lane.queue.length; i++) {
      const m = lane.queue[i] as Message;
      if (m.deliverAt !== null) continue;
      const at = time(k++, lane.lastDeliverAt);
      lane.lastDeliverAt = at;
      lane.queue[i] = { ...m, deliverAt: at };
    }
  }

  /** The next message due at or before `limit`, earliest first, ties by message id. */
  nextDue(limit: number): { msg: Message; dir: string } | null {
    let best: Message | null = null;
    let bestDir = '';
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const { dir, lane } = order[i] as { dir: string; lane: Lane };
      const head = lane.queue[lane.head];
      if (head?.deliverAt == null || head.deliverAt > limit) continue;
      if (
        best === null ||
        head.deliverAt < (best.deliverAt as number) ||
        (head.deliverAt === best.deliverAt && head.id < best.id)
      ) {
        best = head;
        bestDir = dir;
      }
    }
    return best === null ? null : { msg: best, dir: bestDir };
  }

  /** Take out every message in flight or held that `drop` picks (a failed leader's log); returns them in order. */
  removeWhere(drop: (msg: Message) => boolean): Message[] {
    const removed: Message[] = [];
    for (const lane of this.lanes.values()) {
      const kept: Message[] = [];
      for (let i = lane.head; i < lane.queue.length; i++) {
        const m = lane.queue[i] as Message;
        if (drop(m)) removed.push(m);
        else kept.push(m);
      }
      if (kept.length !== lane.queue.length - lane.head) {
        lane.queue = kept;
        lane.head = 0;
      }
    }
    return removed.sort((a, b) => a.id - b.id);
  }

  all(): Message[] {
    const out: Message[] = [];
    for (const lane of this.lanes.values())
      for (let i = lane.head; i < lane.queue.length; i++) out.push(lane.queue[i] as Message);
    return out.sort((a, b) => a.id - b.id);
  }

  save(): SavedNetwork {
    const out: Record<string, { queue: readonly Message[]; lastDeliverAt: number }> = {};
    for (const [dir, lane] of this.lanes)
      out[dir] = { queue: lane.queue.slice(lane.head), lastDeliverAt: lane.lastDeliverAt };
    return out;
  }

  load(saved: SavedNetwork): void {
    for (const [dir, lane] of Object.entries(saved))
      this.lanes.set(dir, { queue: [...lane.queue], head: 0, lastDeliverAt: lane.lastDeliverAt });
    this.reindex();
  }
}
