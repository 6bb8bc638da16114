import type { Value, WriteOp } from '../../core/types';
import type { WriteMeta } from '../types';

/**
 * One state-based CRDT (a CvRDT, Shapiro et al. 2011): a local update, a merge that is
 * commutative, associative and idempotent, and the value it shows. Writes replicate the
 * whole state, so any delivery order, duplicate or delay still converges.
 */
export interface Crdt<S> {
  readonly name: string;
  init(): S;
  /** Apply a local operation; `noEffect` says why it changed nothing (a 2P-set re-add). */
  update(state: S, op: WriteOp, write: WriteMeta): { state: S; noEffect?: string };
  merge(a: S, b: S): S;
  value(state: S): Value;
  /** Writes whose intended effect the merge undoes (a remove beaten by a concurrent add...). */
  lost?(local: S, incoming: S, merged: S): { discarded: string[]; explanation: string } | null;
  /** Metadata sizes, for lessons on metadata growth. */
  meta(state: S): Record<string, number>;
}
