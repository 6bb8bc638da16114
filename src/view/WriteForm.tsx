import { type SyntheticEvent, useState } from 'react';
import type { KeyType, WriteOp } from '../model';
import { useLab, useLabStore, useLeaderNames, useRegionName } from './LabContext';

/** What a write can do to each key type: the operation's value and its name in the form. */
export const OPERATIONS: Readonly<Record<KeyType, readonly (readonly [string, string])[]>> = {
  register: [
    ['set', 'set'],
    ['delete', 'delete'],
  ],
  set: [
    ['add', 'add item'],
    ['remove', 'remove item'],
  ],
  counter: [
    ['inc', '+1'],
    ['dec', '−1'],
    ['by', 'add an amount'],
  ],
  text: [
    ['append', 'append'],
    ['prepend', 'prepend'],
    ['insert', 'insert at a position'],
    ['delete', 'delete characters'],
  ],
  table: [
    ['insertRow', 'insert row'],
    ['updateRow', 'update row'],
    ['deleteRow', 'delete row'],
  ],
  record: [
    ['set-field', 'set field'],
    ['clear-field', 'clear field'],
  ],
};

/** The fields an operation needs: its text, a number (amount or position), a length, a row id and a field name. */
interface Fields {
  readonly text: string;
  readonly amount: string;
  readonly position: string;
  readonly length: string;
  readonly row?: string;
  readonly field?: string;
}

const needsText = (type: KeyType, op: string) =>
  !(
    type === 'counter' ||
    (type === 'register' && op === 'delete') ||
    (type === 'text' && op === 'delete') ||
    (type === 'table' && op === 'deleteRow') ||
    (type === 'record' && op === 'clear-field')
  );
const textLabel = (type: KeyType, op: string) =>
  type === 'set'
    ? 'Item'
    : type === 'text'
      ? op === 'append'
        ? 'Append text'
        : op === 'prepend'
          ? 'Prepend text'
          : 'Text'
      : type === 'table'
        ? 'Row value'
        : type === 'record'
          ? 'Field value'
          : 'Value';

/**
 * The operation a filled-in form asks for, or a sentence saying what is missing. `current` is
 * the key's text at that leader, so an append lands at its end and a position is checked against it.
 *
 * @example opFor('counter', 'by', { text: '', amount: '5', position: '', length: '' }, '') // { type: 'increment', by: 5 }
 */
export function opFor(type: KeyType, op: string, f: Fields, current: string): WriteOp | string {
  const int = (s: string, name: string, min: number, max: number): number | string => {
    const n = Number(s.trim());
    return s.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
      ? n
      : `${name} must be a whole number from ${String(min)} to ${String(max)}`;
  };
  switch (type) {
    case 'register':
      return op === 'delete' ? { type: 'delete' } : { type: 'set', value: f.text };
    case 'set':
      if (!f.text) return 'Type the item first';
      return op === 'remove' ? { type: 'remove', item: f.text } : { type: 'add', item: f.text };
    case 'counter': {
      if (op !== 'by') return { type: 'increment', by: op === 'dec' ? -1 : 1 };
      const by = int(f.amount, 'The amount', -1_000_000, 1_000_000);
      return typeof by === 'number' ? { type: 'increment', by } : by;
    }
    case 'text': {
      if (op === 'delete') {
        const index = int(f.position, 'The position', 0, Math.max(0, current.length - 1));
        if (typeof index === 'string') return current.length === 0 ? 'The text is empty: nothing to delete' : index;
        const length = int(f.length, 'The length', 1, current.length - index);
        return typeof length === 'number' ? { type: 'delete', index, length } : length;
      }
      if (!f.text) return 'Type the text first';
      if (op === 'insert') {
        const index = int(f.position, 'The position', 0, current.length);
        return typeof index === 'number' ? { type: 'insert', index, text: f.text } : index;
      }
      return { type: 'insert', index: op === 'prepend' ? 0 : current.length, text: f.text };
    }
    case 'table': {
      if (op === 'insertRow') return { type: 'insertRow', value: f.text };
      const id = int(f.row ?? '', 'The row id', 1, 1_000_000_000);
      if (typeof id === 'string') return id;
      return op === 'deleteRow' ? { type: 'deleteRow', id } : { type: 'updateRow', id, value: f.text };
    }
    case 'record': {
      const name = (f.field ?? '').trim();
      if (!/^[A-Za-z0-9_]{1,32}$/.test(name)) return 'The field name is 1 to 32 letters, digits or underscores';
      return { type: 'set-field', field: name, value: op === 'clear-field' ? null : f.text };
    }
  }
}

/**
 * A small form fitted to the key type: set or delete, add or remove an item, count, edit text,
 * insert, update or delete a row, set or clear a record's field.
 * It writes at the lab's selected leader ("Writing at …"); choosing another leader here selects it.
 */
export function WriteForm() {
  const regionName = useRegionName('Write');
  const { ids: nodes, label } = useLeaderNames();
  const store = useLabStore();
  const keys = useLab((s) => s.sim.config.keys);
  const actions = useLab((s) => s.actions);
  const keyNames = Object.keys(keys);
  // "This leader" is the lab's, not the form's: selecting a leader anywhere makes it the target.
  const chosenNode = useLab((s) => s.leader);
  const [chosenKey, setKey] = useState(keyNames[0] ?? '');
  const [chosenOp, setOp] = useState('');
  const [fields, setFields] = useState<Fields>({
    text: '',
    amount: '1',
    position: '0',
    length: '1',
    row: '1',
    field: '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  // A new cluster may have dropped the leader or key chosen before: fall back to the first.
  const node = nodes.includes(chosenNode) ? chosenNode : (nodes[0] ?? '');
  const key = chosenKey in keys ? chosenKey : (keyNames[0] ?? '');
  const type: KeyType = keys[key] ?? 'register';
  const ops = OPERATIONS[type];
  const op = ops.some(([v]) => v === chosenOp) ? chosenOp : (ops[0]?.[0] ?? '');
  const field = (name: keyof Fields) => ({
    value: fields[name] ?? '',
    onChange: (e: { target: { value: string } }) => {
      setFields({ ...fields, [name]: e.target.value });
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const current = store.getState().snapshot.nodes.find((n) => n.id === node)?.keys[key]?.value;
    const result = opFor(type, op, fields, typeof current === 'string' ? current : '');
    setProblem(typeof result === 'string' ? result : null);
    if (typeof result !== 'string') actions.write(node, key, result);
  };
  return (
    <form className="mll-write" onSubmit={submit} aria-label={regionName}>
      <p className="mll-write-target" aria-live="polite">
        Writing at <strong>{label(node)}</strong>
      </p>
      <label>
        Leader{' '}
        <select
          value={node}
          onChange={(e) => {
            actions.selectLeader(e.target.value);
          }}
        >
          {nodes.map((id) => (
            <option key={id} value={id}>
              {label(id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Key{' '}
        <select
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setProblem(null);
          }}
        >
          {keyNames.map((k) => (
            <option key={k} value={k}>
              {k} ({keys[k]})
            </option>
          ))}
        </select>
      </label>
      {ops.length > 1 && (
        <label>
          Operation{' '}
          <select
            value={op}
            onChange={(e) => {
              setOp(e.target.value);
              setProblem(null);
            }}
          >
            {ops.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {type === 'counter' && op === 'by' && (
        <label>
          Amount <input inputMode="numeric" size={5} {...field('amount')} />
        </label>
      )}
      {type === 'text' && (op === 'insert' || op === 'delete') && (
        <label>
          Position <input inputMode="numeric" size={4} {...field('position')} />
        </label>
      )}
      {type === 'text' && op === 'delete' && (
        <label>
          Length <input inputMode="numeric" size={4} {...field('length')} />
        </label>
      )}
      {type === 'table' && op !== 'insertRow' && (
        <label>
          Row id <input inputMode="numeric" size={4} {...field('row')} />
        </label>
      )}
      {type === 'record' && (
        <label>
          Field <input size={10} {...field('field')} required />
        </label>
      )}
      {needsText(type, op) && (
        <label>
          {textLabel(type, op)} <input {...field('text')} required data-write-value="" aria-keyshortcuts="W" />
        </label>
      )}
      <button type="submit">Write</button>
      {problem && (
        <p className="mll-field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
