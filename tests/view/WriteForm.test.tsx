// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { WriteForm } from '../../src/view/WriteForm';

const config: SimulationConfig = {
  seed: 1,
  nodes: [
    { id: 'eu', label: 'Frankfurt' },
    { id: 'us', label: 'Virginia' },
  ],
  latencyMs: 100,
  keys: { title: 'register', cart: 'set', likes: 'counter', doc: 'text', orders: 'table', user: 'record' },
};

afterEach(cleanup);

function renderForm(): LabStore {
  const store = createLabStore(config);
  render(
    <LabContext.Provider value={store}>
      <WriteForm />
    </LabContext.Provider>,
  );
  return store;
}

const value = (store: LabStore, key: string) => store.getState().snapshot.nodes[0]?.keys[key]?.value;
const choose = (name: string, v: string) => {
  fireEvent.change(screen.getByRole('combobox', { name }), { target: { value: v } });
};
const type = (name: string, v: string) => {
  fireEvent.change(screen.getByRole('textbox', { name }), { target: { value: v } });
};
const write = () => {
  fireEvent.click(screen.getByRole('button', { name: 'Write' }));
};

describe('<WriteForm>', () => {
  it('sets and deletes a register', () => {
    const store = renderForm();
    type('Value', 'Hello');
    write();
    expect(value(store, 'title')).toBe('Hello');
    choose('Operation', 'delete');
    expect(screen.queryByRole('textbox', { name: 'Value' })).toBeNull();
    write();
    expect(value(store, 'title')).toBeNull();
  });

  it('adds and removes set items', () => {
    const store = renderForm();
    choose('Key', 'cart');
    type('Item', 'milk');
    write();
    type('Item', 'eggs');
    write();
    expect(value(store, 'cart')).toEqual(['eggs', 'milk']);
    choose('Operation', 'remove');
    type('Item', 'milk');
    write();
    expect(value(store, 'cart')).toEqual(['eggs']);
  });

  it('counts up, down and by an amount, refusing an amount that is not a whole number', () => {
    const store = renderForm();
    choose('Key', 'likes');
    write();
    write();
    choose('Operation', 'dec');
    write();
    choose('Operation', 'by');
    type('Amount', '10');
    write();
    expect(value(store, 'likes')).toBe(11);
    type('Amount', 'ten');
    write();
    expect(screen.getByRole('alert').textContent).toMatch(/The amount must be a whole number/);
    expect(value(store, 'likes')).toBe(11);
  });

  it('appends, prepends, inserts at a position and deletes characters of a text', () => {
    const store = renderForm();
    choose('Key', 'doc');
    type('Append text', 'world');
    write();
    choose('Operation', 'prepend');
    type('Prepend text', 'hello');
    write();
    expect(value(store, 'doc')).toBe('helloworld');
    choose('Operation', 'insert');
    type('Position', '5');
    type('Text', ', ');
    write();
    expect(value(store, 'doc')).toBe('hello, world');
    choose('Operation', 'delete');
    type('Position', '0');
    type('Length', '7');
    write();
    expect(value(store, 'doc')).toBe('world');
    type('Length', '9');
    write();
    expect(screen.getByRole('alert').textContent).toMatch(/The length must be a whole number from 1 to 5/);
  });

  it('inserts table rows with the leader’s auto-increment ids', () => {
    const store = renderForm();
    choose('Key', 'orders');
    type('Row value', 'first');
    write();
    type('Row value', 'second');
    write();
    expect(value(store, 'orders')).toEqual([
      { id: 1, value: 'first' },
      { id: 2, value: 'second' },
    ]);
  });

  it('updates and deletes a row by its id, and says when the id is not a row id', () => {
    const store = renderForm();
    choose('Key', 'orders');
    type('Row value', 'first');
    write();
    choose('Operation', 'updateRow');
    type('Row id', '1');
    type('Row value', 'paid');
    write();
    expect(value(store, 'orders')).toEqual([{ id: 1, value: 'paid' }]);
    type('Row id', 'one');
    write();
    expect(screen.getByRole('alert').textContent).toMatch(/The row id must be a whole number/);
    choose('Operation', 'deleteRow');
    expect(screen.queryByRole('textbox', { name: 'Row value' })).toBeNull();
    type('Row id', '1');
    write();
    expect(value(store, 'orders')).toEqual([]);
  });

  it('sets and clears a field of a record key, and refuses a field name that is not one', () => {
    const store = renderForm();
    choose('Key', 'user');
    type('Field', 'name');
    type('Field value', 'Ada');
    write();
    expect(value(store, 'user')).toEqual({ name: 'Ada' });
    choose('Operation', 'clear-field');
    write();
    expect(value(store, 'user')).toEqual({});
    type('Field', 'two words');
    write();
    expect(screen.getByRole('alert').textContent).toMatch(/field name is 1 to 32 letters/);
  });

  it('falls back to a key that still exists after the cluster drops the chosen one', () => {
    const store = renderForm();
    choose('Key', 'doc');
    act(() => {
      store.getState().actions.reconfigure({ keys: { title: 'register' } });
    });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Key' }).value).toBe('title');
  });
});
