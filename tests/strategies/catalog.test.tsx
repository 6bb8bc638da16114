// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidValueReason } from '../../src/core/keyTypes';
import { createSimulation, type SimulationConfig, type StrategyConfig } from '../../src/model';
import { normalizeStrategy } from '../../src/model/config';
import {
  catalog,
  entryConfig,
  pickerEntries,
  shownOptions,
  strategyArgDefaults,
  strategyArgTypes,
  strategyFromArgs,
} from '../../src/strategies/catalog';
import type { OptionInfo, PickerEntry } from '../../src/strategies/define';
import { createLabStore } from '../../src/store/labStore';
import { LabContext } from '../../src/view/LabContext';
import { StrategyPicker } from '../../src/view/StrategyPicker';

/**
 * The strategy catalog is the one place a strategy's options are written: every choice it
 * declares must pass validation, build a strategy that runs, and show in the picker and the
 * Storybook controls. A new choice (an LWW tie rule) is proved here without naming it.
 */

/** Two leaders (so OT can run), one key of every type, distinct auto-increment offsets. */
const cluster: SimulationConfig = {
  seed: 3,
  nodes: [
    { id: 'a', label: 'A', autoIncrement: { increment: 2, offset: 1 } },
    { id: 'b', label: 'B', autoIncrement: { increment: 2, offset: 2 } },
  ],
  latencyMs: 50,
  keys: { title: 'register', cart: 'set', likes: 'counter', notes: 'text', rows: 'table' },
};

/** Every (entry, option, choice) the catalog declares. */
const everyChoice: { entry: PickerEntry; option: OptionInfo; value: string; config: StrategyConfig }[] =
  pickerEntries.flatMap((entry) =>
    shownOptions(entryConfig(entry)).flatMap((option) =>
      option.choices.map((c) => ({
        entry,
        option,
        value: c.value,
        config: { ...entryConfig(entry), [option.key]: c.value },
      })),
    ),
  );

const named = (c: (typeof everyChoice)[number]) => `${c.entry.id} ${c.option.key}: ${c.value}`;

afterEach(cleanup);

describe('the strategy catalog', () => {
  it('declares each kind once, with a title, a description, and options that have labels and sentences', () => {
    expect(new Set(catalog.map((m) => m.kind)).size).toBe(catalog.length);
    expect(catalog.map((m) => m.kind)).toEqual(['lww', 'merge', 'custom', 'crdt', 'ot']);
    for (const m of catalog) {
      expect(m.title).not.toBe('');
      expect(m.description).toMatch(/\.$/);
      for (const o of m.options) {
        expect(o.label).not.toBe('');
        expect(o.description).toMatch(/\.$/);
        expect(o.choices.length).toBeGreaterThan(1);
        for (const c of o.choices) {
          expect(c.label).not.toBe('');
          expect(c.description).toMatch(/\.$/);
        }
        if (o.default !== undefined) expect(o.choices.map((c) => c.value)).toContain(o.default);
      }
    }
    // Every option of every strategy is reachable from some picker entry.
    const reachable = new Set(
      pickerEntries.flatMap((e) => [
        ...shownOptions(entryConfig(e)).map((o) => `${e.kind}.${o.key}`),
        ...Object.keys(e.fixed).map((k) => `${e.kind}.${k}`),
      ]),
    );
    for (const m of catalog) for (const o of m.options) expect(reachable).toContain(`${m.kind}.${o.key}`);
    expect(everyChoice.length).toBeGreaterThanOrEqual(15);
  });

  it.each(everyChoice.map((c) => [named(c), c] as const))(
    'accepts %s, fills the other defaults, and the strategy it builds runs',
    (_name, { option, value, config }) => {
      const normalized = normalizeStrategy(config) as unknown as Record<string, unknown>;
      expect(normalized[option.key]).toBe(value);
      // Every other option that applies carries its default: snapshots say which rule is in force.
      for (const o of shownOptions(config)) {
        if (o.key !== option.key) expect(normalized[o.key]).toBe(o.default);
      }
      const sim = createSimulation({ ...cluster, strategy: config }, { verifyReplay: true });
      expect(sim.snapshot().strategy).toEqual(normalized);
      for (const n of ['a', 'b']) {
        sim.write(n, 'title', { type: 'set', value: `from ${n}` });
        sim.write(n, 'cart', { type: 'add', item: n });
        sim.write(n, 'likes', { type: 'increment', by: 1 });
        sim.write(n, 'notes', { type: 'insert', index: 0, text: n });
        sim.write(n, 'rows', { type: 'insertRow', value: n });
      }
      sim.runUntilQuiescent();
      const nodes = sim.snapshot().nodes;
      for (const node of nodes) {
        for (const [key, type] of Object.entries(cluster.keys)) {
          if (type !== 'table') expect(invalidValueReason(type, node.keys[key]?.value), `${node.id}.${key}`).toBeNull();
        }
        // Rows are the same under every strategy; distinct offsets keep both.
        expect(node.keys.rows?.value).toEqual([
          { id: 1, value: 'a' },
          { id: 2, value: 'b' },
        ]);
      }
      // Two writes at one instant are a tie: a conflict the strategy records.
      expect(sim.history().some((e) => e.type === 'conflict')).toBe(true);
      const [a, b] = nodes.map((n) => Object.fromEntries(Object.entries(n.keys).map(([k, s]) => [k, s.value])));
      if (normalized.tieBreak === 'apply-remote') {
        // pglogical's rule is the one that diverges, by design: each side took the other's value.
        expect(a?.title).toBe('from b');
        expect(b?.title).toBe('from a');
      } else {
        expect(a).toEqual(b);
      }
    },
  );

  it.each(pickerEntries.map((e) => [e.id, e] as const))(
    'the picker lists %s and each of its options with the catalog’s labels, sentences and choices',
    (_id, entry) => {
      const store = createLabStore({ ...cluster, strategy: entryConfig(entry) });
      render(
        <LabContext.Provider value={store}>
          <StrategyPicker />
        </LabContext.Provider>,
      );
      const kind = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Conflict resolution' });
      expect(kind.value).toBe(entry.id);
      expect(kind.title).toBe(entry.description);
      expect(
        within(kind)
          .getAllByRole<HTMLOptionElement>('option')
          .map((o) => o.value),
      ).toEqual(pickerEntries.map((e) => e.id));
      const options = shownOptions(entryConfig(entry));
      expect(screen.getAllByRole('combobox')).toHaveLength(1 + options.length);
      for (const option of options) {
        const select = () => screen.getByRole<HTMLSelectElement>('combobox', { name: option.label });
        expect(select().title).toBe(option.description);
        expect(select().value).toBe(option.default);
        const shown = within(select())
          .getAllByRole<HTMLOptionElement>('option')
          .map((o) => ({ value: o.value, label: o.textContent, description: o.title }));
        expect(shown).toEqual(option.choices);
        for (const c of option.choices) {
          act(() => {
            fireEvent.change(select(), { target: { value: c.value } });
          });
          const strategy = store.getState().snapshot.strategy as unknown as Record<string, unknown>;
          expect(strategy[option.key], `${entry.id} ${option.key}: ${c.value}`).toBe(c.value);
          expect(select().value).toBe(c.value);
        }
      }
    },
  );

  it('gives Storybook a control per option, and the args turn back into the config', () => {
    const argTypes = strategyArgTypes();
    const defaults = strategyArgDefaults();
    expect(argTypes.strategy?.options).toEqual(pickerEntries.map((e) => e.id));
    for (const c of everyChoice) {
      const arg = Object.entries(argTypes).find(([, t]) => t.if?.eq === c.entry.id && t.name === c.option.label);
      expect(arg, named(c)).toBeDefined();
      const [name, type] = arg ?? ['', undefined];
      expect(type?.options).toEqual(c.option.choices.map((x) => x.value));
      expect(type?.control.labels[c.value]).toBe(c.option.choices.find((x) => x.value === c.value)?.label);
      expect(defaults[name]).toBe(c.option.default);
      const config = strategyFromArgs({ ...defaults, strategy: c.entry.id, [name]: c.value });
      expect(normalizeStrategy(config)).toEqual(normalizeStrategy(c.config));
    }
  });

  it('keeps each list of tie rules, resolvers and set CRDTs in its own module: no other source file lists them', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
      );
    const src = join(__dirname, '../../src');
    const lists = [
      ['lww', 'tieBreak', 'strategies/lww.ts'],
      ['custom', 'resolver', 'strategies/custom.ts'],
      ['crdt', 'set', 'strategies/crdt/index.ts'],
    ] as const;
    for (const [kind, key, home] of lists) {
      const values = catalog.find((m) => m.kind === kind)?.options.find((o) => o.key === key)?.choices ?? [];
      expect(values.length).toBeGreaterThan(2);
      for (const file of files(src)) {
        const text = readFileSync(file, 'utf8');
        const mentioned = values.filter((c) => text.includes(`'${c.value}'`));
        const where = relative(src, file);
        if (where !== home) expect(mentioned.length, `${where} lists ${kind} ${key}s`).toBeLessThan(2);
      }
    }
  });
});
