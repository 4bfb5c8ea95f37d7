/**
 * A small seeded pseudo-random generator (mulberry32), so a demo data set is the
 * same on every machine for the same seed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** Picks one value with probability proportional to its weight. */
  weighted<T>(values: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let threshold = this.next() * total;
    for (let index = 0; index < values.length; index++) {
      threshold -= weights[index];
      if (threshold < 0) {
        return values[index];
      }
    }
    return values[values.length - 1];
  }

  /** Draws from a normal distribution by the Box-Muller transform. */
  normal(mean: number, deviation: number): number {
    const u = Math.max(this.next(), Number.EPSILON);
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
