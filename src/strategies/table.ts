/**
 * A table key: rows with auto-increment ids, inserted, updated and deleted by id, the same
 * under every strategy (row conflicts are resolved as the database resolves them, not by the
 * lab's value strategies).
 *
 * Ids: each leader hands out ids from its own counter with MySQL's formula (sql/handler.cc,
 * compute_next_insert_id); like InnoDB's counter it never goes back below an id it has seen,
 * even after a delete. With the default increment 1 and offset 1, two leaders that insert
 * concurrently give out the same id: the second row to arrive is a duplicate key
 * (`insert-insert`). What happens then is the config's `rowConflicts`:
 * - `'spock'` (default): pgEdge Spock's insert_exists. spock_apply_heap_insert finds the row
 *   and hands both to spock_handle_conflict_and_apply, whose try_resolve_conflict
 *   (src/spock_conflict.c) runs last_update_wins: the incoming row is applied as an update when
 *   its commit timestamp is later than the local row's, kept out otherwise; ties: the lower
 *   node id. The leaders end with one row;
 * - `'mysql'`: MySQL's replication stops on the duplicate key (error 1062); the lab records the
 *   conflict and skips the row, so the tables differ, honestly.
 *
 * Updates and deletes follow pgEdge Spock's conflict types in both (docs/conflict_types.md and
 * the source of github.com/pgEdge/spock; semantics.md, "Multi-leader SQL" and "Failover, losing
 * a datacenter, rows"):
 * - an update of a row that is there (`update-update`): spock_apply_heap_update calls
 *   spock_handle_conflict_and_apply for every row it finds ("a misnomer as it is called for the
 *   normal UPDATE case, too"), so try_resolve_conflict compares the commit timestamps of the
 *   local row and the incoming change whatever their causal order: the later wins, on a tie the
 *   lower node id. Concurrent updates are the usual case; but an update made after its leader
 *   had seen the row's last change, stamped earlier because that leader's clock is behind, is
 *   discarded too, at every leader whose row carries the later stamp, while its own leader keeps
 *   it: the leaders diverge, and the lab shows it;
 * - an update arrives for a row that is not there (`update_missing`): not resolvable, an ERROR
 *   kept in `spock.exception_log`, and the change is skipped. When the row was deleted here
 *   concurrently (`update-delete`), what the leader that updated does with the delete decides
 *   (next point). When the row has simply not arrived yet (`update-missing`, possible
 *   without causal delivery), the row then arrives with its old value and that leader differs
 *   from the others for good: the lab shows the divergence;
 * - a delete of a row that is there: spock_apply_heap_delete (src/spock_apply_heap.c) asks
 *   try_resolve_conflict too, "if the local tuple was inserted/updated after this DELETE". When
 *   the delete wins by last_update_wins it is applied (`delete_origin_differs`, normal flow):
 *   after an update–delete race the row is gone everywhere. When the row's last change wins
 *   (a concurrent update stamped later, or on a tie the lower node id; or a delete that had seen
 *   the change but carries an earlier stamp, its clock behind) Spock reports `delete_exists` and
 *   skips the delete (`update-delete` here): the leader keeps its row while the one that deleted
 *   has none, and the update there is update_missing, skipped. The leaders differ for good.
 *   MySQL mode applies the delete as before;
 * - ties, in all of these: Spock compares the tiebreaker (by default the node id) of the leader
 *   applying the change with the sending leader's, not the local row's origin, and applies the
 *   change when the local row came from the sender. With two leaders that is the two writers;
 *   with three, a leader with a higher id than both writers applies whichever arrives second,
 *   and the leaders differ (the lab does the same);
 * - a delete for a row that is not there (`delete_missing`) is skipped: harmless when the row
 *   was deleted here too, a divergence when the row arrives afterwards (`delete-missing`).
 */

import { byKeyType } from './dispatch';
import type { NodeId, Stamp, TableRow, VersionVector } from '../core/types';
import { merge } from '../core/vv';
import type { ConflictInfo, Strategy, StrategyContext, WriteMeta } from './types';

/** One write to a row, as far as the row remembers it: who, its dot and its commit timestamp. */
export interface RowChange {
  readonly writeId: string;
  readonly origin: NodeId;
  /** The write's dot: its origin's counter in its version vector. */
  readonly dot: number;
  readonly stamp: Stamp;
  readonly seq: number;
  /** The changes to this row its leader had when it wrote (the row's `seen`), its own dot included. */
  readonly vv: VersionVector;
}

/** A row as a replica stores it: with the write that inserted it and the changes since. */
export interface StoredRow extends TableRow {
  readonly writeId: string;
  readonly origin: NodeId;
  /** The last write that set the row's value (its insert, or the update that won). */
  readonly last: RowChange;
  /** Updates this row carries, oldest first (a concurrent delete loses them). */
  readonly updates: readonly RowChange[];
  /**
   * The changes to this row this replica has had (applied, or met and skipped), with what each
   * of them had seen: what a local update or delete of the row has seen. Not the key's version
   * vector: without causal delivery a leader can apply a write whose writer had applied changes
   * that have not arrived here, and a row change carries only itself, not the table it saw.
   */
  readonly seen: VersionVector;
}

/** A deleted row, kept so that a late update is recognised as racing a delete. */
export interface Tombstone {
  readonly id: number;
  readonly writeId: string;
  readonly origin: NodeId;
  /** The delete's commit timestamp and order on its leader (what last_update_wins compares). */
  readonly stamp: Stamp;
  readonly seq: number;
  /** The changes to the row the deleting leader had (the row's `seen`), the delete's own dot included. */
  readonly vv: VersionVector;
}

export interface TableState {
  readonly rows: readonly StoredRow[];
  readonly tombstones: readonly Tombstone[];
  /** The highest id this replica has seen: the auto-increment counter never goes back. */
  readonly high: number;
}

export type TablePayload =
  | { readonly op: 'insert'; readonly row: StoredRow }
  | { readonly op: 'update'; readonly id: number; readonly value: string; readonly seen: VersionVector }
  | { readonly op: 'delete'; readonly id: number; readonly seen: VersionVector };

/**
 * The smallest id of the form offset + N × increment above `max`.
 * @example nextAutoIncrement(31, 10, 5) === 35
 */
export function nextAutoIncrement(max: number, increment: number, offset: number): number {
  return Math.floor((max + increment - offset) / increment) * increment + offset;
}

const visible = (rows: readonly StoredRow[]): TableRow[] => rows.map((r) => ({ id: r.id, value: r.value }));
const sorted = (rows: readonly StoredRow[]): StoredRow[] => [...rows].sort((a, b) => a.id - b.id);
const seen = (vv: VersionVector, c: RowChange): boolean => (vv[c.origin] ?? 0) >= c.dot;
/** A change to a row by `w`, which had seen `rowSeen` of that row. */
const changeOf = (w: WriteMeta, rowSeen: VersionVector): RowChange => {
  const dot = w.vv[w.origin] ?? 0;
  return { writeId: w.writeId, origin: w.origin, dot, stamp: w.stamp, seq: w.seq, vv: withDot(rowSeen, w.origin, dot) };
};
const withDot = (vv: VersionVector, node: NodeId, dot: number): VersionVector => merge(vv, { [node]: dot });
/** The row, now also having had `change`. */
const saw = (r: StoredRow, change: RowChange): StoredRow => ({ ...r, seen: merge(r.seen, change.vv) });

/**
 * > 0 when the incoming change wins at leader `at` by Spock's last_update_wins
 * (conflict_resolve_by_timestamp, src/spock_conflict.c): the later commit timestamp. On a tie
 * Spock compares the tiebreaker of the node applying the change with the sending node's, "not
 * the origin of the local tuple" (the lower wins; by default the node id), and applies the
 * change when the local row came from the sender; writes of one leader go by their order.
 */
function lastUpdateWins(
  incoming: Pick<RowChange, 'origin' | 'seq' | 'stamp'>,
  local: Pick<RowChange, 'origin' | 'seq' | 'stamp'>,
  at: NodeId,
): number {
  if (incoming.origin === local.origin) return incoming.seq - local.seq;
  if (incoming.stamp.physical !== local.stamp.physical) return incoming.stamp.physical - local.stamp.physical;
  return at < incoming.origin ? -1 : 1;
}

const SPOCK = 'pgEdge Spock, docs "Conflict types"';

export function createTable(ctx: StrategyContext): Strategy<TableState, TablePayload> {
  const label = (n: NodeId) => ctx.labels[n] ?? n;
  /** Who Spock's tiebreak compares: the leader applying the change and the one sending it. */
  const between = (at: NodeId, sender: NodeId) =>
    ` (Spock compares ${label(at)}, applying the change, with ${label(sender)}, sending it)`;
  const version = (r: { writeId: string; origin: NodeId; value: string | null }) => ({
    writeId: r.writeId,
    node: r.origin,
    value: r.value,
    stamp: null,
    vv: {},
  });

  function insertRemote(state: TableState, row: StoredRow, node: NodeId) {
    const high = Math.max(state.high, row.id);
    const clash = state.rows.find((r) => r.id === row.id);
    if (clash?.writeId === row.writeId) return { state };
    if (!clash) {
      const tomb = state.tombstones.find((t) => t.id === row.id);
      // Deleted here by a leader that had seen this insert: it arrives late (no causal delivery).
      if (tomb && seen(tomb.vv, row.last)) return { state: { ...state, high } };
      return { state: { ...state, high, rows: sorted([...state.rows, row]) } };
    }
    const both = `${label(clash.origin)} and ${label(row.origin)} both handed out id ${String(row.id)}`;
    if (ctx.rowConflicts === 'mysql') {
      const conflict: ConflictInfo = {
        kind: 'insert-insert',
        versions: [version(clash), version(row)],
        result: visible(state.rows),
        discarded: [row.writeId],
        explanation: `Duplicate entry '${String(row.id)}' for key 'PRIMARY': ${both}. MySQL's replication would stop here (error 1062); ${label(node)} skips ${label(row.origin)}'s row, so the tables now differ. Give every leader the same auto_increment_increment and its own auto_increment_offset to prevent it.`,
      };
      return { state: { ...state, high }, conflict };
    }
    // Spock's insert_exists: the incoming row against the local row's last change, by last_update_wins.
    const incomingWins = lastUpdateWins(row.last, clash.last, node) > 0;
    const kept = incomingWins
      ? { ...row, seen: merge(clash.seen, row.seen) }
      : { ...clash, seen: merge(clash.seen, row.seen) };
    const rows = sorted(state.rows.map((r) => (r.id === row.id ? kept : r)));
    const [winner, loser] = incomingWins ? [row.last, clash.last] : [clash.last, row.last];
    const lostRow = incomingWins ? clash : row;
    const tie = winner.stamp.physical === loser.stamp.physical;
    const conflict: ConflictInfo = {
      kind: 'insert-insert',
      versions: [version(clash), version(row)],
      result: visible(rows),
      // The row that lost, and the updates it carried here.
      discarded: [lostRow.writeId, ...lostRow.updates.map((u) => u.writeId)],
      explanation: `Duplicate key ${String(row.id)}: ${both}. pgEdge Spock calls it insert_exists and resolves it by last_update_wins (try_resolve_conflict, src/spock_conflict.c): ${incomingWins ? `${label(row.origin)}'s row is applied as an update` : `${label(node)} keeps its row`}, as ${label(winner.origin)}'s commit timestamp ${tie ? `ties with ${label(loser.origin)}'s (${String(winner.stamp.physical)} ms) and the lower node id wins${between(node, row.origin)}` : `${String(winner.stamp.physical)} ms is later than ${String(loser.stamp.physical)} ms`}, so "${(incomingWins ? clash : row).value}" is lost. (MySQL would stop with error 1062.) Give every leader the same auto_increment_increment and its own auto_increment_offset to prevent it.`,
    };
    return { state: { ...state, high, rows }, conflict };
  }

  function updateRemote(
    state: TableState,
    id: number,
    value: string,
    rowSeen: VersionVector,
    node: NodeId,
    write: WriteMeta,
  ) {
    const incoming = changeOf(write, rowSeen);
    const row = state.rows.find((r) => r.id === id);
    const who = `${label(write.origin)}'s update of row ${String(id)} to "${value}"`;
    if (!row) {
      const tomb = state.tombstones.find((t) => t.id === id);
      // The delete had seen this update: a late arrival, superseded, nothing to report.
      if (tomb && seen(tomb.vv, incoming)) return { state };
      // Where the update was made, the delete meets the updated row: Spock applies it only when it
      // wins by last_update_wins (spock_apply_heap_delete → try_resolve_conflict), else delete_exists.
      const deleteWins =
        ctx.rowConflicts === 'mysql' || (tomb !== undefined && lastUpdateWins(tomb, incoming, write.origin) > 0);
      const stamps = (a: Stamp, b: Stamp) =>
        a.physical === b.physical
          ? `both carry ${String(a.physical)} ms, and on a tie the lower node id wins${between(write.origin, tomb?.origin ?? node)}`
          : `${String(a.physical)} ms against ${String(b.physical)} ms`;
      const conflict: ConflictInfo = tomb
        ? {
            kind: 'update-delete',
            versions: [version({ ...tomb, value: null }), version({ ...incoming, value })],
            result: visible(state.rows),
            discarded: [write.writeId],
            explanation: deleteWins
              ? `${who} finds no row: ${label(tomb.origin)} deleted it concurrently. Spock reports update_missing, an ERROR it keeps in spock.exception_log, and skips the update (${SPOCK}). The leaders still agree: ${label(write.origin)} applies the delete as it arrives (its commit timestamp wins by last_update_wins, ${stamps(tomb.stamp, incoming.stamp)}), so the row is gone everywhere and the update is lost.`
              : `${who} finds no row: ${label(tomb.origin)} deleted it concurrently. Spock reports update_missing, an ERROR it keeps in spock.exception_log, and skips the update (${SPOCK}). But the update carries the later commit timestamp (${stamps(incoming.stamp, tomb.stamp)}), so on ${label(write.origin)} the delete meets a newer row and is skipped too (delete_exists: spock_apply_heap_delete asks try_resolve_conflict, src/spock_conflict.c). The leaders now differ: ${label(write.origin)} keeps the row, ${label(node)} has none, and no later message will repair it.`,
          }
        : {
            kind: 'update-missing',
            versions: [version({ ...incoming, value })],
            result: visible(state.rows),
            discarded: [write.writeId],
            explanation: `${who} reached ${label(node)} before the row itself (no causal delivery). Spock cannot resolve update_missing: it logs an ERROR in spock.exception_log and skips the change (${SPOCK}). When the row arrives it keeps its old value here: ${label(node)} now differs from the leaders that applied the update, and no later message will repair it.`,
          };
      return { state, conflict };
    }
    // Spock compares commit timestamps for every update of a row that is there, whatever the
    // causal order (spock_apply_heap_update → spock_handle_conflict_and_apply → try_resolve_conflict).
    const incomingWins = lastUpdateWins(incoming, row.last, node) > 0;
    const after = seen(incoming.vv, row.last);
    const before = seen(row.last.vv, incoming);
    // The update had seen the row's last change and is stamped later: plain replication.
    if (incomingWins && after)
      return {
        state: { ...state, rows: sorted(state.rows.map((r) => (r.id === id ? applyUpdate(r, value, incoming) : r))) },
      };
    const met = (r: StoredRow) => (r.id === id ? saw(r, incoming) : r);
    // The row's last change had seen this update (a late arrival) and is stamped later: superseded.
    if (!incomingWins && before) return { state: { ...state, rows: state.rows.map(met) } };
    const rows = incomingWins
      ? sorted(state.rows.map((r) => (r.id === id ? applyUpdate(r, value, incoming) : r)))
      : state.rows.map(met);
    const [winner, loser] = incomingWins
      ? [
          { ...incoming, value },
          { ...row.last, value: row.value },
        ]
      : [
          { ...row.last, value: row.value },
          { ...incoming, value },
        ];
    const tie = winner.stamp.physical === loser.stamp.physical;
    const stamps = tie
      ? `; both carry ${String(winner.stamp.physical)} ms, and on a tie the lower node id wins${between(node, write.origin)}`
      : `, ${String(winner.stamp.physical)} ms against ${String(loser.stamp.physical)} ms`;
    const causal = after || before;
    const explanation = causal
      ? `${label(loser.origin)}'s update of row ${String(id)} to "${loser.value}" came after ${label(winner.origin)}'s "${winner.value}" (its leader had seen it), but carries the earlier commit timestamp: ${label(loser.origin)}'s clock is behind. Spock does not look at causal order: for every update of a row that is there it compares commit timestamps (last_update_wins in try_resolve_conflict, src/spock_conflict.c${stamps}), so ${label(node)} keeps "${winner.value}" and skips the newer change, while ${label(loser.origin)} keeps its own: the leaders now differ, and no later message will repair it.`
      : `${label(winner.origin)} and ${label(loser.origin)} updated row ${String(id)} concurrently. Spock's last_update_wins (${SPOCK}; try_resolve_conflict, src/spock_conflict.c) keeps the later commit timestamp${stamps}: "${winner.value}" is kept and "${loser.value}" is lost.`;
    const conflict: ConflictInfo = {
      kind: 'update-update',
      versions: [version(winner), version(loser)],
      result: visible(rows),
      discarded: [loser.writeId],
      explanation,
    };
    return { state: { ...state, rows }, conflict };
  }

  function deleteRemote(state: TableState, id: number, rowSeen: VersionVector, node: NodeId, write: WriteMeta) {
    const incoming = changeOf(write, rowSeen);
    const row = state.rows.find((r) => r.id === id);
    const tomb: Tombstone = {
      id,
      writeId: write.writeId,
      origin: write.origin,
      stamp: write.stamp,
      seq: write.seq,
      vv: incoming.vv,
    };
    if (!row) {
      // Deleted here too: delete_missing, skipped, and nothing is lost.
      if (state.tombstones.some((t) => t.id === id)) return { state };
      const conflict: ConflictInfo = {
        kind: 'delete-missing',
        versions: [version({ ...incoming, value: null })],
        result: visible(state.rows),
        discarded: [write.writeId],
        explanation: `${label(write.origin)}'s delete of row ${String(id)} reached ${label(node)} before the row itself (no causal delivery). Spock resolves delete_missing by skipping the delete (${SPOCK}); when the row arrives it stays here, so ${label(node)} keeps a row the others deleted.`,
      };
      return { state, conflict };
    }
    // Spock asks last_update_wins whether the row here changed after the delete
    // (spock_apply_heap_delete → try_resolve_conflict, src/spock_conflict.c), whatever the causal
    // order: when the row's last change wins, delete_exists, and the delete is skipped.
    if (ctx.rowConflicts !== 'mysql' && lastUpdateWins(incoming, row.last, node) < 0) {
      const kept = state.rows.map((r) => (r.id === id ? saw(r, incoming) : r));
      const tie = incoming.stamp.physical === row.last.stamp.physical;
      const stamps = tie
        ? `both carry ${String(row.last.stamp.physical)} ms, and on a tie the lower node id wins${between(node, write.origin)}`
        : `${String(row.last.stamp.physical)} ms against ${String(incoming.stamp.physical)} ms`;
      const rule = `Spock's spock_apply_heap_delete asks try_resolve_conflict (src/spock_conflict.c) whether the row here changed after the delete; by last_update_wins it did (${stamps}), so it reports delete_exists and skips the delete (${SPOCK})`;
      const causal = seen(incoming.vv, row.last);
      const conflict: ConflictInfo = {
        kind: 'update-delete',
        versions: [version({ ...row.last, value: row.value }), version({ ...incoming, value: null })],
        result: visible(kept),
        discarded: [write.writeId],
        explanation: causal
          ? `${label(write.origin)} deleted row ${String(id)} after it had seen "${row.value}", but the delete carries the earlier commit timestamp: ${label(write.origin)}'s clock is behind. ${rule}: ${label(node)} keeps the row while ${label(write.origin)} has deleted it. The leaders now differ, and no later message will repair it.`
          : `${label(write.origin)} deleted row ${String(id)} while ${label(row.last.origin)} changed it to "${row.value}", concurrently. ${rule}: ${label(node)} keeps "${row.value}". On ${label(write.origin)} the change finds no row (update_missing, an ERROR, skipped): the leaders now differ, and no later message will repair it.`,
      };
      return { state: { ...state, rows: kept }, conflict };
    }
    const rows = state.rows.filter((r) => r.id !== id);
    const next = { ...state, rows, tombstones: [...state.tombstones.filter((t) => t.id !== id), tomb] };
    const unseen = row.updates.filter((u) => !seen(incoming.vv, u));
    if (unseen.length === 0) return { state: next };
    const conflict: ConflictInfo = {
      kind: 'update-delete',
      versions: [version({ ...incoming, value: null }), version({ ...row.last, value: row.value })],
      result: visible(rows),
      discarded: unseen.map((u) => u.writeId),
      explanation: `${label(write.origin)} deleted row ${String(id)} while ${unseen.map((u) => label(u.origin)).join(' and ')} updated it, concurrently. ${ctx.rowConflicts === 'mysql' ? 'The delete is applied as it arrives' : `The delete carries the later commit timestamp (${String(incoming.stamp.physical)} ms against ${String(row.last.stamp.physical)} ms${incoming.stamp.physical === row.last.stamp.physical ? `, a tie the lower node id wins${between(node, write.origin)}` : ''}), so Spock's last_update_wins applies it`} (Spock's delete_origin_differs, normal flow), so the update is lost; on ${label(write.origin)} the update finds no row and Spock logs update_missing (${SPOCK}). Both leaders end without the row.`,
    };
    return { state: next, conflict };
  }

  return {
    kind: 'table',
    title: 'auto-increment table',
    init: () => ({ rows: [], tombstones: [], high: 0 }),
    local({ state, op, write }) {
      if (op.type === 'updateRow' || op.type === 'deleteRow') {
        // What the writer had seen of the row: the changes this replica has had to it.
        const change = changeOf(write, state.rows.find((r) => r.id === op.id)?.seen ?? {});
        if (op.type === 'updateRow') {
          const rows = state.rows.map((r) => (r.id === op.id ? applyUpdate(r, op.value, change) : r));
          return {
            state: { ...state, rows },
            payload: { op: 'update', id: op.id, value: op.value, seen: change.vv },
            row: op.id,
          };
        }
        const tomb: Tombstone = {
          id: op.id,
          writeId: write.writeId,
          origin: write.origin,
          stamp: write.stamp,
          seq: write.seq,
          vv: change.vv,
        };
        return {
          state: {
            ...state,
            rows: state.rows.filter((r) => r.id !== op.id),
            tombstones: [...state.tombstones.filter((t) => t.id !== op.id), tomb],
          },
          payload: { op: 'delete', id: op.id, seen: change.vv },
          row: op.id,
        };
      }
      const change = changeOf(write, {});
      const value = op.type === 'insertRow' ? op.value : '';
      const { increment, offset } = ctx.autoIncrement?.[write.origin] ?? { increment: 1, offset: 1 };
      const max = state.rows.reduce((m, r) => Math.max(m, r.id), state.high);
      const id = nextAutoIncrement(max, increment, offset);
      const row: StoredRow = {
        id,
        value,
        writeId: write.writeId,
        origin: write.origin,
        last: change,
        updates: [],
        seen: change.vv,
      };
      return {
        state: { ...state, high: Math.max(state.high, id), rows: sorted([...state.rows, row]) },
        payload: { op: 'insert', row },
        row: id,
      };
    },
    remote({ state, payload, node, write }) {
      switch (payload.op) {
        case 'insert':
          return insertRemote(state, payload.row, node);
        case 'update':
          return updateRemote(state, payload.id, payload.value, payload.seen, node, write);
        case 'delete':
          return deleteRemote(state, payload.id, payload.seen, node, write);
      }
    },
    read: (state) => ({ value: visible(state.rows), conflicts: [] }),
    inspect: (state) => ({ rows: state.rows.length, tombstones: state.tombstones.length }),
  };
}

function applyUpdate(r: StoredRow, value: string, change: RowChange): StoredRow {
  return { ...r, value, last: change, updates: [...r.updates, change], seen: merge(r.seen, change.vv) };
}

/** Route table keys to the table strategy and every other key to `inner`. */
export function withTables(inner: Strategy, ctx: StrategyContext): Strategy {
  const table = createTable(ctx) as Strategy;
  const pick = (type: string) => (type === 'table' ? table : inner);
  return byKeyType(inner.kind, inner.title, pick);
}
