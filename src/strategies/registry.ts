/**
 * Strategies found by name. Each entry builds a strategy from its config; the model keeps
 * only the config (plain data) in its state, so snapshots stay serializable.
 */

import type { StrategyConfig } from '../core/types';
import { createCrdt } from './crdt';
import { createCustom } from './custom';
import { createLww } from './lww';
import { createMerge } from './merge';
import { createOt } from './ot';
import { withTables } from './table';
import type { Strategy, StrategyContext } from './types';

/** Build the strategy a config names; table keys are handled the same under every one. */
export function createStrategy(config: StrategyConfig, ctx: StrategyContext): Strategy {
  return withTables(createByKind(config, ctx), ctx);
}

function createByKind(config: StrategyConfig, ctx: StrategyContext): Strategy {
  switch (config.kind) {
    case 'lww':
      return createLww(config, ctx);
    case 'merge':
      return createMerge(config, ctx);
    case 'custom':
      return createCustom(config, ctx);
    case 'crdt':
      return createCrdt(config, ctx);
    case 'ot': {
      const fallback = config.fallback ?? 'lww';
      return createOt(
        config,
        ctx,
        createByKind(
          fallback === 'lww' ? { kind: 'lww' } : fallback === 'merge' ? { kind: 'merge' } : { kind: 'crdt' },
          ctx,
        ),
      );
    }
  }
}
