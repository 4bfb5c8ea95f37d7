/** A source of pseudo-random numbers that repeats exactly for the same seed. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
}

/**
 * Creates a seeded generator (mulberry32: 32 bits of state, period 2^32), so that a
 * plugin given the same seed and data trains the same model on every machine.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = Math.trunc(seed) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };

  return {
    next,
    below: (bound: number): number => Math.floor(next() * bound),
  };
}

/** Shuffles `values` in place (Fisher-Yates) and returns it. */
export function shuffleInPlace<T>(values: T[], random: RandomSource): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
  return values;
}
