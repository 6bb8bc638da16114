/**
 * The one definition of a lost write, used by the lab's count, the comparison of strategies
 * and the tests (docs: semantics.md, "What counts as a lost write"):
 *
 *   a write is lost when its effect is absent from the converged state and no write that
 *   had seen it removed that effect.
 *
 * A conflict record's `discarded` list says what one replica threw away when it met the
 * conflict; a `lost` event names writes gone with a leader (failover, a destroyed
 * datacenter). Across a run, a discarded write is still not lost when some write made on a
 * replica that had it (and had not discarded it) removed its effect: a register overwritten
 * there, an item re-added after its remove or removed after its add. Such a write superseded
 * it, as a sequential overwrite does; the replica that discarded it earlier could not know.
 */

import { merge } from '../core/vv';
import type { NodeId, RecordValue, SimEvent, Snapshot, TableRow, Value, VersionVector, WriteOp } from './types';

type WriteEvent = Extract<SimEvent, { type: 'write' }>;

interface Written {
  readonly writeId: string;
  readonly key: string;
  readonly node: NodeId;
  /** The write's dot: its origin's counter in its own version vector. */
  readonly dot: number;
  readonly op: WriteOp;
  readonly vv: VersionVector;
  /** For a table key: the row it touched. */
  readonly row: number | undefined;
}

/**
 * The part of a key a write touches when the key is made of independent parts: a table's
 * row, a record's field, a set's item; null for the whole value. Writes to different parts
 * neither supersede nor build on each other (a later write to another field carries nothing
 * of an earlier one where fields are resolved one by one, and loses it with its own version
 * where they are not: the conflict's discarded list then names both).
 */
function partOf(w: Written): string | null {
  switch (w.op.type) {
    case 'insertRow':
    case 'updateRow':
    case 'deleteRow':
      return w.row === undefined ? null : `row ${String(w.row)}`;
    case 'set-field':
      return `field ${w.op.field}`;
    case 'add':
    case 'remove':
      return `item ${w.op.item}`;
    default:
      return null;
  }
}

const isTableOp = (op: WriteOp): boolean =>
  op.type === 'insertRow' || op.type === 'updateRow' || op.type === 'deleteRow';

/** Whether a later write `by` removes the effect of `w` when it has seen it. */
function overrides(by: WriteOp, w: WriteOp): boolean {
  switch (by.type) {
    case 'set':
    case 'replace':
      return true;
    case 'delete':
      // A register delete replaces the value; a text delete removes characters, not a write.
      return !('index' in by) && !('index' in w);
    case 'add':
      return w.type === 'remove' && w.item === by.item;
    case 'remove':
      return w.type === 'add' && w.item === by.item;
    case 'updateRow':
    case 'deleteRow':
      // Only writes to the same row reach here (see partOf): the row's value or the row is replaced.
      return isTableOp(w);
    case 'set-field':
      return w.type === 'set-field' && w.field === by.field;
    default:
      return false;
  }
}

/**
 * Whether `by` has the same effect as `w` (the same field set to the same value or cleared, the
 * same register value, the same item added or removed): made where `w` was set aside, it puts
 * `w`'s effect back in that leader's value.
 */
function sameEffect(by: WriteOp, w: WriteOp): boolean {
  switch (by.type) {
    case 'set-field':
      return w.type === 'set-field' && w.field === by.field && w.value === by.value;
    case 'set':
      return w.type === 'set' && w.value === by.value;
    case 'add':
    case 'remove':
      return w.type === by.type && w.item === by.item;
    default:
      return false;
  }
}

/** Whether `value` (a table or a record) shows the effect of a row or field write. */
function partShown(w: Written, value: Value): boolean | null {
  const op = w.op;
  const rows = Array.isArray(value) ? (value as readonly (TableRow | string)[]) : [];
  const row = rows.find((r): r is TableRow => typeof r === 'object' && r.id === w.row);
  switch (op.type) {
    case 'insertRow':
    case 'updateRow':
      return row !== undefined && row.value === op.value;
    case 'deleteRow':
      return row === undefined;
    case 'set-field': {
      const fields = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordValue) : {};
      return op.value === null ? !Object.hasOwn(fields, op.field) : fields[op.field] === op.value;
    }
    default:
      return null;
  }
}

const covers = (vv: VersionVector, w: Written): boolean => (vv[w.node] ?? 0) >= w.dot;
const rowKey = (node: NodeId, w: Written): string => `${node}\u0000${w.key}\u0000${String(w.row)}`;

/**
 * Follows a history as it grows and says which writes are lost by the definition above.
 * Feed it events in order (`add`); `lost()` lists the lost write ids in the order they were
 * first discarded. Incremental, so a view can follow a long run.
 *
 * What it tracks, per write: the leaders where it is set aside now (a conflict discarded it
 * there and no later conflict there kept it); whether a later write that had it superseded it
 * (the definition's "a write that had seen it removed that effect"); and the later writes that
 * built on it (an increment after an increment, an add after an add), which carry its effect:
 * while one of those survives, so does it.
 * @example const t = new LostWrites(); t.add(sim.history()); t.lost() // ['us:1']
 */
export class LostWrites {
  private readonly writes = new Map<string, Written>();
  private readonly byKey = new Map<string, Written[]>();
  /** Per write: the leaders where it is set aside now. */
  private readonly down = new Map<string, Set<NodeId>>();
  /** Writes ever discarded or lost, in order; `lost()` filters them. */
  private readonly order: string[] = [];
  private readonly superseded = new Set<string>();
  /** Per write: later writes that built on it and so carry its effect. */
  private readonly carriers = new Map<string, string[]>();
  /** Writes gone with a leader: lost whatever happens later. */
  private readonly gone = new Set<string>();
  /**
   * Per write: earlier writes it covered but never saw (they were set aside where it was made),
   * as their sets in `down` (made once per write, never replaced): each apply of the write adds
   * its leader to every one of them, tens of thousands of times in a long run.
   */
  private readonly buried = new Map<string, Set<NodeId>[]>();
  /** The write just recorded, while the events recorded with it (its ack, its conflict) follow. */
  private justWritten: WriteEvent | null = null;
  /** Per discarded write: the leaders where the value kept still showed its effect (an equal value). */
  private readonly shown = new Map<string, Set<NodeId>>();
  /**
   * Per leader, table key and row: the changes to the row that leader has had, as the table
   * strategy's row `seen` (a row write carries only itself, so a leader's version vector, which
   * also counts what the writers of the writes it applied had seen, can name row changes that
   * never reached it). A row write had seen what its row had; other writes, their version vector.
   */
  private readonly rowSeen = new Map<string, VersionVector>();
  /** Per row write: the changes to its row it had seen, its own dot included. */
  private readonly rowVv = new Map<string, VersionVector>();

  add(events: Iterable<SimEvent>): void {
    for (const e of events) {
      if (e.type === 'write') {
        this.write(e);
        this.justWritten = e;
        continue;
      }
      if (e.type === 'apply') {
        const applied = this.writes.get(e.writeId);
        const vv = this.rowVv.get(e.writeId);
        if (applied && vv) {
          const at = rowKey(e.node, applied);
          this.rowSeen.set(at, merge(this.rowSeen.get(at) ?? {}, vv));
        }
        // A write that had buried some (covered them, set aside where it was made) sets them
        // aside wherever it is applied: no later write there sees them.
        const buried = this.buried.get(e.writeId);
        if (buried) for (const at of buried) at.add(e.node);
      }
      const local = this.justWritten;
      if (e.type !== 'ack' && e.type !== 'conflict') this.justWritten = null;
      if (e.type === 'conflict') {
        // A conflict the write itself met (recorded with it): what it discarded, it did not carry.
        if (local?.node === e.node && local.key === e.key)
          for (const w of e.discarded) {
            const c = this.carriers.get(w);
            if (c)
              this.carriers.set(
                w,
                c.filter((x) => x !== local.writeId),
              );
          }
        const discarded = new Set(e.discarded);
        // A version a conflict kept is back at this leader, whatever an earlier one decided.
        for (const v of e.versions)
          if (v.writeId !== null && !discarded.has(v.writeId)) this.down.get(v.writeId)?.delete(e.node);
        for (const w of e.discarded) {
          this.discard(w, e.node);
          const shown = this.shown.get(w) ?? new Set<NodeId>();
          if (this.shows(w, e.result)) shown.add(e.node);
          else shown.delete(e.node);
          this.shown.set(w, shown);
        }
      } else if (e.type === 'lost') {
        for (const w of e.writeIds) {
          this.gone.add(w);
          this.discard(w, null);
        }
      }
    }
  }

  private write(e: WriteEvent): void {
    const w: Written = {
      writeId: e.writeId,
      key: e.key,
      node: e.node,
      dot: e.vv[e.node] ?? 0,
      op: e.op,
      vv: e.vv,
      row: e.row,
    };
    const part = partOf(w);
    this.writes.set(e.writeId, w);
    let seen = e.vv;
    if (isTableOp(e.op) && e.row !== undefined) {
      const at = rowKey(e.node, w);
      seen = merge(e.op.type === 'insertRow' ? {} : (this.rowSeen.get(at) ?? {}), { [e.node]: w.dot });
      this.rowVv.set(e.writeId, seen);
      this.rowSeen.set(at, seen);
    }
    const list = this.byKey.get(e.key) ?? [];
    // What this write had on its leader (not set aside there) it supersedes or builds on.
    for (const earlier of list) {
      if (!covers(seen, earlier)) continue;
      const earlierPart = partOf(earlier);
      const samePart = part === null || earlierPart === null || part === earlierPart;
      // Rows are independent: a write to another row neither sees nor buries this one.
      if (!samePart && isTableOp(e.op)) continue;
      const setAside = this.down.get(earlier.writeId)?.has(e.node) === true;
      // Its version was set aside here, but the value kept showed its effect: a write that
      // removes that effect still saw it.
      if (
        setAside &&
        samePart &&
        this.shown.get(earlier.writeId)?.has(e.node) === true &&
        overrides(e.op, earlier.op)
      ) {
        this.superseded.add(earlier.writeId);
        continue;
      }
      // Set aside here, and this write does the same again: the value here shows its effect once
      // more, so a later write here that removes that effect has seen it (a clear lost to a
      // concurrent set, cleared again, then set by a write that had seen the field empty).
      if (setAside && samePart && sameEffect(e.op, earlier.op)) {
        const shown = this.shown.get(earlier.writeId) ?? new Set<NodeId>();
        this.shown.set(earlier.writeId, shown.add(e.node));
        continue;
      }
      const down = this.down.get(earlier.writeId);
      if (setAside && down) {
        const b = this.buried.get(e.writeId);
        if (b) b.push(down);
        else this.buried.set(e.writeId, [down]);
        continue;
      }
      if (!samePart) continue;
      if (overrides(e.op, earlier.op)) this.superseded.add(earlier.writeId);
      else {
        const c = this.carriers.get(earlier.writeId);
        if (c) c.push(e.writeId);
        else this.carriers.set(earlier.writeId, [e.writeId]);
      }
    }
    list.push(w);
    this.byKey.set(e.key, list);
  }

  /**
   * Whether the value a conflict kept still shows the write's effect (the same register
   * value, an added item present, a removed item absent): then nothing of it was lost, even
   * if the version that carried it was the one set aside.
   */
  private shows(writeId: string, result: Value): boolean {
    const w = this.writes.get(writeId);
    if (!w) return false;
    const op = w.op;
    // A row write a table conflict discarded was not applied there, whatever the table shows
    // now (a skipped delete of a row that has not arrived yet).
    if (isTableOp(op)) return false;
    const part = partShown(w, result);
    if (part !== null) return part;
    switch (op.type) {
      case 'set':
        return result === op.value;
      case 'delete':
        return !('index' in op) && result === null;
      case 'add':
        return Array.isArray(result) && (result as readonly unknown[]).includes(op.item);
      case 'remove':
        return Array.isArray(result) && !(result as readonly unknown[]).includes(op.item);
      default:
        return false;
    }
  }

  private discard(writeId: string, node: NodeId | null): void {
    const at = this.down.get(writeId);
    if (at === undefined) this.order.push(writeId);
    const set = at ?? new Set<NodeId>();
    if (node !== null) set.add(node);
    this.down.set(writeId, set);
  }

  /**
   * Whether the effect of `w` is in `value`, the converged value of its key: the register holds
   * its value, the set its added item, or its removed item is absent (or present only through
   * an add the remove had not seen, which a remove never takes away).
   */
  private inValue(w: Written, value: Value): boolean {
    const op = w.op;
    const part = partShown(w, value);
    if (part !== null) return part;
    switch (op.type) {
      case 'set':
        return value === op.value;
      case 'delete':
        return !('index' in op) && value === null;
      case 'add':
        return Array.isArray(value) && (value as readonly unknown[]).includes(op.item);
      case 'remove':
        if (!Array.isArray(value) || !(value as readonly unknown[]).includes(op.item)) return true;
        return (this.byKey.get(w.key) ?? []).some(
          (o) => o.op.type === 'add' && o.op.item === op.item && !covers(w.vv, o),
        );
      default:
        return false;
    }
  }

  /**
   * The lost writes so far, in the order they were first discarded. `converged` gives the
   * value every replica holds for keys that have converged: a write whose effect it shows is
   * not lost, whatever records set it aside on the way.
   */
  lost(converged: Readonly<Record<string, Value>> = {}): string[] {
    const memo = new Map<string, boolean>();
    /** The version that carried `w` is set aside, and so is every later version built on it. */
    const versionLost = (w: string): boolean => {
      const known = memo.get(w);
      if (known !== undefined) return known;
      memo.set(w, false);
      const result = (this.down.get(w)?.size ?? 0) > 0 && (this.carriers.get(w) ?? []).every(versionLost);
      memo.set(w, result);
      return result;
    };
    return this.order.filter((id) => {
      if (this.gone.has(id)) return true;
      if (this.superseded.has(id) || !versionLost(id)) return false;
      // The converged value decides when there is one; until then, the value the conflict kept.
      const w = this.writes.get(id);
      if (w && Object.hasOwn(converged, w.key)) return !this.inValue(w, converged[w.key] as Value);
      return (this.shown.get(id)?.size ?? 0) === 0;
    });
  }
}

/**
 * The writes a history has lost, by the one definition (see the file comment).
 * @example lostWriteIds(sim.history(), convergedValues(sim.snapshot())) // ['us:1']
 */
export function lostWriteIds(history: Iterable<SimEvent>, converged: Readonly<Record<string, Value>> = {}): string[] {
  const t = new LostWrites();
  t.add(history);
  return t.lost(converged);
}

/** The value of every key all replicas agree on (`snapshot.converged`), for `lost()`. */
export function convergedValues(snapshot: Snapshot): Record<string, Value> {
  const out: Record<string, Value> = {};
  const first = snapshot.nodes.find((n) => n.status !== 'destroyed') ?? snapshot.nodes[0];
  for (const [key, ok] of Object.entries(snapshot.converged)) {
    const k = first?.keys[key];
    if (ok && k && k.conflicts.length === 0) out[key] = k.value;
  }
  return out;
}
