/**
 * A memo for pure functions of a string, such as time zone checks that cost tens of
 * microseconds each. Once `capacity` keys are stored, it clears every entry and starts over,
 * which keeps memory bounded on data with unbounded distinct values.
 */
export class BoundedCache<T> {
  private readonly entries = new Map<string, { value: T }>();

  constructor(private readonly capacity: number) {}

  getOrCompute(key: string, compute: (key: string) => T): T {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      return cached.value;
    }
    if (this.entries.size >= this.capacity) {
      this.entries.clear();
    }
    const value = compute(key);
    this.entries.set(key, { value });
    return value;
  }
}
