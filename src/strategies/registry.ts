import type { StrategyConfig } from '../model/types';
import { createLww } from './lww';
import type { Strategy, StrategyContext, StrategyFactory } from './types';

/**
 * Strategies found by name. Each entry builds a strategy from its config; the model keeps
 * only the config (plain data) in its state, so snapshots stay serializable.
 */
const factories: Record<StrategyConfig['kind'], StrategyFactory> = {
  lww: createLww,
};

export const strategyKinds = Object.keys(factories) as StrategyConfig['kind'][];

export function createStrategy(config: StrategyConfig, ctx: StrategyContext): Strategy {
  const factory = factories[config.kind];
  return factory(config, ctx);
}
