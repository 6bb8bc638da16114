/**
 * A seeded pseudo-random source (mulberry32), the model's only randomness. Its whole state
 * is one 32-bit number, so it is saved in checkpoints and a replay draws exactly the same
 * numbers.
 */

/**
 * The source's state for a seed.
 * @example const [x, next] = nextRandom(seedState(7)); // x in [0, 1)
 */
export function seedState(seed: number): number {
  // Mix the seed so that nearby seeds do not start nearby sequences.
  return Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
}

export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return [value, next];
}
