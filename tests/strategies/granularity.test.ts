import { describe, expect, it } from 'vitest';
import { convergedValues, createSimulation, lostWriteIds, type Simulation, type StrategyConfig } from '../../src/model';
import { checkStrategy, strategyArgDefaults, strategyModule } from '../../src/strategies/catalog';
import { eventsOf } from '../model/fixtures';

/**
 * Conflict granularity (semantics.md, "Granularity decides what LWW loses"): Cassandra applies
 * LWW per cell (each column, and each element of a set<text>), so concurrent writes to
 * different columns, or concurrent adds to a set, all survive; DynamoDB global tables
 * reconcile the whole item, so a concurrent change to another attribute is lost. A record
 * key (named string fields) and the LWW option `granularity: 'value' | 'field'` show both.
 */

function twoLeaders(strategy: StrategyConfig, skewUs = 5): Simulation {
  return createSimulation(
    {
      seed: 1,
      nodes: [
        { id: 'eu', label: 'Frankfurt' },
        { id: 'us', label: 'Virginia', clockSkewMs: skewUs },
      ],
      keys: { user: 'record', cart: 'set' },
      latencyMs: { base: 100, jitter: 0 },
      strategy,
    },
    { verifyReplay: true },
  );
}

/** Frankfurt sets the name and Virginia (5 ms ahead) the email, concurrently. */
function editBothFields(strategy: StrategyConfig) {
  const s = twoLeaders(strategy);
  const name = s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
  const email = s.write('us', 'user', { type: 'set-field', field: 'email', value: 'ada@example.org' });
  s.runUntilQuiescent();
  if (!name.ok || !email.ok) throw new Error('write refused');
  return { s, name: name.writeId, email: email.writeId };
}

const lost = (s: Simulation) => lostWriteIds(s.history(), convergedValues(s.snapshot()));
const valuesOf = (s: Simulation, key: string) => s.snapshot().nodes.map((n) => n.keys[key]?.value);

describe('a record edited on two leaders, one field each', () => {
  it('per value (DynamoDB): the item with the later timestamp replaces the other, and the older write is lost', () => {
    const { s, name } = editBothFields({ kind: 'lww', granularity: 'value' });
    expect(valuesOf(s, 'user')).toEqual([{ email: 'ada@example.org' }, { email: 'ada@example.org' }]);
    const conflicts = eventsOf(s.history(), 'conflict');
    expect(conflicts.every((c) => c.discarded.includes(name))).toBe(true);
    expect(conflicts[0]?.explanation).toMatch(/DynamoDB global tables reconcile a whole item/);
    expect(lost(s)).toEqual([name]);
  });

  it('per value is the default', () => {
    const { s } = editBothFields({ kind: 'lww' });
    expect(valuesOf(s, 'user')[0]).toEqual({ email: 'ada@example.org' });
  });

  it('per field (Cassandra’s cells): both fields survive, nothing is lost, no conflict', () => {
    const { s } = editBothFields({ kind: 'lww', granularity: 'field' });
    const both = { email: 'ada@example.org', name: 'Ada' };
    expect(valuesOf(s, 'user')).toEqual([both, both]);
    expect(eventsOf(s.history(), 'conflict')).toEqual([]);
    expect(lost(s)).toEqual([]);
  });

  it('per field, two writes to the same field still conflict: the later timestamp wins, and the explanation names the cell rule', () => {
    const s = twoLeaders({ kind: 'lww', granularity: 'field' });
    const eu = s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.write('us', 'user', { type: 'set-field', field: 'name', value: 'Grace' });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([{ name: 'Grace' }, { name: 'Grace' }]);
    const [first] = eventsOf(s.history(), 'conflict');
    expect(first?.explanation).toMatch(/^Field name: .*Cassandra/);
    expect(lost(s)).toEqual([eu.ok ? eu.writeId : '']);
  });

  it('per field, clearing a field races setting it like a cell tombstone: the later timestamp wins', () => {
    const s = twoLeaders({ kind: 'lww', granularity: 'field' });
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.runUntilQuiescent();
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada L.' });
    s.write('us', 'user', { type: 'set-field', field: 'name', value: null });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([{}, {}]);
  });
});

describe('a set under LWW', () => {
  function addBoth(strategy: StrategyConfig) {
    const s = twoLeaders(strategy);
    s.write('eu', 'cart', { type: 'add', item: 'milk' });
    s.write('us', 'cart', { type: 'add', item: 'eggs' });
    s.runUntilQuiescent();
    return s;
  }

  it('per field: a set’s elements are cells too, so concurrent adds both survive', () => {
    const s = addBoth({ kind: 'lww', granularity: 'field' });
    expect(valuesOf(s, 'cart')).toEqual([
      ['eggs', 'milk'],
      ['eggs', 'milk'],
    ]);
    expect(lost(s)).toEqual([]);
  });

  it('per value: one whole set wins and the other add is lost', () => {
    const s = addBoth({ kind: 'lww', granularity: 'value' });
    expect(valuesOf(s, 'cart')).toEqual([['eggs'], ['eggs']]);
    expect(lost(s)).toEqual(['eu:1']);
  });
});

describe('records under the other strategies', () => {
  it('merge: fields merge one by one; two values of one field are joined', () => {
    const s = twoLeaders({ kind: 'merge' });
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.write('us', 'user', { type: 'set-field', field: 'email', value: 'a@x' });
    s.write('us', 'user', { type: 'set-field', field: 'name', value: 'Grace' });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([
      { email: 'a@x', name: 'Ada/Grace' },
      { email: 'a@x', name: 'Ada/Grace' },
    ]);
    expect(lost(s)).toEqual([]);
  });

  it('merge: a field cleared on one side while the other side set it comes back, and the clear is lost', () => {
    const s = twoLeaders({ kind: 'merge' });
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.runUntilQuiescent();
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada L.' });
    const clear = s.write('us', 'user', { type: 'set-field', field: 'name', value: null });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([{ name: 'Ada L.' }, { name: 'Ada L.' }]);
    expect(eventsOf(s.history(), 'conflict')[0]?.explanation).toMatch(/a lost clear/);
    expect(lost(s)).toEqual([clear.ok ? clear.writeId : '']);
  });

  it('custom on write: the resolver picks one whole record (value granularity)', () => {
    const { s, email } = editBothFields({ kind: 'custom', on: 'write', resolver: 'first-writer-wins' });
    expect(valuesOf(s, 'user')).toEqual([{ name: 'Ada' }, { name: 'Ada' }]);
    expect(lost(s)).toEqual([email]);
  });

  it('custom on read: both records are kept as siblings', () => {
    const { s } = editBothFields({ kind: 'custom', on: 'read' });
    const r = s.read('eu', 'user');
    expect([r.value, ...r.conflicts]).toEqual(expect.arrayContaining([{ name: 'Ada' }, { email: 'ada@example.org' }]));
  });

  it('CRDT with MV registers: a map of MV-registers keeps other fields, and both values of one field', () => {
    const s = twoLeaders({ kind: 'crdt', register: 'mv' });
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.write('us', 'user', { type: 'set-field', field: 'name', value: 'Grace' });
    s.write('us', 'user', { type: 'set-field', field: 'email', value: 'g@x' });
    s.runUntilQuiescent();
    const r = s.read('eu', 'user');
    expect([r.value, ...r.conflicts]).toEqual(
      expect.arrayContaining([
        { email: 'g@x', name: 'Ada' },
        { email: 'g@x', name: 'Grace' },
      ]),
    );
    expect(r.conflicts).toHaveLength(1);
    expect(lost(s)).toEqual([]);
    // A write that saw both values replaces them.
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada Grace' });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([
      { email: 'g@x', name: 'Ada Grace' },
      { email: 'g@x', name: 'Ada Grace' },
    ]);
  });

  it('CRDT with MV registers: a field cleared on one leader while set on the other keeps both, and a read shows the clear', () => {
    // semantics.md, MV-register: the value is every entry no other dominates, a concurrent delete included.
    const s = twoLeaders({ kind: 'crdt', register: 'mv' });
    s.write('eu', 'user', { type: 'set-field', field: 'name', value: 'Ada' });
    s.write('us', 'user', { type: 'set-field', field: 'name', value: null });
    s.runUntilQuiescent();
    for (const node of ['eu', 'us']) {
      const r = s.read(node, 'user');
      expect(r.value).toEqual({ name: 'Ada' });
      expect(r.conflicts).toEqual([{}]);
    }
    expect(lost(s)).toEqual([]);
    // A write made after that read saw the clear and the value: it replaces both.
    s.write('us', 'user', { type: 'set-field', field: 'name', value: 'Grace' });
    s.runUntilQuiescent();
    expect(s.read('eu', 'user')).toMatchObject({ value: { name: 'Grace' }, conflicts: [] });
    expect(lost(s)).toEqual([]);
  });

  it('CRDT with MV registers: a register deleted on one leader while set on the other reads as the value and ∅', () => {
    const s = createSimulation({
      seed: 1,
      nodes: [{ id: 'eu' }, { id: 'us' }],
      keys: { title: 'register' },
      latencyMs: { base: 100, jitter: 0 },
      strategy: { kind: 'crdt', register: 'mv' },
    });
    s.write('eu', 'title', { type: 'set', value: 'A' });
    s.write('us', 'title', { type: 'delete' });
    s.runUntilQuiescent();
    expect(s.read('us', 'title')).toMatchObject({ value: 'A', conflicts: [null] });
    expect(lost(s)).toEqual([]);
  });

  it('CRDT with LWW registers: a map of LWW-registers keeps writes to other fields', () => {
    const { s } = editBothFields({ kind: 'crdt', register: 'lww' });
    expect(valuesOf(s, 'user')[0]).toEqual({ email: 'ada@example.org', name: 'Ada' });
    expect(lost(s)).toEqual([]);
  });
});

describe('writing a whole record back (replace, as a resolve does)', () => {
  it('per field: the replace becomes one cell write per changed field, and every leader takes it', () => {
    const { s } = editBothFields({ kind: 'lww', granularity: 'field' });
    s.resolve('us', 'user', { name: 'Ada Lovelace' });
    s.runUntilQuiescent();
    expect(valuesOf(s, 'user')).toEqual([{ name: 'Ada Lovelace' }, { name: 'Ada Lovelace' }]);
    expect(lost(s)).toEqual([]);
  });

  it('custom on read: a resolve with the context read replaces both siblings', () => {
    const { s } = editBothFields({ kind: 'custom', on: 'read' });
    const read = s.read('eu', 'user');
    expect(read.conflicts).toHaveLength(1);
    s.resolve('eu', 'user', { email: 'ada@example.org', name: 'Ada' }, read.context);
    s.runUntilQuiescent();
    const both = { email: 'ada@example.org', name: 'Ada' };
    expect(valuesOf(s, 'user')).toEqual([both, both]);
    expect(s.read('us', 'user').conflicts).toEqual([]);
    expect(lost(s)).toEqual([]);
  });

  it('refuses a record with a field that is not a string', () => {
    const s = twoLeaders({ kind: 'lww' });
    const r = s.write('eu', 'user', { type: 'replace', value: { name: 3 } as unknown as Record<string, string> });
    expect(r).toMatchObject({ ok: false, code: 'invalid-op' });
  });
});

describe('the granularity option in the catalog', () => {
  it('is declared once, with both choices and the default per value, so validation and controls derive', () => {
    const option = strategyModule('lww')?.options.find((o) => o.key === 'granularity');
    expect(option?.default).toBe('value');
    expect(option?.choices.map((c) => c.value)).toEqual(['value', 'field']);
    expect(strategyArgDefaults().lwwGranularity).toBe('value');
    const refused = checkStrategy({ kind: 'lww', granularity: 'cell' }, { registered: { resolvers: [], merges: [] } });
    expect(refused.ok).toBe(false);
    const ok = checkStrategy({ kind: 'lww' }, { registered: { resolvers: [], merges: [] } });
    expect(ok).toMatchObject({ ok: true, config: { granularity: 'value' } });
  });

  it('refuses a set-field with a bad field name, and a write of the wrong op', () => {
    const s = twoLeaders({ kind: 'lww' });
    expect(s.write('eu', 'user', { type: 'set-field', field: '__proto__', value: 'x' })).toMatchObject({ ok: false });
    expect(s.write('eu', 'user', { type: 'set-field', field: 'a b', value: 'x' })).toMatchObject({ ok: false });
    expect(s.write('eu', 'user', { type: 'set', value: 'x' })).toMatchObject({ ok: false });
  });
});
