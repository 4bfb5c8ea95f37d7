import { BreakerPolicy } from '../delivery-settings';
import { TransportUnreachableError } from '../delivery-errors';
import { Timer } from './token-bucket';

/**
 * Circuit breaker for the transport as a whole. Connection-level failures (refused,
 * DNS, connect timeout) are counted across all sends, and any reply from the server
 * resets the count, so per-recipient 4xx and 5xx replies never open it. At
 * `maxConsecutiveFailures` it opens: every send fails at once with
 * `TransportUnreachableError` for `cooldownMs`. After that, attempts go through again,
 * and the first one that reaches the server closes it while one more connection failure
 * opens it again.
 */
export class TransportBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private lastFailure = '';

  constructor(
    private readonly policy: BreakerPolicy,
    /** Host and port the transport connects to, such as `127.0.0.1:2525`, without credentials. */
    private readonly destination: string,
    private readonly timer: Timer,
  ) {
    if (!Number.isInteger(policy.maxConsecutiveFailures) || policy.maxConsecutiveFailures < 1) {
      throw new Error(`breaker maxConsecutiveFailures must be a positive integer, got ${policy.maxConsecutiveFailures}`);
    }
  }

  get isOpen(): boolean {
    return this.openedAt !== null && this.timer.now() - this.openedAt < this.policy.cooldownMs;
  }

  /** Throws `TransportUnreachableError` while the breaker is open. */
  check(): void {
    if (this.isOpen) {
      throw this.error();
    }
  }

  /** Records an attempt that reached the server, whether it accepted the message or replied with an error. */
  recordReached(): 'closed' {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    return 'closed';
  }

  /**
   * Records an attempt that could not connect. Returns `opened` when this failure opened
   * the breaker, `open` when it was open already, and `closed` otherwise.
   */
  recordConnectionFailure(message: string): 'closed' | 'opened' | 'open' {
    this.consecutiveFailures += 1;
    this.lastFailure = message;
    if (this.isOpen) {
      return 'open';
    }
    if (this.consecutiveFailures < this.policy.maxConsecutiveFailures) {
      return 'closed';
    }
    this.openedAt = this.timer.now();
    return 'opened';
  }

  error(): TransportUnreachableError {
    return new TransportUnreachableError(this.destination, this.consecutiveFailures, this.lastFailure, this.policy.cooldownMs);
  }
}
