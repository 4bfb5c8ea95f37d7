/**
 * Keeps the `capacity` best (score, index) pairs seen so far in a min-heap, so
 * choosing the top N of M candidates costs O(M log N). Ties go to the entry whose
 * tie key sorts first, which makes rankings repeatable.
 */
export class TopN {
  private readonly scores: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly tieKey: (index: number) => string | number,
  ) {
    this.scores = new Float64Array(Math.max(capacity, 0));
    this.indices = new Int32Array(Math.max(capacity, 0));
  }

  /** Offers one candidate; NaN scores are ignored. */
  offer(index: number, score: number): void {
    if (this.capacity <= 0 || Number.isNaN(score)) {
      return;
    }
    if (this.size < this.capacity) {
      this.scores[this.size] = score;
      this.indices[this.size] = index;
      this.size++;
      this.siftUp(this.size - 1);
      return;
    }
    if (this.isWorse(score, index, this.scores[0], this.indices[0])) {
      return;
    }
    this.scores[0] = score;
    this.indices[0] = index;
    this.siftDown(0);
  }

  /** Returns the kept entries, best first. */
  sorted(): Array<{ index: number; score: number }> {
    const result: Array<{ index: number; score: number }> = [];
    for (let at = 0; at < this.size; at++) {
      result.push({ index: this.indices[at], score: this.scores[at] });
    }
    result.sort((a, b) => (this.isWorse(a.score, a.index, b.score, b.index) ? 1 : -1));
    return result;
  }

  /** True when (scoreA, indexA) ranks below (scoreB, indexB). */
  private isWorse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
    if (scoreA !== scoreB) {
      return scoreA < scoreB;
    }
    return this.tieKey(indexA) > this.tieKey(indexB);
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.isWorse(this.scores[at], this.indices[at], this.scores[parent], this.indices[parent])) {
        return;
      }
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < this.size && this.isWorse(this.scores[left], this.indices[left], this.scores[worst], this.indices[worst])) {
        worst = left;
      }
      if (right < this.size && this.isWorse(this.scores[right], this.indices[right], this.scores[worst], this.indices[worst])) {
        worst = right;
      }
      if (worst === at) {
        return;
      }
      this.swap(at, worst);
      at = worst;
    }
  }

  private swap(a: number, b: number): void {
    const score = this.scores[a];
    this.scores[a] = this.scores[b];
    this.scores[b] = score;
    const index = this.indices[a];
    this.indices[a] = this.indices[b];
    this.indices[b] = index;
  }
}
