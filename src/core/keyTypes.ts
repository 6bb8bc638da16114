/**
 * What each key type holds and which operations fit it. Strategies that replicate whole
 * values (LWW, merge, custom) compute a write's new value with `applyOp`.
 */

import type { KeyType, RecordValue, TableRow, Value, WriteOp } from './types';

/** A key's value before any write: null, an empty set, 0, an empty text or an empty table. */
export function initialValue(type: KeyType): Value {
  switch (type) {
    case 'register':
      return null;
    case 'set':
      return [];
    case 'counter':
      return 0;
    case 'text':
      return '';
    case 'table':
      return [];
    case 'record':
      return {};
  }
}

/** A record field's name: 1 to 32 letters, digits or underscores, not a property of every object. */
export function invalidFieldReason(field: unknown): string | null {
  if (typeof field !== 'string' || !/^[A-Za-z0-9_]{1,32}$/.test(field)) {
    return 'a field name is 1 to 32 letters, digits or underscores';
  }
  return field in Object.prototype ? `"${field}" is a reserved name (a property of every object)` : null;
}

/** The record with its fields in name order (so equal records print and compare alike). */
export function canonicalRecord(fields: Readonly<Record<string, string | null>>): RecordValue {
  const out: Record<string, string> = {};
  for (const name of Object.keys(fields).sort()) {
    const v = fields[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

const isRecordValue = (v: unknown): v is RecordValue => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The row ids of a table value. */
const rowIds = (current: Value): number[] =>
  Array.isArray(current) ? (current as readonly TableRow[]).map((r) => r.id) : [];

const opsByType: Record<KeyType, readonly string[]> = {
  register: ['set', 'delete'],
  set: ['add', 'remove'],
  counter: ['increment'],
  text: ['insert', 'delete'],
  table: ['insertRow', 'updateRow', 'deleteRow'],
  record: ['set-field'],
};

/** Why `op` cannot be applied to a key of `type` holding `current`, or null when it can. */
export function invalidOpReason(type: KeyType, op: unknown, current: Value): string | null {
  if (typeof op !== 'object' || op === null || typeof (op as { type?: unknown }).type !== 'string') {
    return 'an operation must be an object with a string "type"';
  }
  const o = op as Record<string, unknown>;
  const kind = o.type as string;
  if (kind === 'replace') return invalidValueReason(type, o.value);
  if (type === 'table' && kind === 'insertRow')
    return typeof o.value === 'string' ? null : 'insertRow needs a string "value"';
  if (type === 'table' && (kind === 'updateRow' || kind === 'deleteRow')) {
    if (!Number.isSafeInteger(o.id) || (o.id as number) < 1) return `${kind} needs a row "id" (an integer ≥ 1)`;
    if (kind === 'updateRow' && typeof o.value !== 'string') return 'updateRow needs a string "value"';
    const ids = rowIds(current);
    return ids.includes(o.id as number)
      ? null
      : `no row ${String(o.id)} here to ${kind === 'updateRow' ? 'update' : 'delete'} (rows: ${ids.length > 0 ? ids.join(', ') : 'none'})`;
  }
  if (type === 'record' && kind === 'set-field') {
    const bad = invalidFieldReason(o.field);
    if (bad !== null) return `set-field needs a "field": ${bad}`;
    return o.value === null || typeof o.value === 'string'
      ? null
      : 'set-field needs a string "value" (or null to clear it)';
  }
  if (!opsByType[type].includes(kind)) {
    return `"${kind}" does not fit a ${type} key (it takes ${opsByType[type].join(' or ')})`;
  }
  switch (`${type}:${kind}`) {
    case 'register:set':
      return typeof o.value === 'string' ? null : 'set needs a string "value"';
    case 'register:delete':
      return null;
    case 'set:add':
    case 'set:remove':
      if (typeof o.item !== 'string' || o.item.length === 0) return `${kind} needs a non-empty string "item"`;
      return o.item in Object.prototype ? `"${o.item}" is a reserved name (a property of every object)` : null;
    case 'counter:increment':
      if (!Number.isSafeInteger(o.by)) return 'increment needs an integer "by" (negative to decrement)';
      return Number.isSafeInteger((current as number) + (o.by as number))
        ? null
        : 'the counter would leave the safe integer range';
    case 'text:insert': {
      const len = (current as string).length;
      if (typeof o.text !== 'string' || o.text.length === 0) return 'insert needs a non-empty string "text"';
      return Number.isInteger(o.index) && (o.index as number) >= 0 && (o.index as number) <= len
        ? null
        : `insert "index" must be an integer from 0 to ${String(len)}`;
    }
    case 'text:delete': {
      const len = (current as string).length;
      const index = o.index as number;
      const length = o.length as number;
      if (!Number.isInteger(index) || !Number.isInteger(length) || index < 0 || length < 1) {
        return 'delete needs integers "index" ≥ 0 and "length" ≥ 1';
      }
      return index + length <= len
        ? null
        : `delete range ${String(index)}..${String(index + length)} is past the end (${String(len)})`;
    }
    default:
      return `unknown operation "${kind}"`;
  }
}

/** Why `value` is not a whole value of a `type` key, or null when it is. */
export function invalidValueReason(type: KeyType, value: unknown): string | null {
  switch (type) {
    case 'register':
      return value === null || typeof value === 'string' ? null : 'a register holds a string (or null when deleted)';
    case 'set':
      return Array.isArray(value) && value.every((i) => typeof i === 'string' && i.length > 0)
        ? null
        : 'a set holds an array of non-empty strings';
    case 'counter':
      return Number.isSafeInteger(value) ? null : 'a counter holds an integer';
    case 'text':
      return typeof value === 'string' ? null : 'a text holds a string';
    case 'table':
      return 'a table is written row by row (insertRow, updateRow, deleteRow), not replaced';
    case 'record':
      if (!isRecordValue(value)) return 'a record holds an object of named string fields';
      for (const [field, v] of Object.entries(value)) {
        const bad = invalidFieldReason(field);
        if (bad !== null) return bad;
        if (typeof v !== 'string') return `the field "${field}" must hold a string`;
      }
      return null;
  }
}

/** The value after `op` (already validated for `type`). Pure. */
export function applyOp(type: KeyType, current: Value, op: WriteOp): Value {
  switch (op.type) {
    case 'replace':
      if (type === 'record') return canonicalRecord(op.value as RecordValue);
      return type === 'set' ? [...new Set(op.value as readonly string[])].sort() : op.value;
    case 'insertRow':
      // Ids come from the leader's auto-increment counter: the table strategy inserts rows.
      return current;
    case 'updateRow':
      return (current as readonly TableRow[]).map((r) => (r.id === op.id ? { id: r.id, value: op.value } : r));
    case 'deleteRow':
      return (current as readonly TableRow[]).filter((r) => r.id !== op.id);
    case 'set-field':
      return canonicalRecord({ ...(current as RecordValue), [op.field]: op.value });
    case 'set':
      return op.value;
    case 'delete':
      if (type === 'register') return null;
      if ('index' in op) {
        // Indices are clamped: a forwarded op may land on a text that changed meanwhile.
        const s = current as string;
        const from = Math.min(op.index, s.length);
        return s.slice(0, from) + s.slice(Math.min(op.index + op.length, s.length));
      }
      return current;
    case 'add': {
      const items = current as readonly string[];
      return items.includes(op.item) ? items : [...items, op.item].sort();
    }
    case 'remove':
      return (current as readonly string[]).filter((i) => i !== op.item);
    case 'increment':
      return (current as number) + op.by;
    case 'insert': {
      const s = current as string;
      const at = Math.min(op.index, s.length);
      return s.slice(0, at) + op.text + s.slice(at);
    }
  }
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return Array.isArray(a) === Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

/** A short human form: "Hello", ∅ for a deleted register, {milk, eggs} for a set. */
export function formatValue(v: Value): string {
  if (v === null) return '∅';
  if (Array.isArray(v)) {
    return v.every((x) => typeof x === 'string')
      ? `{${v.join(', ')}}`
      : `[${(v as readonly TableRow[]).map((r) => `${String(r.id)}: "${r.value}"`).join(', ')}]`;
  }
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'number') return String(v);
  return `{${Object.entries(v)
    .map(([field, value]) => `${field}: "${value}"`)
    .join(', ')}}`;
}

/** A value as plain text, for resolvers and merges that compare or join values. */
export function valueText(v: Value): string {
  return typeof v === 'string' ? v : v === null ? '' : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** A human form of an operation, for the event log. */
export function formatOp(op: WriteOp): string {
  switch (op.type) {
    case 'set':
      return `set "${op.value}"`;
    case 'delete':
      return 'index' in op ? `delete ${String(op.length)} at ${String(op.index)}` : 'delete';
    case 'add':
      return `add "${op.item}"`;
    case 'remove':
      return `remove "${op.item}"`;
    case 'increment':
      return op.by >= 0 ? `+${String(op.by)}` : String(op.by);
    case 'insert':
      return `insert "${op.text}" at ${String(op.index)}`;
    case 'replace':
      return `resolve to ${formatValue(op.value)}`;
    case 'insertRow':
      return `insert row "${op.value}"`;
    case 'updateRow':
      return `update row ${String(op.id)} to "${op.value}"`;
    case 'deleteRow':
      return `delete row ${String(op.id)}`;
    case 'set-field':
      return op.value === null ? `clear field ${op.field}` : `set field ${op.field} = "${op.value}"`;
  }
}
