/**
 * Strategies found by name in the catalog. Each entry builds a strategy from its config; the
 * model keeps only the config (plain data) in its state, so snapshots stay serializable.
 */

import { type StrategyConfig, strategyModule } from './catalog';
import { withTables } from './table';
import type { Strategy, StrategyContext } from './types';

/** Build the strategy a config names; table keys are handled the same under every one. */
export function createStrategy(config: StrategyConfig, ctx: StrategyContext): Strategy {
  return withTables(build(config, ctx), ctx);
}

function build(config: { readonly kind: string }, ctx: StrategyContext): Strategy {
  const module = strategyModule(config.kind);
  if (!module) throw new Error(`no strategy "${config.kind}" in the catalog`);
  return module.create(module.withDefaults(config), ctx, (next) => build(next, ctx));
}
