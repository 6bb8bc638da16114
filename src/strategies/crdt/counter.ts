import type { NodeId } from '../../core/types';
import type { Crdt } from './types';

/**
 * PN-counter: two grow-only counters, increments (P) and decrements (N), one entry per
 * leader; merge takes each entry's maximum; the value is ΣP − ΣN (riak_dt_pncounter).
 * @example merge({ p: { A: 5 }, n: { A: 1 } }, { p: { A: 3 }, n: { A: 2 } }) → { p: { A: 5 }, n: { A: 2 } }, value 3
 */
export interface PnCounter {
  readonly p: Readonly<Record<NodeId, number>>;
  readonly n: Readonly<Record<NodeId, number>>;
}

/** Every entry of `y` is at most its entry in `x`. */
const atLeast = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
  for (const k in y) if ((y[k] as number) > (x[k] ?? 0)) return false;
  return true;
};
const maxEach = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  // One side already has every maximum (both are kept with sorted keys): it is the result.
  if (atLeast(a, b) && Object.keys(b).every((k) => k in a)) return a;
  if (atLeast(b, a) && Object.keys(a).every((k) => k in b)) return b;
  const out: Record<string, number> = { ...a };
  for (const k of Object.keys(b)) out[k] = Math.max(out[k] ?? 0, b[k] ?? 0);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k] as number]),
  );
};
const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((s, x) => s + x, 0);

export const pnCounter: Crdt<PnCounter> = {
  name: 'PN-counter',
  init: () => ({ p: {}, n: {} }),
  update(state, op, write) {
    if (op.type !== 'increment') return { state };
    const node = write.origin;
    return op.by >= 0
      ? { state: { ...state, p: maxEach(state.p, { [node]: (state.p[node] ?? 0) + op.by }) } }
      : { state: { ...state, n: maxEach(state.n, { [node]: (state.n[node] ?? 0) - op.by }) } };
  },
  merge: (a, b) => ({ p: maxEach(a.p, b.p), n: maxEach(a.n, b.n) }),
  value: (s) => sum(s.p) - sum(s.n),
  meta: (s) => ({ 'P entries': Object.keys(s.p).length, 'N entries': Object.keys(s.n).length }),
};
