import { type SyntheticEvent, useState } from 'react';
import type { KeyType, WriteOp } from '../model';
import { useLab, useLabStore, useLeaderNames, useRegionName } from './LabContext';

/** A small form fitted to the key type: set a value, add or remove an item, increment, type. */
export function WriteForm() {
  const regionName = useRegionName('Write');
  const { ids: nodes, label } = useLeaderNames();
  const store = useLabStore();
  const keys = useLab((s) => s.sim.config.keys);
  const actions = useLab((s) => s.actions);
  const keyNames = Object.keys(keys);
  const [node, setNode] = useState(nodes[0] ?? '');
  const [key, setKey] = useState(keyNames[0] ?? '');
  const [text, setText] = useState('');
  const [mode, setMode] = useState('a');
  const type: KeyType = keys[key] ?? 'register';
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const current = store.getState().snapshot.nodes.find((n) => n.id === node)?.keys[key]?.value;
    const op = opFor(type, mode, text, typeof current === 'string' ? current.length : 0);
    if (op) actions.write(node, key, op);
  };
  return (
    <form className="mll-write" onSubmit={submit} aria-label={regionName}>
      <label>
        Leader{' '}
        <select
          value={node}
          onChange={(e) => {
            setNode(e.target.value);
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
            setMode('a');
          }}
        >
          {keyNames.map((k) => (
            <option key={k} value={k}>
              {k} ({keys[k]})
            </option>
          ))}
        </select>
      </label>
      {modes[type].length > 1 && (
        <label>
          Operation{' '}
          <select
            value={mode}
            onChange={(e) => {
              setMode(e.target.value);
            }}
          >
            {modes[type].map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {needsText(type, mode) && (
        <label>
          {textLabel(type, mode)}{' '}
          <input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
            required={type !== 'counter'}
          />
        </label>
      )}
      <button type="submit">Write</button>
    </form>
  );
}

const modes: Record<KeyType, [string, string][]> = {
  register: [
    ['a', 'set'],
    ['b', 'delete'],
  ],
  set: [
    ['a', 'add item'],
    ['b', 'remove item'],
  ],
  counter: [
    ['a', '+1'],
    ['b', '−1'],
  ],
  text: [
    ['a', 'append'],
    ['b', 'prepend'],
  ],
  table: [['a', 'insert row']],
};

const needsText = (type: KeyType, mode: string) => !(type === 'counter' || (type === 'register' && mode === 'b'));
const textLabel = (type: KeyType, mode: string) =>
  type === 'set' ? 'Item' : type === 'text' ? (mode === 'a' ? 'Append text' : 'Prepend text') : 'Value';

export function opFor(type: KeyType, mode: string, text: string, textLength: number): WriteOp | null {
  switch (type) {
    case 'register':
      return mode === 'b' ? { type: 'delete' } : { type: 'set', value: text };
    case 'set':
      return text ? (mode === 'b' ? { type: 'remove', item: text } : { type: 'add', item: text }) : null;
    case 'counter':
      return { type: 'increment', by: mode === 'b' ? -1 : 1 };
    case 'text':
      return text ? { type: 'insert', index: mode === 'b' ? 0 : textLength, text } : null;
    case 'table':
      return { type: 'insertRow', value: text };
  }
}
