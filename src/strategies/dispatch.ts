/**
 * A strategy made of one strategy per key type (CRDTs pick a CRDT per type, OT handles
 * text and falls back for the rest, tables are the same under every strategy).
 */

import type { KeyType } from '../core/types';
import type { Strategy } from './types';

/** One strategy whose every function forwards to the strategy `pick` chooses for the key's type. */
export function byKeyType(kind: string, title: string, pick: (type: KeyType) => Strategy): Strategy {
  return {
    kind,
    title,
    init: (type) => pick(type).init(type),
    local: (input) => pick(input.type).local(input),
    remote: (input) => pick(input.type).remote(input),
    read: (state, type, key) => pick(type).read(state, type, key),
    inspect: (state, type) => pick(type).inspect?.(state, type) ?? {},
    contributors: (state, type, key) => pick(type).contributors?.(state, type, key) ?? null,
    refuses: (type, op) => pick(type).refuses?.(type, op) ?? null,
  };
}
