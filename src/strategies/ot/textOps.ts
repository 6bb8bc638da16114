/**
 * Plain-text operational transformation: an edit is a list of inserts and deletes applied
 * in order. `transform` follows ot.js / ShareDB's text type: on two inserts at one place,
 * a fixed tie-break puts one side first; an insert inside a concurrently deleted range
 * survives; overlapping deletes are not applied twice. It satisfies TP1:
 * apply(apply(S, A), B') = apply(apply(S, B), A') where [A', B'] = transform(A, B).
 */
export type Prim = { type: 'insert'; index: number; text: string } | { type: 'delete'; index: number; length: number };
export type Edit = readonly Prim[];

export function applyEdit(doc: string, edit: Edit): string {
  let out = doc;
  for (const p of edit) {
    out =
      p.type === 'insert'
        ? out.slice(0, p.index) + p.text + out.slice(p.index)
        : out.slice(0, p.index) + out.slice(p.index + p.length);
  }
  return out;
}

/** Transform two primitives made on the same text; `aFirst` wins the left slot on a tie. */
function transformPrim(a: Prim, b: Prim, aFirst: boolean): [Prim[], Prim[]] {
  if (a.type === 'insert' && b.type === 'insert') {
    const aLeft = a.index < b.index || (a.index === b.index && aFirst);
    return aLeft
      ? [[a], [{ ...b, index: b.index + a.text.length }]]
      : [[{ ...a, index: a.index + b.text.length }], [b]];
  }
  if (a.type === 'insert' && b.type === 'delete') {
    const [b2, a2] = insertVsDelete(a, b);
    return [a2, b2];
  }
  if (a.type === 'delete' && b.type === 'insert') return insertVsDelete(b, a);
  return [deleteAfter(a as DeletePrim, b as DeletePrim), deleteAfter(b as DeletePrim, a as DeletePrim)];
}

type InsertPrim = Extract<Prim, { type: 'insert' }>;
type DeletePrim = Extract<Prim, { type: 'delete' }>;

/** [the delete after the insert, the insert after the delete]. */
function insertVsDelete(ins: InsertPrim, del: DeletePrim): [Prim[], Prim[]] {
  const end = del.index + del.length;
  if (ins.index <= del.index) return [[{ ...del, index: del.index + ins.text.length }], [ins]];
  if (ins.index >= end) return [[del], [{ ...ins, index: ins.index - del.length }]];
  // The insert lands inside the deleted range: it survives where the range was, and the
  // delete splits around it.
  const before = ins.index - del.index;
  return [
    [
      { type: 'delete', index: del.index, length: before },
      { type: 'delete', index: del.index + ins.text.length, length: del.length - before },
    ],
    [{ ...ins, index: del.index }],
  ];
}

/** Delete `a` after `b` was applied: only what `b` did not already delete. */
function deleteAfter(a: DeletePrim, b: DeletePrim): Prim[] {
  const bEnd = b.index + b.length;
  const map = (x: number) => (x < b.index ? x : x < bEnd ? b.index : x - b.length);
  const start = map(a.index);
  const length = map(a.index + a.length) - start;
  return length > 0 ? [{ type: 'delete', index: start, length }] : [];
}

/** Transform edit `a` against edit `b` (both made on the same text). Returns [a′, b′]. */
export function transform(a: Edit, b: Edit, aFirst: boolean): [Prim[], Prim[]] {
  if (a.length === 0 || b.length === 0) return [[...a], [...b]];
  if (a.length > 1) {
    const [head, b1] = transform(a.slice(0, 1), b, aFirst);
    const [rest, b2] = transform(a.slice(1), b1, aFirst);
    return [[...head, ...rest], b2];
  }
  if (b.length > 1) {
    const [a1, head] = transform(a, b.slice(0, 1), aFirst);
    const [a2, rest] = transform(a1, b.slice(1), aFirst);
    return [a2, [...head, ...rest]];
  }
  return transformPrim(a[0] as Prim, b[0] as Prim, aFirst);
}
