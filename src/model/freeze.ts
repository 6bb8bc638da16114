/**
 * Freezing what the model hands out (events, messages, snapshots), so a caller that edits
 * what it was given cannot reach into the simulation's state or its checkpoints.
 */

/** Freeze `value` and everything it holds; objects already frozen are skipped, so shared parts are frozen once. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    // An index loop: `for in` over a long array (a text's characters) makes a string per index.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) deepFreeze(v);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'object' && v !== null) deepFreeze(v);
  }
  return value;
}
