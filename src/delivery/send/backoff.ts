import { RetryPolicy } from '../delivery-settings';

/**
 * Returns the wait in milliseconds before retry number `retry` (1 for the first retry).
 * It doubles per retry up to `maxDelayMs`, and half of it is random ("equal jitter"), so
 * senders that failed together do not retry together yet each waits a minimum.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
