import fc from 'fast-check';
import type { StrategyConfig } from '../../src/model';
import { catalog, pickerEntries } from '../../src/strategies/catalog';

/**
 * A fast-check arbitrary of strategy configs, derived from the strategy catalog: every picker
 * entry with every combination of its options' built-in choices. A new tie rule or set CRDT
 * declared in its module is searched by every property test without touching this file.
 */
export function strategyArb(options: { ot: boolean }): fc.Arbitrary<StrategyConfig> {
  const entries = pickerEntries.filter((e) => options.ot || e.kind !== 'ot');
  return fc.oneof(
    ...entries.map((entry) => {
      const module = catalog.find((m) => m.kind === entry.kind);
      const applying = (module?.options ?? []).filter(
        (o) => !(o.key in entry.fixed) && Object.entries(o.when).every(([k, want]) => entry.fixed[k] === want),
      );
      const fields = Object.fromEntries(
        applying.map((o) => [o.key, fc.constantFrom(...o.choices.map((c) => c.value))] as const),
      );
      return fc
        .record(fields)
        .map((chosen) => ({ kind: entry.kind, ...entry.fixed, ...chosen }) as unknown as StrategyConfig);
    }),
  );
}
