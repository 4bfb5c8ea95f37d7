/** Clock and timer a rate limiter runs on; tests pass a fake one. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_TIMER: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Token bucket: `ratePerSecond` tokens refill continuously up to `burst`; each message
 * takes one and waits when none is left. Callers are served in arrival order.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly timer: Timer = SYSTEM_TIMER,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new Error(`rate limit needs a positive rate and a burst of at least 1, got rate ${ratePerSecond}/s and burst ${burst}`);
    }
    this.tokens = burst;
    this.updatedAt = timer.now();
  }

  /** Resolves when a token is taken. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.timer.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }

  private refill(): void {
    const now = this.timer.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}
